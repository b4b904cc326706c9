package runtime

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
)

// TestAPIErrorTextTrimmed checks that the error message does not end with
// the body's trailing newline (or start with its leading white space).
func TestAPIErrorTextTrimmed(t *testing.T) {
	s := stubSession(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte("\n  {\"error\":\"etcdserver: requested lease not found\",\"code\":5}\n"))
	})
	err := Exec(context.Background(), s, NewCall("POST", "/v3/lease/timetolive"))
	var ae *APIError
	if !errors.As(err, &ae) {
		t.Fatal(err)
	}
	msg := ae.Error()
	if !strings.HasSuffix(msg, `: 404 Not Found: {"error":"etcdserver: requested lease not found","code":5}`) {
		t.Errorf("Error() = %q", msg)
	}
	if !strings.HasPrefix(string(ae.Body), "\n") {
		t.Errorf("Body changed: %q", ae.Body)
	}
}
