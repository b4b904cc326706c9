package runtime

import (
	"fmt"
	"net/http"
	"time"
)

// MaxErrorBody is how many bytes of an error response body APIError keeps.
const MaxErrorBody = 64 << 10

// APIError is returned for a response with a non-2xx status. Its body has
// been read (at most MaxErrorBody bytes kept) and closed.
//
// Use errors.As to get it:
//
//	var apiErr *runtime.APIError
//	if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusNotFound { ... }
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
	RetryAfter time.Duration // from Retry-After, 0 if absent
	Attempts   int           // how many attempts were made
}

// Problem is an RFC 9457 problem details object.
type Problem struct {
	Type     string         `json:"type,omitempty"`
	Title    string         `json:"title,omitempty"`
	Status   int            `json:"status,omitempty"`
	Detail   string         `json:"detail,omitempty"`
	Instance string         `json:"instance,omitempty"`
	Extra    map[string]any `json:"-"`
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
	case len(e.Body) > 0:
		msg += ": " + snippet(e.Body, 200)
	}
	return msg
}

// snippet returns at most n bytes of b as printable text.
func snippet(b []byte, n int) string {
	if len(b) > n {
		return string(b[:n]) + "…"
	}
	return string(b)
}

// TransportError is returned when no HTTP response was received: a dial,
// TLS, timeout or protocol error. Unwrap gives the cause.
type TransportError struct {
	Method   string
	URL      string // redacted
	Sent     bool   // whether the request headers were written
	Timeout  bool
	Attempts int
	Err      error
}

// Error formats the method, redacted URL and cause.
func (e *TransportError) Error() string {
	return fmt.Sprintf("%s %s: %v", e.Method, e.URL, e.Err)
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
