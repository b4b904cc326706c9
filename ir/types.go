package ir

// Type is a Go-level type of the API. It is a sealed interface: the
// implementations are the types of this file.
type Type interface{ isType() }

// PrimKind is the kind of a primitive.
type PrimKind int

// Primitive kinds, with the Go type the generator emits for each.
const (
	String   PrimKind = iota // string
	Int                      // int (integer without format)
	Int32                    // int32
	Int64                    // int64
	Float32                  // float64 too (format float; see the generator's primType)
	Float64                  // float64 (number without format, double)
	Bool                     // bool
	DateTime                 // time.Time (format date-time)
	Date                     // runtime.Date (format date)
	UUID                     // string, documented as a UUID (format uuid)
	Bytes                    // []byte, base64 in JSON (format byte)
	Binary                   // io.Reader in requests, streamed body in responses (format binary)
	Int8                     // int8
	Int16                    // int16
	Uint8                    // uint8
	Uint16                   // uint16
	Uint32                   // uint32
	Uint64                   // uint64
)

// IsInteger reports whether k is an integer kind.
func IsInteger(k PrimKind) bool {
	switch k {
	case Int, Int8, Int16, Int32, Int64, Uint8, Uint16, Uint32, Uint64:
		return true
	}
	return false
}

// Primitive is a scalar.
type Primitive struct {
	Kind   PrimKind
	Format string // the document's format, kept for docs; may be unknown
	// Quoted is set on an integer the JSON carries as a string ("type:
	// string" with an integer format, as proto3 JSON and many APIs send
	// 64-bit integers so that no double rounds them): the Go type is the
	// integer, encoded with encoding/json's ",string" convention.
	Quoted bool
}

// Array is a JSON array.
type Array struct {
	Elem Type
}

// Map is a JSON object used as a dictionary (additionalProperties with no
// properties of its own).
type Map struct {
	Elem Type // *Any for a free-form object
}

// Any is a value of unknown or free shape: decoded as raw JSON.
type Any struct{}

// Nullable marks a use site where JSON null is allowed in addition to the
// values of Elem. It never wraps another *Nullable.
type Nullable struct {
	Elem Type
}

// Named is a named type: a component schema or a hoisted inline schema.
// Uses refer to the same *Named pointer that API.Types holds.
type Named struct {
	Name string // exported Go identifier, unique among the package's names
	Doc  Doc
	// Type is *Struct, *Enum, *Union, or another Type for a named alias
	// of a primitive, array or map.
	Type Type
	// Ref is where the schema came from: "#/components/schemas/Pet", or
	// the JSON pointer of an inline schema.
	Ref string
	Pos Pos

	// Example is the schema's example as compact JSON, "" if none.
	Example string
	// Examples holds every example of the schema: its example, then the
	// entries of its 3.1 examples array, in document order; a loader that
	// checks examples adds those made from the parts of the schema without
	// a named type (the items of an alias of an array, the variants of a
	// union, ...: see Example.Part).
	Examples []Example
	// Usage tells whether the type is sent, received or both; it lets the
	// generator leave readOnly fields out of request types and writeOnly
	// fields out of response types.
	Usage Usage
}

// Example is one example of a schema or a media type.
type Example struct {
	// Name is the key of a media type's examples entry; "" for an example
	// keyword and for schema examples.
	Name string
	JSON string // compact JSON
	// Part is set on an example made from that of a part of the schema
	// that has no named type of its own (only when the loader checks
	// examples, loader.Options.CheckExamples): the path from the schema to
	// the part ("items", "items/items", "additionalProperties",
	// "anyOf/0"). Its JSON is that example as a value of the schema: an
	// items example ex is [ex], an additionalProperties one {"key": ex}.
	Part string
	// Invalid says why the example does not validate against its own
	// schema (a media type's: its schema); "" when it does, when there is
	// no schema, or when the loader was not asked to check
	// (loader.Options.CheckExamples).
	Invalid string
}

// Usage is a set of the directions a named type travels in.
type Usage uint8

// Usage bits.
const (
	UsedInRequest Usage = 1 << iota
	UsedInResponse
)

// Struct is a JSON object with declared properties.
type Struct struct {
	Fields []*Field // in document order (allOf parts in order)
	// Additional is the type of undeclared properties: *Any for "true" or
	// when the schema says nothing (see Unknown), nil when such properties
	// are dropped (loader.Options.DropUnknown) or forbidden (Closed).
	Additional Type
	// Unknown is true when Additional is set only to keep the properties
	// an API adds after its document was written: the schema does not
	// mention additionalProperties.
	Unknown bool
	// Closed is true for additionalProperties: false.
	Closed bool
}

// Field is one property of a Struct.
type Field struct {
	Name      string // exported Go identifier, unique within the struct
	JSONName  string // exact property name
	Type      Type   // may be *Nullable
	Required  bool
	ReadOnly  bool
	WriteOnly bool
	Doc       Doc
	Default   string // the default as compact JSON, "" if none
	Example   string // compact JSON, "" if none
	Const     string // compact JSON for a 3.1 const, "" if none
	// Examples holds every example of the property's schema (for a $ref,
	// the referenced schema's), as Named.Examples does: Example is the
	// first one's JSON. A loader that checks examples adds those made from
	// the parts of the schema without a named type (see Example.Part).
	Examples []Example
}

// Enum is a closed list of scalar values; unknown values still decode.
type Enum struct {
	Base   *Primitive   // String, Int, Int32, Int64, Float64 or Bool
	Values []*EnumValue // in document order
	// ValuesFunc is the Go name of the function listing the documented
	// values ("PetStatusValues"), unique among the package's names.
	ValuesFunc string
}

// EnumValue is one value of an Enum.
type EnumValue struct {
	Name  string // the constant's Go name, already prefixed with the type's name
	Value string // the value as compact JSON: "\"open\"", "42"
	Doc   Doc
	// Label is the name the document gives the value (a const variant's
	// title, an x-enum-varnames entry), "" if none; Name is made from it.
	Label string
}

// UnionKind says whether exactly one or at least one variant matches.
type UnionKind int

// Union kinds.
const (
	OneOf UnionKind = iota
	AnyOf
)

// Union is a oneOf or anyOf.
type Union struct {
	Kind     UnionKind
	Variants []*Variant
	// Discriminator is the property that selects the variant; "" when the
	// document declares none.
	Discriminator string
}

// Variant is one alternative of a Union.
type Variant struct {
	Name string // Go identifier of the variant within the union: "Pet", "String"
	Type Type
	// Values are the discriminator values that select this variant, from
	// the mapping and the variant's own const or single enum value on the
	// discriminator property, or defaulted to the schema name; sorted.
	Values []string
	// Tag is the discriminator value an encoded variant carries when its
	// own property is empty: the variant's const, else one of Values; ""
	// when the union has no discriminator.
	Tag string
	// Ctor is the Go name of the function that builds the union from this
	// variant ("NewShapeCircle"), unique among the package's names.
	Ctor string
}

func (*Primitive) isType() {}
func (*Array) isType()     {}
func (*Map) isType()       {}
func (*Any) isType()       {}
func (*Nullable) isType()  {}
func (*Named) isType()     {}
func (*Struct) isType()    {}
func (*Enum) isType()      {}
func (*Union) isType()     {}
