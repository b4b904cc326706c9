package runtime

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// Auth adds credentials to a request. Apply is called on a clone the
// runtime owns, once per attempt and per redirect hop, and only when the
// hop's origin is in scope (the base URL's origin, the http→https upgrade
// of it, and WithTrustedOrigins). It may set headers, query parameters
// and cookies, and reads the context from req.Context(). Implementations
// must be safe for concurrent use.
type Auth interface {
	Apply(req *http.Request) error
}

// Challenger is implemented by an Auth that can answer a 401 or 407
// response: a digest challenge, an expired token. Challenge is given the
// response (its Request is the hop that was sent, with credentials) and
// reports whether the request should be sent once more. The runtime calls
// it at most once per call and drains the response itself.
type Challenger interface {
	Challenge(resp *http.Response) bool
}

// Signer is an Auth that signs the request (SigV4, HTTP message
// signatures): the runtime applies signers after every other credential
// (API keys, cookies) and header change, so the signature covers them.
// SignsLast is a marker; it is never called. SignerFunc and SigV4 are
// signers.
type Signer interface {
	Auth
	SignsLast()
}

// SignerFunc is a Signer made of a function: it sees the final request.
// req.GetBody, when not nil, returns the body to hash.
type SignerFunc func(req *http.Request) error

// Apply calls f(req).
func (f SignerFunc) Apply(req *http.Request) error { return f(req) }

// SignsLast marks f as a Signer.
func (f SignerFunc) SignsLast() {}

// ErrInsecureCredential is returned when a Basic, Bearer or API-key
// credential would be sent over plain http to a host that is not
// loopback. See WithInsecureCleartextAuth.
var ErrInsecureCredential = errors.New("runtime: refusing to send credentials over plain http")

// tlsOnly marks credentials that must not cross plain http.
type tlsOnly interface{ tlsOnly() }

// validator is implemented by credentials whose constructor could not
// report an error.
type validator interface{ validate() error }

// redactNamer is implemented by credentials whose header or query name
// must be redacted.
type redactNamer interface{ redactName() string }

// WithCredential registers the credential for the security scheme named
// scheme in the spec (a components.securitySchemes key). A call uses the
// first alternative of its security requirement whose schemes are all
// registered; when none is, it sends no credentials.
//
// For generated code.
func WithCredential(scheme string, a Auth) Option {
	return func(cfg *config) error {
		if err := checkAuth(a); err != nil {
			return fmt.Errorf("runtime: WithCredential(%q): %w", scheme, err)
		}
		cfg.creds = maps.Clone(cfg.creds)
		if cfg.creds == nil {
			cfg.creds = map[string]Auth{}
		}
		cfg.creds[scheme] = a
		addRedactName(cfg, a)
		return nil
	}
}

// WithAuth applies a to every call, whatever its security requirement.
func WithAuth(a Auth) Option {
	return func(cfg *config) error {
		if err := checkAuth(a); err != nil {
			return fmt.Errorf("runtime: WithAuth: %w", err)
		}
		cfg.auths = append(slices.Clip(cfg.auths), a)
		addRedactName(cfg, a)
		return nil
	}
}

func checkAuth(a Auth) error {
	if a == nil {
		return errors.New("nil Auth")
	}
	if v, ok := a.(validator); ok {
		return v.validate()
	}
	return nil
}

func addRedactName(cfg *config, a Auth) {
	if r, ok := a.(redactNamer); ok {
		cfg.redact = maps.Clone(cfg.redact)
		if cfg.redact == nil {
			cfg.redact = map[string]bool{}
		}
		cfg.redact[strings.ToLower(r.redactName())] = true
	}
}

// pickAuths returns the credentials for call, signers last.
func (c *config) pickAuths(call *Call) []Auth {
	reqs := call.Security
	if reqs == nil {
		reqs = c.security
	}
	var chosen Requirement
	found := false
	for _, r := range reqs {
		if len(r) > 0 && c.satisfies(r) {
			chosen, found = r, true
			break
		}
	}
	if len(c.auths) == 0 && !found {
		return nil
	}
	// Signers go last (in their order), so that they sign the request
	// the others have finished.
	all := make([]Auth, 0, len(c.auths)+len(chosen))
	all = append(all, c.auths...)
	for _, name := range chosen {
		all = append(all, c.creds[name])
	}
	out := make([]Auth, 0, len(all))
	for _, signers := range []bool{false, true} {
		for _, a := range all {
			if _, ok := a.(Signer); ok == signers {
				out = append(out, a)
			}
		}
	}
	return out
}

func (c *config) satisfies(r Requirement) bool {
	for _, name := range r {
		if c.creds[name] == nil {
			return false
		}
	}
	return true
}

// callState travels in the request context to the transport and the
// redirect policy.
type callState struct {
	auths        []Auth
	trusted      []origin
	cleartext    bool
	redact       map[string]bool
	maxRedirects int
	rt           http.RoundTripper
	clock        Clock
}

type stateKey struct{}

func stateFrom(ctx context.Context) *callState {
	st, _ := ctx.Value(stateKey{}).(*callState)
	return st
}

// authTransport applies credentials per hop, on a clone, in scope only,
// then asks the cache (WithCache), which thus sees the final
// credentials.
type authTransport struct {
	next  http.RoundTripper
	cache roundTripCache
}

func (t *authTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	st := stateFrom(req.Context())
	if st == nil || len(st.auths) == 0 || !inScope(st.trusted, req.URL) {
		if t.cache != nil {
			var names map[string]bool
			if st != nil {
				names = st.redact
			}
			return t.cache.roundTrip(req, t.next, names)
		}
		return t.next.RoundTrip(req)
	}
	r2 := req.Clone(req.Context())
	signed := false
	for _, a := range st.auths {
		if _, ok := a.(Signer); ok {
			signed = true
		}
		if _, ok := a.(tlsOnly); ok && r2.URL.Scheme == "http" && !st.cleartext && !isLoopback(r2.URL.Hostname()) {
			closeBody(req)
			return nil, ErrInsecureCredential
		}
		if err := a.Apply(r2); err != nil {
			closeBody(req)
			return nil, &authError{err}
		}
	}
	var resp *http.Response
	var err error
	switch {
	case t.cache == nil:
		resp, err = t.next.RoundTrip(r2)
	case signed:
		// A signature changes with every request: no two would
		// share an entry.
		resp, err = t.cache.bypass(r2, t.next, st.redact)
	default:
		resp, err = t.cache.roundTrip(r2, t.next, st.redact)
	}
	if err == nil {
		for _, a := range st.auths {
			if o, ok := a.(responseObserver); ok {
				o.observe(resp)
			}
		}
	}
	return resp, err
}

// CloseIdleConnections closes the idle connections of the transport
// below, so that http.Client.CloseIdleConnections reaches the pool.
func (t *authTransport) CloseIdleConnections() {
	if c, ok := t.next.(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}

// responseObserver is implemented by credentials that learn from
// responses (digest nextnonce).
type responseObserver interface{ observe(*http.Response) }

func closeBody(r *http.Request) {
	if r.Body != nil {
		_ = r.Body.Close()
	}
}

// authError marks a failure to produce credentials (a token endpoint
// down, a signer error), which is not retried.
type authError struct{ err error }

func (e *authError) Error() string { return "runtime: applying credentials: " + e.err.Error() }
func (e *authError) Unwrap() error { return e.err }

// Errors returned by the redirect policy.
var (
	ErrTooManyRedirects = errors.New("runtime: too many redirects")
	ErrInsecureRedirect = errors.New("runtime: refusing redirect from https to http")
)

// checkRedirect is the session's http.Client.CheckRedirect: it bounds the
// hops, refuses a downgrade to http and scrubs user-set credentials once
// the origin changed anywhere along the chain.
func checkRedirect(req *http.Request, via []*http.Request) error {
	max, names := 10, map[string]bool(nil)
	if st := stateFrom(req.Context()); st != nil {
		max, names = st.maxRedirects, st.redact
	}
	if max == 0 {
		return http.ErrUseLastResponse
	}
	if len(via) >= max {
		return fmt.Errorf("%w (%d)", ErrTooManyRedirects, len(via))
	}
	if via[len(via)-1].URL.Scheme == "https" && req.URL.Scheme == "http" {
		return ErrInsecureRedirect
	}
	first := originOf(via[0].URL)
	changed := originOf(req.URL) != first
	for _, r := range via[1:] {
		changed = changed || originOf(r.URL) != first
	}
	if changed {
		for k := range req.Header {
			if isRedacted(names, k) {
				delete(req.Header, k)
			}
		}
		if req.URL.RawQuery != "" {
			req.URL.RawQuery = scrubQuery(req.URL.RawQuery, names, via)
		}
	}
	return nil
}

// scrubQuery removes from a redirect target's query the credentials a
// server echoed into it: every parameter named by WithRedactNames or a
// query APIKey, and a parameter with a default sensitive name (token,
// signature, ...) whose value an earlier hop of the chain carried. Other
// parameters keep their bytes and order, so a pre-signed URL of another
// origin still works.
func scrubQuery(raw string, names map[string]bool, via []*http.Request) string {
	var sent map[string]bool
	parts := strings.Split(raw, "&")
	kept := parts[:0]
	for _, kv := range parts {
		k, v, _ := strings.Cut(kv, "=")
		name, err := url.QueryUnescape(k)
		if err != nil {
			name = k
		}
		lower := strings.ToLower(name)
		drop := names[lower]
		if !drop && isDefaultRedacted(lower) {
			if sent == nil {
				sent = map[string]bool{}
				for _, r := range via {
					for qk, qv := range r.URL.Query() {
						for _, x := range qv {
							sent[strings.ToLower(qk)+"="+x] = true
						}
					}
				}
			}
			val, err := url.QueryUnescape(v)
			drop = err != nil || sent[lower+"="+val]
		}
		if !drop {
			kept = append(kept, kv)
		}
	}
	return strings.Join(kept, "&")
}
