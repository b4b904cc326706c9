package generator

import (
	"github.com/dave/jennifer/jen"

	"github.com/genclient/genclient/ir"
)

// emitSecurity emits one client option per security scheme, which gives
// the scheme its credentials:
//
//	// WithBearerAuth sets the credentials of the "bearerAuth" security scheme (HTTP bearer).
//	func WithBearerAuth(token string) runtime.Option {
//		return runtime.WithCredential("bearerAuth", runtime.BearerToken(token))
//	}
//
// basic and digest take (user, pass string); apiKey (key string), sent
// in the header, query parameter or cookie the scheme names; oauth2 with
// a client-credentials flow (clientID, clientSecret string, scopes
// ...string) fetching tokens from that flow's tokenUrl; other oauth2
// flows and openIdConnect a runtime.TokenSource; every other scheme a
// runtime.Auth.
func (g *gen) emitSecurity(s *ir.SecurityScheme) jen.Code {
	str := func(names ...string) []jen.Code {
		var ids []jen.Code
		for _, n := range names {
			ids = append(ids, jen.Id(n))
		}
		return []jen.Code{jen.List(ids...).String()}
	}
	var params []jen.Code
	var auth jen.Code
	var what string
	switch {
	case s.Kind == ir.SchemeHTTPBearer:
		what = "HTTP bearer token"
		params = str("token")
		auth = jen.Qual(g.rt, "BearerToken").Call(jen.Id("token"))
	case s.Kind == ir.SchemeHTTPBasic:
		what = "HTTP basic authentication"
		params = str("user", "pass")
		auth = jen.Qual(g.rt, "BasicAuth").Call(jen.Id("user"), jen.Id("pass"))
	case s.Kind == ir.SchemeHTTPDigest:
		what = "HTTP digest authentication"
		params = str("user", "pass")
		auth = jen.Qual(g.rt, "DigestAuth").Call(jen.Id("user"), jen.Id("pass"))
	case s.Kind == ir.SchemeAPIKey:
		what = "API key in the " + s.In.String() + " parameter \"" + s.ParamName + "\""
		params = str("key")
		auth = jen.Qual(g.rt, "APIKey").Call(jen.Lit(s.In.String()), jen.Lit(s.ParamName), jen.Id("key"))
	case s.Kind == ir.SchemeOAuth2 && s.TokenURL != "":
		what = "OAuth 2.0 client credentials from " + s.TokenURL
		params = []jen.Code{jen.List(jen.Id("clientID"), jen.Id("clientSecret")).String(), jen.Id("scopes").Op("...").String()}
		auth = jen.Qual(g.rt, "ClientCredentials").Call(jen.Qual(g.rt, "ClientCredentialsConfig").Values(jen.Dict{
			jen.Id("TokenURL"):     jen.Lit(s.TokenURL),
			jen.Id("ClientID"):     jen.Id("clientID"),
			jen.Id("ClientSecret"): jen.Id("clientSecret"),
			jen.Id("Scopes"):       jen.Id("scopes"),
		}))
	case s.Kind == ir.SchemeOAuth2 || s.Kind == ir.SchemeOpenIDConnect:
		what = schemeKindText(s)
		params = []jen.Code{jen.Id("tokens").Qual(g.rt, "TokenSource")}
		auth = jen.Qual(g.rt, "BearerTokenSource").Call(jen.Id("tokens"))
	default:
		what = schemeKindText(s)
		params = []jen.Code{jen.Id("auth").Qual(g.rt, "Auth")}
		auth = jen.Id("auth")
	}
	name := optionName(s)
	doc := comment(name+" sets the credentials of the \""+s.Key+"\" security scheme: "+what+".",
		joinNonEmpty(s.Doc.Summary, s.Doc.Description))
	return jen.Add(doc).Func().Id(name).Params(params...).Qual(g.rt, "Option").Block(
		jen.Return(jen.Qual(g.rt, "WithCredential").Call(jen.Lit(s.Key), auth)),
	)
}

func schemeKindText(s *ir.SecurityScheme) string {
	switch s.Kind {
	case ir.SchemeHTTPOther:
		return "HTTP " + s.HTTPScheme + " credentials"
	case ir.SchemeOAuth2:
		what := "OAuth 2.0 access tokens from tokens, sent as a bearer token (the document declares no client-credentials flow; obtain tokens with its other flows"
		if s.AuthorizationURL != "" {
			what += ", authorization at " + s.AuthorizationURL
		}
		return what + ")"
	case ir.SchemeOpenIDConnect:
		what := "OpenID Connect access tokens from tokens, sent as a bearer token"
		if s.OpenIDConnectURL != "" {
			what += " (discovery at " + s.OpenIDConnectURL + ")"
		}
		return what
	case ir.SchemeMutualTLS:
		return "mutual TLS"
	}
	return "credentials"
}
