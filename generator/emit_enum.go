package generator

import (
	"encoding/json"
	"strconv"

	"github.com/dave/jennifer/jen"

	"github.com/genclient/genclient/ir"
)

// emitEnum emits an enum as a defined type, its constants and Valid:
//
//	// PetStatus is the status of a pet.
//	type PetStatus string
//
//	const (
//		PetStatusAvailable PetStatus = "available"
//		PetStatusSold      PetStatus = "sold"
//	)
//
//	// Valid reports whether e is one of the values the API documents.
//	func (e PetStatus) Valid() bool {
//		switch e {
//		case PetStatusAvailable, PetStatusSold:
//			return true
//		}
//		return false
//	}
//
//	// PetStatusValues returns the values the API documents, in its order.
//	func PetStatusValues() []PetStatus {
//		return []PetStatus{PetStatusAvailable, PetStatusSold}
//	}
//
// A value the API adds later still decodes: the type is a plain string.
// The list is a function, not a variable, so callers cannot change it.
func (g *gen) emitEnum(n *ir.Named, e *ir.Enum) []jen.Code {
	g.current = "schema " + n.Name
	base := &ir.Primitive{Kind: ir.String}
	if e.Base != nil {
		base = e.Base
	}
	var consts, known []jen.Code
	seen := map[string]bool{}
	for _, v := range e.Values {
		lit, key, ok := enumLit(base.Kind, v.Value)
		if !ok || seen[key] {
			continue
		}
		seen[key] = true
		consts = append(consts, jen.Add(comment(docParas(v.Name, v.Doc, "value")...)).
			Id(v.Name).Id(n.Name).Op("=").Add(lit))
		known = append(known, jen.Id(v.Name))
	}
	out := []jen.Code{
		jen.Add(comment(typeDoc(n)...)).Type().Id(n.Name).Add(g.primType(base)),
	}
	if len(consts) == 0 {
		return out
	}
	out = append(out,
		jen.Const().Defs(consts...),
		jen.Add(comment("Valid reports whether e is one of the values the API documents.")).
			Func().Params(jen.Id("e").Id(n.Name)).Id("Valid").Params().Bool().Block(
			jen.Switch(jen.Id("e")).Block(jen.Case(known...).Block(jen.Return(jen.True()))),
			jen.Return(jen.False()),
		),
		jen.Add(comment(enumValuesFunc(n, e)+" returns the values the API documents for "+n.Name+", in the document's order; a new slice on every call.")).
			Func().Id(enumValuesFunc(n, e)).Params().Index().Id(n.Name).Block(
			jen.Return(jen.Index().Id(n.Name).Values(known...)),
		),
	)
	return out
}

// enumValuesFunc is the name of the function listing an enum's values.
func enumValuesFunc(n *ir.Named, e *ir.Enum) string {
	if e.ValuesFunc != "" {
		return e.ValuesFunc
	}
	return n.Name + "Values"
}

// enumLit parses an enum value (compact JSON) for a base kind and returns
// its Go literal and a key that is equal for equal values.
func enumLit(kind ir.PrimKind, value string) (jen.Code, string, bool) {
	switch kind {
	case ir.Int, ir.Int32, ir.Int64, ir.Int8, ir.Int16, ir.Uint8, ir.Uint16, ir.Uint32, ir.Uint64:
		i, err := strconv.ParseInt(value, 10, 64)
		if err != nil {
			return nil, "", false
		}
		return jen.Lit(int(i)), strconv.FormatInt(i, 10), true
	case ir.Float32, ir.Float64:
		f, err := strconv.ParseFloat(value, 64)
		if err != nil {
			return nil, "", false
		}
		return jen.Lit(f), strconv.FormatFloat(f, 'g', -1, 64), true
	case ir.Bool:
		b, err := strconv.ParseBool(value)
		if err != nil {
			return nil, "", false
		}
		return jen.Lit(b), value, true
	}
	var s string
	if err := json.Unmarshal([]byte(value), &s); err != nil {
		return nil, "", false
	}
	return jen.Lit(s), s, true
}
