package loader

import (
	"github.com/genclient/genclient/ir"
	"github.com/getkin/kin-openapi/openapi3"
)

// fieldExamples sets f.Examples to the examples of the property schema s,
// checked against s as a named type's are. f.Example must be set already:
// without a check, a lone example reuses its JSON instead of encoding it
// again, which keeps the default load as fast as before.
func (b *builder) fieldExamples(f *ir.Field, s *openapi3.Schema) {
	switch {
	case s.Example == nil && len(s.Examples) == 0:
		return
	case !b.checkExamples && len(s.Examples) == 0:
		if f.Example != "" {
			f.Examples = []ir.Example{{JSON: f.Example}}
		}
		return
	}
	f.Examples = b.examples(s)
}

// mediaExamples lists the examples of a media type object: its example,
// then its examples entries sorted by name (an entry with only an
// externalValue has no value here and is left out), each checked against
// the media type's schema. Only a loader asked to check examples lists
// them: encoding them all again would cost the default load about 3% more
// memory on GitHub's document (whose responses share large examples), and
// nothing but the round-trip test reads them.
func (b *builder) mediaExamples(m *openapi3.MediaType) []ir.Example {
	if !b.checkExamples || m == nil || m.Example == nil && len(m.Examples) == 0 {
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
			ex.Invalid = checkExample(s, v)
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
	return out
}
