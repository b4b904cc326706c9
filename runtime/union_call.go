package runtime

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"sync"
)

// UnionTags is what a union with a discriminator adds to its fields for
// MarshalUnion and UnmarshalUnion: the property that selects the variant
// and, per variant in field order, the values that select it (a value
// selects the first variant listing it; a variant with none is told apart
// by shape) and the value an encoded variant is sent with when its own
// property is empty ("" for none). Values or Fill may be nil.
//
// For generated code.
type UnionTags struct {
	Property string
	Values   [][]string
	Fill     []string
}

// MarshalUnion is the MarshalJSON of a generated union: u points to the
// union, a struct whose exported fields are its variants (a pointer, or a
// slice, map or json.RawMessage, nil when unset), raw is the JSON it was
// decoded from and name names it in errors ("pkg: Shape"). It encodes the
// variant that is set (see MarshalVariant; with tags, MarshalTagged fills
// the discriminator of a variant whose own is empty). It fails when
// several are set, and when none is and raw is nil (see MarshalUnset). A
// decoded value that was not modified encodes as raw, byte for byte.
//
// For generated code.
func MarshalUnion(u any, raw json.RawMessage, name string, tags *UnionTags) ([]byte, error) {
	rv := reflect.ValueOf(u).Elem()
	fields := variantFields(rv.Type())
	set := -1
	n := 0
	for i, fi := range fields {
		if !rv.Field(fi).IsNil() {
			if set < 0 {
				set = i
			}
			n++
		}
	}
	if n > 1 {
		return nil, fmt.Errorf("%s: %d variants set; set exactly one", name, n)
	}
	if set < 0 {
		return MarshalUnset(raw, name)
	}
	f := rv.Field(fields[set])
	v := f.Interface()
	if f.Kind() != reflect.Pointer {
		v = f.Addr().Interface()
	}
	if tags != nil && set < len(tags.Fill) && tags.Fill[set] != "" {
		return MarshalTagged(v, raw, tags.Property, tags.Fill[set])
	}
	return MarshalVariant(v, raw)
}

// UnmarshalUnion is the UnmarshalJSON of a generated union (see
// MarshalUnion for u and name): it resets the union, keeps a copy of b in
// *raw and decodes b into one variant. JSON null leaves every variant
// unset. Without tags, or for variants without discriminator values, it
// decodes the first variant that matches strictly, else the first that
// matches leniently (see DecodeUnion). With tags, the discriminator's
// value selects the variant; a value no variant lists leaves every
// variant unset, the value kept in raw (a variant added to the API after
// the client was generated), unless variants without values are left to
// try.
//
// For generated code.
func UnmarshalUnion(b []byte, u any, raw *json.RawMessage, name string, tags *UnionTags) error {
	rv := reflect.ValueOf(u).Elem()
	rv.SetZero()
	if IsNull(b) {
		return nil
	}
	fields := variantFields(rv.Type())
	var rest []Variant
	if tags != nil && len(tags.Values) > 0 {
		tag, err := Discriminator(b, tags.Property)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		*raw = bytes.Clone(b)
		for i, fi := range fields {
			if i >= len(tags.Values) || len(tags.Values[i]) == 0 {
				rest = append(rest, variantOf(rv.Field(fi)))
				continue
			}
			if !slices.Contains(tags.Values[i], tag) {
				continue
			}
			f := rv.Field(fi)
			if f.Kind() == reflect.Pointer {
				f.Set(reflect.New(f.Type().Elem()))
				return Unmarshal(b, f.Interface())
			}
			return Unmarshal(b, f.Addr().Interface())
		}
		if len(rest) == 0 {
			return nil // an unknown tag: see the union's Unknown
		}
		return DecodeUnion(b, name, rest...)
	}
	*raw = bytes.Clone(b)
	rest = make([]Variant, len(fields))
	for i, fi := range fields {
		rest[i] = variantOf(rv.Field(fi))
	}
	return DecodeUnion(b, name, rest...)
}

// variantOf is the Variant of a union's field f (addressable).
func variantOf(f reflect.Value) Variant {
	if f.Kind() == reflect.Pointer {
		return VariantPtr(f.Addr().Interface())
	}
	return VariantVal(f.Addr().Interface())
}

// variantCache maps a union's struct type to its variant fields.
var variantCache sync.Map // reflect.Type → []int

// variantFields lists the indexes of the exported fields of the union
// struct t: its variants, in order.
func variantFields(t reflect.Type) []int {
	if v, ok := variantCache.Load(t); ok {
		return v.([]int)
	}
	var idx []int
	for i := range t.NumField() {
		if t.Field(i).IsExported() {
			idx = append(idx, i)
		}
	}
	variantCache.Store(t, idx)
	return idx
}
