package runtime

import (
	"fmt"
	"net/http"
	stdjar "net/http/cookiejar"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/genclient/genclient/runtime/cookiejar"
	"golang.org/x/net/publicsuffix"
)

// TestMain runs the child half of TestCookiesSurviveANewProcess when the
// test binary is started by it.
func TestMain(m *testing.M) {
	if file := os.Getenv("RUNTIME_TEST_COOKIE_FILE"); file != "" {
		os.Exit(cookieChild(file, os.Getenv("RUNTIME_TEST_COOKIE_URL")))
	}
	os.Exit(m.Run())
}

// cookieChild loads the jar a parent saved and calls the parent's
// server with it, in a process of its own.
func cookieChild(file, base string) int {
	jar, _ := cookiejar.New()
	if err := jar.Load(file); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	s, err := New(base, WithCookieJar(jar))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	for _, p := range []string{"/whoami", "/app/whoami"} {
		if err := Exec(bg(), s, NewCall("GET", p)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	}
	return 0
}

// cookieServer sets cookies on /login and records the Cookie header of
// every other request.
type cookieServer struct {
	*httptest.Server
	mu   sync.Mutex
	seen []string
}

func newCookieServer(t *testing.T, setCookies ...string) *cookieServer {
	cs := &cookieServer{}
	cs.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/login" {
			for _, c := range setCookies {
				w.Header().Add("Set-Cookie", c)
			}
			return
		}
		cs.mu.Lock()
		cs.seen = append(cs.seen, r.URL.Path+" "+r.Header.Get("Cookie"))
		cs.mu.Unlock()
	}))
	t.Cleanup(cs.Close)
	return cs
}

func (cs *cookieServer) got() []string {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	return append([]string(nil), cs.seen...)
}

// TestSessionHasNoCookieJarByDefault checks the documented decision: a
// session keeps no cookies unless given a jar.
func TestSessionHasNoCookieJarByDefault(t *testing.T) {
	srv := newCookieServer(t, "sid=1")
	s, err := New(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	if s.CookieJar() != nil {
		t.Fatal("a session has a jar by default")
	}
	for _, p := range []string{"/login", "/next"} {
		if err := Exec(bg(), s, NewCall("GET", p)); err != nil {
			t.Fatal(err)
		}
	}
	if got := srv.got(); len(got) != 1 || got[0] != "/next " {
		t.Errorf("the server's cookie came back without a jar: %q", got)
	}
	jar, _ := cookiejar.New()
	withJar, _ := New(srv.URL, WithCookieJar(jar))
	if withJar.CookieJar() != http.CookieJar(jar) {
		t.Error("CookieJar does not return the jar given")
	}
	client := &http.Client{Jar: jar}
	viaClient, _ := New(srv.URL, WithHTTPClient(client))
	if viaClient.CookieJar() != http.CookieJar(jar) {
		t.Error("CookieJar does not return the HTTP client's jar")
	}
}

// TestCookiesSurviveANewProcess logs in, saves the session's jar, and
// has a new process restore it and call the server: every kind of
// cookie arrives where it should.
func TestCookiesSurviveANewProcess(t *testing.T) {
	srv := newCookieServer(t,
		"sid=abc; HttpOnly; Max-Age=3600",
		"app=1; Path=/app",
		"sess=2",
		"gone=1; Max-Age=0",
	)
	for _, name := range []string{"cookies.txt", "cookies.json"} {
		t.Run(name, func(t *testing.T) {
			jar, _ := cookiejar.New()
			s, _ := New(srv.URL, WithCookieJar(jar))
			if err := Exec(bg(), s, NewCall("GET", "/login")); err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(t.TempDir(), name)
			if err := s.CookieJar().(*cookiejar.Jar).Save(file); err != nil {
				t.Fatal(err)
			}
			before := len(srv.got())
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), "RUNTIME_TEST_COOKIE_FILE="+file, "RUNTIME_TEST_COOKIE_URL="+srv.URL)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("child: %v\n%s", err, out)
			}
			got := srv.got()[before:]
			want := []string{"/whoami sid=abc; sess=2", "/app/whoami app=1; sid=abc; sess=2"}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("the new process sent\n%q\nwant\n%q", got, want)
			}
		})
	}
}

// TestSessionJarMatchesStdJar sends the same calls through a session
// with this jar and one with net/http/cookiejar: the server sees the
// same cookies.
func TestSessionJarMatchesStdJar(t *testing.T) {
	script := [][]string{
		{"a=1", "b=1; Path=/x"},
		{"a=2"},                            // replaced
		{"b=1; Path=/x; Max-Age=0", "c=3"}, // deleted
		{"d=4; Domain=127.0.0.1", "e=5; Domain=example.com"}, // IP domain kept host-only, another site refused
		{"c=gone; Expires=Thu, 01 Jan 1970 00:00:00 GMT"},
	}
	var mu sync.Mutex
	step := 0
	var seen []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		seen = append(seen, r.URL.Path+" "+r.Header.Get("Cookie"))
		if r.URL.Path == "/set" {
			for _, c := range script[step%len(script)] {
				w.Header().Add("Set-Cookie", c)
			}
			step++
		}
	}))
	t.Cleanup(srv.Close)
	ours, _ := cookiejar.New()
	std, _ := stdjar.New(&stdjar.Options{PublicSuffixList: publicsuffix.List})
	var runs [2][]string
	for i, jar := range []http.CookieJar{ours, std} {
		mu.Lock()
		step, seen = 0, nil
		mu.Unlock()
		s, _ := New(srv.URL, WithCookieJar(jar))
		for range script {
			for _, p := range []string{"/set", "/", "/x/y"} {
				if err := Exec(bg(), s, NewCall("GET", p)); err != nil {
					t.Fatal(err)
				}
			}
		}
		mu.Lock()
		runs[i] = seen
		mu.Unlock()
	}
	if strings.Join(runs[0], "\n") != strings.Join(runs[1], "\n") {
		t.Errorf("runtime/cookiejar:\n%s\nnet/http/cookiejar:\n%s", strings.Join(runs[0], "\n"), strings.Join(runs[1], "\n"))
	}
}
