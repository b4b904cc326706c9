package runtime

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"
)

// AWSCredentials are the credentials SigV4 signs with. Expires, when
// set, is when they stop being valid; the signer fetches new ones a
// minute before.
type AWSCredentials struct {
	AccessKeyID     string
	SecretAccessKey Secret
	SessionToken    Secret // sent as X-Amz-Security-Token when set
	Expires         time.Time
}

// AWSCredentialsProvider returns AWS credentials: static ones, or
// refreshed ones (STS, an instance role, a credentials file). It must be
// safe for concurrent use; the signer caches what it returns until a
// minute before Expires.
type AWSCredentialsProvider interface {
	Retrieve(ctx context.Context) (AWSCredentials, error)
}

// AWSCredentialsFunc adapts a function to AWSCredentialsProvider.
type AWSCredentialsFunc func(ctx context.Context) (AWSCredentials, error)

// Retrieve calls f(ctx).
func (f AWSCredentialsFunc) Retrieve(ctx context.Context) (AWSCredentials, error) { return f(ctx) }

// StaticAWSCredentials returns a provider of fixed credentials;
// sessionToken may be empty.
func StaticAWSCredentials(accessKeyID, secretAccessKey, sessionToken string) AWSCredentialsProvider {
	c := AWSCredentials{AccessKeyID: accessKeyID, SecretAccessKey: NewSecret(secretAccessKey)}
	if sessionToken != "" {
		c.SessionToken = NewSecret(sessionToken)
	}
	return AWSCredentialsFunc(func(context.Context) (AWSCredentials, error) { return c, nil })
}

// SigV4Config configures SigV4.
type SigV4Config struct {
	Region      string // "us-east-1"
	Service     string // the signing name: "s3", "execute-api", "es", ...
	Credentials AWSCredentialsProvider
	// UnsignedPayload signs "UNSIGNED-PAYLOAD" instead of the body's
	// SHA-256 (sent in X-Amz-Content-Sha256): for large or streaming
	// uploads. A body that cannot be replayed is always sent unsigned.
	UnsignedPayload bool
	// Now is the time source; nil: time.Now.
	Now func() time.Time
}

// SigV4 returns an Auth that signs each request with AWS Signature
// Version 4 (HMAC-SHA256, the Authorization header). It is a Signer: it
// runs after every other credential and header, on every attempt and
// redirect hop, so each attempt carries a fresh X-Amz-Date and a
// signature over the final headers. The path is normalised and encoded
// twice as AWS services expect, except for "s3", whose paths are signed
// as sent and which always gets X-Amz-Content-Sha256.
func SigV4(c SigV4Config) Auth { return &sigV4{cfg: c} }

type sigV4 struct {
	cfg SigV4Config

	mu     sync.Mutex
	cached *AWSCredentials
}

func (s *sigV4) validate() error {
	switch {
	case s.cfg.Region == "" || s.cfg.Service == "":
		return errors.New("SigV4: Region and Service are required")
	case s.cfg.Credentials == nil:
		return errors.New("SigV4: no Credentials")
	}
	return nil
}

func (s *sigV4) SignsLast() {}
func (s *sigV4) tlsOnly()   {}
func (s *sigV4) String() string {
	return "SigV4(" + s.cfg.Region + ", " + s.cfg.Service + ", REDACTED)"
}

func (s *sigV4) now() time.Time {
	if s.cfg.Now != nil {
		return s.cfg.Now()
	}
	return time.Now()
}

// creds returns cached credentials, or retrieves new ones.
func (s *sigV4) creds(ctx context.Context, now time.Time) (AWSCredentials, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c := s.cached; c != nil && (c.Expires.IsZero() || now.Before(c.Expires.Add(-time.Minute))) {
		return *c, nil
	}
	c, err := s.cfg.Credentials.Retrieve(ctx)
	if err != nil {
		return AWSCredentials{}, fmt.Errorf("SigV4: retrieving credentials: %w", err)
	}
	if c.AccessKeyID == "" || c.SecretAccessKey.IsZero() {
		return AWSCredentials{}, errors.New("SigV4: empty credentials")
	}
	s.cached = &c
	return c, nil
}

func (s *sigV4) Apply(r *http.Request) error {
	if err := s.validate(); err != nil {
		return err
	}
	now := s.now()
	c, err := s.creds(r.Context(), now)
	if err != nil {
		return err
	}
	hash, err := s.payloadHash(r)
	if err != nil {
		return err
	}
	return signV4(r, c, s.cfg.Region, s.cfg.Service, hash, now)
}

const unsignedPayload = "UNSIGNED-PAYLOAD"

// payloadHash hashes the body through GetBody, leaving r.Body unread.
func (s *sigV4) payloadHash(r *http.Request) (string, error) {
	if r.Body == nil || r.Body == http.NoBody {
		return emptySHA256, nil
	}
	if s.cfg.UnsignedPayload || r.GetBody == nil {
		return unsignedPayload, nil
	}
	rc, err := r.GetBody()
	if err != nil {
		return "", err
	}
	defer rc.Close()
	h := sha256.New()
	if _, err := io.Copy(h, rc); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

const emptySHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

// sigV4Ignored are headers that proxies and the transport may change,
// never signed (as AWS's SDKs do).
var sigV4Ignored = map[string]bool{
	"authorization": true, "user-agent": true, "x-amzn-trace-id": true,
	"expect": true, "transfer-encoding": true, "connection": true, "content-length": true,
}

// signV4 sets X-Amz-Date, X-Amz-Security-Token, X-Amz-Content-Sha256
// (for s3 and unsigned payloads) and Authorization on r.
func signV4(r *http.Request, c AWSCredentials, region, service, payloadHash string, now time.Time) error {
	t := now.UTC()
	amzDate := t.Format("20060102T150405Z")
	r.Header.Del("Authorization")
	r.Header.Set("X-Amz-Date", amzDate)
	r.Header.Del("X-Amz-Security-Token")
	if tok := c.SessionToken.Reveal(); tok != "" {
		r.Header.Set("X-Amz-Security-Token", tok)
	}
	if service == "s3" || payloadHash == unsignedPayload {
		r.Header.Set("X-Amz-Content-Sha256", payloadHash)
	}
	creq, signed := canonicalRequest(r, service, payloadHash)
	scope := t.Format("20060102") + "/" + region + "/" + service + "/aws4_request"
	sum := sha256.Sum256([]byte(creq))
	sts := "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + hex.EncodeToString(sum[:])
	key := hmacSHA256([]byte("AWS4"+c.SecretAccessKey.Reveal()), t.Format("20060102"))
	for _, p := range []string{region, service, "aws4_request"} {
		key = hmacSHA256(key, p)
	}
	sig := hex.EncodeToString(hmacSHA256(key, sts))
	r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential="+c.AccessKeyID+"/"+scope+
		", SignedHeaders="+signed+", Signature="+sig)
	return nil
}

func hmacSHA256(key []byte, data string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(data))
	return m.Sum(nil)
}

// canonicalRequest builds the SigV4 canonical request of r and its
// signed-header list.
func canonicalRequest(r *http.Request, service, payloadHash string) (string, string) {
	host := r.Host
	if host == "" {
		host = r.URL.Host
	}
	headers := map[string]string{"host": host}
	for k, vs := range r.Header {
		lk := strings.ToLower(k)
		if sigV4Ignored[lk] {
			continue
		}
		vals := make([]string, len(vs))
		for i, v := range vs {
			vals[i] = strings.Join(strings.Fields(v), " ")
		}
		headers[lk] = strings.Join(vals, ",")
	}
	names := make([]string, 0, len(headers))
	for k := range headers {
		names = append(names, k)
	}
	slices.Sort(names)
	var b strings.Builder
	b.WriteString(r.Method)
	b.WriteByte('\n')
	b.WriteString(canonicalURI(r.URL, service))
	b.WriteByte('\n')
	b.WriteString(canonicalQuery(r.URL))
	b.WriteByte('\n')
	for _, k := range names {
		b.WriteString(k + ":" + headers[k] + "\n")
	}
	signed := strings.Join(names, ";")
	b.WriteString("\n" + signed + "\n" + payloadHash)
	return b.String(), signed
}

// canonicalURI is the path as sent; for services other than s3 it is
// normalised (empty and dot segments removed) and encoded once more.
func canonicalURI(u *url.URL, service string) string {
	p := u.EscapedPath()
	if u.Opaque != "" {
		p = u.Opaque
	}
	if p == "" {
		p = "/"
	}
	if service == "s3" {
		return p
	}
	var segs []string
	for _, s := range strings.Split(p, "/") {
		switch s {
		case "", ".":
		case "..":
			if len(segs) > 0 {
				segs = segs[:len(segs)-1]
			}
		default:
			segs = append(segs, awsEscape(s))
		}
	}
	out := "/" + strings.Join(segs, "/")
	if strings.HasSuffix(p, "/") && len(segs) > 0 {
		out += "/"
	}
	return out
}

// canonicalQuery sorts the decoded pairs by name, then value, each
// AWS-encoded.
func canonicalQuery(u *url.URL) string {
	if u.RawQuery == "" {
		return ""
	}
	var pairs []string
	for k, vs := range u.Query() {
		for _, v := range vs {
			pairs = append(pairs, awsEscape(k)+"="+awsEscape(v))
		}
	}
	slices.Sort(pairs)
	return strings.Join(pairs, "&")
}

// awsEscape percent-encodes every byte but the RFC 3986 unreserved ones,
// with upper-case hex.
func awsEscape(s string) string {
	const hexd = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hexd[c>>4])
		b.WriteByte(hexd[c&15])
	}
	return b.String()
}
