package runtime

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Session holds what every request of one API client shares: the base
// URL, the HTTP client and its connection pool, default headers,
// credentials and policies. It is immutable after New and safe for
// concurrent use.
type Session struct {
	base *url.URL
	cfg  *config
}

// Option configures a Session (in New) or a single call (as the trailing
// argument of a generated method). An option that only makes sense for a
// Session returns an error when given per call.
type Option func(*config) error

type config struct {
	perCall    bool
	httpClient *http.Client
	header     http.Header
	userAgent  string
	security   []Requirement
}

// New returns a Session for the API at baseURL.
func New(baseURL string, opts ...Option) (*Session, error) {
	u, err := url.Parse(baseURL)
	if err != nil {
		return nil, fmt.Errorf("runtime: invalid base URL: %w", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("runtime: base URL %q: scheme must be http or https", redactURL(u))
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	cfg := &config{header: http.Header{}}
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(cfg); err != nil {
			return nil, err
		}
	}
	if cfg.httpClient == nil {
		cfg.httpClient = &http.Client{Transport: newTransport()}
	}
	return &Session{base: u, cfg: cfg}, nil
}

func newTransport() *http.Transport {
	return &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   32,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: time.Second,
		ForceAttemptHTTP2:     true,
	}
}

// BaseURL returns the session's base URL.
func (s *Session) BaseURL() string { return s.base.String() }

// WithHTTPClient makes the Session send requests through c instead of its
// own tuned client.
func WithHTTPClient(c *http.Client) Option {
	return func(cfg *config) error {
		if cfg.perCall {
			return errors.New("runtime: WithHTTPClient cannot be used per call")
		}
		if c == nil {
			return errors.New("runtime: WithHTTPClient: nil client")
		}
		cfg.httpClient = c
		return nil
	}
}

// WithHeader sets a header on every request (or on one call).
func WithHeader(name, value string) Option {
	return func(cfg *config) error {
		cfg.header = cfg.header.Clone()
		cfg.header.Set(name, value)
		return nil
	}
}

// WithUserAgent sets the User-Agent header.
func WithUserAgent(ua string) Option {
	return func(cfg *config) error {
		cfg.userAgent = ua
		return nil
	}
}

// WithDefaultSecurity sets the security requirement used by calls whose
// Call.Security is nil. Generated clients set it from the document.
func WithDefaultSecurity(reqs ...Requirement) Option {
	return func(cfg *config) error {
		cfg.security = reqs
		return nil
	}
}

// callConfig returns the configuration for one call.
func (s *Session) callConfig(opts []Option) (*config, error) {
	if len(opts) == 0 {
		return s.cfg, nil
	}
	c := *s.cfg
	c.perCall = true
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

// redactURL returns u as a string with userinfo removed.
func redactURL(u *url.URL) string {
	if u.User == nil {
		return u.String()
	}
	c := *u
	c.User = url.User("REDACTED")
	return c.String()
}
