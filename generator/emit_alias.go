package generator

import (
	"github.com/dave/jennifer/jen"

	"github.com/genclient/genclient/ir"
)

// emitAlias emits a named schema that is not an object, enum or union:
//
//	type PetNames []string         // arrays and maps: a defined type
//	type Tag map[string]Pet
//	type Name = string             // scalars: an alias
//	type Revision = int64          // an integer carried as a string: fields quote it
//	type Stamp = time.Time         // types with JSON methods: an alias, which keeps them
//	type Raw = json.RawMessage
//	type NewPet = Pet              // a schema that is another schema
//
// A scalar schema without an enum ("tempo": a number) is an alias, as in
// oapi-codegen, rather than a defined type, as in ogen: its name and
// documentation stay, a value needs no conversion (go-github and
// stripe-go use the plain types), and an optional field of it is an
// Opt of the plain type. A defined type would be one more instantiation
// of Opt, whose methods every package that names it compiles again (17
// functions each; Spotify's package compiled 102 for six of them).
func (g *gen) emitAlias(n *ir.Named) []jen.Code {
	g.current = "schema " + n.Name
	doc := comment(typeDoc(n)...)
	decl := jen.Add(doc).Type().Id(n.Name)
	// A schema that is an integer carried as a string (or a list or map of
	// them) is a Go integer type; the fields that use it carry the quotes
	// (see quoted and quotedItems).
	t := unquoted(n.Type)
	switch t.(type) {
	case *ir.Array, *ir.Map:
		return []jen.Code{decl.Add(g.valueType(t))}
	}
	// Anything else is an alias: a scalar (above); a type with JSON
	// methods (time.Time, runtime.Date, []byte, json.RawMessage), which a
	// defined type would lose; another schema, a nullable one.
	return []jen.Code{decl.Op("=").Add(g.valueType(t))}
}
