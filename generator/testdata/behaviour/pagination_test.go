package pagination

// Copied next to the generated pagination client by TestGolden.

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/genclient/genclient/runtime"
)

func TestListItemsAll(t *testing.T) {
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Query().Get("page") {
		case "":
			if r.URL.Query().Get("per_page") != "2" {
				t.Errorf("first page query %q", r.URL.RawQuery)
			}
			w.Header().Set("Link", `<`+srv.URL+`/items?page=2>; rel="next"`)
			io.WriteString(w, `[{"id":1},{"id":2}]`)
		case "2":
			io.WriteString(w, `[{"id":3}]`)
		}
	}))
	defer srv.Close()
	c, err := NewClient(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int
	for it, err := range c.ListItemsAll(context.Background(), &ListItemsParams{PerPage: runtime.Some(2)}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, it.ID)
	}
	if len(ids) != 3 || ids[0] != 1 || ids[2] != 3 {
		t.Errorf("items %v", ids)
	}
}
