package runtime

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// The runtime's fuzz targets. Each checks a property that must hold for
// any input (no panic, no negative duration, a round trip), seeded with
// the edge cases of the unit tests. CI runs each briefly (.ci/run).

func FuzzParseLinks(f *testing.F) {
	for _, s := range []string{
		`<https://a/x?ids=1,2&page=2>; rel="next"`, `<https://a/x;v=1?page=2>;rel=next`,
		`<https://a/x?page=2>; title="a, b; c=d"; REL="Next"`, `</p?page=2>; rel="next last"`,
		`<https://a/1; rel="prev", <https://a/2>; rel="next"`, `, , <https://a/1>; rel="next"`,
		`<https://a/1>; rel=next; title*=UTF-8''%e2%82%ac`, `<x>; anchor="#a"; rel="\"`,
	} {
		f.Add(s)
	}
	base, _ := url.Parse("https://api.example.com/v1/items?page=1")
	f.Fuzz(func(t *testing.T, s string) {
		for _, l := range ParseLinks(base, s) {
			if l.URL == nil || l.Rel != strings.ToLower(l.Rel) || strings.ContainsAny(l.Rel, " \t") {
				t.Fatalf("bad link %+v from %q", l, s)
			}
		}
		NextLink(http.Header{"Link": {s, s}}, base)
	})
}

func FuzzRetryAfter(f *testing.F) {
	for _, s := range []string{"120", "0", "99999999999999999999", "Sun, 06 Nov 1994 08:49:37 GMT",
		"Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994", "-1", "1.5", ""} {
		f.Add(s, "")
		f.Add("", s)
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, ra, ms string) {
		d, ok := parseRetryAfter(http.Header{"Retry-After": {ra}, "Retry-After-Ms": {ms}}, now)
		if d < 0 || !ok && d != 0 {
			t.Fatalf("Retry-After %q / %q: %v %v", ra, ms, d, ok)
		}
		if j := retryAfterJitter(d); j < d {
			t.Fatalf("jitter(%v) = %v", d, j)
		}
	})
}

func FuzzDigestChallenge(f *testing.F) {
	for _, s := range []string{
		`Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"`,
		`Digest realm="a", nonce="n", algorithm=MD5, stale=true, Basic realm="b"`,
		`Digest realm="a", nonce="n", algorithm=SHA-512-256-sess, userhash=true, charset=UTF-8`,
		`Bearer, Digest realm="x\"y", nonce=""`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		cs := parseChallenges([]string{s})
		if c := bestDigest(cs); c != nil {
			req, _ := http.NewRequest("GET", "https://example.org/dir/index.html", nil)
			d := DigestAuth("Mufasa", "Circle of Life").(*digestAuth)
			_, _ = d.authorization(req, c, "0a4f113b")
		}
	})
}

func FuzzReadEvents(f *testing.F) {
	for _, s := range []string{
		"data: a\n\n", "retry: 9300000000000\ndata: x\n\n", "\xef\xbb\xbfid: 1\r\ndata: a\r\ndata: b\r\n\r\n",
		": comment\nevent: error\ndata: boom\n\n", "data\rdata:\r\r", "id: a\x00b\ndata: x\n\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for ev, err := range ReadEvents(strings.NewReader(s)) {
			if err != nil {
				return
			}
			if ev.Retry < 0 || ev.Type == "" || strings.ContainsRune(ev.ID, 0) {
				t.Fatalf("bad event %+v from %q", ev, s)
			}
		}
	})
}

func FuzzDecodeUnion(f *testing.F) {
	for _, s := range []string{`{"kind":"s","side":1}`, `{"kind":"c","radius":1,"label":"x"}`, `["a"]`, `"red"`, `{"kind":"x"}`, `true`, `null`, `{`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var c *circle
		var s *square
		var tags []string
		var col *hue
		err := DecodeUnion(b, "fuzz: U", VariantPtr(&c), VariantPtr(&s), VariantVal(&tags), VariantPtr(&col))
		n := 0
		for _, set := range []bool{c != nil, s != nil, tags != nil, col != nil} {
			if set {
				n++
			}
		}
		if IsNull(b) && err == nil && n == 0 {
			return // null sets no variant
		}
		if err == nil && n != 1 || err != nil && n != 0 {
			t.Fatalf("%q: %d variants set, err %v", b, n, err)
		}
		if err == nil && !json.Valid(b) {
			t.Fatalf("%q: invalid JSON accepted", b)
		}
	})
}
