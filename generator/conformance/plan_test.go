package conformance

import (
	"encoding/json"
	"fmt"
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
func buildPlan(api *ir.API, doc *openapi3.T, specPath string) (plan drive.Plan, problems []string) {
	plan.Spec = specPath
	for _, s := range api.Schemes {
		plan.Schemes = append(plan.Schemes, scheme(s))
	}
	syn := mock.NewSynth(doc)
	for _, svc := range api.Services {
		for _, op := range svc.Operations {
			p, probs := planOp(syn, doc, svc, op)
			problems = append(problems, probs...)
			plan.Ops = append(plan.Ops, p)
		}
	}
	return plan, problems
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
	status, resp := mock.FirstSuccess(kop)
	p.WantBody = status != 204 && resp != nil && resp.Value != nil && len(resp.Value.Content) > 0
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
