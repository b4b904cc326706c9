package generator

import (
	"github.com/dave/jennifer/jen"

	"github.com/genclient/genclient/ir"
)

// emitParams emits the struct of an operation's optional non-path
// parameters:
//
//	// FindPetsParams holds the optional parameters of FindPets.
//	type FindPetsParams struct {
//		// Tags to filter by. Sent as the query parameter "tags".
//		Tags []string
//		Limit runtime.Opt[int32]
//	}
//
// A struct whose fields all support == starts with `_ [0]func()`, as a
// schema's struct does (see fieldComparable): no equality function.
func (g *gen) emitParams(op *ir.Operation) jen.Code {
	var fields []jen.Code
	comparable := true
	for _, p := range op.Params {
		if !inParamsStruct(p) {
			continue
		}
		comparable = comparable && useComparable(notNull(p.Type))
		sent := "Sent as the " + p.In.String() + " parameter \"" + p.WireName + "\"."
		var doc *jen.Statement
		if p.Doc.Deprecated {
			doc = comment(joinNonEmpty(p.Doc.Summary, p.Doc.Description), deprecatedPara(p.Doc, "parameter"), sent)
		} else {
			doc = comment(runOn(joinNonEmpty(p.Doc.Summary, p.Doc.Description), sent))
		}
		fields = append(fields, jen.Add(doc).Id(p.Name).Add(g.useType(p.Type, false, false)))
	}
	return jen.Add(comment(op.ParamsType + " holds the optional parameters of " + op.Name + "; the zero value sends none.")).
		Type().Id(op.ParamsType).Struct(noEquality(comparable, fields)...)
}

// useComparable reports whether the Go type of an optional use of t (see
// useType) supports ==: a pointer to a struct, an Opt or enum of a
// comparable type.
func useComparable(t ir.Type) bool {
	return shapeOf(t) == shapeStruct || typeComparable(t)
}

// noEquality returns fields with `_ [0]func()` first when the struct
// would otherwise support ==: the compiler then writes no equality
// function for it.
func noEquality(comparable bool, fields []jen.Code) []jen.Code {
	if !comparable || len(fields) == 0 {
		return fields
	}
	return append([]jen.Code{jen.Id("_").Index(jen.Lit(0)).Func().Params()}, fields...)
}

// notNull is t, or the type a nullable t holds unless that is free-form
// JSON (json.RawMessage holds null itself): the type of a use that
// cannot be null (a parameter, a response header, a multipart part; a
// parameter that is null is not sent, as one that is absent) or whose
// null is said elsewhere (a struct field: see nullField).
func notNull(t ir.Type) ir.Type {
	if n, ok := t.(*ir.Nullable); ok && shapeOf(n.Elem) != shapeAny {
		return n.Elem
	}
	return t
}

// inParamsStruct reports whether p is a field of the params struct rather
// than a method argument.
func inParamsStruct(p *ir.Param) bool { return p.In != ir.InPath && !p.Required }

func deprecatedPara(d ir.Doc, what string) string {
	if !d.Deprecated {
		return ""
	}
	return "Deprecated: the API marks this " + what + " as deprecated."
}

// addParam returns the statement that adds one parameter to the call.
// The plain methods serve the defaults (a scalar, or a list in query
// style form exploded); every other style, explode, allowReserved, object
// value or content-described parameter goes through the styled ones:
//
//	call.AddQuery("limit", params.Limit)
//	call.AddQueryStyle("color", params.Color, "pipeDelimited", false, false)
//	call.AddQueryStyle("filter", runtime.JSONParam(params.Filter), "form", true, false)
//	call.SetHeader("X-Request-ID", requestID)
//	call.SetHeaderStyle("X-Color", color, true)
//	call.AddCookie("session", session)
//	call.AddCookieStyle("prefs", params.Prefs, true)
func (g *gen) addParam(p *ir.Param, value jen.Code) jen.Code {
	plain := p.ContentType == "" && !p.AllowReserved && !isObjectType(p.Type)
	if p.ContentType != "" {
		value = jen.Qual(g.rt, "JSONParam").Call(value)
	}
	call := jen.Id("call")
	switch p.In {
	case ir.InHeader:
		if plain && !p.Explode {
			return call.Dot("SetHeader").Call(jen.Lit(p.WireName), value)
		}
		return call.Dot("SetHeaderStyle").Call(jen.Lit(p.WireName), value, jen.Lit(p.Explode))
	case ir.InCookie:
		if plain && !isListType(p.Type) {
			return call.Dot("AddCookie").Call(jen.Lit(p.WireName), value)
		}
		return call.Dot("AddCookieStyle").Call(jen.Lit(p.WireName), value, jen.Lit(p.Explode))
	}
	if plain && (!isListType(p.Type) || p.Explode && (p.Style == "form" || p.Style == "")) {
		return call.Dot("AddQuery").Call(jen.Lit(p.WireName), value)
	}
	if arrays := arrayFormats[g.cfg.FormArrays]; arrays != "" && p.Style == "deepObject" {
		d := jen.Dict{jen.Id("Style"): jen.Lit(p.Style), jen.Id("Arrays"): jen.Qual(g.rt, arrays)}
		if p.Explode {
			d[jen.Id("Explode")] = jen.True()
		}
		if p.AllowReserved {
			d[jen.Id("AllowReserved")] = jen.True()
		}
		return call.Dot("AddQueryEncoded").Call(jen.Lit(p.WireName), value, jen.Qual(g.rt, "Encoding").Values(d))
	}
	return call.Dot("AddQueryStyle").Call(jen.Lit(p.WireName), value, jen.Lit(p.Style), jen.Lit(p.Explode), jen.Lit(p.AllowReserved))
}

// pathArg returns the NewCall argument of a path parameter: the value
// itself in style simple (NewCall escapes it), else a runtime.PathStyle.
//
//	runtime.PathStyle("color", color, "matrix", true)
func (g *gen) pathArg(p *ir.Param, value jen.Code) jen.Code {
	if p.ContentType != "" {
		value = jen.Qual(g.rt, "JSONParam").Call(value)
	}
	if (p.Style == "simple" || p.Style == "") && !p.Explode && p.ContentType == "" {
		return value
	}
	return jen.Qual(g.rt, "PathStyle").Call(jen.Lit(p.WireName), value, jen.Lit(p.Style), jen.Lit(p.Explode))
}

// isObjectType reports whether t is sent as an object: a struct, a map,
// or a union (serialized by its JSON form).
func isObjectType(t ir.Type) bool {
	if n, ok := t.(*ir.Nullable); ok {
		t = n.Elem
	}
	if shapeOf(t) == shapeStruct {
		return true
	}
	if n, ok := t.(*ir.Named); ok {
		t = n.Type
	}
	_, ok := t.(*ir.Map)
	return ok
}

// isListType reports whether t is an array (or an alias of one).
func isListType(t ir.Type) bool {
	if n, ok := t.(*ir.Nullable); ok {
		t = n.Elem
	}
	if n, ok := t.(*ir.Named); ok {
		t = n.Type
	}
	_, ok := t.(*ir.Array)
	return ok
}
