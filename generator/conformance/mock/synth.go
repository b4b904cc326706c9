package mock

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// Direction says whether a value is sent by the client or by the server:
// readOnly properties are left out of requests, writeOnly ones out of
// responses.
type Direction int

// Directions.
const (
	Request Direction = iota
	Response
)

// Synth makes values that are valid against the schemas of one document.
// It fills every property it can (required and optional), so that the
// values exercise as much of a generated client as possible. Safe for
// concurrent use: it holds no mutable state.
type Synth struct {
	opts []openapi3.SchemaValidationOption
}

// NewSynth returns a Synth for doc (JSON Schema 2020-12 rules for 3.1).
func NewSynth(doc *openapi3.T) *Synth {
	s := &Synth{}
	if doc.IsOpenAPI31OrLater() {
		s.opts = append(s.opts, openapi3.EnableJSONSchema2020())
	}
	return s
}

// maxDepth bounds recursion; beyond optDepth only required properties are
// filled.
const (
	maxDepth = 14
	optDepth = 6
)

// Value returns a value valid against ref in direction dir, as decoded
// JSON (map[string]any, []any, float64, string, bool, nil). The error
// reports a value the schema rejects: a harness limitation (a pattern too
// hard, a contradictory schema), never to be hidden.
func (s *Synth) Value(ref *openapi3.SchemaRef, dir Direction) (any, error) {
	if ref == nil || ref.Value == nil {
		return "value", nil
	}
	g := &gen{s: s, dir: dir}
	v := normalise(g.value(ref.Value, 0))
	if s.accepts(ref.Value, v, dir) {
		return v, nil
	}
	// The first error, not all: kin-openapi takes minutes to list every
	// one of a union of unions.
	err := ref.Value.VisitJSON(v, append(s.dirOpts(dir), ShortErrors())...)
	// The schema's own examples, when valid, are the fallback.
	for _, ex := range examplesOf(ref.Value) {
		ex = normalise(ex)
		if s.accepts(ref.Value, ex, dir) {
			return ex, nil
		}
	}
	return v, err
}

// Validate checks v against schema in direction dir.
func (s *Synth) Validate(schema *openapi3.Schema, v any, dir Direction) error {
	return schema.VisitJSON(v, append(s.dirOpts(dir), openapi3.MultiErrors(), ShortErrors())...)
}

// accepts reports whether schema takes v in direction dir: Validate
// without collecting every error, which for unions of unions cost
// kin-openapi minutes of error messages.
func (s *Synth) accepts(schema *openapi3.Schema, v any, dir Direction) bool {
	return schema.VisitJSON(v, s.dirOpts(dir)...) == nil
}

// dirOpts are the document's validation options and dir's.
func (s *Synth) dirOpts(dir Direction) []openapi3.SchemaValidationOption {
	opts := slices.Clip(s.opts)
	if dir == Request {
		return append(opts, openapi3.VisitAsRequest())
	}
	return append(opts, openapi3.VisitAsResponse())
}

// ShortErrors makes schema errors one line: where, and why, without the
// schema and value dumps kin-openapi adds by default.
func ShortErrors() openapi3.SchemaValidationOption {
	return openapi3.SetSchemaErrorMessageCustomizer(func(err *openapi3.SchemaError) string {
		if err.Origin != nil {
			return err.Origin.Error()
		}
		return fmt.Sprintf("at %q: %s", "/"+strings.Join(err.JSONPointer(), "/"), err.Reason)
	})
}

func examplesOf(s *openapi3.Schema) []any {
	var out []any
	if s.Example != nil {
		out = append(out, s.Example)
	}
	out = append(out, s.Examples...)
	if s.Default != nil {
		out = append(out, s.Default)
	}
	return out
}

// normalise round-trips v through encoding/json so that it holds only the
// types json.Unmarshal produces.
func normalise(v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		return v
	}
	var out any
	if json.Unmarshal(b, &out) != nil {
		return v
	}
	return out
}

type gen struct {
	s     *Synth
	dir   Direction
	stack []*openapi3.Schema
}

func (g *gen) onStack(s *openapi3.Schema) int {
	n := 0
	for _, x := range g.stack {
		if x == s {
			n++
		}
	}
	return n
}

func (g *gen) value(s *openapi3.Schema, depth int) any {
	if s == nil || depth > maxDepth {
		return nil
	}
	g.stack = append(g.stack, s)
	defer func() { g.stack = g.stack[:len(g.stack)-1] }()
	if s.Const != nil {
		return s.Const
	}
	if len(s.Enum) > 0 {
		for _, e := range s.Enum {
			if e != nil {
				return e
			}
		}
		return nil
	}
	if len(s.AllOf) > 0 {
		return g.allOf(s, depth)
	}
	if len(s.OneOf) > 0 || len(s.AnyOf) > 0 {
		return g.union(s, depth)
	}
	switch typeOf(s) {
	case "object":
		return g.object(s, depth)
	case "array":
		return g.array(s, depth)
	case "string":
		return g.str(s)
	case "integer":
		return g.number(s, true)
	case "number":
		return g.number(s, false)
	case "boolean":
		return true
	case "null":
		return nil
	}
	if ex := examplesOf(s); len(ex) > 0 {
		return ex[0]
	}
	return "value"
}

// typeOf is the schema's first non-null type, or the one its keywords
// imply.
func typeOf(s *openapi3.Schema) string {
	if s.Type != nil {
		for _, t := range s.Type.Slice() {
			if t != "null" {
				return t
			}
		}
		if s.Type.Includes("null") {
			return "null"
		}
	}
	switch {
	case len(s.Properties) > 0 || s.AdditionalProperties.Schema != nil || s.AdditionalProperties.Has != nil:
		return "object"
	case s.Items != nil:
		return "array"
	case s.Format != "" || s.Pattern != "" || s.MinLength > 0 || s.MaxLength != nil:
		return "string"
	case s.Min != nil || s.Max != nil:
		return "number"
	}
	return ""
}

// allOf merges the values of every part (and of the schema's own
// properties) into one object; a part that is not an object wins as is.
func (g *gen) allOf(s *openapi3.Schema, depth int) any {
	merged := map[string]any{}
	var scalar any
	scalarSet := false
	add := func(v any) {
		if m, ok := v.(map[string]any); ok {
			mergeInto(merged, m)
		} else if !scalarSet && v != nil {
			scalar, scalarSet = v, true
		}
	}
	for _, p := range s.AllOf {
		if p.Value != nil {
			add(g.value(p.Value, depth))
		}
	}
	if len(s.Properties) > 0 {
		own := *s
		own.AllOf = nil
		add(g.object(&own, depth))
	}
	if len(s.OneOf) > 0 || len(s.AnyOf) > 0 {
		own := *s
		own.AllOf = nil
		add(g.union(&own, depth))
	}
	if scalarSet && len(merged) == 0 {
		return scalar
	}
	return merged
}

func mergeInto(dst, src map[string]any) {
	for k, v := range src {
		if dm, ok := dst[k].(map[string]any); ok {
			if sm, ok := v.(map[string]any); ok {
				mergeInto(dm, sm)
				continue
			}
		}
		if _, exists := dst[k]; !exists {
			dst[k] = v
		}
	}
}

// union tries each variant in order and returns the first whose value the
// whole schema accepts (exactly one match for oneOf). A schema with
// properties of its own and variants that only list required properties
// (GitHub's and OpenAI's "one of these fields" idiom) is filled as an
// object, leaving out the fields only other variants require.
func (g *gen) union(s *openapi3.Schema, depth int) any {
	variants := s.OneOf
	if len(variants) == 0 {
		variants = s.AnyOf
	}
	own := *s
	own.OneOf, own.AnyOf = nil, nil
	var ownObj map[string]any
	if len(s.Properties) > 0 {
		ownObj, _ = normalise(g.object(&own, depth)).(map[string]any)
	}
	var first any
	for i, v := range variants {
		if v.Value == nil {
			continue
		}
		var val any
		if ownObj != nil && constraintOnly(v.Value) {
			m := maps.Clone(ownObj)
			for j, o := range variants {
				if j == i || o.Value == nil {
					continue
				}
				for _, r := range o.Value.Required {
					if !slices.Contains(v.Value.Required, r) && !slices.Contains(s.Required, r) {
						delete(m, r)
					}
				}
			}
			val = m
		} else {
			val = g.value(v.Value, depth+1)
			if m, ok := val.(map[string]any); ok {
				if ownObj != nil {
					mergeInto(m, ownObj)
				}
				if d := s.Discriminator; d != nil && d.PropertyName != "" {
					if key := discriminatorValue(d, v); key != "" {
						m[d.PropertyName] = key
					}
				}
			}
		}
		val = normalise(val)
		if i == 0 {
			first = val
		}
		if g.s.accepts(s, val, g.dir) {
			return val
		}
	}
	return first
}

// constraintOnly reports a schema that only lists required properties.
func constraintOnly(s *openapi3.Schema) bool {
	return len(s.Required) > 0 && len(s.Properties) == 0 && (s.Type == nil || s.Type.Is("object")) &&
		len(s.AllOf)+len(s.OneOf)+len(s.AnyOf) == 0
}

// discriminatorValue is the mapping key that selects v; "" when the
// mapping names none, so that the variant's own value (an enum or const,
// as OpenAI writes them) stands, or the schema name when it has none.
func discriminatorValue(d *openapi3.Discriminator, v *openapi3.SchemaRef) string {
	keys := make([]string, 0, len(d.Mapping))
	for k := range d.Mapping {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if m := d.Mapping[k]; m.Ref == v.Ref || (v.Ref != "" && strings.HasSuffix(m.Ref, v.Ref)) {
			return k
		}
	}
	if p := v.Value.Properties[d.PropertyName]; p != nil && p.Value != nil && (len(p.Value.Enum) > 0 || p.Value.Const != nil) {
		return ""
	}
	if v.Ref != "" && len(d.Mapping) == 0 {
		return v.Ref[strings.LastIndex(v.Ref, "/")+1:]
	}
	return ""
}

func (g *gen) skip(p *openapi3.Schema) bool {
	return g.dir == Request && p.ReadOnly || g.dir == Response && p.WriteOnly
}

func (g *gen) object(s *openapi3.Schema, depth int) any {
	m := map[string]any{}
	names := make([]string, 0, len(s.Properties))
	for n := range s.Properties {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		p := s.Properties[n]
		if p == nil || p.Value == nil || g.skip(p.Value) {
			continue
		}
		req := slices.Contains(s.Required, n)
		if !req && (depth >= optDepth || g.onStack(p.Value) > 0) {
			continue
		}
		v := g.value(p.Value, depth+1)
		if v == nil && !req && !nullable(p.Value) {
			continue
		}
		m[n] = v
	}
	if len(s.Properties) == 0 {
		if ap := s.AdditionalProperties.Schema; ap != nil && ap.Value != nil {
			m["key1"] = g.value(ap.Value, depth+1)
		}
	}
	// A property required but not declared (a slip some documents make)
	// still has to be there.
	for _, r := range s.Required {
		if _, ok := m[r]; !ok && s.Properties[r] == nil {
			var v any = "value"
			if ap := s.AdditionalProperties.Schema; ap != nil && ap.Value != nil {
				v = g.value(ap.Value, depth+1)
			}
			m[r] = v
		}
	}
	for i := len(m); uint64(i) < s.MinProps; i++ {
		var v any = "value"
		if ap := s.AdditionalProperties.Schema; ap != nil && ap.Value != nil {
			v = g.value(ap.Value, depth+1)
		}
		m[fmt.Sprintf("key%d", i+2)] = v
	}
	return m
}

func nullable(s *openapi3.Schema) bool {
	return s.Nullable || s.Type != nil && s.Type.IncludesNull()
}

func (g *gen) array(s *openapi3.Schema, depth int) any {
	if s.MaxItems != nil && *s.MaxItems == 0 {
		return []any{}
	}
	n := max(int(s.MinItems), 1)
	out := make([]any, 0, n)
	if len(s.PrefixItems) > 0 {
		for _, p := range s.PrefixItems {
			out = append(out, g.value(p.Value, depth+1))
		}
		return out
	}
	if s.Items == nil || s.Items.Value == nil {
		for range n {
			out = append(out, "value")
		}
		return out
	}
	if depth >= optDepth && s.MinItems == 0 {
		return out
	}
	// Two scalars, not one: a one-item array in a multipart or form body
	// or in a query is indistinguishable from a scalar to some validators
	// (Prism), and two exercise the client's list encoding.
	if t := typeOf(s.Items.Value); n == 1 && !s.UniqueItems && (s.MaxItems == nil || *s.MaxItems >= 2) &&
		t != "object" && t != "array" && t != "" {
		n = 2
	}
	for i := range n {
		v := g.value(s.Items.Value, depth+1)
		if s.UniqueItems && i > 0 {
			v = vary(v, i)
		}
		out = append(out, v)
	}
	return out
}

// vary makes the i-th element of a unique array differ from the others.
func vary(v any, i int) any {
	switch x := v.(type) {
	case string:
		return fmt.Sprintf("%s%d", x, i)
	case float64:
		return x + float64(i)
	}
	return v
}

func (g *gen) str(s *openapi3.Schema) any {
	if s.Pattern != "" {
		for _, ex := range examplesOf(s) {
			if str, ok := ex.(string); ok && g.s.accepts(s, str, g.dir) {
				return str
			}
		}
		if v, ok := fromPattern(s.Pattern); ok && g.s.accepts(s, v, g.dir) {
			return v
		}
	}
	v := "string"
	switch s.Format {
	case "date-time":
		return "2024-01-02T03:04:05Z"
	case "date":
		return "2024-01-02"
	case "time":
		return "03:04:05"
	case "uuid":
		return "3fa85f64-5717-4562-b3fc-2c963f66afa6"
	case "email":
		v = "user@example.com"
	case "uri", "url", "iri":
		v = "https://example.com/x"
	case "uri-reference", "iri-reference":
		v = "/x"
	case "hostname":
		v = "example.com"
	case "ipv4":
		return "192.0.2.1"
	case "ipv6":
		return "2001:db8::1"
	case "byte":
		return "aGVsbG8="
	case "binary":
		v = "binary-data"
	case "duration":
		return "P1D"
	default:
		for _, ex := range examplesOf(s) {
			if str, ok := ex.(string); ok && g.s.accepts(s, str, g.dir) {
				return str
			}
		}
	}
	for uint64(len(v)) < s.MinLength {
		v += "x"
	}
	if s.MaxLength != nil && uint64(len(v)) > *s.MaxLength {
		v = v[:*s.MaxLength]
	}
	return v
}

// number is 1, moved into [minimum, maximum] and onto multipleOf.
func (g *gen) number(s *openapi3.Schema, integer bool) any {
	v := 1.0
	if s.Min != nil && v < *s.Min {
		v = *s.Min
	}
	if s.Min != nil && v == *s.Min && s.ExclusiveMin.IsTrue() {
		v++
	}
	if s.ExclusiveMin.Value != nil && v <= *s.ExclusiveMin.Value {
		v = *s.ExclusiveMin.Value + 1
	}
	if s.Max != nil && v > *s.Max {
		v = *s.Max
	}
	if s.Max != nil && v == *s.Max && s.ExclusiveMax.IsTrue() {
		v--
	}
	if s.ExclusiveMax.Value != nil && v >= *s.ExclusiveMax.Value {
		v = *s.ExclusiveMax.Value - 1
	}
	if m := s.MultipleOf; m != nil && *m > 0 {
		v = math.Ceil(v / *m) * *m
	}
	if integer {
		v = math.Ceil(v)
	}
	return v
}
