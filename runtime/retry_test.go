package runtime

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// flaky fails the first n requests with status, then answers 200 {"ok":true}.
type flaky struct {
	n      int32
	status int
	header http.Header
	calls  atomic.Int32
	mu     sync.Mutex
	bodies []string
	keys   []string
	lens   []int64
}

func (f *flaky) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	f.mu.Lock()
	f.bodies = append(f.bodies, string(b))
	f.keys = append(f.keys, r.Header.Get("Idempotency-Key"))
	f.lens = append(f.lens, r.ContentLength)
	f.mu.Unlock()
	if f.calls.Add(1) <= f.n {
		for k, v := range f.header {
			w.Header()[k] = v
		}
		w.WriteHeader(f.status)
		io.WriteString(w, `{"error":"try again"}`)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	io.WriteString(w, `{"ok":true}`)
}

func TestRetryDecisionTable(t *testing.T) {
	checkGoroutines(t)
	type ok struct{ OK bool }
	cases := []struct {
		name      string
		method    string
		status    int
		opts      []Option
		idem      bool
		wantCalls int32
		wantErr   bool
	}{
		{"GET 503 retried", "GET", 503, nil, false, 3, false},
		{"PUT 500 retried", "PUT", 500, nil, false, 3, false},
		{"DELETE 429 retried", "DELETE", 429, nil, false, 3, false},
		{"POST 503 once", "POST", 503, nil, false, 1, true},
		{"PATCH 502 once", "PATCH", 502, nil, false, 1, true},
		{"POST 503 idempotent op", "POST", 503, nil, true, 3, false},
		{"POST 503 idempotency key", "POST", 503, []Option{WithIdempotencyKey("")}, false, 3, false},
		{"POST 503 RetryNonIdempotent", "POST", 503, []Option{WithRetry(RetryPolicy{RetryNonIdempotent: true})}, false, 3, false},
		{"GET 404 not retried", "GET", 404, nil, false, 1, true},
		{"GET 501 not retried", "GET", 501, nil, false, 1, true},
		{"GET 409 opt-in", "GET", 409, []Option{WithRetry(RetryPolicy{Statuses: []int{409}})}, false, 3, false},
		{"GET 503 no retry", "GET", 503, []Option{WithNoRetry()}, false, 1, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := &flaky{n: 2, status: tc.status}
			srv, _ := newServer(t, f)
			s, clk := newSession(t, srv.URL)
			call := NewCall(tc.method, "/x").JSON(map[string]int{"a": 1})
			call.Idempotent = tc.idem
			got, err := Decode[ok](bg(), s, call, tc.opts...)
			if f.calls.Load() != tc.wantCalls {
				t.Errorf("calls = %d, want %d", f.calls.Load(), tc.wantCalls)
			}
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tc.wantErr)
			}
			if err == nil && !got.OK {
				t.Errorf("decoded %+v", got)
			}
			var apiErr *APIError
			if err != nil {
				if !errors.As(err, &apiErr) || apiErr.StatusCode != tc.status || apiErr.Attempts != int(tc.wantCalls) {
					t.Errorf("error %#v, want APIError %d", err, tc.status)
				}
				if !strings.Contains(string(apiErr.Body), "try again") {
					t.Errorf("body %q lost", apiErr.Body)
				}
			}
			if w := clk.recorded(); len(w) != int(tc.wantCalls)-1 {
				t.Errorf("waits %v", w)
			}
		})
	}
}

func TestRetryKeepsKeyBodyAndLength(t *testing.T) {
	f := &flaky{n: 2, status: 503}
	srv, _ := newServer(t, f)
	s, clk := newSession(t, srv.URL)
	err := Exec(bg(), s, NewCall("POST", "/orders").JSON(map[string]string{"item": "x"}), WithIdempotencyKey(""))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.keys) != 3 || f.keys[0] == "" || f.keys[0] != f.keys[1] || f.keys[1] != f.keys[2] {
		t.Errorf("keys %q", f.keys)
	}
	for i := range f.bodies {
		if f.bodies[i] != `{"item":"x"}` || f.lens[i] != int64(len(f.bodies[0])) {
			t.Errorf("attempt %d: body %q len %d", i, f.bodies[i], f.lens[i])
		}
	}
	// Backoff: first retry waits too, jitter keeps it in [d/2, d].
	w := clk.recorded()
	if len(w) != 2 || w[0] < 250*time.Millisecond || w[0] > 500*time.Millisecond || w[1] < 500*time.Millisecond || w[1] > time.Second {
		t.Errorf("waits %v", w)
	}
}

// TestGeneratedKeyMethods: a client-wide WithIdempotencyKey("") keys the
// methods that are not idempotent and leaves the others without a key;
// an explicit key, or a call marked idempotent, is sent whatever the method.
func TestGeneratedKeyMethods(t *testing.T) {
	f := &flaky{}
	srv, _ := newServer(t, f)
	s, _ := newSession(t, srv.URL, WithIdempotencyKey(""))
	marked := NewCall("PUT", "/x")
	marked.Idempotent = true
	for _, call := range []*Call{NewCall("POST", "/x"), NewCall("PATCH", "/x"), NewCall("GET", "/x"), NewCall("PUT", "/x"), NewCall("DELETE", "/x"), marked} {
		if err := Exec(bg(), s, call); err != nil {
			t.Fatal(err)
		}
	}
	if err := Exec(bg(), s, NewCall("GET", "/x"), WithIdempotencyKey("k1")); err != nil {
		t.Fatal(err)
	}
	got := make([]bool, len(f.keys))
	for i, k := range f.keys {
		got[i] = k != ""
	}
	if want := []bool{true, true, false, false, false, true, true}; !slices.Equal(got, want) || f.keys[6] != "k1" {
		t.Errorf("keys sent %v (%q), want %v", got, f.keys, want)
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Now().UTC()
	future := now.Add(120 * time.Second)
	cases := []struct {
		name    string
		header  http.Header
		want    time.Duration // lower bound of the wait
		tooLong bool
	}{
		{"seconds", http.Header{"Retry-After": {"120"}}, 120 * time.Second, false},
		{"IMF-fixdate", http.Header{"Retry-After": {future.Format(http.TimeFormat)}}, 118 * time.Second, false},
		{"RFC 850", http.Header{"Retry-After": {future.Format("Monday, 02-Jan-06 15:04:05 GMT")}}, 118 * time.Second, false},
		{"asctime", http.Header{"Retry-After": {future.Format(time.ANSIC)}}, 118 * time.Second, false},
		{"past date", http.Header{"Retry-After": {now.Add(-time.Hour).Format(http.TimeFormat)}}, 0, false},
		{"ms", http.Header{"Retry-After-Ms": {"1500"}}, 1500 * time.Millisecond, false},
		{"garbage uses backoff", http.Header{"Retry-After": {"soon"}}, 250 * time.Millisecond, false},
		{"too long", http.Header{"Retry-After": {"3600"}}, 0, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := &flaky{n: 1, status: 429, header: tc.header}
			srv, _ := newServer(t, f)
			s, clk := newSession(t, srv.URL, WithRetry(RetryPolicy{MaxRetryAfter: 5 * time.Minute}))
			if tc.tooLong {
				s, clk = newSession(t, srv.URL)
			}
			err := Exec(bg(), s, NewCall("GET", "/x"))
			if tc.tooLong {
				var apiErr *APIError
				if !errors.As(err, &apiErr) || !errors.Is(err, ErrRetryAfterTooLong) || apiErr.RetryAfter != time.Hour {
					t.Fatalf("err = %v", err)
				}
				if f.calls.Load() != 1 || len(clk.recorded()) != 0 {
					t.Errorf("slept or retried: %d calls", f.calls.Load())
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			w := clk.recorded()
			if tc.want == 0 && len(w) == 0 {
				return
			}
			if len(w) != 1 || w[0] < tc.want || w[0] > tc.want+tc.want/10+time.Second {
				t.Errorf("wait %v, want about %v", w, tc.want)
			}
		})
	}
}

func TestParseRetryAfterEdges(t *testing.T) {
	now := time.Now()
	for _, v := range []string{"-1", "1.5", "", "  "} {
		if _, ok := parseRetryAfter(http.Header{"Retry-After": {v}}, now); ok {
			t.Errorf("%q accepted", v)
		}
	}
	if d, ok := parseRetryAfter(http.Header{"Retry-After": {"99999999999999999999"}}, now); !ok || d < time.Hour {
		t.Errorf("huge: %v %v", d, ok)
	}
}

func TestTransportErrorsAndSent(t *testing.T) {
	// A closed port: the POST never left, so it is retried.
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := l.Addr().String()
	l.Close()
	s, clk := newSession(t, "http://"+addr)
	err := Exec(bg(), s, NewCall("POST", "/x").JSON(1))
	var te *TransportError
	if !errors.As(err, &te) || te.Sent || te.Attempts != 3 || len(clk.recorded()) != 2 {
		t.Fatalf("err = %#v", err)
	}
	if !strings.Contains(te.Error(), "not sent") {
		t.Errorf("message %q", te.Error())
	}

	// A reset after the request was read: a POST is not retried, a GET is.
	var calls atomic.Int32
	srv, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		io.ReadAll(r.Body)
		conn, _, _ := w.(http.Hijacker).Hijack()
		conn.(*net.TCPConn).SetLinger(0)
		conn.Close()
	}))
	s2, _ := newSession(t, srv.URL)
	err = Exec(bg(), s2, NewCall("POST", "/x").JSON(1))
	if !errors.As(err, &te) || !te.Sent || calls.Load() != 1 {
		t.Fatalf("POST: calls %d err %#v", calls.Load(), err)
	}
	calls.Store(0)
	err = Exec(bg(), s2, NewCall("GET", "/x"))
	if !errors.As(err, &te) || calls.Load() != 3 {
		t.Fatalf("GET: calls %d err %v", calls.Load(), err)
	}
}

func TestNonReplayableBodyNeverResent(t *testing.T) {
	f := &flaky{n: 5, status: 503}
	srv, _ := newServer(t, f)
	s, _ := newSession(t, srv.URL)
	body := ReaderBody("text/plain", io.MultiReader(strings.NewReader("once")), -1)
	err := Exec(bg(), s, NewCall("PUT", "/x").WithBody(body))
	if !errors.Is(err, ErrBodyNotReplayable) || f.calls.Load() != 1 {
		t.Fatalf("calls %d err %v", f.calls.Load(), err)
	}
	if f.bodies[0] != "once" {
		t.Errorf("body %q", f.bodies[0])
	}
	// Reused Call: the body is spent, and nothing is sent.
	err = Exec(bg(), s, NewCall("PUT", "/x").WithBody(body))
	if !errors.Is(err, ErrBodyNotReplayable) || f.calls.Load() != 1 {
		t.Fatalf("second use: %v", err)
	}
}

func TestTimeoutStopsBeforeSleeping(t *testing.T) {
	f := &flaky{n: 10, status: 503}
	srv, _ := newServer(t, f)
	s, clk := newSession(t, srv.URL, WithRetry(RetryPolicy{MaxAttempts: 10, Jitter: -1}))
	err := Exec(bg(), s, NewCall("GET", "/x"), WithTimeout(1200*time.Millisecond))
	var apiErr *APIError
	// Waits 500 ms, then 1 s would pass the deadline: two attempts.
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 503 || f.calls.Load() != 2 {
		t.Fatalf("calls %d err %v", f.calls.Load(), err)
	}
	if w := clk.recorded(); len(w) != 1 || w[0] != 500*time.Millisecond {
		t.Errorf("waits %v", w)
	}
	// MaxElapsed does the same without a context deadline.
	f.calls.Store(0)
	err = Exec(bg(), s, NewCall("GET", "/x"), WithRetry(RetryPolicy{MaxAttempts: 10, Jitter: -1, MaxElapsed: 2 * time.Second}))
	if err == nil || f.calls.Load() != 3 {
		t.Fatalf("MaxElapsed: calls %d err %v", f.calls.Load(), err)
	}
}

func TestCancelledContextNotRetried(t *testing.T) {
	f := &flaky{n: 10, status: 503}
	srv, _ := newServer(t, f)
	s, _ := newSession(t, srv.URL)
	ctx, cancel := context.WithCancel(bg())
	cancel()
	err := Exec(ctx, s, NewCall("GET", "/x"))
	if !errors.Is(err, context.Canceled) || f.calls.Load() != 0 {
		t.Fatalf("calls %d err %v", f.calls.Load(), err)
	}
}

func TestAttemptTimeout(t *testing.T) {
	checkGoroutines(t)
	release := make(chan struct{})
	arrived := make(chan struct{}, 10)
	var calls atomic.Int32
	srv, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			arrived <- struct{}{}
			select {
			case <-release:
			case <-r.Context().Done():
			}
			return
		}
		io.WriteString(w, `{}`)
	}))
	defer close(release)
	s, clk := newSession(t, srv.URL, WithAttemptTimeout(time.Hour))
	done := make(chan error, 1)
	go func() { done <- Exec(bg(), s, NewCall("GET", "/slow")) }()
	<-arrived
	for clk.pending() == 0 {
		time.Sleep(time.Millisecond) // wait for the timer to be armed
	}
	clk.fireAll()
	if err := <-done; err != nil || calls.Load() != 2 {
		t.Fatalf("calls %d err %v", calls.Load(), err)
	}
	// A POST is not retried after an attempt timeout, and says Timeout.
	calls.Store(0)
	go func() { done <- Exec(bg(), s, NewCall("POST", "/slow").JSON(1)) }()
	<-arrived
	for clk.pending() == 0 {
		time.Sleep(time.Millisecond)
	}
	clk.fireAll()
	err := <-done
	var te *TransportError
	if !errors.As(err, &te) || !te.Timeout || !errors.Is(err, ErrAttemptTimeout) || calls.Load() != 1 {
		t.Fatalf("POST: calls %d err %#v", calls.Load(), err)
	}
}

func TestRetryBudget(t *testing.T) {
	f := &flaky{n: 100, status: 503}
	srv, _ := newServer(t, f)
	b := NewRetryBudget(0, 0)
	b.tokens = 1
	s, _ := newSession(t, srv.URL, WithRetryBudget(b))
	_ = Exec(bg(), s, NewCall("GET", "/x"))
	if f.calls.Load() != 2 {
		t.Fatalf("calls %d, want 2 (one retry in budget)", f.calls.Load())
	}
	_ = Exec(bg(), s, NewCall("GET", "/x"))
	if f.calls.Load() != 3 {
		t.Fatalf("calls %d, want 3 (budget spent)", f.calls.Load())
	}
}

func TestShouldRetryOverride(t *testing.T) {
	f := &flaky{n: 1, status: 404}
	srv, _ := newServer(t, f)
	s, _ := newSession(t, srv.URL, WithRetry(RetryPolicy{ShouldRetry: func(resp *http.Response, err error, retry bool) bool {
		return retry || (resp != nil && resp.StatusCode == 404)
	}}))
	if err := Exec(bg(), s, NewCall("GET", "/x")); err != nil || f.calls.Load() != 2 {
		t.Fatalf("calls %d err %v", f.calls.Load(), err)
	}
}

// TestNoLeaksAfterRetriesAndRedirects counts connections: intermediate
// bodies are drained so one connection serves everything.
func TestNoLeaksAfterRetriesAndRedirects(t *testing.T) {
	checkGoroutines(t)
	var n atomic.Int32
	srv, cc := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch k := n.Add(1); {
		case k <= 2:
			w.WriteHeader(503)
			w.Write(bytes.Repeat([]byte("x"), 10000))
		case k <= 4:
			http.Redirect(w, r, "/hop"+strconv.Itoa(int(k)), http.StatusFound)
		default:
			io.WriteString(w, `[1,2,3]`)
		}
	}))
	s, _ := newSession(t, srv.URL)
	var reused atomic.Int32
	ctx := httptrace.WithClientTrace(bg(), &httptrace.ClientTrace{GotConn: func(i httptrace.GotConnInfo) {
		if i.Reused {
			reused.Add(1)
		}
	}})
	got, err := Decode[[]int](ctx, s, NewCall("GET", "/start"))
	if err != nil || len(got) != 3 {
		t.Fatal(got, err)
	}
	if cc.opened.Load() != 1 || reused.Load() != 4 {
		t.Errorf("connections opened %d, reused %d; want 1 and 4", cc.opened.Load(), reused.Load())
	}
	s.shared.transport.CloseIdleConnections()
	for i := 0; cc.closed.Load() != cc.opened.Load() && i < 1000; i++ {
		time.Sleep(time.Millisecond)
	}
	if cc.closed.Load() != cc.opened.Load() {
		t.Errorf("open connections: %d opened, %d closed", cc.opened.Load(), cc.closed.Load())
	}
}
