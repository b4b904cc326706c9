package generator

import "github.com/genclient/genclient/ir"

// findCycles returns the struct fields that must hold a pointer so that no
// struct contains itself by value. A field holds its type by value when it
// is required and not nullable; optional and nullable structs are pointers
// already, and slices and maps break every cycle.
//
// A depth-first walk over the types in API order marks each field that
// closes a cycle (a back edge); the remaining graph is acyclic, and the
// walk is deterministic because types and fields are ordered.
func findCycles(types []*ir.Named) map[*ir.Field]bool {
	const (
		white = iota
		grey
		black
	)
	color := map[*ir.Named]int{}
	ptr := map[*ir.Field]bool{}
	var visit func(n *ir.Named)
	visit = func(n *ir.Named) {
		color[n] = grey
		if s, ok := n.Type.(*ir.Struct); ok {
			for _, f := range s.Fields {
				m := valueEdge(f)
				if m == nil {
					continue
				}
				switch color[m] {
				case grey:
					ptr[f] = true
				case white:
					visit(m)
				}
			}
		}
		color[n] = black
	}
	for _, n := range types {
		if color[n] == white {
			visit(n)
		}
	}
	return ptr
}

// valueEdge returns the named struct a field holds by value, or nil.
func valueEdge(f *ir.Field) *ir.Named {
	t := f.Type
	nullable := false
	if n, ok := t.(*ir.Nullable); ok {
		t, nullable = n.Elem, true
	}
	n, ok := t.(*ir.Named)
	if !ok {
		return nil
	}
	target := resolve(n)
	if _, ok := target.Type.(*ir.Struct); !ok {
		return nil
	}
	if f.Required && !nullable {
		return target
	}
	return nil
}

// resolve follows named aliases of named types ("type A = B") to the
// named type that declares the shape.
func resolve(n *ir.Named) *ir.Named {
	for i := 0; i < 64; i++ {
		m, ok := n.Type.(*ir.Named)
		if !ok {
			return n
		}
		n = m
	}
	return n
}
