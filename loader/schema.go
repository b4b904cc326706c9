package loader

import (
	"encoding/json"
	"fmt"
	"path"
	"slices"
	"strings"
	"unicode"

	"github.com/genclient/genclient/internal/selfcomposed"
	"github.com/genclient/genclient/ir"
	"github.com/getkin/kin-openapi/openapi3"
	yaml "github.com/oasdiff/yaml3"
)

// components converts every components.schemas entry into a named type.
// Component keys are recorded first so that a $ref reaching a component by
// any route gets the component's name.
func (b *builder) components() {
	if b.doc.Components == nil {
		return
	}
	schemas := b.doc.Components.Schemas
	base := b.root.child("components", "schemas")
	keys := sortedKeys(schemas)
	hints := componentHints(keys)
	for _, k := range keys {
		b.comps[base.child(k).key()] = hints[k]
	}
	for _, k := range keys {
		if t := b.chase(base.child(k)); t.key() != base.child(k).key() {
			if _, ok := b.comps[t.key()]; !ok {
				b.comps[t.key()] = hints[k]
			}
		}
	}
	for _, k := range keys {
		// A component that fails is dropped here; an operation using it
		// fails in turn and is skipped with its own warning.
		b.guard(fmt.Sprintf("schema %q", k), b.pos(base.child(k)), func() { b.schemaType(schemas[k], base.child(k), hints[k]) })
	}
}

// componentHints returns the Go name hint of each component key. A key
// written as a dotted, package-qualified name, as Swagger documents made
// from Go or Java code do ("io.k8s.api.core.v1.Pod"), drops its leading
// package segments (those without upper-case letters) and keeps the type
// name: "Pod" (only when that name starts with an upper-case letter, so
// "account.updated" stays "AccountUpdated"). When two keys would get the same hint, both take back
// package segments, nearest first, until they differ: "V1CronJob" and
// "V1beta1CronJob". Other keys are simply made Go identifiers; the namer
// later resolves any clash that remains by suffixes.
func componentHints(keys []string) map[string]string {
	type cand struct {
		pkg  []string // droppable package segments, outermost first
		name string   // the rest, joined
		keep int      // package segments taken back
	}
	cands := map[string]*cand{}
	for _, k := range keys {
		segs := strings.Split(k, ".")
		n := 0
		if last := segs[len(segs)-1]; last != "" && unicode.IsUpper(rune(last[0])) {
			for n < len(segs)-1 && segs[n] != "" && strings.ToLower(segs[n]) == segs[n] {
				n++
			}
		}
		cands[k] = &cand{pkg: segs[:n], name: strings.Join(segs[n:], ".")}
	}
	hint := func(c *cand) string {
		return pascal(strings.Join(append(slices.Clone(c.pkg[len(c.pkg)-c.keep:]), c.name), "."))
	}
	for {
		byHint := map[string][]string{}
		for _, k := range keys {
			h := hint(cands[k])
			byHint[h] = append(byHint[h], k)
		}
		grew := false
		for _, ks := range byHint {
			if len(ks) < 2 {
				continue
			}
			for _, k := range ks {
				if c := cands[k]; c.keep < len(c.pkg) {
					c.keep++
					grew = true
				}
			}
		}
		if !grew {
			break
		}
	}
	out := make(map[string]string, len(keys))
	for _, k := range keys {
		out[k] = hint(cands[k])
	}
	return out
}

// refLoc resolves the $ref of an element of kin-openapi's model found at
// l. When kin was given the bundled document, every such $ref is relative
// to the root document, and one to a component the bundler added is mapped
// back to the element it was copied from.
func (b *builder) refLoc(l loc, ref string) loc {
	if b.bundled != nil {
		if t, ok := b.bundled[ref]; ok {
			return t
		}
		l.file = b.rs.rootName
	}
	return b.canon(b.rawRefLoc(l, ref))
}

// canon maps a location written as a Swagger 2.0 pointer
// ("#/definitions/X", as a $ref inside a vendor extension or a chain of
// definitions has it: the 2.0 to 3.0 conversion rewrites only the refs it
// converts) to the OpenAPI 3 pointer the converted document uses
// ("#/components/schemas/X"), so that one definition is one location and
// one Go type whatever route reaches it. rawPtr is its inverse.
func (b *builder) canon(l loc) loc {
	if !b.swagger {
		return l
	}
	return b.rs.remap(l, rawToSwagger)
}

// rawToSwagger is swaggerToRaw reversed.
var rawToSwagger = func() (r [len(swaggerToRaw)][2]string) {
	for i, m := range swaggerToRaw {
		r[i] = [2]string{m[1], m[0]}
	}
	return r
}()

// rawRefLoc resolves ref written in the raw tree at l.
func (b *builder) rawRefLoc(l loc, ref string) loc {
	f, p := splitRef(l.file, ref)
	return b.rs.at(f, p)
}

// chase follows $ref chains in the raw tree from l to the schema itself.
func (b *builder) chase(l loc) loc {
	for range 32 {
		r := b.rawPtr(l)
		n, _, ok := b.rs.lookupLoc(r)
		if !ok {
			return l
		}
		ref := mapGet(n, "$ref")
		if ref == nil || ref.Kind != yaml.ScalarNode || isRemote(ref.Value) {
			return l
		}
		l = b.canon(b.rawRefLoc(l, ref.Value))
	}
	return l
}

// refName is the name hint for the schema at l reached through a $ref: the
// component key, else the last pointer token, else the file's base name.
func (b *builder) refName(l loc) string {
	if h, ok := b.comps[l.key()]; ok {
		return h
	}
	if tok, ok := l.p.last(); ok && tok != "" {
		return pascal(unescapeToken(tok))
	}
	base := path.Base(l.file)
	return pascal(strings.TrimSuffix(base, path.Ext(base)))
}

// use wraps t in *ir.Nullable when the use site allows null.
func use(t ir.Type, nullable bool) ir.Type {
	if !nullable {
		return t
	}
	if _, ok := t.(*ir.Nullable); ok {
		return t
	}
	return &ir.Nullable{Elem: t}
}

// schemaType converts the schema sr found at l (a use site) into a type and
// whether the use site admits null. hint names hoisted inline types.
func (b *builder) schemaType(sr *openapi3.SchemaRef, l loc, hint string) (ir.Type, bool) {
	if sr == nil {
		return &ir.Any{}, false
	}
	component := false
	if sr.Ref != "" {
		l = b.chase(b.refLoc(l, sr.Ref))
		hint = b.refName(l)
		_, component = b.comps[l.key()]
		b.refTargets[l.key()] = true
	} else if k, ok := b.comps[l.key()]; ok {
		component = true
		hint = pascal(k)
	}
	if ti, ok := b.types[l.key()]; ok {
		return ti.t, ti.nullable
	}
	if sr.Value == nil {
		return &ir.Any{}, false
	}
	b.ignoredKeywords(l)
	ti := &typeInfo{t: &ir.Any{}}
	b.memo(l.key(), ti) // breaks cycles through unnamed types
	t, nullable := b.convert(sr.Value, l, hint, component)
	if component {
		if _, ok := t.(*ir.Named); !ok {
			t = b.aliasNamed(t, sr.Value, l, hint)
		}
	}
	ti.t, ti.nullable = t, nullable
	return t, nullable
}

// aliasNamed hoists a component schema that is not an object, enum or
// union (a primitive, array, map or any) as a named alias.
func (b *builder) aliasNamed(t ir.Type, s *openapi3.Schema, l loc, hint string) ir.Type {
	n := b.hoist(s, l, hint)
	n.Type = t
	if b.checkExamples {
		n.Examples = append(n.Examples, b.nestedExamples(s, t)...)
	}
	return n
}

// hoist creates the named type for the schema s at l and memoises it, so
// recursive uses find it before its body is built.
func (b *builder) hoist(s *openapi3.Schema, l loc, hint string) *ir.Named {
	_, component := b.comps[l.key()]
	if hint == "" {
		hint = "Type"
	}
	if x := explicitName(s.Extensions); x != "" && component {
		hint = x
	}
	n := &ir.Named{Name: hint, Doc: schemaDoc(s), Ref: b.refString(l), Pos: b.pos(l), Example: exampleJSON(s),
		Examples: b.examples(s)}
	ni := &namedInfo{n: n, candidate: hint, component: component, referenced: b.refTargets[l.key()]}
	if !component {
		ni.keyed, ni.alt = keyedName(l)
		ni.title = titleName(s.Title)
	}
	b.named = append(b.named, ni)
	if ti, ok := b.types[l.key()]; ok {
		ti.t = n
	} else {
		b.memo(l.key(), &typeInfo{t: n})
	}
	return n
}

// refString writes l as a $ref relative to the root document, as the
// user's file has it (a 2.0 pointer for a Swagger document, see srcLoc).
func (b *builder) refString(l loc) string {
	l = b.srcLoc(l)
	if l.file == b.root.file {
		return "#" + l.ptr()
	}
	return relPath(path.Dir(b.root.file), l.file) + "#" + l.ptr()
}

// compactJSON renders v as compact JSON, "" for nil.
func compactJSON(v any) string {
	if v == nil {
		return ""
	}
	data, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return string(data)
}

// exampleJSON is the schema's example (or first 3.1 example).
func exampleJSON(s *openapi3.Schema) string {
	if s.Example != nil {
		return compactJSON(s.Example)
	}
	if len(s.Examples) > 0 {
		return compactJSON(s.Examples[0])
	}
	return ""
}

// examples lists every example of s, checked against s when the loader
// was asked to.
func (b *builder) examples(s *openapi3.Schema) []ir.Example {
	var out []ir.Example
	for _, v := range exampleValues(s) {
		js := compactJSON(v)
		if js == "" {
			continue
		}
		ex := ir.Example{JSON: js}
		if b.checkExamples {
			ex.Invalid = b.checkExample(s, v)
		}
		out = append(out, ex)
	}
	return out
}

// exampleValues returns s's example, then its 3.1 examples.
func exampleValues(s *openapi3.Schema) []any {
	if s.Example != nil {
		return append([]any{s.Example}, s.Examples...)
	}
	return s.Examples
}

// checkExample validates the example v against s, returning "" or the
// first line of why it fails. A schema from which a validator would not
// return (see selfcomposed.Reaches) is not validated: it runs until the stack
// overflows, which no recover stops.
func (b *builder) checkExample(s *openapi3.Schema, v any) (msg string) {
	cyclic, ok := b.selfComposed[s]
	if !ok {
		cyclic = selfcomposed.Reaches(s)
		if b.selfComposed == nil {
			b.selfComposed = map[*openapi3.Schema]bool{}
		}
		b.selfComposed[s] = cyclic
	}
	if cyclic {
		return "not checked: the schema holds one that is its own oneOf, anyOf, allOf or not, which no value can be validated against"
	}
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprintf("validator failed: %v", r)
		}
	}()
	if err := s.VisitJSON(v, openapi3.EnableFormatValidation()); err != nil {
		msg, _, _ = strings.Cut(err.Error(), "\n")
		return msg
	}
	return ""
}

// schemaTypes returns the schema's types without "null", and whether null
// was among them (a type array outside 3.1 is accepted: see fixTypeArray).
func (b *builder) schemaTypes(s *openapi3.Schema, l loc) ([]string, bool) {
	if s.Type == nil {
		return nil, false
	}
	ts := s.Type.Slice()
	var out []string
	null := false
	for _, t := range ts {
		if t == "null" {
			null = true
			continue
		}
		out = append(out, t)
	}
	return out, null
}

// convert maps the schema s at l to a type. hint names hoisted types;
// component says s is a components.schemas entry.
func (b *builder) convert(s *openapi3.Schema, l loc, hint string, component bool) (ir.Type, bool) {
	types, nullable := b.schemaTypes(s, l)
	nullable = nullable || s.Nullable
	if len(s.AllOf) > 0 {
		t, n := b.allOf(s, l, hint, component)
		return t, n || nullable
	}
	if variants := unionParts(s); variants != nil {
		t, n := b.union(s, variants, l, hint)
		return t, n || nullable
	}
	if len(s.Enum) > 0 && (len(types) == 0 || isScalar(types[0])) {
		t, n := b.enum(s, types, l, hint)
		return t, n || nullable
	}
	if len(types) > 1 {
		return b.typeUnion(s, types, l, hint), nullable
	}
	typ := ""
	if len(types) == 1 {
		typ = types[0]
	}
	if typ == "" {
		typ = inferType(s)
	}
	if typ == "" && s.Const != nil {
		typ = jsonType(s.Const)
	}
	switch typ {
	case "object":
		return b.object(s, l, hint), nullable
	case "array":
		if s.Items == nil {
			return &ir.Array{Elem: &ir.Any{}}, nullable
		}
		et, en := b.schemaType(s.Items, l.child("items"), hint+"Item")
		return &ir.Array{Elem: use(et, en)}, nullable
	case "":
		return &ir.Any{}, nullable
	}
	return b.primitive(typ, s.Format, l), nullable
}

// inferType guesses the type of a schema that declares none.
func inferType(s *openapi3.Schema) string {
	switch {
	case len(s.Properties) > 0 || s.AdditionalProperties.Schema != nil || s.AdditionalProperties.Has != nil:
		return "object"
	case s.Items != nil:
		return "array"
	}
	return ""
}

func isScalar(t string) bool {
	return t == "string" || t == "integer" || t == "number" || t == "boolean"
}

// primitive maps a scalar type and format.
func (b *builder) primitive(typ, format string, l loc) ir.Type {
	p := &ir.Primitive{Format: format}
	switch typ {
	case "integer":
		k, ok := intKinds[format]
		if !ok {
			k = ir.Int
		}
		p.Kind = k
	case "number":
		p.Kind = ir.Float64
		if format == "float" {
			p.Kind = ir.Float32
		}
	case "boolean":
		p.Kind = ir.Bool
	case "string":
		if k, ok := intKinds[format]; ok {
			p.Kind, p.Quoted = k, true
			break
		}
		p.Kind = stringKinds[format] // String for unknown formats
		if format != "" && !knownStringFormats[format] && p.Kind == ir.String {
			b.warn(b.pos(l.child("format")), fmt.Sprintf("unknown string format %q: treated as string", format))
		}
	default:
		b.warn(b.pos(l.child("type")), fmt.Sprintf("unknown type %q: treated as any value", typ))
		return &ir.Any{}
	}
	return p
}

// intKinds maps integer formats (on "type: integer", and on "type:
// string" for an integer sent as a JSON string) to primitive kinds.
var intKinds = map[string]ir.PrimKind{
	"int8": ir.Int8, "int16": ir.Int16, "int32": ir.Int32, "int64": ir.Int64,
	"uint8": ir.Uint8, "uint16": ir.Uint16, "uint32": ir.Uint32, "uint64": ir.Uint64,
}

// stringKinds maps string formats to primitive kinds.
var stringKinds = map[string]ir.PrimKind{
	"date-time": ir.DateTime, "date": ir.Date, "uuid": ir.UUID, "byte": ir.Bytes, "binary": ir.Binary,
}

// knownStringFormats are string formats that need no Go type of their own.
var knownStringFormats = map[string]bool{
	"email": true, "idn-email": true, "uri": true, "uri-reference": true, "iri": true, "iri-reference": true,
	"uri-template": true, "url": true, "hostname": true, "idn-hostname": true, "ipv4": true, "ipv6": true,
	"password": true, "time": true, "duration": true, "regex": true, "json-pointer": true,
	"relative-json-pointer": true, "int32": true, "int64": true, "decimal": true, "double": true, "float": true,
}

// object converts an object schema: a struct when it has properties, else
// a map (or a closed empty struct for additionalProperties: false). A
// component that is an object without properties or additionalProperties
// (an empty message: "StatusRequest: {type: object}") is a struct too,
// so that its zero value is sent as {} and fields the API adds later have
// a place; its undeclared properties stay reachable in the struct's map.
func (b *builder) object(s *openapi3.Schema, l loc, hint string) ir.Type {
	ap := s.AdditionalProperties
	if len(s.Properties) == 0 {
		_, component := b.comps[l.key()]
		switch {
		case ap.Schema != nil:
			et, en := b.schemaType(ap.Schema, l.child("additionalProperties"), hint+"Value")
			return &ir.Map{Elem: use(et, en)}
		case ap.Has == nil && component && len(s.AllOf)+len(s.OneOf)+len(s.AnyOf) == 0:
		case ap.Has == nil || *ap.Has:
			return &ir.Map{Elem: &ir.Any{}}
		}
	}
	return b.structNamed(s, l, hint)
}

// structNamed hoists the object schema s into a named struct of its
// properties (allOf parts merged).
func (b *builder) structNamed(s *openapi3.Schema, l loc, hint string) *ir.Named {
	n := b.hoist(s, l, hint)
	st := &ir.Struct{}
	n.Type = st
	var props []prop
	req := map[string]bool{}
	b.collectProps(s, l, &props, req, map[*openapi3.Schema]bool{}, 0)
	b.fillStruct(st, n.Name, props, req, s, l)
	return n
}
