package cookiejar

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// All returns the cookies the jar holds and that have not expired, in
// the order they were first stored.
func (j *Jar) All() []Cookie {
	now := j.now()
	j.mu.Lock()
	var all []entry
	for _, sub := range j.entries {
		for _, e := range sub {
			if !e.Persistent || e.Expires.After(now) {
				all = append(all, e)
			}
		}
	}
	j.mu.Unlock()
	slices.SortFunc(all, func(a, b entry) int {
		if r := a.Creation.Compare(b.Creation); r != 0 {
			return r
		}
		return cmp.Compare(a.seq, b.seq)
	})
	out := make([]Cookie, len(all))
	for i, e := range all {
		out[i] = e.Cookie
		if !e.Persistent {
			out[i].Expires = time.Time{}
		}
	}
	return out
}

// Add stores cookies as they are, as restored from a file: Domain and
// HostOnly are taken as given, not checked against a request's host.
// A cookie with the name, domain and path of a stored one replaces it;
// an expired persistent cookie is skipped, as is a domain cookie for a
// public suffix (which no response could have set). A zero Path is "/",
// a zero Creation or LastAccess now. It fails, storing nothing, if a
// cookie is malformed (no name, bytes a Cookie header cannot carry, no
// domain).
func (j *Jar) Add(cookies ...Cookie) error {
	es := make([]entry, 0, len(cookies))
	for i, c := range cookies {
		e, err := j.restored(c)
		if err != nil {
			return fmt.Errorf("cookiejar: cookie %d (%q): %w", i, c.Name, err)
		}
		es = append(es, e)
	}
	now := j.now()
	j.mu.Lock()
	defer j.mu.Unlock()
	for _, e := range es {
		if e.Persistent && !e.Expires.After(now) {
			j.remove(jarKey(e.Domain, j.psl), e.id())
			continue
		}
		if !e.HostOnly {
			if ps := j.psl.PublicSuffix(e.Domain); ps == e.Domain {
				continue
			}
		}
		j.put(jarKey(e.Domain, j.psl), e, now)
	}
	return nil
}

func (j *Jar) restored(c Cookie) (entry, error) {
	if err := (&http.Cookie{Name: c.Name, Value: c.Value, Path: c.Path}).Valid(); err != nil {
		return entry{}, err
	}
	d, err := canonicalHost(strings.TrimPrefix(c.Domain, "."))
	if err != nil {
		return entry{}, err
	}
	if !validDomain(d) {
		return entry{}, errMalformedDomain
	}
	c.Domain = d
	if isIP(d) {
		c.HostOnly = true
	}
	if c.Path == "" || c.Path[0] != '/' {
		c.Path = "/"
	}
	if !c.Persistent {
		c.Expires = endOfTime
	} else if c.Expires.After(endOfTime) {
		c.Expires = endOfTime
	}
	return entry{Cookie: c}, nil
}

// validDomain reports whether d can be a canonical host: a name or an
// IP address, IPv6 in brackets. A name still ending in a dot once
// canonicalHost has dropped one ("a..") is not: a second restore would
// drop another and give a different cookie.
func validDomain(d string) bool {
	if d == "" || d[0] == '.' || d[len(d)-1] == '.' || strings.Contains(d, "..") {
		return false
	}
	if strings.ContainsAny(d, "[]") && (d[0] != '[' || d[len(d)-1] != ']' || strings.Count(d, "[")+strings.Count(d, "]") != 2) {
		return false
	}
	for i := 0; i < len(d); i++ {
		c := d[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || strings.IndexByte("-._:%[]", c) >= 0) {
			return false
		}
	}
	return true
}

// Clear removes every cookie.
func (j *Jar) Clear() {
	j.mu.Lock()
	j.entries = map[string]map[string]entry{}
	j.mu.Unlock()
}

// jsonFile is the JSON form of a jar.
type jsonFile struct {
	Cookies []jsonCookie `json:"cookies"`
}

type jsonCookie struct {
	Name       string     `json:"name"`
	Value      string     `json:"value"`
	Quoted     bool       `json:"quoted,omitempty"`
	Domain     string     `json:"domain"`
	HostOnly   bool       `json:"hostOnly"`
	Path       string     `json:"path"`
	Secure     bool       `json:"secure,omitempty"`
	HttpOnly   bool       `json:"httpOnly,omitempty"`
	SameSite   string     `json:"sameSite,omitempty"` // "Lax", "Strict", "None", "Default"
	Expires    *time.Time `json:"expires,omitempty"`  // absent for a session cookie
	Creation   time.Time  `json:"creation"`
	LastAccess time.Time  `json:"lastAccess"`
}

var sameSiteNames = map[http.SameSite]string{
	http.SameSiteDefaultMode: "Default",
	http.SameSiteLaxMode:     "Lax",
	http.SameSiteStrictMode:  "Strict",
	http.SameSiteNoneMode:    "None",
}

// WriteJSON writes every cookie (session cookies too) as
// {"cookies":[{"name":…,"value":…,"domain":…,"hostOnly":…,"path":…,
// "secure":…,"httpOnly":…,"sameSite":…,"expires":…,"creation":…,
// "lastAccess":…}]}; "expires" is absent for a session cookie.
func (j *Jar) WriteJSON(w io.Writer) error {
	var f jsonFile
	f.Cookies = []jsonCookie{}
	for _, c := range j.All() {
		jc := jsonCookie{
			Name: c.Name, Value: c.Value, Quoted: c.Quoted, Domain: c.Domain, HostOnly: c.HostOnly,
			Path: c.Path, Secure: c.Secure, HttpOnly: c.HttpOnly, SameSite: sameSiteNames[c.SameSite],
			Creation: c.Creation.UTC(), LastAccess: c.LastAccess.UTC(),
		}
		if c.Persistent {
			t := c.Expires.UTC()
			jc.Expires = &t
		}
		f.Cookies = append(f.Cookies, jc)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(f)
}

// ReadJSON adds the cookies of a file WriteJSON wrote (see Add).
func (j *Jar) ReadJSON(r io.Reader) error {
	var f jsonFile
	dec := json.NewDecoder(r)
	if err := dec.Decode(&f); err != nil {
		return fmt.Errorf("cookiejar: reading JSON: %w", err)
	}
	cs := make([]Cookie, 0, len(f.Cookies))
	for _, jc := range f.Cookies {
		c := Cookie{
			Name: jc.Name, Value: jc.Value, Quoted: jc.Quoted, Domain: jc.Domain, HostOnly: jc.HostOnly,
			Path: jc.Path, Secure: jc.Secure, HttpOnly: jc.HttpOnly,
			Creation: jc.Creation, LastAccess: jc.LastAccess,
		}
		if jc.SameSite != "" {
			found := false
			for k, v := range sameSiteNames {
				if strings.EqualFold(v, jc.SameSite) {
					c.SameSite, found = k, true
				}
			}
			if !found {
				return fmt.Errorf("cookiejar: reading JSON: cookie %q: unknown sameSite %q", jc.Name, jc.SameSite)
			}
		}
		if jc.Expires != nil {
			c.Persistent, c.Expires = true, *jc.Expires
		}
		cs = append(cs, c)
	}
	return j.Add(cs...)
}

const netscapeHeader = "# Netscape HTTP Cookie File\n# https://curl.se/docs/http-cookies.html\n# Written by genclient runtime/cookiejar. Edit at your own risk.\n\n"

// httpOnlyPrefix marks HttpOnly cookies in cookies.txt (curl, wget and
// browser exporters write it; older readers skip such lines as comments).
const httpOnlyPrefix = "#HttpOnly_"

// WriteNetscape writes every cookie in the Netscape cookies.txt format
// that curl (-b, -c), wget (--load-cookies) and browser exporters use:
// one line per cookie with seven tab-separated fields (domain,
// include-subdomains TRUE/FALSE, path, secure TRUE/FALSE, expiry in Unix
// seconds or 0 for a session cookie, name, value), a domain cookie's
// domain with a leading dot, an HttpOnly cookie's line prefixed
// "#HttpOnly_". The format has no SameSite nor creation time: Load gives
// the cookies the file's order and no SameSite. A cookie with a tab or
// line break in a field fails the write.
func (j *Jar) WriteNetscape(w io.Writer) error {
	var b bytes.Buffer
	b.WriteString(netscapeHeader)
	for _, c := range j.All() {
		if strings.ContainsAny(c.Domain+c.Path+c.Name+c.Value, "\t\r\n") {
			return fmt.Errorf("cookiejar: cookie %q cannot be written to cookies.txt: a field holds a tab or line break", c.Name)
		}
		if c.HttpOnly {
			b.WriteString(httpOnlyPrefix)
		}
		sub := "FALSE"
		if !c.HostOnly {
			b.WriteByte('.')
			sub = "TRUE"
		}
		var exp int64
		if c.Persistent {
			exp = max(c.Expires.Unix(), 1)
		}
		v := c.Value
		if c.Quoted {
			v = `"` + v + `"`
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%d\t%s\t%s\n", c.Domain, sub, c.Path, upper(c.Secure), exp, c.Name, v)
	}
	_, err := w.Write(b.Bytes())
	return err
}

func upper(v bool) string {
	if v {
		return "TRUE"
	}
	return "FALSE"
}

// ReadNetscape adds the cookies of a Netscape cookies.txt file (see
// WriteNetscape): lines starting with "#" are comments except
// "#HttpOnly_" lines, blank lines are skipped, CRLF line ends are
// accepted, a missing seventh field is an empty value, an expiry of 0
// (or less) is a session cookie, and a fractional expiry is truncated.
// The include-subdomains field, not the leading dot, decides whether a
// cookie is host-only. A malformed line fails the whole read, naming the
// line, and stores nothing.
func (j *Jar) ReadNetscape(r io.Reader) error {
	cs, err := parseNetscape(r)
	if err != nil {
		return err
	}
	return j.Add(cs...)
}

func parseNetscape(r io.Reader) ([]Cookie, error) {
	var cs []Cookie
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSuffix(sc.Text(), "\r")
		httpOnly := false
		if rest, ok := strings.CutPrefix(line, httpOnlyPrefix); ok {
			line, httpOnly = rest, true
		} else if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		c, err := parseNetscapeLine(line)
		if err != nil {
			return nil, fmt.Errorf("cookiejar: cookies.txt line %d: %w", n, err)
		}
		c.HttpOnly = httpOnly
		cs = append(cs, c)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("cookiejar: reading cookies.txt: %w", err)
	}
	return cs, nil
}

func parseNetscapeLine(line string) (Cookie, error) {
	f := strings.Split(line, "\t")
	if len(f) == 6 {
		f = append(f, "")
	}
	if len(f) != 7 {
		return Cookie{}, fmt.Errorf("%d tab-separated fields, want 7", len(f))
	}
	var c Cookie
	c.Domain = strings.TrimPrefix(f[0], ".")
	sub, err := netscapeBool(f[1])
	if err != nil {
		return c, fmt.Errorf("include-subdomains: %w", err)
	}
	c.HostOnly = !sub
	c.Path = f[2]
	if c.Secure, err = netscapeBool(f[3]); err != nil {
		return c, fmt.Errorf("secure: %w", err)
	}
	exp, err := strconv.ParseInt(f[4], 10, 64)
	if err != nil {
		fl, ferr := strconv.ParseFloat(f[4], 64)
		if ferr != nil || math.IsNaN(fl) {
			return c, fmt.Errorf("expiry %q is not a number", f[4])
		}
		exp = int64(max(min(fl, float64(endOfTime.Unix())), -1))
	}
	if exp > 0 {
		c.Persistent = true
		c.Expires = time.Unix(min(exp, endOfTime.Unix()), 0).UTC()
	}
	c.Name, c.Value = f[5], f[6]
	if len(c.Value) >= 2 && c.Value[0] == '"' && c.Value[len(c.Value)-1] == '"' {
		c.Value, c.Quoted = c.Value[1:len(c.Value)-1], true
	}
	if c.Name == "" {
		return c, errors.New("empty cookie name")
	}
	return c, nil
}

func netscapeBool(s string) (bool, error) {
	switch {
	case strings.EqualFold(s, "TRUE"):
		return true, nil
	case strings.EqualFold(s, "FALSE"):
		return false, nil
	}
	return false, fmt.Errorf("%q is neither TRUE nor FALSE", s)
}

// Save writes every cookie, session cookies included, to the file name:
// as JSON when its name ends in ".json", else as cookies.txt. The file
// is replaced atomically and created with mode 0600 (cookies are
// credentials).
func (j *Jar) Save(name string) error {
	var b bytes.Buffer
	var err error
	if strings.EqualFold(filepath.Ext(name), ".json") {
		err = j.WriteJSON(&b)
	} else {
		err = j.WriteNetscape(&b)
	}
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".tmp*")
	if err != nil {
		return fmt.Errorf("cookiejar: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return fmt.Errorf("cookiejar: %w", err)
	}
	if _, err := tmp.Write(b.Bytes()); err != nil {
		tmp.Close()
		return fmt.Errorf("cookiejar: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("cookiejar: %w", err)
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		return fmt.Errorf("cookiejar: %w", err)
	}
	return nil
}

// Load adds the cookies of the file name, written by Save, curl -c, wget
// --save-cookies or a browser exporter: JSON when the file starts with
// "{", else cookies.txt.
func (j *Jar) Load(name string) error {
	data, err := os.ReadFile(name)
	if err != nil {
		return fmt.Errorf("cookiejar: %w", err)
	}
	if t := bytes.TrimLeft(data, " \t\r\n"); len(t) > 0 && t[0] == '{' {
		return j.ReadJSON(bytes.NewReader(data))
	}
	return j.ReadNetscape(bytes.NewReader(data))
}
