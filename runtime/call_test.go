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
