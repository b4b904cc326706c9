package runtime

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
)

// Opt is an optional value: either absent or set to a value of T.
//
// The zero Opt is absent. Generated structs tag Opt fields with
// `json:",omitzero"`, so an absent value is left out of the JSON and a set
// value is always sent, even when it is T's zero value (0, "", false).
// Opt does not accept JSON null; see Nullable for fields that do.
//
// The runtime's codec (Unmarshal, Marshal) reads and writes an Opt in
// place; its JSON methods serve encoding/json.
type Opt[T any] struct {
	value T
	set   bool
}

// Some returns an Opt set to v.
func Some[T any](v T) Opt[T] { return Opt[T]{value: v, set: true} }

// None returns an absent Opt. It equals the zero Opt.
func None[T any]() Opt[T] { return Opt[T]{} }

// Get returns the value and whether it is set.
func (o Opt[T]) Get() (T, bool) { return o.value, o.set }

// IsSet reports whether o holds a value.
func (o Opt[T]) IsSet() bool { return o.set }

// Value returns the value, or T's zero value when o is absent.
func (o Opt[T]) Value() T { return o.value }

// Or returns the value, or def when o is absent.
func (o Opt[T]) Or(def T) T {
	if o.set {
		return o.value
	}
	return def
}

// Ptr returns a pointer to a copy of the value, or nil when o is absent.
func (o Opt[T]) Ptr() *T {
	if !o.set {
		return nil
	}
	v := o.value
	return &v
}

// IsZero reports whether o is absent; it makes `omitzero` leave it out.
func (o Opt[T]) IsZero() bool { return !o.set }

// String formats the value, or "<absent>".
func (o Opt[T]) String() string {
	if !o.set {
		return "<absent>"
	}
	return fmt.Sprint(o.value)
}

// MarshalJSON encodes the value; an absent Opt encodes as null, which only
// happens when the field lacks `omitzero`.
func (o Opt[T]) MarshalJSON() ([]byte, error) {
	if !o.set {
		return []byte("null"), nil
	}
	return Marshal(o.value)
}

// UnmarshalJSON decodes a value and marks o as set. JSON null leaves o
// absent: servers that send null for an optional field mean "no value".
func (o *Opt[T]) UnmarshalJSON(b []byte) error {
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		*o = Opt[T]{}
		return nil
	}
	if decodeScalar(b, &o.value) {
		o.set = true
		return nil
	}
	var v T
	if err := Unmarshal(b, &v); err != nil {
		if !unquoteInt(b, &v) {
			return err
		}
	}
	*o = Opt[T]{value: v, set: true}
	return nil
}

// runtimePath is this package's import path, as reflect reports it for
// an instantiation of Opt or Nullable.
var runtimePath = reflect.TypeFor[Date]().PkgPath()

// optKind reports whether t is an instantiation of Opt (kOpt) or of
// Nullable (kNullable), and 0 otherwise.
//
// The codec and the request builder tell them by their type, not by a
// method: the compiler compiles every method of an instantiated generic
// type again in each package that names the instantiation (every
// generated package and every package of its users), so each method of
// Opt costs four functions per value type there (TestOptMethodSet).
func optKind(t reflect.Type) kind {
	if t.Kind() != reflect.Struct || t.NumField() != 2 || t.PkgPath() != runtimePath {
		return 0
	}
	switch name := t.Name(); {
	case strings.HasPrefix(name, "Opt["):
		return kOpt
	case strings.HasPrefix(name, "Nullable["):
		return kNullable
	}
	return 0
}

// optionalOf reports whether v is an Opt or a Nullable (ok) and, if so,
// whether it holds a value (set: a set Opt, a Nullable that is neither
// absent nor null) and the value.
func optionalOf(v any) (inner any, set, ok bool) {
	t := reflect.TypeOf(v)
	if t == nil || t.Kind() != reflect.Struct {
		return nil, false, false
	}
	// The Opts of most parameters, without reflection. (These
	// instantiations are compiled here, in the runtime, not in the packages
	// that import it.)
	switch x := v.(type) {
	case Opt[string]:
		return optAny(x.value, x.set)
	case Opt[int64]:
		return optAny(x.value, x.set)
	case Opt[int32]:
		return optAny(x.value, x.set)
	case Opt[bool]:
		return optAny(x.value, x.set)
	case Opt[float64]:
		return optAny(x.value, x.set)
	case Nullable[string]:
		return optAny(x.value, x.state == 2)
	case Nullable[int64]:
		return optAny(x.value, x.state == 2)
	}
	if optKind(t) == 0 {
		return nil, false, false
	}
	c, rv := codecOf(t), reflect.ValueOf(v)
	if !optHolds(rv, c.kind) {
		return nil, false, true
	}
	return optValue(rv, c).Interface(), true, true
}

// optHolds reports whether v, an Opt (k is kOpt) or a Nullable
// (kNullable), holds a value: a set Opt, a Nullable neither absent nor
// null.
func optHolds(v reflect.Value, k kind) bool {
	if k == kOpt {
		return v.Field(1).Bool()
	}
	return v.Field(1).Uint() == 2
}

// optAny is optionalOf for an Opt or a Nullable of a known type.
func optAny[T any](v T, set bool) (inner any, _, ok bool) {
	if !set {
		return nil, false, true
	}
	return v, true, true
}

// Nullable is a value with three states: absent, JSON null, or a value of T.
// PATCH-style bodies need all three: leaving a field out keeps it, null
// clears it, a value sets it.
//
// The zero Nullable is absent. Generated structs tag optional Nullable
// fields with `json:",omitzero"`; a required Nullable field has no omitzero
// and encodes its absent state as null.
type Nullable[T any] struct {
	value T
	state uint8 // 0 absent, 1 null, 2 value
}

// Null returns a Nullable holding JSON null.
func Null[T any]() Nullable[T] { return Nullable[T]{state: 1} }

// Value returns a Nullable set to v. (Named NullableOf to read well at call
// sites: runtime.NullableOf(3).)
func NullableOf[T any](v T) Nullable[T] { return Nullable[T]{value: v, state: 2} }

// Get returns the value and whether n holds one (false for absent and null).
func (n Nullable[T]) Get() (T, bool) { return n.value, n.state == 2 }

// IsNull reports whether n holds JSON null.
func (n Nullable[T]) IsNull() bool { return n.state == 1 }

// IsSet reports whether n is present, as null or as a value.
func (n Nullable[T]) IsSet() bool { return n.state != 0 }

// Value returns the value, or T's zero value when n is absent or null.
func (n Nullable[T]) Value() T { return n.value }

// Or returns the value, or def when n is absent or null.
func (n Nullable[T]) Or(def T) T {
	if n.state == 2 {
		return n.value
	}
	return def
}

// IsZero reports whether n is absent; it makes `omitzero` leave it out.
func (n Nullable[T]) IsZero() bool { return n.state == 0 }

// String formats the value, "null" or "<absent>".
func (n Nullable[T]) String() string {
	switch n.state {
	case 0:
		return "<absent>"
	case 1:
		return "null"
	}
	return fmt.Sprint(n.value)
}

// MarshalJSON encodes null for the absent and null states, else the value.
func (n Nullable[T]) MarshalJSON() ([]byte, error) {
	if n.state != 2 {
		return []byte("null"), nil
	}
	return Marshal(n.value)
}

// UnmarshalJSON decodes null or a value. It is not called for a missing
// property, which therefore stays absent.
func (n *Nullable[T]) UnmarshalJSON(b []byte) error {
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		*n = Nullable[T]{state: 1}
		return nil
	}
	if decodeScalar(b, &n.value) {
		n.state = 2
		return nil
	}
	var v T
	if err := Unmarshal(b, &v); err != nil {
		if !unquoteInt(b, &v) {
			return err
		}
	}
	*n = Nullable[T]{value: v, state: 2}
	return nil
}
