package loader

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/genclient/genclient/ir"
	"github.com/getkin/kin-openapi/openapi3"
)

// prop is one property collected for a struct.
type prop struct {
	name string
	sr   *openapi3.SchemaRef
	l    loc
}

// docOnly reports whether s only documents or constrains (no type, no
// shape): such allOf parts and oneOf variants add nothing to a Go type.
func docOnly(s *openapi3.Schema) bool {
	return (s.Type == nil || len(s.Type.Slice()) == 0) && len(s.Properties) == 0 && s.Items == nil &&
		len(s.AllOf) == 0 && len(s.OneOf) == 0 && len(s.AnyOf) == 0 && len(s.Enum) == 0 &&
		s.AdditionalProperties.Schema == nil && s.AdditionalProperties.Has == nil && s.Const == nil
}

// isNullSchema reports whether s only admits null ({type: null}).
func isNullSchema(s *openapi3.Schema) bool {
	if s.Type != nil {
		ts := s.Type.Slice()
		return len(ts) == 1 && ts[0] == "null"
	}
	return len(s.Enum) == 1 && s.Enum[0] == nil
}

// unionParts returns the oneOf (else anyOf) variants of s, or nil when
// there are none or all of them only constrain (a oneOf of "required"
// lists next to properties is a validation rule, not a union).
func unionParts(s *openapi3.Schema) openapi3.SchemaRefs {
	parts := s.OneOf
	if len(parts) == 0 {
		parts = s.AnyOf
	}
	for _, p := range parts {
		if p.Ref != "" || p.Value == nil || !docOnly(p.Value) {
			return parts
		}
	}
	return nil
}

// collectProps appends the properties of s: those of its allOf parts in
// order, then its own; a later property of the same name replaces the
// earlier one in place. req collects the union of required names. seen
// holds the schemas already collected: a part met again (the schema
// itself, or one reached by two paths) adds nothing, and walking it again
// made allOf: [{$ref: self}, ..., {$ref: self}] take 2^depth steps.
func (b *builder) collectProps(s *openapi3.Schema, l loc, props *[]prop, req map[string]bool, seen map[*openapi3.Schema]bool, depth int) {
	if depth > 32 || seen[s] {
		return
	}
	seen[s] = true
	for i, part := range s.AllOf {
		pl := l.child("allOf", strconv.Itoa(i))
		if part.Ref != "" {
			pl = b.chase(b.refLoc(pl, part.Ref))
		}
		if part.Value == nil {
			continue
		}
		if unionParts(part.Value) != nil && len(part.Value.Properties) == 0 {
			b.warn(b.pos(pl), "allOf part is a oneOf/anyOf: only the properties of the other parts are merged")
			continue
		}
		b.collectProps(part.Value, pl, props, req, seen, depth+1)
	}
	for _, k := range orderedKeys(b, s.Properties, l.child("properties")) {
		p := prop{k, s.Properties[k], l.child("properties", k)}
		if i := slices.IndexFunc(*props, func(q prop) bool { return q.name == k }); i >= 0 {
			(*props)[i] = p
		} else {
			*props = append(*props, p)
		}
	}
	for _, r := range s.Required {
		req[r] = true
	}
}

// additional returns s's additionalProperties, or that of its last allOf
// part declaring one, and where it is: in the part's own schema, past its
// $ref, so that a part whose additionalProperties is the schema being
// built (name: {additionalProperties: {allOf: [{$ref: name}, ...]}}) finds
// that schema's type instead of building it again without end.
func (b *builder) additional(s *openapi3.Schema, l loc) (openapi3.AdditionalProperties, loc) {
	ap := s.AdditionalProperties
	if ap.Schema != nil || ap.Has != nil {
		return ap, l.child("additionalProperties")
	}
	for i, part := range slices.Backward(s.AllOf) {
		if part.Value != nil && (part.Value.AdditionalProperties.Schema != nil || part.Value.AdditionalProperties.Has != nil) {
			pl := l.child("allOf", strconv.Itoa(i))
			if part.Ref != "" {
				pl = b.chase(b.refLoc(pl, part.Ref))
			}
			return part.Value.AdditionalProperties, pl.child("additionalProperties")
		}
	}
	return ap, l.child("additionalProperties")
}

// fillStruct converts props into the fields of st, whose type is named
// parent.
func (b *builder) fillStruct(st *ir.Struct, parent string, props []prop, req map[string]bool, s *openapi3.Schema, l loc) {
	ap, apl := b.additional(s, l)
	switch {
	case ap.Schema != nil:
		t, n := b.schemaType(ap.Schema, apl, parent+"Value")
		st.Additional = use(t, n)
	case ap.Has != nil && *ap.Has:
		st.Additional = &ir.Any{}
	case ap.Has != nil:
		st.Closed = true
	case !b.dropUnknown:
		st.Additional, st.Unknown = &ir.Any{}, true
	}
	nm := newNamer()
	if st.Additional != nil {
		nm.reserve("AdditionalProperties")
	}
	names := make([]string, len(props))
	for pass := range 2 { // plain names first, so "@type" yields to "type"
		for i, p := range props {
			if prefixed := strings.HasPrefix(p.name, "@") || strings.HasPrefix(p.name, "$"); prefixed == (pass == 1) {
				names[i] = nm.fieldName(p.name)
			}
		}
	}
	for i, p := range props {
		hint := pascal(p.name)
		if hint == "" {
			hint = names[i]
		}
		t, n := b.schemaType(p.sr, p.l, parent+hint)
		f := &ir.Field{Name: names[i], JSONName: p.name, Type: use(t, n), Required: req[p.name]}
		if v := p.sr.Value; v != nil {
			f.ReadOnly, f.WriteOnly = v.ReadOnly, v.WriteOnly
			f.Doc = schemaDoc(v)
			f.Default = compactJSON(v.Default)
			f.Example = exampleJSON(v)
			f.Const = compactJSON(v.Const)
			b.fieldExamples(f, v)
		}
		st.Fields = append(st.Fields, f)
	}
	b.undeclaredRequired(st, nm, props, req, l)
}

// undeclaredRequired adds a field of any JSON value for each required
// property that the schema does not declare (sorted by name), so that a
// request can still carry it; a struct with typed additionalProperties
// holds such keys in its map instead.
func (b *builder) undeclaredRequired(st *ir.Struct, nm *namer, props []prop, req map[string]bool, l loc) {
	if st.Additional != nil {
		if _, ok := st.Additional.(*ir.Any); !ok {
			return
		}
	}
	var missing []string
	for r := range req {
		if !slices.ContainsFunc(props, func(p prop) bool { return p.name == r }) {
			missing = append(missing, r)
		}
	}
	slices.Sort(missing)
	for _, r := range missing {
		b.warn(b.pos(l), fmt.Sprintf("required property %q is not declared: added as a field holding any JSON value", r))
		st.Fields = append(st.Fields, &ir.Field{Name: nm.fieldName(r), JSONName: r, Type: &ir.Any{}, Required: true})
	}
}

// allOf converts a schema with allOf: one structural part and nothing else
// is that part's type; otherwise the parts are merged into one struct.
func (b *builder) allOf(s *openapi3.Schema, l loc, hint string, component bool) (ir.Type, bool) {
	var structural []int
	for i, part := range s.AllOf {
		if part.Value != nil && (part.Ref != "" || !docOnly(part.Value)) {
			structural = append(structural, i)
		}
	}
	own := len(s.Properties) > 0 || s.AdditionalProperties.Schema != nil
	if !own && len(structural) == 1 && unionParts(s) == nil {
		i := structural[0]
		return b.schemaType(s.AllOf[i], l.child("allOf", strconv.Itoa(i)), hint)
	}
	if !own && len(structural) == 0 {
		cp := *s
		cp.AllOf = nil
		return b.convert(&cp, l, hint, component)
	}
	if unionParts(s) != nil {
		b.warn(b.pos(l), "oneOf/anyOf next to allOf: only the allOf parts are used")
	}
	return b.structNamed(s, l, hint), false
}

// unionVariant is a variant and where its schema is.
type unionVariant struct {
	v   *ir.Variant
	key loc    // the variant schema's location's schema, for discriminator mappings
	tag string // default discriminator value: the schema's name
	s   *openapi3.Schema
}

// union converts oneOf/anyOf variants. Null variants make the use site
// nullable; a single remaining variant is used directly.
func (b *builder) union(s *openapi3.Schema, parts openapi3.SchemaRefs, l loc, hint string) (ir.Type, bool) {
	kind, key := ir.OneOf, "oneOf"
	if len(s.OneOf) == 0 {
		kind, key = ir.AnyOf, "anyOf"
	}
	nullable := false
	var live []int
	for i, p := range parts {
		if p.Value != nil && p.Ref == "" && isNullSchema(p.Value) {
			nullable = true
			continue
		}
		live = append(live, i)
	}
	switch len(live) {
	case 0:
		return &ir.Any{}, nullable
	case 1:
		t, n := b.schemaType(parts[live[0]], l.child(key, strconv.Itoa(live[0])), hint)
		return t, n || nullable
	}
	if e, ok := b.constOneOf(s, parts, live, l, hint); ok {
		return e, nullable
	}
	if len(s.Properties) > 0 {
		b.warn(b.pos(l), key+" next to properties: the properties are not part of the union type")
	}
	named := b.hoist(s, l, hint)
	u := &ir.Union{Kind: kind}
	named.Type = u
	var vs []unionVariant
	seen := map[any]bool{}
	hints := variantHints(parts, live)
	for j, i := range live {
		p := parts[i]
		pl := l.child(key, strconv.Itoa(i))
		t, n := b.schemaType(p, pl, named.Name+hints[j])
		nullable = nullable || n
		if b.checkExamples {
			// A variant without a named type of its own has its examples
			// listed as the union's, with those of its parts.
			b.partExamples(&named.Examples, s, p.Value, t, key+"/"+strconv.Itoa(i), func(v any) any { return v }, true, 0)
		}
		id := typeIdentity(t)
		if seen[id] {
			continue
		}
		seen[id] = true
		uv := unionVariant{v: &ir.Variant{Type: t}, s: p.Value}
		if p.Ref != "" {
			vl := b.chase(b.refLoc(pl, p.Ref))
			uv.key, uv.tag = vl.key(), b.tagName(vl)
		}
		vs = append(vs, uv)
	}
	b.discriminate(s, l, u, vs)
	for _, uv := range vs {
		u.Variants = append(u.Variants, uv.v)
	}
	b.unions = append(b.unions, u)
	return named, nullable
}

// variantHints returns the name suffixes of the inline variants of a
// union (a $ref'd one is named by its component): a word for the
// variant's kind, "Object", "Array", "Enum", or for an enum of one value
// that value ("Empty" for ""), when no other variant has the same word;
// else "Variant" and the variant's position from 1.
func variantHints(parts openapi3.SchemaRefs, live []int) []string {
	words := make([]string, len(live))
	count := map[string]int{}
	for j, i := range live {
		if v := parts[i].Value; v != nil && parts[i].Ref == "" {
			words[j] = variantWord(v)
		}
		count[words[j]]++
	}
	for j := range words {
		if words[j] == "" || count[words[j]] > 1 {
			words[j] = fmt.Sprintf("Variant%d", j+1)
		}
	}
	return words
}

// variantWord is variantHints' word for one variant, "" when none fits.
func variantWord(s *openapi3.Schema) string {
	if len(s.AllOf)+len(s.OneOf)+len(s.AnyOf) > 0 {
		return ""
	}
	if len(s.Enum) == 1 {
		if v, ok := s.Enum[0].(string); ok {
			if v == "" {
				return "Empty"
			}
			return pascal(v)
		}
	}
	if len(s.Enum) > 0 {
		return "Enum"
	}
	switch {
	case s.Type.Is("object") || s.Type == nil && len(s.Properties) > 0:
		return "Object"
	case s.Type.Is("array") || s.Type == nil && s.Items != nil:
		return "Array"
	}
	return ""
}

// typeIdentity returns a comparable identity for de-duplicating variants:
// the kind for a primitive, the type itself otherwise.
func typeIdentity(t ir.Type) any {
	if p, ok := t.(*ir.Primitive); ok {
		return p.Kind
	}
	return t
}

// tagName is the default discriminator value of the schema at l: its
// component key, else the last pointer token or file name.
func (b *builder) tagName(l loc) string {
	if k, ok := b.comps[l.key()]; ok {
		return k
	}
	if tok, ok := l.last(); ok {
		return tok
	}
	return strings.TrimSuffix(l.file[strings.LastIndexByte(l.file, '/')+1:], ".yml")
}

// discriminate sets the union's discriminator and each variant's values:
// those the mapping gives it, with the const or single enum value its
// schema declares for the discriminator property; when it has neither, its
// schema's name. Tag, the value an encoded variant carries, is the
// declared value, else the only one, else the first.
func (b *builder) discriminate(s *openapi3.Schema, l loc, u *ir.Union, vs []unionVariant) {
	d := s.Discriminator
	if d == nil {
		inferDiscriminator(u, vs)
		return
	}
	u.Discriminator = d.PropertyName
	byKey := map[loc][]string{}
	for value, mr := range d.Mapping {
		target := mr.Ref
		var tl loc
		if !strings.ContainsAny(target, "#/") && !strings.HasSuffix(target, ".yaml") && !strings.HasSuffix(target, ".yml") && !strings.HasSuffix(target, ".json") {
			tl = b.root.child("components", "schemas", target)
		} else {
			tl = b.refLoc(l, target)
		}
		k := b.chase(tl).key()
		byKey[k] = append(byKey[k], value)
	}
	for _, uv := range vs {
		var vals []string
		if uv.key != (loc{}) {
			vals = slices.Clone(byKey[uv.key])
		}
		own, hasOwn := tagValue(uv.s, d.PropertyName, 0)
		if hasOwn && !slices.Contains(vals, own) {
			vals = append(vals, own)
		}
		if len(vals) == 0 && uv.key != (loc{}) {
			vals = []string{uv.tag}
		}
		if len(vals) == 0 {
			continue
		}
		slices.Sort(vals)
		uv.v.Values = vals
		uv.v.Tag = vals[0]
		if hasOwn {
			uv.v.Tag = own
		}
	}
}

// inferDiscriminator makes a union without a discriminator object
// discriminated when its variants say so themselves: every one is an
// object that requires the same property and fixes it to a value of its
// own (a const or an enum of one value), as OpenAI's content parts do
// with "type". The first such property in name order is the
// discriminator; a value that carries none of the tags then decodes into
// no variant and is kept (Unknown) instead of being guessed from its shape,
// and an encoded variant carries its tag.
func inferDiscriminator(u *ir.Union, vs []unionVariant) {
	if len(vs) < 2 || vs[0].s == nil {
		return
	}
	var props []string
	for name := range objectProps(vs[0].s, 0) {
		props = append(props, name)
	}
	slices.Sort(props)
next:
	for _, prop := range props {
		tags := map[string]bool{}
		for _, uv := range vs {
			tag, ok := tagValue(uv.s, prop, 0)
			if !ok || tags[tag] || !requires(uv.s, prop, 0) {
				continue next
			}
			tags[tag] = true
		}
		u.Discriminator = prop
		for _, uv := range vs {
			tag, _ := tagValue(uv.s, prop, 0)
			uv.v.Values, uv.v.Tag = []string{tag}, tag
		}
		return
	}
}

// objectProps returns the properties s (with its allOf parts) declares.
func objectProps(s *openapi3.Schema, depth int) map[string]bool {
	out := map[string]bool{}
	if s == nil || depth > 16 {
		return out
	}
	for name := range s.Properties {
		out[name] = true
	}
	for _, part := range s.AllOf {
		for name := range objectProps(part.Value, depth+1) {
			out[name] = true
		}
	}
	return out
}

// requires reports whether s (or one of its allOf parts) lists prop as
// required.
func requires(s *openapi3.Schema, prop string, depth int) bool {
	if s == nil || depth > 16 {
		return false
	}
	if slices.Contains(s.Required, prop) {
		return true
	}
	for _, part := range s.AllOf {
		if requires(part.Value, prop, depth+1) {
			return true
		}
	}
	return false
}

// tagValue returns the one string value that the schema s (or one of its
// allOf parts) allows for property prop: its const, or an enum of one
// value.
func tagValue(s *openapi3.Schema, prop string, depth int) (string, bool) {
	if s == nil || depth > 16 {
		return "", false
	}
	if p := s.Properties[prop]; p != nil && p.Value != nil {
		if c, ok := p.Value.Const.(string); ok {
			return c, true
		}
		if len(p.Value.Enum) == 1 {
			if c, ok := p.Value.Enum[0].(string); ok {
				return c, true
			}
		}
	}
	for _, part := range s.AllOf {
		if v, ok := tagValue(part.Value, prop, depth+1); ok {
			return v, true
		}
	}
	return "", false
}

// constOneOf converts a oneOf or anyOf whose variants are all inline
// scalars of one JSON type each fixed to one value (a const or an enum of
// one value, often with a title: the way 3.1 documents written from code
// spell an enum) into an Enum, its constants named by the titles.
func (b *builder) constOneOf(s *openapi3.Schema, parts openapi3.SchemaRefs, live []int, l loc, hint string) (ir.Type, bool) {
	var vals []any
	var labels []string
	typ := ""
	for _, i := range live {
		p := parts[i]
		if p.Ref != "" || p.Value == nil {
			return nil, false
		}
		v := p.Value.Const
		if v == nil && len(p.Value.Enum) == 1 {
			v = p.Value.Enum[0]
		}
		t := jsonType(v)
		if v == nil || t == "object" || t == "array" || typ != "" && t != typ && !(typ == "number" && t == "integer") {
			return nil, false
		}
		if typ == "" || t == "number" {
			typ = t
		}
		vals = append(vals, v)
		labels = append(labels, p.Value.Title)
	}
	if len(s.Properties) > 0 {
		return nil, false
	}
	base, ok := b.primitive(typ, s.Format, l).(*ir.Primitive)
	if !ok || base.Kind > ir.Bool {
		base = &ir.Primitive{Kind: ir.String}
	}
	if base.Kind == ir.Float32 {
		base.Kind = ir.Float64
	}
	b.fitEnum(base, vals, s.Format, l)
	n := b.hoist(s, l, hint)
	e := &ir.Enum{Base: base}
	for i, v := range vals {
		ev := &ir.EnumValue{Value: compactJSON(v), Label: labels[i]}
		if d := schemaDoc(parts[live[i]].Value); d.Description != "" {
			ev.Doc = ir.Doc{Summary: d.Description}
		}
		e.Values = append(e.Values, ev)
	}
	n.Type = e
	return n, true
}

// typeUnion converts a 3.1 type array with several non-null types into a
// union of one variant per type.
func (b *builder) typeUnion(s *openapi3.Schema, types []string, l loc, hint string) ir.Type {
	named := b.hoist(s, l, hint)
	u := &ir.Union{Kind: ir.OneOf}
	named.Type = u
	for _, t := range types {
		cp := *s
		cp.Type = &openapi3.Types{t}
		cp.Nullable = false
		vt, _ := b.convert(&cp, l.child("type", t), named.Name+pascal(t), false)
		u.Variants = append(u.Variants, &ir.Variant{Type: vt})
		if b.checkExamples {
			named.Examples = append(named.Examples, b.nestedExamples(s, vt)...)
		}
	}
	b.unions = append(b.unions, u)
	return named
}

// enum converts an enum of scalars into a named Enum; a null value makes
// the use site nullable.
func (b *builder) enum(s *openapi3.Schema, types []string, l loc, hint string) (ir.Type, bool) {
	nullable := false
	var vals []any
	for _, v := range s.Enum {
		if v == nil {
			nullable = true
			continue
		}
		vals = append(vals, v)
	}
	if len(vals) == 0 {
		return &ir.Any{}, nullable
	}
	typ := ""
	if len(types) > 0 {
		typ = types[0]
	} else {
		typ = jsonType(vals[0])
	}
	base, ok := b.primitive(typ, s.Format, l).(*ir.Primitive)
	if !ok || base.Quoted || base.Kind > ir.Bool && !ir.IsInteger(base.Kind) {
		base = &ir.Primitive{Kind: ir.String, Format: s.Format}
	}
	if base.Kind == ir.Float32 {
		base.Kind = ir.Float64
	}
	b.fitEnum(base, vals, s.Format, l.child("enum"))
	n := b.hoist(s, l, hint)
	e := &ir.Enum{Base: base}
	labels := enumVarNames(s, len(s.Enum))
	for i, v := range s.Enum {
		if v == nil {
			continue
		}
		ev := &ir.EnumValue{Value: compactJSON(v)}
		if labels != nil {
			ev.Label = labels[i]
		}
		e.Values = append(e.Values, ev)
	}
	n.Type = e
	return n, nullable
}

// intRanges are the values each integer kind holds. A plain int is held
// to 32 bits: the generated package builds for 386 and arm too, where a
// constant past that does not compile.
var intRanges = map[ir.PrimKind][2]float64{
	ir.Int8: {math.MinInt8, math.MaxInt8}, ir.Int16: {math.MinInt16, math.MaxInt16},
	ir.Int32: {math.MinInt32, math.MaxInt32}, ir.Int: {math.MinInt32, math.MaxInt32},
	ir.Int64: {math.MinInt64, math.MaxInt64},
	ir.Uint8: {0, math.MaxUint8}, ir.Uint16: {0, math.MaxUint16}, ir.Uint32: {0, math.MaxUint32},
	ir.Uint64: {0, math.MaxUint64},
}

// fitEnum widens the integer base of an enum to int64 when a value does
// not fit it (format: uint8 with a -1, a plain integer of 2^40), so that
// every documented value is a constant of the type and decodes; a value
// outside the declared format is warned about.
func (b *builder) fitEnum(base *ir.Primitive, vals []any, format string, l loc) {
	r, ok := intRanges[base.Kind]
	if !ok {
		return
	}
	for _, v := range vals {
		f, ok := v.(float64)
		if !ok || f >= r[0] && f <= r[1] {
			continue
		}
		if f < math.MinInt64 || f >= math.MaxInt64 {
			continue // no Go integer holds it: the generator leaves the value out
		}
		if format != "" {
			b.warn(b.pos(l), fmt.Sprintf("enum value %s does not fit format %q: the type is int64", compactJSON(v), format))
		}
		base.Kind = ir.Int64
		return
	}
}

// enumVarNames returns the x-enum-varnames (or x-enumNames) of s when
// it lists one name per enum value, else nil.
func enumVarNames(s *openapi3.Schema, n int) []string {
	for _, key := range []string{"x-enum-varnames", "x-enumNames"} {
		list, ok := s.Extensions[key].([]any)
		if !ok || len(list) != n {
			continue
		}
		out := make([]string, n)
		for i, v := range list {
			if out[i], ok = v.(string); !ok {
				return nil
			}
		}
		return out
	}
	return nil
}

// jsonType is the JSON Schema type of a decoded JSON value.
func jsonType(v any) string {
	switch x := v.(type) {
	case string:
		return "string"
	case bool:
		return "boolean"
	case float64:
		if x == float64(int64(x)) {
			return "integer"
		}
		return "number"
	case map[string]any:
		return "object"
	case []any:
		return "array"
	}
	return ""
}
