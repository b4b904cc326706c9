package runtime

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// callURL returns the absolute URL of call.
func (s *Session) callURL(call *Call) (string, error) {
	if call.abs != nil {
		return call.abs.String(), nil
	}
	if call.Path != "" && call.Path[0] != '/' {
		return "", fmt.Errorf("runtime: path %q must start with /", call.Path)
	}
	var b strings.Builder
	base, err := s.callBase(call)
	if err != nil {
		return "", err
	}
	b.Grow(len(base.Scheme) + len(base.Host) + len(base.Path) + len(call.Path) + 16)
	b.WriteString(base.Scheme)
	b.WriteString("://")
	if base.User != nil {
		b.WriteString(base.User.String())
		b.WriteByte('@')
	}
	b.WriteString(base.Host)
	b.WriteString(base.EscapedPath())
	b.WriteString(call.Path)
	q := base.RawQuery
	if len(call.Query) > 0 || len(call.rawQuery) > 0 {
		enc := call.encodedQuery()
		if q != "" {
			q += "&" + enc
		} else {
			q = enc
		}
	}
	if q != "" {
		b.WriteByte('?')
		b.WriteString(q)
	}
	return b.String(), nil
}

// callBase returns the base URL of call: its Server when the Session's
// base URL is the default server that Server replaces, else the
// Session's.
func (s *Session) callBase(call *Call) (*url.URL, error) {
	if call.Server == "" || !sameBase(s.base, call.ServerOf) {
		return s.base, nil
	}
	u, err := url.Parse(call.Server)
	if err != nil || u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return nil, fmt.Errorf("runtime: server %q of %s %s is not an absolute http(s) URL", call.Server, call.Method, call.Path)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	return u, nil
}

// sameBase reports whether base is the URL raw, ignoring a trailing slash.
func sameBase(base *url.URL, raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	return strings.EqualFold(u.Scheme, base.Scheme) && strings.EqualFold(u.Host, base.Host) &&
		strings.TrimSuffix(u.EscapedPath(), "/") == strings.TrimSuffix(base.EscapedPath(), "/") && u.RawQuery == base.RawQuery
}

// newRequest builds one attempt's request. Every attempt gets a fresh
// request and a freshly opened body; the Call is never modified.
func (s *Session) newRequest(ctx context.Context, call *Call, cfg *config, rawURL, idemKey string) (*http.Request, error) {
	var body io.ReadCloser
	if call.Body != nil {
		rc, err := call.Body.Open()
		if err != nil {
			return nil, err
		}
		body = rc
	}
	req, err := http.NewRequestWithContext(ctx, call.Method, rawURL, body)
	if err != nil {
		if body != nil {
			_ = body.Close()
		}
		return nil, fmt.Errorf("runtime: building request: %w", redactErr(err))
	}
	if call.Body != nil {
		req.ContentLength = call.Body.Len()
		if req.ContentLength < 0 {
			req.ContentLength = -1
		}
		if req.ContentLength == 0 {
			req.Body = http.NoBody
		}
		if call.Body.Replayable() {
			req.GetBody = call.Body.Open
		}
		if ct := call.Body.ContentType(); ct != "" {
			req.Header["Content-Type"] = []string{ct}
		}
	}
	for k, v := range cfg.header {
		req.Header[k] = v
	}
	for k, v := range call.Header {
		req.Header[k] = v
	}
	for _, c := range call.Cookies {
		req.AddCookie(c)
	}
	if cfg.userAgent != nil {
		req.Header["User-Agent"] = cfg.userAgent[:1:1]
	}
	if _, ok := req.Header["Accept"]; !ok {
		if call.Accept != "" {
			req.Header["Accept"] = []string{call.Accept}
		} else {
			req.Header["Accept"] = []string{"application/json"}
		}
	}
	if idemKey != "" {
		req.Header["Idempotency-Key"] = []string{idemKey}
	}
	for _, k := range cfg.dropHeaders {
		if k == "User-Agent" {
			req.Header[k] = []string{""} // net/http sends no User-Agent then
			continue
		}
		delete(req.Header, k)
	}
	if h := req.Header; len(cfg.header) > 0 || len(call.Header) > 0 {
		// The maps above share value slices with the Session and the
		// Call; copy them so hooks and middleware cannot alter either.
		for k, v := range h {
			h[k] = append([]string(nil), v...)
		}
	}
	return req, nil
}

// NewIdempotencyKey returns a random key for the Idempotency-Key header
// (128 bits from crypto/rand, hex). Use one key per logical call.
//
// For generated code.
func NewIdempotencyKey() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// idempotencyKey returns the key for this call, or "".
func idempotencyKey(call *Call, cfg *config) string {
	if cfg.idemSet {
		if cfg.idemKey != "" {
			return cfg.idemKey
		}
		if k := call.Header.Get("Idempotency-Key"); k != "" {
			return k
		}
		if isIdempotentMethod(call.Method) && !call.Idempotent {
			return "" // GET, PUT, DELETE …: already safe to retry, a key would change nothing
		}
		return NewIdempotencyKey()
	}
	return ""
}
