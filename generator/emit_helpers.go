package generator

import (
	"github.com/dave/jennifer/jen"
)

// helpersFile is the file holding the unexported helpers that unions and
// structs with additionalProperties share, written once per package.
const helpersFile = "helpers.go"

// emitHelpers returns the shared helpers the API needs, or nil. The Go
// they emit is shown with each helper below.
func (g *gen) emitHelpers() []jen.Code {
	var out []jen.Code
	if g.needAdditional {
		out = append(out, helperMarshalAdditional(), helperUnmarshalAdditional())
	}
	if g.needUnion {
		out = append(out, helperIsNull(), helperDecodeVariant(), helperDiscriminator(), helperMarshalVariant())
	}
	return out
}

// helperMarshalAdditional emits:
//
//	func marshalAdditional[T any](v any, extra map[string]T, known ...string) ([]byte, error) {
//		b, err := json.Marshal(v)
//		... appends the keys of extra not in known, sorted, before the closing brace
//	}
func helperMarshalAdditional() jen.Code {
	return jen.Comment("// marshalAdditional encodes the struct v and adds the entries of extra whose\n// keys are not among the declared properties known, in sorted order.").Line().
		Func().Id("marshalAdditional").Types(jen.Id("T").Any()).
		Params(jen.Id("v").Any(), jen.Id("extra").Map(jen.String()).Id("T"), jen.Id("known").Op("...").String()).
		Params(jen.Index().Byte(), jen.Error()).Block(
		jen.List(jen.Id("b"), jen.Err()).Op(":=").Qual("encoding/json", "Marshal").Call(jen.Id("v")),
		jen.If(jen.Err().Op("!=").Nil().Op("||").Len(jen.Id("extra")).Op("==").Lit(0).Op("||").Len(jen.Id("b")).Op("<").Lit(2)).
			Block(jen.Return(jen.Id("b"), jen.Err())),
		jen.Id("keys").Op(":=").Make(jen.Index().String(), jen.Lit(0), jen.Len(jen.Id("extra"))),
		jen.For(jen.Id("k").Op(":=").Range().Id("extra")).Block(
			jen.If(jen.Op("!").Qual("slices", "Contains").Call(jen.Id("known"), jen.Id("k"))).
				Block(jen.Id("keys").Op("=").Append(jen.Id("keys"), jen.Id("k"))),
		),
		jen.Qual("slices", "Sort").Call(jen.Id("keys")),
		jen.Id("out").Op(":=").Qual("bytes", "NewBuffer").Call(jen.Id("b").Index(jen.Empty(), jen.Len(jen.Id("b")).Op("-").Lit(1))),
		jen.For(jen.List(jen.Id("i"), jen.Id("k")).Op(":=").Range().Id("keys")).Block(
			jen.List(jen.Id("vb"), jen.Err()).Op(":=").Qual("encoding/json", "Marshal").Call(jen.Id("extra").Index(jen.Id("k"))),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
			jen.If(jen.Id("i").Op(">").Lit(0).Op("||").Len(jen.Id("b")).Op(">").Lit(2)).
				Block(jen.Id("out").Dot("WriteByte").Call(jen.Id("','"))),
			jen.List(jen.Id("kb"), jen.Id("_")).Op(":=").Qual("encoding/json", "Marshal").Call(jen.Id("k")),
			jen.Id("out").Dot("Write").Call(jen.Id("kb")),
			jen.Id("out").Dot("WriteByte").Call(jen.Id("':'")),
			jen.Id("out").Dot("Write").Call(jen.Id("vb")),
		),
		jen.Id("out").Dot("WriteByte").Call(jen.Id("'}'")),
		jen.Return(jen.Id("out").Dot("Bytes").Call(), jen.Nil()),
	)
}

// helperUnmarshalAdditional emits:
//
//	func unmarshalAdditional[T any](b []byte, v any, known ...string) (map[string]T, error) {
//		decodes b into v, then every property not in known into the map
//	}
func helperUnmarshalAdditional() jen.Code {
	return jen.Comment("// unmarshalAdditional decodes the object b into the struct v and returns its\n// properties that are not among the declared ones, known.").Line().
		Func().Id("unmarshalAdditional").Types(jen.Id("T").Any()).
		Params(jen.Id("b").Index().Byte(), jen.Id("v").Any(), jen.Id("known").Op("...").String()).
		Params(jen.Map(jen.String()).Id("T"), jen.Error()).Block(
		jen.If(jen.Err().Op(":=").Qual("encoding/json", "Unmarshal").Call(jen.Id("b"), jen.Id("v")), jen.Err().Op("!=").Nil()).
			Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Var().Id("all").Map(jen.String()).Qual("encoding/json", "RawMessage"),
		jen.If(jen.Err().Op(":=").Qual("encoding/json", "Unmarshal").Call(jen.Id("b"), jen.Op("&").Id("all")), jen.Err().Op("!=").Nil()).
			Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Var().Id("extra").Map(jen.String()).Id("T"),
		jen.For(jen.List(jen.Id("k"), jen.Id("raw")).Op(":=").Range().Id("all")).Block(
			jen.If(jen.Qual("slices", "Contains").Call(jen.Id("known"), jen.Id("k"))).Block(jen.Continue()),
			jen.Var().Id("x").Id("T"),
			jen.If(jen.Err().Op(":=").Qual("encoding/json", "Unmarshal").Call(jen.Id("raw"), jen.Op("&").Id("x")), jen.Err().Op("!=").Nil()).
				Block(jen.Return(jen.Nil(), jen.Qual("fmt", "Errorf").Call(jen.Lit("property %q: %w"), jen.Id("k"), jen.Err()))),
			jen.If(jen.Id("extra").Op("==").Nil()).Block(jen.Id("extra").Op("=").Map(jen.String()).Id("T").Values()),
			jen.Id("extra").Index(jen.Id("k")).Op("=").Id("x"),
		),
		jen.Return(jen.Id("extra"), jen.Nil()),
	)
}

// helperIsNull emits:
//
//	func isNull(b []byte) bool { return string(bytes.TrimSpace(b)) == "null" }
func helperIsNull() jen.Code {
	return jen.Comment("// isNull reports whether b is the JSON literal null.").Line().
		Func().Id("isNull").Params(jen.Id("b").Index().Byte()).Bool().Block(
		jen.Return(jen.String().Call(jen.Qual("bytes", "TrimSpace").Call(jen.Id("b"))).Op("==").Lit("null")),
	)
}

// helperDecodeVariant emits:
//
//	func decodeVariant[T any](b []byte, strict bool) (*T, bool) {
//		decodes b into a new T; strict rejects unknown object fields
//	}
func helperDecodeVariant() jen.Code {
	return jen.Comment("// decodeVariant decodes b into a new T and reports whether it fits. A strict\n// decoding also rejects object properties T does not declare.").Line().
		Func().Id("decodeVariant").Types(jen.Id("T").Any()).
		Params(jen.Id("b").Index().Byte(), jen.Id("strict").Bool()).
		Params(jen.Op("*").Id("T"), jen.Bool()).Block(
		jen.Id("v").Op(":=").New(jen.Id("T")),
		jen.If(jen.Op("!").Id("strict")).Block(
			jen.Return(jen.Id("v"), jen.Qual("encoding/json", "Unmarshal").Call(jen.Id("b"), jen.Id("v")).Op("==").Nil()),
		),
		jen.Id("d").Op(":=").Qual("encoding/json", "NewDecoder").Call(jen.Qual("bytes", "NewReader").Call(jen.Id("b"))),
		jen.Id("d").Dot("DisallowUnknownFields").Call(),
		jen.Return(jen.Id("v"), jen.Id("d").Dot("Decode").Call(jen.Id("v")).Op("==").Nil()),
	)
}

// helperDiscriminator emits:
//
//	func discriminator(b []byte, prop string) (string, error) {
//		returns the string value of property prop of the object b, "" if absent
//	}
func helperDiscriminator() jen.Code {
	return jen.Comment("// discriminator returns the string value of the property prop of the JSON\n// object b, or \"\" when it has none.").Line().
		Func().Id("discriminator").Params(jen.Id("b").Index().Byte(), jen.Id("prop").String()).
		Params(jen.String(), jen.Error()).Block(
		jen.Var().Id("obj").Map(jen.String()).Qual("encoding/json", "RawMessage"),
		jen.If(jen.Err().Op(":=").Qual("encoding/json", "Unmarshal").Call(jen.Id("b"), jen.Op("&").Id("obj")), jen.Err().Op("!=").Nil()).
			Block(jen.Return(jen.Lit(""), jen.Err())),
		jen.List(jen.Id("raw"), jen.Id("ok")).Op(":=").Id("obj").Index(jen.Id("prop")),
		jen.If(jen.Op("!").Id("ok")).Block(jen.Return(jen.Lit(""), jen.Nil())),
		jen.Var().Id("s").String(),
		jen.If(jen.Err().Op(":=").Qual("encoding/json", "Unmarshal").Call(jen.Id("raw"), jen.Op("&").Id("s")), jen.Err().Op("!=").Nil()).
			Block(jen.Return(jen.Lit(""), jen.Qual("fmt", "Errorf").Call(jen.Lit("discriminator %q: %w"), jen.Id("prop"), jen.Err()))),
		jen.Return(jen.Id("s"), jen.Nil()),
	)
}

// helperMarshalVariant emits:
//
//	func marshalVariant[T any](v *T, raw json.RawMessage) ([]byte, error) {
//		encodes v, or returns raw when v still encodes as what raw decodes to
//	}
func helperMarshalVariant() jen.Code {
	return jen.Comment("// marshalVariant encodes v, the variant of a union decoded from raw. While v\n// is unmodified (it encodes as what raw decodes to), raw is returned as\n// received, so a union re-encodes its input exactly.").Line().
		Func().Id("marshalVariant").Types(jen.Id("T").Any()).
		Params(jen.Id("v").Op("*").Id("T"), jen.Id("raw").Qual("encoding/json", "RawMessage")).
		Params(jen.Index().Byte(), jen.Error()).Block(
		jen.List(jen.Id("b"), jen.Err()).Op(":=").Qual("encoding/json", "Marshal").Call(jen.Id("v")),
		jen.If(jen.Err().Op("!=").Nil().Op("||").Id("raw").Op("==").Nil()).Block(jen.Return(jen.Id("b"), jen.Err())),
		jen.Id("orig").Op(":=").New(jen.Id("T")),
		jen.If(jen.Qual("encoding/json", "Unmarshal").Call(jen.Id("raw"), jen.Id("orig")).Op("==").Nil()).Block(
			jen.If(jen.List(jen.Id("ob"), jen.Err()).Op(":=").Qual("encoding/json", "Marshal").Call(jen.Id("orig")),
				jen.Err().Op("==").Nil().Op("&&").Qual("bytes", "Equal").Call(jen.Id("ob"), jen.Id("b"))).
				Block(jen.Return(jen.Id("raw"), jen.Nil())),
		),
		jen.Return(jen.Id("b"), jen.Nil()),
	)
}
