package runtime

import (
	"encoding"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"time"
)

// FormatParam formats a scalar parameter value as OpenAPI sends it in a
// path, query, header or cookie: strings as they are, numbers in the
// shortest exact form, booleans as true/false, time.Time as RFC 3339,
// Date as 2006-01-02, []byte as standard base64, and types with a String
// or MarshalText method through it. It reports false for an absent value
// (an unset Opt or Nullable, a nil pointer).
//
// For generated code.
func FormatParam(v any) (string, bool, error) {
	switch x := v.(type) {
	case nil:
		return "", false, nil
	case string:
		return x, true, nil
	case bool:
		return strconv.FormatBool(x), true, nil
	case int:
		return strconv.Itoa(x), true, nil
	case int32:
		return strconv.FormatInt(int64(x), 10), true, nil
	case int64:
		return strconv.FormatInt(x, 10), true, nil
	case float32:
		return strconv.FormatFloat(float64(x), 'f', -1, 32), true, nil
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), true, nil
	case time.Time:
		return x.Format(time.RFC3339Nano), true, nil
	case Date:
		return x.String(), true, nil
	case []byte:
		return base64.StdEncoding.EncodeToString(x), true, nil
	}
	// An Opt before its String method.
	if inner, set, ok := optionalOf(v); ok {
		if !set {
			return "", false, nil
		}
		return FormatParam(inner)
	}
	switch x := v.(type) {
	case encoding.TextMarshaler:
		b, err := x.MarshalText()
		if err != nil {
			return "", false, err
		}
		return string(b), true, nil
	case fmt.Stringer:
		return x.String(), true, nil
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Pointer, reflect.Interface:
		if rv.IsNil() {
			return "", false, nil
		}
		return FormatParam(rv.Elem().Interface())
	case reflect.String:
		return rv.String(), true, nil
	case reflect.Bool:
		return strconv.FormatBool(rv.Bool()), true, nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(rv.Int(), 10), true, nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return strconv.FormatUint(rv.Uint(), 10), true, nil
	case reflect.Float32:
		return strconv.FormatFloat(rv.Float(), 'f', -1, 32), true, nil
	case reflect.Float64:
		return strconv.FormatFloat(rv.Float(), 'f', -1, 64), true, nil
	}
	// A union of scalars (oneOf integer or string) is its variant's JSON
	// scalar, a string without its quotes.
	if m, ok := v.(json.Marshaler); ok {
		b, err := m.MarshalJSON()
		if err != nil {
			return "", false, err
		}
		n, err := jsonNode(b)
		switch {
		case err != nil:
			return "", false, err
		case n.kind == pAbsent:
			return "", false, nil
		case n.kind == pScalar:
			return n.s, true, nil
		}
	}
	return "", false, fmt.Errorf("cannot format a %T as a parameter", v)
}

// formatValues formats a scalar, or each element of a slice or array. It
// reports false when the value is absent (nil slice, unset Opt, nil
// pointer).
func formatValues(v any) ([]string, bool, error) {
	switch x := v.(type) {
	case []string:
		if x == nil {
			return nil, false, nil
		}
		return x, true, nil
	case []byte:
		s, ok, err := FormatParam(x)
		return []string{s}, ok, err
	}
	if inner, set, ok := optionalOf(v); ok {
		if !set {
			return nil, false, nil
		}
		return formatValues(inner)
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Slice || rv.Kind() == reflect.Array {
		if rv.Kind() == reflect.Slice && rv.IsNil() {
			return nil, false, nil
		}
		out := make([]string, 0, rv.Len())
		for i := range rv.Len() {
			s, ok, err := FormatParam(rv.Index(i).Interface())
			if err != nil {
				return nil, false, err
			}
			if ok {
				out = append(out, s)
			}
		}
		return out, true, nil
	}
	s, ok, err := FormatParam(v)
	if !ok || err != nil {
		return nil, ok, err
	}
	return []string{s}, true, nil
}

// isNil reports whether v is nil or a nil pointer, slice, map, func,
// channel or interface.
func isNil(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Func, reflect.Chan, reflect.Interface:
		return rv.IsNil()
	}
	return false
}
