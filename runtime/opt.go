package runtime

import (
	"bytes"
	"fmt"
)

// Opt is an optional value: either absent or set to a value of T.
//
// The zero Opt is absent. Generated structs tag Opt fields with
// `json:",omitzero"`, so an absent value is left out of the JSON and a set
// value is always sent, even when it is T's zero value (0, "", false).
// Opt does not accept JSON null; see Nullable for fields that do.
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

// optional is implemented by Opt and Nullable so that the request builder
// can tell an absent value from a set one without reflection.
type optional interface {
	optValue() (any, bool)
}

func (o Opt[T]) optValue() (any, bool) { return o.value, o.set }

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

func (n Nullable[T]) optValue() (any, bool) { return n.value, n.state == 2 }
