// Package httpbin drives the runtime against go-httpbin, an independent
// implementation of httpbin.org's endpoints (auth schemes, redirects,
// streams, gzip, cookies, SSE). It lives outside the runtime's module so
// that go-httpbin never appears in the runtime's go.mod.
package httpbin

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http/httptest"
	goruntime "runtime"
	"testing"
	"time"

	"github.com/genclient/genclient/runtime"
	"github.com/genclient/genclient/runtime/cookiejar"
	"github.com/mccutchen/go-httpbin/v2/httpbin"
)

func newServer(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(httpbin.New(httpbin.WithMaxDuration(5 * time.Second)))
	t.Cleanup(srv.Close)
	return srv
}

// newSession builds a session for base; it fails the test on error.
func newSession(t *testing.T, base string, opts ...runtime.Option) (*runtime.Session, error) {
	t.Helper()
	s, err := runtime.New(base, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return s, nil
}

func bg() context.Context { return context.Background() }

// checkGoroutines fails the test if goroutines started during it are
// still running a few seconds after it ends.
func checkGoroutines(t *testing.T) {
	t.Helper()
	before := goruntime.NumGoroutine()
	t.Cleanup(func() {
		deadline := time.Now().Add(5 * time.Second)
		for {
			n := goruntime.NumGoroutine()
			if n <= before {
				return
			}
			if time.Now().After(deadline) {
				buf := make([]byte, 1<<16)
				buf = buf[:goruntime.Stack(buf, true)]
				t.Errorf("goroutines: %d before, %d after\n%s", before, n, buf)
				return
			}
			time.Sleep(5 * time.Millisecond) // polling for exit, not timing behaviour
		}
	})
}

func TestHTTPBinAuth(t *testing.T) {
	checkGoroutines(t)
	srv := newServer(t)
	type authResp struct {
		Authenticated bool   `json:"authenticated"`
		User          string `json:"user"`
		Token         string `json:"token"`
	}
	cases := []struct {
		name string
		path string
		auth runtime.Auth
	}{
		{"basic", "/basic-auth/alice/s3cret", runtime.BasicAuth("alice", "s3cret")},
		{"bearer", "/bearer", runtime.BearerToken("tok-123")},
		{"digest MD5", "/digest-auth/auth/alice/s3cret/MD5", runtime.DigestAuth("alice", "s3cret")},
		{"digest SHA-256", "/digest-auth/auth/alice/s3cret/SHA-256", runtime.DigestAuth("alice", "s3cret")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := newSession(t, srv.URL, runtime.WithCredential("scheme", tc.auth), runtime.WithDefaultSecurity(runtime.Requirement{"scheme"}))
			for i := 0; i < 3; i++ { // later calls authorize up front
				got, err := runtime.Decode[authResp](bg(), s, runtime.NewCall("GET", tc.path))
				if err != nil || !got.Authenticated {
					t.Fatalf("call %d: %+v %v", i, got, err)
				}
			}
			// Wrong credentials give the 401, not a loop.
			bad, _ := newSession(t, srv.URL, runtime.WithAuth(runtime.BasicAuth("alice", "wrong")))
			err := runtime.Exec(bg(), bad, runtime.NewCall("GET", "/basic-auth/alice/s3cret"))
			var apiErr *runtime.APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != 401 {
				t.Fatalf("wrong password: %v", err)
			}
		})
	}
	t.Run("digest wrong password", func(t *testing.T) {
		s, _ := newSession(t, srv.URL, runtime.WithAuth(runtime.DigestAuth("alice", "nope")))
		err := runtime.Exec(bg(), s, runtime.NewCall("GET", "/digest-auth/auth/alice/s3cret/MD5"))
		var apiErr *runtime.APIError
		if !errors.As(err, &apiErr) || apiErr.StatusCode != 401 {
			t.Fatalf("err %v", err)
		}
	})
}

func TestTooManyRedirectsHTTPBin(t *testing.T) {
	srv := newServer(t)
	s, _ := newSession(t, srv.URL)
	if err := runtime.Exec(bg(), s, runtime.NewCall("GET", "/redirect/3")); err != nil {
		t.Fatal(err)
	}
	err := runtime.Exec(bg(), s, runtime.NewCall("GET", "/redirect/11"))
	var te *runtime.TransportError
	if !errors.Is(err, runtime.ErrTooManyRedirects) || !errors.As(err, &te) || te.Attempts != 1 {
		t.Fatalf("err %v", err)
	}
	s0, _ := newSession(t, srv.URL, runtime.WithMaxRedirects(0))
	var apiErr *runtime.APIError
	if err := runtime.Exec(bg(), s0, runtime.NewCall("GET", "/redirect/1")); !errors.As(err, &apiErr) || apiErr.StatusCode != 302 {
		t.Fatalf("max 0: %v", err)
	}
}

func TestHTTPBinStreamsAndGzip(t *testing.T) {
	checkGoroutines(t)
	srv := newServer(t)
	s, _ := newSession(t, srv.URL)
	var gz struct {
		Gzipped bool `json:"gzipped"`
	}
	gz, err := runtime.Decode[struct {
		Gzipped bool `json:"gzipped"`
	}](bg(), s, runtime.NewCall("GET", "/gzip"))
	if err != nil || !gz.Gzipped {
		t.Fatal(gz, err)
	}
	resp, err := s.Do(bg(), runtime.NewCall("GET", "/stream/5"))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if bytes.Count(b, []byte("\n")) != 5 || resp.Attempts != 1 {
		t.Errorf("stream: %q", b)
	}
	// Cookies through a jar; status codes; a decode error.
	jar, _ := cookiejar.New()
	sj, _ := newSession(t, srv.URL, runtime.WithCookieJar(jar))
	var c struct {
		Cookies map[string]string `json:"cookies"`
	}
	if c, err = runtime.Decode[struct {
		Cookies map[string]string `json:"cookies"`
	}](bg(), sj, runtime.NewCall("GET", "/cookies/set").AddQuery("k", "v")); err != nil || c.Cookies["k"] != "v" {
		t.Fatalf("cookies: %+v %v", c, err)
	}
	var apiErr *runtime.APIError
	if err := runtime.Exec(bg(), s, runtime.NewCall("GET", "/status/418")); !errors.As(err, &apiErr) || apiErr.StatusCode != 418 {
		t.Errorf("418: %v", err)
	}
	var de *runtime.DecodeError
	if _, err := runtime.Decode[int](bg(), s, runtime.NewCall("GET", "/html")); !errors.As(err, &de) || de.StatusCode != 200 || len(de.Body) == 0 {
		t.Errorf("decode: %v", err)
	}
	if v, err := runtime.Decode[*int](bg(), s, runtime.NewCall("GET", "/status/204")); err != nil || v != nil {
		t.Errorf("204: %v %v", v, err)
	}
	// A short /delay is served; a delay past runtime.WithTimeout ends the call.
	if err := runtime.Exec(bg(), s, runtime.NewCall("GET", "/delay/0")); err != nil {
		t.Error(err)
	}
	err = runtime.Exec(bg(), s, runtime.NewCall("GET", "/delay/3"), runtime.WithTimeout(50*time.Millisecond))
	var te *runtime.TransportError
	if !errors.As(err, &te) || !te.Timeout {
		t.Errorf("delay: %v", err)
	}
}

func TestHTTPBinEvents(t *testing.T) {
	checkGoroutines(t)
	// Over HTTP, through httpbin's /sse, with an early break.
	srv := newServer(t)
	s, _ := newSession(t, srv.URL)
	resp, err := s.Do(bg(), runtime.NewCall("GET", "/sse").AddQuery("count", 3).AddQuery("delay", "0s").AddQuery("duration", "10ms"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for ev, err := range runtime.Events(resp) {
		if err != nil || ev.Data == "" {
			t.Fatal(ev, err)
		}
		if n++; n == 2 {
			break
		}
	}
	if n != 2 {
		t.Errorf("%d events", n)
	}
}
