package runtime

import (
	"crypto/md5"
	"crypto/rand"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
)

// DigestAuth returns an Auth for HTTP Digest authentication (RFC 7616):
// MD5, SHA-256 and SHA-512-256, each also as -sess; qop auth and
// auth-int; stale nonces; userhash; UTF-8 user names; nextnonce.
//
// The first request to an origin is sent as it is, body included (never a
// body-less probe; a large or unsized body gets "Expect: 100-continue" so
// a 401 arrives before the upload). The 401 challenge is cached per origin
// and answered by sending the request again, so later requests
// authorize up front with a per-nonce count. Among several challenges the
// strongest supported algorithm wins.
func DigestAuth(user, pass string) Auth {
	return &digestAuth{user: user, pass: NewSecret(pass), spaces: map[string]*digestChallenge{}, cnonce: newCnonce}
}

type digestAuth struct {
	user   string
	pass   Secret
	cnonce func() string

	mu     sync.Mutex
	spaces map[string]*digestChallenge // by origin
}

type digestChallenge struct {
	realm, nonce, opaque string
	algorithm            string // as the server spelled it
	rank                 int
	sess                 bool
	newHash              func() hash.Hash
	qopAuth, qopAuthInt  bool
	qopGiven             bool
	userhash             bool
	stale                bool
	nc                   uint32
}

func (d *digestAuth) String() string { return fmt.Sprintf("DigestAuth(%s, REDACTED)", d.user) }

func newCnonce() string {
	var b [24]byte
	_, _ = rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}

func originKey(u *url.URL) string {
	o := originOf(u)
	return o.scheme + "://" + o.host + ":" + o.port
}

// Apply authorizes r from the cached challenge, if any.
func (d *digestAuth) Apply(r *http.Request) error {
	d.mu.Lock()
	ch := d.spaces[originKey(r.URL)]
	if ch == nil {
		d.mu.Unlock()
		if r.Body != nil && r.Body != http.NoBody && (r.ContentLength < 0 || r.ContentLength > 1<<20) {
			r.Header.Set("Expect", "100-continue")
		}
		return nil
	}
	ch.nc++
	c := *ch
	d.mu.Unlock()
	h, err := d.authorization(r, &c, d.cnonce())
	if err != nil {
		return err
	}
	r.Header.Set("Authorization", h)
	return nil
}

// Challenge caches the strongest digest challenge of a 401 and asks for
// one more attempt, unless the request already carried digest
// credentials and the nonce is not stale (the credentials are wrong).
func (d *digestAuth) Challenge(resp *http.Response) bool {
	if resp.StatusCode != http.StatusUnauthorized {
		return false
	}
	best := bestDigest(parseChallenges(resp.Header.Values("Www-Authenticate")))
	if best == nil {
		return false
	}
	sentDigest := strings.HasPrefix(strings.ToLower(resp.Request.Header.Get("Authorization")), "digest ")
	if sentDigest && !best.stale {
		return false
	}
	d.mu.Lock()
	d.spaces[originKey(resp.Request.URL)] = best
	d.mu.Unlock()
	return true
}

// observe picks up Authentication-Info: nextnonce.
func (d *digestAuth) observe(resp *http.Response) {
	info := resp.Header.Get("Authentication-Info")
	if info == "" || resp.Request == nil {
		return
	}
	cs := parseChallenges([]string{"x " + info})
	if len(cs) == 0 || cs[0].params["nextnonce"] == "" {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if ch := d.spaces[originKey(resp.Request.URL)]; ch != nil {
		ch.nonce, ch.nc = cs[0].params["nextnonce"], 0
	}
}

type authChallenge struct {
	scheme string
	params map[string]string
}

// parseChallenges parses WWW-Authenticate field values into challenges.
func parseChallenges(values []string) []authChallenge {
	var out []authChallenge
	p := linkParser{s: strings.Join(values, ",")}
	for p.i < len(p.s) {
		for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t' || p.s[p.i] == ',') {
			p.i++
		}
		start := p.i
		for p.i < len(p.s) && isTchar(p.s[p.i]) {
			p.i++
		}
		tok := p.s[start:p.i]
		if tok == "" {
			if p.i < len(p.s) {
				p.i++
			}
			continue
		}
		p.ows()
		if p.i < len(p.s) && p.s[p.i] == '=' && len(out) > 0 {
			p.i++
			p.ows()
			var v string
			if p.i < len(p.s) && p.s[p.i] == '"' {
				v = p.quoted()
			} else {
				s := p.i
				for p.i < len(p.s) && p.s[p.i] != ',' && p.s[p.i] != ' ' && p.s[p.i] != '\t' {
					p.i++
				}
				v = p.s[s:p.i]
			}
			name := strings.ToLower(tok)
			if _, dup := out[len(out)-1].params[name]; !dup {
				out[len(out)-1].params[name] = v
			}
			continue
		}
		out = append(out, authChallenge{scheme: strings.ToLower(tok), params: map[string]string{}})
	}
	return out
}

// bestDigest returns the digest challenge with the strongest supported
// algorithm, the server's order breaking ties.
func bestDigest(cs []authChallenge) *digestChallenge {
	var best *digestChallenge
	for _, c := range cs {
		if c.scheme != "digest" || c.params["nonce"] == "" {
			continue
		}
		alg := c.params["algorithm"]
		if alg == "" {
			alg = "MD5"
		}
		base, sess := strings.CutSuffix(strings.ToUpper(alg), "-SESS")
		dc := &digestChallenge{
			realm: c.params["realm"], nonce: c.params["nonce"], opaque: c.params["opaque"],
			algorithm: alg, sess: sess,
			userhash: strings.EqualFold(c.params["userhash"], "true"),
			stale:    strings.EqualFold(c.params["stale"], "true"),
		}
		switch base {
		case "MD5":
			dc.rank, dc.newHash = 1, md5.New
		case "SHA-256":
			dc.rank, dc.newHash = 2, sha256.New
		case "SHA-512-256":
			dc.rank, dc.newHash = 3, sha512.New512_256
		default:
			continue
		}
		if q, ok := c.params["qop"]; ok {
			dc.qopGiven = true
			for _, v := range strings.Split(q, ",") {
				switch strings.ToLower(strings.TrimSpace(v)) {
				case "auth":
					dc.qopAuth = true
				case "auth-int":
					dc.qopAuthInt = true
				}
			}
			if !dc.qopAuth && !dc.qopAuthInt {
				continue
			}
		}
		if best == nil || dc.rank > best.rank {
			best = dc
		}
	}
	return best
}

func (d *digestAuth) authorization(r *http.Request, c *digestChallenge, cnonce string) (string, error) {
	H := func(s string) string {
		h := c.newHash()
		io.WriteString(h, s)
		return hex.EncodeToString(h.Sum(nil))
	}
	qop := ""
	switch {
	case c.qopAuth:
		qop = "auth"
	case c.qopAuthInt:
		qop = "auth-int"
	}
	ha1 := H(d.user + ":" + c.realm + ":" + d.pass.Reveal())
	if c.sess {
		ha1 = H(ha1 + ":" + c.nonce + ":" + cnonce)
	}
	uri := r.URL.RequestURI()
	a2 := r.Method + ":" + uri
	if qop == "auth-int" {
		bh, err := bodyHash(r, c.newHash)
		if err != nil {
			return "", err
		}
		a2 += ":" + bh
	}
	ha2 := H(a2)
	nc := fmt.Sprintf("%08x", c.nc)
	var resp string
	if qop != "" {
		resp = H(ha1 + ":" + c.nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2)
	} else {
		resp = H(ha1 + ":" + c.nonce + ":" + ha2)
	}
	var b strings.Builder
	b.WriteString("Digest ")
	switch {
	case c.userhash:
		fmt.Fprintf(&b, "username=%s", quote(H(d.user+":"+c.realm)))
	case isPlainASCII(d.user):
		fmt.Fprintf(&b, "username=%s", quote(d.user))
	default:
		fmt.Fprintf(&b, "username*=UTF-8''%s", url.PathEscape(d.user))
	}
	fmt.Fprintf(&b, ", realm=%s, uri=%s, algorithm=%s, nonce=%s", quote(c.realm), quote(uri), c.algorithm, quote(c.nonce))
	if qop != "" {
		fmt.Fprintf(&b, ", nc=%s, cnonce=%s, qop=%s", nc, quote(cnonce), qop)
	}
	fmt.Fprintf(&b, ", response=%s", quote(resp))
	if c.opaque != "" {
		fmt.Fprintf(&b, ", opaque=%s", quote(c.opaque))
	}
	if c.userhash {
		b.WriteString(", userhash=true")
	}
	return b.String(), nil
}

func quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// bodyHash hashes the entity body for qop=auth-int from a fresh copy.
func bodyHash(r *http.Request, newHash func() hash.Hash) (string, error) {
	h := newHash()
	if r.Body != nil && r.Body != http.NoBody {
		if r.GetBody == nil {
			return "", errors.New("digest auth-int needs a replayable request body")
		}
		rc, err := r.GetBody()
		if err != nil {
			return "", err
		}
		_, err = io.Copy(h, rc)
		_ = rc.Close()
		if err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
