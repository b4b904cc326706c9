package generator

import (
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/genclient/genclient/ir"
)

// emitServers emits the default server URL, and when the first server has
// variables a function that fills them in:
//
//	// DefaultServerURL is the API's first server, https://{region}.example.com/v1
//	// with its variables at their defaults.
//	const DefaultServerURL = "https://eu.example.com/v1"
//
//	// ServerURL returns the first server's URL with its variables set; an
//	// empty argument takes the variable's default.
//	func ServerURL(region string) (string, error) {
//		if region == "" {
//			region = "eu"
//		}
//		switch region {
//		case "eu", "us":
//		default:
//			return "", fmt.Errorf("pkg: server variable region: %q is not one of eu, us", region)
//		}
//		return "https://" + region + ".example.com/v1", nil
//	}
func (g *gen) emitServers() []jen.Code {
	if len(g.api.Servers) == 0 {
		return nil
	}
	srv := g.api.Servers[0]
	url := g.defaultServer()
	lead := "DefaultServerURL is the API's first server"
	if len(srv.Variables) > 0 {
		lead += ", " + srv.URL + " with its variables at their defaults"
	}
	paras := []string{lead + ".", joinNonEmpty(srv.Doc.Summary, srv.Doc.Description)}
	if !strings.Contains(url, "://") {
		paras = append(paras, "It is relative to where the API document is served: join it with that host before passing it to NewClient.")
	}
	out := []jen.Code{jen.Add(comment(paras...)).Const().Id(defaultServerURL).Op("=").Lit(url)}
	if len(srv.Variables) > 0 {
		out = append(out, g.serverURLFunc(srv))
	}
	return append(out, g.serversFunc())
}

// defaultServer is the value of DefaultServerURL: the first server's URL
// with its variables at their defaults.
func (g *gen) defaultServer() string {
	srv := g.api.Servers[0]
	url := srv.URL
	for _, v := range srv.Variables {
		url = strings.ReplaceAll(url, "{"+v.Name+"}", v.Default)
	}
	return url
}

// serversFunc emits Servers, the URLs of every server in document
// order, with their variables at their defaults:
//
//	// Servers returns the URLs of the servers the API document lists, in
//	// order, with variables at their defaults:
//	//   - https://api.example.com/v1: production
//	//   - https://sandbox.example.com/v1: sandbox
//	func Servers() []string {
//		return []string{"https://api.example.com/v1", "https://sandbox.example.com/v1"}
//	}
func (g *gen) serversFunc() jen.Code {
	var urls []jen.Code
	var lines []string
	for _, srv := range g.api.Servers {
		u := srv.URL
		for _, v := range srv.Variables {
			u = strings.ReplaceAll(u, "{"+v.Name+"}", v.Default)
		}
		urls = append(urls, jen.Lit(u))
		line := "  - " + u
		if d := strings.TrimSpace(cleanText(joinNonEmpty(srv.Doc.Summary, srv.Doc.Description))); d != "" {
			d, _, _ = strings.Cut(d, "\n")
			line += ": " + d
		}
		lines = append(lines, line)
	}
	doc := comment(serversFunc+" returns the URLs of the servers the API document lists, in order, with their variables at their defaults; the first is DefaultServerURL. Pass one to NewClient.",
		strings.Join(lines, "\n"))
	return jen.Add(doc).Func().Id(serversFunc).Params().Index().String().Block(
		jen.Return(jen.Index().String().Values(urls...)),
	)
}

// serverURLFunc emits ServerURL for a server with variables.
func (g *gen) serverURLFunc(srv *ir.Server) jen.Code {
	names := newLocalNamer()
	var params, body []jen.Code
	argOf := map[string]string{}
	var docs []string
	for _, v := range srv.Variables {
		arg := names.name(lowerFirst(v.GoName))
		argOf[v.Name] = arg
		params = append(params, jen.Id(arg))
		if d := cleanText(joinNonEmpty(v.Doc.Summary, v.Doc.Description)); d != "" {
			docs = append(docs, arg+": "+d)
		}
		body = append(body, jen.If(jen.Id(arg).Op("==").Lit("")).Block(jen.Id(arg).Op("=").Lit(v.Default)))
		if len(v.Enum) > 0 {
			var vals []jen.Code
			seen := map[string]bool{}
			for _, e := range v.Enum {
				if !seen[e] {
					seen[e] = true
					vals = append(vals, jen.Lit(e))
				}
			}
			body = append(body, jen.Switch(jen.Id(arg)).Block(
				jen.Case(vals...),
				jen.Default().Block(jen.Return(jen.Lit(""), jen.Qual("fmt", "Errorf").Call(
					jen.Lit(g.cfg.Package+": server variable "+v.Name+": %q is not one of "+strings.Join(v.Enum, ", ")),
					jen.Id(arg)))),
			))
		}
	}
	body = append(body, jen.Return(urlExpr(srv.URL, argOf), jen.Nil()))
	doc := comment(append([]string{"ServerURL returns the URL of the API's first server, " + srv.URL +
		", with its variables set; an empty argument takes the variable's default."}, strings.Join(docs, "\n"))...)
	return jen.Add(doc).Func().Id(serverURLFunc).Params(jen.List(params...).String()).
		Params(jen.String(), jen.Error()).Block(body...)
}

// urlExpr builds the concatenation of a URL template's literal parts and
// the arguments named in argOf: "https://" + region + ".example.com".
func urlExpr(tmpl string, argOf map[string]string) jen.Code {
	var parts []jen.Code
	for tmpl != "" {
		i := strings.IndexByte(tmpl, '{')
		j := strings.IndexByte(tmpl[max(i, 0):], '}')
		if i < 0 || j < 0 {
			parts = append(parts, jen.Lit(tmpl))
			break
		}
		name := tmpl[i+1 : i+j]
		arg, ok := argOf[name]
		if i > 0 {
			parts = append(parts, jen.Lit(tmpl[:i]))
		}
		if ok {
			parts = append(parts, jen.Id(arg))
		} else {
			parts = append(parts, jen.Lit(tmpl[i:i+j+1]))
		}
		tmpl = tmpl[i+j+1:]
	}
	if len(parts) == 0 {
		return jen.Lit("")
	}
	expr := jen.Add(parts[0])
	for _, p := range parts[1:] {
		expr = expr.Op("+").Add(p)
	}
	return expr
}
