package main

import (
	"bytes"
	"context"
	"errors"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/genclient/genclient/examples/petstore/petstore"
	"github.com/genclient/genclient/runtime"
)

// readmeErrors is the error handling of README.md's "Use a generated
// client" example, line for line (TestREADMEExample checks the README
// holds it).
func readmeErrors(ctx context.Context, c *petstore.Client, log *log.Logger) {
	_, err := c.FindPetByID(ctx, 42)
	var model *petstore.Error // the error model the document declares

	if errors.As(err, &model) { // or: model, ok := petstore.AsError(err)
		log.Print(model.Message)
	}
	var apiErr *runtime.APIError
	if errors.As(err, &apiErr) { // every error status, whatever its body
		log.Print(apiErr.StatusCode, " ", len(apiErr.Body))
	}
}

const readmeSnippet = `var model *petstore.Error // the error model the document declares

if errors.As(err, &model) { // or: model, ok := petstore.AsError(err)
	log.Print(model.Message)
}
var apiErr *runtime.APIError
if errors.As(err, &apiErr) { // every error status, whatever its body
	log.Print(apiErr.StatusCode, " ", len(apiErr.Body))
}`

// TestREADMEExample runs the README's error handling against error bodies
// that are the model and bodies that are not (HTML, empty, cut off, the
// wrong JSON): the model is found in one step when there is one, and
// nothing panics otherwise.
func TestREADMEExample(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), readmeSnippet) {
		t.Errorf("README.md does not hold the tested example:\n%s", readmeSnippet)
	}
	tests := []struct {
		name, contentType, body string
		want                    string
	}{
		{"model", "application/json", `{"code":404,"message":"pet 42 not found"}`, "pet 42 not found\n404 41\n"},
		{"html", "text/html", "<html><body>Not Found</body></html>", "404 35\n"},
		{"empty", "application/json", "", "404 0\n"},
		{"truncated", "application/json", `{"code":404,"mess`, "404 17\n"},
		{"other JSON", "application/json", `["not","a","model"]`, "404 19\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", tc.contentType)
				w.WriteHeader(http.StatusNotFound)
				_, _ = w.Write([]byte(tc.body))
			}))
			defer srv.Close()
			c, err := petstore.NewClient(srv.URL)
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			readmeErrors(context.Background(), c, log.New(&out, "", 0))
			if out.String() != tc.want {
				t.Errorf("logged %q, want %q", out.String(), tc.want)
			}
		})
	}
}
