package loader

import (
	"strconv"

	"github.com/genclient/genclient/ir"
	"github.com/getkin/kin-openapi/openapi3"
)

// fieldExamples sets f.Examples to the examples of the property schema s,
// checked against s as a named type's are, then (only when checking) those
// of the parts of s without a named type of their own (see
// nestedExamples). f.Example and f.Type must be set already: without a
// check, a lone example reuses its JSON instead of encoding it again, which
// keeps the default load as fast as before.
func (b *builder) fieldExamples(f *ir.Field, s *openapi3.Schema) {
	switch {
	case b.checkExamples:
		f.Examples = append(b.examples(s), b.nestedExamples(s, f.Type)...)
	case len(s.Examples) > 0:
		f.Examples = b.examples(s)
	case f.Example != "":
		f.Examples = []ir.Example{{JSON: f.Example}}
	}
}

// mediaExamples lists the examples of a media type object: its example,
// then its examples entries sorted by name (an entry with only an
// externalValue has no value here and is left out), each checked against
// the media type's schema, then the examples of the parts of that schema
// without a named type of their own (see nestedExamples; t is the
// schema's type). Only a loader asked to check examples lists them:
// encoding them all again would cost the default load about 3% more
// memory on GitHub's document (whose responses share large examples), and
// nothing but the round-trip test reads them.
func (b *builder) mediaExamples(m *openapi3.MediaType, t ir.Type) []ir.Example {
	if !b.checkExamples || m == nil {
		return nil
	}
	var s *openapi3.Schema
	if m.Schema != nil {
		s = m.Schema.Value
	}
	var out []ir.Example
	add := func(name string, v any) {
		js := compactJSON(v)
		if js == "" {
			return
		}
		ex := ir.Example{Name: name, JSON: js}
		if s != nil {
			ex.Invalid = b.checkExample(s, v)
		}
		out = append(out, ex)
	}
	if m.Example != nil {
		add("", m.Example)
	}
	for _, k := range sortedKeys(m.Examples) {
		if er := m.Examples[k]; er != nil && er.Value != nil && er.Value.Value != nil {
			add(k, er.Value.Value)
		}
	}
	if s != nil && t != nil {
		out = append(out, b.nestedExamples(s, t)...)
	}
	return out
}

// nestedExamples lists examples of a value of the schema s, whose type is
// t, made from the examples of the schemas inside s that have no named
// type of their own and so no list of examples of their own:
//   - the items of an array (and theirs, for an array of arrays): an
//     example ex of them becomes [ex];
//   - the additionalProperties of a map: {"key": ex};
//   - the part an allOf or oneOf/anyOf stands for when it is the only one
//     that makes the type (an allOf of one structural part and nothing
//     else, a union of one variant besides null): ex itself.
//
// Each is checked against s, so its verdict is that of s, and its Part is
// the path from s to where the example is ("items", "items/items",
// "additionalProperties", "anyOf/0"). A part whose type is named is not
// walked into: its examples are the named type's, and only those it does
// not have (an example beside a $ref in an allOf) are listed. Only a loader
// asked to check examples calls this.
func (b *builder) nestedExamples(s *openapi3.Schema, t ir.Type) []ir.Example {
	var out []ir.Example
	b.partExamples(&out, s, s, t, "", func(v any) any { return v }, false, 0)
	return out
}

// partExamples appends to out the examples of the part x of the schema
// root found at path, whose type is t, each wrapped by wrap into a value
// of root (x's own only when own is set), then those of x's parts (see
// nestedExamples).
func (b *builder) partExamples(out *[]ir.Example, root, x *openapi3.Schema, t ir.Type, path string, wrap func(any) any, own bool, depth int) {
	if x == nil || depth > 16 {
		return
	}
	if nt, ok := t.(*ir.Nullable); ok {
		t = nt.Elem
	}
	named, _ := t.(*ir.Named)
	if own {
		for _, v := range exampleValues(x) {
			js := compactJSON(v)
			if js == "" || named != nil && hasExample(named, js) {
				continue
			}
			w := wrap(v)
			if js = compactJSON(w); js != "" {
				*out = append(*out, ir.Example{JSON: js, Part: path, Invalid: b.checkExample(root, w)})
			}
		}
	}
	if named != nil {
		return
	}
	if part, key := passThrough(x); part != nil {
		b.partExamples(out, root, part.Value, t, joinPath(path, key), wrap, true, depth+1)
		return
	}
	switch t := t.(type) {
	case *ir.Array:
		if x.Items != nil {
			b.partExamples(out, root, x.Items.Value, t.Elem, joinPath(path, "items"),
				func(v any) any { return wrap([]any{v}) }, true, depth+1)
		}
	case *ir.Map:
		if ap := x.AdditionalProperties.Schema; ap != nil {
			b.partExamples(out, root, ap.Value, t.Elem, joinPath(path, "additionalProperties"),
				func(v any) any { return wrap(map[string]any{"key": v}) }, true, depth+1)
		}
	}
}

// passThrough returns the part of s that makes s's type on its own, as
// convert finds it (an allOf of one structural part and nothing else of
// its own, a oneOf/anyOf of one variant besides null), and the path to it;
// nil if there is none.
func passThrough(s *openapi3.Schema) (*openapi3.SchemaRef, string) {
	if len(s.AllOf) > 0 {
		if len(s.Properties) > 0 || s.AdditionalProperties.Schema != nil || unionParts(s) != nil {
			return nil, ""
		}
		j := -1
		for i, part := range s.AllOf {
			if part.Value != nil && (part.Ref != "" || !docOnly(part.Value)) {
				if j >= 0 {
					return nil, ""
				}
				j = i
			}
		}
		if j >= 0 {
			return s.AllOf[j], "allOf/" + strconv.Itoa(j)
		}
		// No structural part: s without its allOf makes the type.
	}
	parts := unionParts(s)
	key := "oneOf"
	if len(s.OneOf) == 0 {
		key = "anyOf"
	}
	j := -1
	for i, p := range parts {
		if p.Value != nil && p.Ref == "" && isNullSchema(p.Value) {
			continue
		}
		if j >= 0 {
			return nil, ""
		}
		j = i
	}
	if j < 0 || parts[j].Value == nil {
		return nil, ""
	}
	return parts[j], key + "/" + strconv.Itoa(j)
}

// hasExample reports whether the named type n lists an example of JSON js.
func hasExample(n *ir.Named, js string) bool {
	for _, ex := range n.Examples {
		if ex.JSON == js {
			return true
		}
	}
	return false
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "/" + key
}
