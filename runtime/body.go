package runtime

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sync"
)

// Body is a request body as a factory: Open is called once per attempt
// (and as http.Request.GetBody for redirects), so a retried request sends
// the same bytes.
type Body interface {
	// ContentType is the Content-Type header value; "" sends none.
	ContentType() string
	// Len is the length in bytes, or -1 when unknown.
	Len() int64
	// Open returns a fresh reader of the whole body. A body that cannot be
	// replayed returns ErrBodyNotReplayable from its second call.
	Open() (io.ReadCloser, error)
	// Replayable reports whether Open may be called more than once.
	Replayable() bool
}

// ErrBodyNotReplayable is returned when a request would have to be sent
// again (a retry, a redirect) but its body was a one-shot reader that has
// already been consumed. The request is never resent with an empty body.
var ErrBodyNotReplayable = errors.New("runtime: request body cannot be replayed")

// BytesBody returns a replayable body of b with the given content type.
// b must not be modified while the body is in use.
func BytesBody(contentType string, b []byte) Body {
	return &bytesBody{ct: contentType, b: b}
}

// JSONBody encodes v as JSON now and returns a replayable body of the
// result.
//
// For generated code.
func JSONBody(contentType string, v any) (Body, error) {
	b, err := Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("runtime: encoding request body: %w", err)
	}
	return &bytesBody{ct: contentType, b: b}, nil
}

type bytesBody struct {
	ct string
	b  []byte
}

func (b *bytesBody) ContentType() string { return b.ct }
func (b *bytesBody) Len() int64          { return int64(len(b.b)) }
func (b *bytesBody) Replayable() bool    { return true }
func (b *bytesBody) Open() (io.ReadCloser, error) {
	return io.NopCloser(bytes.NewReader(b.b)), nil
}

// Bytes returns the encoded body, for tests and hooks.
func (b *bytesBody) Bytes() []byte { return b.b }

// ReaderBody returns a body that streams r once. If r is a *bytes.Reader,
// *bytes.Buffer or *strings.Reader the body is replayable (it is read
// from a snapshot); otherwise a second Open fails with
// ErrBodyNotReplayable. size is the length if known, else -1.
func ReaderBody(contentType string, r io.Reader, size int64) Body {
	switch x := r.(type) {
	case *bytes.Buffer:
		return &bytesBody{ct: contentType, b: x.Bytes()}
	case interface {
		io.ReaderAt
		Size() int64
		Len() int
	}:
		// *bytes.Reader and *strings.Reader: replay the unread part.
		off := x.Size() - int64(x.Len())
		n := int64(x.Len())
		return &sectionBody{ct: contentType, ra: x, off: off, n: n}
	}
	return &onceBody{ct: contentType, r: r, n: size}
}

type sectionBody struct {
	ct     string
	ra     io.ReaderAt
	off, n int64
}

func (b *sectionBody) ContentType() string { return b.ct }
func (b *sectionBody) Len() int64          { return b.n }
func (b *sectionBody) Replayable() bool    { return true }
func (b *sectionBody) Open() (io.ReadCloser, error) {
	return io.NopCloser(io.NewSectionReader(b.ra, b.off, b.n)), nil
}

type onceBody struct {
	ct   string
	r    io.Reader
	n    int64
	mu   sync.Mutex
	used bool
}

func (b *onceBody) ContentType() string { return b.ct }
func (b *onceBody) Len() int64          { return b.n }
func (b *onceBody) Replayable() bool    { return false }
func (b *onceBody) Open() (io.ReadCloser, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.used {
		return nil, ErrBodyNotReplayable
	}
	b.used = true
	if rc, ok := b.r.(io.ReadCloser); ok {
		return rc, nil
	}
	return io.NopCloser(b.r), nil
}
