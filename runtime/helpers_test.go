package runtime

import (
	"context"
	"github.com/genclient/genclient/runtime/cookiejar"
	"net"
	"net/http"
	"net/http/httptest"
	goruntime "runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeClock fires timers shorter than autoLimit at once (recording the
// wait and advancing its time), and holds longer ones until fireAll.
type fakeClock struct {
	mu        sync.Mutex
	now       time.Time
	autoLimit time.Duration
	waits     []time.Duration
	timers    []*fakeTimer
}

type fakeTimer struct {
	c      *fakeClock
	d      time.Duration
	f      func()
	active bool
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Now(), autoLimit: 30 * time.Minute}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) AfterFunc(d time.Duration, f func()) Timer {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := &fakeTimer{c: c, d: d, f: f, active: true}
	if d < c.autoLimit {
		c.waits = append(c.waits, d)
		c.now = c.now.Add(d)
		t.active = false
		go f()
		return t
	}
	c.timers = append(c.timers, t)
	return t
}

func (t *fakeTimer) Stop() bool {
	t.c.mu.Lock()
	defer t.c.mu.Unlock()
	was := t.active
	t.active = false
	return was
}

func (t *fakeTimer) Reset(d time.Duration) bool {
	t.c.mu.Lock()
	defer t.c.mu.Unlock()
	was := t.active
	t.active, t.d = true, d
	return was
}

// fireAll runs every pending timer.
func (c *fakeClock) fireAll() int {
	c.mu.Lock()
	var fs []func()
	for _, t := range c.timers {
		if t.active {
			t.active = false
			fs = append(fs, t.f)
		}
	}
	c.mu.Unlock()
	for _, f := range fs {
		f()
	}
	return len(fs)
}

// pending reports how many timers wait for fireAll.
func (c *fakeClock) pending() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, t := range c.timers {
		if t.active {
			n++
		}
	}
	return n
}

func (c *fakeClock) recorded() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.waits...)
}

// connCounter counts a test server's connections.
type connCounter struct{ opened, closed atomic.Int64 }

func (cc *connCounter) hook(_ net.Conn, s http.ConnState) {
	switch s {
	case http.StateNew:
		cc.opened.Add(1)
	case http.StateClosed, http.StateHijacked:
		cc.closed.Add(1)
	}
}

// newServer starts an httptest server that counts connections.
func newServer(t *testing.T, h http.Handler) (*httptest.Server, *connCounter) {
	t.Helper()
	cc := &connCounter{}
	srv := httptest.NewUnstartedServer(h)
	srv.Config.ConnState = cc.hook
	srv.Start()
	t.Cleanup(srv.Close)
	return srv, cc
}

// newSession builds a session with a fake clock; it fails the test on
// error.
func newSession(t *testing.T, base string, opts ...Option) (*Session, *fakeClock) {
	t.Helper()
	clk := newFakeClock()
	// The read-idle timer is held by the fake clock (fireAll); shorter
	// timers, the backoff waits, fire at once.
	s, err := New(base, append([]Option{WithClock(clk), WithTransportConfig(TransportConfig{ReadIdleTimeout: 24 * time.Hour})}, opts...)...)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() {
		if s.shared.transport != nil {
			s.shared.transport.CloseIdleConnections()
		}
	})
	return s, clk
}

// checkGoroutines fails the test if goroutines started during it are
// still running once it ends (idle connections closed first).
func checkGoroutines(t *testing.T) {
	t.Helper()
	before := goruntime.NumGoroutine()
	t.Cleanup(func() {
		deadline := time.Now().Add(5 * time.Second)
		for {
			n := goruntime.NumGoroutine()
			if n <= before {
				return
			}
			if time.Now().After(deadline) {
				buf := make([]byte, 1<<16)
				buf = buf[:goruntime.Stack(buf, true)]
				t.Errorf("goroutines: %d before, %d after\n%s", before, n, buf)
				return
			}
			goruntime.Gosched()
			time.Sleep(5 * time.Millisecond) // polling for exit, not timing behaviour
		}
	})
}

func bg() context.Context { return context.Background() }

func newJar() (http.CookieJar, error) { return cookiejar.New() }
