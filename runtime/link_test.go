package runtime

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
)

func TestParseLinksVectors(t *testing.T) {
	base, _ := url.Parse("https://a/list?page=1")
	type rel struct{ Rel, URL string }
	cases := []struct {
		name   string
		values []string
		want   []rel
	}{
		{"comma in URL", []string{`<https://a/x?ids=1,2&page=2>; rel="next"`}, []rel{{"next", "https://a/x?ids=1,2&page=2"}}},
		{"semicolon in URL, bare rel", []string{`<https://a/x;v=1?page=2>;rel=next`}, []rel{{"next", "https://a/x;v=1?page=2"}}},
		{"quoted title with separators, REL", []string{`<https://a/x?page=2>; title="a, b; c=d"; REL="Next"`}, []rel{{"next", "https://a/x?page=2"}}},
		{"relative, two rels", []string{`</p?page=2>; rel="next last"`}, []rel{{"next", "https://a/p?page=2"}, {"last", "https://a/p?page=2"}}},
		{"two header lines", []string{`<https://a/1>; rel="prev"`, `<https://a/3>; rel="next"`}, []rel{{"prev", "https://a/1"}, {"next", "https://a/3"}}},
		{"first rel counts", []string{`<https://a/1>; rel="next"; rel="prev"`}, []rel{{"next", "https://a/1"}}},
		{"valueless param", []string{`<https://a/1>; rel=next; title`}, []rel{{"next", "https://a/1"}}},
		{"empty elements", []string{`, , <https://a/1>; rel="next"`}, []rel{{"next", "https://a/1"}}},
		{"malformed then good", []string{`<https://a/1; rel="prev", <https://a/2>; rel="next"`}, []rel{{"next", "https://a/2"}}},
		{"junk element", []string{`garbage; rel=x, <https://a/2>; rel="next"`}, []rel{{"next", "https://a/2"}}},
		{"nested <", []string{`<https://a/1<https://a/2>; rel=next`}, []rel{{"next", "https://a/2"}}},
		{"escaped quote", []string{`<https://a/2>; title="say \"hi\", ok"; rel=next`}, []rel{{"next", "https://a/2"}}},
		{"extension rel", []string{`<https://a/2>; rel="https://example.org/rel/X"`}, []rel{{"https://example.org/rel/x", "https://a/2"}}},
		{"bad param", []string{`<https://a/1>; =x, <https://a/2>; rel=next`}, []rel{{"next", "https://a/2"}}},
		{"unterminated", []string{`<https://a/1`}, nil},
		{"no rel", []string{`<https://a/1>`}, []rel{{"", "https://a/1"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got []rel
			for _, l := range ParseLinks(base, tc.values...) {
				got = append(got, rel{l.Rel, l.URL.String()})
			}
			if !reflect.DeepEqual(tc.want, got) {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestParseLinksParams(t *testing.T) {
	ls := ParseLinks(nil, `<https://a/1>; rel=next; title="plain"; title*=UTF-8'de'n%C3%A4chste; type="application/json"; hreflang=en; hreflang=de; anchor="https://a/other"`)
	if len(ls) != 1 {
		t.Fatal(ls)
	}
	l := ls[0]
	if l.Title != "nächste" || l.Type != "application/json" || strings.Join(l.HrefLang, ",") != "en,de" || l.Anchor.String() != "https://a/other" {
		t.Errorf("%+v", l)
	}
	if got := ParseLinks(nil, `<https://a/1>; title*=iso-8859-1'en'%A3%20rates`)[0].Title; got != "£ rates" {
		t.Errorf("latin-1 title %q", got)
	}
	if got := ParseLinks(nil, `<https://a/1>; title="x"; title*=bogus`)[0].Title; got != "x" {
		t.Errorf("bad title* fallback %q", got)
	}
	// An anchored next describes another resource: not ours.
	h := http.Header{"Link": {`<https://a/2>; rel=next; anchor="https://a/elsewhere"`}}
	if _, ok := NextLink(h, &url.URL{Scheme: "https", Host: "a", Path: "/1"}); ok {
		t.Error("anchored next followed")
	}
	if _, ok := NextLink(http.Header{}, nil); ok {
		t.Error("next without header")
	}
}

// pager serves pages /items?page=N of 2 items with Link next, up to last.
func pager(last int, next func(page int, r *http.Request) string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, _ := strconv.Atoi(r.URL.Query().Get("page"))
		if p == 0 {
			p = 1
		}
		if p < last {
			w.Header().Add("Link", `<https://example.invalid/first>; rel="first"`)
			w.Header().Add("Link", fmt.Sprintf(`<%s>; rel="next"`, next(p, r)))
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `[%d,%d]`, 2*p-1, 2*p)
	})
}

func TestAllFollowsLinks(t *testing.T) {
	checkGoroutines(t)
	var calls atomic.Int32
	h := pager(5, func(p int, r *http.Request) string { return fmt.Sprintf("/items?page=%d", p+1) })
	srv, cc := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		h.ServeHTTP(w, r)
	}))
	s, _ := newSession(t, srv.URL)
	var got []int
	for v, err := range All[int](bg(), s, NewCall("GET", "/items")) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, v)
	}
	if want := []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}; !reflect.DeepEqual(want, got) {
		t.Errorf("got %v, want %v", got, want)
	}
	// Early break: one page fetched, its body closed, connection reusable.
	calls.Store(0)
	for v, err := range All[int](bg(), s, NewCall("GET", "/items")) {
		if err != nil || v != 1 {
			t.Fatal(v, err)
		}
		break
	}
	if calls.Load() != 1 || cc.opened.Load() != 1 {
		t.Errorf("break: %d calls, %d connections", calls.Load(), cc.opened.Load())
	}
	// A panic in the loop body reaches the caller; the pages' fetching
	// (a coroutine of the iterator) ends with it (checkGoroutines).
	calls.Store(0)
	func() {
		defer func() {
			if r := recover(); r != "body" {
				t.Errorf("recovered %v, want the loop body's panic", r)
			}
		}()
		for range All[int](bg(), s, NewCall("GET", "/items")) {
			panic("body")
		}
	}()
	if calls.Load() != 1 {
		t.Errorf("panic: %d calls", calls.Load())
	}
	// Pages exposes URL and Next.
	n := 0
	for p, err := range Pages[int](bg(), s, NewCall("GET", "/items")) {
		if err != nil {
			t.Fatal(err)
		}
		n++
		if (p.Next == nil) != (n == 5) || !strings.Contains(p.URL.String(), "/items") {
			t.Errorf("page %d: next %v url %v", n, p.Next, p.URL)
		}
	}
}

func TestPaginationStops(t *testing.T) {
	loop := pager(100, func(p int, r *http.Request) string { return "/items?page=2" })
	srv, _ := newServer(t, loop)
	s, _ := newSession(t, srv.URL)
	var last error
	n := 0
	for _, err := range All[int](bg(), s, NewCall("GET", "/items")) {
		if err != nil {
			last = err
			break
		}
		n++
	}
	if !errors.Is(last, ErrPaginationLoop) || n != 4 {
		t.Errorf("loop: %d items, %v", n, last)
	}

	far := pager(100, func(p int, r *http.Request) string { return fmt.Sprintf("/items?page=%d", p+1) })
	srv2, _ := newServer(t, far)
	s2, _ := newSession(t, srv2.URL)
	n, last = 0, nil
	for _, err := range All[int](bg(), s2, NewCall("GET", "/items"), WithMaxPages(3)) {
		if err != nil {
			last = err
			continue
		}
		n++
	}
	if !errors.Is(last, ErrMaxPages) || n != 6 {
		t.Errorf("max pages: %d items, %v", n, last)
	}

	cross := pager(3, func(p int, r *http.Request) string { return "https://evil.example/items?page=2" })
	srv3, _ := newServer(t, cross)
	s3, _ := newSession(t, srv3.URL)
	for _, err := range All[int](bg(), s3, NewCall("GET", "/items")) {
		last = err
	}
	if !errors.Is(last, ErrCrossOriginLink) {
		t.Errorf("cross origin: %v", last)
	}

	// Errors: a failing page, a page that is not an array.
	bad, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/obj" {
			io.WriteString(w, `{"a":1}`)
			return
		}
		w.WriteHeader(404)
	}))
	s4, _ := newSession(t, bad.URL)
	for _, err := range All[int](bg(), s4, NewCall("GET", "/missing")) {
		var apiErr *APIError
		if !errors.As(err, &apiErr) || apiErr.StatusCode != 404 {
			t.Errorf("404: %v", err)
		}
	}
	for _, err := range All[int](bg(), s4, NewCall("GET", "/obj")) {
		var de *DecodeError
		if !errors.As(err, &de) {
			t.Errorf("decode: %v", err)
		}
	}
	for _, err := range All[int](bg(), s4, nil) {
		if err == nil {
			t.Error("nil call")
		}
	}
	for _, err := range ErrSeq[int](errors.New("boom")) {
		if err == nil || err.Error() != "boom" {
			t.Error(err)
		}
	}
}

func TestAllFuncWrappedPages(t *testing.T) {
	srv, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("cursor") == "" {
			w.Header().Set("Link", `<?cursor=b>; rel=next`)
			io.WriteString(w, `{"items":["a"]}`)
			return
		}
		io.WriteString(w, `{"items":["b"]}`)
	}))
	s, _ := newSession(t, srv.URL)
	type page struct{ Items []string }
	var got []string
	for v, err := range AllFunc(bg(), s, NewCall("GET", "/l"), func(p *page) []string { return p.Items }) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, v)
	}
	if strings.Join(got, "") != "ab" {
		t.Errorf("got %q", got)
	}
}
