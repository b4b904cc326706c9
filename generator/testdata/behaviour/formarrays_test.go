package formarrays

// Copied next to the generated formarrays client by TestGolden.

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/genclient/genclient/runtime"
)

func TestBracketArrays(t *testing.T) {
	var query, body string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		query, body = r.URL.RawQuery, string(b)
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	c, err := NewClient(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := c.ListSessions(ctx, &ListSessionsParams{Expand: []string{"a", "b"}}); err != nil {
		t.Fatal(err)
	}
	if q, _ := url.QueryUnescape(query); q != "expand[]=a&expand[]=b" {
		t.Errorf("query %q", q)
	}
	err = c.CreateSession(ctx, CreateSessionRequest{
		Mode:      "payment",
		Expand:    []string{"x"},
		LineItems: []CreateSessionRequestLineItemsItem{{Price: runtime.Some("p1"), Quantity: runtime.Some(2)}},
		Metadata:  map[string]string{"k": "v"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := url.QueryUnescape(body); b != "mode=payment&expand[]=x&line_items[][price]=p1&line_items[][quantity]=2&metadata[k]=v" {
		t.Errorf("body %q", b)
	}
}
