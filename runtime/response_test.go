package runtime

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"
)

func stubSession(t *testing.T, h http.HandlerFunc) *Session {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	s, err := New(srv.URL, WithRetry(RetryPolicy{MaxAttempts: 1}))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

type rateHeaders struct {
	Limit     Opt[int64] `header:"X-Rate-Limit"`
	Remaining int        `header:"X-Remaining"`
	Tags      []string   `header:"X-Tags"`
	Request   string     `header:"X-Request-ID"`
	Missing   Opt[bool]  `header:"X-Missing"`
	Untagged  string
}

func TestResponseHeaders(t *testing.T) {
	ctx := context.Background()
	s := stubSession(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Rate-Limit", "60")
		w.Header().Set("X-Remaining", "oops")
		w.Header().Add("X-Tags", "a, b")
		w.Header().Add("X-Tags", "c")
		w.Header().Set("X-Request-ID", "123")
		w.WriteHeader(http.StatusAccepted)
	})
	var meta ResponseMeta
	var h rateHeaders
	if err := Exec(ctx, s, NewCall("GET", "/"), WithResponse(&meta), WithResponseHeaders(&h)); err != nil {
		t.Fatal(err)
	}
	if meta.StatusCode != 202 || meta.Header.Get("X-Rate-Limit") != "60" {
		t.Errorf("meta %+v", meta)
	}
	if h.Limit != Some[int64](60) || h.Remaining != 0 || fmt.Sprint(h.Tags) != "[a b c]" || h.Request != "123" || h.Missing.IsSet() {
		t.Errorf("headers %+v", h)
	}
	if err := DecodeHeaders(meta.Header, &h); err == nil {
		t.Error("DecodeHeaders: no error for X-Remaining: oops")
	}
	if err := DecodeHeaders(meta.Header, h); err == nil {
		t.Error("DecodeHeaders accepted a non-pointer")
	}
	if err := Exec(ctx, s, NewCall("GET", "/"), WithResponseHeaders(3)); err == nil {
		t.Error("WithResponseHeaders accepted an int")
	}
	if err := Exec(ctx, s, NewCall("GET", "/"), WithResponse(nil)); err == nil {
		t.Error("WithResponse accepted nil")
	}
}

type created struct {
	ID int `json:"id"`
}

func TestDecodeFuncAndText(t *testing.T) {
	ctx := context.Background()
	s := stubSession(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/201":
			w.WriteHeader(201)
			_, _ = w.Write([]byte(`{"id":7}`))
		case "/200":
			_, _ = w.Write([]byte(`["a"]`))
		case "/204":
			w.WriteHeader(204)
		case "/html":
			w.Header().Set("Content-Type", "text/html")
			_, _ = w.Write([]byte(`<html>oops</html>`))
		case "/text":
			_, _ = w.Write([]byte("hello"))
		case "/truncated":
			w.Header().Set("Content-Length", "100")
			_, _ = w.Write([]byte(`{"id":`))
		default:
			w.WriteHeader(418)
		}
	})
	var c *created
	var l []string
	into := func(status int) any {
		switch status {
		case 201:
			return &c
		case 200:
			return &l
		}
		return nil
	}
	for _, tt := range []struct {
		path   string
		status int
		check  func() bool
	}{
		{"/201", 201, func() bool { return c != nil && c.ID == 7 }},
		{"/200", 200, func() bool { return len(l) == 1 }},
		{"/204", 204, func() bool { return true }},
	} {
		st, err := DecodeFunc(ctx, s, NewCall("GET", tt.path), into)
		if err != nil || st != tt.status || !tt.check() {
			t.Errorf("%s: %d %v", tt.path, st, err)
		}
	}
	st, err := DecodeFunc(ctx, s, NewCall("GET", "/html"), into)
	var de *DecodeError
	if !errors.As(err, &de) || de.StatusCode != 200 || string(de.Body) != "<html>oops</html>" || st != 200 {
		t.Errorf("html: %d %v", st, err)
	}
	var te *TransportError
	if _, err := DecodeFunc(ctx, s, NewCall("GET", "/truncated"), into); !errors.As(err, &te) {
		t.Errorf("truncated: %v", err)
	}
	var ae *APIError
	if _, err := DecodeFunc(ctx, s, NewCall("GET", "/teapot"), into); !errors.As(err, &ae) || ae.StatusCode != 418 {
		t.Errorf("unknown status: %v", err)
	}
	if txt, err := Text(ctx, s, NewCall("GET", "/text")); txt != "hello" || err != nil {
		t.Errorf("Text: %q %v", txt, err)
	}
}

type delta struct {
	Text string `json:"text"`
}

func TestStream(t *testing.T) {
	ctx := context.Background()
	s := stubSession(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		switch r.URL.Path {
		case "/ok":
			_, _ = w.Write([]byte("data: {\"text\":\"a\"}\n\ndata: {\"text\":\"b\"}\n\n"))
		case "/done":
			_, _ = w.Write([]byte("data: {\"text\":\"a\"}\n\ndata: [DONE]\n\ndata: {\"text\":\"after\"}\n\n"))
		case "/bad":
			_, _ = w.Write([]byte("data: nope\n\n"))
		case "/err":
			_, _ = w.Write([]byte("data: {\"text\":\"a\"}\n\nevent: error\ndata: overloaded\n\n"))
		default:
			w.WriteHeader(500)
		}
	})
	var got string
	for d, err := range Stream[delta](ctx, s, NewCall("GET", "/ok")) {
		if err != nil {
			t.Fatal(err)
		}
		got += d.Text
	}
	for d, err := range Stream[string](ctx, s, NewCall("GET", "/ok")) {
		if err != nil {
			t.Fatal(err)
		}
		got += d
	}
	for ev, err := range Stream[Event](ctx, s, NewCall("GET", "/ok")) {
		if err != nil || ev.Type != "message" {
			t.Fatal(ev, err)
		}
		break
	}
	if got != `ab{"text":"a"}{"text":"b"}` {
		t.Errorf("got %q", got)
	}
	// The [DONE] sentinel ends a JSON stream; a string stream yields it.
	got = ""
	for d, err := range Stream[delta](ctx, s, NewCall("GET", "/done")) {
		if err != nil {
			t.Fatal(err)
		}
		got += d.Text
	}
	for d, err := range Stream[string](ctx, s, NewCall("GET", "/done")) {
		if err != nil {
			t.Fatal(err)
		}
		got += "|" + d
	}
	if got != `a|{"text":"a"}|[DONE]|{"text":"after"}` {
		t.Errorf("[DONE]: got %q", got)
	}
	var de *DecodeError
	for _, err := range Stream[delta](ctx, s, NewCall("GET", "/bad")) {
		if !errors.As(err, &de) {
			t.Errorf("bad data: %v", err)
		}
	}
	var se *StreamError
	n := 0
	for _, err := range Stream[delta](ctx, s, NewCall("GET", "/err")) {
		n++
		if n == 2 && !errors.As(err, &se) {
			t.Errorf("error event: %v", err)
		}
	}
	var ae *APIError
	for _, err := range Stream[delta](ctx, s, NewCall("GET", "/500")) {
		if !errors.As(err, &ae) {
			t.Errorf("500: %v", err)
		}
	}
}

func TestCheck(t *testing.T) {
	if err := NewCall("GET", "/").Check("status", shade("red")).Err(); err != nil {
		t.Error(err)
	}
	err := NewCall("GET", "/").Check("status", shade("mauve")).Err()
	if !errors.Is(err, ErrInvalidValue) || err.Error() != `runtime: status: invalid value "mauve"` {
		t.Errorf("got %v", err)
	}
	if err := NewCall("GET", "/").Check("s", Some(shade("x"))).Err(); !errors.Is(err, ErrInvalidValue) {
		t.Errorf("Opt: %v", err)
	}
	if err := NewCall("GET", "/").Check("s", None[shade]()).Err(); err != nil {
		t.Errorf("absent Opt: %v", err)
	}
	if err := NewCall("GET", "/").Check("s", []shade{"red", "x"}).Err(); !errors.Is(err, ErrInvalidValue) {
		t.Errorf("slice: %v", err)
	}
}

type shade string

func (c shade) Valid() bool { return c == "red" }

func TestAllPaged(t *testing.T) {
	ctx := context.Background()
	s := stubSession(t, func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		switch r.URL.Path {
		case "/cursor":
			switch q.Get("after") {
			case "":
				_, _ = w.Write([]byte(`{"data":[1,2],"meta":{"next":"c\"1"}}`))
			case `c"1`:
				_, _ = w.Write([]byte(`{"data":[3],"meta":{"next":null}}`))
			}
		case "/loop":
			_, _ = w.Write([]byte(`{"data":[1],"next":7}`))
		case "/offset":
			off, _ := strconv.Atoi(q.Get("offset"))
			items := []int{1, 2, 3, 4, 5}
			end := min(off+2, len(items))
			fmt.Fprintf(w, "%v", jsonInts(items[min(off, end):end]))
		case "/page":
			p, _ := strconv.Atoi(q.Get("page"))
			p = max(p, 1)
			if p <= 2 {
				fmt.Fprintf(w, `{"items":[%d]}`, p)
			} else {
				_, _ = w.Write([]byte(`{"items":[]}`))
			}
		case "/done":
			_, _ = w.Write([]byte("data: {\"text\":\"a\"}\n\ndata: [DONE]\n\ndata: {\"text\":\"after\"}\n\n"))
		case "/bad":
			_, _ = w.Write([]byte(`{"data":"x"}`))
		}
	})
	collect := func(call *Call, p Paging, opts ...Option) (string, error) {
		out := ""
		for v, err := range AllPaged[int](ctx, s, call, p, opts...) {
			if err != nil {
				return out, err
			}
			out += strconv.Itoa(v)
		}
		return out, nil
	}
	if got, err := collect(NewCall("GET", "/cursor").AddQueryStyle("after", "", "form", true, false), Paging{Kind: "cursor", Param: "after", Cursor: "meta.next", Items: "data"}); got != "123" || err != nil {
		t.Errorf("cursor: %q %v", got, err)
	}
	if got, err := collect(NewCall("GET", "/offset"), Paging{Kind: "offset", Param: "offset"}); got != "12345" || err != nil {
		t.Errorf("offset: %q %v", got, err)
	}
	if got, err := collect(NewCall("GET", "/page"), Paging{Kind: "page", Param: "page", Items: "items"}); got != "12" || err != nil {
		t.Errorf("page: %q %v", got, err)
	}
	if _, err := collect(NewCall("GET", "/loop"), Paging{Kind: "cursor", Param: "c", Cursor: "next", Items: "data"}); !errors.Is(err, ErrPaginationLoop) {
		t.Errorf("loop: %v", err)
	}
	if got, err := collect(NewCall("GET", "/offset"), Paging{Kind: "offset", Param: "offset"}, WithMaxPages(1)); got != "12" || !errors.Is(err, ErrMaxPages) {
		t.Errorf("max pages: %q %v", got, err)
	}
	var de *DecodeError
	if _, err := collect(NewCall("GET", "/bad"), Paging{Kind: "cursor", Param: "c", Items: "data"}); !errors.As(err, &de) {
		t.Errorf("bad page: %v", err)
	}
	if _, err := collect(nil, Paging{}); err == nil {
		t.Error("nil call")
	}
	for range AllPaged[int](ctx, s, NewCall("GET", "/offset"), Paging{Kind: "offset", Param: "offset"}) {
		break
	}
}

func jsonInts(v []int) string {
	b := "["
	for i, x := range v {
		if i > 0 {
			b += ","
		}
		b += strconv.Itoa(x)
	}
	return b + "]"
}

func TestIsOneOf(t *testing.T) {
	values := []string{"available", "pending", ""}
	for v, want := range map[string]bool{"available": true, "pending": true, "": true, "sold": false, "Available": false} {
		if got := IsOneOf(v, values); got != want {
			t.Errorf("IsOneOf(%q) = %v, want %v", v, got, want)
		}
	}
	if IsOneOf("a", nil) {
		t.Error("IsOneOf with no values is true")
	}
}

func TestDecodeTo(t *testing.T) {
	ctx := context.Background()
	var hits atomic.Int32
	s := stubSession(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		switch r.URL.Path {
		case "/pet":
			_, _ = w.Write([]byte(`{"id":7}`))
		case "/list":
			_, _ = w.Write([]byte(`["a","b"]`))
		case "/204":
			w.WriteHeader(204)
		case "/empty":
		case "/partial":
			_, _ = w.Write([]byte(`{"id":8,"bad"`))
		default:
			w.WriteHeader(404)
		}
	})
	var p *created
	if err := DecodeTo(ctx, s, NewCall("GET", "/pet"), &p); err != nil || p == nil || p.ID != 7 {
		t.Fatalf("pet: %+v %v", p, err)
	}
	var l []string
	if err := DecodeTo(ctx, s, NewCall("GET", "/list"), &l); err != nil || len(l) != 2 || l[1] != "b" {
		t.Fatalf("list: %v %v", l, err)
	}
	// No body: the value stays as it was (the zero value in generated code).
	for _, path := range []string{"/204", "/empty"} {
		var p *created
		if err := DecodeTo(ctx, s, NewCall("GET", path), &p); err != nil || p != nil {
			t.Errorf("%s: %+v %v", path, p, err)
		}
	}
	// An error leaves the zero value, never a partly decoded one.
	v := created{ID: 99}
	var de *DecodeError
	if err := DecodeTo(ctx, s, NewCall("GET", "/partial"), &v); !errors.As(err, &de) || v != (created{}) {
		t.Errorf("partial: %+v %v", v, err)
	}
	l = []string{"x"}
	var ae *APIError
	if err := DecodeTo(ctx, s, NewCall("GET", "/missing"), &l); !errors.As(err, &ae) || ae.StatusCode != 404 || l != nil {
		t.Errorf("404: %v %v", l, err)
	}
	// Not a pointer: an error before any I/O.
	n := hits.Load()
	var nilPtr *[]string
	for _, out := range []any{l, nilPtr, nil} {
		if err := DecodeTo(ctx, s, NewCall("GET", "/list"), out); err == nil {
			t.Errorf("DecodeTo into %T accepted", out)
		}
	}
	if hits.Load() != n {
		t.Error("DecodeTo sent a request for an invalid destination")
	}
}
