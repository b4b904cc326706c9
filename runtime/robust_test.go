package runtime

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// 1: the context's error wins over the last attempt's during a wait.
func TestCancelDuringBackoff(t *testing.T) {
	srv, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	s, _ := newSession(t, srv.URL)
	for _, tc := range []struct {
		name string
		want error
		ctx  func() (context.Context, context.CancelFunc)
	}{
		{"cancel", context.Canceled, func() (context.Context, context.CancelFunc) { return context.WithCancel(bg()) }},
		{"cause", context.Canceled, func() (context.Context, context.CancelFunc) {
			ctx, c := context.WithCancelCause(bg())
			return ctx, func() { c(errors.New("shutting down")) }
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := tc.ctx()
			defer cancel()
			// ShouldRetry runs just before the wait: cancel there.
			err := Exec(ctx, s, NewCall("GET", "/"), WithRetry(RetryPolicy{ShouldRetry: func(_ *http.Response, _ error, retry bool) bool {
				cancel()
				return retry
			}}))
			var apiErr *APIError
			var ie *InterruptedError
			if !errors.Is(err, tc.want) || !errors.As(err, &apiErr) || apiErr.StatusCode != 503 || !errors.As(err, &ie) {
				t.Fatalf("err %v", err)
			}
			if !strings.Contains(err.Error(), "503") {
				t.Errorf("message lost the last attempt: %v", err)
			}
		})
	}
}

// 2: a query credential a server echoes into a cross-origin Location
// does not reach the other origin; other parameters do.
func TestRedirectScrubsQueryCredentials(t *testing.T) {
	var got atomic.Value
	other, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got.Store(r.URL.RawQuery)
		io.WriteString(w, `{}`)
	}))
	origin, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/x?"+r.URL.RawQuery+"&keep=1&X-Amz-Signature=presigned", http.StatusMovedPermanently)
	}))
	s, _ := newSession(t, origin.URL, WithAuth(APIKey("query", "key", "K3Y")), WithRedactNames("sess"))
	call := NewCall("GET", "/a").AddQuery("token", "T0K").AddQuery("sess", "S").AddQuery("page", "2")
	if err := Exec(bg(), s, call); err != nil {
		t.Fatal(err)
	}
	q, _ := url.ParseQuery(got.Load().(string))
	for _, n := range []string{"key", "token", "sess"} {
		if q.Has(n) {
			t.Errorf("%s reached the other origin: %v", n, q)
		}
	}
	if q.Get("keep") != "1" || q.Get("page") != "2" || q.Get("X-Amz-Signature") != "presigned" {
		t.Errorf("other parameters lost: %v", q)
	}
	// Same origin: nothing is scrubbed.
	same, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/a" {
			http.Redirect(w, r, "/b?"+r.URL.RawQuery, http.StatusFound)
			return
		}
		got.Store(r.URL.RawQuery)
	}))
	s2, _ := newSession(t, same.URL)
	if err := Exec(bg(), s2, NewCall("GET", "/a").AddQuery("token", "T")); err != nil || got.Load() != "token=T" {
		t.Fatal(got.Load(), err)
	}
}

// 3: a server that wants a client certificate we lack gets one attempt
// and a clear error, over HTTP/1.1 and HTTP/2.
func TestMissingClientCertificateNotRetried(t *testing.T) {
	p := newPKI(t)
	mtls := p.server(t, true)
	for _, h1 := range []bool{false, true} {
		for i := 0; i < 20; i++ {
			s, _ := newSession(t, mtls.URL, WithTLS(TLSOptions{CAPEM: p.caPEM}),
				WithTransportConfig(TransportConfig{DisableHTTP2: h1, ReadIdleTimeout: time.Hour}))
			err := Exec(bg(), s, NewCall("GET", "/"))
			var te *TransportError
			if !errors.As(err, &te) || !errors.Is(err, ErrClientCertificateRequired) || te.Attempts != 1 || te.Sent {
				t.Fatalf("h1=%v call %d: %v", h1, i, err)
			}
		}
	}
	// A server that only asks for a certificate still works without one.
	opt := p.server(t, false)
	opt.TLS.ClientAuth = tls.RequestClientCert
	s, _ := newSession(t, opt.URL, WithTLS(TLSOptions{CAPEM: p.caPEM}))
	if err := Exec(bg(), s, NewCall("GET", "/")); err != nil {
		t.Fatal(err)
	}
}

// 4: a per-call attempt timeout longer than the pool's response header
// timeout is honoured.
func TestLongPollPerCall(t *testing.T) {
	srv, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(300 * time.Millisecond) // a server slower than the shortened default below
		io.WriteString(w, `"late"`)
	}))
	s, _ := newSession(t, srv.URL, WithNoRetry())
	// Stand-in for the 60 s default, so the test does not wait a minute.
	s.shared.transport.ResponseHeaderTimeout = 50 * time.Millisecond
	if err := Exec(bg(), s, NewCall("GET", "/")); err == nil || !isTimeout(err) {
		t.Fatalf("default bound not applied: %v", err)
	}
	got, err := Decode[string](bg(), s, NewCall("GET", "/"), WithAttemptTimeout(time.Hour))
	if err != nil || got != "late" {
		t.Fatalf("long poll cut: %q %v", got, err)
	}
	s.shared.longMu.Lock()
	built := s.shared.long != nil
	s.shared.longMu.Unlock()
	if err := s.Close(); err != nil || !built {
		t.Fatal("long-poll pool not used", err)
	}
}

// 5: closing a partly read body of known length keeps the HTTP/1
// connection. (A body of unknown length may be a stream that never
// ends; Close does not wait on it.)
func TestEarlyCloseReusesConnection(t *testing.T) {
	for _, size := range []int{5000, 64 << 10} {
		srv, cc := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", strconv.Itoa(size))
			w.Write(bytes.Repeat([]byte("x"), size))
		}))
		s, _ := newSession(t, srv.URL)
		for i := 0; i < 100; i++ {
			resp, err := s.Do(bg(), NewCall("GET", "/"))
			if err != nil {
				t.Fatal(err)
			}
			buf := make([]byte, 10)
			if _, err := io.ReadFull(resp.Body, buf); err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			// Unread entirely, too.
			resp, err = s.Do(bg(), NewCall("GET", "/"))
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
		}
		if n := cc.opened.Load(); n > 2 {
			t.Errorf("%d bytes: %d connections for 200 calls", size, n)
		}
	}
}

// waitClosed waits until the server saw all its connections close.
func waitClosed(t *testing.T, cc *connCounter) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for cc.closed.Load() < cc.opened.Load() {
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d connections still open", cc.opened.Load()-cc.closed.Load(), cc.opened.Load())
		}
		time.Sleep(5 * time.Millisecond) // polling for the server's view, not timing behaviour
	}
}

// 6: CloseIdleConnections reaches the pool through every wrapper, and
// Session.Close releases it.
func TestCloseIdleConnections(t *testing.T) {
	srv, cc := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, `{}`) }))
	mw := func(next http.RoundTripper) http.RoundTripper {
		return RoundTripperFunc(func(r *http.Request) (*http.Response, error) { return next.RoundTrip(r) })
	}
	for name, opts := range map[string][]Option{
		"plain":      nil,
		"auth":       {WithAuth(BearerToken("t")), WithInsecureCleartextAuth()},
		"middleware": {WithMiddleware(mw)},
	} {
		s, _ := newSession(t, srv.URL, opts...)
		if err := Exec(bg(), s, NewCall("GET", "/")); err != nil {
			t.Fatal(err)
		}
		s.HTTPClient().CloseIdleConnections()
		waitClosed(t, cc)
		_ = name
	}

	s, _ := newSession(t, srv.URL)
	d, _ := s.With(WithHeader("X", "1"))
	resp, err := s.Do(bg(), NewCall("GET", "/")) // in flight across Close
	if err != nil {
		t.Fatal(err)
	}
	if err := Exec(bg(), d, NewCall("GET", "/")); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s.Close() // idempotent
	if _, err := io.ReadAll(resp.Body); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	waitClosed(t, cc)
	for _, x := range []*Session{s, d} {
		if err := Exec(bg(), x, NewCall("GET", "/")); !errors.Is(err, ErrSessionClosed) {
			t.Fatalf("after Close: %v", err)
		}
	}
	// A supplied transport is told too.
	var closed atomic.Bool
	rt := &closeRecorder{RoundTripper: http.DefaultTransport, closed: &closed}
	s3, _ := New(srv.URL, WithRoundTripper(rt))
	s3.Close()
	if !closed.Load() {
		t.Error("custom transport not closed")
	}
}

type closeRecorder struct {
	http.RoundTripper
	closed *atomic.Bool
}

func (c *closeRecorder) CloseIdleConnections() { c.closed.Store(true) }

// 7: a proxy's refusal to CONNECT is one attempt and a typed error.
func TestProxyConnectRefused(t *testing.T) {
	for _, tc := range []struct {
		status, attempts int
		method           string
	}{{407, 1, "GET"}, {407, 1, "POST"}, {503, 3, "POST"}} {
		var connects atomic.Int32
		proxy, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodConnect {
				connects.Add(1)
			}
			w.Header().Set("Proxy-Authenticate", `Basic realm="proxy"`)
			w.WriteHeader(tc.status)
		}))
		s, _ := newSession(t, "https://api.invalid", WithProxy(proxy.URL))
		err := Exec(bg(), s, NewCall(tc.method, "/x"))
		var apiErr *APIError
		var pe *ProxyError
		if !errors.As(err, &apiErr) || apiErr.StatusCode != tc.status || !errors.As(err, &pe) || apiErr.Attempts != tc.attempts {
			t.Fatalf("%d %s: %v", tc.status, tc.method, err)
		}
		if connects.Load() != int32(tc.attempts) || !strings.Contains(err.Error(), "proxy") {
			t.Errorf("%d %s: %d CONNECTs; %v", tc.status, tc.method, connects.Load(), err)
		}
	}
	// The same status from a plain-http proxy is the same error type.
	proxy, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(407) }))
	s, _ := newSession(t, "http://api.invalid", WithProxy(proxy.URL))
	var apiErr *APIError
	if err := Exec(bg(), s, NewCall("GET", "/x")); !errors.As(err, &apiErr) || apiErr.StatusCode != 407 || apiErr.Attempts != 1 {
		t.Fatal(err)
	}
}

// 8: gzip and deflate bodies are decoded when the caller asked for them.
func TestContentEncodingDecoded(t *testing.T) {
	encode := map[string]func(io.Writer) io.WriteCloser{
		"gzip":        func(w io.Writer) io.WriteCloser { return gzip.NewWriter(w) },
		"deflate":     func(w io.Writer) io.WriteCloser { return zlib.NewWriter(w) },
		"raw deflate": func(w io.Writer) io.WriteCloser { z, _ := flate.NewWriter(w, 5); return z },
	}
	for name, enc := range encode {
		ce := strings.TrimPrefix(name, "raw ")
		srv, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", ce)
			if r.URL.Path == "/err" {
				w.WriteHeader(400)
			}
			if r.Method == "HEAD" {
				return
			}
			z := enc(w)
			io.WriteString(z, `{"id":7}`)
			z.Close()
		}))
		s, _ := newSession(t, srv.URL, WithHeader("Accept-Encoding", ce))
		v, err := Decode[map[string]int](bg(), s, NewCall("GET", "/"))
		if err != nil || v["id"] != 7 {
			t.Fatalf("%s Decode: %v %v", name, v, err)
		}
		if txt, err := Text(bg(), s, NewCall("GET", "/")); err != nil || txt != `{"id":7}` {
			t.Fatalf("%s Text: %q %v", name, txt, err)
		}
		resp, err := s.Do(bg(), NewCall("GET", "/"))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if string(b) != `{"id":7}` || resp.Header.Get("Content-Encoding") != "" {
			t.Fatalf("%s Do: %q", name, b)
		}
		var apiErr *APIError
		if err := Exec(bg(), s, NewCall("GET", "/err")); !errors.As(err, &apiErr) || string(apiErr.Body) != `{"id":7}` {
			t.Fatalf("%s error body: %v", name, err)
		}
		if err := Exec(bg(), s, NewCall("HEAD", "/")); err != nil {
			t.Fatalf("%s HEAD: %v", name, err)
		}
	}
}

// 9: JSON with a UTF-8 byte-order mark decodes on every path.
func TestJSONWithBOM(t *testing.T) {
	srv, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path == "/err" {
			w.WriteHeader(422)
		}
		io.WriteString(w, "\xef\xbb\xbf[{\"id\":1}]")
	}))
	s, _ := newSession(t, srv.URL)
	if v, err := Decode[[]map[string]int](bg(), s, NewCall("GET", "/")); err != nil || v[0]["id"] != 1 {
		t.Fatal(v, err)
	}
	var got []map[string]int
	if _, err := DecodeFunc(bg(), s, NewCall("GET", "/"), func(int) any { return &got }); err != nil || got[0]["id"] != 1 {
		t.Fatal(got, err)
	}
	for v, err := range All[map[string]int](bg(), s, NewCall("GET", "/")) {
		if err != nil || v["id"] != 1 {
			t.Fatal(v, err)
		}
	}
	call := NewCall("GET", "/err")
	call.ErrorModel = func(int) any { return new([]map[string]int) }
	var apiErr *APIError
	if err := Exec(bg(), s, call); !errors.As(err, &apiErr) || apiErr.Model == nil {
		t.Fatal(err)
	}
}

// 10: a next link that redirects to a page already seen ends the walk
// before that page is yielded again.
func TestPaginationRedirectLoop(t *testing.T) {
	srv, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("page") == "2" {
			http.Redirect(w, r, "/items", http.StatusFound)
			return
		}
		w.Header().Set("Link", `</items?page=2>; rel="next"`)
		io.WriteString(w, `[1,2]`)
	}))
	s, _ := newSession(t, srv.URL)
	var items []int
	var last error
	for v, err := range All[int](bg(), s, NewCall("GET", "/items")) {
		if err != nil {
			last = err
			break
		}
		items = append(items, v)
	}
	if fmt.Sprint(items) != "[1 2]" || !errors.Is(last, ErrPaginationLoop) {
		t.Fatalf("items %v, err %v", items, last)
	}
}

// 11: slog prints a Call as method, path and redacted query.
func TestCallLogValue(t *testing.T) {
	var buf bytes.Buffer
	l := slog.New(slog.NewJSONHandler(&buf, nil))
	c := NewCall("GET", "/pets/{id}", "a b").AddQuery("api_key", "s3cret").AddQuery("limit", 5)
	c.Header = http.Header{"Authorization": {"Bearer s3cret"}}
	l.Info("call", "call", c)
	out := buf.String()
	var m struct {
		Call map[string]string `json:"call"`
	}
	if err := json.Unmarshal(buf.Bytes(), &m); err != nil || strings.Contains(out, "s3cret") || strings.Contains(out, "!ERROR") {
		t.Fatal(out, err)
	}
	if m.Call["method"] != "GET" || m.Call["path"] != "/pets/a%20b" || m.Call["query"] != "api_key=REDACTED&limit=5" {
		t.Fatalf("%v", m.Call)
	}
	buf.Reset()
	l.Info("call", "call", (*Call)(nil))
	if !strings.Contains(buf.String(), "nil Call") {
		t.Error(buf.String())
	}
}

// 12: saturated values never turn negative.
func TestOverflowsSaturate(t *testing.T) {
	for ev := range ReadEvents(strings.NewReader("retry: 9300000000000\ndata: x\n\n")) {
		if ev.Retry <= 0 {
			t.Fatalf("retry %v", ev.Retry)
		}
	}
	for _, d := range []time.Duration{math.MaxInt64, math.MaxInt64 - 1, math.MaxInt64 / 2, time.Hour, 0} {
		if j := retryAfterJitter(d); j < d {
			t.Errorf("jitter(%d) = %d", d, j)
		}
	}
	ra, _ := parseRetryAfter(http.Header{"Retry-After": {"99999999999999999999"}}, time.Now())
	if j := retryAfterJitter(ra); j < 0 {
		t.Fatal(j)
	}
}

// 13: a busy session keeps the connections it needs: rounds of 50
// calls in flight at once, each round starting when the previous one has
// put all its connections back in the pool.
func TestPoolKeepsBusySessionConnections(t *testing.T) {
	const workers, rounds = 50, 5
	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	arrived, round := 0, 0
	srv, cc := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock() // hold each call until the whole round is in flight
		my := round
		if arrived++; arrived == workers {
			arrived, round = 0, round+1
			cond.Broadcast()
		}
		for round == my {
			cond.Wait()
		}
		mu.Unlock()
		io.WriteString(w, `{}`)
	}))
	s, _ := newSession(t, srv.URL)
	for range rounds {
		var wg sync.WaitGroup
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if err := Exec(bg(), s, NewCall("GET", "/")); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
	}
	if n := cc.opened.Load(); n > workers+workers/5 {
		t.Errorf("%d connections for %d rounds of %d calls", n, rounds, workers)
	}
}

// 15: a session header can be removed for one call.
func TestWithoutHeader(t *testing.T) {
	var got atomic.Value
	srv, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got.Store(r.Header.Clone())
	}))
	s, _ := newSession(t, srv.URL, WithHeader("X-Tenant", "a"), WithUserAgent("sdk/1"))
	call := NewCall("GET", "/")
	call.SetHeader("X-Op", "1")
	if err := Exec(bg(), s, call, WithoutHeader("x-tenant", "User-Agent", "accept", "X-OP")); err != nil {
		t.Fatal(err)
	}
	h := got.Load().(http.Header)
	for _, n := range []string{"X-Tenant", "User-Agent", "Accept", "X-Op"} {
		if _, ok := h[n]; ok {
			t.Errorf("%s sent: %v", n, h)
		}
	}
	if err := Exec(bg(), s, call); err != nil {
		t.Fatal(err)
	}
	h = got.Load().(http.Header)
	if h.Get("X-Tenant") != "a" || h.Get("User-Agent") != "sdk/1" || h.Get("X-Op") != "1" {
		t.Errorf("session headers lost for later calls: %v", h)
	}
	if _, err := New(srv.URL, WithoutHeader("")); err == nil {
		t.Error("empty name accepted")
	}
}

// 19: a POST is retried on 429, and on 503 with Retry-After, unless the
// policy is strict; a 503 without Retry-After is not retried.
func TestRetryNotProcessedPOST(t *testing.T) {
	for _, tc := range []struct {
		name     string
		status   int
		ra       string
		strict   bool
		attempts int
	}{
		{"429", 429, "", false, 2},
		{"429 Retry-After", 429, "1", false, 2},
		{"503 Retry-After", 503, "1", false, 2},
		{"503", 503, "", false, 1},
		{"500 Retry-After", 500, "1", false, 1},
		{"429 strict", 429, "1", true, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var n atomic.Int32
			srv, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if n.Add(1) == 1 {
					if tc.ra != "" {
						w.Header().Set("Retry-After", tc.ra)
					}
					w.WriteHeader(tc.status)
					return
				}
				io.WriteString(w, `{}`)
			}))
			s, _ := newSession(t, srv.URL, WithRetry(RetryPolicy{StrictNonIdempotent: tc.strict}))
			err := Exec(bg(), s, NewCall("POST", "/").JSON(map[string]int{"a": 1}))
			if int(n.Load()) != tc.attempts || (tc.attempts == 2) != (err == nil) {
				t.Fatalf("%d attempts, err %v", n.Load(), err)
			}
		})
	}
}
