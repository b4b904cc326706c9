package runtime

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

type testPKI struct {
	caPEM                 []byte
	serverCert            tls.Certificate
	clientCert, clientKey []byte
	caPool                *x509.CertPool
}

func newPKI(t *testing.T) *testPKI {
	t.Helper()
	caKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	caTmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "genclient test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, _ := x509.ParseCertificate(caDER)
	leaf := func(cn string, usage x509.ExtKeyUsage, serial int64) ([]byte, []byte) {
		k, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		tmpl := &x509.Certificate{
			SerialNumber: big.NewInt(serial), Subject: pkix.Name{CommonName: cn},
			NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
			ExtKeyUsage: []x509.ExtKeyUsage{usage}, KeyUsage: x509.KeyUsageDigitalSignature,
			DNSNames: []string{"localhost"}, IPAddresses: []net.IP{net.ParseIP("127.0.0.1")},
		}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &k.PublicKey, caKey)
		if err != nil {
			t.Fatal(err)
		}
		kb, _ := x509.MarshalECPrivateKey(k)
		return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb})
	}
	p := &testPKI{caPEM: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER}), caPool: x509.NewCertPool()}
	p.caPool.AddCert(ca)
	sc, sk := leaf("server", x509.ExtKeyUsageServerAuth, 2)
	p.serverCert, err = tls.X509KeyPair(sc, sk)
	if err != nil {
		t.Fatal(err)
	}
	p.clientCert, p.clientKey = leaf("client", x509.ExtKeyUsageClientAuth, 3)
	return p
}

func (p *testPKI) server(t *testing.T, mtls bool) *httptest.Server {
	t.Helper()
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cn := ""
		if len(r.TLS.PeerCertificates) > 0 {
			cn = r.TLS.PeerCertificates[0].Subject.CommonName
		}
		io.WriteString(w, `{"proto":"`+r.Proto+`","client":"`+cn+`"}`)
	}))
	srv.EnableHTTP2 = true
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{p.serverCert}}
	if mtls {
		srv.TLS.ClientAuth = tls.RequireAndVerifyClientCert
		srv.TLS.ClientCAs = p.caPool
	}
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv
}

type tlsResp struct{ Proto, Client string }

func TestTLS(t *testing.T) {
	checkGoroutines(t)
	p := newPKI(t)
	dir := t.TempDir()
	caFile := filepath.Join(dir, "ca.pem")
	certFile, keyFile := filepath.Join(dir, "c.pem"), filepath.Join(dir, "k.pem")
	os.WriteFile(caFile, p.caPEM, 0o600)
	os.WriteFile(certFile, p.clientCert, 0o600)
	os.WriteFile(keyFile, p.clientKey, 0o600)
	srv := p.server(t, false)
	mtls := p.server(t, true)

	t.Run("CA file, HTTP/2", func(t *testing.T) {
		s, _ := newSession(t, srv.URL, WithTLS(TLSOptions{CAFile: caFile}))
		got, err := Decode[tlsResp](bg(), s, NewCall("GET", "/"))
		if err != nil || got.Proto != "HTTP/2.0" {
			t.Fatal(got, err)
		}
	})
	t.Run("CA PEM only, HTTP/1 forced", func(t *testing.T) {
		s, _ := newSession(t, srv.URL, WithTLS(TLSOptions{CAPEM: p.caPEM, OnlyTheseCAs: true, MinVersion: tls.VersionTLS13}),
			WithTransportConfig(TransportConfig{DisableHTTP2: true, ReadIdleTimeout: time.Hour}))
		got, err := Decode[tlsResp](bg(), s, NewCall("GET", "/"))
		if err != nil || got.Proto != "HTTP/1.1" {
			t.Fatal(got, err)
		}
	})
	t.Run("unknown CA", func(t *testing.T) {
		s, _ := newSession(t, srv.URL)
		err := Exec(bg(), s, NewCall("GET", "/"))
		var te *TransportError
		var ua x509.UnknownAuthorityError
		if !errors.As(err, &te) || te.Sent || te.Attempts != 1 || !errors.As(err, &ua) || !strings.Contains(err.Error(), "unknown authority") {
			t.Fatalf("err %v", err)
		}
	})
	t.Run("wrong host name", func(t *testing.T) {
		s, _ := newSession(t, srv.URL, WithTLS(TLSOptions{CAPEM: p.caPEM, ServerName: "wrong.example"}))
		err := Exec(bg(), s, NewCall("GET", "/"))
		var he x509.HostnameError
		if !errors.As(err, &he) || !strings.Contains(err.Error(), "wrong.example") {
			t.Fatalf("err %v", err)
		}
	})
	t.Run("insecure skip verify", func(t *testing.T) {
		s, _ := newSession(t, srv.URL, WithInsecureSkipVerify())
		if err := Exec(bg(), s, NewCall("GET", "/")); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("mTLS files", func(t *testing.T) {
		s, _ := newSession(t, mtls.URL, WithTLS(TLSOptions{CAFile: caFile, CertFile: certFile, KeyFile: keyFile}))
		got, err := Decode[tlsResp](bg(), s, NewCall("GET", "/"))
		if err != nil || got.Client != "client" {
			t.Fatal(got, err)
		}
	})
	t.Run("mTLS PEM", func(t *testing.T) {
		s, _ := newSession(t, mtls.URL, WithTLS(TLSOptions{CAPEM: p.caPEM, CertPEM: p.clientCert, KeyPEM: p.clientKey}))
		got, err := Decode[tlsResp](bg(), s, NewCall("GET", "/"))
		if err != nil || got.Client != "client" {
			t.Fatal(got, err)
		}
	})
	t.Run("mTLS missing client cert", func(t *testing.T) {
		// Over HTTP/1.1 the TLS alert text reaches the caller (net/http
		// formats it with %v, so it cannot be matched as a type).
		s, _ := newSession(t, mtls.URL, WithTLS(TLSOptions{CAPEM: p.caPEM}),
			WithTransportConfig(TransportConfig{DisableHTTP2: true, ReadIdleTimeout: time.Hour}))
		err := Exec(bg(), s, NewCall("GET", "/"))
		var te *TransportError
		if !errors.As(err, &te) || !strings.Contains(err.Error(), "certificate required") {
			t.Fatalf("err %v", err)
		}
		if te.Attempts != 1 {
			t.Errorf("a TLS alert was retried: %d attempts", te.Attempts)
		}
		// Over HTTP/2 net/http drops the cause ("client conn could not
		// be established"); the call still fails.
		s2, _ := newSession(t, mtls.URL, WithTLS(TLSOptions{CAPEM: p.caPEM}))
		if err := Exec(bg(), s2, NewCall("GET", "/")); err == nil {
			t.Fatal("h2: no error")
		}
	})
	t.Run("bad options fail in New", func(t *testing.T) {
		for name, o := range map[string]TLSOptions{
			"bad PEM":          {CAPEM: []byte("not a cert")},
			"missing CA file":  {CAFile: filepath.Join(dir, "nope.pem")},
			"not PEM file":     {CAFile: keyFile + ".missing"},
			"cert without key": {CertPEM: p.clientCert},
			"cert file only":   {CertFile: certFile},
			"files and PEM":    {CertFile: certFile, KeyFile: keyFile, CertPEM: p.clientCert, KeyPEM: p.clientKey},
			"mismatched pair":  {CertPEM: p.clientCert, KeyPEM: p.caPEM},
			"bad key file":     {CertFile: certFile, KeyFile: caFile},
			"unknown suite":    {CipherSuites: []uint16{0xffff}},
			"bad version":      {MinVersion: 0x9999},
			"only without CA":  {OnlyTheseCAs: true},
		} {
			if _, err := New(srv.URL, WithTLS(o)); err == nil {
				t.Errorf("%s: accepted", name)
			}
		}
		emptyCA := filepath.Join(dir, "empty.pem")
		os.WriteFile(emptyCA, []byte("nothing"), 0o600)
		if _, err := New(srv.URL, WithTLS(TLSOptions{CAFile: emptyCA})); err == nil {
			t.Error("empty CA file accepted")
		}
		if _, err := New(srv.URL, WithTLS(TLSOptions{CipherSuites: []uint16{tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256}})); err != nil {
			t.Error(err)
		}
	})
}
