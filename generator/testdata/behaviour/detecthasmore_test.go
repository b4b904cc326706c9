package detecthasmore

// Copied next to the generated detect-has-more client by TestGolden.

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/genclient/genclient/runtime"
)

// TestGetChargesAll walks a Stripe-style list: starting_after is the last
// charge's id, the caller's limit is kept, and has_more false ends it.
func TestGetChargesAll(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if q.Get("limit") != "2" {
			t.Errorf("query %q lost the limit", r.URL.RawQuery)
		}
		w.Header().Set("Content-Type", "application/json")
		switch q.Get("starting_after") {
		case "":
			io.WriteString(w, `{"object":"list","url":"/v1/charges","has_more":true,"data":[{"id":"ch_1","amount":1},{"id":"ch_2","amount":2}]}`)
		case "ch_2":
			io.WriteString(w, `{"object":"list","url":"/v1/charges","has_more":false,"data":[{"id":"ch_3","amount":3}]}`)
		default:
			t.Errorf("starting_after %q", q.Get("starting_after"))
		}
	}))
	defer srv.Close()
	c, err := NewClient(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for ch, err := range c.GetChargesAll(context.Background(), &GetChargesParams{Limit: runtime.Some(2)}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, ch.ID)
	}
	if len(ids) != 3 || ids[2] != "ch_3" {
		t.Errorf("ids %v", ids)
	}
}
