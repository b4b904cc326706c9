package runtime

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"time"
)

// MaxErrorBody is how many bytes of an error response body APIError keeps.
const MaxErrorBody = 64 << 10

// APIError is returned for a response with a non-2xx status, after the
// last attempt. Its body has been read (at most MaxErrorBody bytes kept)
// and closed.
//
// Use errors.As to get it:
//
//	var apiErr *runtime.APIError
//	if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusNotFound { ... }
//
// errors.Is(err, ErrRetryAfterTooLong) and errors.Is(err,
// ErrBodyNotReplayable) tell why a retryable status was not retried.
type APIError struct {
	Method     string
	URL        string // redacted: credentials in userinfo or query are replaced
	StatusCode int
	Status     string // "404 Not Found"
	Header     http.Header
	Body       []byte // a bounded copy of the body
	Truncated  bool   // the body was longer than what Body holds

	// Model is the decoded error model the operation declares for this
	// status (a pointer to the generated type), or nil.
	Model any
	// Problem holds RFC 9457 problem details when the body was
	// application/problem+json.
	Problem *Problem

	RequestID  string        // from X-Request-Id and similar headers
	RetryAfter time.Duration // from Retry-After or Retry-After-Ms, 0 if absent
	Attempts   int           // how many attempts were made

	reason error
}

// Problem is an RFC 9457 problem details object.
type Problem struct {
	Type     string `json:"type,omitempty"`
	Title    string `json:"title,omitempty"`
	Status   int    `json:"status,omitempty"`
	Detail   string `json:"detail,omitempty"`
	Instance string `json:"instance,omitempty"`
	// Extra is reserved for extension members; the runtime leaves it nil.
	Extra map[string]any `json:"-"`
}

// Error formats the method, redacted URL, status and a short piece of the
// body or problem detail.
func (e *APIError) Error() string {
	msg := fmt.Sprintf("%s %s: %s", e.Method, e.URL, e.Status)
	switch {
	case e.Problem != nil && e.Problem.Detail != "":
		msg += ": " + e.Problem.Detail
	case e.Problem != nil && e.Problem.Title != "":
		msg += ": " + e.Problem.Title
	case len(bytes.TrimSpace(e.Body)) > 0:
		msg += ": " + snippet(bytes.TrimSpace(e.Body), 200)
	}
	var pe *ProxyError
	if errors.As(e.reason, &pe) {
		msg += " (from the proxy, to CONNECT)"
	}
	if e.Attempts > 1 {
		msg += fmt.Sprintf(" (%d attempts)", e.Attempts)
	}
	if errors.Is(e.reason, ErrRetryAfterTooLong) {
		msg += fmt.Sprintf(" (retry after %s)", e.RetryAfter)
	}
	return msg
}

// GoString is like Error, so %#v shows no header values.
func (e *APIError) GoString() string { return "&runtime.APIError{" + e.Error() + "}" }

// Unwrap returns why a retryable failure was not retried, or nil.
func (e *APIError) Unwrap() error { return e.reason }

// As lets errors.As reach the decoded error model: with var m *pkg.Error
// (a generated model type, which implements error), errors.As(err, &m)
// sets m when Model is a *pkg.Error. It reports false when the body did
// not decode as the model (an HTML page, an empty or cut-off body).
func (e *APIError) As(target any) bool {
	if e.Model == nil || target == nil {
		return false
	}
	tv := reflect.ValueOf(target)
	if tv.Kind() != reflect.Pointer || tv.IsNil() {
		return false
	}
	mv := reflect.ValueOf(e.Model)
	if mv.Type() != tv.Elem().Type() {
		return false
	}
	tv.Elem().Set(mv)
	return true
}

// ModelOf returns the error model of type T that the *APIError in err's
// chain decoded from its body. It reports false when err holds no
// *APIError, or the body was not a T (an HTML page, empty, cut off, or
// another status's model); the *APIError still has the status and a
// bounded copy of the body. Generated packages wrap it as As{Model}.
func ModelOf[T any](err error) (*T, bool) {
	var e *APIError
	if !errors.As(err, &e) {
		return nil, false
	}
	m, ok := e.Model.(*T)
	return m, ok && m != nil
}

// ModelText is the Error text of a generated error model v: its name and
// a bounded piece of its JSON.
//
// For generated code.
func ModelText(name string, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return name
	}
	return name + ": " + snippet(b, 200)
}

// snippet returns at most n bytes of b as printable text.
func snippet(b []byte, n int) string {
	if len(b) > n {
		return strings.ToValidUTF8(string(b[:n]), "") + "…"
	}
	return string(b)
}

// TransportError is returned when no HTTP response was received: a dial,
// TLS, timeout or protocol error. Unwrap gives the cause.
type TransportError struct {
	Method   string
	URL      string // redacted
	Sent     bool   // whether the request may have reached the server
	Timeout  bool
	Attempts int
	Err      error
}

// Error formats the method, redacted URL and cause.
func (e *TransportError) Error() string {
	s := fmt.Sprintf("%s %s: %v", e.Method, e.URL, e.Err)
	if !e.Sent {
		s += " (not sent)"
	}
	if e.Attempts > 1 {
		s += fmt.Sprintf(" (%d attempts)", e.Attempts)
	}
	return s
}

// Unwrap returns the cause.
func (e *TransportError) Unwrap() error { return e.Err }

// DecodeError is returned when a 2xx response body does not decode into
// the declared type. It keeps the status and a bounded copy of the body.
type DecodeError struct {
	Method     string
	URL        string // redacted
	StatusCode int
	Body       []byte // at most MaxErrorBody bytes
	Err        error
}

// Error formats the status and the cause.
func (e *DecodeError) Error() string {
	return fmt.Sprintf("%s %s: decoding %d response: %v", e.Method, e.URL, e.StatusCode, e.Err)
}

// Unwrap returns the cause.
func (e *DecodeError) Unwrap() error { return e.Err }

// timeoutError is a sentinel that also reports Timeout() like net.Error.
type timeoutError string

func (e timeoutError) Error() string { return string(e) }
func (e timeoutError) Timeout() bool { return true }

// Timeouts enforced by the runtime; both report Timeout() == true.
var (
	ErrAttemptTimeout  error = timeoutError("runtime: attempt timed out before response headers")
	ErrReadIdleTimeout error = timeoutError("runtime: response body stalled longer than the read-idle timeout")
)

func isTimeout(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout()
}

func (s *Session) transportError(call *Call, cfg *config, rawURL string, err error, sent bool, n int) *TransportError {
	return &TransportError{
		Method: call.Method, URL: redactURL(mustParse(rawURL), cfg.redact),
		Sent: sent, Timeout: isTimeout(err), Attempts: n, Err: redactErr(err),
	}
}

func mustParse(raw string) *url.URL {
	u, err := url.Parse(raw)
	if err != nil {
		return &url.URL{Opaque: redacted}
	}
	return u
}

// sentFromErr guesses from the error alone whether a request may have
// reached the server: dial, proxy and TLS handshake failures did not.
func sentFromErr(err error) bool {
	var op *net.OpError
	if errors.As(err, &op) && (op.Op == "dial" || op.Op == "proxyconnect") {
		return false
	}
	var ae *authError
	if permanentTLS(err) || errors.As(err, &ae) || errors.Is(err, ErrInsecureCredential) || errors.Is(err, ErrClientCertificateRequired) ||
		errors.Is(err, ErrBodyNotReplayable) {
		return false
	}
	return true
}

// permanentTLS reports whether err is a TLS failure that another attempt
// would meet again: a certificate the client rejects, or an alert either
// side sent. A TLS 1.3 server that wants a client certificate sends its
// alert after the handshake, and net/http formats that read error with %v,
// losing its type: only its text ("remote error: tls: certificate
// required") is left to recognise it by.
func permanentTLS(err error) bool {
	if strings.Contains(err.Error(), "remote error: tls: ") {
		return true
	}
	var (
		cv *tls.CertificateVerificationError
		ua x509.UnknownAuthorityError
		he x509.HostnameError
		ci x509.CertificateInvalidError
		al tls.AlertError
		rh tls.RecordHeaderError
	)
	return errors.As(err, &cv) || errors.As(err, &ua) || errors.As(err, &he) ||
		errors.As(err, &ci) || errors.As(err, &al) || errors.As(err, &rh)
}

// retryableErr applies the decision table to a transport failure.
func retryableErr(err error, sent, idempotent bool) bool {
	var ae *authError
	switch {
	case errors.Is(err, ErrTooManyRedirects), errors.Is(err, ErrInsecureRedirect),
		errors.Is(err, ErrBodyNotReplayable), errors.Is(err, ErrInsecureCredential),
		errors.As(err, &ae), permanentTLS(err), errors.Is(err, context.Canceled),
		errors.Is(err, ErrClientCertificateRequired):
		return false
	}
	return !sent || idempotent
}

func (s *Session) apiError(resp *http.Response, call *Call, cfg *config, attempts int) *APIError {
	buf := s.getBuf()
	defer s.putBuf(buf)
	_ = readBody(limitedBody{io.LimitReader(resp.Body, MaxErrorBody+1), resp.Body}, cfg, buf)
	s.shared.released()
	b := append([]byte(nil), buf.Bytes()...)
	e := &APIError{
		Method:     call.Method,
		URL:        redactURL(resp.Request.URL, cfg.redact),
		StatusCode: resp.StatusCode,
		Status:     resp.Status,
		Header:     resp.Header,
		Attempts:   attempts,
	}
	for _, h := range []string{"X-Request-Id", "Request-Id", "X-Amzn-Requestid", "X-Github-Request-Id", "X-Correlation-Id"} {
		if v := resp.Header.Get(h); v != "" {
			e.RequestID = v
			break
		}
	}
	if len(b) > MaxErrorBody {
		b = b[:MaxErrorBody]
		e.Truncated = true
	}
	e.Body = b
	mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if mt == "application/problem+json" {
		var p Problem
		if json.Unmarshal(trimBOM(b), &p) == nil {
			e.Problem = &p
		}
	}
	if call.ErrorModel != nil && !e.Truncated && isJSON(mt) {
		if m := call.ErrorModel(resp.StatusCode); m != nil && Unmarshal(trimBOM(b), m) == nil {
			e.Model = m
		}
	}
	return e
}

func isJSON(mt string) bool {
	return mt == "application/json" || strings.HasSuffix(mt, "+json") || mt == ""
}
