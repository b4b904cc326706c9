package runtime

import (
	"errors"
	"net/http"
)

// ErrNotModified is returned by Decode, Exec, Text and the generated
// methods when the server answered 304 Not Modified to a request that
// carried If-None-Match or If-Modified-Since (set by the caller): the
// copy the caller holds is current. It is a *NotModifiedError, never an
// *APIError. Session.Do returns the 304 as a *Response instead.
var ErrNotModified = errors.New("runtime: not modified")

// NotModifiedError carries the header of a 304 response (ETag,
// Cache-Control, rate-limit headers). errors.Is(err, ErrNotModified)
// holds.
type NotModifiedError struct {
	Header http.Header
}

func (e *NotModifiedError) Error() string { return ErrNotModified.Error() }

// Is reports whether target is ErrNotModified.
func (e *NotModifiedError) Is(target error) bool { return target == ErrNotModified }

func notModified(resp *http.Response) error { return &NotModifiedError{Header: resp.Header} }

// conditional reports whether req carries a validator condition.
func conditional(req *http.Request) bool {
	if req == nil {
		return false
	}
	h := req.Header
	return h.Get("If-None-Match") != "" || h.Get("If-Modified-Since") != ""
}
