package generator

import (
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/genclient/genclient/ir"
)

// emitClient emits the Client type and NewClient:
//
//	// Client is a client for the Swagger Petstore API. ...
//	type Client struct {
//		s *runtime.Session
//
//		// Pets holds the operations tagged "pets".
//		Pets *PetsService
//	}
//
//	// NewClient returns a client for the API at serverURL. ...
//	func NewClient(serverURL string, opts ...runtime.Option) (*Client, error) {
//		defaults := []runtime.Option{
//			runtime.WithUserAgent("Swagger-Petstore/1.0.0 genclient"),
//			runtime.WithDefaultSecurity(runtime.Requirement{"api_key"}),
//			runtime.WithRedactNames("api_key"),
//		}
//		s, err := runtime.New(serverURL, append(defaults, opts...)...)
//		if err != nil {
//			return nil, err
//		}
//		return &Client{s: s, Pets: &PetsService{s: s}}, nil
//	}
func (g *gen) emitClient() []jen.Code {
	fields := []jen.Code{jen.Id("s").Op("*").Qual(g.rt, "Session")}
	values := []jen.Code{jen.Line().Id("s").Op(":").Id("s")}
	for _, svc := range g.api.Services {
		if svc.Name == "" {
			continue
		}
		typ := g.serviceTypes[svc]
		if len(fields) == 1 {
			fields = append(fields, jen.Line())
		}
		fields = append(fields, jen.Add(comment(svc.Name+" holds the operations tagged \""+svc.Tag+"\".")).
			Id(svc.Name).Op("*").Id(typ))
		values = append(values, jen.Line().Id(svc.Name).Op(":").Op("&").Id(typ).Values(jen.Id("s").Op(":").Id("s")))
	}
	clientDoc := comment("Client is a client for "+titled(g.api.Title)+". Create one with NewClient; it is safe for concurrent use.",
		"Operations take a context and, last, per-call options that override the client's for that call.")
	defaults := []jen.Code{jen.Qual(g.rt, "WithUserAgent").Call(jen.Lit(g.userAgent()))}
	if g.api.Security != nil {
		var reqs []jen.Code
		for _, r := range g.api.Security {
			reqs = append(reqs, jen.Qual(g.rt, "Requirement").ValuesFunc(func(grp *jen.Group) {
				for _, u := range r {
					grp.Lit(u.Scheme)
				}
			}))
		}
		defaults = append(defaults, jen.Qual(g.rt, "WithDefaultSecurity").Call(reqs...))
	}
	if names := g.secretNames(); len(names) > 0 {
		defaults = append(defaults, jen.Qual(g.rt, "WithRedactNames").Call(names...))
	}
	serverHint := ""
	if len(g.api.Servers) > 0 {
		serverHint = " (DefaultServerURL, for example)"
	}
	newDoc := comment("NewClient returns a client for the API at serverURL"+serverHint+".",
		"The client sets a User-Agent, the API's default security requirements and the names of API keys to redact in errors; opts come after those defaults, so they can override them.")
	newFn := jen.Add(newDoc).Func().Id(newClientFunc).
		Params(jen.Id("serverURL").String(), jen.Id("opts").Op("...").Qual(g.rt, "Option")).
		Params(jen.Op("*").Id(clientType), jen.Error()).Block(
		jen.Id("defaults").Op(":=").Index().Qual(g.rt, "Option").ValuesFunc(func(grp *jen.Group) {
			for _, d := range defaults {
				grp.Line().Add(d)
			}
			grp.Line()
		}),
		jen.List(jen.Id("s"), jen.Err()).Op(":=").Qual(g.rt, "New").Call(jen.Id("serverURL"),
			jen.Append(jen.Id("defaults"), jen.Id("opts").Op("...")).Op("...")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Return(jen.Op("&").Id(clientType).Values(append(values, jen.Line())...), jen.Nil()),
	)
	return []jen.Code{
		jen.Add(clientDoc).Type().Id(clientType).Struct(fields...),
		newFn,
	}
}

// secretNames lists the header and query parameter names of the API's
// apiKey schemes, which the runtime redacts in errors and logs.
func (g *gen) secretNames() []jen.Code {
	var names []jen.Code
	seen := map[string]bool{}
	for _, s := range g.api.Schemes {
		if s.Kind != ir.SchemeAPIKey || s.In == ir.InCookie || s.ParamName == "" || seen[strings.ToLower(s.ParamName)] {
			continue
		}
		seen[strings.ToLower(s.ParamName)] = true
		names = append(names, jen.Lit(s.ParamName))
	}
	return names
}

// titled names the API for a doc comment: "the Swagger Petstore API".
func titled(title string) string {
	title = strings.TrimSpace(title)
	switch {
	case title == "":
		return "the API"
	case strings.HasSuffix(strings.ToLower(title), "api"):
		return "the " + title
	}
	return "the " + title + " API"
}

// userAgent is "<title>/<version> genclient", with the characters an HTTP
// product token does not allow replaced by "-".
func (g *gen) userAgent() string {
	token := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r > ' ' && r < 0x7f && !strings.ContainsRune("()<>@,;:\\\"/[]?={}", r) {
				return r
			}
			return '-'
		}, strings.TrimSpace(s))
	}
	title, version := token(g.api.Title), token(g.api.Version)
	switch {
	case title == "":
		return "genclient"
	case version == "":
		return title + " genclient"
	}
	return title + "/" + version + " genclient"
}

// packageDoc is the package comment of client.go.
func (g *gen) packageDoc() string {
	lead := "Package " + g.cfg.Package + " is a client for " + titled(g.api.Title)
	if g.api.Version != "" {
		lead += " (version " + g.api.Version + ")"
	}
	lead += "."
	d := g.api.Doc
	return commentText(lead, joinNonEmpty(d.Summary, d.Description),
		deprecatedPara(d, "API"), externalPara(d.ExternalURL),
		"Create a Client with NewClient; see its methods and services for the operations.")
}

func externalPara(url string) string {
	if url == "" {
		return ""
	}
	return "See " + url + "."
}
