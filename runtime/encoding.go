package runtime

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"io"
	"net/http"
	"strings"
)

// decodeContent makes resp's body the decoded content when the server
// sent it gzip- or deflate-encoded and net/http did not decode it (it
// decodes only what it asked for itself). Other codings (br, zstd) are
// left as they are: the standard library and x/ modules have no decoder
// for them.
func decodeContent(resp *http.Response) {
	ce := resp.Header["Content-Encoding"]
	if len(ce) != 1 || resp.Uncompressed {
		return
	}
	var kind byte
	switch strings.ToLower(strings.TrimSpace(ce[0])) {
	case "gzip", "x-gzip":
		kind = 'g'
	case "deflate":
		kind = 'd'
	default:
		return
	}
	resp.Body = &decodedBody{rc: resp.Body, kind: kind}
	resp.Header.Del("Content-Encoding")
	resp.Header.Del("Content-Length")
	resp.ContentLength = -1
	resp.Uncompressed = true
}

// decodedBody decodes on first read, so an empty body (a HEAD, a 304)
// reads as empty rather than as a broken stream.
type decodedBody struct {
	rc   io.ReadCloser
	kind byte
	r    io.Reader
	err  error
}

func (b *decodedBody) Read(p []byte) (int, error) {
	if b.r == nil && b.err == nil {
		b.r, b.err = b.open()
	}
	if b.err != nil {
		return 0, b.err
	}
	return b.r.Read(p)
}

func (b *decodedBody) open() (io.Reader, error) {
	br := bufio.NewReader(b.rc)
	head, err := br.Peek(2)
	if len(head) == 0 {
		if err == nil {
			err = io.EOF
		}
		return nil, err
	}
	if b.kind == 'g' {
		return gzip.NewReader(br)
	}
	// "deflate" is zlib-wrapped (RFC 9110 §8.4.1.2), but some servers
	// send a raw deflate stream: tell them apart by the zlib header.
	if len(head) == 2 && head[0]&0x0f == 8 && (uint16(head[0])<<8|uint16(head[1]))%31 == 0 {
		return zlib.NewReader(br)
	}
	return flate.NewReader(br), nil
}

func (b *decodedBody) Close() error {
	if c, ok := b.r.(io.Closer); ok {
		_ = c.Close()
	}
	return b.rc.Close()
}

var utf8BOM = []byte("\xef\xbb\xbf")

// trimBOM drops a UTF-8 byte-order mark, which encoding/json rejects.
func trimBOM(b []byte) []byte { return bytes.TrimPrefix(b, utf8BOM) }
