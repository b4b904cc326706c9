package generator

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/genclient/genclient/ir"
)

// emitAdditional emits the JSON methods of a struct with
// additionalProperties; the shared helpers do the work and read the
// declared names from the struct tags, so each method is three lines:
//
//	// MarshalJSON encodes v with its additional properties.
//	func (v Pet) MarshalJSON() ([]byte, error) {
//		type plain Pet
//		return runtime.MarshalAdditional(plain(v), v.AdditionalProperties)
//	}
//
//	// UnmarshalJSON decodes v and keeps the properties Pet does not declare in AdditionalProperties.
//	func (v *Pet) UnmarshalJSON(b []byte) error {
//		type plain Pet
//		return runtime.UnmarshalAdditional(b, (*plain)(v), &v.AdditionalProperties)
//	}
func (g *gen) emitAdditional(n *ir.Named, s *ir.Struct) []jen.Code {
	extra := additionalName(s)
	marshal := jen.Add(comment("MarshalJSON encodes v with its additional properties.")).
		Func().Params(jen.Id("v").Id(n.Name)).Id("MarshalJSON").Params().
		Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Type().Id("plain").Id(n.Name),
		jen.Return(jen.Qual(g.rt, "MarshalAdditional").Call(jen.Id("plain").Call(jen.Id("v")), jen.Id("v").Dot(extra))),
	)
	unmarshal := jen.Add(comment(fmt.Sprintf("UnmarshalJSON decodes v and keeps the properties %s does not declare in %s.", n.Name, extra))).
		Func().Params(jen.Id("v").Op("*").Id(n.Name)).Id("UnmarshalJSON").Params(jen.Id("b").Index().Byte()).
		Error().Block(
		jen.Type().Id("plain").Id(n.Name),
		jen.Return(jen.Qual(g.rt, "UnmarshalAdditional").Call(
			jen.Id("b"), jen.Parens(jen.Op("*").Id("plain")).Call(jen.Id("v")), jen.Op("&").Id("v").Dot(extra))),
	)
	return []jen.Code{marshal, unmarshal}
}
