package errors

// Copied next to the generated errors client by TestGolden.

import (
	"context"
	goerrors "errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/genclient/genclient/runtime"
)

func client(t *testing.T, status int, ctype, body string) *Client {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", ctype)
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	c, err := NewClient(srv.URL, runtime.WithRetry(runtime.RetryPolicy{MaxAttempts: 1}))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestErrorModelsInOneStep(t *testing.T) {
	ctx := context.Background()
	_, err := client(t, 402, "application/json", `{"error":{"type":"card_error","message":"declined"}}`).GetCharge(ctx, "ch_1")
	if e, ok := AsError(err); !ok || e.Error.Message.Value() != "declined" {
		t.Errorf("AsError: %v %v (%v)", e, ok, err)
	}
	_, err = client(t, 404, "application/json", `{"message":"no such charge"}`).GetCharge(ctx, "ch_2")
	var p *Problem
	if !goerrors.As(err, &p) || p.Message.Value() != "no such charge" {
		t.Errorf("errors.As Problem: %v (%v)", p, err)
	}
	if _, ok := AsError(err); ok {
		t.Error("AsError found an Error in a 404 whose model is Problem")
	}
	for _, body := range []struct{ ctype, text string }{
		{"text/html", "<html>Bad gateway</html>"}, {"application/json", ""}, {"application/json", `{"error":{"ty`},
	} {
		_, err := client(t, 502, body.ctype, body.text).GetCharge(ctx, "ch_3")
		var apiErr *runtime.APIError
		if !goerrors.As(err, &apiErr) || apiErr.StatusCode != 502 || string(apiErr.Body) != body.text {
			t.Errorf("%q: APIError %v", body.text, err)
		}
		if e, ok := AsError(err); ok || e != nil {
			t.Errorf("%q: a model from a body that is not one: %v", body.text, e)
		}
	}
}
