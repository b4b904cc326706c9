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
	if u.Discriminator != "" {
		out = append(out, g.unionTags(n, u))
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
	return jen.Add(comment("Unknown reports whether u holds a value whose "+q+" this client does not know, and returns that "+q+"; Raw returns the value.")).
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

// unionMarshal emits one runtime call, driven by the union's fields (its
// variants, in order) and, with a discriminator, its tags (see
// unionTags):
//
//	// MarshalJSON encodes the variant that is set (see runtime.MarshalUnion).
//	func (u Shape) MarshalJSON() ([]byte, error) {
//		return runtime.MarshalUnion(&u, u.raw, "pkg: Shape", nil)
//	}
func (g *gen) unionMarshal(n *ir.Named, u *ir.Union) jen.Code {
	return jen.Add(comment("MarshalJSON encodes the variant that is set (see runtime.MarshalUnion).")).
		Func().Params(jen.Id("u").Id(n.Name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Return(jen.Qual(g.rt, "MarshalUnion").Call(jen.Op("&").Id("u"), jen.Id("u").Dot("raw"),
			jen.Lit(g.cfg.Package+": "+n.Name), g.unionTagsRef(n, u))),
	)
}

// unionUnmarshal emits:
//
//	// UnmarshalJSON decodes the variant b holds (see runtime.UnmarshalUnion).
//	func (u *Shape) UnmarshalJSON(b []byte) error {
//		return runtime.UnmarshalUnion(b, u, &u.raw, "pkg: Shape", nil)
//	}
func (g *gen) unionUnmarshal(n *ir.Named, u *ir.Union) jen.Code {
	return jen.Add(comment("UnmarshalJSON decodes the variant b holds (see runtime.UnmarshalUnion).")).
		Func().Params(jen.Id("u").Op("*").Id(n.Name)).Id("UnmarshalJSON").Params(jen.Id("b").Index().Byte()).Error().
		Block(jen.Return(jen.Qual(g.rt, "UnmarshalUnion").Call(jen.Id("b"), jen.Id("u"), jen.Op("&").Id("u").Dot("raw"),
			jen.Lit(g.cfg.Package+": "+n.Name), g.unionTagsRef(n, u))))
}

// unionTagsName is the package variable holding a discriminated union's
// tags.
func unionTagsName(n *ir.Named) string { return "tagsOf" + n.Name }

// unionTagsRef is the tags argument of the union's JSON methods: nil, or
// the variable unionTags declares.
func (g *gen) unionTagsRef(n *ir.Named, u *ir.Union) jen.Code {
	if u.Discriminator == "" {
		return jen.Nil()
	}
	return jen.Id(unionTagsName(n))
}

// unionTags emits, for a union with a discriminator, the table its JSON
// methods read: the discriminator values that select each variant (a
// value selects the first variant listing it) and the value an encoded
// struct variant is sent with when its own is empty. It is static data,
// not code:
//
//	var tagsOfPet = &runtime.UnionTags{Property: "petType",
//		Values: [][]string{{"Cat", "cat"}, {"dog"}}, Fill: []string{"cat", "dog"}}
func (g *gen) unionTags(n *ir.Named, u *ir.Union) jen.Code {
	seen := map[string]bool{}
	var values, fill []jen.Code
	anyFill := false
	for _, v := range u.Variants {
		var vals []jen.Code
		for _, val := range v.Values {
			if !seen[val] {
				seen[val] = true
				vals = append(vals, jen.Lit(val))
			}
		}
		if len(vals) == 0 {
			values = append(values, jen.Nil())
		} else {
			values = append(values, jen.Values(vals...))
		}
		tag := ""
		if v.Tag != "" && ir.StructOf(variantElem(v)) != nil {
			tag, anyFill = v.Tag, true
		}
		fill = append(fill, jen.Lit(tag))
	}
	d := jen.Dict{jen.Id("Property"): jen.Lit(u.Discriminator)}
	if hasDiscriminatorValues(u) {
		d[jen.Id("Values")] = jen.Index().Index().String().Values(values...)
	}
	if anyFill {
		d[jen.Id("Fill")] = jen.Index().String().Values(fill...)
	}
	return jen.Var().Id(unionTagsName(n)).Op("=").Op("&").Qual(g.rt, "UnionTags").Values(d)
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
