package runtime

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"time"

	"golang.org/x/net/http/httpproxy"
)

// TransportConfig tunes the session's own *http.Transport. Zero fields
// take the defaults shown.
type TransportConfig struct {
	DialTimeout         time.Duration // 10 s: connecting, proxy included
	KeepAlive           time.Duration // 30 s: TCP keep-alive period
	TLSHandshakeTimeout time.Duration // 10 s
	IdleConnTimeout     time.Duration // 90 s: idle pooled connections are closed after this
	MaxIdleConns        int           // 100 across hosts
	MaxIdleConnsPerHost int           // 32
	MaxConnsPerHost     int           // 0: no limit
	DisableHTTP2        bool          // HTTP/2 is negotiated over TLS by default
	DisableCompression  bool          // gzip is requested and decoded by default

	// ReadIdleTimeout is the longest gap allowed between two reads of a
	// response body (default 60 s, negative: none). Unlike a whole-call
	// timeout it does not cut a long but steady stream.
	ReadIdleTimeout time.Duration
}

// WithTransportConfig tunes the session's transport. Valid only in New.
func WithTransportConfig(tc TransportConfig) Option {
	return func(cfg *config) error {
		if err := newOnly(cfg, "WithTransportConfig"); err != nil {
			return err
		}
		if tc.DialTimeout < 0 || tc.TLSHandshakeTimeout < 0 || tc.IdleConnTimeout < 0 || tc.MaxIdleConns < 0 || tc.MaxIdleConnsPerHost < 0 || tc.MaxConnsPerHost < 0 {
			return errors.New("runtime: WithTransportConfig: negative value")
		}
		cfg.transport = tc
		return nil
	}
}

// WithProxy sends every request through the proxy at proxyURL (http,
// https or socks5), whatever the environment says. Valid only in New.
func WithProxy(proxyURL string) Option {
	return func(cfg *config) error {
		if err := newOnly(cfg, "WithProxy"); err != nil {
			return err
		}
		u, err := url.Parse(proxyURL)
		if err != nil {
			return fmt.Errorf("runtime: WithProxy: %w", redactErr(err))
		}
		switch u.Scheme {
		case "http", "https", "socks5", "socks5h":
		default:
			return fmt.Errorf("runtime: WithProxy: unsupported scheme %q", u.Scheme)
		}
		if u.Host == "" {
			return errors.New("runtime: WithProxy: no host")
		}
		cfg.proxy = u
		return nil
	}
}

// WithNoProxy connects directly, ignoring the proxy environment. Valid
// only in New.
func WithNoProxy() Option {
	return func(cfg *config) error {
		if err := newOnly(cfg, "WithNoProxy"); err != nil {
			return err
		}
		cfg.noProxy = true
		return nil
	}
}

func orDefault[T int | time.Duration](v, def T) T {
	if v == 0 {
		return def
	}
	return v
}

// readIdle returns the effective read-idle timeout, 0 for none.
func (c *config) readIdle() time.Duration {
	d := orDefault(c.transport.ReadIdleTimeout, 60*time.Second)
	if d < 0 {
		return 0
	}
	return d
}

func newTransport(cfg *config) (*http.Transport, error) {
	tc := cfg.transport
	d := &net.Dialer{
		Timeout:   orDefault(tc.DialTimeout, 10*time.Second),
		KeepAlive: orDefault(tc.KeepAlive, 30*time.Second),
	}
	t := &http.Transport{
		DialContext:           d.DialContext,
		MaxIdleConns:          orDefault(tc.MaxIdleConns, 100),
		MaxIdleConnsPerHost:   orDefault(tc.MaxIdleConnsPerHost, 32),
		MaxConnsPerHost:       tc.MaxConnsPerHost,
		IdleConnTimeout:       orDefault(tc.IdleConnTimeout, 90*time.Second),
		TLSHandshakeTimeout:   orDefault(tc.TLSHandshakeTimeout, 10*time.Second),
		ExpectContinueTimeout: time.Second,
		DisableCompression:    tc.DisableCompression,
		ForceAttemptHTTP2:     !tc.DisableHTTP2,
		HTTP2: &http.HTTP2Config{
			SendPingTimeout: 30 * time.Second,
			PingTimeout:     15 * time.Second,
		},
	}
	if cfg.attemptTimeout == 0 {
		// The default attempt timeout costs nothing per call this way;
		// an explicit one is enforced per attempt by Do.
		t.ResponseHeaderTimeout = defaultAttemptTimeout
	}
	if tc.DisableHTTP2 {
		p := new(http.Protocols)
		p.SetHTTP1(true)
		t.Protocols = p
	}
	switch {
	case cfg.noProxy:
	case cfg.proxy != nil:
		t.Proxy = http.ProxyURL(cfg.proxy)
	default:
		// Read the environment now, not once per process as
		// http.ProxyFromEnvironment does.
		pf := httpproxy.FromEnvironment().ProxyFunc()
		t.Proxy = func(r *http.Request) (*url.URL, error) { return pf(r.URL) }
	}
	if cfg.tls != nil || cfg.insecureTLS {
		var opts TLSOptions
		if cfg.tls != nil {
			opts = *cfg.tls
		}
		tcfg, err := opts.build()
		if err != nil {
			return nil, err
		}
		tcfg.InsecureSkipVerify = cfg.insecureTLS
		t.TLSClientConfig = tcfg
	}
	return t, nil
}

const defaultAttemptTimeout = 60 * time.Second
