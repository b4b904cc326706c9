package mock

import (
	"net/http"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
)

// explodedCookies lets openapi3filter check the cookie parameters in
// style form with explode true (the default for cookies), which it
// refuses ("invalid serialization method"): a list comes as one cookie
// per item and an object as one cookie per property, so the mock joins
// them into the one comma-separated cookie of explode false, and checks
// them against a copy of the route whose parameter says so. It returns
// route itself when no parameter needs it.
func explodedCookies(r *http.Request, route *routers.Route) *routers.Route {
	joined := map[string]string{}
	var drop []string
	fix := func(list openapi3.Parameters) openapi3.Parameters {
		out := list
		for i, pr := range list {
			p := pr.Value
			if p == nil || p.In != openapi3.ParameterInCookie || p.Content != nil || p.Schema == nil || p.Schema.Value == nil ||
				p.Style != "" && p.Style != openapi3.SerializationForm || p.Explode != nil && !*p.Explode {
				continue
			}
			var parts []string
			switch typeOf(p.Schema.Value) {
			case "array":
				for _, c := range r.Cookies() {
					if c.Name == p.Name {
						parts = append(parts, c.Value)
					}
				}
				drop = append(drop, p.Name)
			case "object":
				for _, name := range sortedKeys(p.Schema.Value.Properties) {
					if c, err := r.Cookie(name); err == nil {
						parts = append(parts, name, c.Value)
					}
				}
			default:
				continue
			}
			if len(parts) > 0 {
				joined[p.Name] = strings.Join(parts, ",")
			}
			if &out[0] == &list[0] {
				out = slices.Clone(list)
			}
			np := *p
			no := false
			np.Explode = &no
			out[i] = &openapi3.ParameterRef{Value: &np}
		}
		return out
	}
	itemParams, opParams := fix(route.PathItem.Parameters), fix(route.Operation.Parameters)
	if len(itemParams) > 0 && &itemParams[0] != &route.PathItem.Parameters[0] ||
		len(opParams) > 0 && &opParams[0] != &route.Operation.Parameters[0] {
		var kept []string
		for _, c := range r.Cookies() {
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
	return route
}
