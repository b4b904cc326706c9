package runtime

import (
	"bytes"
	"encoding/json"
	"reflect"
)

// This file carries integers as JSON strings, the ",string" convention of
// encoding/json that proto3 JSON and many APIs use for 64-bit integers
// (a double cannot hold them). encoding/json applies the struct tag
// option to plain integer fields only; for runtime.Opt and
// runtime.Nullable fields MarshalAdditional writes the quotes (see
// quoteMembers) and their UnmarshalJSON accepts a quoted integer (see
// unquoteInt), which also lets a server quote an integer the document
// declares as "type: integer".

// unquoteInt decodes b, a JSON string holding an integer literal ("42",
// "-7"), into p when p points to an integer; it reports whether it did.
// A string that is not an integer, or one out of p's range, is refused.
func unquoteInt(b []byte, p any) bool {
	if len(b) < 3 || b[0] != '"' || b[len(b)-1] != '"' {
		return false
	}
	switch reflect.TypeOf(p).Elem().Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
	default:
		return false
	}
	inner := b[1 : len(b)-1]
	if !isIntLiteral(inner) {
		return false
	}
	return json.Unmarshal(inner, p) == nil
}

// isIntLiteral reports whether s is a JSON integer: an optional minus and
// digits without a leading zero.
func isIntLiteral(s []byte) bool {
	if len(s) > 0 && s[0] == '-' {
		s = s[1:]
	}
	if len(s) == 0 || len(s) > 1 && s[0] == '0' {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// quoteMembers returns the JSON object b with the number value of each
// top-level member named in names written as a JSON string. b is the
// output of json.Marshal, so valid.
func quoteMembers(b []byte, names map[string]bool) []byte {
	var out bytes.Buffer
	last := 0
	_ = eachMember(b, func(name, val []byte) error {
		if !names[string(name)] || len(val) == 0 || val[0] == '"' || val[0] == 'n' {
			return nil
		}
		// val is b[start:start+len(val)]: its capacity tells start.
		start := cap(b) - cap(val)
		if start < last || start+len(val) > len(b) {
			return nil
		}
		if out.Len() == 0 {
			out.Grow(len(b) + 2*len(names))
		}
		out.Write(b[last:start])
		out.WriteByte('"')
		out.Write(val)
		out.WriteByte('"')
		last = start + len(val)
		return nil
	})
	if out.Len() == 0 {
		return b
	}
	out.Write(b[last:])
	return out.Bytes()
}
