package runtime

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// manualClock is a clock whose time moves only when the test says;
// timers are real.
type manualClock struct {
	mu sync.Mutex
	t  time.Time
}

func newManualClock() *manualClock { return &manualClock{t: time.Now().Truncate(time.Second)} }

func (c *manualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *manualClock) AfterFunc(d time.Duration, f func()) Timer { return time.AfterFunc(d, f) }

func (c *manualClock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// seenRequest is what the origin records of a request.
type seenRequest struct {
	method, path, inm, ims, auth string
}

// cacheOrigin is a test server on 127.0.0.1 whose Date follows the
// test's clock and which counts and records the requests that reach it.
type cacheOrigin struct {
	*httptest.Server
	hits atomic.Int64
	mu   sync.Mutex
	seen []seenRequest
}

func newCacheOrigin(t *testing.T, clk *manualClock, h http.HandlerFunc) *cacheOrigin {
	o := &cacheOrigin{}
	o.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		o.hits.Add(1)
		o.mu.Lock()
		o.seen = append(o.seen, seenRequest{r.Method, r.URL.RequestURI(), r.Header.Get("If-None-Match"), r.Header.Get("If-Modified-Since"), r.Header.Get("Authorization")})
		o.mu.Unlock()
		w.Header().Set("Date", clk.Now().UTC().Format(http.TimeFormat))
		h(w, r)
	}))
	t.Cleanup(o.Close)
	return o
}

func (o *cacheOrigin) last() seenRequest {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.seen[len(o.seen)-1]
}

func cachedSession(t *testing.T, o *cacheOrigin, clk *manualClock, store CacheStore, opts ...Option) *Session {
	t.Helper()
	s, err := New(o.URL, append([]Option{WithCache(store), WithClock(clk)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

type cachePet struct {
	ID   int    `json:"id"`
	Name string `json:"name"`
}

// getPet decodes GET path and returns the pet and the response's
// Cache-Status.
func getPet(t *testing.T, s *Session, path string, opts ...Option) (cachePet, string) {
	t.Helper()
	var meta ResponseMeta
	p, err := Decode[cachePet](bg(), s, NewCall("GET", path), append(opts, WithResponse(&meta))...)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	return p, meta.Header.Get("Cache-Status")
}

func TestCacheFreshHitMakesNoRequest(t *testing.T) {
	clk := newManualClock()
	o := newCacheOrigin(t, clk, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=60")
		w.Header().Set("Set-Cookie", "sid=1")
		io.WriteString(w, `{"id":1,"name":"Rex"}`)
	})
	store := NewMemoryCache(0)
	s := cachedSession(t, o, clk, store)
	if p, cs := getPet(t, s, "/pets/1"); p.Name != "Rex" || cs != "genclient; fwd=uri-miss; fwd-status=200" {
		t.Fatalf("first: %+v %q", p, cs)
	}
	clk.advance(59 * time.Second)
	var meta ResponseMeta
	p, err := Decode[cachePet](bg(), s, NewCall("GET", "/pets/1"), WithResponse(&meta))
	if err != nil || p.Name != "Rex" {
		t.Fatal(p, err)
	}
	if n := o.hits.Load(); n != 1 {
		t.Errorf("a fresh response cost %d requests, want 1", n)
	}
	if cs, age := meta.Header.Get("Cache-Status"), meta.Header.Get("Age"); cs != "genclient; hit" || age != "59" {
		t.Errorf("Cache-Status %q, Age %q", cs, age)
	}
	if meta.Header.Get("Set-Cookie") != "" {
		t.Error("a stored Set-Cookie was replayed")
	}
	// A raw Do sees the stored body too.
	resp, err := s.Do(bg(), NewCall("GET", "/pets/1"))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(b) != `{"id":1,"name":"Rex"}` || resp.ContentLength != int64(len(b)) || o.hits.Load() != 1 {
		t.Errorf("Do: %q, length %d, %d requests", b, resp.ContentLength, o.hits.Load())
	}
	clk.advance(2 * time.Second) // stale now, and without a validator: fetched again
	if _, cs := getPet(t, s, "/pets/1"); cs != "genclient; fwd=stale; fwd-status=200" || o.hits.Load() != 2 {
		t.Errorf("after max-age: %q, %d requests", cs, o.hits.Load())
	}
}

func TestCacheStaleRevalidatesWith304(t *testing.T) {
	clk := newManualClock()
	var version atomic.Int64
	o := newCacheOrigin(t, clk, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=60")
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("X-Version", strconv.FormatInt(version.Add(1), 10))
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.Header().Set("Cache-Control", "max-age=120")
			w.WriteHeader(http.StatusNotModified)
			return
		}
		io.WriteString(w, `{"id":1,"name":"Rex"}`)
	})
	s := cachedSession(t, o, clk, nil)
	getPet(t, s, "/pets/1")
	clk.advance(61 * time.Second)
	var meta ResponseMeta
	p, err := Decode[cachePet](bg(), s, NewCall("GET", "/pets/1"), WithResponse(&meta))
	if err != nil || p.Name != "Rex" {
		t.Fatalf("revalidated: %+v %v", p, err)
	}
	if n, last := o.hits.Load(), o.last(); n != 2 || last.inm != `"v1"` {
		t.Fatalf("%d requests, the last with If-None-Match %q", n, last.inm)
	}
	if meta.StatusCode != 200 || meta.Header.Get("Cache-Status") != "genclient; fwd=stale; fwd-status=304" || meta.Header.Get("X-Version") != "2" {
		t.Errorf("revalidated response: %d %v", meta.StatusCode, meta.Header)
	}
	// The 304's max-age=120 was stored: 100 s later it is still fresh.
	clk.advance(100 * time.Second)
	if _, cs := getPet(t, s, "/pets/1"); cs != "genclient; hit" || o.hits.Load() != 2 {
		t.Errorf("after the update: %q, %d requests", cs, o.hits.Load())
	}
}

func TestCacheLastModifiedIsRevalidatedEveryTime(t *testing.T) {
	clk := newManualClock()
	lm := clk.Now().Add(-24 * time.Hour).UTC().Format(http.TimeFormat)
	o := newCacheOrigin(t, clk, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Last-Modified", lm) // no freshness: none is guessed
		if r.Header.Get("If-Modified-Since") == lm {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		io.WriteString(w, `{"id":2,"name":"Tom"}`)
	})
	s := cachedSession(t, o, clk, nil)
	for i := 0; i < 3; i++ {
		if p, _ := getPet(t, s, "/pets/2"); p.Name != "Tom" {
			t.Fatalf("call %d: %+v", i, p)
		}
	}
	if n, last := o.hits.Load(), o.last(); n != 3 || last.ims != lm || last.inm != "" {
		t.Errorf("%d requests, last If-Modified-Since %q", n, last.ims)
	}
}

func TestCacheVarySeparates(t *testing.T) {
	clk := newManualClock()
	o := newCacheOrigin(t, clk, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=60")
		if r.URL.Path == "/star" {
			w.Header().Set("Vary", "*")
		} else {
			w.Header().Add("Vary", "Accept-Language")
			w.Header().Add("Vary", "accept")
		}
		fmt.Fprintf(w, `{"id":3,"name":%q}`, r.Header.Get("Accept-Language"))
	})
	s := cachedSession(t, o, clk, nil)
	for i, lang := range []string{"en", "fr", "en", "fr", "fr"} {
		p, _ := getPet(t, s, "/pets/3", WithHeader("Accept-Language", lang))
		if p.Name != lang {
			t.Fatalf("call %d (%s) got %q", i, lang, p.Name)
		}
	}
	if n := o.hits.Load(); n != 2 {
		t.Errorf("%d requests for two languages", n)
	}
	if _, cs := getPet(t, s, "/pets/3", WithHeader("Accept-Language", "de")); cs != "genclient; fwd=vary-miss; fwd-status=200" {
		t.Errorf("a third language: %q", cs)
	}
	for i := 0; i < 2; i++ {
		getPet(t, s, "/star")
	}
	if n := o.hits.Load(); n != 5 {
		t.Errorf("Vary: * was served from the cache (%d requests)", n)
	}
}

func TestCacheNoStoreIsNeverStored(t *testing.T) {
	clk := newManualClock()
	var noStore atomic.Bool
	noStore.Store(true)
	o := newCacheOrigin(t, clk, func(w http.ResponseWriter, r *http.Request) {
		if noStore.Load() {
			w.Header().Set("Cache-Control", "no-store, max-age=60")
		} else {
			w.Header().Set("Cache-Control", "max-age=60")
		}
		io.WriteString(w, `{"id":4,"name":"Kit"}`)
	})
	store := NewMemoryCache(0)
	s := cachedSession(t, o, clk, store)
	for i := 0; i < 3; i++ {
		getPet(t, s, "/pets/4")
	}
	if n, l := o.hits.Load(), store.Len(); n != 3 || l != 0 {
		t.Fatalf("no-store: %d requests, %d stored", n, l)
	}
	noStore.Store(false)
	getPet(t, s, "/pets/4")
	getPet(t, s, "/pets/4")
	if n, l := o.hits.Load(), store.Len(); n != 4 || l != 2 {
		t.Fatalf("storable: %d requests, %d stored (an index and an entry)", n, l)
	}
	// The request's own no-store bypasses, no-cache revalidates.
	getPet(t, s, "/pets/4", WithHeader("Cache-Control", "no-store"))
	if _, cs := getPet(t, s, "/pets/4", WithHeader("Cache-Control", "no-cache")); cs != "genclient; fwd=request; fwd-status=200" {
		t.Errorf("request no-cache: %q", cs)
	}
	if _, cs := getPet(t, s, "/pets/4", WithHeader("Pragma", "no-cache")); !strings.Contains(cs, "fwd=request") {
		t.Errorf("Pragma: no-cache: %q", cs)
	}
	if n := o.hits.Load(); n != 7 {
		t.Errorf("%d requests, want 7", n)
	}
	// A later no-store drops what was stored.
	noStore.Store(true)
	getPet(t, s, "/pets/4", WithHeader("Cache-Control", "max-age=0"))
	if l := store.Len(); l != 0 {
		t.Errorf("no-store left %d stored", l)
	}
}

func TestCacheUnsafeMethodInvalidates(t *testing.T) {
	clk := newManualClock()
	var fail atomic.Bool
	o := newCacheOrigin(t, clk, func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case "POST":
			if fail.Load() {
				w.WriteHeader(500)
				return
			}
			w.Header().Set("Location", "/pets/5")
			w.WriteHeader(201)
		default:
			w.Header().Set("Cache-Control", "max-age=600")
			io.WriteString(w, `{"id":5,"name":"Bo"}`)
		}
	})
	s := cachedSession(t, o, clk, nil)
	get := func() {
		getPet(t, s, "/pets")
		getPet(t, s, "/pets/5")
		if err := Exec(bg(), s, NewCall("HEAD", "/pets")); err != nil {
			t.Fatal(err)
		}
	}
	get()
	get()
	if n := o.hits.Load(); n != 3 {
		t.Fatalf("%d requests before the POST, want 3", n)
	}
	fail.Store(true)
	var apiErr *APIError
	if err := Exec(bg(), s, NewCall("POST", "/pets").JSON(cachePet{Name: "Bo"})); !errors.As(err, &apiErr) {
		t.Fatal(err)
	}
	get()
	if n := o.hits.Load(); n != 4 {
		t.Fatalf("a failed POST invalidated (%d requests, want 4)", n)
	}
	fail.Store(false)
	if err := Exec(bg(), s, NewCall("POST", "/pets").JSON(cachePet{Name: "Bo"})); err != nil {
		t.Fatal(err)
	}
	get()
	if n := o.hits.Load(); n != 8 {
		t.Errorf("after the POST: %d requests, want 8 (the URI, its Location, and HEAD fetched again)", n)
	}
}

func TestCacheCredentialsNeverShare(t *testing.T) {
	clk := newManualClock()
	o := newCacheOrigin(t, clk, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=600")
		who := r.Header.Get("Authorization") + r.Header.Get("X-Api-Key") + r.URL.Query().Get("api_key") + r.Header.Get("Cookie")
		fmt.Fprintf(w, `{"id":6,"name":%q}`, who)
	})
	store := NewMemoryCache(0)
	base := cachedSession(t, o, clk, store)
	other, err := New(o.URL, WithCache(store), WithClock(clk), WithAuth(BearerToken("carol"))) // another session, the same store
	if err != nil {
		t.Fatal(err)
	}
	derive := func(a Auth) *Session {
		d, err := base.With(WithAuth(a))
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	sessions := []struct {
		s    *Session
		want string
	}{
		{base, ""},
		{derive(BearerToken("alice")), "Bearer alice"},
		{derive(BearerToken("bob")), "Bearer bob"},
		{derive(APIKey("header", "X-Api-Key", "k1")), "k1"},
		{derive(APIKey("header", "X-Api-Key", "k2")), "k2"},
		{derive(APIKey("query", "api_key", "q1")), "q1"},
		{derive(APIKey("query", "api_key", "q2")), "q2"},
		{derive(APIKey("cookie", "session", "c1")), "session=c1"},
		{other, "Bearer carol"},
	}
	for round := 0; round < 2; round++ {
		for i, c := range sessions {
			if p, _ := getPet(t, c.s, "/me"); p.Name != c.want {
				t.Fatalf("round %d, session %d got the response for %q, want %q", round, i, p.Name, c.want)
			}
		}
	}
	if n := o.hits.Load(); n != int64(len(sessions)) {
		t.Errorf("%d requests, want one per credential (%d)", n, len(sessions))
	}
}

func TestCacheSignedRequestsBypass(t *testing.T) {
	clk := newManualClock()
	o := newCacheOrigin(t, clk, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=600")
		io.WriteString(w, `{"id":7}`)
	})
	var n atomic.Int64
	s := cachedSession(t, o, clk, nil, WithAuth(SignerFunc(func(r *http.Request) error {
		r.Header.Set("Authorization", "Sig "+strconv.FormatInt(n.Add(1), 10))
		return nil
	})))
	getPet(t, s, "/signed")
	if _, cs := getPet(t, s, "/signed"); cs != "genclient; fwd=bypass" || o.hits.Load() != 2 {
		t.Errorf("signed: %q, %d requests", cs, o.hits.Load())
	}
}

// TestCacheCancellationAndErrorsDoNotPoison: a body cut short by the
// caller or the server, and an error status, store nothing; a failed
// revalidation leaves the stored response as it was.
func TestCacheCancellationAndErrorsDoNotPoison(t *testing.T) {
	clk := newManualClock()
	var mode atomic.Value
	mode.Store("half")
	release := make(chan struct{})
	o := newCacheOrigin(t, clk, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=60")
		w.Header().Set("ETag", `"e"`)
		body := `{"id":8,"name":"Pip"}`
		switch mode.Load() {
		case "half": // the client cancels midway
			w.Header().Set("Content-Length", strconv.Itoa(len(body)))
			io.WriteString(w, body[:5])
			w.(http.Flusher).Flush()
			select {
			case <-release:
			case <-r.Context().Done():
			}
		case "cut": // the server drops the connection midway
			w.Header().Set("Content-Length", strconv.Itoa(len(body)))
			io.WriteString(w, body[:5])
			w.(http.Flusher).Flush()
			conn, _, _ := w.(http.Hijacker).Hijack()
			conn.Close()
		case "error":
			w.Header().Set("Cache-Control", "max-age=60")
			w.WriteHeader(503)
			io.WriteString(w, `{"message":"down"}`)
		case "ok":
			if r.Header.Get("If-None-Match") == `"e"` {
				w.WriteHeader(304)
				return
			}
			io.WriteString(w, body)
		case "drop": // revalidation fails before any response
			conn, _, _ := w.(http.Hijacker).Hijack()
			conn.Close()
		}
	})
	store := NewMemoryCache(0)
	s := cachedSession(t, o, clk, store, WithNoRetry())

	ctx, cancel := context.WithCancel(bg())
	resp, err := s.Do(ctx, NewCall("GET", "/pets/8"))
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 5)
	if _, err := io.ReadFull(resp.Body, buf); err != nil {
		t.Fatal(err)
	}
	cancel()
	if _, err := io.ReadAll(resp.Body); err == nil {
		t.Fatal("a cancelled body read to the end")
	}
	resp.Body.Close()
	close(release)
	if l := store.Len(); l != 0 {
		t.Fatalf("a cancelled call stored %d", l)
	}
	mode.Store("cut")
	if _, err := Decode[cachePet](bg(), s, NewCall("GET", "/pets/8")); err == nil {
		t.Fatal("a cut body decoded")
	}
	mode.Store("error")
	if _, err := Decode[cachePet](bg(), s, NewCall("GET", "/pets/8")); err == nil {
		t.Fatal("a 503 decoded")
	}
	if l := store.Len(); l != 0 {
		t.Fatalf("a cut body or an error stored %d", l)
	}
	mode.Store("ok")
	if p, _ := getPet(t, s, "/pets/8"); p.Name != "Pip" {
		t.Fatalf("%+v", p)
	}
	before := o.hits.Load()
	clk.advance(time.Minute + time.Second)
	for _, m := range []string{"drop", "error"} {
		mode.Store(m)
		if _, err := Decode[cachePet](bg(), s, NewCall("GET", "/pets/8")); err == nil {
			t.Fatalf("%s: a stale response was served when revalidation failed", m)
		}
	}
	mode.Store("ok")
	if p, cs := getPet(t, s, "/pets/8"); p.Name != "Pip" || cs != "genclient; fwd=stale; fwd-status=304" {
		t.Errorf("after failed revalidations: %+v %q", p, cs)
	}
	if n, last := o.hits.Load()-before, o.last(); n < 3 || last.inm != `"e"` {
		t.Errorf("%d requests, the last with If-None-Match %q", n, last.inm)
	}
}

// TestCacheGitHubStyle: conditional requests answered 304 cost no rate
// limit and are served from the cache.
func TestCacheGitHubStyle(t *testing.T) {
	clk := newManualClock()
	var remaining atomic.Int64
	remaining.Store(60)
	const etag = `W/"7f1c"`
	o := newCacheOrigin(t, clk, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "private, max-age=60, s-maxage=60")
		w.Header().Set("Vary", "Accept, Authorization, Cookie, X-GitHub-OTP")
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			w.Header().Set("X-RateLimit-Remaining", strconv.FormatInt(remaining.Load(), 10))
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("X-RateLimit-Remaining", strconv.FormatInt(remaining.Add(-1), 10))
		io.WriteString(w, `{"id":9,"name":"octocat"}`)
	})
	s := cachedSession(t, o, clk, nil, WithAuth(BearerToken("ghp_x")), WithInsecureCleartextAuth())
	for i := 0; i < 5; i++ {
		var meta ResponseMeta
		p, err := Decode[cachePet](bg(), s, NewCall("GET", "/users/octocat"), WithResponse(&meta))
		if err != nil || p.Name != "octocat" {
			t.Fatalf("call %d: %+v %v", i, p, err)
		}
		if got := meta.Header.Get("X-RateLimit-Remaining"); got != "59" {
			t.Errorf("call %d: X-RateLimit-Remaining %s", i, got)
		}
		clk.advance(61 * time.Second)
	}
	if n := o.hits.Load(); n != 5 || remaining.Load() != 59 {
		t.Errorf("%d requests, %d remaining", n, remaining.Load())
	}
}

func TestCacheCallerConditional(t *testing.T) {
	clk := newManualClock()
	o := newCacheOrigin(t, clk, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=60")
		w.Header().Set("ETag", `"c1"`)
		w.Header().Set("Last-Modified", "Mon, 02 Jan 2006 15:04:05 GMT")
		if r.Header.Get("If-None-Match") == `"c1"` {
			w.WriteHeader(304)
			return
		}
		io.WriteString(w, `{"id":10,"name":"Ada"}`)
	})
	s := cachedSession(t, o, clk, nil)
	getPet(t, s, "/pets/10")
	cond := func(name, value string) error {
		_, err := Decode[cachePet](bg(), s, NewCall("GET", "/pets/10").SetHeader(name, value))
		return err
	}
	var nm *NotModifiedError
	if err := cond("If-None-Match", `W/"c1", "x"`); !errors.As(err, &nm) || nm.Header.Get("Cache-Status") != "genclient; hit" {
		t.Errorf("a matching If-None-Match: %v", err)
	}
	if err := cond("If-Modified-Since", "Tue, 03 Jan 2006 15:04:05 GMT"); !errors.Is(err, ErrNotModified) {
		t.Errorf("a later If-Modified-Since: %v", err)
	}
	for _, c := range [][2]string{{"If-None-Match", `"other"`}, {"If-Modified-Since", "Sun, 01 Jan 2006 15:04:05 GMT"}, {"If-Modified-Since", "garbage"}} {
		if err := cond(c[0], c[1]); err != nil {
			t.Errorf("%s: %s: %v", c[0], c[1], err)
		}
	}
	if n := o.hits.Load(); n != 1 {
		t.Fatalf("fresh: %d requests", n)
	}
	clk.advance(2 * time.Minute)
	if err := cond("If-None-Match", `"c1"`); !errors.Is(err, ErrNotModified) {
		t.Errorf("stale, the server's 304: %v", err)
	}
	if n, last := o.hits.Load(), o.last(); n != 2 || last.inm != `"c1"` {
		t.Errorf("%d requests, If-None-Match %q", n, last.inm)
	}
	// The 304 refreshed the stored response.
	if _, cs := getPet(t, s, "/pets/10"); cs != "genclient; hit" {
		t.Errorf("after the caller's 304: %q", cs)
	}
}

// TestCache304ForAnotherRepresentation: a 304 whose ETag is not the
// stored one is not applied to it; the session asks again.
func TestCache304ForAnotherRepresentation(t *testing.T) {
	clk := newManualClock()
	var calls atomic.Int64
	o := newCacheOrigin(t, clk, func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 2 {
			w.Header().Set("ETag", `"new"`)
			w.WriteHeader(304)
			return
		}
		w.Header().Set("ETag", `"old"`)
		io.WriteString(w, `{"id":11,"name":"Eve"}`)
	})
	s := cachedSession(t, o, clk, nil)
	getPet(t, s, "/pets/11")
	if p, cs := getPet(t, s, "/pets/11"); p.Name != "Eve" || cs != "genclient; fwd=stale; fwd-status=200" || o.hits.Load() != 3 {
		t.Errorf("%+v %q after %d requests", p, cs, o.hits.Load())
	}
}

// TestCacheCallerConditionalForAnotherVersion: a 304 to the caller's
// validator for another version than the stored one (the 304 names no
// ETag) does not refresh the stored response.
func TestCacheCallerConditionalForAnotherVersion(t *testing.T) {
	clk := newManualClock()
	o := newCacheOrigin(t, clk, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") != "" {
			w.WriteHeader(304)
			return
		}
		w.Header().Set("Cache-Control", "max-age=60")
		w.Header().Set("ETag", `"s1"`)
		io.WriteString(w, `{"id":15,"name":"Sue"}`)
	})
	s := cachedSession(t, o, clk, nil)
	getPet(t, s, "/pets/15")
	clk.advance(2 * time.Minute)
	if _, err := Decode[cachePet](bg(), s, NewCall("GET", "/pets/15").SetHeader("If-None-Match", `"s0"`)); !errors.Is(err, ErrNotModified) {
		t.Fatalf("the caller's 304: %v", err)
	}
	if _, cs := getPet(t, s, "/pets/15"); cs != "genclient; fwd=stale; fwd-status=304" {
		t.Errorf("the stored response was refreshed by a 304 about another version: %q", cs)
	}
}

func TestCacheExpiresDateAge(t *testing.T) {
	clk := newManualClock()
	o := newCacheOrigin(t, clk, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/expires":
			w.Header().Set("Expires", clk.Now().Add(time.Hour).UTC().Format(http.TimeFormat))
		case "/expired":
			w.Header().Set("Expires", "0")
		case "/aged":
			w.Header().Set("Cache-Control", "max-age=3600")
			w.Header().Set("Age", "3590")
		case "/head":
			w.Header().Set("Cache-Control", "max-age=60")
			w.Header().Set("Content-Length", "21")
		}
		io.WriteString(w, `{"id":12,"name":"Ida"}`)
	})
	s := cachedSession(t, o, clk, nil)
	for _, p := range []string{"/expires", "/expired", "/aged"} {
		getPet(t, s, p)
	}
	clk.advance(11 * time.Second)
	for p, want := range map[string]string{"/expires": "genclient; hit", "/expired": "genclient; fwd=stale; fwd-status=200", "/aged": "genclient; fwd=stale; fwd-status=200"} {
		if _, cs := getPet(t, s, p); cs != want {
			t.Errorf("%s: %q, want %q", p, cs, want)
		}
	}
	for i := 0; i < 2; i++ {
		var meta ResponseMeta
		if err := Exec(bg(), s, NewCall("HEAD", "/head"), WithResponse(&meta)); err != nil {
			t.Fatal(err)
		}
		if i == 1 && meta.Header.Get("Cache-Status") != "genclient; hit" {
			t.Errorf("HEAD: %v", meta.Header)
		}
	}
	if n := o.hits.Load(); n != 6 {
		t.Errorf("%d requests, want 6", n)
	}
}

func TestCacheConcurrent(t *testing.T) {
	clk := newManualClock()
	o := newCacheOrigin(t, clk, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=600")
		w.Header().Set("Vary", "X-N")
		fmt.Fprintf(w, `{"id":%s,"name":"n"}`, r.Header.Get("X-N"))
	})
	s := cachedSession(t, o, clk, NewMemoryCache(4<<10)) // small: evictions while others read
	var wg sync.WaitGroup
	errs := make(chan error, 50)
	for g := 0; g < 50; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				n := (g + i) % 7
				p, err := Decode[cachePet](bg(), s, NewCall("GET", fmt.Sprintf("/c/%d", n%3)), WithHeader("X-N", strconv.Itoa(n)))
				if err == nil && p.ID != n {
					err = fmt.Errorf("asked %d, got %d", n, p.ID)
				}
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := o.hits.Load(); n >= 1000 {
		t.Errorf("%d requests for 1000 calls: nothing served from the cache", n)
	}
}

func TestWithCacheOnlyInNew(t *testing.T) {
	s, err := New("https://example.com")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.With(WithCache(nil)); err == nil {
		t.Error("WithCache accepted in With")
	}
	if _, err := New("https://example.com", WithCache(nil)); err != nil {
		t.Error(err)
	}
}

func TestMemoryCacheLRU(t *testing.T) {
	c := NewMemoryCache(30)
	c.Set("a", []byte("123456789")) // 10 bytes
	c.Set("b", []byte("123456789"))
	c.Set("c", []byte("123456789"))
	if c.Len() != 3 || c.Size() != 30 {
		t.Fatalf("%d entries, %d bytes", c.Len(), c.Size())
	}
	c.Get("a") // b is now the least recently used
	c.Set("d", []byte("1234"))
	if _, ok := c.Get("b"); ok {
		t.Error("b survived")
	}
	for _, k := range []string{"a", "c", "d"} {
		if _, ok := c.Get(k); !ok {
			t.Errorf("%s was dropped", k)
		}
	}
	c.Set("a", []byte("x")) // replacing frees the old size
	if c.Size() != 2+10+5 {
		t.Errorf("size %d", c.Size())
	}
	c.Set("huge", make([]byte, 31))
	if _, ok := c.Get("huge"); ok || c.Len() != 3 {
		t.Error("a value larger than the cache was kept")
	}
	c.Delete("a")
	c.Delete("missing")
	if c.Len() != 2 || c.MaxEntrySize() != 7 {
		t.Errorf("%d entries, max entry %d", c.Len(), c.MaxEntrySize())
	}
	if NewMemoryCache(0).max != DefaultCacheSize {
		t.Error("default size")
	}
}

func TestCacheLargeBodiesAreNotStored(t *testing.T) {
	clk := newManualClock()
	big := `{"id":13,"name":"` + strings.Repeat("x", 2000) + `"}`
	o := newCacheOrigin(t, clk, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=60")
		if r.URL.Path == "/chunked" {
			io.WriteString(w, big[:10])
			w.(http.Flusher).Flush() // no Content-Length
			io.WriteString(w, big[10:])
			return
		}
		io.WriteString(w, big)
	})
	store := NewMemoryCache(4000) // entries up to 1000 bytes
	s := cachedSession(t, o, clk, store)
	for _, p := range []string{"/big", "/big", "/chunked", "/chunked"} {
		getPet(t, s, p)
	}
	if n, l := o.hits.Load(), store.Len(); n != 4 || l != 0 {
		t.Errorf("%d requests, %d stored", n, l)
	}
}

func TestCacheControlParse(t *testing.T) {
	for _, tc := range []struct {
		in   []string
		want cacheControl
	}{
		{[]string{"max-age=60"}, cacheControl{hasMaxAge: true, maxAge: 60}},
		{[]string{`Max-Age="30", private`}, cacheControl{hasMaxAge: true, maxAge: 30}},
		{[]string{"max-age=60", "max-age=10"}, cacheControl{hasMaxAge: true, maxAge: 10}},
		{[]string{"max-age=abc"}, cacheControl{hasMaxAge: true}},
		{[]string{"max-age=99999999999999999999"}, cacheControl{hasMaxAge: true, maxAge: maxDelta}},
		{[]string{`no-cache="Set-Cookie, X-Foo", must-revalidate`}, cacheControl{noCache: true, mustRevalidate: true}},
		{[]string{`ext="a\"b,c", NO-STORE`}, cacheControl{noStore: true}},
		{[]string{"s-maxage=600, public, proxy-revalidate, , max-age"}, cacheControl{hasMaxAge: true}},
		{[]string{`x="unterminated`}, cacheControl{}},
		{[]string{`x="q" junk, no-cache`}, cacheControl{noCache: true}},
		{[]string{`x="q"`}, cacheControl{}},
	} {
		if got := parseCacheControl(tc.in); got != tc.want {
			t.Errorf("%q: %+v, want %+v", tc.in, got, tc.want)
		}
	}
}

func TestFreshnessAndAge(t *testing.T) {
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	date := now.Format(http.TimeFormat)
	h := func(kv ...string) http.Header {
		x := http.Header{}
		for i := 0; i < len(kv); i += 2 {
			x.Set(kv[i], kv[i+1])
		}
		return x
	}
	for _, tc := range []struct {
		h    http.Header
		want time.Duration
	}{
		{h("Cache-Control", "max-age=10", "Expires", now.Add(time.Hour).Format(http.TimeFormat)), 10 * time.Second},
		{h("Expires", now.Add(time.Hour).Format(http.TimeFormat), "Date", date), time.Hour},
		{h("Expires", now.Add(time.Hour).Format(http.TimeFormat)), time.Hour}, // no Date: the response time
		{h("Expires", now.Add(-time.Hour).Format(http.TimeFormat), "Date", date), 0},
		{h("Expires", "-1"), 0},
		{h("Cache-Control", "no-cache, max-age=60"), 0},
		{h("Last-Modified", now.Add(-24*time.Hour).Format(http.TimeFormat)), 0},
	} {
		if got := freshness(tc.h, now); got != tc.want {
			t.Errorf("freshness %v: %v, want %v", tc.h, got, tc.want)
		}
	}
	req, resp := now.Add(-2*time.Second), now
	for _, tc := range []struct {
		h    http.Header
		want time.Duration
	}{
		{h(), 2*time.Second + time.Minute},                                              // the response delay counts
		{h("Age", "100"), 102*time.Second + time.Minute},                                // Age plus the delay
		{h("Date", now.Add(-10*time.Second).Format(http.TimeFormat)), 70 * time.Second}, // apparent age
		{h("Age", "soon"), maxDelta*time.Second + 2*time.Second + time.Minute},
	} {
		if got := currentAge(tc.h, req, resp, now.Add(time.Minute)); got != tc.want {
			t.Errorf("age %v: %v, want %v", tc.h, got, tc.want)
		}
	}
}

func TestCacheCodec(t *testing.T) {
	e := &cacheEntry{reqTime: time.Unix(1, 2), respTime: time.Unix(3, 4), status: 200, header: http.Header{"Etag": {`"x"`}, "Vary": {"A", "B"}}, body: []byte("body")}
	got, err := decodeEntry(encodeEntry(e))
	if err != nil || got.status != 200 || !got.reqTime.Equal(e.reqTime) || !got.respTime.Equal(e.respTime) || string(got.body) != "body" || got.header.Get("Etag") != `"x"` || len(got.header["Vary"]) != 2 {
		t.Errorf("entry: %+v %v", got, err)
	}
	vs := []cacheVariant{{key: "k", cred: "c", vary: []string{"Accept"}, values: []string{"x"}}, {key: "k2"}}
	gv, err := decodeIndex(encodeIndex(vs))
	if err != nil || len(gv) != 2 || gv[0].values[0] != "x" || gv[1].key != "k2" {
		t.Errorf("index: %+v %v", gv, err)
	}
	for _, bad := range [][]byte{nil, {'R'}, {'R', 9}, {'I', 1, 5}, append(encodeEntry(e), 0), encodeEntry(e)[:10], {'I', 1, 1, 1, 'k', 0, 1, 1, 'A', 0}, {'R', 1, 0, 0, 1, 0, 0}, {'R', 1, 0, 0, 0xc8, 1, 0xff}} {
		_, err1 := decodeEntry(bad)
		_, err2 := decodeIndex(bad)
		if err1 == nil && err2 == nil {
			t.Errorf("%q decoded", bad)
		}
	}
	// A store holding garbage is a miss, not a failure.
	clk := newManualClock()
	o := newCacheOrigin(t, clk, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=60")
		io.WriteString(w, `{"id":14}`)
	})
	store := NewMemoryCache(0)
	s := cachedSession(t, o, clk, store)
	getPet(t, s, "/g")
	store.mu.Lock()
	for _, el := range store.m {
		el.Value.(*memItem).value = []byte("garbage")
	}
	store.mu.Unlock()
	getPet(t, s, "/g")
	if n := o.hits.Load(); n != 2 {
		t.Errorf("%d requests", n)
	}
}

func FuzzCacheControl(f *testing.F) {
	for _, s := range []string{"max-age=60", `no-cache="a,b", must-revalidate`, `x="\"`, "max-age=99999999999999999999999, no-store", ",,=,"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		cc := parseCacheControl([]string{s})
		if cc.maxAge < 0 || cc.maxAge > maxDelta || cc.maxAge > 0 && !cc.hasMaxAge {
			t.Fatalf("%q: %+v", s, cc)
		}
		// Splitting at a comma outside quotes changes nothing.
		if !strings.Contains(s, `"`) {
			if i := strings.IndexByte(s, ','); i >= 0 {
				if two := parseCacheControl([]string{s[:i], s[i+1:]}); two != cc {
					t.Fatalf("%q: %+v as one line, %+v as two", s, cc, two)
				}
			}
		}
	})
}

func FuzzCacheEntry(f *testing.F) {
	f.Add(encodeEntry(&cacheEntry{status: 200, header: http.Header{"A": {"b"}}, body: []byte("x")}))
	f.Add(encodeIndex([]cacheVariant{{key: "k", vary: []string{"A"}, values: []string{"v"}}}))
	f.Fuzz(func(t *testing.T, b []byte) {
		if e, err := decodeEntry(b); err == nil {
			again, err := decodeEntry(encodeEntry(e))
			if err != nil || again.status != e.status || string(again.body) != string(e.body) || len(again.header) != len(e.header) {
				t.Fatalf("entry does not round-trip: %v", err)
			}
		}
		if vs, err := decodeIndex(b); err == nil {
			again, err := decodeIndex(encodeIndex(vs))
			if err != nil || len(again) != len(vs) {
				t.Fatalf("index does not round-trip: %v", err)
			}
		}
	})
}
