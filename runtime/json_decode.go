package runtime

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// maxDepth bounds the nesting of arrays and objects, as encoding/json's
// does.
const maxDepth = 10000

// errSyntax stops a decode at malformed JSON; run replaces it with the
// error encoding/json reports for the same input.
var errSyntax = errors.New("runtime: invalid JSON")

// errUndeclaredMember stops a strict decode (see decodeStrict in union.go)
// at a member that a struct keeping no other members does not declare.
var errUndeclaredMember = errors.New("runtime: undeclared member")

// decoder decodes one JSON document in one pass.
type decoder struct {
	data    []byte
	i       int
	depth   int
	strict  bool  // fail on members that a struct without an extra field does not declare
	quote   bool  // integers may come as JSON strings even when strict (a field tagged genclient:"quoted")
	typeErr error // the first type mismatch; decoding goes on, as in encoding/json
	scratch []byte
	arena   []byte // holds the members kept in maps of json.RawMessage and Unknown, and long strings
	strs    *stringCache
	unk     *unknownScratch // the unknown members of the objects being decoded
	// where the value being decoded is, for type errors
	structName, fieldName string
}

// run decodes the whole input into v.
func (d *decoder) run(v reflect.Value, c *codec) error {
	err := d.value(v, c)
	if d.strs != nil {
		stringCaches.Put(d.strs)
		d.strs = nil
	}
	d.releaseUnknown()
	if err == nil {
		d.ws()
		if d.i < len(d.data) {
			err = errSyntax
		}
	}
	if err == errSyntax {
		var r json.RawMessage
		if jerr := json.Unmarshal(d.data, &r); jerr != nil {
			return jerr
		}
		return fmt.Errorf("runtime: invalid JSON at offset %d", d.i)
	}
	if err != nil {
		return err
	}
	return d.typeErr
}

// ws skips white space.
func (d *decoder) ws() {
	for d.i < len(d.data) {
		switch d.data[d.i] {
		case ' ', '\n', '\r', '\t':
			d.i++
		default:
			return
		}
	}
}

// mismatch records that the JSON value at d.i does not fit v's type and
// skips it.
func (d *decoder) mismatch(t reflect.Type) error {
	off := d.i
	what := "number"
	switch d.data[d.i] {
	case '"':
		what = "string"
	case '{':
		what = "object"
	case '[':
		what = "array"
	case 't', 'f':
		what = "bool"
	case 'n':
		what = "null"
	}
	if err := d.skip(); err != nil {
		return err
	}
	d.saveType(what, t, off)
	return nil
}

func (d *decoder) saveType(what string, t reflect.Type, off int) {
	if d.typeErr == nil {
		d.typeErr = &json.UnmarshalTypeError{Value: what, Type: t, Offset: int64(off), Struct: d.structName, Field: d.fieldName}
	}
}

// value decodes the JSON value at d.i into v (addressable) by plan c.
func (d *decoder) value(v reflect.Value, c *codec) error {
	d.ws()
	if d.i >= len(d.data) {
		return errSyntax
	}
	ch := d.data[d.i]
	if ch == 'n' {
		return d.null(v, c)
	}
	switch c.kind {
	case kString:
		if ch != '"' {
			return d.mismatch(c.t)
		}
		s, err := d.str()
		if err != nil {
			return err
		}
		v.SetString(s)
		return nil
	case kStruct:
		if ch != '{' {
			return d.mismatch(c.t)
		}
		return d.object(v, c)
	case kOpt, kNullable:
		val := reflect.NewAt(c.elem.t, unsafe.Pointer(v.Field(0).UnsafeAddr())).Elem()
		val.SetZero()
		decode := d.value
		if ch == '"' && (c.elem.kind == kInt || c.elem.kind == kUint) {
			decode = d.quotedValue // an integer carried as a string
		}
		if err := decode(val, c.elem); err != nil {
			return err
		}
		p := unsafe.Pointer(v.Field(1).UnsafeAddr())
		if c.kind == kOpt {
			*(*bool)(p) = true
		} else {
			*(*uint8)(p) = 2
		}
		return nil
	case kInt, kUint, kFloat:
		if ch == '"' && c.kind != kFloat && (d.quote || !d.strict) {
			return d.quotedInt(v, c)
		}
		if ch != '-' && (ch < '0' || ch > '9') {
			return d.mismatch(c.t)
		}
		off := d.i
		lit, err := d.number()
		if err != nil {
			return err
		}
		return d.setNumber(v, c, lit, off)
	case kBool:
		switch {
		case ch == 't' && d.literal("true"):
			v.SetBool(true)
		case ch == 'f' && d.literal("false"):
			v.SetBool(false)
		case ch == 't' || ch == 'f':
			return errSyntax
		default:
			return d.mismatch(c.t)
		}
		return nil
	case kPointer:
		if v.IsNil() {
			v.Set(reflect.New(c.elem.t))
		}
		return d.value(v.Elem(), c.elem)
	case kSlice:
		if ch != '[' {
			return d.mismatch(c.t)
		}
		return d.array(v, c)
	case kArray:
		if ch != '[' {
			return d.mismatch(c.t)
		}
		return d.array(v, c)
	case kMap:
		if ch != '{' {
			return d.mismatch(c.t)
		}
		return d.mapping(v, c)
	case kRaw:
		raw, err := d.raw()
		if err != nil {
			return err
		}
		v.SetBytes(bytes.Clone(raw))
		return nil
	case kAny:
		if e := v.Elem(); !v.IsNil() && e.Kind() == reflect.Pointer && !e.IsNil() {
			return d.value(e, codecOf(e.Type()))
		}
		x, err := d.anyValue()
		if err != nil {
			return err
		}
		if x == nil {
			v.SetZero()
		} else {
			v.Set(reflect.ValueOf(x))
		}
		return nil
	case kIface:
		if e := v.Elem(); !v.IsNil() && e.Kind() == reflect.Pointer && !e.IsNil() {
			return d.value(e, codecOf(e.Type()))
		}
		return d.mismatch(c.t)
	case kNumber:
		switch {
		case ch == '"':
			off := d.i
			s, err := d.str()
			if err != nil {
				return err
			}
			if !isNumber([]byte(s)) {
				return fmt.Errorf("json: invalid number literal, trying to unmarshal %q into Number", d.data[off:d.i])
			}
			v.SetString(s)
		case ch == '-' || ch >= '0' && ch <= '9':
			lit, err := d.number()
			if err != nil {
				return err
			}
			v.SetString(string(lit))
		default:
			return d.mismatch(c.t)
		}
		return nil
	case kBytes:
		if ch != '"' {
			return d.fallback(v)
		}
		s, err := d.strBytes()
		if err != nil {
			return err
		}
		b := make([]byte, base64.StdEncoding.DecodedLen(len(s)))
		n, err := base64.StdEncoding.Decode(b, s)
		if err != nil {
			if d.typeErr == nil {
				d.typeErr = err // as encoding/json: recorded, decoding goes on
			}
			return nil
		}
		v.SetBytes(b[:n])
		return nil
	case kMethods:
		if c.jsonUnP {
			raw, err := d.raw()
			if err != nil {
				return err
			}
			return v.Addr().Interface().(json.Unmarshaler).UnmarshalJSON(raw)
		}
		if c.textUnP && ch == '"' {
			s, err := d.strBytes()
			if err != nil {
				return err
			}
			return v.Addr().Interface().(interface{ UnmarshalText([]byte) error }).UnmarshalText(bytes.Clone(s))
		}
	}
	return d.fallback(v)
}

// quotedValue decodes the value at d.i into a field tagged ",string", or
// an integer in an Opt or Nullable given as a string (see quoted.go): a
// JSON string holding the literal of a number, a bool or (for a string
// field) a JSON string. A bare number or bool is accepted too, since
// servers differ; null leaves the field unchanged.
func (d *decoder) quotedValue(v reflect.Value, c *codec) error {
	d.ws()
	if d.i >= len(d.data) {
		return errSyntax
	}
	switch c.kind {
	case kInt, kUint, kFloat, kBool, kString:
	default:
		return d.value(v, c) // encoding/json ignores the option for other kinds
	}
	if d.data[d.i] != '"' {
		if c.kind == kString {
			return d.mismatch(c.t)
		}
		return d.value(v, c)
	}
	off := d.i
	s, err := d.strBytes()
	if err != nil {
		return err
	}
	inner := decoder{data: bytes.Clone(s)}
	ok := len(inner.data) > 0 && inner.data[0] != ' ' && inner.data[0] != 'n'
	if c.kind == kInt || c.kind == kUint {
		ok = ok && isIntLiteral(inner.data)
	}
	if ok && inner.value(v, c) == nil && inner.i == len(inner.data) && inner.typeErr == nil {
		return nil
	}
	if d.typeErr == nil {
		d.typeErr = fmt.Errorf("json: invalid use of ,string struct tag, trying to unmarshal %s into %v", d.data[off:d.i], c.t)
	}
	return nil
}

// quotedPointer is quotedValue for a pointer field tagged ",string" (a
// *int64), as encoding/json decodes one: null, bare or quoted, makes it
// nil; another value is decoded by quotedValue into the pointee, which is
// allocated if the pointer is nil. The option applies to the pointee of
// one pointer only.
func (d *decoder) quotedPointer(v reflect.Value, c *codec) error {
	d.ws()
	if d.literal(`"null"`) {
		v.SetZero()
		return nil
	}
	if d.i < len(d.data) && d.data[d.i] == 'n' {
		return d.value(v, c)
	}
	if d.i < len(d.data) && v.IsNil() {
		v.Set(reflect.New(c.elem.t))
	}
	return d.quotedValue(v.Elem(), c.elem)
}

// quotedInt decodes the JSON string at d.i into the integer v when it
// holds an integer literal: servers quote the integers a document
// declares as "type: integer" (proto3 JSON does for 64-bit ones), and
// lists and maps of integers carried as strings (genclient:"quoted")
// come this way. Any other string is a type mismatch, as in encoding/json.
func (d *decoder) quotedInt(v reflect.Value, c *codec) error {
	off := d.i
	s, err := d.strBytes()
	if err != nil {
		return err
	}
	if !isIntLiteral(s) {
		d.i = off
		return d.mismatch(c.t)
	}
	return d.setNumber(v, c, s, off)
}

// fallback decodes the value at d.i with encoding/json.
func (d *decoder) fallback(v reflect.Value) error {
	off := d.i
	raw, err := d.raw()
	if err != nil {
		return err
	}
	err = json.Unmarshal(raw, v.Addr().Interface())
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		if d.typeErr == nil {
			te.Offset += int64(off)
			d.typeErr = te
		}
		return nil
	}
	return err
}

// null decodes JSON null into v: pointers, maps, slices and interfaces
// become nil, an absent Opt stays absent, a Nullable becomes null, a
// type with UnmarshalJSON receives it, and anything else is unchanged.
func (d *decoder) null(v reflect.Value, c *codec) error {
	if !d.literal("null") {
		return errSyntax
	}
	switch c.kind {
	case kPointer, kMap, kSlice, kAny, kIface, kBytes:
		v.SetZero()
	case kRaw:
		v.SetBytes([]byte("null"))
	case kOpt:
		v.SetZero()
	case kNullable:
		v.SetZero()
		*(*uint8)(unsafe.Pointer(v.Field(1).UnsafeAddr())) = 1
	case kMethods:
		if c.jsonUnP {
			return v.Addr().Interface().(json.Unmarshaler).UnmarshalJSON([]byte("null"))
		}
		d.i -= len("null")
		return d.fallback(v)
	case kFallback:
		d.i -= len("null")
		return d.fallback(v)
	}
	return nil
}

// literal consumes lit if the input has it at d.i.
func (d *decoder) literal(lit string) bool {
	if len(d.data)-d.i >= len(lit) && string(d.data[d.i:d.i+len(lit)]) == lit {
		d.i += len(lit)
		return true
	}
	return false
}

// setNumber stores the number literal lit in v, an integer or float.
func (d *decoder) setNumber(v reflect.Value, c *codec, lit []byte, off int) error {
	switch c.kind {
	case kInt:
		if n, ok := parseInt(lit, 64); ok && !v.OverflowInt(n) {
			v.SetInt(n)
			return nil
		}
	case kUint:
		if n, err := strconv.ParseUint(string(lit), 10, 64); err == nil && !v.OverflowUint(n) {
			v.SetUint(n)
			return nil
		}
	case kFloat:
		if f, err := strconv.ParseFloat(string(lit), c.bits); err == nil && !v.OverflowFloat(f) {
			v.SetFloat(f)
			return nil
		}
	}
	d.saveType("number "+string(lit), c.t, off)
	return nil
}

// object decodes a JSON object into the struct v.
func (d *decoder) object(v reflect.Value, c *codec) error {
	d.i++
	if d.depth++; d.depth > maxDepth {
		return errSyntax
	}
	var extra reflect.Value
	var unknown *Unknown
	var base, first int // where this object's unknown members start in d.unk
	if c.unknown {
		unknown = (*Unknown)(unsafe.Pointer(v.Field(c.extra).UnsafeAddr()))
		unknown.text = nil
		if d.unk != nil {
			base, first = len(d.unk.text), len(d.unk.ends)
		}
	} else if c.extra >= 0 {
		extra = v.Field(c.extra)
		extra.SetZero()
	}
	var nulls *[]string
	if c.nulls >= 0 {
		nulls = (*[]string)(unsafe.Pointer(v.Field(c.nulls).UnsafeAddr()))
		*nulls = nil
	}
	sn, fn := d.structName, d.fieldName
	next := 0
	d.ws()
	if d.i < len(d.data) && d.data[d.i] == '}' {
		d.i++
		d.depth--
		return nil
	}
	for {
		d.ws()
		if d.i >= len(d.data) || d.data[d.i] != '"' {
			return errSyntax
		}
		key, err := d.strBytes()
		if err != nil {
			return err
		}
		d.ws()
		if d.i >= len(d.data) || d.data[d.i] != ':' {
			return errSyntax
		}
		d.i++
		idx := -1
		if next < len(c.fields) && c.fields[next].name == string(key) {
			idx = next
		} else if j, ok := c.byName[string(key)]; ok {
			idx = j
		} else {
			for _, j := range c.folded {
				if strings.EqualFold(c.fields[j].name, string(key)) {
					idx = j
					break
				}
			}
		}
		switch {
		case idx >= 0:
			f := &c.fields[idx]
			d.structName, d.fieldName = c.t.Name(), f.name
			decode := d.value
			if f.quoted {
				decode = d.quotedValue
				if f.c.kind == kPointer {
					decode = d.quotedPointer
				}
			}
			if nulls != nil {
				d.ws()
				if d.i < len(d.data) && d.data[d.i] == 'n' {
					*nulls = append(*nulls, f.goName)
				}
			}
			quote := d.quote
			d.quote = quote || f.quoteInts
			err := decode(v.Field(f.index), f.c)
			d.quote = quote
			if err != nil {
				return err
			}
			next = idx + 1
		case unknown != nil:
			if err := d.addUnknown(key); err != nil {
				return err
			}
		case c.extra >= 0:
			if err := d.member(extra, c.elem, d.keepString(key)); err != nil {
				return err
			}
		case d.strict:
			return errUndeclaredMember
		default:
			if err := d.skip(); err != nil {
				return err
			}
		}
		d.ws()
		if d.i >= len(d.data) {
			return errSyntax
		}
		switch d.data[d.i] {
		case ',':
			d.i++
			continue
		case '}':
			d.i++
			d.depth--
			d.structName, d.fieldName = sn, fn
			if unknown != nil && d.unk != nil && len(d.unk.ends) > first {
				d.keepUnknown(unknown, base, first)
			}
			return nil
		}
		return errSyntax
	}
}

// member decodes the value at d.i into m[key], m being a struct's field
// for the members it does not declare.
func (d *decoder) member(m reflect.Value, elem *codec, key string) error {
	if raws, ok := m.Addr().Interface().(*map[string]json.RawMessage); ok {
		raw, err := d.raw()
		if err != nil {
			return err
		}
		if *raws == nil {
			*raws = map[string]json.RawMessage{}
		}
		(*raws)[key] = d.keep(raw)
		return nil
	}
	x := reflect.New(elem.t).Elem()
	if err := d.value(x, elem); err != nil {
		return err
	}
	if m.IsNil() {
		m.Set(reflect.MakeMap(m.Type()))
	}
	m.SetMapIndex(reflect.ValueOf(key).Convert(m.Type().Key()), x)
	return nil
}

// keep returns a copy of b that stays valid after the decode: values kept
// as json.RawMessage share a few allocations per decode instead of one
// each (so does the text of an Unknown, see keepUnknown). The copy's
// capacity is its length, so appending to it copies. A kept value keeps
// its whole block (at most 4 KB, or the value's own size) alive.
func (d *decoder) keep(b []byte) []byte {
	if len(b) > cap(d.arena)-len(d.arena) {
		d.arena = make([]byte, 0, max(len(b), min(4096, len(d.data))))
	}
	start := len(d.arena)
	d.arena = append(d.arena, b...)
	return d.arena[start:len(d.arena):len(d.arena)]
}

// keepString is keep for a member name: the bytes of the arena are never
// written again, so a string can share them.
func (d *decoder) keepString(b []byte) string {
	if len(b) <= 16 {
		return d.intern(b)
	}
	k := d.keep(b)
	return unsafe.String(&k[0], len(k))
}

// mapping decodes a JSON object into the map v.
func (d *decoder) mapping(v reflect.Value, c *codec) error {
	d.i++
	if d.depth++; d.depth > maxDepth {
		return errSyntax
	}
	if v.IsNil() {
		v.Set(reflect.MakeMap(c.t))
	}
	raws, _ := v.Addr().Interface().(*map[string]json.RawMessage)
	strs, _ := v.Addr().Interface().(*map[string]string)
	var elem, kv reflect.Value // reused for each member
	d.ws()
	if d.i < len(d.data) && d.data[d.i] == '}' {
		d.i++
		d.depth--
		return nil
	}
	for {
		d.ws()
		if d.i >= len(d.data) || d.data[d.i] != '"' {
			return errSyntax
		}
		k, err := d.str()
		if err != nil {
			return err
		}
		d.ws()
		if d.i >= len(d.data) || d.data[d.i] != ':' {
			return errSyntax
		}
		d.i++
		d.ws()
		if raws != nil {
			raw, err := d.raw()
			if err != nil {
				return err
			}
			(*raws)[k] = d.keep(raw)
		} else if strs != nil && d.i < len(d.data) && d.data[d.i] == '"' {
			s, err := d.str()
			if err != nil {
				return err
			}
			(*strs)[k] = s
		} else {
			if !elem.IsValid() {
				elem = reflect.New(c.elem.t).Elem()
				kv = reflect.New(c.t.Key()).Elem()
			} else {
				elem.SetZero()
			}
			if err := d.value(elem, c.elem); err != nil {
				return err
			}
			kv.SetString(k)
			v.SetMapIndex(kv, elem)
		}
		d.ws()
		if d.i >= len(d.data) {
			return errSyntax
		}
		switch d.data[d.i] {
		case ',':
			d.i++
			continue
		case '}':
			d.i++
			d.depth--
			return nil
		}
		return errSyntax
	}
}

// array decodes a JSON array into the slice or array v, as encoding/json
// does: a slice gets exactly the array's elements, an array keeps its
// length (zeroing what the JSON does not fill, dropping what exceeds it).
// A slice without capacity (the usual case: a new value) is filled by
// fresh, which allocates it once at its exact length.
func (d *decoder) array(v reflect.Value, c *codec) error {
	d.i++
	if d.depth++; d.depth > maxDepth {
		return errSyntax
	}
	slice := c.kind == kSlice
	i := 0
	d.ws()
	if d.i < len(d.data) && d.data[d.i] == ']' {
		d.i++
	} else {
		var err error
		if slice && v.Cap() == 0 {
			i, err = d.fresh(v, c)
		} else {
			i, err = d.elements(v, c, 0)
		}
		if err != nil {
			return err
		}
	}
	d.depth--
	if i < v.Len() {
		if slice {
			v.SetLen(i)
		} else {
			for ; i < v.Len(); i++ {
				v.Index(i).SetZero()
			}
		}
	}
	if i == 0 && slice && v.IsNil() {
		v.Set(reflect.MakeSlice(c.t, 0, 0))
	}
	return nil
}

// elements decodes the elements of the array at d.i, from the one at
// index i (which the input has) to the closing bracket, into v, growing
// it if it is a slice; it returns the number of elements.
func (d *decoder) elements(v reflect.Value, c *codec, i int) (int, error) {
	slice := c.kind == kSlice
	for {
		if slice {
			if i >= v.Cap() {
				v.Grow(1)
			}
			if i >= v.Len() {
				v.SetLen(i + 1)
			}
		}
		if i < v.Len() {
			if err := d.value(v.Index(i), c.elem); err != nil {
				return i, err
			}
		} else if err := d.skip(); err != nil {
			return i, err
		}
		i++
		d.ws()
		if d.i >= len(d.data) {
			return i, errSyntax
		}
		if d.data[d.i] == ',' {
			d.i++
			continue
		}
		if d.data[d.i] == ']' {
			d.i++
			return i, nil
		}
		return i, errSyntax
	}
}

// scratchBytes bounds the size of an element buffer fresh keeps between
// decodes; a longer array continues in a slice grown by doubling.
const scratchBytes = 64 << 10

// elemScratch is a buffer of decoded elements of one slice type, an
// addressable []T of length 0 whose elements are all zero.
type elemScratch struct{ buf reflect.Value }

// fresh decodes the elements of the array at d.i (which has at least one)
// into the slice v, which has no capacity, and returns their number.
// Growing v by doubling would allocate about log₂ n times, the last
// allocation up to twice too large; fresh decodes the elements into a
// buffer of c's pool and then allocates v once at its length and copies
// them. The buffer is zeroed before it returns to the pool, so it keeps
// nothing alive, and holds at most scratchBytes (the pool itself is
// emptied by the garbage collector like any sync.Pool): past that the
// elements move to v, grown by doubling from there on.
func (d *decoder) fresh(v reflect.Value, c *codec) (int, error) {
	s, _ := c.scratch.Get().(*elemScratch)
	if s == nil {
		s = &elemScratch{buf: reflect.New(c.t).Elem()}
	}
	buf := s.buf
	limit := scratchBytes / max(int(c.elem.t.Size()), 1)
	n := 0
	var err error
	for {
		if n == buf.Cap() && n >= limit {
			// Too long for the buffer: continue in v itself.
			v.Grow(2 * n)
			v.SetLen(n)
			reflect.Copy(v, buf)
			d.release(c, s, n)
			return d.elements(v, c, n)
		}
		if n == buf.Cap() {
			buf.Grow(1)
		}
		buf.SetLen(n + 1)
		if err = d.value(buf.Index(n), c.elem); err != nil {
			n++
			break
		}
		n++
		d.ws()
		if d.i >= len(d.data) {
			err = errSyntax
			break
		}
		if d.data[d.i] == ',' {
			d.i++
			continue
		}
		if d.data[d.i] == ']' {
			d.i++
			break
		}
		err = errSyntax
		break
	}
	if err == nil {
		v.Grow(n)
		v.SetLen(n)
		reflect.Copy(v, buf)
	}
	d.release(c, s, n)
	return n, err
}

// release zeroes the first n elements of s's buffer and returns it to c's
// pool.
func (d *decoder) release(c *codec, s *elemScratch, n int) {
	s.buf.SetLen(n)
	s.buf.Clear()
	s.buf.SetLen(0)
	c.scratch.Put(s)
}

// anyValue decodes the value at d.i as encoding/json does into an empty
// interface.
func (d *decoder) anyValue() (any, error) {
	d.ws()
	if d.i >= len(d.data) {
		return nil, errSyntax
	}
	switch ch := d.data[d.i]; {
	case ch == '"':
		return d.str()
	case ch == '{':
		d.i++
		if d.depth++; d.depth > maxDepth {
			return nil, errSyntax
		}
		m := map[string]any{}
		d.ws()
		if d.i < len(d.data) && d.data[d.i] == '}' {
			d.i++
			d.depth--
			return m, nil
		}
		for {
			d.ws()
			if d.i >= len(d.data) || d.data[d.i] != '"' {
				return nil, errSyntax
			}
			k, err := d.str()
			if err != nil {
				return nil, err
			}
			d.ws()
			if d.i >= len(d.data) || d.data[d.i] != ':' {
				return nil, errSyntax
			}
			d.i++
			x, err := d.anyValue()
			if err != nil {
				return nil, err
			}
			m[k] = x
			d.ws()
			if d.i >= len(d.data) {
				return nil, errSyntax
			}
			if d.data[d.i] == ',' {
				d.i++
				continue
			}
			if d.data[d.i] == '}' {
				d.i++
				d.depth--
				return m, nil
			}
			return nil, errSyntax
		}
	case ch == '[':
		d.i++
		if d.depth++; d.depth > maxDepth {
			return nil, errSyntax
		}
		a := []any{}
		d.ws()
		if d.i < len(d.data) && d.data[d.i] == ']' {
			d.i++
			d.depth--
			return a, nil
		}
		for {
			x, err := d.anyValue()
			if err != nil {
				return nil, err
			}
			a = append(a, x)
			d.ws()
			if d.i >= len(d.data) {
				return nil, errSyntax
			}
			if d.data[d.i] == ',' {
				d.i++
				continue
			}
			if d.data[d.i] == ']' {
				d.i++
				d.depth--
				return a, nil
			}
			return nil, errSyntax
		}
	case ch == 't' && d.literal("true"):
		return true, nil
	case ch == 'f' && d.literal("false"):
		return false, nil
	case ch == 'n' && d.literal("null"):
		return nil, nil
	case ch == '-' || ch >= '0' && ch <= '9':
		off := d.i
		lit, err := d.number()
		if err != nil {
			return nil, err
		}
		f, err := strconv.ParseFloat(string(lit), 64)
		if err != nil {
			d.saveType("number "+string(lit), reflect.TypeFor[float64](), off)
			return nil, nil
		}
		return f, nil
	}
	return nil, errSyntax
}

// raw skips the value at d.i and returns its bytes.
func (d *decoder) raw() ([]byte, error) {
	d.ws()
	start := d.i
	if err := d.skip(); err != nil {
		return nil, err
	}
	return d.data[start:d.i], nil
}

// skip checks and skips the value at d.i.
func (d *decoder) skip() error {
	d.ws()
	if d.i >= len(d.data) {
		return errSyntax
	}
	switch ch := d.data[d.i]; {
	case ch == '"':
		return d.skipStr()
	case ch == '{', ch == '[':
		end := byte('}')
		if ch == '[' {
			end = ']'
		}
		d.i++
		if d.depth++; d.depth > maxDepth {
			return errSyntax
		}
		d.ws()
		if d.i < len(d.data) && d.data[d.i] == end {
			d.i++
			d.depth--
			return nil
		}
		for {
			if ch == '{' {
				d.ws()
				if d.i >= len(d.data) || d.data[d.i] != '"' {
					return errSyntax
				}
				if err := d.skipStr(); err != nil {
					return err
				}
				d.ws()
				if d.i >= len(d.data) || d.data[d.i] != ':' {
					return errSyntax
				}
				d.i++
			}
			if err := d.skip(); err != nil {
				return err
			}
			d.ws()
			if d.i >= len(d.data) {
				return errSyntax
			}
			if d.data[d.i] == ',' {
				d.i++
				continue
			}
			if d.data[d.i] == end {
				d.i++
				d.depth--
				return nil
			}
			return errSyntax
		}
	case ch == 't':
		if d.literal("true") {
			return nil
		}
	case ch == 'f':
		if d.literal("false") {
			return nil
		}
	case ch == 'n':
		if d.literal("null") {
			return nil
		}
	case ch == '-' || ch >= '0' && ch <= '9':
		_, err := d.number()
		return err
	}
	return errSyntax
}

// number consumes a JSON number and returns its text.
func (d *decoder) number() ([]byte, error) {
	b, i := d.data, d.i
	start := i
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && b[i] >= '1' && b[i] <= '9':
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
	default:
		return nil, errSyntax
	}
	if i < len(b) && b[i] == '.' {
		i++
		j := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		if i == j {
			return nil, errSyntax
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		j := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		if i == j {
			return nil, errSyntax
		}
	}
	d.i = i
	return b[start:i], nil
}

// skipStr checks and skips the string at d.i.
func (d *decoder) skipStr() error {
	b := d.data
	for i := d.i + 1; i < len(b); i++ {
		switch c := b[i]; {
		case c == '"':
			d.i = i + 1
			return nil
		case c == '\\':
			i++
			if i >= len(b) {
				return errSyntax
			}
			switch b[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if i+4 >= len(b) || !isHex4(b[i+1:i+5]) {
					return errSyntax
				}
				i += 4
			default:
				return errSyntax
			}
		case c < 0x20:
			return errSyntax
		}
	}
	return errSyntax
}

// str decodes the string at d.i.
func (d *decoder) str() (string, error) {
	b, err := d.strBytes()
	if err != nil {
		return "", err
	}
	return d.keepString(b), nil
}

// strings is a cache of short strings that the decoders share, one at a
// time: responses repeat the same short values (a login, a type, a
// status, a currency) and names, and each would be an allocation.
type stringCache [256]string

var stringCaches = sync.Pool{New: func() any { return new(stringCache) }}

// intern returns b as a string, from the cache when b is short.
func (d *decoder) intern(b []byte) string {
	if len(b) == 0 || len(b) > 16 {
		return string(b)
	}
	if d.strs == nil {
		d.strs = stringCaches.Get().(*stringCache)
	}
	h := uint32(len(b))
	for _, c := range b {
		h = h*31 + uint32(c)
	}
	e := &d.strs[h%uint32(len(d.strs))]
	if *e != string(b) {
		*e = string(b)
	}
	return *e
}

// strBytes decodes the string at d.i; the result is valid until the next
// call (it may be d.scratch) and must not be kept.
func (d *decoder) strBytes() ([]byte, error) {
	b := d.data
	start := d.i + 1
	for i := start; i < len(b); i++ {
		c := b[i]
		if c == '"' {
			d.i = i + 1
			return b[start:i], nil
		}
		if c == '\\' || c < 0x20 || c >= utf8.RuneSelf {
			return d.strSlow(start, i)
		}
	}
	return nil, errSyntax
}

// strSlow decodes a string with escapes or non-ASCII bytes as
// encoding/json does: invalid UTF-8 and lone surrogates become U+FFFD.
func (d *decoder) strSlow(start, i int) ([]byte, error) {
	b := d.data
	out := append(d.scratch[:0], b[start:i]...)
	for i < len(b) {
		c := b[i]
		switch {
		case c == '"':
			d.i = i + 1
			d.scratch = out
			return out, nil
		case c == '\\':
			if i+1 >= len(b) {
				return nil, errSyntax
			}
			switch e := b[i+1]; e {
			case '"', '\\', '/':
				out = append(out, e)
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'u':
				r, ok := hex4(b, i+2)
				if !ok {
					return nil, errSyntax
				}
				i += 6
				if utf16.IsSurrogate(r) {
					if r2, ok := hex4(b, i+2); ok && i+1 < len(b) && b[i] == '\\' && b[i+1] == 'u' {
						if dec := utf16.DecodeRune(r, r2); dec != unicode.ReplacementChar {
							out = utf8.AppendRune(out, dec)
							i += 6
							continue
						}
					}
					r = unicode.ReplacementChar
				}
				out = utf8.AppendRune(out, r)
				continue
			default:
				return nil, errSyntax
			}
			i += 2
		case c < 0x20:
			return nil, errSyntax
		case c < utf8.RuneSelf:
			out = append(out, c)
			i++
		default:
			r, size := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && size == 1 {
				out = utf8.AppendRune(out, unicode.ReplacementChar)
			} else {
				out = append(out, b[i:i+size]...)
			}
			i += size
		}
	}
	return nil, errSyntax
}

// hex4 reads the four hex digits at b[i:].
func hex4(b []byte, i int) (rune, bool) {
	if i+4 > len(b) || !isHex4(b[i:i+4]) {
		return 0, false
	}
	n, _ := strconv.ParseUint(string(b[i:i+4]), 16, 32)
	return rune(n), true
}

func isHex4(b []byte) bool {
	for _, c := range b[:4] {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}
