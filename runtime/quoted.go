package runtime

import (
	"encoding/json"
	"reflect"
)

// This file carries integers as JSON strings, the ",string" convention of
// encoding/json that proto3 JSON and many APIs use for 64-bit integers
// (a double cannot hold them). encoding/json applies the struct tag
// option to plain integer fields only; for runtime.Opt and
// runtime.Nullable fields the runtime's codec writes the quotes (see
// encoder.quoted) and their UnmarshalJSON accepts a quoted integer (see
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
