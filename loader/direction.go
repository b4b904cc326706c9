package loader

import (
	"slices"
	"strings"

	"github.com/genclient/genclient/ir"
)

// splitDirections gives readOnly and writeOnly properties a clean home.
// The rule, which the generator follows by reading Named.Usage:
//
//   - a type only sent (Usage == UsedInRequest) has no readOnly fields;
//   - a type only received (Usage == UsedInResponse) has no writeOnly fields;
//   - a type used in both directions that has readOnly or writeOnly
//     properties, or reaches such a type through its fields, array items,
//     map values or union variants, is split in two: Name keeps the
//     response shape (Usage becomes UsedInResponse) and a new type
//     NameRequest, named through the same namer as every other type (so
//     "PetRequest2" when "PetRequest" is taken), holds the request shape
//     and refers to the request shapes of the types it reaches. Parameters
//     and request bodies of operations, and the types only sent, are
//     rewritten to the request shapes. A webhook's payload is received by
//     the user, so it counts as a response (see computeUsage).
//
// Types no operation uses keep every field. The IR keeps all fields on
// every struct; leaving them out is the generator's job, so that
// additionalProperties still knows every declared name.
func (b *builder) splitDirections() {
	d := &directions{state: map[*ir.Named]int{}, clones: map[*ir.Named]*ir.Named{}}
	const both = ir.UsedInRequest | ir.UsedInResponse
	var split []*ir.Named
	for _, n := range b.api.Types {
		if n.Usage == both && d.reaches(n) {
			split = append(split, n)
		}
	}
	if len(split) == 0 {
		return
	}
	nm := b.takenTypeNames()
	for _, n := range split {
		c := &ir.Named{Name: nm.name(n.Name + "Request"), Doc: n.Doc, Ref: n.Ref, Pos: n.Pos,
			Example: n.Example, Usage: ir.UsedInRequest}
		d.clones[n] = c
	}
	for _, n := range split {
		c := d.clones[n]
		c.Type = d.cloneShape(n.Type)
		if u, ok := c.Type.(*ir.Union); ok {
			// The copied variants still carry the original's constructor
			// names (finishNames ran before the split).
			for _, v := range u.Variants {
				if v.Ctor != "" {
					v.Ctor = nm.name("New" + c.Name + v.Name)
				}
			}
		}
		n.Usage = ir.UsedInResponse
		b.api.Types = append(b.api.Types, c)
	}
	for _, n := range b.api.Types {
		if n.Usage == ir.UsedInRequest && !slices.Contains(split, n) {
			n.Type = d.rewriteShape(n.Type)
		}
	}
	for _, s := range b.api.Services {
		for _, o := range s.Operations {
			d.rewriteOp(o)
		}
	}
	slices.SortFunc(b.api.Types, func(x, y *ir.Named) int { return strings.Compare(x.Name, y.Name) })
}

// takenTypeNames returns a namer holding every package-level name chosen
// so far.
func (b *builder) takenTypeNames() *namer {
	nm := b.reservedTypeNames()
	for _, n := range b.api.Types {
		nm.reserve(n.Name)
		if e, ok := n.Type.(*ir.Enum); ok {
			for _, v := range e.Values {
				nm.reserve(v.Name)
			}
			nm.reserve(e.ValuesFunc)
		}
		if u, ok := n.Type.(*ir.Union); ok {
			for _, v := range u.Variants {
				nm.reserve(v.Ctor)
			}
		}
	}
	return nm
}

// directions is the state of one splitDirections run.
type directions struct {
	state  map[*ir.Named]int // 1 visiting, 2 reaches, 3 does not
	clones map[*ir.Named]*ir.Named
}

// reaches reports whether n has, or reaches, a readOnly or writeOnly field.
func (d *directions) reaches(n *ir.Named) bool {
	switch d.state[n] {
	case 1, 3:
		return false // a cycle adds nothing the other path does not find
	case 2:
		return true
	}
	d.state[n] = 1
	ok := d.typeReaches(n.Type)
	d.state[n] = 3
	if ok {
		d.state[n] = 2
	}
	return ok
}

func (d *directions) typeReaches(t ir.Type) bool {
	switch x := t.(type) {
	case *ir.Named:
		return d.reaches(x)
	case *ir.Nullable:
		return d.typeReaches(x.Elem)
	case *ir.Array:
		return d.typeReaches(x.Elem)
	case *ir.Map:
		return d.typeReaches(x.Elem)
	case *ir.Struct:
		for _, f := range x.Fields {
			if f.ReadOnly || f.WriteOnly || d.typeReaches(f.Type) {
				return true
			}
		}
		return x.Additional != nil && d.typeReaches(x.Additional)
	case *ir.Union:
		for _, v := range x.Variants {
			if d.typeReaches(v.Type) {
				return true
			}
		}
	}
	return false
}

// req returns the request shape of a use-site type.
func (d *directions) req(t ir.Type) ir.Type {
	switch x := t.(type) {
	case *ir.Named:
		if c, ok := d.clones[x]; ok {
			return c
		}
	case *ir.Nullable:
		return &ir.Nullable{Elem: d.req(x.Elem)}
	case *ir.Array:
		return &ir.Array{Elem: d.req(x.Elem)}
	case *ir.Map:
		return &ir.Map{Elem: d.req(x.Elem)}
	}
	return t
}

// cloneShape copies a Named.Type with its uses rewritten to request shapes.
func (d *directions) cloneShape(t ir.Type) ir.Type {
	switch x := t.(type) {
	case *ir.Struct:
		st := &ir.Struct{Closed: x.Closed}
		if x.Additional != nil {
			st.Additional = d.req(x.Additional)
		}
		for _, f := range x.Fields {
			cf := *f
			cf.Type = d.req(f.Type)
			st.Fields = append(st.Fields, &cf)
		}
		return st
	case *ir.Union:
		u := &ir.Union{Kind: x.Kind, Discriminator: x.Discriminator}
		for _, v := range x.Variants {
			cv := *v
			cv.Type = d.req(v.Type)
			u.Variants = append(u.Variants, &cv)
		}
		return u
	}
	return d.req(t)
}

// rewriteShape rewrites the uses inside a request-only type in place.
func (d *directions) rewriteShape(t ir.Type) ir.Type {
	switch x := t.(type) {
	case *ir.Struct:
		for _, f := range x.Fields {
			f.Type = d.req(f.Type)
		}
		if x.Additional != nil {
			x.Additional = d.req(x.Additional)
		}
		return x
	case *ir.Union:
		for _, v := range x.Variants {
			v.Type = d.req(v.Type)
		}
		return x
	}
	return d.req(t)
}

// rewriteOp points an operation's parameters and request body at the
// request shapes.
func (d *directions) rewriteOp(o *ir.Operation) {
	for _, p := range o.Params {
		p.Type = d.req(p.Type)
	}
	if o.Body != nil {
		for _, c := range o.Body.Contents {
			if c.Type != nil {
				c.Type = d.req(c.Type)
			}
		}
	}
}
