package conformance

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/genclient/genclient/generator/conformance/drive"
	"github.com/genclient/genclient/generator/conformance/mock"
	"github.com/genclient/genclient/ir"
)

// buildPlan plans one call per operation of api: every parameter
// (required and optional) and the body get a value synthesised from the
// document's schema and checked against it. problems lists values the
// synthesiser could not make valid: harness limits, reported by the test.
// With unplanned, an operation with a problem is left out of the plan and
// its problems go to unplanned instead: a document built by a grammar may
// hold a schema no value satisfies (an allOf of an array and an object),
// and a client cannot be faulted for what it was told to send.
func buildPlan(api *ir.API, doc *openapi3.T, specPath string, unplanned *[]string) (plan drive.Plan, problems []string) {
	plan.Spec = specPath
	for _, s := range api.Schemes {
		plan.Schemes = append(plan.Schemes, scheme(s))
	}
	syn := mock.NewSynth(doc)
	for _, svc := range api.Services {
		for _, op := range svc.Operations {
			p, probs := planOp(syn, doc, svc, op)
			if unplanned != nil && len(probs) > 0 {
				*unplanned = append(*unplanned, probs...)
				continue
			}
			problems = append(problems, probs...)
			plan.Ops = append(plan.Ops, p)
		}
	}
	return plan, problems
}

// formClash names a property of an exploded form object in op's query
// that another query parameter of op also sends: the properties are
// spread as query names of their own, so no server can tell the two
// apart (a document may say so; a grammar's documents do).
func formClash(op *ir.Operation) string {
	names := map[string]bool{}
	for _, p := range op.Params {
		if p.In == ir.InQuery {
			names[p.WireName] = true
		}
	}
	for _, p := range op.Params {
		if p.In != ir.InQuery || p.Style != "form" || !p.Explode || p.ContentType != "" {
			continue
		}
		t := p.Type
		for {
			if n, ok := t.(*ir.Named); ok {
				t = n.Type
			} else if n, ok := t.(*ir.Nullable); ok {
				t = n.Elem
			} else {
				break
			}
		}
		if st, ok := t.(*ir.Struct); ok {
			for _, f := range st.Fields {
				if names[f.JSONName] && f.JSONName != p.WireName {
					return fmt.Sprintf("query parameter %s is an exploded form object whose property %q is also the name of a query parameter: no server can tell them apart", p.WireName, f.JSONName)
				}
			}
		}
	}
	return ""
}

// nestsValue reports whether the JSON value b is an object with a
// property that is an object or an array.
func nestsValue(b json.RawMessage) bool {
	var m map[string]any
	if json.Unmarshal(b, &m) != nil {
		return false
	}
	for _, e := range m {
		switch e.(type) {
		case map[string]any, []any:
			return true
		}
	}
	return false
}

// holdsEmpty reports whether the JSON value b holds an empty object or
// array below its top level.
func holdsEmpty(b json.RawMessage) bool {
	var x any
	if json.Unmarshal(b, &x) != nil {
		return false
	}
	var walk func(x any, top bool) bool
	walk = func(x any, top bool) bool {
		var kids []any
		switch x := x.(type) {
		case map[string]any:
			kids = slices.Collect(maps.Values(x))
		case []any:
			kids = x
		default:
			return false
		}
		return len(kids) == 0 && !top || slices.ContainsFunc(kids, func(e any) bool { return walk(e, false) })
	}
	return walk(x, true)
}

func scheme(s *ir.SecurityScheme) drive.Scheme {
	out := drive.Scheme{Key: s.Key, In: s.In.String(), Name: s.ParamName, HTTPScheme: s.HTTPScheme}
	switch s.Kind {
	case ir.SchemeHTTPBasic:
		out.Type = "basic"
	case ir.SchemeHTTPBearer:
		out.Type = "bearer"
	case ir.SchemeHTTPDigest:
		out.Type = "digest"
	case ir.SchemeHTTPOther:
		out.Type = "other"
	case ir.SchemeAPIKey:
		out.Type = "apiKey"
	case ir.SchemeOAuth2:
		out.Type = "oauth2"
	case ir.SchemeOpenIDConnect:
		out.Type = "openIdConnect"
	case ir.SchemeMutualTLS:
		out.Type = "mutualTLS"
	}
	return out
}

var kindNames = map[ir.BodyKind]string{
	ir.KindJSON: "json", ir.KindForm: "form", ir.KindMultipart: "multipart",
	ir.KindText: "text", ir.KindEventStream: "event-stream", ir.KindBinary: "binary",
}

func planOp(syn *mock.Synth, doc *openapi3.T, svc *ir.Service, op *ir.Operation) (drive.Op, []string) {
	key := op.Method + " " + op.Path
	p := drive.Op{Key: key, Service: svc.Name, Method: op.Name, ParamsType: op.ParamsType, Params: map[string]json.RawMessage{}}
	var problems []string
	item := doc.Paths.Value(op.Path)
	var kop *openapi3.Operation
	if item != nil {
		kop = item.GetOperation(op.Method)
	}
	if kop == nil {
		return p, []string{key + ": not in the document as kin-openapi reads it"}
	}
	value := func(what string, ref *openapi3.SchemaRef) json.RawMessage {
		v, err := syn.Value(ref, mock.Request)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: %s: no valid value: %v", key, what, firstLine(err.Error())))
		}
		b, _ := json.Marshal(v)
		return b
	}
	for _, list := range []openapi3.Parameters{item.Parameters, kop.Parameters} {
		seen := map[[2]string]bool{}
		for _, pr := range list {
			if pr.Value == nil {
				continue
			}
			k := [2]string{pr.Value.In, pr.Value.Name}
			if seen[k] {
				// The client sends the first (the loader warns);
				// openapi3filter checks the value against both.
				problems = append(problems, fmt.Sprintf("%s: parameter %q in %s is declared twice: the validator checks one value against both", key, k[1], k[0]))
			}
			seen[k] = true
		}
	}
	if clash := formClash(op); clash != "" {
		problems = append(problems, key+": "+clash)
	}
	for _, prm := range op.Params {
		kp := findParam(item, kop, prm)
		if kp == nil {
			problems = append(problems, fmt.Sprintf("%s: parameter %s %q not found", key, prm.In, prm.WireName))
			continue
		}
		ref := kp.Schema
		if ref == nil {
			for _, mt := range sortedKeys(kp.Content) {
				ref = kp.Content[mt].Schema
				break
			}
		}
		v := value(prm.In.String()+" parameter "+prm.WireName, ref)
		if prm.In == ir.InQuery && prm.Style == "form" && prm.Explode && prm.ContentType == "" && nestsValue(v) {
			// Each property is a query name of its own; OpenAPI
			// defines no encoding of a property that is itself an
			// object or a list (the client sends it comma-joined,
			// openapi3filter wants indexes).
			problems = append(problems, fmt.Sprintf("%s: query parameter %s: an exploded form object with a property that is an object or a list, which OpenAPI defines no encoding of: %s", key, prm.WireName, v))
		}
		if prm.Style == "deepObject" && holdsEmpty(v) {
			// qs and every deepObject parser read nothing back for
			// a[b]={} or a[b]=[]: no request carries such a value.
			problems = append(problems, fmt.Sprintf("%s: query parameter %s: no deepObject encoding of the value: it holds an empty object or array: %s", key, prm.WireName, v))
		}
		if (prm.In == ir.InPath || prm.Required) && string(v) == "null" {
			// A required argument has the non-null type (the method
			// cannot be given null), and its zero value is refused.
			problems = append(problems, fmt.Sprintf("%s: %s parameter %s: the planned value is null, which the method's argument cannot hold", key, prm.In, prm.WireName))
		}
		if prm.In == ir.InPath || prm.Required {
			p.Args = append(p.Args, drive.Arg{Name: prm.Name, Role: prm.In.String(), Value: v})
		} else {
			p.Params[prm.Name] = v
		}
	}
	if op.Body != nil && len(op.Body.Contents) > 0 {
		c := op.Body.Contents[0]
		arg := drive.Arg{Name: "body", Role: "body", Kind: kindNames[c.Kind], MediaType: c.MediaType}
		var media *openapi3.MediaType
		if kop.RequestBody != nil && kop.RequestBody.Value != nil {
			media = kop.RequestBody.Value.Content.Get(c.MediaType)
		}
		switch {
		case media == nil:
			problems = append(problems, fmt.Sprintf("%s: body media type %s not found", key, c.MediaType))
			arg.Value = json.RawMessage(`"binary-data"`)
		case media.Schema == nil:
			arg.Value = json.RawMessage(`"binary-data"`)
		default:
			arg.Value = value("body "+c.MediaType, media.Schema)
			if c.Kind == ir.KindMultipart {
				arg.Files = fileProps(media)
			}
			arg.Fields = goFields(c.Type)
		}
		p.Args = append(p.Args, arg)
	}
	if err := mock.CanAnswer(doc, kop); err != nil {
		problems = append(problems, fmt.Sprintf("%s: the mock has no valid answer: %v", key, firstLine(err.Error())))
	}
	status, resp := mock.FirstSuccess(kop)
	if status >= 400 {
		p.WantError = status
	} else {
		p.WantBody = status != 204 && resp != nil && resp.Value != nil && len(resp.Value.Content) > 0
	}
	return p, problems
}

// goFields maps the wire names of a struct body's fields to Go names.
func goFields(t ir.Type) map[string]string {
	n, ok := t.(*ir.Named)
	if !ok {
		return nil
	}
	st, ok := n.Type.(*ir.Struct)
	if !ok {
		return nil
	}
	out := map[string]string{}
	for _, f := range st.Fields {
		out[f.JSONName] = f.Name
	}
	return out
}

func findParam(item *openapi3.PathItem, op *openapi3.Operation, prm *ir.Param) *openapi3.Parameter {
	for _, list := range []openapi3.Parameters{op.Parameters, item.Parameters} {
		for _, ref := range list {
			if ref != nil && ref.Value != nil && ref.Value.In == prm.In.String() && ref.Value.Name == prm.WireName {
				return ref.Value
			}
		}
	}
	return nil
}

// fileProps lists the properties of a multipart schema that are files,
// with the content type of their part.
func fileProps(media *openapi3.MediaType) map[string]string {
	out := map[string]string{}
	var walk func(s *openapi3.Schema)
	walk = func(s *openapi3.Schema) {
		if s == nil {
			return
		}
		for _, part := range s.AllOf {
			walk(part.Value)
		}
		for name, p := range s.Properties {
			if p.Value == nil {
				continue
			}
			v := p.Value
			if typeIs(v, "array") && v.Items != nil && v.Items.Value != nil {
				v = v.Items.Value
			}
			if isFile(v) {
				ct := "application/octet-stream"
				if v.ContentMediaType != "" {
					ct = v.ContentMediaType
				}
				if enc := media.Encoding[name]; enc != nil && enc.ContentType != "" {
					ct, _, _ = strings.Cut(enc.ContentType, ",")
				}
				out[name] = strings.TrimSpace(ct)
			}
		}
	}
	if media.Schema != nil {
		walk(media.Schema.Value)
	}
	return out
}

func isFile(s *openapi3.Schema) bool {
	if s.Format == "binary" || s.ContentMediaType != "" && s.ContentEncoding == "" {
		return true
	}
	for _, u := range slices.Concat(s.OneOf, s.AnyOf) {
		if u.Value != nil && isFile(u.Value) {
			return true
		}
	}
	return false
}

func typeIs(s *openapi3.Schema, t string) bool {
	return s.Type != nil && s.Type.Includes(t)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}
