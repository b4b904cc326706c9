package runtime

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"mime"
	"net/http"
	"net/url"
	"strings"
)

// Response is a successful (2xx) HTTP response. Its Body is open only when
// returned by Do or Stream; the caller must close it.
type Response struct {
	*http.Response
	Attempts int
}

// Do sends call and returns the response if its status is 2xx, with the
// body open for the caller to read and close. A non-2xx status returns an
// *APIError (body read, bounded, closed); no response returns a
// *TransportError. Errors recorded while building call are returned before
// any I/O.
func (s *Session) Do(ctx context.Context, call *Call, opts ...Option) (*Response, error) {
	if call.err != nil {
		return nil, call.err
	}
	cfg, err := s.callConfig(opts)
	if err != nil {
		return nil, err
	}
	req, err := s.newRequest(ctx, call, cfg)
	if err != nil {
		return nil, err
	}
	resp, err := cfg.httpClient.Do(req)
	if err != nil {
		return nil, &TransportError{Method: call.Method, URL: redactURL(req.URL), Err: err, Attempts: 1}
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, s.apiError(req, resp, call, 1)
	}
	return &Response{Response: resp, Attempts: 1}, nil
}

func (s *Session) newRequest(ctx context.Context, call *Call, cfg *config) (*http.Request, error) {
	u := *s.base
	u.Path = s.base.Path + mustUnescape(call.Path)
	u.RawPath = s.base.EscapedPath() + call.Path
	if len(call.Query) > 0 {
		q := u.Query()
		for k, v := range call.Query {
			q[k] = append(q[k], v...)
		}
		u.RawQuery = q.Encode()
	}
	var body io.ReadCloser
	if call.Body != nil {
		rc, err := call.Body.Open()
		if err != nil {
			return nil, err
		}
		body = rc
	}
	req, err := http.NewRequestWithContext(ctx, call.Method, u.String(), body)
	if err != nil {
		if body != nil {
			body.Close()
		}
		return nil, fmt.Errorf("runtime: building request: %w", err)
	}
	if call.Body != nil {
		req.ContentLength = call.Body.Len()
		if call.Body.Replayable() {
			req.GetBody = call.Body.Open
		}
		if ct := call.Body.ContentType(); ct != "" {
			req.Header.Set("Content-Type", ct)
		}
	}
	for k, v := range cfg.header {
		req.Header[k] = append([]string(nil), v...)
	}
	for k, v := range call.Header {
		req.Header[k] = append([]string(nil), v...)
	}
	for _, c := range call.Cookies {
		req.AddCookie(c)
	}
	if cfg.userAgent != "" {
		req.Header.Set("User-Agent", cfg.userAgent)
	}
	if req.Header.Get("Accept") == "" {
		req.Header.Set("Accept", "application/json")
	}
	return req, nil
}

func mustUnescape(p string) string {
	s, err := url.PathUnescape(p)
	if err != nil {
		return p
	}
	return s
}

func (s *Session) apiError(req *http.Request, resp *http.Response, call *Call, attempts int) *APIError {
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, MaxErrorBody+1))
	e := &APIError{
		Method:     req.Method,
		URL:        redactURL(req.URL),
		StatusCode: resp.StatusCode,
		Status:     resp.Status,
		Header:     resp.Header,
		Attempts:   attempts,
		RequestID:  resp.Header.Get("X-Request-Id"),
	}
	if len(b) > MaxErrorBody {
		b = b[:MaxErrorBody]
		e.Truncated = true
	}
	e.Body = b
	mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if mt == "application/problem+json" {
		var p Problem
		if json.Unmarshal(b, &p) == nil {
			e.Problem = &p
		}
	}
	if call.ErrorModel != nil && !e.Truncated && isJSON(mt) {
		if m := call.ErrorModel(resp.StatusCode); m != nil && json.Unmarshal(b, m) == nil {
			e.Model = m
		}
	}
	return e
}

func isJSON(mt string) bool {
	return mt == "application/json" || strings.HasSuffix(mt, "+json") || mt == ""
}

// Decode sends call and decodes a 2xx JSON response into a T. T is usually
// a pointer to a generated struct, a slice or a map.
func Decode[T any](ctx context.Context, s *Session, call *Call, opts ...Option) (T, error) {
	var out T
	resp, err := s.Do(ctx, call, opts...)
	if err != nil {
		return out, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return out, &TransportError{Method: call.Method, URL: redactURL(resp.Request.URL), Sent: true, Attempts: resp.Attempts, Err: err}
	}
	if err := json.Unmarshal(b, &out); err != nil {
		if len(b) > MaxErrorBody {
			b = b[:MaxErrorBody]
		}
		var zero T
		return zero, &DecodeError{Method: call.Method, URL: redactURL(resp.Request.URL), StatusCode: resp.StatusCode, Body: b, Err: err}
	}
	return out, nil
}

// Exec sends call for an operation without a response body of interest:
// the body of a 2xx response is drained and closed.
func Exec(ctx context.Context, s *Session, call *Call, opts ...Option) error {
	resp, err := s.Do(ctx, call, opts...)
	if err != nil {
		return err
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	return resp.Body.Close()
}

// ErrSeq returns an iterator that yields err once. Generated iterator
// methods use it when the call cannot be built.
func ErrSeq[T any](err error) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		yield(zero, err)
	}
}
