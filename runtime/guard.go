package runtime

import (
	"bytes"
	"context"
	"io"
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

	mu    sync.Mutex // guards timer creation
	timer Timer
	fired atomic.Bool
	once  sync.Once
}

func newGuard(rc io.ReadCloser, cfg *config, cancel context.CancelFunc) *guardBody {
	return &guardBody{rc: rc, cancel: cancel, idle: cfg.readIdle(), clock: cfg.clock}
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
		err = g.rc.Close()
		if g.cancel != nil {
			g.cancel()
		}
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
