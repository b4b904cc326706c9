package generator

import (
	"github.com/dave/jennifer/jen"

	"github.com/genclient/genclient/ir"
)

// shape is what a type is once named aliases are followed: it decides how
// optional and nullable uses of the type are written.
type shape int

const (
	shapeScalar  shape = iota // primitives, enums, aliases of them: Opt[T] when optional
	shapeStruct               // structs and unions: *T when optional
	shapeNilable              // slices, maps, []byte, raw JSON: nil when absent
	shapeAny                  // free-form JSON: json.RawMessage
)

// shapeOf classifies t.
func shapeOf(t ir.Type) shape {
	switch t := t.(type) {
	case *ir.Primitive:
		if t.Kind == ir.Bytes {
			return shapeNilable
		}
		return shapeScalar
	case *ir.Array, *ir.Map:
		return shapeNilable
	case *ir.Any:
		return shapeAny
	case *ir.Nullable:
		return shapeOf(t.Elem)
	case *ir.Named:
		switch u := t.Type.(type) {
		case *ir.Struct, *ir.Union:
			return shapeStruct
		case *ir.Enum:
			return shapeScalar
		case *ir.Any:
			return shapeNilable // an alias of json.RawMessage
		default:
			return shapeOf(u)
		}
	}
	return shapeAny
}

// valueType returns the Go type of t where a value is always present:
// required fields, slice elements, map values, alias targets.
//
//	string, int64, time.Time, runtime.Date, []byte, json.RawMessage
//	[]Pet, map[string]Pet, runtime.Nullable[Pet], Pet
func (g *gen) valueType(t ir.Type) *jen.Statement {
	switch t := t.(type) {
	case *ir.Primitive:
		return g.primType(t)
	case *ir.Array:
		return jen.Index().Add(g.elemType(t.Elem))
	case *ir.Map:
		return jen.Map(jen.String()).Add(g.elemType(t.Elem))
	case *ir.Nullable:
		if shapeOf(t.Elem) == shapeAny {
			return rawMessage()
		}
		return jen.Qual(g.rt, "Nullable").Types(g.valueType(t.Elem))
	case *ir.Named:
		return jen.Id(t.Name)
	}
	// *ir.Any, and inline shapes the loader promises to hoist.
	return rawMessage()
}

// primType returns the Go type of a primitive in a JSON model. Binary
// appears here only inside a model, where it is a string of octets;
// request bodies and responses of binary type are streamed instead.
//
// A number of format float is a float64 too. JSON numbers are doubles, and
// a server that computes in double precision sends values a float32 would
// round without a word (DigitalOcean's price_hourly example,
// 0.00743999984115362, comes back as 0.00744) or fail to decode when they
// exceed its range (3.5e38); the format is a hint about the server's
// storage, not a promise about the wire. go-github and openai-go make the
// same choice.
//
// An integer carried as a JSON string (Quoted) is a Go integer only where
// encoding/json's ",string" option or parameter formatting carries the
// quotes: struct fields and parameters, and the lists and maps they hold
// (see unquoted); as a whole body, or inside a named list type, it stays a string.
func (g *gen) primType(p *ir.Primitive) *jen.Statement {
	if p.Quoted {
		return jen.String()
	}
	switch p.Kind {
	case ir.Int:
		return jen.Int()
	case ir.Int32:
		return jen.Int32()
	case ir.Int64:
		return jen.Int64()
	case ir.Int8:
		return jen.Int8()
	case ir.Int16:
		return jen.Int16()
	case ir.Uint8:
		return jen.Uint8()
	case ir.Uint16:
		return jen.Uint16()
	case ir.Uint32:
		return jen.Uint32()
	case ir.Uint64:
		return jen.Uint64()
	case ir.Float32, ir.Float64:
		return jen.Float64()
	case ir.Bool:
		return jen.Bool()
	case ir.DateTime:
		return jen.Qual("time", "Time")
	case ir.Date:
		return jen.Qual(g.rt, "Date")
	case ir.Bytes:
		return jen.Index().Byte()
	}
	return jen.String() // String, UUID, Binary
}

// elemType is the type of a slice element, a map value or a paginated
// method's item: valueType, but a nullable one is nil for null, as a
// required nullable field is (see optType): a pointer to a struct, union
// or scalar, a slice or map itself. A runtime.Nullable of each would cost
// every package importing the client the methods of the instantiation.
func (g *gen) elemType(t ir.Type) *jen.Statement {
	if n, ok := t.(*ir.Nullable); ok {
		switch shapeOf(n.Elem) {
		case shapeStruct, shapeScalar:
			return jen.Op("*").Add(g.valueType(n.Elem))
		case shapeNilable:
			return g.valueType(n.Elem)
		}
	}
	return g.valueType(t)
}

func rawMessage() *jen.Statement { return jen.Qual("encoding/json", "RawMessage") }

// fieldType returns the Go type of a struct field:
//
//	required            T (or *T to break a cycle)
//	optional scalar     runtime.Opt[T]
//	optional enum       T, "" absent (see zeroAbsent)
//	optional struct     *T
//	optional slice/map  []T, map[string]T (nil is absent)
//	required nullable   *T for a struct or union, nil for null
//	free-form           json.RawMessage
//
// Any other nullable field is what it would be if it were not nullable:
// its struct's NullFields (see nullField) says when it is null. A
// runtime.Nullable per field type would cost every package that imports
// the client the methods of each instantiation again (Microsoft Graph's
// entities, sent and received: 990 of them, 20 s of CPU to rebuild a
// consumer after an edit to its main.go).
func (g *gen) fieldType(f *ir.Field) *jen.Statement {
	if t := notNull(f.Type); t != f.Type && f.Required && shapeOf(t) == shapeStruct {
		// Present, as null or a value: a pointer, nil for null, as
		// go-github writes it.
		return jen.Op("*").Add(g.valueType(t))
	}
	return g.useType(f.Type, f.Required, g.ptrFields[f])
}

// nullField reports whether f is a nullable field whose Go type cannot
// hold null by itself (see fieldType): its struct has a NullFields list.
// A required nullable pointer, slice, map or raw JSON field is nil for
// null.
func nullField(f *ir.Field) bool {
	n, ok := unquoted(f.Type).(*ir.Nullable)
	if !ok {
		return false
	}
	switch shapeOf(n.Elem) {
	case shapeAny:
		return false
	case shapeStruct, shapeNilable:
		return !f.Required
	}
	return true // a scalar (a struct field's pointer breaks a cycle of structs only)
}

// useType is fieldType for any use site: optional parameters use it too.
// A nullable t is used as if it were not (see notNull).
func (g *gen) useType(t ir.Type, required, ptr bool) *jen.Statement {
	t = notNull(t)
	if !required && zeroAbsent(t) {
		return g.valueType(t)
	}
	return g.optType(t, required, ptr)
}

// optType is useType with every optional scalar an Opt, for the uses
// where an empty string would still be sent (multipart fields). A
// nullable free-form value is json.RawMessage, as a free-form one is.
func (g *gen) optType(t ir.Type, required, ptr bool) *jen.Statement {
	t = unquoted(notNull(t))
	if required {
		if ptr {
			return jen.Op("*").Add(g.valueType(t))
		}
		return g.valueType(t)
	}
	switch shapeOf(t) {
	case shapeStruct:
		return jen.Op("*").Add(g.valueType(t))
	case shapeNilable, shapeAny:
		return g.valueType(t)
	}
	return jen.Qual(g.rt, "Opt").Types(g.valueType(t))
}

// quoted reports whether t is an integer carried as a JSON string, or a
// nullable one, or a named schema that is one: a struct field of that type
// is tagged ",string".
func quoted(t ir.Type) bool {
	if n, ok := t.(*ir.Nullable); ok {
		t = n.Elem
	}
	for range 8 { // a schema that is another schema, a few deep
		n, ok := t.(*ir.Named)
		if !ok {
			break
		}
		t = n.Type
	}
	p, ok := t.(*ir.Primitive)
	return ok && p.Quoted
}

// unquoted returns t with its quoted integers (see quoted) made plain
// ones, at any depth of lists and maps, for the use sites where the
// ",string" or genclient:"quoted" tag or parameter formatting writes the
// quotes: fields and parameters.
func unquoted(t ir.Type) ir.Type {
	switch x := t.(type) {
	case *ir.Primitive:
		if x.Quoted {
			return &ir.Primitive{Kind: x.Kind, Format: x.Format}
		}
	case *ir.Nullable:
		if e := unquoted(x.Elem); e != x.Elem {
			return &ir.Nullable{Elem: e}
		}
	case *ir.Array:
		if e := unquoted(x.Elem); e != x.Elem {
			return &ir.Array{Elem: e}
		}
	case *ir.Map:
		if e := unquoted(x.Elem); e != x.Elem {
			return &ir.Map{Elem: e}
		}
	}
	return t
}

// quotedItems reports whether t is a list or map (of lists or maps, at any
// depth, named or not) of integers carried as JSON strings: a struct field
// of that type is tagged genclient:"quoted", and the runtime's codec quotes
// each one.
func quotedItems(t ir.Type) bool {
	for range 8 {
		switch x := t.(type) {
		case *ir.Nullable:
			t = x.Elem
			continue
		case *ir.Named:
			t = x.Type
			continue
		case *ir.Array:
			return quoted(x.Elem) || quotedItems(x.Elem)
		case *ir.Map:
			return quoted(x.Elem) || quotedItems(x.Elem)
		}
		return false
	}
	return false
}

// isBinary reports whether t is a binary primitive or an alias of one.
func isBinary(t ir.Type) bool {
	switch t := t.(type) {
	case *ir.Primitive:
		return t.Kind == ir.Binary
	case *ir.Nullable:
		return isBinary(t.Elem)
	case *ir.Named:
		return isBinary(t.Type)
	}
	return false
}

// nilable reports whether the Go type of t (as valueType writes it) can
// be nil: slices, maps, raw JSON.
func nilable(t ir.Type) bool {
	s := shapeOf(t)
	if _, ok := t.(*ir.Nullable); ok {
		return s == shapeAny
	}
	return s == shapeNilable || s == shapeAny
}

// zeroAbsent reports whether an optional use of t is t itself, its empty
// string meaning absent: a string enum that does not document "" (as
// openai-go does). An Opt of it would cost the compiler twenty method
// wrappers for each enum type; the empty string is sent by no one and
// `omitzero` leaves it out. Optional parameters and multipart fields of
// such a type are only added to the call when they are not "" (see
// partZeroAbsent).
func zeroAbsent(t ir.Type) bool {
	n, ok := t.(*ir.Named)
	if !ok {
		return false
	}
	e, ok := n.Type.(*ir.Enum)
	if !ok || e.Base != nil && (e.Base.Kind != ir.String || e.Base.Quoted) {
		return false
	}
	for _, v := range e.Values {
		if v.Value == `""` {
			return false
		}
	}
	return true
}
