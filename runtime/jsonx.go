package runtime

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"sync"
)

// This file holds what the JSON codec (json.go) and unions share about
// struct types and the scalar fast path of Opt and Nullable's JSON
// methods.
//
// The additional-properties field of a struct is tagged `json:"-"` and
// genclient:"additional" when the schema declares additionalProperties
// (true or a schema), genclient:"unknown" when the schema says nothing:
// the field then keeps properties the API added after the document was
// written, so that they survive a decode and an encode, but a union does
// not prefer such a struct for them (see checkMembers in union.go).

// object is what the JSON helpers need to know of a struct type.
type object struct {
	// known holds the JSON names of the struct's encoded fields.
	known map[string]bool
	// unknownOnly is true when the struct's additional-properties field
	// only keeps properties its schema does not mention (tagged
	// genclient:"unknown"), false when the schema declares them or the
	// struct has no such field.
	unknownOnly bool
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
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
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
