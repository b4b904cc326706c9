package runtime

import (
	"context"
	"net/http"
	"testing"
)

func TestFixedQueryInPathTemplate(t *testing.T) {
	var got string
	srv, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.URL.Path + "?" + r.URL.RawQuery
	}))
	s, _ := newSession(t, srv.URL+"/v1")
	call := NewCall("GET", "/responses/{id}?beta=true", "resp 1").AddQuery("include", []string{"a", "b"})
	if err := Exec(context.Background(), s, call); err != nil {
		t.Fatal(err)
	}
	if want := "/v1/responses/resp 1?include=a&include=b&beta=true"; got != want {
		t.Errorf("request = %q, want %q", got, want)
	}
}

func TestAcceptHeader(t *testing.T) {
	var got []string
	srv, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.Header.Get("Accept"))
	}))
	s, _ := newSession(t, srv.URL)
	ctx := context.Background()
	plain := NewCall("GET", "/a")
	png := NewCall("GET", "/qr")
	png.Accept = "image/png"
	for _, run := range []func() error{
		func() error { return Exec(ctx, s, plain) },
		func() error { return Exec(ctx, s, png) },
		func() error { return Exec(ctx, s, png, WithHeader("Accept", "image/webp")) },
	} {
		if err := run(); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{"application/json", "image/png", "image/webp"}
	if len(got) != len(want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("request %d: Accept = %q, want %q", i, got[i], want[i])
		}
	}
}

func TestNewErrorModel(t *testing.T) {
	m := NewErrorModel[APIError]
	a, b := m(404), m(500)
	pa, ok := a.(*APIError)
	if !ok || pa == nil {
		t.Fatalf("NewErrorModel[APIError](404) = %T, want a non-nil *APIError", a)
	}
	if pb := b.(*APIError); pa == pb {
		t.Fatal("NewErrorModel returned the same pointer twice; every error needs a fresh value")
	}
}

// TestCallServer: an operation the document serves from its own server
// goes there, with the API's credentials, from a Session on the default
// server; a Session pointed elsewhere keeps its base URL.
func TestCallServer(t *testing.T) {
	var got *http.Request
	rt := RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		got = r
		return &http.Response{StatusCode: 204, Body: http.NoBody, Header: http.Header{}, Request: r}, nil
	})
	for _, tc := range []struct{ base, want, auth string }{
		{"https://api.example.com/", "https://files.example.com/v1/files?a=1", "Bearer t"},
		{"https://api.example.com", "https://files.example.com/v1/files?a=1", "Bearer t"},
		{"http://127.0.0.1:9/mock", "http://127.0.0.1:9/mock/v1/files?a=1", "Bearer t"},
	} {
		s, err := New(tc.base, WithRoundTripper(rt), WithCredential("k", BearerToken("t")), WithDefaultSecurity(Requirement{"k"}), WithRetry(RetryPolicy{MaxAttempts: 1}))
		if err != nil {
			t.Fatal(err)
		}
		call := NewCall("POST", "/v1/files")
		call.AddQuery("a", 1)
		call.Server, call.ServerOf = "https://files.example.com/", "https://api.example.com/"
		if err := Exec(context.Background(), s, call); err != nil {
			t.Fatal(err)
		}
		if got.URL.String() != tc.want || got.Header.Get("Authorization") != tc.auth {
			t.Errorf("base %s: sent to %s with %q, want %s with %q", tc.base, got.URL, got.Header.Get("Authorization"), tc.want, tc.auth)
		}
	}
	s, _ := New("https://api.example.com/", WithRoundTripper(rt))
	call := NewCall("GET", "/x")
	call.Server, call.ServerOf = "files.example.com", "https://api.example.com/"
	if err := Exec(context.Background(), s, call); err == nil {
		t.Error("a relative Server was accepted")
	}
}
