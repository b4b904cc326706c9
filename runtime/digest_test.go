package runtime

import (
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// RFC 7616 §3.9.1.
func TestDigestRFC7616Vectors(t *testing.T) {
	for _, tc := range []struct{ alg, want string }{
		{"MD5", "8ca523f5e9506fed4657c9700eebdbec"},
		{"SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"},
	} {
		d := DigestAuth("Mufasa", "Circle of Life").(*digestAuth)
		ch := bestDigest(parseChallenges([]string{fmt.Sprintf(`Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=%s, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"`, tc.alg)}))
		if ch == nil {
			t.Fatal("no challenge")
		}
		ch.nc = 1
		r, _ := http.NewRequest("GET", "http://www.example.org/dir/index.html", nil)
		h, err := d.authorization(r, ch, "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(h, `response="`+tc.want+`"`) || !strings.Contains(h, "nc=00000001") || !strings.Contains(h, "qop=auth,") || !strings.Contains(h, `opaque="FQhe`) {
			t.Errorf("%s: %s", tc.alg, h)
		}
	}
}

func TestDigestChallengeSelection(t *testing.T) {
	cs := parseChallenges([]string{
		`Basic realm="x", Digest realm="r", nonce="n1", algorithm=MD5, qop="auth"`,
		`Digest realm="r", nonce="n2", algorithm=SHA-512-256, qop="auth", userhash=true`,
		`Digest realm="r", nonce="n3", algorithm=SHA-256-sess, qop="auth"`,
		`Digest realm="r", nonce="n4", algorithm=UNKNOWN`,
		`Digest realm="r", nonce="n5", qop="other"`,
	})
	best := bestDigest(cs)
	if best == nil || best.nonce != "n2" || !best.userhash {
		t.Fatalf("best %+v", best)
	}
	d := DigestAuth("Mufasa", "pw").(*digestAuth)
	best.nc = 1
	r, _ := http.NewRequest("GET", "http://h/x", nil)
	h, _ := d.authorization(r, best, "c")
	if !strings.Contains(h, "userhash=true") || strings.Contains(h, "Mufasa") {
		t.Errorf("userhash: %s", h)
	}
	// Non-ASCII user names go in username*; RFC 2069 mode without qop.
	u := DigestAuth("Jäsøn", "pw").(*digestAuth)
	ch := bestDigest(parseChallenges([]string{`Digest realm="r", nonce="n"`}))
	h, _ = u.authorization(r, ch, "c")
	if !strings.Contains(h, "username*=UTF-8''J%C3%A4s%C3%B8n") || strings.Contains(h, "qop=") {
		t.Errorf("utf-8 / no qop: %s", h)
	}
}

// digestServer checks digest credentials, issues stale nonces on demand
// and records nc values.
type digestServer struct {
	alg     string
	qop     string
	mu      sync.Mutex
	nonce   int
	ncs     map[string][]string
	stale   atomic.Bool
	bodies  []string
	unauthN atomic.Int32
}

func (s *digestServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.bodies = append(s.bodies, string(body))
	cs := parseChallenges([]string{strings.Replace(r.Header.Get("Authorization"), "Digest ", "Digest x=y, ", 1)})
	cur := fmt.Sprintf("nonce%d", s.nonce)
	if len(cs) == 1 && cs[0].scheme == "digest" && !s.stale.Load() {
		p := cs[0].params
		h := func(x string) string {
			if s.alg == "SHA-256" {
				b := sha256.Sum256([]byte(x))
				return hex.EncodeToString(b[:])
			}
			b := md5.Sum([]byte(x))
			return hex.EncodeToString(b[:])
		}
		a2 := r.Method + ":" + p["uri"]
		if p["qop"] == "auth-int" {
			a2 += ":" + h(string(body))
		}
		want := h(h("u:realm:pw") + ":" + p["nonce"] + ":" + p["nc"] + ":" + p["cnonce"] + ":" + p["qop"] + ":" + h(a2))
		if p["nonce"] == cur && p["response"] == want {
			s.ncs[cur] = append(s.ncs[cur], p["nc"])
			w.Header().Set("Authentication-Info", `rspauth="x"`)
			io.WriteString(w, "{}")
			return
		}
	}
	stale := ""
	if s.stale.Swap(false) {
		s.nonce++
		cur = fmt.Sprintf("nonce%d", s.nonce)
		stale = ", stale=true"
	}
	s.unauthN.Add(1)
	w.Header().Set("WWW-Authenticate", fmt.Sprintf(`Digest realm="realm", qop="%s", algorithm=%s, nonce="%s", opaque="op"%s`, s.qop, s.alg, cur, stale))
	w.WriteHeader(401)
}

func TestDigestFlow(t *testing.T) {
	checkGoroutines(t)
	ds := &digestServer{alg: "SHA-256", qop: "auth-int", ncs: map[string][]string{}}
	srv, _ := newServer(t, ds)
	s, _ := newSession(t, srv.URL, WithAuth(DigestAuth("u", "pw")))

	// First POST: sent with its body, challenged, resent with auth-int.
	if err := Exec(bg(), s, NewCall("POST", "/x").JSON("payload")); err != nil {
		t.Fatal(err)
	}
	if len(ds.bodies) != 2 || ds.bodies[0] != `"payload"` || ds.bodies[1] != `"payload"` {
		t.Errorf("bodies %q (never a body-less probe)", ds.bodies)
	}
	// Concurrent calls authorize up front with distinct nc values.
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := Exec(bg(), s, NewCall("GET", "/y")); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	ncs := ds.ncs["nonce0"]
	seen := map[string]bool{}
	for _, nc := range ncs {
		seen[nc] = true
	}
	if len(ncs) != 21 || len(seen) != 21 || ds.unauthN.Load() != 1 {
		t.Errorf("nc values %v, 401s %d", ncs, ds.unauthN.Load())
	}
	// stale=true: one more round with the new nonce, no failure.
	ds.stale.Store(true)
	if err := Exec(bg(), s, NewCall("GET", "/z")); err != nil {
		t.Fatal(err)
	}
	if got := ds.ncs["nonce1"]; len(got) != 1 || got[0] != "00000001" {
		t.Errorf("after stale: %v", got)
	}
	// qop list "auth, auth-int" picks auth; MD5.
	ds2 := &digestServer{alg: "MD5", qop: "auth,auth-int", ncs: map[string][]string{}}
	srv2, _ := newServer(t, ds2)
	s2, _ := newSession(t, srv2.URL, WithAuth(DigestAuth("u", "pw")))
	if err := Exec(bg(), s2, NewCall("GET", "/q")); err != nil {
		t.Fatal(err)
	}
	// A large unsized body asks for 100-continue on the first attempt.
	r, _ := http.NewRequest("PUT", srv2.URL+"/big", io.NopCloser(strings.NewReader("x")))
	r.ContentLength = -1
	d := DigestAuth("u", "pw")
	_ = d.Apply(r)
	if r.Header.Get("Expect") != "100-continue" {
		t.Error("no Expect: 100-continue")
	}
}

func TestDigestNextNonce(t *testing.T) {
	d := DigestAuth("u", "pw").(*digestAuth)
	r, _ := http.NewRequest("GET", "http://h/x", nil)
	d.spaces[originKey(r.URL)] = bestDigest(parseChallenges([]string{`Digest realm="r", nonce="old", qop=auth`}))
	d.spaces[originKey(r.URL)].nc = 5
	d.observe(&http.Response{Request: r, Header: http.Header{"Authentication-Info": {`nextnonce="fresh", qop=auth`}}})
	if ch := d.spaces[originKey(r.URL)]; ch.nonce != "fresh" || ch.nc != 0 {
		t.Errorf("%+v", ch)
	}
}
