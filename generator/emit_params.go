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
//		// Tags to filter by.
//		//
//		// Sent as the query parameter "tags".
//		Tags []string
//		Limit runtime.Opt[int32]
//	}
func (g *gen) emitParams(op *ir.Operation) jen.Code {
	var fields []jen.Code
	for _, p := range op.Params {
		if !inParamsStruct(p) {
			continue
		}
		doc := comment(joinNonEmpty(p.Doc.Summary, p.Doc.Description),
			deprecatedPara(p.Doc, "parameter"),
			"Sent as the "+p.In.String()+" parameter \""+p.WireName+"\".")
		fields = append(fields, jen.Add(doc).Id(p.Name).Add(g.useType(p.Type, false, false)))
	}
	return jen.Add(comment(op.ParamsType + " holds the optional parameters of " + op.Name + "; the zero value sends none.")).
		Type().Id(op.ParamsType).Struct(fields...)
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

// addParam returns the statement that adds one parameter to the call:
//
//	call.AddQuery("limit", params.Limit)
//	call.SetHeader("X-Request-ID", requestID)
//	call.AddCookie("session", session)
func addParam(p *ir.Param, value jen.Code) jen.Code {
	method := "AddQuery"
	switch p.In {
	case ir.InHeader:
		method = "SetHeader"
	case ir.InCookie:
		method = "AddCookie"
	}
	return jen.Id("call").Dot(method).Call(jen.Lit(p.WireName), value)
}
