package runtime

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Token is an OAuth2 access token.
type Token struct {
	AccessToken Secret
	TokenType   string    // "Bearer" when empty
	Expiry      time.Time // zero: no known expiry
}

// TokenSource returns a valid token. Token is called on every attempt,
// with the attempt's context, and must be safe for concurrent use; it is
// expected to cache.
type TokenSource interface {
	Token(ctx context.Context) (*Token, error)
}

// TokenSourceFunc adapts a function to TokenSource.
type TokenSourceFunc func(ctx context.Context) (*Token, error)

// Token calls f(ctx).
func (f TokenSourceFunc) Token(ctx context.Context) (*Token, error) { return f(ctx) }

// Invalidator is implemented by a TokenSource that can drop a token the
// server rejected with 401. Invalidate must only drop tok if it is still
// the current token (compare and swap), so concurrent 401s cause one
// refresh.
type Invalidator interface {
	Invalidate(tok *Token)
}

// BearerTokenSource returns an Auth that sends the token of ts in an
// "Authorization: Bearer" header on every attempt. When ts is an
// Invalidator, a 401 invalidates the token and the request is sent once
// more with a fresh one.
func BearerTokenSource(ts TokenSource) Auth { return &tokenAuth{ts: ts} }

type tokenAuth struct{ ts TokenSource }

func (a *tokenAuth) validate() error {
	if a.ts == nil {
		return errors.New("BearerTokenSource: nil TokenSource")
	}
	if v, ok := a.ts.(validator); ok {
		return v.validate()
	}
	return nil
}

func (a *tokenAuth) Apply(r *http.Request) error {
	if a.ts == nil {
		return errors.New("nil TokenSource")
	}
	tok, err := a.ts.Token(r.Context())
	if err != nil {
		return err
	}
	if tok == nil || tok.AccessToken.IsZero() {
		return errors.New("token source returned an empty token")
	}
	typ := tok.TokenType
	if typ == "" || strings.EqualFold(typ, "bearer") {
		typ = "Bearer"
	}
	r.Header.Set("Authorization", typ+" "+tok.AccessToken.Reveal())
	return nil
}

func (a *tokenAuth) Challenge(resp *http.Response) bool {
	inv, ok := a.ts.(Invalidator)
	if !ok || resp.StatusCode != http.StatusUnauthorized {
		return false
	}
	_, used, _ := strings.Cut(resp.Request.Header.Get("Authorization"), " ")
	if used == "" {
		return false
	}
	inv.Invalidate(&Token{AccessToken: NewSecret(used)})
	return true
}

func (a *tokenAuth) tlsOnly()       {}
func (a *tokenAuth) String() string { return "BearerTokenSource(REDACTED)" }

// ClientCredentialsConfig configures the OAuth2 client credentials grant
// (RFC 6749 §4.4).
type ClientCredentialsConfig struct {
	TokenURL     string
	ClientID     string
	ClientSecret string
	Scopes       []string
	// EndpointParams are extra form parameters (audience, resource).
	EndpointParams url.Values
	// AuthInBody sends client_id and client_secret as form parameters
	// instead of HTTP Basic authentication.
	AuthInBody bool
	// RefreshAhead refreshes a token this long before it expires
	// (default 30 s); meanwhile other calls keep using the current one.
	RefreshAhead time.Duration
	// HTTPClient sends token requests; nil uses the session's own
	// transport (its pool, TLS and proxy settings).
	HTTPClient *http.Client
}

// ClientCredentials returns an Auth that fetches, caches and refreshes a
// token with the client credentials grant. It is a TokenSource and an
// Invalidator too. Concurrent calls share one token request; a call whose
// context ends stops waiting at once, without failing the others. A 401
// invalidates the token, and the request is sent once more.
func ClientCredentials(c ClientCredentialsConfig) Auth {
	cc := &clientCreds{cfg: c, secret: NewSecret(c.ClientSecret)}
	cc.cfg.ClientSecret = ""
	return &tokenAuth{ts: cc}
}

type clientCreds struct {
	cfg    ClientCredentialsConfig
	secret Secret

	mu       sync.Mutex
	tok      *Token
	inflight *flight
}

type flight struct {
	done chan struct{}
	tok  *Token
	err  error
}

func (c *clientCreds) validate() error {
	u, err := url.Parse(c.cfg.TokenURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return errors.New("ClientCredentials: TokenURL must be an absolute http(s) URL")
	}
	if c.cfg.ClientID == "" {
		return errors.New("ClientCredentials: empty ClientID")
	}
	return nil
}

func (c *clientCreds) String() string { return "ClientCredentials(" + c.cfg.ClientID + ", REDACTED)" }

// Invalidate drops tok if it is still the cached token.
func (c *clientCreds) Invalidate(tok *Token) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.tok != nil && tok != nil && c.tok.AccessToken.Reveal() == tok.AccessToken.Reveal() {
		c.tok = nil
	}
}

// Token returns the cached token, or fetches one (single flight).
func (c *clientCreds) Token(ctx context.Context) (*Token, error) {
	clk := Clock(systemClock{})
	if st := stateFrom(ctx); st != nil {
		clk = st.clock
	}
	ahead := orDefault(c.cfg.RefreshAhead, 30*time.Second)
	for {
		c.mu.Lock()
		now := clk.Now()
		cur := c.tok
		valid := cur != nil && (cur.Expiry.IsZero() || now.Before(cur.Expiry))
		if valid && (cur.Expiry.IsZero() || now.Before(cur.Expiry.Add(-ahead))) {
			c.mu.Unlock()
			return cur, nil
		}
		if f := c.inflight; f != nil {
			c.mu.Unlock()
			if valid {
				return cur, nil // someone refreshes ahead of expiry
			}
			select {
			case <-f.done:
			case <-ctx.Done():
				return nil, ctx.Err()
			}
			if f.err == nil {
				return f.tok, nil
			}
			if isCtxErr(f.err) && ctx.Err() == nil {
				continue // the fetching call gave up; fetch ourselves
			}
			return nil, f.err
		}
		f := &flight{done: make(chan struct{})}
		c.inflight = f
		c.mu.Unlock()

		tok, err := c.fetch(ctx, now)
		c.mu.Lock()
		f.tok, f.err = tok, err
		if err == nil {
			c.tok = tok
		}
		c.inflight = nil
		c.mu.Unlock()
		close(f.done)
		if err != nil && valid {
			return cur, nil // keep the old token while it lasts
		}
		return tok, err
	}
}

func isCtxErr(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

func (c *clientCreds) fetch(ctx context.Context, now time.Time) (*Token, error) {
	form := url.Values{"grant_type": {"client_credentials"}}
	if len(c.cfg.Scopes) > 0 {
		form.Set("scope", strings.Join(c.cfg.Scopes, " "))
	}
	for k, v := range c.cfg.EndpointParams {
		form[k] = v
	}
	if c.cfg.AuthInBody {
		form.Set("client_id", c.cfg.ClientID)
		form.Set("client_secret", c.secret.Reveal())
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.cfg.TokenURL, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, fmt.Errorf("runtime: token request: %w", redactErr(err))
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	if !c.cfg.AuthInBody {
		req.SetBasicAuth(url.QueryEscape(c.cfg.ClientID), url.QueryEscape(c.secret.Reveal()))
	}
	hc := c.cfg.HTTPClient
	if hc == nil {
		var rt http.RoundTripper = http.DefaultTransport
		if st := stateFrom(ctx); st != nil && st.rt != nil {
			rt = st.rt
		}
		hc = &http.Client{Transport: rt, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("runtime: token request: %w", redactErr(err))
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return nil, fmt.Errorf("runtime: token response: %w", err)
	}
	var tr struct {
		AccessToken string      `json:"access_token"`
		TokenType   string      `json:"token_type"`
		ExpiresIn   json.Number `json:"expires_in"`
		Error       string      `json:"error"`
		Description string      `json:"error_description"`
	}
	jerr := json.Unmarshal(b, &tr)
	if resp.StatusCode < 200 || resp.StatusCode > 299 || tr.Error != "" {
		msg := strings.TrimSpace(tr.Error + " " + tr.Description)
		if jerr != nil || msg == "" {
			msg = "no OAuth2 error in body"
		}
		return nil, fmt.Errorf("runtime: token endpoint %s: %s: %s", redactURL(req.URL, nil), resp.Status, msg)
	}
	if jerr != nil || tr.AccessToken == "" {
		return nil, fmt.Errorf("runtime: token endpoint %s: response has no access_token", redactURL(req.URL, nil))
	}
	tok := &Token{AccessToken: NewSecret(tr.AccessToken), TokenType: tr.TokenType}
	if secs, err := strconv.ParseFloat(string(tr.ExpiresIn), 64); err == nil && secs > 0 {
		tok.Expiry = now.Add(time.Duration(secs * float64(time.Second)))
	}
	return tok, nil
}
