package runtime

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestNewFailsFast(t *testing.T) {
	cases := map[string][]Option{
		"bad proxy URL":         {WithProxy("://bad")},
		"bad proxy scheme":      {WithProxy("ftp://proxy:21")},
		"proxy without host":    {WithProxy("http://")},
		"proxy and no proxy":    {WithProxy("http://p:8080"), WithNoProxy()},
		"client and TLS":        {WithHTTPClient(&http.Client{}), WithTLS(TLSOptions{})},
		"client and transport":  {WithRoundTripper(http.DefaultTransport), WithHTTPClient(&http.Client{})},
		"round tripper + proxy": {WithRoundTripper(http.DefaultTransport), WithNoProxy()},
		"nil client":            {WithHTTPClient(nil)},
		"nil round tripper":     {WithRoundTripper(nil)},
		"nil middleware":        {WithMiddleware(nil)},
		"nil-returning mw":      {WithMiddleware(func(http.RoundTripper) http.RoundTripper { return nil })},
		"negative timeout":      {WithTimeout(-1)},
		"negative attempt":      {WithAttemptTimeout(-1)},
		"negative redirects":    {WithMaxRedirects(-1)},
		"negative pages":        {WithMaxPages(-1)},
		"bad retry":             {WithRetry(RetryPolicy{MaxAttempts: -1})},
		"bad transport":         {WithTransportConfig(TransportConfig{DialTimeout: -1})},
		"bad origin":            {WithTrustedOrigins("ftp://x")},
		"empty header":          {WithHeader("", "x")},
		"nil clock":             {WithClock(nil)},
		"nil hook":              {WithRequestHook(nil)},
		"nil response hook":     {WithResponseHook(nil)},
	}
	for name, opts := range cases {
		if _, err := New("https://api.example.com", opts...); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	for _, base := range []string{"ftp://x", "https://", "::", "/relative"} {
		if _, err := New(base); err == nil {
			t.Errorf("base %q accepted", base)
		}
	}
	s, err := New("https://user:pw@api.example.com/v1/?q=1#frag", nil)
	if err != nil || s.BaseURL() != "https://user:pw@api.example.com/v1?q=1" || strings.Contains(s.String(), "pw") {
		t.Errorf("%v %q %q", err, s.BaseURL(), s)
	}
}

func TestPoolOptionsRefusedPerCallAndDerived(t *testing.T) {
	srv, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	s, _ := newSession(t, srv.URL)
	for _, o := range []Option{WithTLS(TLSOptions{}), WithProxy("http://p"), WithNoProxy(), WithHTTPClient(http.DefaultClient),
		WithRoundTripper(http.DefaultTransport), WithMiddleware(), WithCookieJar(nil), WithMaxRedirects(1),
		WithTransportConfig(TransportConfig{}), WithInsecureSkipVerify()} {
		if err := Exec(bg(), s, NewCall("GET", "/"), o); err == nil {
			t.Error("pool option accepted per call")
		}
		if _, err := s.With(o); err == nil {
			t.Error("pool option accepted by With")
		}
	}
}

func TestSessionHeadersAndDerived(t *testing.T) {
	checkGoroutines(t)
	var mu sync.Mutex
	var hdrs []http.Header
	srv, cc := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hdrs = append(hdrs, r.Header.Clone())
		mu.Unlock()
		fmt.Fprintf(w, "%q", r.URL.RequestURI())
	}))
	s, _ := newSession(t, srv.URL+"/v1", WithHeader("X-Team", "a"), WithUserAgent("petstore-go/1.0"))
	child, err := s.With(WithHeader("X-Team", "b"), WithHeader("X-Extra", "1"))
	if err != nil {
		t.Fatal(err)
	}
	call := NewCall("GET", "/pets/{id}", "a b/c").AddQuery("tag", []string{"x", "y"}).SetHeader("X-Req", 7).AddCookie("c", "v")
	snapshot := call.String()
	var reqHook, respHook int
	got, err := Decode[string](bg(), s, call, WithHeader("X-Call", "1"),
		WithRequestHook(func(r *http.Request) { reqHook++; r.Header.Set("X-Req", "mutated") }),
		WithResponseHook(func(r *http.Response) { respHook++ }))
	if err != nil || got != "/v1/pets/a%20b%2Fc?tag=x&tag=y" {
		t.Fatalf("%q %v", got, err)
	}
	if _, err := Decode[string](bg(), child, call); err != nil {
		t.Fatal(err)
	}
	// The Call is unchanged by sending and hooks.
	if call.String() != snapshot || call.Header.Get("X-Req") != "7" || reqHook != 1 || respHook != 1 {
		t.Errorf("call mutated: %s vs %s", call, snapshot)
	}
	h0, h1 := hdrs[0], hdrs[1]
	if h0.Get("X-Team") != "a" || h0.Get("X-Call") != "1" || h0.Get("User-Agent") != "petstore-go/1.0" || h0.Get("Accept") != "application/json" || h0.Get("Cookie") != "c=v" {
		t.Errorf("session headers %v", h0)
	}
	if h1.Get("X-Team") != "b" || h1.Get("X-Extra") != "1" || h1.Get("X-Call") != "" || h1.Get("X-Req") != "7" {
		t.Errorf("derived headers %v", h1)
	}
	if cc.opened.Load() != 1 {
		t.Errorf("derived session opened its own connection: %d", cc.opened.Load())
	}
	if s.HTTPClient() != child.HTTPClient() {
		t.Error("derived session does not share the client")
	}
	// Build errors come back before any I/O.
	for _, c := range []*Call{
		NewCall("GET", "/p/{id}", ""),
		NewCall("GET", "/p/{id}"),
		NewCall("GET", "/p/{id}", 1, 2),
		NewCall("GET", "/p/{id", 1),
		NewCall("GET", "/p").AddQuery("x", struct{}{}),
		NewCall("GET", "/p").Require("body", (*int)(nil)),
		{Method: "GET", Path: "relative"},
		nil,
	} {
		if err := Exec(bg(), s, c); err == nil {
			t.Errorf("%v: no error", c)
		}
	}
	if n := len(hdrs); n != 2 {
		t.Errorf("%d requests sent", n)
	}
}

func TestProxy(t *testing.T) {
	var mu sync.Mutex
	var seen []string
	proxy, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.URL.String())
		mu.Unlock()
		io.WriteString(w, `"via proxy"`)
	}))
	direct, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, `"direct"`) }))
	// The environment is read at New; an explicit option wins over it.
	// Loopback targets bypass env proxies, so use a non-loopback name.
	t.Setenv("HTTP_PROXY", proxy.URL)
	t.Setenv("NO_PROXY", "")
	s, _ := newSession(t, "http://api.invalid")
	if got, err := Decode[string](bg(), s, NewCall("GET", "/x")); err != nil || got != "via proxy" {
		t.Fatalf("env: %q %v", got, err)
	}
	t.Setenv("HTTP_PROXY", "http://127.0.0.1:1")
	if got, err := Decode[string](bg(), s, NewCall("GET", "/y")); err != nil || got != "via proxy" {
		t.Fatalf("env read again: %q %v", got, err)
	}
	s2, _ := newSession(t, "http://api.invalid", WithProxy(proxy.URL))
	if got, err := Decode[string](bg(), s2, NewCall("GET", "/z")); err != nil || got != "via proxy" {
		t.Fatalf("explicit: %q %v", got, err)
	}
	s3, _ := newSession(t, direct.URL, WithNoProxy())
	if got, err := Decode[string](bg(), s3, NewCall("GET", "/")); err != nil || got != "direct" {
		t.Fatalf("no proxy: %q %v", got, err)
	}
	if len(seen) != 3 || seen[0] != "http://api.invalid/x" {
		t.Errorf("proxy saw %v", seen)
	}
}

func TestCustomClientAndRoundTripper(t *testing.T) {
	srv, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, `1`) }))
	var used int
	hc := &http.Client{Transport: RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		used++
		return http.DefaultTransport.RoundTrip(r)
	})}
	s, _ := newSession(t, srv.URL, WithHTTPClient(hc), WithTransportConfig(TransportConfig{ReadIdleTimeout: -1}))
	if v, err := Decode[int](bg(), s, NewCall("GET", "/")); err != nil || v != 1 || used != 1 {
		t.Fatal(v, err, used)
	}
	s2, _ := newSession(t, srv.URL, WithHTTPClient(&http.Client{}))
	if v, err := Decode[int](bg(), s2, NewCall("GET", "/")); err != nil || v != 1 {
		t.Fatal(v, err)
	}
}

// TestNoSecretsAnywhere checks errors, %v / %+v / %#v and slog output for
// header, query and userinfo credentials.
func TestNoSecretsAnywhere(t *testing.T) {
	const secret = "SUPERSECRET"
	srv, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Set-Cookie", "session="+secret)
		w.WriteHeader(500)
	}))
	u, _ := url.Parse(srv.URL)
	u.User = url.UserPassword("me", secret)
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	s, _ := newSession(t, u.String(),
		WithCredential("key", APIKey("query", "custom_key", secret)),
		WithCredential("hdr", APIKey("header", "X-Custom", secret)),
		WithAuth(BasicAuth("me", secret)),
		WithAuth(BearerToken(secret)),
		WithAuth(DigestAuth("me", secret)),
		WithDefaultSecurity(Requirement{"key", "hdr"}),
		WithRedactNames("X-Session"),
		WithHeader("X-Session", secret),
		WithLogger(logger), WithLogHeaders(),
		WithRetry(RetryPolicy{MaxAttempts: 2}),
	)
	s2, _ := newSession(t, srv.URL, WithAuth(BasicAuth("me", secret)), WithAuth(APIKey("query", "custom_key", secret)),
		WithLogger(logger), WithLogHeaders(), WithNoRetry())
	err := Exec(bg(), s, NewCall("GET", "/x").AddQuery("token", secret).AddQuery("page", 2))
	err2 := Exec(bg(), s2, NewCall("GET", "/x"))
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 500 {
		t.Fatalf("err %v", err)
	}
	call := NewCall("GET", "/x").AddQuery("api_key", secret).SetHeader("Authorization", secret)
	tok := &Token{AccessToken: NewSecret(secret)}
	values := []any{err, err2, apiErr, s, call, NewSecret(secret), tok, *tok,
		BasicAuth("u", secret), BearerToken(secret), APIKey("header", "k", secret), DigestAuth("u", secret),
		ClientCredentials(ClientCredentialsConfig{ClientSecret: secret}), &TransportError{URL: redactURL(u, nil), Err: errors.New("x")}}
	for _, v := range values {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
			if out := fmt.Sprintf(verb, v); strings.Contains(out, secret) {
				t.Errorf("%s of %T leaks: %s", verb, v, out)
			}
		}
	}
	if strings.Contains(logs.String(), secret) {
		t.Errorf("log leaks:\n%s", logs.String())
	}
	if !strings.Contains(logs.String(), "REDACTED") || !strings.Contains(logs.String(), "runtime: retrying") {
		t.Errorf("log lacks redacted fields:\n%s", logs.String())
	}
	b, _ := NewSecret(secret).MarshalText()
	if string(b) != "REDACTED" || NewSecret(secret).Reveal() != secret || !(Secret{}).IsZero() || NewSecret("x").GoString() != "REDACTED" {
		t.Error("Secret API")
	}
	slog.New(slog.NewTextHandler(&logs, nil)).Info("x", "s", NewSecret(secret))
	if strings.Contains(logs.String(), secret) {
		t.Error("slog of Secret leaks")
	}
}

func TestErrorFormatting(t *testing.T) {
	srv, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Request-Id", "req-1")
		switch r.URL.Path {
		case "/problem":
			w.Header().Set("Content-Type", "application/problem+json")
			w.WriteHeader(403)
			io.WriteString(w, `{"title":"Forbidden","detail":"no access"}`)
		case "/model":
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(404)
			io.WriteString(w, `{"code":7}`)
		case "/big":
			w.WriteHeader(400)
			w.Write(bytes.Repeat([]byte("é"), MaxErrorBody))
		}
	}))
	s, _ := newSession(t, srv.URL)
	err := Exec(bg(), s, NewCall("GET", "/problem"))
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Problem == nil || !strings.Contains(err.Error(), "no access") || apiErr.RequestID != "req-1" {
		t.Errorf("problem: %v", err)
	}
	type model struct{ Code int }
	c := NewCall("GET", "/model")
	c.ErrorModel = func(status int) any {
		if status == 404 {
			return &model{}
		}
		return nil
	}
	err = Exec(bg(), s, c)
	if !errors.As(err, &apiErr) || apiErr.Model.(*model).Code != 7 {
		t.Errorf("model: %v", err)
	}
	err = Exec(bg(), s, NewCall("GET", "/big"))
	if !errors.As(err, &apiErr) || !apiErr.Truncated || len(apiErr.Body) != MaxErrorBody || !strings.HasSuffix(err.Error(), "…") {
		t.Errorf("big: %d %v", len(apiErr.Body), apiErr.Truncated)
	}
	de := &DecodeError{Method: "GET", URL: "u", StatusCode: 200, Err: io.ErrUnexpectedEOF}
	if !errors.Is(de, io.ErrUnexpectedEOF) || !strings.Contains(de.Error(), "decoding 200") {
		t.Error(de)
	}
	if !isTimeout(ErrReadIdleTimeout) || isTimeout(io.EOF) {
		t.Error("isTimeout")
	}
	_ = time.Second
	_ = httptest.NewRecorder
}
