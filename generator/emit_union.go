package generator

import (
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/genclient/genclient/ir"
)

// emitUnion emits a oneOf or anyOf as a struct with one field per variant,
// of which one is set, and the raw JSON it was decoded from:
//
//	// Shape is one of Circle or Square.
//	type Shape struct {
//		Circle *Circle
//		Square *Square
//
//		raw json.RawMessage
//	}
//
//	func (u Shape) MarshalJSON() ([]byte, error)   // the set variant, or the raw input unchanged
//	func (u *Shape) UnmarshalJSON(b []byte) error  // see unionUnmarshal
//	func (u Shape) Raw() json.RawMessage
func (g *gen) emitUnion(n *ir.Named, u *ir.Union) []jen.Code {
	g.current = "schema " + n.Name
	var fields []jen.Code
	var names []string
	for _, v := range u.Variants {
		fields = append(fields, jen.Id(v.Name).Add(g.variantType(v)))
		names = append(names, v.Name)
	}
	fields = append(fields, jen.Line(), jen.Id("raw").Qual("encoding/json", "RawMessage"))
	kind := "exactly one"
	if u.Kind == ir.AnyOf {
		kind = "at least one"
	}
	usage := "A value is " + kind + " of " + orList(names) + ": set one field when sending."
	if u.Discriminator != "" {
		usage += " Received values are told apart by their \"" + u.Discriminator + "\" property."
	}
	paras := docParas(n.Name, n.Doc, "type")
	if n.Doc.Summary == "" && n.Doc.Description == "" {
		paras = append([]string{n.Name + " is one of " + orList(names) + "."}, paras...)
	}
	paras = append(paras, usage)
	out := []jen.Code{
		jen.Add(comment(paras...)).Type().Id(n.Name).Struct(fields...),
		g.unionMarshal(n, u),
		g.unionUnmarshal(n, u),
	}
	if !hasVariant(u, "Raw") {
		out = append(out, jen.Add(comment("Raw returns the JSON u was decoded from, or nil.")).
			Func().Params(jen.Id("u").Id(n.Name)).Id("Raw").Params().Qual("encoding/json", "RawMessage").
			Block(jen.Return(jen.Id("u").Dot("raw"))))
	}
	if hasDiscriminatorValues(u) && !hasVariant(u, "Unknown") {
		out = append(out, g.unionUnknown(n, u))
	}
	for _, v := range u.Variants {
		out = append(out, g.unionCtor(n, v))
	}
	return out
}

// unionCtor emits the constructor of one variant:
//
//	// NewShapeCircle returns the Shape holding v.
//	func NewShapeCircle(v Circle) Shape { return Shape{Circle: &v} }
func (g *gen) unionCtor(n *ir.Named, v *ir.Variant) jen.Code {
	t := variantElem(v)
	val := jen.Op("&").Id("v")
	if nilable(t) {
		val = jen.Id("v")
	}
	name := v.Ctor
	if name == "" {
		name = "New" + n.Name + v.Name
	}
	return jen.Add(comment(name + " returns the " + n.Name + " holding v.")).
		Func().Id(name).Params(jen.Id("v").Add(g.valueType(t))).Id(n.Name).
		Block(jen.Return(jen.Id(n.Name).Values(jen.Dict{jen.Id(v.Name): val})))
}

// unionUnknown emits, for a union with a discriminator:
//
//	// Unknown reports whether u holds a value whose "type" this client
//	// does not know, and that value's "type" ...
//	func (u Shape) Unknown() (string, bool) {
//		if u.raw == nil || u.Circle != nil || u.Square != nil {
//			return "", false
//		}
//		tag, _ := runtime.Discriminator(u.raw, "type")
//		return tag, true
//	}
func (g *gen) unionUnknown(n *ir.Named, u *ir.Union) jen.Code {
	cond := jen.Id("u").Dot("raw").Op("==").Nil()
	for _, v := range u.Variants {
		cond = cond.Op("||").Id("u").Dot(v.Name).Op("!=").Nil()
	}
	q := "\"" + u.Discriminator + "\""
	return jen.Add(comment("Unknown reports whether u was decoded from a value whose "+q+" this client does not know (a variant added to the API after this client was generated), and returns that "+q+". Such a value sets no variant; Raw returns it, and MarshalJSON sends it back byte for byte.")).
		Func().Params(jen.Id("u").Id(n.Name)).Id("Unknown").Params().Params(jen.String(), jen.Bool()).Block(
		jen.If(cond).Block(jen.Return(jen.Lit(""), jen.False())),
		jen.List(jen.Id("tag"), jen.Id("_")).Op(":=").Qual(g.rt, "Discriminator").Call(jen.Id("u").Dot("raw"), jen.Lit(u.Discriminator)),
		jen.Return(jen.Id("tag"), jen.True()),
	)
}

// variantType is the field type of a variant: a pointer, or a slice, map
// or raw JSON that is nil when unset.
func (g *gen) variantType(v *ir.Variant) *jen.Statement {
	t := variantElem(v)
	if nilable(t) {
		return g.valueType(t)
	}
	return jen.Op("*").Add(g.valueType(t))
}

// variantElem is the variant's type without a nullable wrapper: a union
// value of null leaves every field unset.
func variantElem(v *ir.Variant) ir.Type {
	if n, ok := v.Type.(*ir.Nullable); ok {
		return n.Elem
	}
	return v.Type
}

func hasVariant(u *ir.Union, name string) bool {
	for _, v := range u.Variants {
		if v.Name == name {
			return true
		}
	}
	return false
}

// unionMarshal emits:
//
//	// MarshalJSON encodes the variant that is set, or ...
//	func (u Shape) MarshalJSON() ([]byte, error) {
//		if err := runtime.OneVariant("pkg: Shape", u.Circle != nil, u.Square != nil); err != nil {
//			return nil, err
//		}
//		switch {
//		case u.Circle != nil:
//			return runtime.MarshalTagged(u.Circle, u.raw, "kind", "circle")
//		case u.Tags != nil:
//			return runtime.MarshalVariant(&u.Tags, u.raw)
//		}
//		return runtime.MarshalUnset(u.raw, "pkg: Shape")
//	}
//
// MarshalTagged fills the discriminator when the variant leaves it empty.
func (g *gen) unionMarshal(n *ir.Named, u *ir.Union) jen.Code {
	var cases []jen.Code
	set := []jen.Code{jen.Lit(g.cfg.Package + ": " + n.Name)}
	for _, v := range u.Variants {
		arg := jen.Id("u").Dot(v.Name)
		if nilable(variantElem(v)) {
			arg = jen.Op("&").Id("u").Dot(v.Name)
		}
		enc := jen.Qual(g.rt, "MarshalVariant").Call(arg, jen.Id("u").Dot("raw"))
		if u.Discriminator != "" && v.Tag != "" && ir.StructOf(variantElem(v)) != nil {
			enc = jen.Qual(g.rt, "MarshalTagged").Call(arg, jen.Id("u").Dot("raw"), jen.Lit(u.Discriminator), jen.Lit(v.Tag))
		}
		cases = append(cases, jen.Case(jen.Id("u").Dot(v.Name).Op("!=").Nil()).Block(jen.Return(enc)))
		set = append(set, jen.Id("u").Dot(v.Name).Op("!=").Nil())
	}
	doc := "MarshalJSON encodes the variant that is set; it fails when none is (and u was not decoded) or when several are. A decoded value that was not modified encodes as the JSON it was decoded from, byte for byte; a value of a variant this client does not know encodes as received."
	if u.Discriminator != "" {
		doc += " A variant whose \"" + u.Discriminator + "\" is empty is sent with its own value filled in."
	}
	return jen.Add(comment(doc)).
		Func().Params(jen.Id("u").Id(n.Name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.If(jen.Err().Op(":=").Qual(g.rt, "OneVariant").Call(set...), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Switch().Block(cases...),
		jen.Return(jen.Qual(g.rt, "MarshalUnset").Call(jen.Id("u").Dot("raw"), jen.Lit(g.cfg.Package+": "+n.Name))),
	)
}

// unionUnmarshal emits, without a discriminator:
//
//	func (u *Shape) UnmarshalJSON(b []byte) error {
//		*u = Shape{}
//		if runtime.IsNull(b) {
//			return nil
//		}
//		u.raw = bytes.Clone(b)
//		return runtime.DecodeUnion(b, "pkg: Shape",
//			runtime.VariantPtr(&u.Circle), runtime.VariantVal(&u.Tags))
//	}
//
// and with one, a switch on the discriminator's value (see unionSwitch).
func (g *gen) unionUnmarshal(n *ir.Named, u *ir.Union) jen.Code {
	body := []jen.Code{
		jen.Op("*").Id("u").Op("=").Id(n.Name).Values(),
		jen.If(jen.Qual(g.rt, "IsNull").Call(jen.Id("b"))).Block(jen.Return(jen.Nil())),
	}
	doc := "UnmarshalJSON decodes the first variant that matches strictly (every required property present, no undeclared one), else the first that matches leniently (undeclared properties ignored); it fails when none does."
	if hasDiscriminatorValues(u) {
		doc = "UnmarshalJSON decodes the variant selected by the \"" + u.Discriminator + "\" property. A value it does not know leaves every variant unset and is kept as received (see Unknown)."
		body = append(body, g.unionSwitch(n, u)...)
	} else {
		args := []jen.Code{jen.Id("b"), jen.Lit(g.cfg.Package + ": " + n.Name)}
		for _, v := range u.Variants {
			fn := "VariantPtr"
			if nilable(variantElem(v)) {
				fn = "VariantVal"
			}
			args = append(args, jen.Qual(g.rt, fn).Call(jen.Op("&").Id("u").Dot(v.Name)))
		}
		body = append(body,
			jen.Id("u").Dot("raw").Op("=").Qual("bytes", "Clone").Call(jen.Id("b")),
			jen.Return(jen.Qual(g.rt, "DecodeUnion").Call(args...)),
		)
	}
	return jen.Add(comment(doc)).
		Func().Params(jen.Id("u").Op("*").Id(n.Name)).Id("UnmarshalJSON").Params(jen.Id("b").Index().Byte()).Error().
		Block(body...)
}

// unionSwitch emits the discriminator dispatch:
//
//	tag, err := runtime.Discriminator(b, "petType")
//	if err != nil {
//		return fmt.Errorf("pkg: Pet: %w", err)
//	}
//	u.raw = bytes.Clone(b)
//	switch tag {
//	case "cat", "Cat":
//		u.Cat = new(Cat)
//		return json.Unmarshal(b, u.Cat)
//	}
//	return nil // an unknown tag: see Unknown
//
// Variants without a discriminator value are tried by shape after the
// switch (runtime.DecodeUnion).
func (g *gen) unionSwitch(n *ir.Named, u *ir.Union) []jen.Code {
	seen := map[string]bool{}
	var cases, rest []jen.Code
	for _, v := range u.Variants {
		var vals []jen.Code
		for _, val := range v.Values {
			if !seen[val] {
				seen[val] = true
				vals = append(vals, jen.Lit(val))
			}
		}
		if len(vals) == 0 {
			fn := "VariantPtr"
			if nilable(variantElem(v)) {
				fn = "VariantVal"
			}
			rest = append(rest, jen.Qual(g.rt, fn).Call(jen.Op("&").Id("u").Dot(v.Name)))
			continue
		}
		t := variantElem(v)
		target := jen.Id("u").Dot(v.Name)
		set := jen.Id("u").Dot(v.Name).Op("=").New(g.valueType(t))
		if nilable(t) {
			target = jen.Op("&").Id("u").Dot(v.Name)
			set = jen.Null()
		}
		cases = append(cases, jen.Case(vals...).Block(
			set, jen.Return(jen.Qual(g.rt, "Unmarshal").Call(jen.Id("b"), target)),
		))
	}
	last := jen.Return(jen.Nil())
	if len(rest) > 0 {
		// Variants without a value of their own are told apart by shape.
		last = jen.Return(jen.Qual(g.rt, "DecodeUnion").Call(append([]jen.Code{jen.Id("b"), jen.Lit(g.cfg.Package + ": " + n.Name)}, rest...)...))
	}
	return []jen.Code{
		jen.List(jen.Id("tag"), jen.Err()).Op(":=").Qual(g.rt, "Discriminator").Call(jen.Id("b"), jen.Lit(u.Discriminator)),
		jen.If(jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Qual("fmt", "Errorf").Call(jen.Lit(g.cfg.Package+": "+n.Name+": %w"), jen.Err())),
		),
		jen.Id("u").Dot("raw").Op("=").Qual("bytes", "Clone").Call(jen.Id("b")),
		jen.Switch(jen.Id("tag")).Block(cases...),
		last,
	}
}

func hasDiscriminatorValues(u *ir.Union) bool {
	if u.Discriminator == "" {
		return false
	}
	for _, v := range u.Variants {
		if len(v.Values) > 0 {
			return true
		}
	}
	return false
}

// orList joins names as "A", "A or B", "A, B or C".
func orList(names []string) string {
	switch len(names) {
	case 0:
		return "no known variant"
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}
