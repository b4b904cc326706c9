package detectnextlink

// Copied next to the generated detect-next-link client by TestGolden.

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestListUsersAll follows @odata.nextLink, relative and absolute.
func TestListUsersAll(t *testing.T) {
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.RequestURI() {
		case "/users":
			io.WriteString(w, `{"value":[{"id":"a"}],"@odata.nextLink":"`+srv.URL+`/users?$skiptoken=x"}`)
		case "/users?$skiptoken=x":
			io.WriteString(w, `{"value":[{"id":"b"}],"@odata.nextLink":null}`)
		default:
			t.Errorf("request %s", r.URL.RequestURI())
		}
	}))
	defer srv.Close()
	c, err := NewClient(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for u, err := range c.ListUsersAll(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, u.ID.Value())
	}
	if len(ids) != 2 || ids[1] != "b" {
		t.Errorf("ids %v", ids)
	}
}
