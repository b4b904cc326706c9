package runtime

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestSecuritySelection(t *testing.T) {
	var mu sync.Mutex
	var seen []string
	srv, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		c, _ := r.Cookie("sid")
		cv := ""
		if c != nil {
			cv = c.Value
		}
		seen = append(seen, fmt.Sprintf("auth=%s key=%s q=%s cookie=%s", r.Header.Get("Authorization"), r.Header.Get("X-Key"), r.URL.Query().Get("k"), cv))
		mu.Unlock()
	}))
	s, _ := newSession(t, srv.URL,
		WithCredential("bearer", BearerToken("T")),
		WithCredential("hdr", APIKey("header", "X-Key", "H")),
		WithCredential("qry", APIKey("query", "k", "Q")),
		WithCredential("ck", APIKey("cookie", "sid", "C")),
		WithDefaultSecurity(Requirement{"oauth"}, Requirement{"hdr", "qry"}),
	)
	calls := []*Call{
		NewCall("GET", "/default"),
		{Method: "GET", Path: "/none", Security: []Requirement{}},
		{Method: "GET", Path: "/optional", Security: []Requirement{{}, {"bearer"}}},
		{Method: "GET", Path: "/cookie", Security: []Requirement{{"missing"}, {"ck"}}},
		{Method: "GET", Path: "/unsatisfiable", Security: []Requirement{{"missing"}}},
	}
	for _, c := range calls {
		if err := Exec(bg(), s, c); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{
		"auth= key=H q=Q cookie=",
		"auth= key= q= cookie=",
		"auth=Bearer T key= q= cookie=",
		"auth= key= q= cookie=C",
		"auth= key= q= cookie=",
	}
	for i := range want {
		if seen[i] != want[i] {
			t.Errorf("call %d: %s, want %s", i, seen[i], want[i])
		}
	}
	if _, err := New(srv.URL, WithCredential("x", APIKey("body", "k", "v"))); err == nil {
		t.Error("APIKey in body accepted")
	}
	if _, err := New(srv.URL, WithAuth(nil)); err == nil {
		t.Error("nil auth accepted")
	}
}

// TestRedirectScrubsCredentials covers a port change, a host change, a
// subdomain and a downgrade, for plugin and user-set credentials.
func TestRedirectScrubsCredentials(t *testing.T) {
	checkGoroutines(t)
	var mu sync.Mutex
	got := map[string]string{}
	target, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got[r.Host+r.URL.Path] = r.Header.Get("Authorization") + "|" + r.Header.Get("Cookie") + "|" + r.Header.Get("X-Api-Key")
		mu.Unlock()
		io.WriteString(w, "{}")
	}))
	tu, _ := url.Parse(target.URL)
	origin, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got[r.Host+r.URL.Path] = r.Header.Get("Authorization") + "|" + r.Header.Get("Cookie") + "|" + r.Header.Get("X-Api-Key")
		mu.Unlock()
		switch r.URL.Path {
		case "/port":
			http.Redirect(w, r, target.URL+"/p", http.StatusFound)
		case "/host":
			http.Redirect(w, r, "http://localhost:"+tu.Port()+"/h", http.StatusFound)
		case "/back":
			// other port, then back to the origin: still scrubbed
			http.Redirect(w, r, target.URL+"/bounce?to="+url.QueryEscape("http://"+r.Host+"/final"), http.StatusFound)
		default:
			io.WriteString(w, "{}")
		}
	}))
	ou, _ := url.Parse(origin.URL)
	bounce := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {})
	_ = bounce
	for _, how := range []string{"plugin", "header"} {
		var opts []Option
		if how == "plugin" {
			opts = []Option{WithAuth(BearerToken("SECRET")), WithAuth(APIKey("header", "X-Api-Key", "K"))}
		} else {
			opts = []Option{WithHeader("Authorization", "Bearer SECRET"), WithHeader("Cookie", "a=b"), WithHeader("X-Api-Key", "K")}
		}
		s, _ := newSession(t, origin.URL, opts...)
		for _, p := range []string{"/port", "/host"} {
			if err := Exec(bg(), s, NewCall("GET", p)); err != nil {
				t.Fatal(how, p, err)
			}
		}
		mu.Lock()
		if v := got[ou.Host+"/port"]; !strings.Contains(v, "SECRET") {
			t.Errorf("%s: origin lost credentials: %q", how, v)
		}
		for k, v := range got {
			if !strings.HasPrefix(k, ou.Host) && strings.Trim(v, "|") != "" {
				t.Errorf("%s: credentials leaked to %s: %q", how, k, v)
			}
		}
		clear(got)
		mu.Unlock()
	}
	// checkRedirect directly: subdomain, return to origin, downgrade, limit.
	mk := func(u string) *http.Request {
		r, _ := http.NewRequest("GET", u, nil)
		r.Header.Set("Authorization", "x")
		r.Header.Set("Proxy-Authorization", "x")
		return r
	}
	via := []*http.Request{mk("https://api.example.com/a")}
	for _, tc := range []struct {
		next  string
		via   []*http.Request
		keep  bool
		error error
	}{
		{"https://api.example.com/b", via, true, nil},
		{"https://sub.api.example.com/b", via, false, nil},
		{"https://api.example.com:8443/b", via, false, nil},
		{"https://api.example.com/c", append(via, mk("https://other.example.com/x")), false, nil},
		{"http://api.example.com/b", via, false, ErrInsecureRedirect},
	} {
		r := mk(tc.next)
		err := checkRedirect(r, tc.via)
		if !errors.Is(err, tc.error) || (err == nil && (r.Header.Get("Authorization") != "") != tc.keep) {
			t.Errorf("%s: err %v, auth %q", tc.next, err, r.Header.Get("Authorization"))
		}
	}
	long := make([]*http.Request, 10)
	for i := range long {
		long[i] = mk("https://api.example.com/")
	}
	if err := checkRedirect(mk("https://api.example.com/"), long); !errors.Is(err, ErrTooManyRedirects) {
		t.Errorf("limit: %v", err)
	}
}

func TestRedirect307ReplaysBody(t *testing.T) {
	var got []string
	var mu sync.Mutex
	srv, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		got = append(got, r.Method+" "+r.URL.Path+" "+string(b))
		mu.Unlock()
		if r.URL.Path == "/a" {
			http.Redirect(w, r, "/b", http.StatusTemporaryRedirect)
			return
		}
		io.WriteString(w, "{}")
	}))
	s, _ := newSession(t, srv.URL)
	if err := Exec(bg(), s, NewCall("POST", "/a").JSON("hello")); err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, ";") != `POST /a "hello";POST /b "hello"` {
		t.Errorf("got %q", got)
	}
	// A one-shot body cannot follow a 307: the redirect comes back as an
	// error that says why.
	err := Exec(bg(), s, NewCall("POST", "/a").WithBody(ReaderBody("text/plain", io.MultiReader(strings.NewReader("x")), 1)))
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 307 || !errors.Is(err, ErrBodyNotReplayable) {
		t.Errorf("one-shot: %v", err)
	}
}

func TestCleartextCredentialsRefused(t *testing.T) {
	s, err := New("http://api.example.com", WithAuth(BearerToken("T")),
		WithRoundTripper(RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
			t.Fatal("sent")
			return nil, nil
		})))
	if err != nil {
		t.Fatal(err)
	}
	err = Exec(bg(), s, NewCall("GET", "/x"))
	var te *TransportError
	if !errors.Is(err, ErrInsecureCredential) || !errors.As(err, &te) || te.Sent || te.Attempts != 1 {
		t.Fatalf("err %v", err)
	}
	var n int
	s2, _ := New("http://api.example.com", WithAuth(BearerToken("T")), WithInsecureCleartextAuth(),
		WithRoundTripper(RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
			n++
			return &http.Response{StatusCode: 204, Body: http.NoBody, Header: http.Header{}, Request: r}, nil
		})))
	if err := Exec(bg(), s2, NewCall("GET", "/x")); err != nil || n != 1 {
		t.Fatal(n, err)
	}
}

func TestSignerSeesFinalHeaders(t *testing.T) {
	var seen string
	srv, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = r.Header.Get("X-Signature")
	}))
	var attempts atomic.Int32
	signer := SignerFunc(func(r *http.Request) error {
		attempts.Add(1)
		body := ""
		if r.GetBody != nil {
			rc, _ := r.GetBody()
			b, _ := io.ReadAll(rc)
			body = string(b)
		}
		r.Header.Set("X-Signature", r.Method+"|"+r.Header.Get("Authorization")+"|"+r.Header.Get("X-Mw")+"|"+body)
		return nil
	})
	mw := func(next http.RoundTripper) http.RoundTripper {
		return RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
			r = r.Clone(r.Context())
			r.Header.Set("X-Mw", "1")
			return next.RoundTrip(r)
		})
	}
	// The signer is registered first but runs last.
	s, _ := newSession(t, srv.URL, WithAuth(signer), WithAuth(BearerToken("T")), WithMiddleware(mw))
	if err := Exec(bg(), s, NewCall("PUT", "/x").JSON(1)); err != nil {
		t.Fatal(err)
	}
	if seen != "PUT|Bearer T|1|1" || attempts.Load() != 1 {
		t.Errorf("signature %q", seen)
	}
	failing := SignerFunc(func(*http.Request) error { return errors.New("no key") })
	s2, _ := newSession(t, srv.URL, WithAuth(failing))
	if err := Exec(bg(), s2, NewCall("GET", "/x")); err == nil || !strings.Contains(err.Error(), "no key") {
		t.Errorf("signer error: %v", err)
	}
}

// tokenServer is an OAuth2 token endpoint plus an API that accepts only
// the current token.
type tokenServer struct {
	fetches atomic.Int32
	current atomic.Value // string
	block   chan struct{}
}

func (ts *tokenServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/token" {
		if ts.block != nil {
			select {
			case <-ts.block:
			case <-r.Context().Done():
				return
			}
		}
		id, secret, _ := r.BasicAuth()
		if id != "app" || secret != "shh" || r.FormValue("grant_type") != "client_credentials" || r.FormValue("scope") != "read write" {
			w.WriteHeader(401)
			io.WriteString(w, `{"error":"invalid_client"}`)
			return
		}
		n := ts.fetches.Add(1)
		tok := fmt.Sprintf("tok%d", n)
		ts.current.Store(tok)
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"access_token":%q,"token_type":"bearer","expires_in":3600}`, tok)
		return
	}
	cur, _ := ts.current.Load().(string)
	if r.Header.Get("Authorization") != "Bearer "+cur {
		w.WriteHeader(401)
		return
	}
	io.WriteString(w, `{}`)
}

func TestClientCredentials(t *testing.T) {
	checkGoroutines(t)
	ts := &tokenServer{}
	srv, _ := newServer(t, ts)
	cc := ClientCredentials(ClientCredentialsConfig{TokenURL: srv.URL + "/token", ClientID: "app", ClientSecret: "shh", Scopes: []string{"read", "write"}})
	s, clk := newSession(t, srv.URL, WithCredential("oauth", cc), WithDefaultSecurity(Requirement{"oauth"}))

	// 100 concurrent calls: one token fetch.
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for range 100 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- Exec(bg(), s, NewCall("GET", "/api"))
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := ts.fetches.Load(); n != 1 {
		t.Fatalf("token fetches = %d, want 1", n)
	}

	// The server revokes the token: one 401, one invalidate, one refresh,
	// one retry.
	ts.current.Store("revoked")
	if err := Exec(bg(), s, NewCall("GET", "/api")); err != nil {
		t.Fatal(err)
	}
	if n := ts.fetches.Load(); n != 2 {
		t.Fatalf("token fetches = %d, want 2", n)
	}

	// Refresh ahead of expiry.
	clk.mu.Lock()
	clk.now = clk.now.Add(3600*time.Second - 10*time.Second)
	clk.mu.Unlock()
	if err := Exec(bg(), s, NewCall("GET", "/api")); err != nil || ts.fetches.Load() != 3 {
		t.Fatalf("refresh ahead: fetches %d err %v", ts.fetches.Load(), err)
	}

	// A persistent 401 is returned after one retry.
	s2, _ := newSession(t, srv.URL, WithCredential("oauth", ClientCredentials(ClientCredentialsConfig{TokenURL: srv.URL + "/token", ClientID: "app", ClientSecret: "bad"})), WithDefaultSecurity(Requirement{"oauth"}))
	err := Exec(bg(), s2, NewCall("GET", "/api"))
	if err == nil || !strings.Contains(err.Error(), "invalid_client") || strings.Contains(err.Error(), "bad") {
		t.Fatalf("bad secret: %v", err)
	}
}

func TestClientCredentialsContextCancel(t *testing.T) {
	checkGoroutines(t)
	ts := &tokenServer{block: make(chan struct{})}
	srv, _ := newServer(t, ts)
	defer close(ts.block)
	cc := ClientCredentials(ClientCredentialsConfig{TokenURL: srv.URL + "/token", ClientID: "app", ClientSecret: "shh", Scopes: []string{"read", "write"}})
	s, _ := newSession(t, srv.URL, WithAuth(cc))
	ctx, cancel := context.WithCancel(bg())
	done := make(chan error, 2)
	go func() { done <- Exec(ctx, s, NewCall("GET", "/api")) }()
	// A second caller waits on the same fetch and gives up with its ctx.
	ctx2, cancel2 := context.WithCancel(bg())
	go func() { done <- Exec(ctx2, s, NewCall("GET", "/api")) }()
	cancel2()
	cancel()
	for range 2 {
		if err := <-done; !errors.Is(err, context.Canceled) {
			t.Fatalf("err %v", err)
		}
	}
}

func TestBearerTokenSourceAndInvalidValues(t *testing.T) {
	srv, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, r.Header.Get("Authorization"))
	}))
	ts := TokenSourceFunc(func(ctx context.Context) (*Token, error) {
		return &Token{AccessToken: NewSecret("abc")}, nil
	})
	s, _ := newSession(t, srv.URL, WithAuth(BearerTokenSource(ts)))
	resp, err := s.Do(bg(), NewCall("GET", "/"))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(b) != "Bearer abc" {
		t.Errorf("got %q", b)
	}
	empty := TokenSourceFunc(func(ctx context.Context) (*Token, error) { return &Token{}, nil })
	s2, _ := newSession(t, srv.URL, WithAuth(BearerTokenSource(empty)))
	if err := Exec(bg(), s2, NewCall("GET", "/")); err == nil {
		t.Error("empty token accepted")
	}
	if _, err := New(srv.URL, WithAuth(BearerTokenSource(nil))); err == nil {
		t.Error("nil source accepted")
	}
	if _, err := New(srv.URL, WithAuth(ClientCredentials(ClientCredentialsConfig{TokenURL: "nope"}))); err == nil {
		t.Error("bad token URL accepted")
	}
}
