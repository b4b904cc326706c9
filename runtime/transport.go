package runtime

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"time"
)

// TransportConfig tunes the session's own *http.Transport. Zero fields
// take the defaults shown.
type TransportConfig struct {
	DialTimeout         time.Duration // 10 s: connecting, proxy included
	KeepAlive           time.Duration // 30 s: TCP keep-alive period
	TLSHandshakeTimeout time.Duration // 10 s
	IdleConnTimeout     time.Duration // 90 s: idle pooled connections are closed after this
	MaxIdleConns        int           // 512 across hosts
	MaxIdleConnsPerHost int           // 256: as many as a busy session keeps in flight
	MaxConnsPerHost     int           // 0: no limit
	DisableHTTP2        bool          // HTTP/2 is negotiated over TLS by default
	// DisableCompression stops the transport from asking for gzip. A
	// response with Content-Encoding gzip or deflate is decoded either
	// way (also when the caller set Accept-Encoding itself).
	DisableCompression bool

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

// Pool defaults. Idle connections are closed after IdleConnTimeout, so
// the pool never holds more than the session's peak concurrency; the high
// per-host cap only stops a busy session from closing connections it is
// about to dial again (net/http keeps 2, the previous default was 32).
const (
	defaultMaxIdleConns        = 512
	defaultMaxIdleConnsPerHost = 256
)

func newTransport(cfg *config, sh *shared) (*http.Transport, error) {
	tc := cfg.transport
	d := &net.Dialer{
		Timeout:   orDefault(tc.DialTimeout, 10*time.Second),
		KeepAlive: orDefault(tc.KeepAlive, 30*time.Second),
	}
	t := &http.Transport{
		DialContext:           d.DialContext,
		MaxIdleConns:          orDefault(tc.MaxIdleConns, defaultMaxIdleConns),
		MaxIdleConnsPerHost:   orDefault(tc.MaxIdleConnsPerHost, defaultMaxIdleConnsPerHost),
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
		OnProxyConnectResponse: onProxyConnect,
	}
	if cfg.attemptTimeout == 0 {
		// The default attempt timeout costs nothing per call this way;
		// an explicit one is enforced per attempt by Do, and a call
		// whose own attempt timeout is longer goes through a second
		// pool without this bound (see shared.longPoll).
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
		pf := proxyFromEnvironment()
		t.Proxy = func(r *http.Request) (*url.URL, error) { return pf.proxyFor(r.URL) }
	}
	// WithTLS built its configuration (the only caller of
	// TLSOptions.build, so that a program without it links none of the
	// PEM and key parsing).
	tcfg := &tls.Config{MinVersion: tls.VersionTLS12}
	if cfg.tls != nil {
		tcfg = cfg.tls.Clone()
	}
	tcfg.InsecureSkipVerify = cfg.insecureTLS
	if len(tcfg.Certificates) == 0 {
		// No client certificate: count the servers that ask for one,
		// so that a failure after such a handshake (over HTTP/2 the
		// TLS alert is often lost) is reported as what it is and not
		// retried.
		tcfg.GetClientCertificate = func(*tls.CertificateRequestInfo) (*tls.Certificate, error) {
			sh.certRequests.Add(1)
			return &tls.Certificate{}, nil
		}
	}
	t.TLSClientConfig = tcfg
	return t, nil
}

const defaultAttemptTimeout = 60 * time.Second

// ErrClientCertificateRequired is matched (errors.Is) by the
// *TransportError of an attempt whose TLS server asked for a client
// certificate when none was configured (see TLSOptions). Such a call is
// not retried.
var ErrClientCertificateRequired = errors.New("runtime: the server requires a TLS client certificate and none is configured")

// ProxyError is the cause (errors.As) of a failure of the proxy to open a
// tunnel (its answer to CONNECT was not 2xx). The call returns it as an
// *APIError with the proxy's status, like a plain-http proxy's answer,
// and it is retried only for a retryable status (never 407).
type ProxyError struct {
	StatusCode int
	Status     string
	Header     http.Header
}

func (e *ProxyError) Error() string { return "runtime: proxy refused CONNECT: " + e.Status }

func onProxyConnect(_ context.Context, _ *url.URL, _ *http.Request, resp *http.Response) error {
	if resp.StatusCode >= 200 && resp.StatusCode <= 299 {
		return nil
	}
	return &ProxyError{StatusCode: resp.StatusCode, Status: resp.Status, Header: resp.Header}
}

// longPollKey marks the context of an attempt whose own timeout is longer
// than the pool's response header timeout.
type longPollKey struct{}

// poolTransport is the bottom of a session's own stack: it sends through
// the main transport, or through a clone without a response header
// timeout for long polls.
type poolTransport struct{ sh *shared }

func (p poolTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Context().Value(longPollKey{}) != nil {
		return p.sh.longPoll().RoundTrip(req)
	}
	return p.sh.transport.RoundTrip(req)
}

func (p poolTransport) CloseIdleConnections() { p.sh.closeIdle() }

// longPoll returns the transport for long polls, built on first use.
func (sh *shared) longPoll() *http.Transport {
	sh.longMu.Lock()
	defer sh.longMu.Unlock()
	if sh.long == nil {
		t := sh.transport.Clone()
		t.ResponseHeaderTimeout = 0
		sh.long = t
	}
	return sh.long
}

// closeIdle closes the idle connections of the session's pools.
func (sh *shared) closeIdle() {
	if sh.transport == nil {
		if c, ok := sh.rt.(interface{ CloseIdleConnections() }); ok {
			c.CloseIdleConnections()
		}
		return
	}
	sh.transport.CloseIdleConnections()
	sh.longMu.Lock()
	t := sh.long
	sh.longMu.Unlock()
	if t != nil {
		t.CloseIdleConnections()
	}
}
