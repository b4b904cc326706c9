package runtime

import (
	"encoding"
	"encoding/json"
	"reflect"
	"strings"
	"sync"
	"unicode"
)

// This file and json_decode.go and json_encode.go hold the JSON codec that
// generated clients decode responses and encode requests with. It reads
// and writes what encoding/json (v1) does, byte for byte, with these
// differences:
//
//   - Member names match struct tags exactly, as JSON and OpenAPI define
//     them: {"NAME": 1} does not fill a field tagged "name". (A field
//     without a name in its tag, which generated code never has, still
//     matches its Go name regardless of case, as in encoding/json.)
//   - A struct field tagged genclient:"unknown" or genclient:"additional"
//     (an Unknown or a map[string]T, also tagged json:"-") receives the members the
//     struct does not declare, and they are encoded after the declared
//     fields, in sorted order. "unknown" is a field that keeps what the
//     schema does not mention (properties an API adds later);
//     "additional" is one the schema declares with additionalProperties.
//     No generated type needs a JSON method for this.
//   - Opt and Nullable are decoded and encoded in place, without calling
//     their JSON methods.
//   - A struct field tagged genclient:"nulls" (a []string, also tagged
//     json:"-"; generated structs call it NullFields) names, by Go name,
//     the fields that are JSON null: a decode lists the fields that came
//     as null, and an encode writes null for each field listed that holds
//     its zero value (a value set wins), omitzero or not. Naming a field
//     the struct does not have is an error.
//   - An integer may come as a JSON string holding its literal ("42"), as
//     proto3 JSON and many servers send 64-bit integers; any other string
//     is a type error. (The strict decode that picks a union's variant
//     does not accept it, so "42" still chooses a string variant.) Every
//     integer in a field tagged genclient:"quoted" (a list or map of
//     them, at any depth) is also written as a JSON string.
//
// It decodes in one pass over the input (encoding/json validates it first
// and then decodes it, and re-validates what each UnmarshalJSON method
// receives), so it is faster than encoding/json. Types it does not know
// how to handle the same way as encoding/json (embedded structs, maps
// with keys that are not strings) are handed to
// encoding/json, as are the values of types with JSON or text methods,
// whose methods are called as encoding/json calls them.
//
// On a syntax error the value decoded into may be partly filled (encoding/json
// leaves it untouched); the error is the one encoding/json reports.

// Unmarshal decodes the JSON value b into v, a non-nil pointer, as
// json.Unmarshal does, with the differences described above: names match
// exactly, the members a struct does not declare are kept in its
// genclient:"unknown" or genclient:"additional" field, and its NullFields
// lists the fields that came as null.
func Unmarshal(b []byte, v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return &json.InvalidUnmarshalError{Type: reflect.TypeOf(v)}
	}
	d := decoder{data: b}
	return d.run(rv.Elem(), codecOf(rv.Type().Elem()))
}

// Marshal encodes v as JSON, as json.Marshal does, with the members kept
// in a struct's genclient:"unknown" or genclient:"additional" field after
// the declared ones, and null for the fields its NullFields names that
// hold no value.
func Marshal(v any) ([]byte, error) {
	e := encoders.Get().(*encoder)
	e.buf = e.buf[:0]
	e.depth = 0
	err := e.value(reflect.ValueOf(v))
	var out []byte
	if err == nil {
		out = append([]byte(nil), e.buf...)
	}
	if cap(e.buf) <= 4<<20 { // as encoding/json, keep big buffers too (up to a bound)
		encoders.Put(e)
	}
	return out, err
}

var encoders = sync.Pool{New: func() any { return &encoder{buf: make([]byte, 0, 1024)} }}

// kind is what the codec does with a type.
type kind uint8

const (
	kFallback kind = iota // encoding/json does it
	kBool                 // bool kinds
	kInt                  // signed integer kinds
	kUint                 // unsigned integer kinds
	kFloat                // float kinds
	kString               // string kinds
	kNumber               // json.Number
	kBytes                // []byte (base64)
	kRaw                  // json.RawMessage
	kSlice                // other slices
	kArray                // arrays
	kMap                  // map with string keys
	kPointer              // pointers
	kAny                  // empty interface
	kIface                // interface with methods
	kStruct               // structs without embedded fields
	kOpt                  // runtime.Opt
	kNullable             // runtime.Nullable
	kMethods              // a type with JSON or text methods
)

// codec is the plan for one Go type. Plans of recursive types point to
// each other; they are built once per type and never change afterwards.
type codec struct {
	t    reflect.Type
	kind kind
	bits int    // size of numbers, in bits
	elem *codec // element, pointee, map value or Opt value

	fields  []field         // struct fields, in order
	byName  map[string]int  // struct: exact JSON name → index in fields
	extra   int             // struct: index of the Go field keeping other members, or -1
	unknown bool            // struct: that field is an Unknown (else a map)
	nulls   int             // struct: index of the Go field tagged genclient:"nulls" (NullFields), or -1
	goNames map[string]int  // struct with nulls: Go field name → index in fields
	folded  []int           // struct: fields named by their Go name, matched regardless of case
	known   map[string]bool // struct: the JSON names of fields (for the extra map)

	scratch sync.Pool // slice: *elemScratch buffers of decoded elements (see fresh)

	// methods: which of them the type (T) or its pointer (P) has.
	jsonT, jsonP, textT, textP, textUnP, jsonUnP bool
	isZeroT, isZeroP                             bool // IsZero, for omitzero
}

// field is a struct field the codec encodes and decodes.
type field struct {
	name      string // JSON name
	goName    string // Go field name (as NullFields names it)
	index     int    // Go field index
	key       []byte // `"name":` as encoding/json writes it
	omitEmpty bool
	omitZero  bool
	quoted    bool // ",string": the value is carried in a JSON string (see quoted.go)
	quoteInts bool // genclient:"quoted": every integer in the value (a list's, a map's) is a JSON string
	c         *codec
}

var (
	codecs   sync.Map // reflect.Type → *codec
	codecsMu sync.Mutex

	jsonMarshalerType   = reflect.TypeFor[json.Marshaler]()
	jsonUnmarshalerType = reflect.TypeFor[json.Unmarshaler]()
	textMarshalerType   = reflect.TypeFor[encoding.TextMarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
	isZeroerType        = reflect.TypeFor[interface{ IsZero() bool }]()
	rawMessageType      = reflect.TypeFor[json.RawMessage]()
	numberType          = reflect.TypeFor[json.Number]()
	anyType             = reflect.TypeFor[any]()
	stringsType         = reflect.TypeFor[[]string]()
)

// codecOf returns the plan for t.
func codecOf(t reflect.Type) *codec {
	if c, ok := codecs.Load(t); ok {
		return c.(*codec)
	}
	codecsMu.Lock()
	defer codecsMu.Unlock()
	if c, ok := codecs.Load(t); ok {
		return c.(*codec)
	}
	building := map[reflect.Type]*codec{}
	c := build(t, building)
	for t, c := range building {
		codecs.Store(t, c)
	}
	return c
}

// build makes the plan for t; building holds the plans being made, so
// that a recursive type refers to its own.
func build(t reflect.Type, building map[reflect.Type]*codec) *codec {
	if c, ok := codecs.Load(t); ok {
		return c.(*codec)
	}
	if c, ok := building[t]; ok {
		return c
	}
	c := &codec{t: t, extra: -1, nulls: -1}
	building[t] = c
	pt := reflect.PointerTo(t)
	switch k := optKind(t); {
	case t == rawMessageType:
		c.kind = kRaw
		return c
	case t == numberType:
		c.kind = kNumber
		return c
	case k != 0: // an Opt or a Nullable
		c.kind = k
		c.elem = build(t.Field(0).Type, building)
		return c
	}
	c.jsonT, c.jsonP = t.Implements(jsonMarshalerType), pt.Implements(jsonMarshalerType)
	c.textT, c.textP = t.Implements(textMarshalerType), pt.Implements(textMarshalerType)
	c.jsonUnP, c.textUnP = pt.Implements(jsonUnmarshalerType), pt.Implements(textUnmarshalerType)
	c.isZeroT, c.isZeroP = t.Implements(isZeroerType), pt.Implements(isZeroerType)
	if c.jsonT || c.jsonP || c.textT || c.textP || c.jsonUnP || c.textUnP {
		if t.Kind() != reflect.Interface {
			c.kind = kMethods
			if t.Kind() == reflect.Pointer {
				c.elem = build(t.Elem(), building)
			}
			return c
		}
	}
	switch t.Kind() {
	case reflect.Bool:
		c.kind = kBool
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		c.kind, c.bits = kInt, t.Bits()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		c.kind, c.bits = kUint, t.Bits()
	case reflect.Float32, reflect.Float64:
		c.kind, c.bits = kFloat, t.Bits()
	case reflect.String:
		c.kind = kString
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 && !reflect.PointerTo(t.Elem()).Implements(jsonMarshalerType) &&
			!reflect.PointerTo(t.Elem()).Implements(textMarshalerType) {
			c.kind = kBytes
			break
		}
		c.kind, c.elem = kSlice, build(t.Elem(), building)
	case reflect.Array:
		c.kind, c.elem = kArray, build(t.Elem(), building)
	case reflect.Map:
		if t.Key().Kind() == reflect.String && !reflect.PointerTo(t.Key()).Implements(textUnmarshalerType) &&
			!t.Key().Implements(textMarshalerType) {
			c.kind, c.elem = kMap, build(t.Elem(), building)
		}
	case reflect.Pointer:
		c.kind, c.elem = kPointer, build(t.Elem(), building)
	case reflect.Interface:
		c.kind = kIface
		if t.NumMethod() == 0 {
			c.kind = kAny
		}
	case reflect.Struct:
		if buildStruct(c, building) {
			c.kind = kStruct
		}
	}
	return c
}

// buildStruct fills the fields of the struct plan c and reports whether
// the codec handles the struct itself: false for embedded fields and names
// that two fields share, which encoding/json's rules resolve.
func buildStruct(c *codec, building map[reflect.Type]*codec) bool {
	t := c.t
	c.byName = map[string]int{}
	c.known = map[string]bool{}
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous {
			return false
		}
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("json")
		if tag == "-" {
			if g := f.Tag.Get("genclient"); (g == "unknown" || g == "additional") &&
				(f.Type.Kind() == reflect.Map && f.Type.Key().Kind() == reflect.String || f.Type == unknownType) {
				c.extra = i
				c.unknown = f.Type == unknownType
			}
			if f.Tag.Get("genclient") == "nulls" && f.Type == stringsType {
				c.nulls = i
			}
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if !validJSONTagName(name) {
			name = f.Name
			c.folded = append(c.folded, len(c.fields))
		}
		fd := field{name: name, goName: f.Name, index: i, quoteInts: f.Tag.Get("genclient") == "quoted"}
		for opts != "" {
			var o string
			o, opts, _ = strings.Cut(opts, ",")
			switch o {
			case "omitempty":
				fd.omitEmpty = true
			case "omitzero":
				fd.omitZero = true
			case "string":
				fd.quoted = true
			}
		}
		if _, dup := c.byName[name]; dup {
			return false
		}
		fd.key = append(appendString(nil, name), ':')
		c.byName[name] = len(c.fields)
		c.known[name] = true
		c.fields = append(c.fields, fd)
	}
	for i := range c.fields {
		c.fields[i].c = build(t.Field(c.fields[i].index).Type, building)
	}
	if c.extra >= 0 && !c.unknown {
		c.elem = build(t.Field(c.extra).Type.Elem(), building)
	}
	if c.nulls >= 0 {
		c.goNames = make(map[string]int, len(c.fields))
		for i, f := range c.fields {
			c.goNames[f.goName] = i
		}
	}
	return true
}

// validJSONTagName is encoding/json's isValidTag: a name it accepts from
// a struct tag.
func validJSONTagName(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c):
		case !unicode.IsLetter(c) && !unicode.IsDigit(c):
			return false
		}
	}
	return true
}
