package runtime

import (
	"bytes"
	"encoding"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"unicode/utf8"
	"unsafe"
)

// maxEncodeDepth bounds the nesting of what Marshal encodes, so that a
// cyclic value is an error instead of a stack overflow.
const maxEncodeDepth = 10000

// encoder appends JSON to buf.
type encoder struct {
	buf   []byte
	depth int
	quote bool // integers are written as JSON strings (a field tagged genclient:"quoted")
}

// value encodes v, whatever its type.
func (e *encoder) value(v reflect.Value) error {
	if !v.IsValid() {
		e.buf = append(e.buf, "null"...)
		return nil
	}
	c := codecOf(v.Type())
	if (c.kind == kStruct || c.kind == kArray) && !v.CanAddr() {
		// Opt and Nullable fields are read in place, which needs an
		// addressable value.
		p := reflect.New(v.Type()).Elem()
		p.Set(v)
		v = p
	}
	return e.enc(v, c)
}

func (e *encoder) enc(v reflect.Value, c *codec) error {
	switch c.kind {
	case kBool:
		e.buf = strconv.AppendBool(e.buf, v.Bool())
	case kInt:
		if e.quote {
			e.buf = append(strconv.AppendInt(append(e.buf, '"'), v.Int(), 10), '"')
		} else {
			e.buf = strconv.AppendInt(e.buf, v.Int(), 10)
		}
	case kUint:
		if e.quote {
			e.buf = append(strconv.AppendUint(append(e.buf, '"'), v.Uint(), 10), '"')
		} else {
			e.buf = strconv.AppendUint(e.buf, v.Uint(), 10)
		}
	case kFloat:
		return e.float(v, c.bits)
	case kString:
		e.buf = appendString(e.buf, v.String())
	case kStruct:
		return e.structure(v, c)
	case kOpt, kNullable:
		if !optHolds(v, c.kind) {
			e.buf = append(e.buf, "null"...)
			return nil
		}
		return e.enc(optValue(v, c), c.elem)
	case kPointer:
		if v.IsNil() {
			e.buf = append(e.buf, "null"...)
			return nil
		}
		if e.depth++; e.depth > maxEncodeDepth {
			return &json.UnsupportedValueError{Value: v, Str: "encountered a cycle via " + v.Type().String()}
		}
		err := e.enc(v.Elem(), c.elem)
		e.depth--
		return err
	case kSlice, kArray:
		if c.kind == kSlice && v.IsNil() {
			e.buf = append(e.buf, "null"...)
			return nil
		}
		if e.depth++; e.depth > maxEncodeDepth {
			return &json.UnsupportedValueError{Value: v, Str: "encountered a cycle via " + v.Type().String()}
		}
		e.buf = append(e.buf, '[')
		for i := range v.Len() {
			if i > 0 {
				e.buf = append(e.buf, ',')
			}
			if err := e.enc(v.Index(i), c.elem); err != nil {
				return err
			}
		}
		e.buf = append(e.buf, ']')
		e.depth--
	case kMap:
		if v.IsNil() {
			e.buf = append(e.buf, "null"...)
			return nil
		}
		if e.depth++; e.depth > maxEncodeDepth {
			return &json.UnsupportedValueError{Value: v, Str: "encountered a cycle via " + v.Type().String()}
		}
		e.buf = append(e.buf, '{')
		if err := e.members(v, c.elem, nil, true); err != nil {
			return err
		}
		e.buf = append(e.buf, '}')
		e.depth--
	case kAny, kIface:
		if v.IsNil() {
			e.buf = append(e.buf, "null"...)
			return nil
		}
		if e.depth++; e.depth > maxEncodeDepth {
			return &json.UnsupportedValueError{Value: v, Str: "encountered a cycle via " + v.Type().String()}
		}
		err := e.value(v.Elem())
		e.depth--
		return err
	case kRaw:
		if v.IsNil() {
			e.buf = append(e.buf, "null"...)
			return nil
		}
		return e.compact(v.Bytes(), c.t)
	case kNumber:
		s := v.String()
		if s == "" {
			s = "0"
		}
		if !isNumber([]byte(s)) {
			return fmt.Errorf("json: invalid number literal %q", s)
		}
		e.buf = append(e.buf, s...)
	case kBytes:
		if v.IsNil() {
			e.buf = append(e.buf, "null"...)
			return nil
		}
		e.buf = append(e.buf, '"')
		e.buf = base64.StdEncoding.AppendEncode(e.buf, v.Bytes())
		e.buf = append(e.buf, '"')
	case kMethods:
		return e.methods(v, c)
	default:
		return e.fallback(v)
	}
	return nil
}

// optValue returns the value field of the Opt or Nullable v, usable as
// any other value (reflect marks unexported fields read-only).
func optValue(v reflect.Value, c *codec) reflect.Value {
	if !v.CanAddr() {
		p := reflect.New(v.Type()).Elem()
		p.Set(v)
		v = p
	}
	return reflect.NewAt(c.elem.t, unsafe.Pointer(v.Field(0).UnsafeAddr())).Elem()
}

// fallback encodes v with encoding/json.
func (e *encoder) fallback(v reflect.Value) error {
	b, err := json.Marshal(v.Interface())
	if err != nil {
		return err
	}
	e.buf = append(e.buf, b...)
	return nil
}

// methods encodes v, whose type has MarshalJSON or MarshalText, as
// encoding/json does.
func (e *encoder) methods(v reflect.Value, c *codec) error {
	if v.Kind() == reflect.Pointer && v.IsNil() {
		e.buf = append(e.buf, "null"...) // as encoding/json: no method call on nil
		return nil
	}
	var m any
	switch {
	case c.jsonT || c.textT:
		m = v.Interface()
	case (c.jsonP || c.textP) && v.CanAddr():
		m = v.Addr().Interface()
	default:
		return e.fallback(v)
	}
	if jm, ok := m.(json.Marshaler); ok {
		b, err := jm.MarshalJSON()
		if err != nil {
			return &json.MarshalerError{Type: c.t, Err: err}
		}
		return e.compact(b, c.t)
	}
	b, err := m.(encoding.TextMarshaler).MarshalText()
	if err != nil {
		return &json.MarshalerError{Type: c.t, Err: err}
	}
	e.buf = appendString(e.buf, b)
	return nil
}

// compact appends the JSON b that a method returned as encoding/json
// does: checked, compacted and with <, >, & and U+2028/U+2029 escaped.
func (e *encoder) compact(b []byte, t reflect.Type) error {
	plain := true
	for _, c := range b {
		switch c {
		case ' ', '\t', '\n', '\r', '<', '>', '&', 0xE2:
			plain = false
		}
	}
	if plain {
		d := decoder{data: b}
		if d.skip() == nil && d.i == len(b) {
			e.buf = append(e.buf, b...)
			return nil
		}
	}
	var out bytes.Buffer
	if err := json.Compact(&out, b); err != nil {
		return &json.MarshalerError{Type: t, Err: err}
	}
	var esc bytes.Buffer
	json.HTMLEscape(&esc, out.Bytes())
	e.buf = append(e.buf, esc.Bytes()...)
	return nil
}

// structure encodes the struct v: its fields in order, then the members
// its extra field keeps.
func (e *encoder) structure(v reflect.Value, c *codec) error {
	var nulls reflect.Value // the NullFields of v, when it names any
	if c.nulls >= 0 {
		if nv := v.Field(c.nulls); nv.Len() > 0 {
			for i := range nv.Len() {
				if _, ok := c.goNames[nv.Index(i).String()]; !ok {
					return fmt.Errorf("runtime: %s.%s names %q, which is not a field of %s",
						c.t.Name(), c.t.Field(c.nulls).Name, nv.Index(i).String(), c.t.Name())
				}
			}
			nulls = nv
		}
	}
	e.buf = append(e.buf, '{')
	first := true
	for i := range c.fields {
		f := &c.fields[i]
		fv := v.Field(f.index)
		null := nulls.IsValid() && listed(nulls, f.goName) && isZero(fv, f.c)
		if !null && (f.omitEmpty && isEmpty(fv) || f.omitZero && isZero(fv, f.c)) {
			continue
		}
		if !first {
			e.buf = append(e.buf, ',')
		}
		first = false
		e.buf = append(e.buf, f.key...)
		switch {
		case null:
			e.buf = append(e.buf, "null"...)
		case f.quoted:
			if err := e.quoted(fv, f.c); err != nil {
				return err
			}
		case f.quoteInts && !e.quote:
			e.quote = true
			err := e.enc(fv, f.c)
			e.quote = false
			if err != nil {
				return err
			}
		default:
			if err := e.enc(fv, f.c); err != nil {
				return err
			}
		}
	}
	if c.unknown {
		u := (*Unknown)(unsafe.Pointer(v.Field(c.extra).UnsafeAddr()))
		e.encodeUnknown(u, c.fields, c.known, first)
	} else if c.extra >= 0 {
		if m := v.Field(c.extra); m.Len() > 0 {
			if err := e.members(m, c.elem, c.known, first); err != nil {
				return err
			}
		}
	}
	e.buf = append(e.buf, '}')
	return nil
}

// listed reports whether the []string value nulls holds name.
func listed(nulls reflect.Value, name string) bool {
	for i := range nulls.Len() {
		if nulls.Index(i).String() == name {
			return true
		}
	}
	return false
}

// members encodes the entries of the map m in key order as object
// members, leaving out the keys in skip.
func (e *encoder) members(m reflect.Value, elem *codec, skip map[string]bool, first bool) error {
	if raws, ok := m.Interface().(map[string]json.RawMessage); ok {
		keys := make([]string, 0, len(raws))
		for k := range raws {
			if !skip[k] {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		for _, k := range keys {
			if !first {
				e.buf = append(e.buf, ',')
			}
			first = false
			e.buf = append(appendString(e.buf, k), ':')
			if raws[k] == nil {
				e.buf = append(e.buf, "null"...)
			} else if err := e.compact(raws[k], rawMessageType); err != nil {
				return err
			}
		}
		return nil
	}
	entries := make(mapEntries, 0, m.Len())
	for it := m.MapRange(); it.Next(); {
		if k := it.Key().String(); !skip[k] {
			entries = append(entries, mapEntry{k, it.Value()})
		}
	}
	// sort.Sort, whose code every program has, rather than a generic
	// sort compiled for this one type.
	sort.Sort(entries)
	for _, en := range entries {
		if !first {
			e.buf = append(e.buf, ',')
		}
		first = false
		e.buf = append(appendString(e.buf, en.k), ':')
		if err := e.value(en.v); err != nil {
			return err
		}
	}
	return nil
}

// quoted encodes the value of a field tagged ",string" as encoding/json
// does: a number or bool inside a JSON string, a string as the JSON
// string of its JSON string. An Opt or Nullable holding a number or bool
// is quoted the same way (see quoted.go); other kinds ignore the option.
func (e *encoder) quoted(v reflect.Value, c *codec) error {
	switch c.kind {
	case kOpt, kNullable:
		if !optHolds(v, c.kind) {
			return e.enc(v, c)
		}
		switch c.elem.kind {
		case kInt, kUint, kFloat, kBool:
			return e.quoted(optValue(v, c), c.elem)
		}
		return e.enc(v, c)
	case kPointer: // as encoding/json, the pointee of one pointer (*int64)
		if !v.IsNil() {
			switch c.elem.kind {
			case kInt, kUint, kFloat, kBool, kString:
				return e.quoted(v.Elem(), c.elem)
			}
		}
		return e.enc(v, c)
	case kString:
		e.buf = appendString(e.buf, appendString(nil, v.String()))
		return nil
	case kInt, kUint, kFloat, kBool:
		e.buf = append(e.buf, '"')
		if err := e.enc(v, c); err != nil {
			return err
		}
		e.buf = append(e.buf, '"')
		return nil
	}
	return e.enc(v, c)
}

// isEmpty is encoding/json's test for omitempty.
func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool:
		return !v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() == 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() == 0
	case reflect.Float32, reflect.Float64:
		return v.Float() == 0
	case reflect.Interface, reflect.Pointer:
		return v.IsNil()
	}
	return false
}

// isZero is encoding/json's test for omitzero: the type's IsZero method,
// else the zero value.
func isZero(v reflect.Value, c *codec) bool {
	switch c.kind {
	case kOpt:
		return !v.Field(1).Bool()
	case kNullable:
		return v.Field(1).Uint() == 0
	}
	t := v.Type()
	switch {
	case t.Kind() == reflect.Interface && t.Implements(isZeroerType):
		return v.IsNil() || v.Elem().Kind() == reflect.Pointer && v.Elem().IsNil() ||
			v.Interface().(interface{ IsZero() bool }).IsZero()
	case t.Kind() == reflect.Pointer && t.Implements(isZeroerType):
		return v.IsNil() || v.Interface().(interface{ IsZero() bool }).IsZero()
	case c.isZeroT:
		return v.Interface().(interface{ IsZero() bool }).IsZero()
	case c.isZeroP:
		if !v.CanAddr() {
			p := reflect.New(t).Elem()
			p.Set(v)
			v = p
		}
		return v.Addr().Interface().(interface{ IsZero() bool }).IsZero()
	}
	return v.IsZero()
}

// float encodes a float as encoding/json does.
func (e *encoder) float(v reflect.Value, bits int) error {
	f := v.Float()
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return &json.UnsupportedValueError{Value: v, Str: strconv.FormatFloat(f, 'g', -1, bits)}
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 {
		if bits == 64 && (abs < 1e-6 || abs >= 1e21) || bits == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21) {
			format = 'e'
		}
	}
	b := strconv.AppendFloat(e.buf, f, format, -1, bits)
	if format == 'e' {
		// clean up e-09 to e-9
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	e.buf = b
	return nil
}

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string, escaped as encoding/json
// escapes it (HTML characters, U+2028 and U+2029 included; invalid UTF-8
// becomes U+FFFD).
func appendString[S string | []byte](dst []byte, s S) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '\\', '"':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		n := min(len(s)-i, utf8.UTFMax)
		r, size := utf8.DecodeRuneInString(string(s[i : i+n]))
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

type mapEntry struct {
	k string
	v reflect.Value
}

// mapEntries sorts the members of a map by name.
type mapEntries []mapEntry

func (m mapEntries) Len() int           { return len(m) }
func (m mapEntries) Less(i, j int) bool { return m[i].k < m[j].k }
func (m mapEntries) Swap(i, j int)      { m[i], m[j] = m[j], m[i] }
