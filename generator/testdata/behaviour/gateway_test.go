package gateway

// Copied next to the generated gateway client by TestGolden.

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/genclient/genclient/runtime"
)

// TestQuotedIntegersOnTheWire: integers the document carries as strings
// (fields, lists, maps, named schemas, query lists) are Go integers that
// travel as JSON strings, and a server that sends numbers instead is
// understood too.
func TestQuotedIntegersOnTheWire(t *testing.T) {
	var query string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		query = r.URL.RawQuery
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/v1/status":
			_, _ = io.WriteString(w, `{"revision":"9007199254740993","compact_revision":"-4","history":["1",2]}`)
		default:
			_, _ = io.WriteString(w, `{"members":"18446744073709551615"}`)
		}
	}))
	defer srv.Close()
	c, err := NewClient(srv.URL, runtime.WithRetry(runtime.RetryPolicy{MaxAttempts: 1}))
	if err != nil {
		t.Fatal(err)
	}
	st, err := c.Status(context.Background(), StatusRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if st.Revision.Value() != 9007199254740993 || st.CompactRevision.Value() != -4 || len(st.History) != 2 || st.History[1] != 2 {
		t.Errorf("decoded %+v", st)
	}
	if b, _ := runtime.Marshal(st); string(b) != `{"revision":"9007199254740993","compact_revision":"-4","history":["1","2"]}` {
		t.Errorf("re-encoded %s", b)
	}
	w := WatchRequest{StartRevision: runtime.Some[int64](5), WatchIDs: []int64{1, -2}, Sizes: map[string]uint64{"a": 18446744073709551615}}
	if b, _ := runtime.Marshal(w); string(b) != `{"start_revision":"5","watch_ids":["1","-2"],"sizes":{"a":"18446744073709551615"}}` {
		t.Errorf("request encoded as %s", b)
	}
	info, err := c.Info(context.Background(), &InfoParams{IDs: []int64{3, 4}})
	if err != nil {
		t.Fatal(err)
	}
	if query != "ids=3&ids=4" || info.Members.Value() != 18446744073709551615 {
		t.Errorf("query %q, decoded %+v", query, info)
	}
}
