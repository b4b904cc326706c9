package runtime

import (
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"net/http"
	"slices"
	"strings"
	"time"
)

// Middleware wraps the RoundTripper of a Session. Middleware runs once per
// attempt and per redirect hop, before credentials are applied (so
// signers see every header it sets). It must not modify the request it is
// given: clone it first.
type Middleware func(http.RoundTripper) http.RoundTripper

// RoundTripperFunc adapts a function to http.RoundTripper.
type RoundTripperFunc func(*http.Request) (*http.Response, error)

// RoundTrip calls f(r).
func (f RoundTripperFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func newOnly(c *config, name string) error {
	if c.phase != phaseNew {
		return fmt.Errorf("runtime: %s changes the connection pool and is valid only in New", name)
	}
	return nil
}

// WithHTTPClient makes the Session send requests through c's Transport,
// cookie jar and Timeout instead of its own tuned transport. The
// session's redirect policy and credential handling still apply. Valid
// only in New; conflicts with TLS, proxy and transport options.
func WithHTTPClient(c *http.Client) Option {
	return func(cfg *config) error {
		if err := newOnly(cfg, "WithHTTPClient"); err != nil {
			return err
		}
		if c == nil {
			return errors.New("runtime: WithHTTPClient: nil client")
		}
		cfg.httpClient = c
		return nil
	}
}

// WithRoundTripper sends requests through rt instead of the session's
// own transport: a test double, a unix socket, an instrumented transport.
// Valid only in New.
func WithRoundTripper(rt http.RoundTripper) Option {
	return func(cfg *config) error {
		if err := newOnly(cfg, "WithRoundTripper"); err != nil {
			return err
		}
		if rt == nil {
			return errors.New("runtime: WithRoundTripper: nil RoundTripper")
		}
		cfg.roundTripper = rt
		return nil
	}
}

// WithMiddleware adds middleware around the session's transport; the
// first one given is the outermost. Valid only in New.
func WithMiddleware(m ...Middleware) Option {
	return func(cfg *config) error {
		if err := newOnly(cfg, "WithMiddleware"); err != nil {
			return err
		}
		for _, f := range m {
			if f == nil {
				return errors.New("runtime: WithMiddleware: nil middleware")
			}
		}
		cfg.middleware = append(slices.Clip(cfg.middleware), m...)
		return nil
	}
}

// WithCookieJar stores and sends cookies through jar. Use
// runtime/cookiejar.New for a jar that knows the public suffix list and
// can save and restore its cookies (JSON, Netscape cookies.txt).
// Sessions have no jar by default: a Set-Cookie is not sent back unless
// a jar is given. Valid only in New.
func WithCookieJar(jar http.CookieJar) Option {
	return func(cfg *config) error {
		if err := newOnly(cfg, "WithCookieJar"); err != nil {
			return err
		}
		cfg.jar = jar
		return nil
	}
}

// WithMaxRedirects sets how many redirects a request follows (default
// 10); 0 returns the first redirect response as an *APIError. Valid only
// in New.
func WithMaxRedirects(n int) Option {
	return func(cfg *config) error {
		if err := newOnly(cfg, "WithMaxRedirects"); err != nil {
			return err
		}
		if n < 0 {
			return errors.New("runtime: WithMaxRedirects: negative count")
		}
		cfg.maxRedirects = n
		return nil
	}
}

// WithHeader sets a header on every request (in New or With) or on one
// call. Headers set by the Call itself take precedence.
func WithHeader(name, value string) Option {
	return func(cfg *config) error {
		if name == "" {
			return errors.New("runtime: WithHeader: empty name")
		}
		cfg.header = cfg.header.Clone()
		cfg.header.Set(name, value)
		return nil
	}
}

// WithoutHeader removes headers from the requests of a call (or of a
// session, in New or With), as requests' headers={name: None} does: a
// header set by WithHeader on the session, by the Call itself (a
// generated header parameter), the default Accept, or the User-Agent
// (which net/http then does not add either). Credentials are not
// headers in this sense: choose them with the security requirement.
// Names are case-insensitive.
func WithoutHeader(names ...string) Option {
	return func(cfg *config) error {
		cfg.dropHeaders = slices.Clip(cfg.dropHeaders)
		for _, n := range names {
			if n == "" {
				return errors.New("runtime: WithoutHeader: empty name")
			}
			cfg.dropHeaders = append(cfg.dropHeaders, http.CanonicalHeaderKey(n))
		}
		return nil
	}
}

// WithUserAgent sets the User-Agent header.
func WithUserAgent(ua string) Option {
	return func(cfg *config) error {
		cfg.userAgent = []string{ua}
		return nil
	}
}

// WithDefaultSecurity sets the security requirement used by calls whose
// Call.Security is nil. Generated clients set it from the document.
//
// For generated code.
func WithDefaultSecurity(reqs ...Requirement) Option {
	return func(cfg *config) error {
		cfg.security = reqs
		return nil
	}
}

// WithRedactNames adds header and query parameter names whose values are
// replaced by "REDACTED" in errors and logs, and which are removed when
// a redirect changes origin. Generated clients pass the names of the
// spec's apiKey schemes. Names are case-insensitive.
func WithRedactNames(headerOrQueryNames ...string) Option {
	return func(cfg *config) error {
		cfg.redact = maps.Clone(cfg.redact)
		if cfg.redact == nil {
			cfg.redact = map[string]bool{}
		}
		for _, n := range headerOrQueryNames {
			cfg.redact[strings.ToLower(n)] = true
		}
		return nil
	}
}

// WithTimeout bounds a whole call, all attempts and waits included (and,
// for a streaming response, the reading of its body). The caller's
// context still wins when it ends first. 0 means no bound beyond the
// context.
func WithTimeout(d time.Duration) Option {
	return func(cfg *config) error {
		if d < 0 {
			return errors.New("runtime: WithTimeout: negative duration")
		}
		cfg.timeout = d
		return nil
	}
}

// WithAttemptTimeout bounds each attempt from sending until the response
// headers arrive (default 60 s). Reading the body is bounded by
// TransportConfig.ReadIdleTimeout instead, so streams are safe.
func WithAttemptTimeout(d time.Duration) Option {
	return func(cfg *config) error {
		if d < 0 {
			return errors.New("runtime: WithAttemptTimeout: negative duration")
		}
		cfg.attemptTimeout = d
		return nil
	}
}

// WithIdempotencyKey sends key in the Idempotency-Key header of every
// attempt of a call, which makes a non-idempotent request retryable. An
// empty key generates a random one per call (crypto/rand) of a method
// that is not idempotent (POST, PATCH): given to a client, it keys its
// writes and leaves its GET, PUT and DELETE requests (RFC 9110 idempotent)
// without one.
func WithIdempotencyKey(key string) Option {
	return func(cfg *config) error {
		cfg.idemKey, cfg.idemSet = key, true
		return nil
	}
}

// WithClock replaces the clock used for backoff waits, timeouts and token
// expiry. Tests use it to avoid real sleeping.
func WithClock(c Clock) Option {
	return func(cfg *config) error {
		if c == nil {
			return errors.New("runtime: WithClock: nil clock")
		}
		cfg.clock = c
		return nil
	}
}

// WithLogger logs one line per attempt (method, redacted URL, status,
// attempt, duration) and one per retry wait, at debug and info level.
// Nothing is logged without a logger.
func WithLogger(l *slog.Logger) Option {
	return func(cfg *config) error {
		cfg.log = nil
		if l != nil {
			cfg.log = slogSink{l}
		}
		return nil
	}
}

// WithLogHeaders adds request and response headers to log lines, with
// credentials redacted.
func WithLogHeaders() Option {
	return func(cfg *config) error {
		cfg.logHeaders = true
		return nil
	}
}

// WithRequestHook calls f with each attempt's request just before it is
// sent (before credentials are applied). f must not keep the request.
func WithRequestHook(f func(*http.Request)) Option {
	return func(cfg *config) error {
		if f == nil {
			return errors.New("runtime: WithRequestHook: nil func")
		}
		cfg.reqHooks = append(slices.Clip(cfg.reqHooks), f)
		return nil
	}
}

// WithResponseHook calls f with each attempt's response once its headers
// arrived, before the runtime reads the body. f must not read or close the
// body.
func WithResponseHook(f func(*http.Response)) Option {
	return func(cfg *config) error {
		if f == nil {
			return errors.New("runtime: WithResponseHook: nil func")
		}
		cfg.respHooks = append(slices.Clip(cfg.respHooks), f)
		return nil
	}
}

// WithMaxPages bounds how many pages All and Pages fetch. When more pages
// remain, the iterator ends with an error wrapping ErrMaxPages. 0 means
// no bound.
func WithMaxPages(n int) Option {
	return func(cfg *config) error {
		if n < 0 {
			return errors.New("runtime: WithMaxPages: negative count")
		}
		cfg.maxPages = n
		return nil
	}
}

// WithTrustedOrigins adds origins ("https://auth.example.com:8443") to
// which credentials may be sent and pagination may follow, besides the
// base URL's origin.
func WithTrustedOrigins(origins ...string) Option {
	return func(cfg *config) error {
		cfg.trusted = slices.Clip(cfg.trusted)
		for _, o := range origins {
			or, err := parseOrigin(o)
			if err != nil {
				return err
			}
			cfg.trusted = append(cfg.trusted, or)
		}
		return nil
	}
}

// WithInsecureCleartextAuth lets Basic, Bearer and API-key credentials be
// sent over plain http to hosts other than loopback. By default such a
// request fails with ErrInsecureCredential instead.
func WithInsecureCleartextAuth() Option {
	return func(cfg *config) error {
		cfg.cleartext = true
		return nil
	}
}
