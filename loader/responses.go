package loader

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/genclient/genclient/ir"
	"github.com/getkin/kin-openapi/openapi3"
)

// statusRank orders statuses: exact codes ascending, ranges, default.
func statusRank(s string) (int, int) {
	if c, err := strconv.Atoi(s); err == nil {
		return 0, c
	}
	if s == "default" {
		return 2, 0
	}
	return 1, int(s[0])
}

// isStatusKey reports whether s is a key the Responses Object allows: an
// HTTP status code (100 to 599), a range of them (1XX to 5XX, in either
// case) or "default".
func isStatusKey(s string) bool {
	if s == "default" {
		return true
	}
	if len(s) != 3 || s[0] < '1' || s[0] > '5' {
		return false
	}
	if strings.EqualFold(s[1:], "XX") {
		return true
	}
	return s[1] >= '0' && s[1] <= '9' && s[2] >= '0' && s[2] <= '9'
}

// responses converts the operation's responses, sorted by status.
func (b *builder) responses(oi *opInfo) {
	o := oi.o
	if oi.op.Responses == nil {
		return
	}
	m := oi.op.Responses.Map()
	var statuses []string
	for _, st := range sortedKeys(m) {
		if !isStatusKey(st) {
			b.warn(b.pos(oi.l.child("responses", st)), fmt.Sprintf("operation %s: response %q skipped: not a status code (100 to 599), a range (1XX to 5XX) or \"default\"", o.FullName, st))
			continue
		}
		statuses = append(statuses, st)
	}
	slices.SortFunc(statuses, func(x, y string) int {
		gx, cx := statusRank(x)
		gy, cy := statusRank(y)
		if gx != gy {
			return gx - gy
		}
		return cx - cy
	})
	has2xx := slices.ContainsFunc(statuses, func(s string) bool { return strings.HasPrefix(strings.ToUpper(s), "2") })
	// A success response is named XResponse when it is the only inline
	// one with content; the others, and error responses, get their
	// status text: XCreatedResponse, XNotFoundResponse.
	inline := 0
	for _, st := range statuses {
		c := strings.ToUpper(st)
		success := strings.HasPrefix(c, "2") || (st == "default" && !has2xx)
		if rr := m[st]; success && rr.Ref == "" && rr.Value != nil && len(rr.Value.Content) > 0 {
			inline++
		}
	}
	for _, st := range statuses {
		rr := m[st]
		l := oi.l.child("responses", st)
		if rr.Ref != "" {
			l = b.chase(b.refLoc(l, rr.Ref))
		}
		if rr.Value == nil {
			continue
		}
		r := &ir.Response{Status: strings.ToUpper(st)}
		if st == "default" {
			r.Status = st
		}
		r.Code, _ = strconv.Atoi(st)
		c := strings.ToUpper(st)
		r.IsError = strings.HasPrefix(c, "4") || strings.HasPrefix(c, "5") || (st == "default" && has2xx)
		if rr.Value.Description != nil {
			r.Doc.Description = *rr.Value.Description
		}
		hint := o.FullName + "Response"
		success := strings.HasPrefix(c, "2") || (st == "default" && !has2xx)
		if inline > 1 || !success {
			hint = o.FullName + statusWord(st) + "Response"
		}
		if k := componentName(l, "responses"); k != "" {
			hint = k // a shared response is named after its key, not its first user
		}
		r.Contents = b.responseContents(rr.Value, l.child("content"), hint, success)
		r.Headers = b.headers(rr.Value.Headers, l.child("headers"), o.FullName)
		o.Responses = append(o.Responses, r)
	}
}

// statusWord names a response status in a type name: the status text
// of a known code ("NotFound", "Created"), else the status as written
// ("N4XX", "Default", "N299").
func statusWord(st string) string {
	if c, err := strconv.Atoi(st); err == nil && http.StatusText(c) != "" {
		return pascal(http.StatusText(c))
	}
	return pascal(st)
}

// headers converts response headers, sorted by wire name.
func (b *builder) headers(hs openapi3.Headers, l loc, prefix string) []*ir.Header {
	var out []*ir.Header
	nm := newNamer()
	for _, name := range sortedKeys(hs) {
		hr := hs[name]
		hl := l.child(name)
		if hr.Ref != "" {
			hl = b.chase(b.refLoc(hl, hr.Ref))
		}
		h := &ir.Header{Name: nm.fieldName(name), WireName: name, Type: &ir.Primitive{Kind: ir.String}}
		if v := hr.Value; v != nil {
			h.Required = v.Required
			h.Doc = ir.Doc{Description: v.Description, Deprecated: v.Deprecated}
			if v.Schema != nil {
				hint := prefix + pascal(name)
				if k := componentName(hl, "headers"); k != "" {
					hint = k
				}
				t, n := b.schemaType(v.Schema, hl.child("schema"), hint)
				h.Type = use(t, n)
			}
		}
		out = append(out, h)
	}
	return out
}

// pagination detects Link-header pagination: the 200 (else first 2xx)
// response declares a Link header and is a JSON array, or an object with
// exactly one array property (ItemsPath), as GitHub's
// {"total_count": n, "workflow_runs": [...]} pages.
func pagination(o *ir.Operation) *ir.Pagination {
	var r *ir.Response
	for _, x := range o.Responses {
		if x.Code == 200 {
			r = x
			break
		}
		if r == nil && x.Code >= 200 && x.Code < 300 {
			r = x
		}
	}
	if r == nil || len(r.Contents) == 0 || r.Contents[0].Kind != ir.KindJSON {
		return nil
	}
	if !slices.ContainsFunc(r.Headers, func(h *ir.Header) bool { return strings.EqualFold(h.WireName, "Link") }) {
		return nil
	}
	t := r.Contents[0].Type
	if nl, ok := t.(*ir.Nullable); ok {
		t = nl.Elem
	}
	if n, ok := t.(*ir.Named); ok {
		t = n.Type
	}
	if a, ok := t.(*ir.Array); ok {
		return &ir.Pagination{Kind: ir.PageLink, Item: a.Elem}
	}
	// A page wrapped in an object ({"total_count": 3, "items": [...]}):
	// the items are its only array property.
	if st, ok := t.(*ir.Struct); ok {
		var items *ir.Field
		for _, f := range st.Fields {
			ft := f.Type
			if n, ok := ft.(*ir.Named); ok {
				ft = n.Type
			}
			if _, ok := ft.(*ir.Array); ok {
				if items != nil {
					return nil
				}
				items = f
			}
		}
		if items != nil {
			ft := items.Type
			if n, ok := ft.(*ir.Named); ok {
				ft = n.Type
			}
			return &ir.Pagination{Kind: ir.PageLink, Item: ft.(*ir.Array).Elem, ItemsPath: items.JSONName}
		}
	}
	return nil
}

// requirements converts a security requirement list; an empty list stays
// empty and non-nil.
func requirements(reqs openapi3.SecurityRequirements) []ir.Requirement {
	out := make([]ir.Requirement, 0, len(reqs))
	for _, r := range reqs {
		req := ir.Requirement{}
		for _, k := range sortedKeys(r) {
			req = append(req, ir.SchemeUse{Scheme: k, Scopes: r[k]})
		}
		out = append(out, req)
	}
	return out
}

// security converts the security schemes and the default requirement.
func (b *builder) security() {
	if b.doc.Security != nil {
		b.api.Security = requirements(b.doc.Security)
	}
	if b.doc.Components == nil {
		return
	}
	schemes := b.doc.Components.SecuritySchemes
	nm := newNamer()
	for _, k := range sortedKeys(schemes) {
		sr := schemes[k]
		if sr.Value == nil {
			continue
		}
		b.api.Schemes = append(b.api.Schemes, b.scheme(k, sr.Value, nm))
	}
}

// scheme converts one security scheme.
func (b *builder) scheme(key string, v *openapi3.SecurityScheme, nm *namer) *ir.SecurityScheme {
	base := pascal(key)
	if base == "" {
		base = "Auth"
	}
	s := &ir.SecurityScheme{Key: key, GoName: nm.name(base), Doc: ir.Doc{Description: v.Description}}
	switch strings.ToLower(v.Type) {
	case "http":
		s.HTTPScheme, s.BearerFormat = strings.ToLower(v.Scheme), v.BearerFormat
		s.Kind = map[string]ir.SchemeKind{"basic": ir.SchemeHTTPBasic, "bearer": ir.SchemeHTTPBearer, "digest": ir.SchemeHTTPDigest}[s.HTTPScheme]
		if s.Kind == ir.SchemeHTTPBasic && s.HTTPScheme != "basic" {
			s.Kind = ir.SchemeHTTPOther
		}
	case "apikey":
		s.Kind, s.ParamName = ir.SchemeAPIKey, v.Name
		s.In = paramIns[strings.ToLower(v.In)]
	case "oauth2":
		s.Kind = ir.SchemeOAuth2
		b.flows(s, v.Flows)
	case "openidconnect":
		s.Kind, s.OpenIDConnectURL = ir.SchemeOpenIDConnect, v.OpenIdConnectUrl
	case "mutualtls":
		s.Kind = ir.SchemeMutualTLS
	default:
		b.warn(b.pos(b.root.child("components", "securitySchemes", key)), "security scheme "+key+" has unknown type "+strconvQuote(v.Type)+": treated as http")
		s.Kind = ir.SchemeHTTPOther
	}
	return s
}

func strconvQuote(s string) string { return strconv.Quote(s) }

// flows fills the OAuth2 URLs and the sorted union of scopes.
func (b *builder) flows(s *ir.SecurityScheme, f *openapi3.OAuthFlows) {
	if f == nil {
		return
	}
	scopes := map[string]bool{}
	for _, fl := range []*openapi3.OAuthFlow{f.ClientCredentials, f.AuthorizationCode, f.Implicit, f.Password} {
		if fl == nil {
			continue
		}
		if s.AuthorizationURL == "" {
			s.AuthorizationURL = fl.AuthorizationURL
		}
		for sc := range fl.Scopes {
			scopes[sc] = true
		}
	}
	if f.ClientCredentials != nil {
		s.TokenURL = f.ClientCredentials.TokenURL
	}
	s.Scopes = sortedKeys(scopes)
}

// servers converts the servers list, variables in order of appearance.
func (b *builder) servers() {
	for i, sv := range b.doc.Servers {
		if sv == nil {
			b.warn(b.pos(b.root.child("servers", strconv.Itoa(i))), "server is null: skipped")
			continue
		}
		s := &ir.Server{URL: sv.URL, Doc: ir.Doc{Description: sv.Description}}
		nm := newNamer()
		seen := map[string]bool{}
		for _, m := range pathVarRE.FindAllStringSubmatch(sv.URL, -1) {
			name := m[1]
			if seen[name] {
				continue
			}
			seen[name] = true
			v := &ir.ServerVariable{Name: name, GoName: nm.fieldName(name)}
			if sv.Variables[name] != nil {
				x := sv.Variables[name]
				v.Default, v.Enum, v.Doc.Description = x.Default, x.Enum, x.Description
			} else {
				b.warn(b.pos(b.root.child("servers")), "server variable {"+name+"} is not declared: its value must be given")
			}
			s.Variables = append(s.Variables, v)
		}
		b.api.Servers = append(b.api.Servers, s)
	}
}
