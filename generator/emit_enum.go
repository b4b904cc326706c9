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
//		return runtime.IsOneOf(string(e), valuesOfPetStatus)
//	}
//
//	var valuesOfPetStatus = []string{"available", "sold"}
//
// A value the API adds later still decodes: the type is a plain string.
// There is no function listing the values (as in stripe-go, go-github and
// openai-go): the constants are the list, and a function per enum cost
// a tenth of a package's compile time. Valid of a string enum looks its
// value up in a list (static data) rather than switching over the values:
// a switch is a binary search compiled into each Valid and again into
// its pointer wrapper (Stripe: 83 KB of machine code in a consumer for
// 214 enums); an enum of numbers or booleans keeps the switch.
func (g *gen) emitEnum(n *ir.Named, e *ir.Enum) []jen.Code {
	g.current = "schema " + n.Name
	base := &ir.Primitive{Kind: ir.String}
	if e.Base != nil {
		base = e.Base
	}
	var consts, known, strs []jen.Code
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
		strs = append(strs, lit)
	}
	out := []jen.Code{
		jen.Add(comment(typeDoc(n)...)).Type().Id(n.Name).Add(g.primType(base)),
	}
	if len(consts) == 0 {
		return out
	}
	valid := jen.Add(comment("Valid reports whether e is one of the values the API documents.")).
		Func().Params(jen.Id("e").Id(n.Name)).Id("Valid").Params().Bool()
	if base.Kind != ir.String {
		return append(out, jen.Const().Defs(consts...), valid.Block(
			jen.Switch(jen.Id("e")).Block(jen.Case(known...).Block(jen.Return(jen.True()))),
			jen.Return(jen.False()),
		))
	}
	values := "valuesOf" + n.Name
	return append(out,
		jen.Const().Defs(consts...),
		valid.Block(jen.Return(jen.Qual(g.rt, "IsOneOf").Call(jen.String().Call(jen.Id("e")), jen.Id(values)))),
		jen.Var().Id(values).Op("=").Index().String().Values(strs...),
	)
}

// enumLit parses an enum value (compact JSON) for a base kind and returns
// its Go literal and a key that is equal for equal values.
func enumLit(kind ir.PrimKind, value string) (jen.Code, string, bool) {
	switch kind {
	case ir.Uint64:
		// past MaxInt64 only a uint64 holds the value: written as an
		// untyped constant, since jen.Lit(uint64) writes a conversion
		u, err := strconv.ParseUint(value, 10, 64)
		if err != nil {
			return nil, "", false
		}
		return jen.Op(strconv.FormatUint(u, 10)), strconv.FormatUint(u, 10), true
	case ir.Int, ir.Int32, ir.Int64, ir.Int8, ir.Int16, ir.Uint8, ir.Uint16, ir.Uint32:
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
