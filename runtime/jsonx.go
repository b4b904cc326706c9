package runtime

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// This file holds the JSON methods of generated structs that keep the
// properties their schema does not declare. Each generated struct declares
// two three-line methods that call MarshalAdditional and
// UnmarshalAdditional; the declared property names come from the struct's
// json tags, read once per type, so the generated code does not repeat
// them.
//
// The additional-properties field of a struct is tagged `json:"-"`. When
// the schema declares additionalProperties (true or a schema), the field
// holds what the schema allows; when the schema says nothing, the field is
// also tagged `genclient:"unknown"`: it keeps properties the API added
// after the document was written, so that they survive a decode and an
// encode, but a union does not prefer such a struct for them (see
// checkMembers in union.go).

// MarshalAdditional encodes v (a generated struct, or a pointer to one,
// converted to a type without JSON methods) followed by the entries of
// extra, a map[string]T, whose keys v's type does not declare, in sorted
// key order. Generated structs call it from MarshalJSON.
//
// Fields of type Opt or Nullable tagged ",string" (integers carried as
// JSON strings) are written quoted, as encoding/json does for plain
// fields; extra may then be nil.
func MarshalAdditional(v any, extra any) ([]byte, error) {
	b, err := json.Marshal(v)
	info := objectOf(reflect.TypeOf(v))
	if err == nil && len(info.quoted) > 0 {
		b = quoteMembers(b, info.quoted)
	}
	m := reflect.ValueOf(extra)
	if err != nil || m.Kind() != reflect.Map || m.Len() == 0 || len(b) < 2 || b[len(b)-1] != '}' {
		return b, err
	}
	keys := make([]string, 0, m.Len())
	for it := m.MapRange(); it.Next(); {
		if k := it.Key().String(); !info.known[k] {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	out := bytes.NewBuffer(b[: len(b)-1 : len(b)-1])
	for i, k := range keys {
		vb, err := json.Marshal(m.MapIndex(reflect.ValueOf(k).Convert(m.Type().Key())).Interface())
		if err != nil {
			return nil, fmt.Errorf("property %q: %w", k, err)
		}
		if i > 0 || len(b) > 2 {
			out.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		out.Write(kb)
		out.WriteByte(':')
		out.Write(vb)
	}
	out.WriteByte('}')
	return out.Bytes(), nil
}

// UnmarshalAdditional decodes the JSON object b into v (a pointer to a
// generated struct converted to a type without JSON methods) and stores in
// extra, a pointer to a map[string]T, the properties v's type does not
// declare, or nil when there are none. Generated structs call it from
// UnmarshalJSON.
//
// Besides the decoding of v, it costs one scan of b's top-level members;
// a property the struct declares allocates nothing. JSON null changes
// nothing, as the json.Unmarshaler convention asks.
func UnmarshalAdditional(b []byte, v any, extra any) error {
	if IsNull(b) {
		return nil
	}
	if err := json.Unmarshal(b, v); err != nil {
		return err
	}
	p := reflect.ValueOf(extra)
	if p.Kind() != reflect.Pointer || p.IsNil() || p.Elem().Kind() != reflect.Map {
		return errors.New("runtime: UnmarshalAdditional: extra is not a pointer to a map")
	}
	m := p.Elem()
	m.SetZero()
	info := objectOf(reflect.TypeOf(v))
	raws, _ := extra.(*map[string]json.RawMessage)
	return eachMember(b, func(name, val []byte) error {
		if info.known[string(name)] { // no allocation
			return nil
		}
		key := string(name)
		if raws != nil {
			if *raws == nil {
				*raws = map[string]json.RawMessage{}
			}
			(*raws)[key] = bytes.Clone(val)
			return nil
		}
		x := reflect.New(m.Type().Elem())
		if err := json.Unmarshal(val, x.Interface()); err != nil {
			return fmt.Errorf("property %q: %w", key, err)
		}
		if m.IsNil() {
			m.Set(reflect.MakeMap(m.Type()))
		}
		m.SetMapIndex(reflect.ValueOf(key).Convert(m.Type().Key()), x.Elem())
		return nil
	})
}

// object is what the JSON helpers need to know of a struct type.
type object struct {
	// known holds the JSON names of the struct's encoded fields.
	known map[string]bool
	// unknownOnly is true when the struct's additional-properties field
	// only keeps properties its schema does not mention (tagged
	// genclient:"unknown"), false when the schema declares them or the
	// struct has no such field.
	unknownOnly bool
	// quoted holds the JSON names of the Opt and Nullable fields tagged
	// ",string", whose numbers MarshalAdditional writes as strings.
	quoted map[string]bool
}

// objects caches object per struct type. It only grows, like
// encoding/json's own type cache.
var objects sync.Map // reflect.Type → *object

// objectOf describes the struct type t (or the struct t points to); a
// type of another kind gives an empty description.
func objectOf(t reflect.Type) *object {
	if t == nil {
		return &object{}
	}
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if o, ok := objects.Load(t); ok {
		return o.(*object)
	}
	o := &object{known: map[string]bool{}}
	if t.Kind() == reflect.Struct {
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name, tagOpts, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name != "-" && name != "" && f.Type.Kind() == reflect.Struct && slices.Contains(strings.Split(tagOpts, ","), "string") {
				if o.quoted == nil {
					o.quoted = map[string]bool{}
				}
				o.quoted[name] = true
			}
			switch {
			case name == "-":
				if f.Tag.Get("genclient") == "unknown" {
					o.unknownOnly = true
				}
			case name == "":
				o.known[f.Name] = true
			default:
				o.known[name] = true
			}
		}
	}
	v, _ := objects.LoadOrStore(t, o)
	return v.(*object)
}

// eachMember calls fn with the name (unquoted; fn must not keep it) and
// the raw value of each member of the JSON object b, in order, and stops
// at fn's first error. b must be
// valid JSON (json.Unmarshal has checked it); a value that is not an
// object has no members.
func eachMember(b []byte, fn func(name, val []byte) error) error {
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '{' {
		return nil
	}
	i++
	for {
		i = skipSpace(b, i)
		if i < len(b) && b[i] == ',' {
			i = skipSpace(b, i+1)
		}
		if i >= len(b) || b[i] != '"' {
			return nil // '}' or the end
		}
		ks := i
		i = skipString(b, i)
		key := b[ks:i]
		i = skipSpace(b, i)
		if i >= len(b) || b[i] != ':' {
			return errors.New("runtime: malformed JSON object")
		}
		i = skipSpace(b, i+1)
		vs := i
		i = skipValue(b, i)
		name := key[1 : len(key)-1]
		if bytes.IndexByte(name, '\\') >= 0 {
			var s string
			if err := json.Unmarshal(key, &s); err != nil {
				return err
			}
			name = []byte(s)
		}
		if err := fn(name, b[vs:i]); err != nil {
			return err
		}
	}
}

// skipSpace returns the index of the first byte at or after i that is not
// JSON white space.
func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t') {
		i++
	}
	return i
}

// skipString returns the index just past the JSON string starting at i.
func skipString(b []byte, i int) int {
	for i++; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return len(b)
}

// skipValue returns the index just past the JSON value starting at i.
func skipValue(b []byte, i int) int {
	if i >= len(b) {
		return i
	}
	switch b[i] {
	case '"':
		return skipString(b, i)
	case '{', '[':
		depth := 0
		for ; i < len(b); i++ {
			switch b[i] {
			case '"':
				i = skipString(b, i) - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
		}
		return len(b)
	}
	for i < len(b) {
		switch b[i] {
		case ',', '}', ']', ' ', '\n', '\r', '\t':
			return i
		}
		i++
	}
	return i
}

// decodeScalar decodes the JSON value b into p, without encoding/json,
// when p points to a string, a bool, an int, int32, int64 or float64 and b
// is a plain literal of that type: an ASCII string without escapes, true
// or false, a number. It returns false, having changed nothing, for
// anything else (escapes, null, a mismatch, an overflow), which the
// caller leaves to json.Unmarshal and its errors. Opt and Nullable use it:
// most optional properties are such scalars, and json.Unmarshal costs
// about ten times as much for them.
func decodeScalar(b []byte, p any) bool {
	if len(b) == 0 {
		return false
	}
	switch p := p.(type) {
	case *string:
		if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
			return false
		}
		s := b[1 : len(b)-1]
		for _, c := range s {
			if c < 0x20 || c == '"' || c == '\\' || c >= 0x80 {
				return false
			}
		}
		*p = string(s)
	case *bool:
		switch string(b) {
		case "true":
			*p = true
		case "false":
			*p = false
		default:
			return false
		}
	case *int:
		n, ok := parseInt(b, 64)
		if !ok {
			return false
		}
		*p = int(n)
	case *int64:
		n, ok := parseInt(b, 64)
		if !ok {
			return false
		}
		*p = n
	case *int32:
		n, ok := parseInt(b, 32)
		if !ok {
			return false
		}
		*p = int32(n)
	case *float64:
		if !isNumber(b) {
			return false
		}
		f, err := strconv.ParseFloat(string(b), 64)
		if err != nil {
			return false
		}
		*p = f
	default:
		return false
	}
	return true
}

// parseInt parses the JSON integer b (an optional minus sign, then digits
// without a leading zero) into a signed integer of the given bit size; ok
// is false for anything else and on overflow.
func parseInt(b []byte, bits uint) (n int64, ok bool) {
	neg := b[0] == '-'
	if neg {
		b = b[1:]
	}
	if len(b) == 0 || len(b) > 1 && b[0] == '0' {
		return 0, false
	}
	limit := uint64(1) << (bits - 1) // |min|; max is limit-1
	var u uint64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		if u > (limit+9)/10 {
			return 0, false
		}
		u = u*10 + uint64(c-'0')
		if u > limit {
			return 0, false
		}
	}
	if neg {
		return -int64(u), true // limit itself is |min|
	}
	if u == limit {
		return 0, false
	}
	return int64(u), true
}

// isNumber reports whether b is a JSON number (RFC 8259, section 6).
func isNumber(b []byte) bool {
	i := 0
	digits := func() int {
		start := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		return i - start
	}
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch n := digits(); {
	case n == 0, n > 1 && b[i-n] == '0':
		return false
	}
	if i < len(b) && b[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(b)
}
