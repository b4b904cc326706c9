package runtime

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
)

// TLSOptions configures how the session verifies servers and presents a
// client certificate. Certificates are verified against the system roots
// (which honour SSL_CERT_FILE and SSL_CERT_DIR) plus the CAs given here;
// verification is turned off only by WithInsecureSkipVerify.
type TLSOptions struct {
	// CAFile and CAPEM hold PEM CA certificates to trust, added to the
	// system roots unless OnlyTheseCAs is set.
	CAFile       string
	CAPEM        []byte
	OnlyTheseCAs bool

	// A client certificate for mutual TLS, from files or PEM bytes (not
	// both); the certificate and its key go together.
	CertFile, KeyFile string
	CertPEM, KeyPEM   []byte

	MinVersion   uint16   // default tls.VersionTLS12
	CipherSuites []uint16 // TLS 1.2 suites; nil: Go's defaults
	ServerName   string   // overrides the name verified and sent in SNI
}

// WithTLS configures TLS. Files and PEM blocks are loaded and checked in
// New, which fails on an unreadable file, a PEM without certificates, a
// certificate without its key or an unknown cipher suite. Valid only in
// New.
func WithTLS(o TLSOptions) Option {
	return func(cfg *config) error {
		if err := newOnly(cfg, "WithTLS"); err != nil {
			return err
		}
		c, err := o.build()
		if err != nil {
			return err
		}
		cfg.tls = c
		return nil
	}
}

// WithInsecureSkipVerify turns off server certificate verification. It
// exists for tests against self-signed servers; never use it in
// production. Valid only in New.
func WithInsecureSkipVerify() Option {
	return func(cfg *config) error {
		if err := newOnly(cfg, "WithInsecureSkipVerify"); err != nil {
			return err
		}
		cfg.insecureTLS = true
		return nil
	}
}

func (o TLSOptions) build() (*tls.Config, error) {
	c := &tls.Config{MinVersion: tls.VersionTLS12, ServerName: o.ServerName}
	if o.MinVersion != 0 {
		switch o.MinVersion {
		case tls.VersionTLS10, tls.VersionTLS11, tls.VersionTLS12, tls.VersionTLS13:
		default:
			return nil, fmt.Errorf("runtime: TLS: unknown MinVersion %#04x", o.MinVersion)
		}
		c.MinVersion = o.MinVersion
	}
	if err := checkSuites(o.CipherSuites); err != nil {
		return nil, err
	}
	c.CipherSuites = o.CipherSuites
	if o.CAFile != "" || len(o.CAPEM) > 0 {
		pool, err := o.roots()
		if err != nil {
			return nil, err
		}
		c.RootCAs = pool
	} else if o.OnlyTheseCAs {
		return nil, errors.New("runtime: TLS: OnlyTheseCAs without CAFile or CAPEM")
	}
	cert, ok, err := o.clientCert()
	if err != nil {
		return nil, err
	}
	if ok {
		c.Certificates = []tls.Certificate{cert}
	}
	return c, nil
}

func (o TLSOptions) roots() (*x509.CertPool, error) {
	var pool *x509.CertPool
	if !o.OnlyTheseCAs {
		p, err := x509.SystemCertPool()
		if err == nil {
			pool = p
		}
	}
	if pool == nil {
		pool = x509.NewCertPool()
	}
	if o.CAFile != "" {
		b, err := os.ReadFile(o.CAFile)
		if err != nil {
			return nil, fmt.Errorf("runtime: TLS: reading CA file: %w", err)
		}
		if !pool.AppendCertsFromPEM(b) {
			return nil, fmt.Errorf("runtime: TLS: CA file %s holds no PEM certificate", o.CAFile)
		}
	}
	if len(o.CAPEM) > 0 && !pool.AppendCertsFromPEM(o.CAPEM) {
		return nil, errors.New("runtime: TLS: CAPEM holds no PEM certificate")
	}
	return pool, nil
}

func (o TLSOptions) clientCert() (tls.Certificate, bool, error) {
	files := o.CertFile != "" || o.KeyFile != ""
	pems := len(o.CertPEM) > 0 || len(o.KeyPEM) > 0
	switch {
	case files && pems:
		return tls.Certificate{}, false, errors.New("runtime: TLS: client certificate given both as files and as PEM")
	case files:
		if o.CertFile == "" || o.KeyFile == "" {
			return tls.Certificate{}, false, errors.New("runtime: TLS: CertFile and KeyFile go together")
		}
		c, err := tls.LoadX509KeyPair(o.CertFile, o.KeyFile)
		if err != nil {
			return tls.Certificate{}, false, fmt.Errorf("runtime: TLS: client certificate: %w", err)
		}
		return c, true, nil
	case pems:
		if len(o.CertPEM) == 0 || len(o.KeyPEM) == 0 {
			return tls.Certificate{}, false, errors.New("runtime: TLS: CertPEM and KeyPEM go together")
		}
		c, err := tls.X509KeyPair(o.CertPEM, o.KeyPEM)
		if err != nil {
			return tls.Certificate{}, false, fmt.Errorf("runtime: TLS: client certificate: %w", err)
		}
		return c, true, nil
	}
	return tls.Certificate{}, false, nil
}

func checkSuites(ids []uint16) error {
	known := map[uint16]bool{}
	for _, s := range tls.CipherSuites() {
		known[s.ID] = true
	}
	for _, s := range tls.InsecureCipherSuites() {
		known[s.ID] = true
	}
	for _, id := range ids {
		if !known[id] {
			return fmt.Errorf("runtime: TLS: unknown cipher suite %#04x", id)
		}
	}
	return nil
}
