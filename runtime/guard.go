package runtime

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// guardBody bounds the gaps between reads of a response body and releases
// the call's context when the body is closed.
type guardBody struct {
	rc     io.ReadCloser
	cancel context.CancelFunc
	idle   time.Duration
	clock  Clock
	sh     *shared

	// For draining on Close: what is left is known when length >= 0.
	length, read int64
	drainable    bool

	mu    sync.Mutex // guards timer creation
	timer Timer
	fired atomic.Bool
	once  sync.Once
}

func newGuard(resp *http.Response, cfg *config, cancel context.CancelFunc, sh *shared) *guardBody {
	return &guardBody{
		rc: resp.Body, cancel: cancel, idle: cfg.readIdle(), clock: cfg.clock, sh: sh,
		length: resp.ContentLength,
		// Only an HTTP/1 connection is lost when a body is closed
		// unread (HTTP/2 resets the stream). A body of unknown length
		// may be a stream that never ends (a watch, events): Close
		// must not wait on it.
		drainable: resp.ProtoMajor == 1 && resp.ContentLength >= 0,
	}
}

// Draining on Close: at most this much, for at most drainTimeout.
const (
	maxDrain     = 64 << 10
	drainTimeout = time.Second
)

// drain reads what is left of a body the caller closes early, when its
// length is known and at most 64 KiB remain, so the HTTP/1 connection
// goes back to the pool.
func (g *guardBody) drain() {
	if !g.drainable || g.fired.Load() || g.length-g.read > maxDrain {
		return
	}
	// A real-time bound, not the session's clock: it stops a read, it
	// does not pace anything.
	t := time.AfterFunc(min(drainTimeout, max(g.idle, time.Millisecond)), func() { _ = g.rc.Close() })
	_, _ = io.CopyN(io.Discard, g.rc, maxDrain+1)
	t.Stop()
}

func (g *guardBody) fire() {
	g.fired.Store(true)
	_ = g.rc.Close()
}

func (g *guardBody) Read(p []byte) (int, error) {
	if g.idle > 0 {
		g.mu.Lock()
		if g.timer == nil {
			g.timer = g.clock.AfterFunc(g.idle, g.fire)
		} else {
			g.timer.Reset(g.idle)
		}
		g.mu.Unlock()
	}
	n, err := g.rc.Read(p)
	g.read += int64(n)
	if g.idle > 0 {
		g.mu.Lock()
		g.timer.Stop()
		g.mu.Unlock()
	}
	if err != nil && g.fired.Load() {
		err = ErrReadIdleTimeout
	}
	return n, err
}

func (g *guardBody) Close() error {
	var err error
	g.once.Do(func() {
		g.mu.Lock()
		if g.timer != nil {
			g.timer.Stop()
		}
		g.mu.Unlock()
		g.drain()
		err = g.rc.Close()
		if g.cancel != nil {
			g.cancel()
		}
		g.sh.released()
	})
	return err
}

// readBody reads a whole (non-streaming) body into buf and closes it,
// enforcing the read-idle timeout with one timer and no wrapper.
func readBody(rc io.ReadCloser, cfg *config, buf *bytes.Buffer) error {
	defer rc.Close()
	idle := cfg.readIdle()
	if idle <= 0 {
		_, err := buf.ReadFrom(rc)
		return err
	}
	t := cfg.clock.AfterFunc(idle, func() { _ = rc.Close() })
	for {
		buf.Grow(bytes.MinRead)
		b := buf.AvailableBuffer()
		n, err := rc.Read(b[:cap(b)])
		buf.Write(b[:n])
		if err == io.EOF {
			t.Stop()
			return nil
		}
		if err != nil {
			if !t.Stop() {
				return ErrReadIdleTimeout
			}
			return err
		}
		t.Reset(idle)
	}
}

// readTo is readBody for any writer, reading through scratch.
func readTo(rc io.ReadCloser, cfg *config, w io.Writer, scratch []byte) error {
	defer rc.Close()
	idle := cfg.readIdle()
	var t Timer
	if idle > 0 {
		t = cfg.clock.AfterFunc(idle, func() { _ = rc.Close() })
	}
	for {
		n, err := rc.Read(scratch)
		w.Write(scratch[:n])
		if err == io.EOF {
			if t != nil {
				t.Stop()
			}
			return nil
		}
		if err != nil {
			if t != nil && !t.Stop() {
				return ErrReadIdleTimeout
			}
			return err
		}
		if t != nil {
			t.Reset(idle)
		}
	}
}
