package mock

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
)

// unescapeCookies percent-decodes the request's cookie values, as
// servers that decode cookies do (Express's cookie parser, PHP) and the
// clients send what a cookie cannot hold (RFC 6570's form style);
// openapi3filter reads them raw. A decoded value a Cookie header cannot
// carry (a JSON text with its quotes) stays encoded: its name is in the
// set returned, for contentParam to decode.
func unescapeCookies(r *http.Request) map[string]bool {
	cookies := r.Cookies()
	if len(cookies) == 0 {
		return nil
	}
	escaped := map[string]bool{}
	parts := make([]string, len(cookies))
	for i, c := range cookies {
		v := c.Value
		if u, err := url.PathUnescape(v); err == nil && u != v {
			if strings.ContainsAny(u, "\";\\") || strings.IndexFunc(u, func(r rune) bool { return r < 0x20 || r >= 0x7f }) >= 0 {
				escaped[c.Name] = true
			} else {
				v = u
			}
		}
		parts[i] = c.Name + "=" + v
	}
	r.Header.Set("Cookie", strings.Join(parts, "; "))
	return escaped
}

// explodedCookies lets openapi3filter check the cookie parameters in
// style form with explode true (the default for cookies), which it
// refuses ("invalid serialization method"): a list comes as one cookie
// per item and an object as one cookie per property, so the mock joins
// them into the one comma-separated cookie of explode false, and checks
// them against a copy of the route whose parameter says so. It returns
// route itself when no parameter needs it.
func explodedCookies(r *http.Request, route *routers.Route) *routers.Route {
	cookies := r.Cookies()
	joined := map[string]string{} // parameter name → the joined cookie
	var drop []string             // the item cookies of the lists joined
	changed := false
	fix := func(list openapi3.Parameters) openapi3.Parameters {
		out, cloned := list, false
		for i, pr := range list {
			p := pr.Value
			if p == nil || p.In != openapi3.ParameterInCookie || p.Content != nil || p.Schema == nil || p.Schema.Value == nil ||
				p.Style != "" && p.Style != openapi3.SerializationForm || p.Explode != nil && !*p.Explode {
				continue
			}
			var parts []string
			switch typeOf(p.Schema.Value) {
			case "array":
				for _, c := range cookies {
					if c.Name == p.Name {
						parts = append(parts, c.Value)
					}
				}
				drop = append(drop, p.Name)
			case "object":
				for _, name := range sortedKeys(p.Schema.Value.Properties) {
					for _, c := range cookies {
						if c.Name == name {
							parts = append(parts, name, c.Value)
							break
						}
					}
				}
			default:
				continue
			}
			if len(parts) > 0 {
				joined[p.Name] = strings.Join(parts, ",")
			}
			if !cloned {
				out, cloned = slices.Clone(list), true
			}
			changed = true
			np := *p
			no := false
			np.Explode = &no
			out[i] = &openapi3.ParameterRef{Value: &np}
		}
		return out
	}
	itemParams, opParams := fix(route.PathItem.Parameters), fix(route.Operation.Parameters)
	if !changed {
		return route
	}
	var kept []string
	for _, c := range cookies {
		if _, ok := joined[c.Name]; !ok && !slices.Contains(drop, c.Name) {
			kept = append(kept, c.Name+"="+c.Value)
		}
	}
	for _, name := range sortedKeys(joined) {
		kept = append(kept, name+"="+joined[name])
	}
	r.Header.Set("Cookie", strings.Join(kept, "; "))
	item, op, rt := *route.PathItem, *route.Operation, *route
	item.Parameters, op.Parameters = itemParams, opParams
	rt.PathItem, rt.Operation = &item, &op
	return &rt
}
