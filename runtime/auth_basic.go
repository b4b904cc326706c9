package runtime

import (
	"errors"
	"fmt"
	"net/http"
)

// BasicAuth returns an Auth that sends user and pass in an
// "Authorization: Basic" header (RFC 7617).
func BasicAuth(user, pass string) Auth {
	return &basicAuth{user: user, pass: NewSecret(pass)}
}

type basicAuth struct {
	user string
	pass Secret
}

func (a *basicAuth) Apply(r *http.Request) error {
	r.SetBasicAuth(a.user, a.pass.Reveal())
	return nil
}
func (a *basicAuth) tlsOnly()       {}
func (a *basicAuth) String() string { return fmt.Sprintf("BasicAuth(%s, REDACTED)", a.user) }

// BearerToken returns an Auth that sends a fixed token in an
// "Authorization: Bearer" header (RFC 6750).
func BearerToken(token string) Auth { return &bearer{tok: NewSecret(token)} }

type bearer struct{ tok Secret }

func (a *bearer) Apply(r *http.Request) error {
	r.Header.Set("Authorization", "Bearer "+a.tok.Reveal())
	return nil
}
func (a *bearer) tlsOnly()       {}
func (a *bearer) String() string { return "BearerToken(REDACTED)" }

// APIKey returns an Auth that sends value as the API key name, in a
// header, a query parameter or a cookie (in is "header", "query" or
// "cookie", as in an OpenAPI apiKey scheme). name is added to the
// redaction list. An invalid in makes WithCredential fail.
func APIKey(in, name, value string) Auth {
	return &apiKey{in: in, name: name, val: NewSecret(value)}
}

type apiKey struct {
	in, name string
	val      Secret
}

func (a *apiKey) validate() error {
	if a.name == "" {
		return errors.New("APIKey: empty name")
	}
	switch a.in {
	case "header", "query", "cookie":
		return nil
	}
	return fmt.Errorf("APIKey: in must be header, query or cookie, not %q", a.in)
}

func (a *apiKey) Apply(r *http.Request) error {
	if err := a.validate(); err != nil {
		return err
	}
	switch a.in {
	case "header":
		r.Header.Set(a.name, a.val.Reveal())
	case "query":
		q := r.URL.Query()
		q.Set(a.name, a.val.Reveal())
		r.URL.RawQuery = q.Encode()
	default:
		r.AddCookie(&http.Cookie{Name: a.name, Value: a.val.Reveal()})
	}
	return nil
}
func (a *apiKey) tlsOnly()           {}
func (a *apiKey) redactName() string { return a.name }
func (a *apiKey) String() string     { return fmt.Sprintf("APIKey(%s, %s, REDACTED)", a.in, a.name) }
