package runtime

import (
	"bytes"
	"crypto/tls"
	"errors"
	"fmt"
	"golang.org/x/text/encoding"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Session holds what every request of one API client shares: the base
// URL, the HTTP client and its connection pool, default headers,
// credentials and policies. It is immutable after New and safe for
// concurrent use. Derive variants with With; they share the pool.
//
// The zero Session is not usable; call New.
type Session struct {
	base   *url.URL
	cfg    *config
	shared *shared
}

// shared is what derived sessions have in common: the pool and the
// client built around it.
type shared struct {
	client    *http.Client
	transport *http.Transport   // nil when the caller supplied the transport
	rt        http.RoundTripper // the transport below auth, for token requests

	longMu sync.Mutex
	long   *http.Transport // for long polls, built on first use, see longPoll

	certRequests atomic.Uint64 // TLS handshakes that asked for a client certificate we lack
	closed       atomic.Bool
}

// Option configures a Session (in New or With) or a single call (as the
// trailing argument of Do, Decode, Exec, All or a generated method). An
// option that changes the connection pool (TLS, proxy, transport,
// middleware, cookie jar, HTTP client) is valid only in New and returns
// an error elsewhere.
type Option func(*config) error

// phase says where an option is applied.
type phase uint8

const (
	phaseNew phase = iota
	phaseDerived
	phaseCall
)

type config struct {
	phase phase

	// Pool-level settings, New only.
	httpClient   *http.Client
	roundTripper http.RoundTripper
	transport    TransportConfig
	tls          *tls.Config // built by WithTLS
	insecureTLS  bool
	proxy        *url.URL
	noProxy      bool
	jar          http.CookieJar
	newCache     func(Clock) roundTripCache // WithCache
	middleware   []Middleware
	maxRedirects int

	header      http.Header
	dropHeaders []string // canonical names removed from every request (WithoutHeader)
	userAgent   []string // one value, shared read-only by every request (Header.Set and Add replace, never write into it)

	security  []Requirement
	creds     map[string]Auth
	auths     []Auth
	trusted   []origin
	cleartext bool
	redact    map[string]bool // lower-case names redacted besides the defaults

	retry          RetryPolicy
	budget         *RetryBudget
	timeout        time.Duration
	attemptTimeout time.Duration
	idemKey        string
	idemSet        bool
	clock          Clock

	log        logSink // set by WithLogger
	logHeaders bool
	charsets   func(string) (encoding.Encoding, error) // WithCharsets
	reqHooks   []func(*http.Request)
	respHooks  []func(*http.Response)

	maxPages int
}

func newConfig() *config {
	c := &config{
		header:       http.Header{},
		maxRedirects: 10,
		clock:        systemClock{},
	}
	return c
}

// New returns a Session for the API at baseURL. Options are applied in
// order; the first one that fails makes New fail, as do conflicting
// options (a custom HTTP client together with TLS or proxy settings, a
// proxy URL together with WithNoProxy). The proxy environment
// (HTTPS_PROXY, NO_PROXY, ...) is read here, once, unless a proxy option
// is given.
func New(baseURL string, opts ...Option) (*Session, error) {
	u, err := parseBase(baseURL)
	if err != nil {
		return nil, err
	}
	cfg := newConfig()
	cfg.trusted = []origin{originOf(u)}
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(cfg); err != nil {
			return nil, err
		}
	}
	if err := cfg.checkConflicts(); err != nil {
		return nil, err
	}
	sh := &shared{}
	s := &Session{base: u, shared: sh}
	jar := cfg.jar
	switch {
	case cfg.httpClient != nil:
		sh.rt = cfg.httpClient.Transport
		if sh.rt == nil {
			sh.rt = http.DefaultTransport
		}
		if jar == nil {
			jar = cfg.httpClient.Jar
		}
	case cfg.roundTripper != nil:
		sh.rt = cfg.roundTripper
	default:
		t, err := newTransport(cfg, sh)
		if err != nil {
			return nil, err
		}
		sh.transport, sh.rt = t, poolTransport{sh}
	}
	at := &authTransport{next: sh.rt}
	if cfg.newCache != nil {
		at.cache = cfg.newCache(cfg.clock)
	}
	var rt http.RoundTripper = at
	for i := len(cfg.middleware) - 1; i >= 0; i-- {
		rt = cfg.middleware[i](rt)
		if rt == nil {
			return nil, errors.New("runtime: WithMiddleware: middleware returned a nil RoundTripper")
		}
	}
	if len(cfg.middleware) > 0 {
		// Middleware rarely forwards CloseIdleConnections; reach the
		// pool directly.
		rt = idleCloser{rt, sh}
	}
	sh.client = &http.Client{Transport: rt, Jar: jar, CheckRedirect: checkRedirect}
	if cfg.httpClient != nil {
		sh.client.Timeout = cfg.httpClient.Timeout
	}
	cfg.phase = phaseDerived
	s.cfg = cfg
	return s, nil
}

func parseBase(baseURL string) (*url.URL, error) {
	u, err := url.Parse(baseURL)
	if err != nil {
		return nil, fmt.Errorf("runtime: invalid base URL: %w", redactErr(err))
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("runtime: base URL %q: scheme must be http or https", redactURL(u, nil))
	}
	if u.Host == "" {
		return nil, fmt.Errorf("runtime: base URL %q: no host", redactURL(u, nil))
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	u.Fragment, u.RawFragment = "", ""
	return u, nil
}

// redactErr keeps the cause of a *url.Error but drops its URL, which may
// carry credentials.
func redactErr(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

func (c *config) checkConflicts() error {
	tc := c.transport
	tc.ReadIdleTimeout = 0 // enforced by the runtime, not the transport
	pool := c.tls != nil || c.insecureTLS || c.proxy != nil || c.noProxy || tc != (TransportConfig{})
	switch {
	case c.httpClient != nil && c.roundTripper != nil:
		return errors.New("runtime: WithHTTPClient and WithRoundTripper conflict")
	case (c.httpClient != nil || c.roundTripper != nil) && pool:
		return errors.New("runtime: TLS, proxy and transport options conflict with a custom HTTP client or RoundTripper")
	case c.proxy != nil && c.noProxy:
		return errors.New("runtime: WithProxy and WithNoProxy conflict")
	}
	return nil
}

// With returns a Session derived from s: it shares s's connection pool,
// cookie jar and credential caches, and applies opts on top of s's
// settings. Options that change the pool return an error.
func (s *Session) With(opts ...Option) (*Session, error) {
	cfg := *s.cfg
	cfg.phase = phaseDerived
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	return &Session{base: s.base, cfg: &cfg, shared: s.shared}, nil
}

// BaseURL returns the session's base URL.
func (s *Session) BaseURL() string { return s.base.String() }

// HTTPClient returns the client the session sends requests through. It
// applies the session's credentials only to requests sent by the session
// itself; use it for requests the runtime does not model. Its
// CloseIdleConnections reaches the session's pool through the runtime's
// own wrappers and any middleware.
func (s *Session) HTTPClient() *http.Client { return s.shared.client }

// CookieJar returns the session's cookie jar: the one given to
// WithCookieJar (or the Jar of WithHTTPClient's client), nil when the
// session has none, which is the default. A *cookiejar.Jar (package
// runtime/cookiejar) can save its cookies and restore them in another
// process.
func (s *Session) CookieJar() http.CookieJar { return s.shared.client.Jar }

// ErrSessionClosed is returned by calls made after Close.
var ErrSessionClosed = errors.New("runtime: session closed")

// Close releases the session's idle connections and makes later calls,
// on s and on every session derived from it or it from, fail with
// ErrSessionClosed. Calls in flight are not interrupted: they complete,
// and the connection each one holds is closed once its response body is
// read or closed, so no connection outlives the last of them. With
// WithRoundTripper or WithHTTPClient, Close calls the supplied
// transport's CloseIdleConnections. Close is idempotent and safe for
// concurrent use; it always returns nil.
func (s *Session) Close() error {
	s.shared.closed.Store(true)
	s.shared.closeIdle()
	return nil
}

// released is called when a call gave its connection back: after Close
// the connection is not kept.
func (sh *shared) released() {
	if sh.closed.Load() {
		sh.closeIdle()
	}
}

// idleCloser forwards CloseIdleConnections past middleware to the pool.
type idleCloser struct {
	http.RoundTripper
	sh *shared
}

func (c idleCloser) CloseIdleConnections() { c.sh.closeIdle() }

// String describes s without credentials.
func (s *Session) String() string { return "runtime.Session(" + redactURL(s.base, nil) + ")" }

// callConfig returns the configuration for one call.
func (s *Session) callConfig(opts []Option) (*config, error) {
	if len(opts) == 0 {
		return s.cfg, nil
	}
	c := *s.cfg
	c.phase = phaseCall
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(&c); err != nil {
			return nil, err
		}
	}
	return &c, nil
}

// bodyBufs holds the *bytes.Buffer that bodies are decoded from, for
// every session of the process. It is not a field of shared because a
// sync.Pool, like an atomic.Pointer[T], reaches an instantiated generic
// type, whose methods every package that names Session would compile
// again (see TestTypesCompileNoFunctions).
var bodyBufs sync.Pool

func (s *Session) getBuf() *bytes.Buffer {
	if b, ok := bodyBufs.Get().(*bytes.Buffer); ok {
		return b
	}
	return new(bytes.Buffer)
}

func (s *Session) putBuf(b *bytes.Buffer) {
	if b.Cap() > 1<<20 {
		return
	}
	b.Reset()
	bodyBufs.Put(b)
}
