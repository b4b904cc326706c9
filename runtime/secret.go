package runtime

import (
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// Secret holds a credential. It never prints: fmt verbs, slog and JSON
// all show "REDACTED"; Reveal returns the value. The zero Secret is empty.
//
// The value sits behind a pointer so that even a struct holding a Secret
// in an unexported field prints an address, not the value.
type Secret struct{ p *string }

// NewSecret wraps s.
func NewSecret(s string) Secret { return Secret{p: &s} }

// Reveal returns the secret value.
func (s Secret) Reveal() string {
	if s.p == nil {
		return ""
	}
	return *s.p
}

// IsZero reports whether s is empty.
func (s Secret) IsZero() bool { return s.Reveal() == "" }

const redacted = "REDACTED"

// String returns "REDACTED".
func (s Secret) String() string { return redacted }

// GoString returns "REDACTED".
func (s Secret) GoString() string { return redacted }

// Format prints "REDACTED" for every verb.
func (s Secret) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(redacted)) }

// LogValue makes slog print "REDACTED".
func (s Secret) LogValue() slog.Value { return slog.StringValue(redacted) }

// MarshalText returns "REDACTED", so encoders never see the value.
func (s Secret) MarshalText() ([]byte, error) { return []byte(redacted), nil }

// isDefaultRedacted reports whether a lower-case header or query name is
// always redacted.
func isDefaultRedacted(n string) bool {
	switch n {
	case "authorization", "proxy-authorization", "cookie", "set-cookie",
		"x-api-key", "api-key", "x-auth-token", "x-amz-security-token",
		"access_token", "api_key", "apikey", "token", "sig", "signature",
		"x-amz-signature", "x-amz-credential", "client_secret":
		return true
	}
	return false
}

func isRedacted(names map[string]bool, n string) bool {
	n = strings.ToLower(n)
	return names[n] || isDefaultRedacted(n)
}

// redactURL formats u without userinfo and with the values of sensitive
// query parameters replaced.
func redactURL(u *url.URL, names map[string]bool) string {
	if u == nil {
		return ""
	}
	c := *u
	if c.User != nil {
		c.User = url.User(redacted)
	}
	if c.RawQuery != "" {
		q, err := url.ParseQuery(c.RawQuery)
		if err != nil {
			c.RawQuery = redacted
		} else {
			changed := false
			for k, vs := range q {
				if isRedacted(names, k) {
					for i := range vs {
						vs[i] = redacted
					}
					changed = true
				}
			}
			if changed {
				c.RawQuery = q.Encode()
			}
		}
	}
	return c.String()
}

// redactHeader returns a copy of h with sensitive values replaced.
func redactHeader(h http.Header, names map[string]bool) http.Header {
	out := make(http.Header, len(h))
	for k, vs := range h {
		if isRedacted(names, k) {
			out[k] = []string{redacted}
			continue
		}
		out[k] = vs
	}
	return out
}

// origin is a URL's scheme, lower-case host name and effective port.
type origin struct{ scheme, host, port string }

func originOf(u *url.URL) origin {
	o := origin{scheme: strings.ToLower(u.Scheme), host: strings.ToLower(u.Hostname()), port: u.Port()}
	if o.port == "" {
		switch o.scheme {
		case "http":
			o.port = "80"
		case "https":
			o.port = "443"
		}
	}
	return o
}

func parseOrigin(s string) (origin, error) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return origin{}, fmt.Errorf("runtime: invalid origin %q: want scheme://host[:port]", s)
	}
	return originOf(u), nil
}

// inScope reports whether credentials scoped to trusted may go to u: an
// exact origin match, or the upgrade from http to https on the same host
// and default ports.
func inScope(trusted []origin, u *url.URL) bool {
	o := originOf(u)
	for _, t := range trusted {
		if t == o {
			return true
		}
		if t.scheme == "http" && o.scheme == "https" && t.host == o.host && t.port == "80" && o.port == "443" {
			return true
		}
	}
	return false
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
