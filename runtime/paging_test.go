package runtime

import (
	"context"
	"errors"
	"net/http"
	"testing"
)

type pagedItem struct {
	ID string `json:"id"`
}

func collectIDs(t *testing.T, s *Session, call *Call, p Paging) (string, error) {
	t.Helper()
	out := ""
	for v, err := range AllPaged[pagedItem](context.Background(), s, call, p) {
		if err != nil {
			return out, err
		}
		out += v.ID
	}
	return out, nil
}

// TestAllPagedHasMore walks a Stripe-style list: the cursor is the last
// item's id, sent as starting_after, until has_more is false.
func TestAllPagedHasMore(t *testing.T) {
	var asked []string
	s := stubSession(t, func(w http.ResponseWriter, r *http.Request) {
		after := r.URL.Query().Get("starting_after")
		asked = append(asked, after)
		switch after {
		case "":
			_, _ = w.Write([]byte(`{"object":"list","data":[{"id":"a"},{"id":"b"}],"has_more":true}`))
		case "b":
			_, _ = w.Write([]byte(`{"object":"list","data":[{"id":"c"}],"has_more":false}`))
		default:
			t.Errorf("unexpected starting_after %q", after)
		}
	})
	got, err := collectIDs(t, s, NewCall("GET", "/v1/charges"), Paging{Kind: "cursor", Param: "starting_after", CursorItem: "id", HasMore: "has_more", Items: "data"})
	if got != "abc" || err != nil || len(asked) != 2 {
		t.Errorf("got %q, %v after asking %q", got, err, asked)
	}
}

// TestAllPagedURL follows the next page's URL in the body: a key with
// dots (@odata.nextLink), a nested one (links.next), relative and absolute
// URLs; another origin is refused.
func TestAllPagedURL(t *testing.T) {
	var base string
	s := stubSession(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.RequestURI() {
		case "/odata":
			_, _ = w.Write([]byte(`{"value":[{"id":"1"}],"@odata.nextLink":"/odata?$skiptoken=2"}`))
		case "/odata?$skiptoken=2":
			_, _ = w.Write([]byte(`{"value":[{"id":"2"}],"@odata.nextLink":"` + base + `/odata?$skiptoken=3"}`))
		case "/odata?$skiptoken=3":
			_, _ = w.Write([]byte(`{"value":[{"id":"3"}]}`))
		case "/links":
			_, _ = w.Write([]byte(`{"data":[{"id":"x"}],"links":{"next":"links?page=2"}}`))
		case "/links?page=2":
			_, _ = w.Write([]byte(`{"data":[{"id":"y"}],"links":{"next":null}}`))
		case "/away":
			_, _ = w.Write([]byte(`{"data":[{"id":"z"}],"next":"https://evil.example/steal"}`))
		default:
			t.Errorf("unexpected request %s", r.URL.RequestURI())
		}
	})
	base = s.BaseURL()
	if got, err := collectIDs(t, s, NewCall("GET", "/odata"), Paging{Kind: "url", Cursor: "@odata.nextLink", Items: "value"}); got != "123" || err != nil {
		t.Errorf("odata: %q %v", got, err)
	}
	if got, err := collectIDs(t, s, NewCall("GET", "/links"), Paging{Kind: "url", Cursor: "links.next", Items: "data"}); got != "xy" || err != nil {
		t.Errorf("links.next: %q %v", got, err)
	}
	if got, err := collectIDs(t, s, NewCall("GET", "/away"), Paging{Kind: "url", Cursor: "next", Items: "data"}); got != "z" || !errors.Is(err, ErrCrossOriginLink) {
		t.Errorf("cross-origin: %q %v", got, err)
	}
}
