package ir

import "fmt"

// StructOf returns the struct that t names, looking through a Nullable,
// or nil when t is not a named struct.
func StructOf(t Type) *Struct {
	if n, ok := t.(*Nullable); ok {
		t = n.Elem
	}
	if n, ok := t.(*Named); ok {
		s, _ := n.Type.(*Struct)
		return s
	}
	return nil
}

// TypeKey returns a string that is equal for two types exactly when the
// generator writes them as the same Go type.
func TypeKey(t Type) string {
	switch t := t.(type) {
	case *Primitive:
		if t.Quoted {
			return fmt.Sprint("qprim:", t.Kind)
		}
		return fmt.Sprint("prim:", t.Kind)
	case *Array:
		return "[]" + TypeKey(t.Elem)
	case *Map:
		return "map:" + TypeKey(t.Elem)
	case *Nullable:
		return "null:" + TypeKey(t.Elem)
	case *Named:
		return "named:" + t.Name
	}
	return "any"
}
