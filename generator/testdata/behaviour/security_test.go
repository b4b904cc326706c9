package security

// Copied next to the generated security client by TestGolden.

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestCredentials(t *testing.T) {
	var got http.Header
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	c, err := NewClient(srv.URL, WithBearer("tok"))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.GetMe(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got.Get("Authorization") != "Bearer tok" {
		t.Errorf("default security sent Authorization %q", got.Get("Authorization"))
	}
	if err := c.GetPublic(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got.Get("Authorization") != "" {
		t.Errorf("an operation without security sent Authorization %q", got.Get("Authorization"))
	}
	c2, err := NewClient(srv.URL, WithKey("k"), WithBasic("u", "p"))
	if err != nil {
		t.Fatal(err)
	}
	if err := c2.GetMe(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got.Get("X-API-Key") != "k" || got.Get("Authorization") == "" {
		t.Errorf("key and basic: X-API-Key %q, Authorization %q", got.Get("X-API-Key"), got.Get("Authorization"))
	}
	if s, err := ServerURL("", "v3"); err == nil {
		t.Errorf("ServerURL accepted v3: %s", s)
	}
	if s, _ := ServerURL("", ""); s != DefaultServerURL || DefaultServerURL != "https://acme.example.com/v1" {
		t.Errorf("ServerURL defaults %s", s)
	}
}
