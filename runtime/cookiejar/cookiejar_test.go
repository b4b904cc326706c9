package cookiejar

import (
	"bytes"
	"fmt"
	"math/rand"
	"net/http"
	stdjar "net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/publicsuffix"
)

func mustURL(t testing.TB, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestPublicSuffixRespected(t *testing.T) {
	jar, err := New()
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse("https://foo.co.uk/")
	jar.SetCookies(u, []*http.Cookie{{Name: "a", Value: "1", Domain: "co.uk"}, {Name: "b", Value: "2", Domain: "foo.co.uk"}})
	other, _ := url.Parse("https://bar.co.uk/")
	if got := jar.Cookies(other); len(got) != 0 {
		t.Errorf("cookie crossed the public suffix: %v", got)
	}
	if got := jar.Cookies(u); len(got) != 1 || got[0].Name != "b" {
		t.Errorf("own cookies: %v", got)
	}
}

// setCookies parses Set-Cookie lines as net/http does for a response.
func setCookies(lines ...string) []*http.Cookie {
	h := http.Header{}
	for _, l := range lines {
		h.Add("Set-Cookie", l)
	}
	return (&http.Response{Header: h}).Cookies()
}

func cookieLine(cs []*http.Cookie) string {
	var parts []string
	for _, c := range cs {
		parts = append(parts, c.String())
	}
	return strings.Join(parts, "; ")
}

// probes are the URLs whose Cookie header the side-by-side tests compare.
// None is plain http to a loopback host: there Go 1.25's jar sends Secure
// cookies and Go 1.24's does not (this jar does, as browsers do).
var probes = []string{
	"https://www.example.com/", "http://www.example.com/", "https://example.com/",
	"https://a.b.example.com/a/b/c", "https://www.example.com/a", "https://www.example.com/a/",
	"https://www.example.com/a/b", "https://www.example.com/ab", "https://other.com/",
	"https://foo.co.uk/", "https://bar.co.uk/", "https://co.uk/", "https://sub.foo.co.uk/x",
	"https://127.0.0.1:8080/", "https://[::1]/", "https://foo.blogspot.com/", "https://bar.blogspot.com/",
	"https://blogspot.com/", "https://WWW.Example.COM./a/b", "ftp://www.example.com/",
}

type step struct {
	url   string
	lines []string
}

// replay feeds the same responses to this jar and to net/http/cookiejar
// and compares the Cookie header each would send to every probe after
// each response.
func replay(t *testing.T, steps []step) {
	t.Helper()
	ours, _ := New()
	std, _ := stdjar.New(&stdjar.Options{PublicSuffixList: publicsuffix.List})
	for i, s := range steps {
		u := mustURL(t, s.url)
		cs := setCookies(s.lines...)
		ours.SetCookies(u, cs)
		std.SetCookies(u, cs)
		for _, p := range probes {
			pu := mustURL(t, p)
			if got, want := cookieLine(ours.Cookies(pu)), cookieLine(std.Cookies(pu)); got != want {
				t.Fatalf("step %d (%s %q), %s: this jar sends %q, net/http/cookiejar %q", i, s.url, s.lines, p, got, want)
			}
		}
	}
}

func TestSideBySideWithStdJar(t *testing.T) {
	past := time.Now().Add(-time.Hour).UTC().Format(http.TimeFormat)
	future := time.Now().Add(24 * time.Hour).UTC().Format(http.TimeFormat)
	replay(t, []step{
		{"https://www.example.com/", []string{"host=1", "dom=1; Domain=example.com", "dot=1; Domain=.example.com"}},
		{"https://www.example.com/a/b/c", []string{"defpath=1", "root=1; Path=/", "apath=1; Path=/a", "aslash=1; Path=/a/", "rel=1; Path=relative"}},
		{"https://www.example.com/", []string{"host=2"}},                                        // replacement keeps the order
		{"https://www.example.com/", []string{"sec=1; Secure", "ho=1; HttpOnly; SameSite=Lax"}}, // not over http
		{"https://www.example.com/", []string{"host=3; Max-Age=0"}},                             // deletion
		{"https://www.example.com/", []string{"dom=2; Domain=example.com; Max-Age=-1"}},         // deletion
		{"https://www.example.com/", []string{"dot=gone; Domain=example.com; Expires=" + past}},
		{"https://www.example.com/", []string{"later=1; Expires=" + future, "both=1; Max-Age=3600; Expires=" + past}},
		{"https://www.example.com/", []string{"evil=1; Domain=other.com", "evil2=1; Domain=com", "bad=1; Domain=..example.com", "bad2=1; Domain=example.com."}},
		{"https://foo.co.uk/", []string{"psl=1; Domain=co.uk", "own=1; Domain=foo.co.uk", "host=1"}},
		{"https://co.uk/", []string{"self=1; Domain=co.uk"}}, // a public suffix's own host cookie
		{"https://foo.blogspot.com/", []string{"priv=1; Domain=blogspot.com", "mine=1; Domain=foo.blogspot.com"}},
		{"https://127.0.0.1:8080/", []string{"ip=1", "ipdom=1; Domain=127.0.0.1", "ipother=1; Domain=127.0.0.2", "ipdot=1; Domain=.127.0.0.1"}},
		{"https://[::1]/", []string{"v6=1"}},
		{"https://WWW.EXAMPLE.COM./", []string{"upper=1"}},
		{"https://www.example.com/", []string{`q="quoted value"`, "empty="}},
		{"ftp://www.example.com/", []string{"ftp=1"}},
		{"https://www.example.com/", []string{"upper=2; Max-Age=0", "later=2; Path=/a"}},
	})
}

// TestRandomAgainstStdJar replays a long pseudo-random (fixed seed)
// sequence of responses to both jars.
func TestRandomAgainstStdJar(t *testing.T) {
	rng := rand.New(rand.NewSource(6265))
	hosts := []string{"https://www.example.com", "http://www.example.com", "https://example.com", "https://a.b.example.com",
		"https://foo.co.uk", "https://co.uk", "https://foo.blogspot.com", "https://127.0.0.1:8080"}
	paths := []string{"/", "/a", "/a/", "/a/b", "/a/b/c", "/ab", ""}
	names := []string{"a", "b", "c", "SID"}
	domains := []string{"", "example.com", ".example.com", "www.example.com", "co.uk", "foo.co.uk", "blogspot.com", "127.0.0.1", "other.com"}
	past := time.Now().Add(-time.Hour).UTC().Format(http.TimeFormat)
	future := time.Now().Add(24 * time.Hour).UTC().Format(http.TimeFormat)
	attrs := []string{"", "; Secure", "; HttpOnly", "; Max-Age=0", "; Max-Age=-5", "; Max-Age=3600", "; Expires=" + past, "; Expires=" + future, "; SameSite=Strict"}
	var steps []step
	for i := 0; i < 400; i++ {
		var lines []string
		for k := rng.Intn(3) + 1; k > 0; k-- {
			l := fmt.Sprintf("%s=v%d", names[rng.Intn(len(names))], i)
			if d := domains[rng.Intn(len(domains))]; d != "" {
				l += "; Domain=" + d
			}
			if p := paths[rng.Intn(len(paths))]; p != "" && rng.Intn(2) == 0 {
				l += "; Path=" + p
			}
			l += attrs[rng.Intn(len(attrs))]
			lines = append(lines, l)
		}
		steps = append(steps, step{hosts[rng.Intn(len(hosts))] + paths[rng.Intn(len(paths))], lines})
	}
	replay(t, steps)
}

type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time { return c.t }

func TestExpiry(t *testing.T) {
	clk := &fakeClock{time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	jar, _ := NewWithOptions(&Options{Now: clk.now})
	u := mustURL(t, "https://api.example.com/")
	jar.SetCookies(u, setCookies("short=1; Max-Age=60", "exp=1; Expires="+clk.t.Add(2*time.Minute).Format(http.TimeFormat), "session=1"))
	if got := cookieLine(jar.Cookies(u)); got != "short=1; exp=1; session=1" {
		t.Fatalf("before expiry: %q", got)
	}
	clk.t = clk.t.Add(61 * time.Second)
	if got := cookieLine(jar.Cookies(u)); got != "exp=1; session=1" {
		t.Fatalf("after Max-Age: %q", got)
	}
	clk.t = clk.t.Add(time.Minute)
	if got := cookieLine(jar.Cookies(u)); got != "session=1" {
		t.Fatalf("after Expires: %q", got)
	}
	if all := jar.All(); len(all) != 1 || all[0].Persistent || !all[0].Expires.IsZero() {
		t.Fatalf("All: %+v", all)
	}
}

// fullJar holds one cookie of every kind, as a server set them.
func fullJar(t *testing.T, now func() time.Time) *Jar {
	jar, _ := NewWithOptions(&Options{Now: now})
	jar.SetCookies(mustURL(t, "https://www.example.com/app/login"), setCookies(
		"host=h1; Secure; HttpOnly; SameSite=Strict; Max-Age=3600",
		"dom=d1; Domain=example.com; Path=/; SameSite=Lax; Max-Age=7200",
		"sess=s1",
		"none=n1; Path=/app/x; SameSite=None; Secure",
		`q="a b"; Max-Age=100`,
	))
	jar.SetCookies(mustURL(t, "http://127.0.0.1:9/"), setCookies("ip=1; Domain=127.0.0.1"))
	return jar
}

func probeAll(j *Jar) map[string]string {
	m := map[string]string{}
	for _, p := range append(probes, "https://www.example.com/app/x", "http://127.0.0.1/", "https://www.example.com/app/login") {
		u, _ := url.Parse(p)
		m[p] = cookieLine(j.Cookies(u))
	}
	return m
}

func TestRoundTrip(t *testing.T) {
	clk := &fakeClock{time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	for _, format := range []string{"json", "netscape"} {
		t.Run(format, func(t *testing.T) {
			src := fullJar(t, clk.now)
			var buf bytes.Buffer
			var err error
			if format == "json" {
				err = src.WriteJSON(&buf)
			} else {
				err = src.WriteNetscape(&buf)
			}
			if err != nil {
				t.Fatal(err)
			}
			dst, _ := NewWithOptions(&Options{Now: clk.now})
			if format == "json" {
				err = dst.ReadJSON(&buf)
			} else {
				err = dst.ReadNetscape(&buf)
			}
			if err != nil {
				t.Fatal(err)
			}
			want, got := src.All(), dst.All()
			if len(got) != len(want) {
				t.Fatalf("restored %d cookies, want %d", len(got), len(want))
			}
			for i := range want {
				w, g := want[i], got[i]
				if format == "netscape" {
					// cookies.txt keeps whole seconds and no SameSite.
					w.SameSite = 0
					w.Expires = w.Expires.Truncate(time.Second)
				}
				w.Creation, w.LastAccess, g.Creation, g.LastAccess = time.Time{}, time.Time{}, time.Time{}, time.Time{}
				if !reflect.DeepEqual(g, w) {
					t.Errorf("cookie %d:\n got %+v\nwant %+v", i, g, w)
				}
			}
			if g, w := probeAll(dst), probeAll(src); !reflect.DeepEqual(g, w) {
				t.Errorf("restored jar sends\n%v\nwant\n%v", g, w)
			}
			// Expiry survives: an hour later the host cookie is gone.
			clk2 := &fakeClock{clk.t.Add(3601 * time.Second)}
			dst.now, src.now = clk2.now, clk2.now
			if g, w := probeAll(dst), probeAll(src); !reflect.DeepEqual(g, w) {
				t.Errorf("an hour later the restored jar sends\n%v\nwant\n%v", g, w)
			}
		})
	}
}

func TestJSONKeepsCreationOrderAndSameSite(t *testing.T) {
	clk := &fakeClock{time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	src := fullJar(t, clk.now)
	var buf bytes.Buffer
	if err := src.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`"sameSite": "Strict"`, `"sameSite": "Lax"`, `"sameSite": "None"`, `"hostOnly": true`, `"httpOnly": true`, `"expires": "2026-01-02T04:04:05Z"`} {
		if !strings.Contains(buf.String(), s) {
			t.Errorf("JSON lacks %s:\n%s", s, buf.String())
		}
	}
	dst, _ := NewWithOptions(&Options{Now: clk.now})
	if err := dst.ReadJSON(&buf); err != nil {
		t.Fatal(err)
	}
	if g, w := dst.All(), src.All(); !reflect.DeepEqual(g, w) {
		t.Errorf("JSON round trip:\n got %+v\nwant %+v", g, w)
	}
}

// curlFile is what curl -c writes (with an HttpOnly cookie, a session
// cookie and a Windows line end), plus a wget-style line without value.
const curlFile = "# Netscape HTTP Cookie File\r\n" +
	"# https://curl.se/docs/http-cookies.html\n" +
	"# This file was generated by libcurl! Edit at your own risk.\n" +
	"\n" +
	"#HttpOnly_.example.com\tTRUE\t/\tTRUE\t1893456000\tsid\tabc123\n" +
	"www.example.com\tFALSE\t/app\tFALSE\t0\tprefs\tdark\r\n" +
	".example.com\tTRUE\t/\tFALSE\t1893456000.5\tflag\n" +
	"   \n" +
	"127.0.0.1\tFALSE\t/\tFALSE\t1\told\tx\n"

func TestReadCurlCookiesTxt(t *testing.T) {
	clk := &fakeClock{time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	jar, _ := NewWithOptions(&Options{Now: clk.now})
	if err := jar.ReadNetscape(strings.NewReader(curlFile)); err != nil {
		t.Fatal(err)
	}
	all := jar.All()
	if len(all) != 3 {
		t.Fatalf("%d cookies (the expired one must be skipped): %+v", len(all), all)
	}
	sid, prefs, flag := all[0], all[1], all[2]
	exp := time.Unix(1893456000, 0).UTC()
	if sid.Name != "sid" || sid.Value != "abc123" || sid.Domain != "example.com" || sid.HostOnly || !sid.HttpOnly || !sid.Secure || !sid.Persistent || !sid.Expires.Equal(exp) {
		t.Errorf("sid: %+v", sid)
	}
	if prefs.Domain != "www.example.com" || !prefs.HostOnly || prefs.Path != "/app" || prefs.Persistent || prefs.HttpOnly {
		t.Errorf("prefs: %+v", prefs)
	}
	if flag.Value != "" || !flag.Expires.Equal(exp) {
		t.Errorf("flag: %+v", flag)
	}
	if got := cookieLine(jar.Cookies(mustURL(t, "https://www.example.com/app/x"))); got != "prefs=dark; sid=abc123; flag=" {
		t.Errorf("sent to www: %q", got)
	}
	if got := cookieLine(jar.Cookies(mustURL(t, "http://api.example.com/"))); got != "flag=" {
		t.Errorf("sent over http to a subdomain: %q", got)
	}
	// Written back, the lines are curl's.
	var buf bytes.Buffer
	if err := jar.WriteNetscape(&buf); err != nil {
		t.Fatal(err)
	}
	for _, l := range []string{
		"#HttpOnly_.example.com\tTRUE\t/\tTRUE\t1893456000\tsid\tabc123\n",
		"\nwww.example.com\tFALSE\t/app\tFALSE\t0\tprefs\tdark\n",
		"\n.example.com\tTRUE\t/\tFALSE\t1893456000\tflag\t\n",
	} {
		if !strings.Contains(buf.String(), l) {
			t.Errorf("written file lacks %q:\n%s", l, buf.String())
		}
	}
}

func TestReadNetscapeErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"example.com\tTRUE\t/\n", "line 2: 3 tab-separated fields"},
		{"# c\nexample.com\tyes\t/\tFALSE\t0\ta\tb\n", "line 3: include-subdomains"},
		{"example.com\tTRUE\t/\tno\t0\ta\tb\n", "secure"},
		{"example.com\tTRUE\t/\tFALSE\tsoon\ta\tb\n", `expiry "soon"`},
		{"example.com\tTRUE\t/\tFALSE\t0\t\tb\n", "empty cookie name"},
		{"example.com\tTRUE\t/\tFALSE\t0\ta b\tv\n", "invalid Cookie.Name"},
		{"example.com\tTRUE\t/\tFALSE\t0\ta\tv;w\n", "invalid byte"},
		{"\tTRUE\t/\tFALSE\t0\ta\tv\n", "malformed cookie domain"},
		{"example.com\tTRUE\t/\tFALSE\t0\ta\t" + strings.Repeat("x", 2<<20) + "\n", "token too long"},
	} {
		jar, _ := New()
		err := jar.ReadNetscape(strings.NewReader("example.com\tTRUE\t/\tFALSE\t0\tok\t1\n" + tc.in))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want %q", tc.in, err, tc.want)
		}
		if n := len(jar.All()); n != 0 {
			t.Errorf("%q: a failed read stored %d cookies", tc.in, n)
		}
	}
	jar, _ := New()
	if err := jar.ReadJSON(strings.NewReader(`{"cookies":[{"name":"a","value":"1","domain":"x.com","sameSite":"Sometimes"}]}`)); err == nil || !strings.Contains(err.Error(), "unknown sameSite") {
		t.Errorf("unknown sameSite: %v", err)
	}
	if err := jar.ReadJSON(strings.NewReader(`[`)); err == nil {
		t.Error("broken JSON read")
	}
}

func TestAddSkipsWhatNoServerCouldSet(t *testing.T) {
	clk := &fakeClock{time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	jar, _ := NewWithOptions(&Options{Now: clk.now})
	jar.SetCookies(mustURL(t, "https://www.example.com/"), setCookies("old=1; Max-Age=60"))
	err := jar.Add(
		Cookie{Name: "psl", Value: "1", Domain: "co.uk"},                    // domain cookie for a public suffix
		Cookie{Name: "ok", Value: "1", Domain: ".Example.COM", Path: "rel"}, // normalised
		Cookie{Name: "ip", Value: "1", Domain: "10.0.0.1"},                  // an IP is host-only
		Cookie{Name: "old", Value: "1", Domain: "www.example.com", HostOnly: true, Path: "/", Persistent: true, Expires: clk.t.Add(-time.Second)}, // deletes
		Cookie{Name: "far", Value: "1", Domain: "example.com", Persistent: true, Expires: time.Date(20000, 1, 1, 0, 0, 0, 0, time.UTC)},
	)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range jar.All() {
		got = append(got, fmt.Sprintf("%s %s %v %s %d", c.Name, c.Domain, c.HostOnly, c.Path, c.Expires.Year()))
	}
	want := []string{"ok example.com false / 1", "ip 10.0.0.1 true / 1", "far example.com false / 9999"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if err := jar.Add(Cookie{Name: "x", Value: "1", Domain: "exa mple.com"}); err == nil {
		t.Error("a domain with a space was accepted")
	}
	if err := jar.Add(Cookie{Name: "x", Value: "1", Domain: "[::1"}); err == nil {
		t.Error("a broken host was accepted")
	}
	jar.Clear()
	if n := len(jar.All()); n != 0 {
		t.Errorf("Clear left %d", n)
	}
}

func TestWriteNetscapeRefusesTabs(t *testing.T) {
	jar, _ := New()
	jar.SetCookies(mustURL(t, "https://example.com/"), []*http.Cookie{{Name: "a", Value: "1", Path: "/x\ty"}})
	if err := jar.WriteNetscape(&bytes.Buffer{}); err == nil {
		t.Error("a path with a tab was written")
	}
	if err := jar.Save(filepath.Join(t.TempDir(), "c.txt")); err == nil {
		t.Error("Save wrote it")
	}
}

func TestSaveLoadFiles(t *testing.T) {
	clk := &fakeClock{time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	dir := t.TempDir()
	for _, name := range []string{"cookies.txt", "session.json", "SESSION.JSON"} {
		src := fullJar(t, clk.now)
		p := filepath.Join(dir, name)
		if err := src.Save(p); err != nil {
			t.Fatal(err)
		}
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, want 0600", name, fi.Mode().Perm())
		}
		data, _ := os.ReadFile(p)
		if isJSON := bytes.HasPrefix(data, []byte("{")); isJSON != strings.HasSuffix(strings.ToLower(name), ".json") {
			t.Errorf("%s written as %q...", name, data[:20])
		}
		dst, _ := NewWithOptions(&Options{Now: clk.now})
		if err := dst.Load(p); err != nil {
			t.Fatal(err)
		}
		if g, w := probeAll(dst), probeAll(src); !reflect.DeepEqual(g, w) {
			t.Errorf("%s: loaded jar sends\n%v\nwant\n%v", name, g, w)
		}
		if ents, _ := os.ReadDir(dir); len(ents) != 1 {
			t.Errorf("temporary files left: %v", ents)
		}
		os.Remove(p)
	}
	jar, _ := New()
	if err := jar.Load(filepath.Join(dir, "missing.txt")); err == nil {
		t.Error("loading a missing file succeeded")
	}
	if err := jar.Save(filepath.Join(dir, "no", "such", "dir.txt")); err == nil {
		t.Error("saving into a missing directory succeeded")
	}
}

func TestUnicodeHost(t *testing.T) {
	ours, _ := New()
	std, _ := stdjar.New(&stdjar.Options{PublicSuffixList: publicsuffix.List})
	u := mustURL(t, "https://bücher.example/")
	for _, j := range []http.CookieJar{ours, std} {
		j.SetCookies(u, setCookies("a=1", "b=1; Domain=xn--bcher-kva.example"))
	}
	for _, p := range []string{"https://bücher.example/", "https://xn--bcher-kva.example/", "https://BÜCHER.example/"} {
		pu := mustURL(t, p)
		if g, w := cookieLine(ours.Cookies(pu)), cookieLine(std.Cookies(pu)); g != w {
			t.Errorf("%s: %q, std %q", p, g, w)
		}
	}
	if got := ours.Cookies(&url.URL{Scheme: "https", Host: "a:b:c"}); got != nil {
		t.Errorf("a broken host got %v", got)
	}
	ours.SetCookies(&url.URL{Scheme: "https", Host: "[::1"}, setCookies("x=1"))
}

func FuzzReadNetscape(f *testing.F) {
	f.Add(curlFile)
	f.Add("#HttpOnly_a.b\tFALSE\t/\tTRUE\t-1\tn\t\"v\"\n")
	f.Add("x\tTRUE\t\tFALSE\t1e30\tn\tv")
	f.Fuzz(func(t *testing.T, in string) {
		clk := &fakeClock{time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
		jar, _ := NewWithOptions(&Options{Now: clk.now})
		if err := jar.ReadNetscape(strings.NewReader(in)); err != nil {
			return
		}
		var b1 bytes.Buffer
		if err := jar.WriteNetscape(&b1); err != nil {
			t.Fatalf("read but not written: %v", err)
		}
		again, _ := NewWithOptions(&Options{Now: clk.now})
		if err := again.ReadNetscape(bytes.NewReader(b1.Bytes())); err != nil {
			t.Fatalf("written file does not read back: %v\n%s", err, b1.String())
		}
		var b2 bytes.Buffer
		if err := again.WriteNetscape(&b2); err != nil {
			t.Fatal(err)
		}
		if b1.String() != b2.String() {
			t.Fatalf("not stable:\n%s\n---\n%s", b1.String(), b2.String())
		}
	})
}
