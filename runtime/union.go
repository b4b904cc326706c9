package runtime

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
)

// This file holds what generated oneOf/anyOf unions share, so that each
// generated package only declares the union types and two short methods.
//
// Decoding without a discriminator tries the variants in document order,
// first strictly, then leniently:
//
//   - strict: the value has the variant's JSON type, every required
//     property (a struct field without omitzero or omitempty) is present, no
//     property is undeclared (unless the variant's schema declares
//     additionalProperties; keeping unknown properties does not count) and
//     an enum holds one of its documented values;
//   - lenient: as strict, but undeclared properties and unknown enum
//     values are accepted, because servers add both over time.
//
// When no variant decodes, DecodeUnion reports an error.
//
// Round trip. A union keeps the JSON it was decoded from. While the chosen
// variant is unmodified, MarshalVariant returns those bytes verbatim, so
// calling MarshalJSON on a decoded union returns its input byte for byte.
// json.Marshal compacts (and HTML-escapes) what a MarshalJSON method
// returns, so through json.Marshal the guarantee is: the output equals the
// input after json.Compact, with <, > and & escaped as \u003c, \u003e and
// \u0026 as json.Marshal always does.

// Variant is one alternative of a union being decoded: a target field and
// how to decode into it. Build one with VariantPtr or VariantVal.
//
// For generated code.
type Variant struct {
	decode func(b []byte, strict bool) bool
}

// VariantPtr is the variant whose field is a pointer (to a struct, a
// scalar or a union): p is the address of that field, a **T. On success
// the field is set to the decoded value.
//
// VariantPtr and VariantVal take any rather than a type parameter on
// purpose: a generic version is compiled once per variant type, which for
// an API with hundreds of unions costs seconds of build time, while this
// one is compiled once.
//
// For generated code.
func VariantPtr(p any) Variant {
	field := reflect.ValueOf(p)
	if field.Kind() != reflect.Pointer || field.IsNil() || field.Elem().Kind() != reflect.Pointer {
		return Variant{decode: func([]byte, bool) bool { return false }}
	}
	return Variant{decode: func(b []byte, strict bool) bool {
		v := reflect.New(field.Elem().Type().Elem())
		if !decodeStrict(b, v.Interface(), strict) {
			return false
		}
		field.Elem().Set(v)
		return true
	}}
}

// VariantVal is the variant whose field is a slice, map or json.RawMessage
// (nil when unset): p is the address of that field. On success the field
// is set to the decoded value.
//
// For generated code.
func VariantVal(p any) Variant {
	field := reflect.ValueOf(p)
	if field.Kind() != reflect.Pointer || field.IsNil() {
		return Variant{decode: func([]byte, bool) bool { return false }}
	}
	return Variant{decode: func(b []byte, strict bool) bool {
		v := reflect.New(field.Elem().Type())
		if !decodeStrict(b, v.Interface(), strict) {
			return false
		}
		field.Elem().Set(v.Elem())
		return true
	}}
}

// DecodeUnion decodes b into the first variant that matches strictly, else
// the first that matches leniently (see the top of this file). name is
// used in the error, e.g. "petstore: Shape".
//
// For generated code.
func DecodeUnion(b []byte, name string, variants ...Variant) error {
	for _, strict := range [...]bool{true, false} {
		for _, v := range variants {
			if v.decode(b, strict) {
				return nil
			}
		}
	}
	return fmt.Errorf("%s: the value matches no variant: %q", name, snippet(bytes.TrimSpace(b), 64))
}

// IsNull reports whether b is the JSON literal null.
//
// For generated code.
func IsNull(b []byte) bool { return string(bytes.TrimSpace(b)) == "null" }

// Discriminator returns the string value of the property prop of the JSON
// object b, or "" when it has none.
//
// For generated code.
func Discriminator(b []byte, prop string) (string, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(b, &obj); err != nil {
		var ute *json.UnmarshalTypeError
		if errors.As(err, &ute) {
			// The value is valid JSON but not an object: say what the
			// union wants, not what encoding/json decoded into.
			return "", fmt.Errorf("the value is a JSON %s, not an object with a discriminator %q: %q", ute.Value, prop, snippet(bytes.TrimSpace(b), 64))
		}
		return "", err
	}
	raw, ok := obj[prop]
	if !ok {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", fmt.Errorf("discriminator %q: %w", prop, err)
	}
	return s, nil
}

// MarshalVariant encodes v, a pointer to the variant of a union decoded
// from raw (nil for a union built by the caller). While v is unmodified
// (it encodes as what raw decodes to), raw is returned as received.
//
// For generated code.
func MarshalVariant(v any, raw json.RawMessage) ([]byte, error) {
	b, err := Marshal(v)
	if err != nil || raw == nil {
		return b, err
	}
	t := reflect.TypeOf(v)
	if t.Kind() != reflect.Pointer {
		return b, nil
	}
	orig := reflect.New(t.Elem()).Interface()
	if Unmarshal(raw, orig) == nil {
		if ob, err := Marshal(orig); err == nil && bytes.Equal(ob, b) {
			return raw, nil
		}
	}
	return b, nil
}

// OneVariant returns an error naming the union when more than one of set
// is true: a union value holds one variant, and sending the first of
// several would hide a mistake. MarshalJSON of a generated union calls it.
//
// For generated code.
func OneVariant(name string, set ...bool) error {
	n := 0
	for _, s := range set {
		if s {
			n++
		}
	}
	if n > 1 {
		return fmt.Errorf("%s: %d variants set; set exactly one", name, n)
	}
	return nil
}

// MarshalTagged is MarshalVariant for a variant of a discriminated union:
// when v encodes as a JSON object whose property prop is missing or the
// empty string, it is sent with prop set to tag, the value that selects
// the variant. A decoded, unmodified value is returned as received.
//
// For generated code.
func MarshalTagged(v any, raw json.RawMessage, prop, tag string) ([]byte, error) {
	b, err := MarshalVariant(v, raw)
	if err != nil || raw != nil && bytes.Equal(b, raw) {
		return b, err
	}
	return fillTag(b, prop, tag)
}

// fillTag sets prop to tag in the compact JSON object b when it is
// missing or "".
func fillTag(b []byte, prop, tag string) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return b, nil
	}
	tb, err := json.Marshal(tag)
	if err != nil {
		return nil, err
	}
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return b, nil
		}
		start := dec.InputOffset() // just after the key
		var val json.RawMessage
		if err := dec.Decode(&val); err != nil {
			return b, nil
		}
		end := dec.InputOffset()
		if k, _ := kt.(string); k != prop {
			continue
		}
		if string(val) != `""` {
			return b, nil
		}
		out := make([]byte, 0, len(b)+len(tb))
		out = append(out, b[:start]...)
		out = append(out, ':')
		out = append(out, tb...)
		return append(out, b[end:]...), nil
	}
	pb, err := json.Marshal(prop)
	if err != nil {
		return nil, err
	}
	i := bytes.IndexByte(b, '{') + 1
	out := make([]byte, 0, len(b)+len(pb)+len(tb)+2)
	out = append(out, b[:i]...)
	out = append(out, pb...)
	out = append(out, ':')
	out = append(out, tb...)
	if rest := bytes.TrimSpace(b[i:]); len(rest) > 0 && rest[0] != '}' {
		out = append(out, ',')
	}
	return append(out, b[i:]...), nil
}

// MarshalUnset is what a union with no variant set encodes as: the JSON it
// was decoded from (a value of a variant this client does not know), or an
// error naming the union when it has none.
//
// For generated code.
func MarshalUnset(raw json.RawMessage, name string) ([]byte, error) {
	if raw != nil {
		return raw, nil
	}
	return nil, errors.New(name + ": no variant set")
}

// decodeStrict decodes b into v (a pointer) and applies the strict rules.
func decodeStrict(b []byte, v any, strict bool) bool {
	rv := reflect.ValueOf(v)
	d := decoder{data: b, strict: strict} // strict reaches structs that keep no other members
	if d.run(rv.Elem(), codecOf(rv.Type().Elem())) != nil {
		return false
	}
	if e, ok := v.(interface{ Valid() bool }); strict && ok && !e.Valid() {
		return false // an enum value the API does not document
	}
	return checkMembers(b, v, strict)
}

// checkMembers reports whether the JSON object b has every required
// property of the struct v points to and, when undeclared is true and the
// struct only keeps properties its schema does not mention (see
// objectOf), no such property. It is true for other kinds.
func checkMembers(b []byte, v any, undeclared bool) bool {
	t := reflect.TypeOf(v).Elem()
	if t.Kind() != reflect.Struct {
		return true
	}
	req := requiredOf(t)
	undeclared = undeclared && objectOf(t).unknownOnly
	if len(req) == 0 && !undeclared {
		return true
	}
	known := objectOf(t).known
	found := 0
	err := eachMember(b, func(name, _ []byte) error {
		if slices.Contains(req, string(name)) {
			found++
		} else if undeclared && !known[string(name)] {
			return errUndeclared
		}
		return nil
	})
	return err == nil && found >= len(req)
}

// errUndeclared stops checkMembers at an undeclared property.
var errUndeclared = errors.New("undeclared property")

// requiredCache maps a struct type to its required JSON names. It only
// grows, like encoding/json's own type cache.
var requiredCache sync.Map // reflect.Type → []string

// requiredOf lists the JSON names of t's fields that are always encoded:
// those tagged without omitzero or omitempty.
func requiredOf(t reflect.Type) []string {
	if v, ok := requiredCache.Load(t); ok {
		return v.([]string)
	}
	var req []string
	for i := range t.NumField() {
		f := t.Field(i)
		tag, ok := f.Tag.Lookup("json")
		if !ok || !f.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name == "-" || name == "" || strings.Contains(","+opts+",", ",omitzero,") ||
			strings.Contains(","+opts+",", ",omitempty,") {
			continue
		}
		req = append(req, name)
	}
	requiredCache.Store(t, req)
	return req
}
