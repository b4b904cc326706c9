package generator

import (
	"fmt"
	"go/token"
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/genclient/genclient/ir"
)

// gen holds what one Generate call knows about its API. It is built once
// by newGen and only read afterwards, but for the error-model functions
// the operations add while units lists the declarations (serially; the
// files render concurrently meanwhile, reading only cfg and rt).
type gen struct {
	api *ir.API
	cfg Config
	rt  string // runtime import path

	// ptrFields are the struct fields that must hold a pointer to break a
	// cycle of by-value struct types.
	ptrFields map[*ir.Field]bool
	// schemes indexes API.Schemes by Key.
	schemes map[string]*ir.SecurityScheme
	// serviceTypes maps a named service to its Go type name.
	serviceTypes map[*ir.Service]string
	// errModels are the error models and their helpers (see emit_errors.go).
	errModels []*errorModel
	// errFuncs maps the body of an error-model function (see errorModel)
	// to its name; errFuncNames holds the names, errFuncDecls the
	// functions, in the order operations first use them.
	errFuncs     map[string]string
	errFuncNames map[string]bool
	errFuncDecls []jen.Code
	// current names the operation or schema being emitted, for an
	// InternalError.
	current string
}

// Names the generated package declares besides the API's types.
const (
	clientType       = "Client"
	newClientFunc    = "NewClient"
	defaultServerURL = "DefaultServerURL"
	serverURLFunc    = "ServerURL"
	serversFunc      = "Servers"
)

func newGen(api *ir.API, cfg Config) (*gen, error) {
	api = cleanServers(api)
	g := &gen{
		api:          api,
		cfg:          cfg,
		rt:           cfg.RuntimeImport,
		schemes:      map[string]*ir.SecurityScheme{},
		serviceTypes: map[*ir.Service]string{},
		errFuncs:     map[string]string{},
		errFuncNames: map[string]bool{},
	}
	for _, s := range api.Schemes {
		g.schemes[s.Key] = s
	}
	g.ptrFields = findCycles(api.Types)
	if err := g.checkNames(); err != nil {
		return nil, err
	}
	return g, nil
}

// cleanServers returns api with dropInvisible applied to its server URLs
// (a shallow copy when one changes; api itself is never modified): a NUL
// or byte-order mark in a URL is dropped, not sent.
func cleanServers(api *ir.API) *ir.API {
	var servers []*ir.Server
	for i, s := range api.Servers {
		if u := dropInvisible(s.URL); u != s.URL {
			if servers == nil {
				servers = slices.Clone(api.Servers)
			}
			c := *s
			c.URL = u
			servers[i] = &c
		}
	}
	if servers == nil {
		return api
	}
	c := *api
	c.Servers = servers
	return &c
}

// checkNames gives each service its type name and fails when a name the
// generator declares collides with one the loader chose.
func (g *gen) checkNames() error {
	taken := map[string]string{} // name → what declares it
	claim := func(name, what string) error {
		if prev, ok := taken[name]; ok {
			return fmt.Errorf("generator: %s and %s are both named %s", prev, what, name)
		}
		taken[name] = what
		return nil
	}
	for _, n := range g.api.Types {
		if err := claim(n.Name, "schema "+n.Ref); err != nil {
			return err
		}
		if e, ok := n.Type.(*ir.Enum); ok {
			for _, v := range e.Values {
				if err := claim(v.Name, "enum value "+v.Value+" of "+n.Name); err != nil {
					return err
				}
			}
		}
	}
	for _, s := range g.api.Services {
		for _, op := range s.Operations {
			for _, n := range []struct{ name, what string }{
				{op.ParamsType, "the parameters of "}, {op.ResultType, "the result of "},
				{op.HeadersType, "the response headers of "}, {op.MultipartType, "the multipart body of "},
			} {
				if n.name == "" {
					continue
				}
				if err := claim(n.name, n.what+op.FullName); err != nil {
					return err
				}
			}
		}
	}
	fixed := []string{clientType, newClientFunc}
	if len(g.api.Servers) > 0 {
		fixed = append(fixed, defaultServerURL, serversFunc)
		if len(g.api.Servers[0].Variables) > 0 {
			fixed = append(fixed, serverURLFunc)
		}
	}
	for _, name := range fixed {
		if err := claim(name, "the generated "+name); err != nil {
			return err
		}
	}
	for _, s := range g.api.Schemes {
		if err := claim(optionName(s), "the option of security scheme "+s.Key); err != nil {
			return err
		}
	}
	for _, n := range g.api.Types {
		if u, ok := n.Type.(*ir.Union); ok {
			for _, v := range u.Variants {
				if v.Ctor == "" {
					continue
				}
				if err := claim(v.Ctor, "the constructor of "+n.Name+"."+v.Name); err != nil {
					return err
				}
			}
		}
	}
	for _, s := range g.api.Services {
		if s.Name == "" {
			continue
		}
		name := s.Name + "Service"
		if _, ok := taken[name]; ok {
			name = s.Name + "API"
		}
		if err := claim(name, "service "+s.Name); err != nil {
			return err
		}
		g.serviceTypes[s] = name
	}
	g.findErrorModels(func(name, what string) bool {
		if _, ok := taken[name]; ok {
			return false
		}
		taken[name] = what
		return true
	})
	return nil
}

// optionName is the name of the client option for a security scheme.
func optionName(s *ir.SecurityScheme) string { return "With" + s.GoName }

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z':
		case i > 0 && '0' <= r && r <= '9':
		default:
			return false
		}
	}
	return true
}

func isKeyword(s string) bool { return token.IsKeyword(s) }

// localNamer hands out local variable names in one generated function,
// avoiding Go keywords, predeclared and imported package names, and the
// names the function body itself uses.
type localNamer struct{ used map[string]bool }

// reservedLocals are names a generated method body refers to.
var reservedLocals = []string{
	"c", "s", "ctx", "call", "opts", "body", "params", "status", "out", "err", "contentType",
	"runtime", "context", "json", "time", "io", "iter", "url", "http", "fmt", "errors", "bytes",
	"true", "false", "nil", "iota", "len", "new", "make", "append", "string", "int", "any", "error",
}

func newLocalNamer() *localNamer {
	n := &localNamer{used: map[string]bool{}}
	for _, r := range reservedLocals {
		n.used[r] = true
	}
	return n
}

// name returns want, or want with a suffix, unused so far, and marks it used.
func (n *localNamer) name(want string) string {
	if want == "" || !isIdent(want) {
		want = "arg"
	}
	name := want
	if isKeyword(name) || n.used[name] {
		name = want + "Param"
	}
	for i := 2; isKeyword(name) || n.used[name]; i++ {
		name = fmt.Sprintf("%sParam%d", want, i)
	}
	n.used[name] = true
	return name
}

// snake converts a Go identifier to snake_case: "IssueComments" →
// "issue_comments", "HTTPServer" → "http_server".
func snake(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		lower := r >= 'a' && r <= 'z' || r >= '0' && r <= '9'
		if !lower && r >= 'A' && r <= 'Z' {
			if i > 0 && (isLowerOrDigit(rs[i-1]) || i+1 < len(rs) && isLowerRune(rs[i+1]) && isUpperRune(rs[i-1]) && !pluralS(rs, i+1)) {
				b.WriteByte('_')
			}
			b.WriteRune(r + 'a' - 'A')
			continue
		}
		if r == '_' {
			if b.Len() > 0 {
				b.WriteByte('_')
			}
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// pluralS reports whether rs[i] is the "s" of a plural initialism such as
// "APIs" or "URLs": an "s" that ends its word.
func pluralS(rs []rune, i int) bool {
	return rs[i] == 's' && (i+1 == len(rs) || !isLowerRune(rs[i+1]))
}

func isLowerRune(r rune) bool    { return r >= 'a' && r <= 'z' }
func isUpperRune(r rune) bool    { return r >= 'A' && r <= 'Z' }
func isLowerOrDigit(r rune) bool { return isLowerRune(r) || r >= '0' && r <= '9' }

// lowerFirst turns an exported identifier into an unexported one:
// "Region" → "region", "URLPath" → "urlPath".
func lowerFirst(s string) string {
	rs := []rune(s)
	i := 0
	for i < len(rs) && isUpperRune(rs[i]) {
		i++
	}
	if i == 0 {
		return s
	}
	if i > 1 && i < len(rs) && isLowerRune(rs[i]) {
		i-- // keep the capital that starts the next word: URLPath → urlPath
	}
	for j := 0; j < i; j++ {
		rs[j] += 'a' - 'A'
	}
	return string(rs)
}
