package loader

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi3"
)

// OpenAPI's keywords are case-sensitive, but encoding/json, which
// kin-openapi decodes with, matches a key to a field regardless of case:
// `Parameters:` in an operation fills its parameters, `Type: integer` a
// schema's type (built with GOEXPERIMENT=jsonv2, kin-openapi's case:strict
// tags make it ignore them instead). The raw passes, which match keywords
// exactly, would not see what kin-openapi reads. The keyword-case rule
// spells such a key as the keyword it stands for, so that both read the
// same document whatever the JSON package, and says so.

// keywords lists, per kind of object, the keywords kin-openapi decodes:
// the JSON names of its struct's fields.
type keywords struct {
	exact map[string]bool
	names []string
	what  string // for the objects found by otherKeywords: what they are
}

var (
	keywordsOnce     sync.Once
	keywords3        map[bundleCtx]*keywords
	keywordsSwagger2 map[bundleCtx]*keywords
	// keywordsOther are those of objects the walk does not give a kind
	// of their own (cxOther), by what they are.
	keywordsOther map[string]*keywords
)

func loadKeywords() {
	of := func(kinds map[bundleCtx]any, refs ...bundleCtx) map[bundleCtx]*keywords {
		m := make(map[bundleCtx]*keywords, len(kinds))
		for c, v := range kinds {
			// Those in refs are decoded through kin-openapi's reference
			// wrapper (SchemaRef, ...), whose Ref field is "$ref".
			m[c] = newKeywords(v, "", slices.Contains(refs, c))
		}
		return m
	}
	keywords3 = of(map[bundleCtx]any{
		cxDoc: openapi3.T{}, cxPathItem: openapi3.PathItem{}, cxOperation: openapi3.Operation{},
		cxParameter: openapi3.Parameter{}, cxRequestBody: openapi3.RequestBody{}, cxResponse: openapi3.Response{},
		cxHeader: openapi3.Header{}, cxMediaType: openapi3.MediaType{}, cxEncoding: openapi3.Encoding{},
		cxSchema: openapi3.Schema{}, cxExample: openapi3.Example{}, cxLink: openapi3.Link{},
		cxSecurityScheme: openapi3.SecurityScheme{}, cxComponents: openapi3.Components{},
		cxDiscriminator: openapi3.Discriminator{},
	}, cxSchema, cxParameter, cxRequestBody, cxResponse, cxHeader, cxExample, cxLink, cxSecurityScheme)
	keywordsSwagger2 = of(map[bundleCtx]any{
		cxDoc: openapi2.T{}, cxPathItem: openapi2.PathItem{}, cxOperation: openapi2.Operation{},
		cxParameter: openapi2.Parameter{}, cxResponse: openapi2.Response{}, cxHeader: openapi2.Header{},
		cxSchema: openapi2.Schema{}, cxSecurityScheme: openapi2.SecurityScheme{},
	}, cxSchema, cxParameter, cxResponse)
	keywordsOther = map[string]*keywords{}
	for what, v := range map[string]any{
		"info": openapi3.Info{}, "license": openapi3.License{}, "contact": openapi3.Contact{},
		"externalDocs": openapi3.ExternalDocs{}, "xml": openapi3.XML{}, "tag": openapi3.Tag{},
		"server": openapi3.Server{}, "server variable": openapi3.ServerVariable{},
		"flows": openapi3.OAuthFlows{}, "flow": openapi3.OAuthFlow{},
	} {
		keywordsOther[what] = newKeywords(v, what, false)
	}
}

// newKeywords returns the keywords of kin-openapi's struct v, with $ref
// when ref is set.
func newKeywords(v any, what string, ref bool) *keywords {
	k := &keywords{exact: map[string]bool{}, names: jsonNames(reflect.TypeOf(v), nil), what: what}
	if ref && !slices.Contains(k.names, "$ref") {
		k.names = append(k.names, "$ref")
	}
	for _, n := range k.names {
		k.exact[n] = true
	}
	return k
}

// otherKeywords returns the keywords of the object of kind cxOther at
// stack (info, a tag, a server, ...), or nil.
func otherKeywords(stack []string, swagger bool) *keywords {
	n := len(stack)
	if n == 0 {
		return nil
	}
	what := ""
	switch last := stack[n-1]; {
	case n == 1 && last == "info":
		what = "info"
	case n == 2 && stack[0] == "info" && (last == "license" || last == "contact"):
		what = last
	case last == "externalDocs", last == "xml":
		what = last
	case n == 1 && last == "tags":
		what = "tag" // an entry of the list
	case last == "servers" && !swagger:
		what = "server"
	case n >= 3 && stack[n-2] == "variables" && stack[n-3] == "servers" && !swagger:
		what = "server variable"
	case last == "flows" && !swagger:
		what = "flows"
	case n >= 2 && stack[n-2] == "flows" && !swagger:
		what = "flow"
	}
	return keywordsOther[what]
}

// jsonNames appends the JSON names of t's fields to out, those of
// untagged embedded structs included, as encoding/json sees them.
func jsonNames(t reflect.Type, out []string) []string {
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if f.Anonymous && tag == "" && f.Type.Kind() == reflect.Struct {
			out = jsonNames(f.Type, out)
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if name == "" || name == "-" || !f.IsExported() {
			continue
		}
		out = append(out, name)
	}
	return out
}

// fixKeywordCase respells a member of an object whose key differs from
// one of its kind's keywords only in case (strings.EqualFold, as
// encoding/json folds). An extension (x-) never is one. When the object
// also has the keyword as written, the duplicate-key rule, applied next,
// keeps the later of the two, as encoding/json does.
func fixKeywordCase(s *site) {
	if s.entries {
		return
	}
	keywordsOnce.Do(loadKeywords)
	kw := keywords3[s.kind]
	switch {
	case s.kind == cxOther:
		kw = otherKeywords(s.p.stack, s.p.swagger)
	case s.p.swagger:
		kw = keywordsSwagger2[s.kind]
	}
	if kw == nil {
		return
	}
	for i := 0; i+1 < len(s.n.Content); i += 2 {
		k := s.n.Content[i]
		if kw.exact[k.Value] || strings.HasPrefix(k.Value, "x-") {
			continue
		}
		for _, name := range kw.names {
			if strings.EqualFold(k.Value, name) {
				what := objectKinds[s.kind]
				switch {
				case s.kind == cxDoc:
					what = "document"
				case kw.what != "":
					what = kw.what
				}
				s.repaired(k, fmt.Sprintf("%s member %q read as %q (OpenAPI's keywords are case-sensitive)", what, k.Value, name))
				k.Value = name
				break
			}
		}
	}
}
