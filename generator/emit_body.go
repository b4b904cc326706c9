package generator

import (
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/genclient/genclient/ir"
)

// bodyArg returns the body parameters of a method sending op's body as c,
// and the statements that set it:
//
//	body NewPet             call.JSON(body)                                   (JSON, required)
//	body *NewPet            if body != nil { call.JSON(body) }                (JSON, optional)
//	body ChargeRequest      call.Form(body, map[string]runtime.Encoding{...}) (form, object schema)
//	body UploadMultipart    call.Multipart(runtime.NewMultipart().File("file", body.File)...)
//	body string             call.WithBody(runtime.TextBody("text/plain", body))
//	body io.Reader          call.WithBody(runtime.ReaderBody(ct, body, -1))   (binary)
//	contentType string, body io.Reader                                        ({Name}WithBody)
//
// A form or multipart body without an object schema falls back to
// url.Values and []runtime.Part.
func (g *gen) bodyArg(op *ir.Operation, c *ir.Content) ([]jen.Code, []jen.Code) {
	b := op.Body
	mt := c.MediaType
	var typ *jen.Statement
	var set jen.Code
	isNil := true // whether the Go type is nilable (checked with Require / != nil)
	var extra []jen.Code
	switch {
	case strings.HasSuffix(c.Method, "WithBody"):
		return []jen.Code{jen.Id("contentType").String(), jen.Id("body").Qual("io", "Reader")}, []jen.Code{
			jen.Id("call").Dot("Require").Call(jen.Lit("body"), jen.Id("body")),
			jen.Id("call").Dot("WithBody").Call(jen.Qual(g.rt, "ReaderBody").Call(jen.Id("contentType"), jen.Id("body"), jen.Lit(-1))),
		}
	case c.Kind == ir.KindJSON && c.Type != nil && !isBinary(c.Type):
		typ, isNil = g.bodyType(b, c.Type)
		set = jsonBody(mt)
	case c.Kind == ir.KindJSON && c.Type == nil:
		typ, set = jen.Any(), jsonBody(mt)
	case c.Kind == ir.KindForm && ir.StructOf(c.Type) != nil:
		typ, isNil = g.bodyType(b, c.Type)
		set = jen.Id("call").Dot("Form").Call(jen.Id("body"), g.encodings(c))
	case c.Kind == ir.KindForm:
		typ = jen.Qual("net/url", "Values")
		set = jen.Id("call").Dot("WithBody").Call(jen.Qual(g.rt, "FormBody").Call(jen.Id("body")))
	case c.Kind == ir.KindMultipart && op.MultipartType != "" && ir.StructOf(c.Type) != nil:
		typ, isNil = jen.Id(op.MultipartType), false
		if !b.Required {
			typ, isNil = jen.Op("*").Id(op.MultipartType), true
		}
		set, extra = g.multipartSet(ir.StructOf(c.Type))
	case c.Kind == ir.KindMultipart:
		typ = jen.Index().Qual(g.rt, "Part")
		set = jen.Id("call").Dot("WithBody").Call(jen.Qual(g.rt, "MultipartBody").Call(jen.Id("body").Op("...")))
	case c.Kind == ir.KindText:
		return []jen.Code{jen.Id("body").String()}, []jen.Code{
			jen.Id("call").Dot("WithBody").Call(jen.Qual(g.rt, "TextBody").Call(jen.Lit(concreteType(c)), jen.Id("body"))),
		}
	default:
		typ = jen.Qual("io", "Reader")
		set = jen.Id("call").Dot("WithBody").Call(jen.Qual(g.rt, "ReaderBody").Call(jen.Lit(concreteType(c)), jen.Id("body"), jen.Lit(-1)))
	}
	param := []jen.Code{jen.Id("body").Add(typ)}
	switch {
	case !b.Required:
		return param, []jen.Code{jen.If(jen.Id("body").Op("!=").Nil()).Block(append(extra, set)...)}
	case isNil:
		return param, append(append([]jen.Code{jen.Id("call").Dot("Require").Call(jen.Lit("body"), jen.Id("body"))}, extra...), set)
	}
	return param, append(extra, set)
}

// bodyType is the Go type of a typed body parameter: its value type, or a
// pointer to it when the body is optional and the type cannot be nil.
func (g *gen) bodyType(b *ir.Body, t ir.Type) (*jen.Statement, bool) {
	if n, ok := t.(*ir.Nullable); ok {
		t = n.Elem
	}
	typ := g.valueType(t)
	isNil := nilable(t)
	if !b.Required && !isNil {
		return jen.Op("*").Add(typ), true
	}
	return typ, isNil
}

// encodings emits the encoding objects of a form body, or nil:
//
//	map[string]runtime.Encoding{"metadata": {Style: "deepObject", Explode: true}}
//
// With Config.FormArrays set, every property gets one, saying how its
// lists are written (Arrays: runtime.ArraysBrackets).
func (g *gen) encodings(c *ir.Content) jen.Code {
	encs := c.Encoding
	arrays := arrayFormats[g.cfg.FormArrays]
	if arrays != "" {
		encs = formEncodings(c)
	}
	if len(encs) == 0 {
		return jen.Nil()
	}
	return jen.Map(jen.String()).Qual(g.rt, "Encoding").ValuesFunc(func(grp *jen.Group) {
		for _, e := range encs {
			d := jen.Dict{}
			if e.ContentType != "" {
				d[jen.Id("ContentType")] = jen.Lit(e.ContentType)
			}
			if e.Style != "" {
				d[jen.Id("Style")] = jen.Lit(e.Style)
			}
			if e.Explode {
				d[jen.Id("Explode")] = jen.True()
			}
			if e.AllowReserved {
				d[jen.Id("AllowReserved")] = jen.True()
			}
			if arrays != "" && e.ContentType == "" {
				d[jen.Id("Arrays")] = jen.Qual(g.rt, arrays)
			}
			grp.Line().Lit(e.Property).Op(":").Values(d)
		}
		grp.Line()
	})
}

// formEncodings is c's encodings plus style form, exploded, for every
// property of its struct that has none, sorted by property.
func formEncodings(c *ir.Content) []*ir.Encoding {
	encs := slices.Clone(c.Encoding)
	if st := ir.StructOf(c.Type); st != nil {
		for _, f := range st.Fields {
			if !slices.ContainsFunc(encs, func(e *ir.Encoding) bool { return e.Property == f.JSONName }) {
				encs = append(encs, &ir.Encoding{Property: f.JSONName, Style: "form", Explode: true})
			}
		}
	}
	slices.SortFunc(encs, func(a, b *ir.Encoding) int { return strings.Compare(a.Property, b.Property) })
	return encs
}

// multipartSet returns the statement that sets a multipart body from the
// generated request type, and the Require checks of its required files:
//
//	call.Require("body.File", body.File.Body)
//	call.Multipart(runtime.NewMultipart().
//		File("file", body.File).
//		Field("note", body.Note))
func (g *gen) multipartSet(s *ir.Struct) (jen.Code, []jen.Code) {
	var checks []jen.Code
	chain := jen.Qual(g.rt, "NewMultipart").Call()
	for _, f := range s.Fields {
		if f.ReadOnly {
			continue
		}
		v := jen.Id("body").Dot(f.Name)
		switch {
		case isBinary(f.Type):
			chain = chain.Op(".").Line().Id("File").Call(jen.Lit(f.JSONName), v)
			if f.Required {
				checks = append(checks, jen.Id("call").Dot("Require").Call(jen.Lit("body."+f.Name), jen.Id("body").Dot(f.Name).Dot("Body")))
			}
		case isBinaryList(f.Type):
			chain = chain.Op(".").Line().Id("Files").Call(jen.Lit(f.JSONName), v)
		case partZeroAbsent(f):
			chain = chain.Op(".").Line().Id("OptionalField").Call(jen.Lit(f.JSONName), v)
		default:
			chain = chain.Op(".").Line().Id("Field").Call(jen.Lit(f.JSONName), v)
		}
	}
	return jen.Id("call").Dot("Multipart").Call(chain), checks
}

// partZeroAbsent reports whether the multipart field f is an optional
// string enum that does not document "" (see zeroAbsent): its Go type is
// the enum, not an Opt of it (which would be one more instantiation of
// Opt for every package naming it to compile), and an empty one adds no
// part (Multipart.OptionalField).
func partZeroAbsent(f *ir.Field) bool {
	return !f.Required && zeroAbsent(notNull(f.Type))
}

func isBinaryList(t ir.Type) bool {
	if n, ok := t.(*ir.Named); ok {
		t = n.Type
	}
	a, ok := t.(*ir.Array)
	return ok && isBinary(a.Elem)
}

// emitMultipartType emits the request type of a multipart body: the
// schema's fields, binary ones as runtime.File:
//
//	// UploadMultipart is the multipart/form-data body of Upload.
//	type UploadMultipart struct {
//		File runtime.File
//		Note runtime.Opt[string]
//	}
func (g *gen) emitMultipartType(op *ir.Operation) jen.Code {
	var s *ir.Struct
	for _, c := range op.Body.Contents {
		if c.Kind == ir.KindMultipart && ir.StructOf(c.Type) != nil {
			s = ir.StructOf(c.Type)
			break
		}
	}
	var fields []jen.Code
	for _, f := range s.Fields {
		if f.ReadOnly {
			continue
		}
		var typ jen.Code
		switch {
		case isBinary(f.Type):
			typ = jen.Qual(g.rt, "File")
		case isBinaryList(f.Type):
			typ = jen.Index().Qual(g.rt, "File")
		case partZeroAbsent(f):
			typ = g.valueType(notNull(f.Type)) // "" absent, as in a JSON body (see zeroAbsent)
		default:
			typ = g.optType(f.Type, f.Required, false) // a part is not sent as null (see notNull)
		}
		doc := comment(runOn(joinNonEmpty(f.Doc.Summary, f.Doc.Description), "Sent as the part \""+f.JSONName+"\"."))
		fields = append(fields, jen.Add(doc).Id(f.Name).Add(typ))
	}
	return jen.Add(comment(op.MultipartType + " is the multipart/form-data body of " + op.Name +
		"; files are streamed from their Body as the request is written.")).
		Type().Id(op.MultipartType).Struct(fields...)
}

// jsonBody is call.JSON(body), or call.JSONAs(mediaType, body) for
// another JSON media type.
func jsonBody(mt string) jen.Code {
	if mt == "application/json" {
		return jen.Id("call").Dot("JSON").Call(jen.Id("body"))
	}
	return jen.Id("call").Dot("JSONAs").Call(jen.Lit(mt), jen.Id("body"))
}

// concreteType is the Content-Type to send for a streamed body: the media
// type, unless it is a wildcard such as "*/*" or "image/*".
func concreteType(c *ir.Content) string {
	if !strings.Contains(c.MediaType, "*") {
		return c.MediaType
	}
	if c.Kind == ir.KindText {
		return "text/plain"
	}
	return "application/octet-stream"
}
