package runtime

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/textproto"
	"net/url"
	"strings"
	"sync"
)

// FormBody returns a replayable application/x-www-form-urlencoded body.
func FormBody(values url.Values) Body {
	return BytesBody("application/x-www-form-urlencoded", []byte(values.Encode()))
}

// Part is one part of a multipart/form-data body. Build parts with
// FieldPart, FilePart and ReaderPart.
type Part struct {
	name, filename, contentType string
	value                       string
	isField                     bool
	open                        func() (io.ReadCloser, error) // nil for fields
	size                        int64                         // -1 unknown
	once                        bool
	noFilename                  bool // a JSON field: Content-Type but no filename
}

// FieldPart is a plain form field.
func FieldPart(name, value string) Part {
	return Part{name: name, value: value, isField: true, size: int64(len(value))}
}

// FilePart is a file whose content open returns, afresh for every
// attempt, so the body stays replayable (os.Open of a path, for
// instance). size is its length, or -1.
func FilePart(name, filename, contentType string, size int64, open func() (io.ReadCloser, error)) Part {
	return Part{name: name, filename: filename, contentType: contentType, open: open, size: size}
}

// ReaderPart is a file read once from r: a body holding it cannot be
// replayed (see ErrBodyNotReplayable).
func ReaderPart(name, filename, contentType string, r io.Reader) Part {
	var used sync.Once
	open := func() (io.ReadCloser, error) {
		err := ErrBodyNotReplayable
		used.Do(func() { err = nil })
		if err != nil {
			return nil, err
		}
		if rc, ok := r.(io.ReadCloser); ok {
			return rc, nil
		}
		return io.NopCloser(r), nil
	}
	return Part{name: name, filename: filename, contentType: contentType, open: open, size: -1, once: true}
}

// MultipartBody returns a multipart/form-data body that streams its parts
// through a pipe as the request is written: files are never buffered
// whole. It is replayable unless a part comes from ReaderPart. Its length
// is known when every part's size is.
func MultipartBody(parts ...Part) Body {
	var b [16]byte
	_, _ = rand.Read(b[:])
	m := &multipartBody{parts: parts, boundary: "genclient-" + hex.EncodeToString(b[:])}
	m.size = m.length()
	return m
}

type multipartBody struct {
	parts    []Part
	boundary string
	size     int64
}

func (m *multipartBody) ContentType() string {
	return "multipart/form-data; boundary=" + m.boundary
}
func (m *multipartBody) Len() int64 { return m.size }
func (m *multipartBody) Replayable() bool {
	for _, p := range m.parts {
		if p.once {
			return false
		}
	}
	return true
}

func (m *multipartBody) header(p Part) textproto.MIMEHeader {
	h := textproto.MIMEHeader{}
	disp := fmt.Sprintf(`form-data; name="%s"`, escapeQuotes(p.name))
	if !p.isField {
		if !p.noFilename {
			disp += fmt.Sprintf(`; filename="%s"`, escapeQuotes(p.filename))
		}
		ct := p.contentType
		if ct == "" {
			ct = "application/octet-stream"
		}
		h.Set("Content-Type", ct)
	}
	h.Set("Content-Disposition", disp)
	return h
}

func escapeQuotes(s string) string {
	return strings.NewReplacer("\\", "\\\\", `"`, "\\\"", "\r", "%0D", "\n", "%0A").Replace(s)
}

// length computes the encoded size by writing the envelope only.
func (m *multipartBody) length() int64 {
	cw := &countWriter{}
	w := multipart.NewWriter(cw)
	_ = w.SetBoundary(m.boundary)
	var n int64
	for _, p := range m.parts {
		if p.size < 0 {
			return -1
		}
		if _, err := w.CreatePart(m.header(p)); err != nil {
			return -1
		}
		n += p.size
	}
	_ = w.Close()
	return cw.n + n
}

type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// Open starts a goroutine that writes the parts into a pipe. The
// goroutine ends when the parts are written or the reader is closed.
// One-shot parts are opened here, so a second Open fails with
// ErrBodyNotReplayable before anything is sent.
func (m *multipartBody) Open() (io.ReadCloser, error) {
	pre := map[int]io.ReadCloser{}
	for i, p := range m.parts {
		if !p.once {
			continue
		}
		rc, err := p.open()
		if err != nil {
			for _, c := range pre {
				_ = c.Close()
			}
			return nil, err
		}
		pre[i] = rc
	}
	pr, pw := io.Pipe()
	go func() {
		err := m.write(pw, pre)
		for _, c := range pre {
			_ = c.Close()
		}
		pw.CloseWithError(err)
	}()
	return pr, nil
}

func (m *multipartBody) write(dst io.Writer, pre map[int]io.ReadCloser) error {
	w := multipart.NewWriter(dst)
	if err := w.SetBoundary(m.boundary); err != nil {
		return err
	}
	for i, p := range m.parts {
		pw, err := w.CreatePart(m.header(p))
		if err != nil {
			return err
		}
		if p.isField {
			if _, err := io.WriteString(pw, p.value); err != nil {
				return err
			}
			continue
		}
		rc, ok := pre[i]
		delete(pre, i)
		if !ok {
			if p.open == nil {
				return errors.New("runtime: multipart: part without content")
			}
			if rc, err = p.open(); err != nil {
				return err
			}
		}
		_, err = io.Copy(pw, rc)
		_ = rc.Close()
		if err != nil {
			return err
		}
	}
	return w.Close()
}
