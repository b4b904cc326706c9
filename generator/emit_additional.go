package generator

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/genclient/genclient/ir"
)

// emitAdditional emits the JSON methods of a struct with
// additionalProperties; the shared helpers do the work:
//
//	// MarshalJSON encodes v with its additional properties.
//	func (v Pet) MarshalJSON() ([]byte, error) {
//		type plain Pet
//		return runtime.MarshalAdditional(plain(v), v.AdditionalProperties, "name", "tag")
//	}
//
//	// UnmarshalJSON decodes v and keeps the properties Pet does not declare in AdditionalProperties.
//	func (v *Pet) UnmarshalJSON(b []byte) error {
//		type plain Pet
//		extra, err := runtime.UnmarshalAdditional[string](b, (*plain)(v), "name", "tag")
//		if err != nil {
//			return err
//		}
//		v.AdditionalProperties = extra
//		return nil
//	}
func (g *gen) emitAdditional(n *ir.Named, s *ir.Struct) []jen.Code {
	extra := additionalName(s)
	known := []jen.Code{}
	for _, f := range s.Fields {
		known = append(known, jen.Lit(f.JSONName))
	}
	marshal := jen.Add(comment("MarshalJSON encodes v with its additional properties.")).
		Func().Params(jen.Id("v").Id(n.Name)).Id("MarshalJSON").Params().
		Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Type().Id("plain").Id(n.Name),
		jen.Return(jen.Qual(g.rt, "MarshalAdditional").Call(append([]jen.Code{
			jen.Id("plain").Call(jen.Id("v")), jen.Id("v").Dot(extra),
		}, known...)...)),
	)
	unmarshal := jen.Add(comment(fmt.Sprintf("UnmarshalJSON decodes v and keeps the properties %s does not declare in %s.", n.Name, extra))).
		Func().Params(jen.Id("v").Op("*").Id(n.Name)).Id("UnmarshalJSON").Params(jen.Id("b").Index().Byte()).
		Error().Block(
		jen.Type().Id("plain").Id(n.Name),
		jen.List(jen.Id("extra"), jen.Err()).Op(":=").Qual(g.rt, "UnmarshalAdditional").
			Types(g.valueType(s.Additional)).Call(append([]jen.Code{
			jen.Id("b"), jen.Parens(jen.Op("*").Id("plain")).Call(jen.Id("v")),
		}, known...)...),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
		jen.Id("v").Dot(extra).Op("=").Id("extra"),
		jen.Return(jen.Nil()),
	)
	return []jen.Code{marshal, unmarshal}
}
