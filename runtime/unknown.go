package runtime

import (
	"bytes"
	"encoding/json"
	"errors"
	"iter"
	"reflect"
	"slices"
	"strings"
	"sync"
)

// Unknown holds the members of a JSON object that the struct it was
// decoded into does not declare: generated structs keep in a field of
// this type (tagged genclient:"unknown" and json:"-") the properties an
// API sends beyond its document, so that they survive a decode and an
// encode. Marshal writes them after the declared fields, in name order.
//
// It keeps the members' text, not a map: decoding an object with unknown
// members costs no allocation of its own (the text shares a few blocks of
// memory with the rest of a decode's strings, which stay alive as long as
// any of them does). Names are exact: {"NAME": 1} is unknown to a struct
// that declares "name". The zero Unknown holds nothing.
//
// The values Get and All return share the Unknown's memory and must not
// be modified; Set and Delete never change memory a value shares.
type Unknown struct {
	// text is a JSON object whose members have distinct names, in the
	// order of their names, written as Marshal writes them (names as
	// appendString does, values as appendCompact); nil when there are
	// none.
	text []byte
}

// appendCompact appends the valid JSON value b as Marshal writes a
// json.RawMessage: compacted, with <, >, & and U+2028/U+2029 escaped.
func appendCompact(dst, b []byte) []byte {
	plain := true
	for _, c := range b {
		switch c {
		case ' ', '\t', '\n', '\r', '<', '>', '&', 0xE2:
			plain = false
		}
	}
	if plain {
		return append(dst, b...)
	}
	var out, esc bytes.Buffer
	json.Compact(&out, b)
	json.HTMLEscape(&esc, out.Bytes())
	return append(dst, esc.Bytes()...)
}

var unknownType = reflect.TypeFor[Unknown]()

// Len reports the number of members.
func (u Unknown) Len() int {
	n := 0
	for range u.members() {
		n++
	}
	return n
}

// Get returns the value of the member named name.
func (u Unknown) Get(name string) (json.RawMessage, bool) {
	for m := range u.members() {
		if m.is(name) {
			return m.value, true
		}
	}
	return nil, false
}

// All returns the members' names and values, in the order of the names.
func (u Unknown) All() iter.Seq2[string, json.RawMessage] {
	return func(yield func(string, json.RawMessage) bool) {
		for m := range u.members() {
			if !yield(m.name(), m.value) {
				return
			}
		}
	}
}

// Set sets the value of the member named name, adding it if u has no
// such member; value must be one JSON value (nil stands for null).
func (u *Unknown) Set(name string, value json.RawMessage) error {
	if value == nil {
		value = json.RawMessage("null")
	}
	d := decoder{data: value}
	err := d.skip()
	if d.ws(); err != nil || d.i != len(value) {
		return errors.New("runtime: Unknown.Set: the value of " + strconvQuote(name) + " is not one JSON value")
	}
	u.rewrite(name, appendCompact(nil, value))
	return nil
}

// Delete removes the member named name, if u has it.
func (u *Unknown) Delete(name string) {
	if _, ok := u.Get(name); ok {
		u.rewrite(name, nil)
	}
}

// String returns the members as a JSON object (an empty one when there
// are none).
func (u Unknown) String() string {
	if len(u.text) == 0 {
		return "{}"
	}
	return string(u.text)
}

// rewrite gives u new text: its members with name set to value, or
// without name when value is nil.
func (u *Unknown) rewrite(name string, value []byte) {
	out := []byte{'{'}
	put := func(key, val []byte) {
		if len(out) > 1 {
			out = append(out, ',')
		}
		out = append(append(append(out, key...), ':'), val...)
	}
	done := value == nil
	for m := range u.members() {
		if !done && name <= m.name() {
			done = true
			put(appendString(nil, name), value)
			if m.is(name) {
				continue
			}
		}
		if !m.is(name) {
			put(m.key, m.value)
		}
	}
	if !done {
		put(appendString(nil, name), value)
	}
	if len(out) == 1 {
		u.text = nil
		return
	}
	u.text = append(out, '}')
}

// member is one member of an Unknown's text.
type member struct {
	key   []byte // the name as a JSON string
	value []byte
}

// name returns the member's name.
func (m member) name() string {
	if bytes.IndexByte(m.key, '\\') < 0 {
		return string(m.key[1 : len(m.key)-1])
	}
	d := decoder{data: m.key}
	s, _ := d.strBytes()
	return string(s)
}

// is reports whether the member is named name, without allocating for a
// name without escapes.
func (m member) is(name string) bool {
	if bytes.IndexByte(m.key, '\\') < 0 {
		return string(m.key[1:len(m.key)-1]) == name
	}
	return m.name() == name
}

// in reports whether the member's name is in names.
func (m member) in(names map[string]bool) bool {
	if len(names) == 0 {
		return false
	}
	if bytes.IndexByte(m.key, '\\') < 0 {
		return names[string(m.key[1:len(m.key)-1])]
	}
	return names[m.name()]
}

// compareNames orders members by name, as Marshal orders map keys.
func compareNames(a, b []byte) int {
	if bytes.IndexByte(a, '\\') < 0 && bytes.IndexByte(b, '\\') < 0 {
		return bytes.Compare(a[1:len(a)-1], b[1:len(b)-1])
	}
	return strings.Compare(member{key: a}.name(), member{key: b}.name())
}

// members iterates over the members of u's text.
func (u Unknown) members() iter.Seq[member] {
	return func(yield func(member) bool) {
		if len(u.text) < 2 {
			return
		}
		d := decoder{data: u.text, i: 1}
		for {
			d.ws()
			if d.i >= len(d.data) || d.data[d.i] != '"' {
				return
			}
			start := d.i
			if d.skipStr() != nil {
				return
			}
			key := d.data[start:d.i]
			d.ws()
			d.i++ // ':'
			value, err := d.raw()
			if err != nil {
				return
			}
			if !yield(member{key: key, value: value[:len(value):len(value)]}) {
				return
			}
			d.ws()
			if d.i >= len(d.data) || d.data[d.i] != ',' {
				return
			}
			d.i++
		}
	}
}

// strconvQuote is name as a Go-like quoted string for messages.
func strconvQuote(name string) string { return string(appendString(nil, name)) }

// unknownScratch is where a decode gathers the unknown members of the
// objects it is inside of (innermost last) before keeping them.
type unknownScratch struct {
	text []byte        // members as `"name":value`, one after the other
	ends []unknownSpan // where each member's name and value end in text
}

// unknownSpan is one member in unknownScratch.text: [start, colon) is its
// name as a JSON string, [colon+1, end) its value.
type unknownSpan struct{ start, colon, end int }

var unknownScratches = sync.Pool{New: func() any { return new(unknownScratch) }}

// addUnknown adds the member named name (decoded, valid until the next
// string is decoded) with the value at d.i to the unknown members being
// gathered.
func (d *decoder) addUnknown(name []byte) error {
	if d.unk == nil {
		d.unk = unknownScratches.Get().(*unknownScratch)
	}
	s := d.unk
	start := len(s.text)
	s.text = appendString(s.text, name)
	colon := len(s.text)
	raw, err := d.raw()
	if err != nil {
		return err
	}
	s.text = appendCompact(append(s.text, ':'), raw)
	s.ends = append(s.ends, unknownSpan{start, colon, len(s.text)})
	return nil
}

// keepUnknown stores in u the members gathered since the object began
// (when text had length base and ends length first), in name order and
// the last of members with the same name only, as the text of an Unknown
// in the decode's arena, and drops them from the scratch.
func (d *decoder) keepUnknown(u *Unknown, base, first int) {
	s := d.unk
	spans := s.ends[first:]
	name := func(sp unknownSpan) []byte { return s.text[sp.start:sp.colon] }
	byName := func(a, b unknownSpan) int { return compareNames(name(a), name(b)) }
	if !slices.IsSortedFunc(spans, byName) {
		slices.SortStableFunc(spans, byName)
	}
	n := len(s.text) - base + len(spans) + 1
	if n > cap(d.arena)-len(d.arena) {
		d.arena = make([]byte, 0, max(n, min(4096, len(d.data))))
	}
	start := len(d.arena)
	a := append(d.arena, '{')
	for i, sp := range spans {
		if i+1 < len(spans) && byName(sp, spans[i+1]) == 0 {
			continue // a later member of the same name replaces it
		}
		if len(a) > start+1 {
			a = append(a, ',')
		}
		a = append(a, s.text[sp.start:sp.end]...)
	}
	a = append(a, '}')
	d.arena = a
	u.text = a[start:len(a):len(a)]
	s.text = s.text[:base]
	s.ends = s.ends[:first]
}

// releaseUnknown returns the scratch to its pool, unless it grew large.
func (d *decoder) releaseUnknown() {
	if s := d.unk; s != nil {
		d.unk = nil
		if cap(s.text) <= scratchBytes {
			s.text, s.ends = s.text[:0], s.ends[:0]
			unknownScratches.Put(s)
		}
	}
}

// encodeUnknown appends the members of u that are not in skip (the JSON
// names of the struct's fields: Set may have added one) as object
// members; first tells whether no member was written before.
func (e *encoder) encodeUnknown(u *Unknown, fields []field, skip map[string]bool, first bool) {
	if len(u.text) <= 2 {
		return
	}
	// A member named like a field would hold the field's key as the
	// encoder writes it; without any (as a decode leaves it), the text is
	// what to write.
	all := true
	for i := range fields {
		if bytes.Contains(u.text, fields[i].key) {
			all = false
			break
		}
	}
	if all {
		if !first {
			e.buf = append(e.buf, ',')
		}
		e.buf = append(e.buf, u.text[1:len(u.text)-1]...)
		return
	}
	for m := range u.members() {
		if m.in(skip) {
			continue
		}
		if !first {
			e.buf = append(e.buf, ',')
		}
		first = false
		e.buf = append(append(append(e.buf, m.key...), ':'), m.value...)
	}
}
