package runtime

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/http"
	"net/http/httptrace"
	"reflect"
	"slices"
	"sync/atomic"
	"time"
)

// Response is a successful (2xx) HTTP response, returned by Do with its
// body open: the caller reads and closes it. Reading is bounded by the
// read-idle timeout (TransportConfig.ReadIdleTimeout) and by WithTimeout,
// never by a whole-response deadline, so streams are safe.
type Response struct {
	*http.Response
	Attempts int // attempts made, the successful one included
}

// Do sends call, retrying as the retry policy allows, and returns the
// response if its status is 2xx, with the body open for the caller to
// read and close. A non-2xx status returns an *APIError (body read,
// bounded, closed); no response returns a *TransportError. Errors
// recorded while building call are returned before any I/O. call is not
// modified.
func (s *Session) Do(ctx context.Context, call *Call, opts ...Option) (*Response, error) {
	resp, n, cfg, cancel, err := s.do(ctx, call, opts)
	if err != nil {
		return nil, err
	}
	resp.Body = newGuard(resp, cfg, cancel, s.shared)
	return &Response{Response: resp, Attempts: n}, nil
}

// Decode sends call and decodes a 2xx JSON response into a T. T is usually
// a pointer to a generated struct, a slice or a map. A 204 or an empty
// body gives T's zero value; a body that does not decode gives a
// *DecodeError.
//
// For generated code.
func Decode[T any](ctx context.Context, s *Session, call *Call, opts ...Option) (T, error) {
	var out T
	if err := s.decodeInto(ctx, call, &out, opts); err != nil {
		var zero T
		return zero, err
	}
	return out, nil
}

// DecodeTo is Decode into out, a non-nil pointer: it sends call and
// decodes a 2xx JSON response into *out. A 204 or an empty body leaves
// *out as it was; on any error *out is set to its zero value, so a
// caller never sees a partly decoded value. Generated methods call it
// rather than Decode: a generic function is compiled again for every
// result type in every package that instantiates it (a GitHub client
// compiled 299 functions of Decode), a plain one once, here.
//
// For generated code.
func DecodeTo(ctx context.Context, s *Session, call *Call, out any, opts ...Option) error {
	rv := reflect.ValueOf(out)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("runtime: DecodeTo needs a non-nil pointer, not %T", out)
	}
	if err := s.decodeInto(ctx, call, out, opts); err != nil {
		rv.Elem().SetZero()
		return err
	}
	return nil
}

// decodeInto is the body of Decode and DecodeTo, kept out of the generic
// function so that each instantiation stays a few instructions long.
func (s *Session) decodeInto(ctx context.Context, call *Call, out any, opts []Option) error {
	resp, n, cfg, cancel, err := s.do(ctx, call, opts)
	if err != nil {
		return err
	}
	buf := s.getBuf()
	defer s.putBuf(buf)
	err = readBody(resp.Body, cfg, buf)
	if cancel != nil {
		cancel()
	}
	s.shared.released()
	if err != nil {
		return &TransportError{Method: call.Method, URL: redactURL(resp.Request.URL, cfg.redact), Sent: true, Timeout: isTimeout(err), Attempts: n, Err: err}
	}
	if resp.StatusCode == http.StatusNotModified {
		return notModified(resp)
	}
	b := trimBOM(buf.Bytes())
	if resp.StatusCode == http.StatusNoContent || len(b) == 0 {
		return nil
	}
	if err := Unmarshal(b, out); err != nil {
		return &DecodeError{Method: call.Method, URL: redactURL(resp.Request.URL, cfg.redact), StatusCode: resp.StatusCode, Body: bounded(b), Err: err}
	}
	return nil
}

// Exec sends call for an operation without a response body of interest:
// the body of a 2xx response is drained and closed.
//
// For generated code.
func Exec(ctx context.Context, s *Session, call *Call, opts ...Option) error {
	resp, _, cfg, cancel, err := s.do(ctx, call, opts)
	if err != nil {
		return err
	}
	s.drain(resp.Body, cfg)
	if cancel != nil {
		cancel()
	}
	s.shared.released()
	if resp.StatusCode == http.StatusNotModified {
		return notModified(resp)
	}
	return nil
}

// ErrSeq returns an iterator that yields err once. Generated iterator
// methods use it when the call cannot be built.
//
// For generated code.
func ErrSeq[T any](err error) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		yield(zero, err)
	}
}

func bounded(b []byte) []byte {
	if len(b) > MaxErrorBody {
		b = b[:MaxErrorBody]
	}
	return append([]byte(nil), b...)
}

// drain reads at most 64 KiB of what is left of a body, under the
// read-idle timeout, so the connection can be reused, and closes it.
func (s *Session) drain(rc io.ReadCloser, cfg *config) {
	buf := s.getBuf()
	_ = readBody(limitedBody{io.LimitReader(rc, 64<<10), rc}, cfg, buf)
	s.putBuf(buf)
}

// limitedBody reads a bounded prefix and closes the whole body.
type limitedBody struct {
	io.Reader
	io.Closer
}

var errNilCall = errors.New("runtime: nil Call")

// do runs the retry loop and returns a 2xx response with the call's
// configuration; the caller reads the body (readBody, or a guardBody for
// streams), closes it, then calls cancel if it is not nil.
func (s *Session) do(ctx context.Context, call *Call, opts []Option) (*http.Response, int, *config, context.CancelFunc, error) {
	if call == nil {
		return nil, 0, nil, nil, errNilCall
	}
	if call.err != nil {
		return nil, 0, nil, nil, call.err
	}
	if s.shared.closed.Load() {
		return nil, 0, nil, nil, ErrSessionClosed
	}
	cfg, err := s.callConfig(opts)
	if err != nil {
		return nil, 0, nil, nil, err
	}
	rawURL, err := s.callURL(call)
	if err != nil {
		return nil, 0, nil, nil, err
	}
	var cancel context.CancelFunc
	if cfg.timeout > 0 {
		ctx, cancel = context.WithTimeout(ctx, cfg.timeout)
	}
	resp, n, err := s.loop(ctx, call, cfg, rawURL)
	if err != nil {
		if cancel != nil {
			cancel()
		}
		return nil, n, nil, nil, err
	}
	return resp, n, cfg, cancel, nil
}

func (s *Session) loop(ctx context.Context, call *Call, cfg *config, rawURL string) (*http.Response, int, error) {
	auths := cfg.pickAuths(call)
	trusted := cfg.trusted
	if base, err := s.callBase(call); err == nil && base != s.base {
		// The document serves this operation from its own server: the
		// API's credentials go there too.
		trusted = append(slices.Clip(trusted), originOf(base))
	}
	if len(auths) > 0 || cfg.redact != nil || cfg.maxRedirects != 10 {
		ctx = context.WithValue(ctx, stateKey{}, &callState{
			auths: auths, trusted: trusted, cleartext: cfg.cleartext, redact: cfg.redact,
			maxRedirects: cfg.maxRedirects, rt: s.shared.rt, clock: cfg.clock,
		})
	}
	idemKey := idempotencyKey(call, cfg)
	hasKey := idemKey != "" || call.Header.Get("Idempotency-Key") != ""
	idempotent := isIdempotentMethod(call.Method) || call.Idempotent || hasKey || cfg.retry.RetryNonIdempotent
	pol := &cfg.retry
	clk := cfg.clock
	start := clk.Now()
	challenged := false
	if cfg.budget != nil {
		cfg.budget.deposit(start)
	}
	for n := 1; ; n++ {
		t0 := clk.Now()
		resp, sent, err := s.attempt(ctx, call, cfg, rawURL, idemKey, !idempotent)
		if cfg.log != nil {
			cfg.log.attempt(ctx, cfg, call, rawURL, resp, err, n, clk.Now().Sub(t0))
		}
		if err == nil && (resp.StatusCode >= 200 && resp.StatusCode <= 299 || resp.StatusCode == http.StatusNotModified && conditional(resp.Request)) {
			return resp, n, nil
		}
		if err == nil && !challenged && (resp.StatusCode == 401 || resp.StatusCode == 407) &&
			(call.Body == nil || call.Body.Replayable()) && challenge(ctx, resp) {
			s.drain(resp.Body, cfg)
			challenged = true
			n--
			continue
		}
		final, retry, ra, hasRA := s.judge(ctx, call, cfg, rawURL, resp, err, sent, n, idempotent)
		if pol.ShouldRetry != nil && ctx.Err() == nil {
			retry = pol.ShouldRetry(resp, err, retry)
		}
		if !retry || n >= pol.attempts() {
			return nil, n, final
		}
		if call.Body != nil && !call.Body.Replayable() {
			return nil, n, withReason(final, ErrBodyNotReplayable)
		}
		wait := pol.backoff(n)
		if hasRA {
			if ra > pol.maxRA() {
				return nil, n, withReason(final, ErrRetryAfterTooLong)
			}
			wait = retryAfterJitter(ra)
		}
		now := clk.Now()
		if pol.MaxElapsed > 0 && now.Add(wait).Sub(start) > pol.MaxElapsed {
			return nil, n, final
		}
		if dl, ok := ctx.Deadline(); ok && !now.Add(wait).Before(dl) {
			return nil, n, final
		}
		if cfg.budget != nil && !cfg.budget.take(now) {
			return nil, n, final
		}
		if cfg.log != nil {
			cfg.log.retrying(ctx, cfg, call, rawURL, n, wait, final)
		}
		if err := sleep(ctx, clk, wait); err != nil {
			return nil, n, &InterruptedError{Err: err, Last: final}
		}
	}
}

// judge turns a failed attempt into the error to return and says whether
// the decision table retries it, with the server's Retry-After.
func (s *Session) judge(ctx context.Context, call *Call, cfg *config, rawURL string, resp *http.Response, err error, sent bool, n int, idempotent bool) (final error, retry bool, ra time.Duration, hasRA bool) {
	pol := &cfg.retry
	var pe *ProxyError
	switch {
	case err != nil && errors.As(err, &pe):
		// The proxy refused the tunnel: nothing reached the server.
		ra, hasRA = parseRetryAfter(pe.Header, cfg.clock.Now())
		final = &APIError{
			Method: call.Method, URL: redactURL(mustParse(rawURL), cfg.redact),
			StatusCode: pe.StatusCode, Status: pe.Status, Header: pe.Header,
			RetryAfter: ra, Attempts: n, reason: pe,
		}
		return final, ctx.Err() == nil && pe.StatusCode != 407 && pol.retryStatus(pe.StatusCode), ra, hasRA
	case err != nil:
		te := s.transportError(call, cfg, rawURL, err, sent, n)
		return te, ctx.Err() == nil && retryableErr(err, te.Sent, idempotent), 0, false
	}
	code := resp.StatusCode
	ra, hasRA = parseRetryAfter(resp.Header, cfg.clock.Now())
	apiErr := s.apiError(resp, call, cfg, n)
	apiErr.RetryAfter = ra
	// A 429, or a 503 with Retry-After, says the request was not
	// processed: a non-idempotent request is retried too, unless the
	// policy is strict.
	notProcessed := code == 429 || code == 503 && hasRA
	retry = pol.retryStatus(code) && (idempotent || notProcessed && !pol.StrictNonIdempotent)
	if (code == 307 || code == 308) && call.Body != nil && !call.Body.Replayable() {
		apiErr.reason = ErrBodyNotReplayable
	}
	return apiErr, retry, ra, hasRA
}

// InterruptedError is returned when the context ended while the runtime
// waited to retry: errors.Is(err, context.Canceled) (or
// DeadlineExceeded) holds, and errors.As still finds the last attempt's
// *APIError or *TransportError.
type InterruptedError struct {
	Err  error // the context's error
	Last error // the last attempt's error
}

func (e *InterruptedError) Error() string {
	return "runtime: " + e.Err.Error() + " while waiting to retry; last attempt: " + e.Last.Error()
}

// Unwrap returns the context's error and the last attempt's error.
func (e *InterruptedError) Unwrap() []error { return []error{e.Err, e.Last} }

// withReason records why a retryable failure was not retried, so that
// errors.Is matches it.
func withReason(err, reason error) error {
	switch e := err.(type) {
	case *APIError:
		e.reason = reason
	case *TransportError:
		e.Err = errors.Join(e.Err, reason)
	}
	return err
}

// challenge offers a 401/407 to the credentials of the hop that got it.
func challenge(ctx context.Context, resp *http.Response) bool {
	st := stateFrom(ctx)
	if st == nil || resp.Request == nil || !inScope(st.trusted, resp.Request.URL) {
		return false
	}
	again := false
	for _, a := range st.auths {
		if c, ok := a.(Challenger); ok && c.Challenge(resp) {
			again = true
		}
	}
	return again
}

// attempt sends one attempt. sent reports whether the request may have
// reached the server.
func (s *Session) attempt(ctx context.Context, call *Call, cfg *config, rawURL, idemKey string, trackSent bool) (*http.Response, bool, error) {
	var sentFlag *atomic.Bool
	if trackSent {
		sentFlag = new(atomic.Bool)
		ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{WroteHeaders: func() { sentFlag.Store(true) }})
	}
	var acancel context.CancelCauseFunc
	var timer Timer
	if cfg.attemptTimeout > 0 {
		if t := s.shared.transport; t != nil && t.ResponseHeaderTimeout > 0 && cfg.attemptTimeout > t.ResponseHeaderTimeout {
			ctx = context.WithValue(ctx, longPollKey{}, true)
		}
		ctx, acancel = context.WithCancelCause(ctx)
		timer = cfg.clock.AfterFunc(cfg.attemptTimeout, func() { acancel(ErrAttemptTimeout) })
	}
	req, err := s.newRequest(ctx, call, cfg, rawURL, idemKey)
	if err != nil {
		if acancel != nil {
			timer.Stop()
			acancel(nil)
		}
		return nil, false, err
	}
	for _, h := range cfg.reqHooks {
		h(req)
	}
	certReqs := s.shared.certRequests.Load()
	resp, err := s.shared.client.Do(req)
	if acancel != nil {
		timer.Stop()
		if err != nil {
			if context.Cause(ctx) == ErrAttemptTimeout {
				err = ErrAttemptTimeout
			}
			acancel(nil)
		} else {
			resp.Body = &cancelBody{ReadCloser: resp.Body, cancel: func() { acancel(nil) }}
		}
	}
	if err != nil {
		if s.shared.certRequests.Load() != certReqs && ctx.Err() == nil {
			// A server asked this attempt's new connection for a
			// client certificate we do not have; whatever broke the
			// connection after that (over HTTP/2 often a lost alert)
			// is that.
			err = fmt.Errorf("%w (%w)", ErrClientCertificateRequired, redactErr(err))
		}
		sent := sentFromErr(err)
		if sentFlag != nil {
			sent = sentFlag.Load()
		}
		return nil, sent, err
	}
	decodeContent(resp)
	for _, h := range cfg.respHooks {
		h(resp)
	}
	return resp, true, nil
}

// cancelBody releases an attempt's context when the body is closed.
type cancelBody struct {
	io.ReadCloser
	cancel func()
}

func (b *cancelBody) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}
