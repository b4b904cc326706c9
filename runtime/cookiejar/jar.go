// Package cookiejar provides a cookie jar for runtime.WithCookieJar that
// knows the public suffix list (a response from foo.co.uk cannot set a
// cookie for every .co.uk site) and that can list, save and restore its
// cookies, as JSON or as a Netscape cookies.txt file (the format of curl
// -b/-c, wget --load-cookies and browsers' exporters).
//
// The jar follows RFC 6265 the way net/http/cookiejar does (domain and
// host-only cookies, default paths, Max-Age over Expires, deletion by
// Max-Age<=0 or a past Expires, replacement by name, domain and path,
// the order of the Cookie header); that package cannot list what it
// holds, which is why this one exists. As net/http/cookiejar does since
// Go 1.25 and as browsers do, a Secure cookie of localhost or a loopback
// address is also sent over plain http.
//
//	jar, _ := cookiejar.New()
//	c, _ := petstore.NewClient(url, runtime.WithCookieJar(jar))
//	... // log in
//	err := jar.Save("cookies.txt") // or "session.json"; written with mode 0600
//
//	jar, _ = cookiejar.New() // a new process
//	err = jar.Load("cookies.txt")
package cookiejar

import (
	"cmp"
	"errors"
	"net"
	"net/http"
	stdjar "net/http/cookiejar"
	"net/netip"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/genclient/genclient/runtime/internal/idn"
	"golang.org/x/net/publicsuffix"
)

// PublicSuffixList is net/http/cookiejar's interface;
// golang.org/x/net/publicsuffix.List implements it.
type PublicSuffixList = stdjar.PublicSuffixList

// Options configure a Jar made by NewWithOptions.
type Options struct {
	// PublicSuffixList decides which domains a server may set a cookie
	// for. Nil means golang.org/x/net/publicsuffix.List.
	PublicSuffixList PublicSuffixList
	// Now is the jar's clock, for expiry (nil: time.Now). Tests use it.
	Now func() time.Time
}

// Jar is an in-memory RFC 6265 cookie jar whose cookies can be listed
// (All), added (Add), and saved and restored (Save, Load, WriteJSON,
// ReadJSON, WriteNetscape, ReadNetscape). It implements http.CookieJar
// and is safe for concurrent use.
type Jar struct {
	psl PublicSuffixList
	now func() time.Time

	mu      sync.Mutex
	entries map[string]map[string]entry // by jar key (eTLD+1), then by id
	nextSeq uint64
}

// Cookie is a cookie as the jar stores it.
type Cookie struct {
	Name   string
	Value  string
	Quoted bool // the value was sent in double quotes
	// Domain is the host the cookie came from (HostOnly) or the domain
	// it was set for, lower case, without a leading dot.
	Domain   string
	HostOnly bool // sent only to Domain itself, not to its subdomains
	Path     string
	Secure   bool
	HttpOnly bool
	SameSite http.SameSite
	// Persistent cookies expire at Expires; the others (session
	// cookies) are kept until the jar is dropped, and by Save.
	Persistent bool
	Expires    time.Time
	Creation   time.Time
	LastAccess time.Time
}

type entry struct {
	Cookie
	seq uint64
}

func (e *entry) id() string { return e.Domain + ";" + e.Path + ";" + e.Name }

// endOfTime is the expiry of session cookies, as in net/http/cookiejar.
var endOfTime = time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)

// New returns an empty jar using the public suffix list of
// golang.org/x/net/publicsuffix. The error is always nil.
func New() (*Jar, error) { return NewWithOptions(nil) }

// NewWithOptions returns an empty jar configured by o (nil: defaults).
func NewWithOptions(o *Options) (*Jar, error) {
	j := &Jar{psl: publicsuffix.List, now: time.Now, entries: map[string]map[string]entry{}}
	if o != nil {
		if o.PublicSuffixList != nil {
			j.psl = o.PublicSuffixList
		}
		if o.Now != nil {
			j.now = o.Now
		}
	}
	return j, nil
}

// Cookies implements http.CookieJar: the cookies to send to u, longest
// path first, then oldest first. It returns none for a scheme other than
// http and https.
func (j *Jar) Cookies(u *url.URL) []*http.Cookie {
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil
	}
	host, err := canonicalHost(u.Host)
	if err != nil {
		return nil
	}
	key := jarKey(host, j.psl)
	https := u.Scheme == "https"
	path := u.Path
	if path == "" {
		path = "/"
	}
	now := j.now()

	j.mu.Lock()
	defer j.mu.Unlock()
	sub := j.entries[key]
	if sub == nil {
		return nil
	}
	var selected []entry
	for id, e := range sub {
		if e.Persistent && !e.Expires.After(now) {
			delete(sub, id)
			continue
		}
		if !e.domainMatch(host) || !e.pathMatch(path) || !e.secureMatch(https) {
			continue
		}
		e.LastAccess = now
		sub[id] = e
		selected = append(selected, e)
	}
	if len(sub) == 0 {
		delete(j.entries, key)
	}
	slices.SortFunc(selected, func(a, b entry) int {
		if r := cmp.Compare(b.Path, a.Path); r != 0 {
			return r
		}
		if r := a.Creation.Compare(b.Creation); r != 0 {
			return r
		}
		return cmp.Compare(a.seq, b.seq)
	})
	out := make([]*http.Cookie, len(selected))
	for i, e := range selected {
		out[i] = &http.Cookie{Name: e.Name, Value: e.Value, Quoted: e.Quoted}
	}
	return out
}

func (e *entry) domainMatch(host string) bool {
	return e.Domain == host || !e.HostOnly && hasDotSuffix(host, e.Domain)
}

// pathMatch is RFC 6265 §5.1.4 path-match.
func (e *entry) pathMatch(p string) bool {
	if p == e.Path {
		return true
	}
	return strings.HasPrefix(p, e.Path) && (e.Path[len(e.Path)-1] == '/' || p[len(e.Path)] == '/')
}

// secureMatch: a Secure cookie goes over https, or to localhost and
// loopback addresses.
func (e *entry) secureMatch(https bool) bool {
	if !e.Secure || https {
		return true
	}
	d := strings.TrimSuffix(e.Domain, ".")
	if d == "localhost" || strings.HasSuffix(d, ".localhost") {
		return true
	}
	ip, err := netip.ParseAddr(e.Domain)
	return err == nil && ip.IsLoopback()
}

func hasDotSuffix(s, suffix string) bool {
	return len(s) > len(suffix) && s[len(s)-len(suffix)-1] == '.' && s[len(s)-len(suffix):] == suffix
}

// SetCookies implements http.CookieJar: it stores the cookies of a
// response from u, replacing those with the same name, domain and path,
// and deletes those that arrive expired (Max-Age<=0, a past Expires).
// Cookies whose Domain attribute u's host may not set (another site, a
// public suffix) are ignored.
func (j *Jar) SetCookies(u *url.URL, cookies []*http.Cookie) {
	if len(cookies) == 0 || u.Scheme != "http" && u.Scheme != "https" {
		return
	}
	host, err := canonicalHost(u.Host)
	if err != nil {
		return
	}
	key := jarKey(host, j.psl)
	defPath := defaultPath(u.Path)
	now := j.now()

	j.mu.Lock()
	defer j.mu.Unlock()
	for _, c := range cookies {
		e, remove, err := j.newEntry(c, now, defPath, host)
		if err != nil {
			continue
		}
		if remove {
			j.remove(key, e.id())
			continue
		}
		j.put(key, e, now)
	}
}

// put stores e under key, keeping the creation time and order of the
// cookie it replaces.
func (j *Jar) put(key string, e entry, now time.Time) {
	sub := j.entries[key]
	if sub == nil {
		sub = map[string]entry{}
		j.entries[key] = sub
	}
	id := e.id()
	if old, ok := sub[id]; ok {
		e.Creation, e.seq = old.Creation, old.seq
	} else {
		if e.Creation.IsZero() {
			e.Creation = now
		}
		e.seq = j.nextSeq
		j.nextSeq++
	}
	if e.LastAccess.IsZero() {
		e.LastAccess = now
	}
	sub[id] = e
}

func (j *Jar) remove(key, id string) {
	if sub := j.entries[key]; sub != nil {
		delete(sub, id)
		if len(sub) == 0 {
			delete(j.entries, key)
		}
	}
}

func canonicalHost(host string) (string, error) {
	if hasPort(host) {
		h, _, err := net.SplitHostPort(host)
		if err != nil {
			return "", err
		}
		host = h
	}
	host = strings.TrimSuffix(host, ".")
	host, ok := idn.ToASCII(host)
	if !ok {
		return "", errors.New("cookiejar: a label of the host cannot be Punycode-encoded")
	}
	return strings.ToLower(host), nil
}

func hasPort(host string) bool {
	switch strings.Count(host, ":") {
	case 0:
		return false
	case 1:
		return true
	}
	return host[0] == '[' && strings.Contains(host, "]:")
}

// jarKey is the registrable domain (eTLD+1) of host, or host itself for
// an IP address, a public suffix or a single label.
func jarKey(host string, psl PublicSuffixList) string {
	if isIP(host) {
		return host
	}
	suffix := psl.PublicSuffix(host)
	if suffix == host {
		return host
	}
	i := len(host) - len(suffix)
	if i <= 0 || host[i-1] != '.' {
		return host // a broken list: keep cookies under the host
	}
	return host[strings.LastIndex(host[:i-1], ".")+1:]
}

func isIP(host string) bool {
	return strings.ContainsAny(host, ":%") || net.ParseIP(host) != nil
}

// defaultPath is RFC 6265 §5.1.4 default-path.
func defaultPath(p string) string {
	if p == "" || p[0] != '/' {
		return "/"
	}
	i := strings.LastIndex(p, "/")
	if i == 0 {
		return "/"
	}
	return p[:i]
}

var (
	errIllegalDomain   = errors.New("cookiejar: illegal cookie domain attribute")
	errMalformedDomain = errors.New("cookiejar: malformed cookie domain attribute")
)

// newEntry turns a received cookie into an entry; remove reports that it
// deletes the stored one (it arrived expired).
func (j *Jar) newEntry(c *http.Cookie, now time.Time, defPath, host string) (e entry, remove bool, err error) {
	e.Name = c.Name
	e.Path = c.Path
	if e.Path == "" || e.Path[0] != '/' {
		e.Path = defPath
	}
	e.Domain, e.HostOnly, err = j.domainAndType(host, c.Domain)
	if err != nil {
		return e, false, err
	}
	switch {
	case c.MaxAge < 0:
		return e, true, nil
	case c.MaxAge > 0:
		e.Expires, e.Persistent = now.Add(time.Duration(c.MaxAge)*time.Second), true
	case c.Expires.IsZero():
		e.Expires = endOfTime
	case !c.Expires.After(now):
		return e, true, nil
	default:
		e.Expires, e.Persistent = c.Expires, true
	}
	e.Value, e.Quoted = c.Value, c.Quoted
	e.Secure, e.HttpOnly = c.Secure, c.HttpOnly
	e.SameSite = c.SameSite
	return e, false, nil
}

// domainAndType returns the domain of a cookie from host with Domain
// attribute domain, and whether it is host-only.
func (j *Jar) domainAndType(host, domain string) (string, bool, error) {
	if domain == "" {
		return host, true, nil
	}
	if isIP(host) {
		// An IP address has no subdomains: Domain may only repeat it,
		// and the cookie is host-only (as browsers and curl do).
		if host != domain {
			return "", false, errIllegalDomain
		}
		return host, true, nil
	}
	domain = strings.TrimPrefix(domain, ".")
	if domain == "" || domain[0] == '.' || !idn.IsASCII(domain) {
		return "", false, errMalformedDomain
	}
	domain = strings.ToLower(domain)
	if domain[len(domain)-1] == '.' {
		return "", false, errMalformedDomain
	}
	if ps := j.psl.PublicSuffix(domain); ps != "" && !hasDotSuffix(domain, ps) {
		if host == domain {
			// A public suffix's own host may set a host cookie.
			return host, true, nil
		}
		return "", false, errIllegalDomain
	}
	if host != domain && !hasDotSuffix(host, domain) {
		return "", false, errIllegalDomain
	}
	return domain, false, nil
}
