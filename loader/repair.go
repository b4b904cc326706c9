package loader

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/genclient/genclient/ir"
	yaml "github.com/oasdiff/yaml3"
)

// What we accept that is not valid OpenAPI.
//
// Real documents deviate from the specification in ways whose intent is
// plain; refusing them helps no one. Each such deviation is one named rule
// below: a small function that rewrites the raw tree (the YAML or JSON
// nodes, before kin-openapi sees them) and says what it assumed in a
// positioned warning. The preparer applies the rules in one pass over every
// file, to each object whose OpenAPI kind (schema, response, media type
// map, ...) the rule is for; a file that repeats one deviation gets one
// warning for it, counting the others. Rules never touch data (examples,
// defaults, enums, extensions): a $ref there is a value, not a reference.
//
// README.md ("What the loader accepts") lists the same rules.

// repairRule is one accepted deviation.
type repairRule struct {
	name string
	// many names several repairs in a file's summary warning.
	many string
	// kinds are the object kinds the rule looks at; nil means every object
	// and every map of objects.
	kinds []bundleCtx
	// fix looks at the object s.n and repairs it, reporting each repair
	// with s.repaired.
	fix func(s *site)
}

// repairRules are applied in this order to each object.
var repairRules = []repairRule{
	{"keyword-case", "keywords spelt in another case", nil, fixKeywordCase},
	{"duplicate-key", "duplicate keys", nil, fixDuplicateKeys},
	{"null-path-item", "null path items", []bundleCtx{cxPaths, cxPathItem}, fixNullPathItems},
	{"null-object", "null objects", nil, fixNullObjects},
	{"operation-ref", "operation-level $refs", []bundleCtx{cxPathItem, cxOther}, fixOperationRef},
	{"text-ref", "description $refs", nil, fixTextRef},
	{"scalar-as-string", "numbers or booleans given as text", nil, fixScalarStrings},
	{"media-type-as-schema", "schemas given as media types", []bundleCtx{cxContent}, fixMediaTypes},
	{"components-ref-in-2.0", "OpenAPI 3 $refs", nil, fixComponentsRef2},
	{"wrong-kind-ref", "$refs to the wrong kind of object", []bundleCtx{cxSchema, cxParameter, cxRequestBody, cxResponse, cxHeader}, fixWrongKindRef},
	{"definitions-ref", "$refs into definitions", []bundleCtx{cxSchema}, fixDefinitionsRef},
	{"properties-ref", "properties $refs", []bundleCtx{cxSchema, cxOther}, fixPropertiesRef},
	{"map-ref", "maps given as $refs", nil, fixMapRef},
	{"tuple-items", "tuple-form items", []bundleCtx{cxSchema}, fixTupleItems},
	{"type-array", "type arrays", []bundleCtx{cxSchema}, fixTypeArray},
	{"schema-examples-map", "examples maps in schemas", []bundleCtx{cxSchema}, fixSchemaExamples},
	{"example-value", "examples given as values", nil, fixExampleValues},
	{"property-required-bool", "boolean required", []bundleCtx{cxSchema}, fixRequiredBool},
	{"keyword-type", "keywords of the wrong type", []bundleCtx{cxSchema, cxParameter, cxHeader, cxOperation, cxPathItem}, fixKeywordTypes},
}

// site is one object being repaired.
type site struct {
	p    *preparer
	f    *rawFile
	n    *yaml.Node // the mapping
	kind bundleCtx
	rule string
	many string
	// entries says n is a map of objects (properties, responses by
	// status, ...), not an object: its keys are names, not keywords; elem
	// is then the kind of its values.
	entries bool
	elem    bundleCtx
}

// repaired records one repair by the current rule at the node at, with the
// warning msg, and marks the file as changed.
func (s *site) repaired(at *yaml.Node, msg string) {
	s.f.changed = true
	file := s.p.posFile(s.f)
	s.p.note(file, s.many, ir.Pos{File: file, Line: at.Line, Col: at.Column}, msg)
	s.p.rs.repairs[s.rule]++
}

// errorAt reports a deviation no rule can repair, at the node at.
func (s *site) errorAt(at *yaml.Node, format string, args ...any) {
	s.p.errorAt(s.p.posFile(s.f), at, format, args...)
}

// member returns the offset in s.n.Content of key, or -1.
func (s *site) member(key string) int {
	for i := 0; i+1 < len(s.n.Content); i += 2 {
		if s.n.Content[i].Value == key {
			return i
		}
	}
	return -1
}

// repair applies the rules for kind to the mapping n of f, a map of
// objects of kind mc.elem when mc is not nil.
func (p *preparer) repair(f *rawFile, n *yaml.Node, kind bundleCtx, mc *mapCtx) {
	s := &site{p: p, f: f, n: n, kind: kind, entries: mc != nil}
	if mc != nil {
		s.elem = mc.elem
	}
	for _, r := range repairRules {
		if r.kinds != nil && (s.entries || !slices.Contains(r.kinds, kind)) {
			continue
		}
		s.rule, s.many = r.name, r.many
		r.fix(s)
	}
}

// fixDuplicateKeys keeps the last of several members with one key, as
// JSON decoders do, where yaml3 and the raw tree would keep the first.
func fixDuplicateKeys(s *site) {
	if len(s.n.Content) < 4 {
		return
	}
	last := make(map[string]int, len(s.n.Content)/2)
	dup := false
	for i := 0; i+1 < len(s.n.Content); i += 2 {
		k := s.n.Content[i].Value
		if _, ok := last[k]; ok {
			dup = true
		}
		last[k] = i
	}
	if !dup {
		return
	}
	out := s.n.Content[:0:0]
	for i := 0; i+1 < len(s.n.Content); i += 2 {
		k := s.n.Content[i]
		if j := last[k.Value]; j != i {
			kept := s.n.Content[j]
			s.repaired(k, fmt.Sprintf("duplicate key %q at lines %d and %d: the last, at line %d, is used", k.Value, k.Line, kept.Line, kept.Line))
			continue
		}
		out = append(out, k, s.n.Content[i+1])
	}
	s.n.Content = out
}

// fixNullPathItems leaves out a path item or an operation that is null
// (kin-openapi's Swagger 2.0 conversion crashes on them).
func fixNullPathItems(s *site) {
	for i := 0; i+1 < len(s.n.Content); i += 2 {
		k, v := s.n.Content[i], deref(s.n.Content[i+1])
		if !isNullNode(v) || s.kind == cxPathItem && !httpMethods[k.Value] {
			continue
		}
		what := "path item " + strconv.Quote(k.Value)
		if s.kind == cxPathItem {
			what = "operation " + k.Value
		}
		s.repaired(k, what+" is null: left out")
		s.n.Content = slices.Delete(s.n.Content, i, i+2)
		i -= 2
	}
}

// fixNullObjects reads a null member of a map of objects (properties,
// components, headers, ...) or a null response as an empty object: a
// schema that allows any value, a header or a response that declares
// nothing. A null parameter or security scheme, which cannot be empty, is
// left out. (kin-openapi refuses a null object with no position.)
func fixNullObjects(s *site) {
	if !s.entries && s.kind != cxResponses {
		return
	}
	what := "response"
	if s.entries && len(s.p.stack) > 0 {
		what = s.p.stack[len(s.p.stack)-1] + " member"
	}
	for i := 0; i+1 < len(s.n.Content); i += 2 {
		k, v := s.n.Content[i], deref(s.n.Content[i+1])
		if !isNullNode(v) {
			continue
		}
		if s.entries && (s.elem == cxParameter || s.elem == cxSecurityScheme) {
			s.repaired(k, fmt.Sprintf("%s %q is null: left out", what, k.Value))
			s.n.Content = slices.Delete(s.n.Content, i, i+2)
			i -= 2
			continue
		}
		s.repaired(k, fmt.Sprintf("%s %q is null: read as an empty object", what, k.Value))
		s.n.Content[i+1] = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: v.Line, Column: v.Column}
	}
}

// fixOperationRef inlines an operation given as {$ref: ...}, which OpenAPI
// does not allow (DigitalOcean does it).
func fixOperationRef(s *site) {
	if s.kind == cxOther && !s.p.inPathItem() {
		return
	}
	for i := 0; i+1 < len(s.n.Content); i += 2 {
		key, val := s.n.Content[i].Value, deref(s.n.Content[i+1])
		if httpMethods[key] && val.Kind == yaml.MappingNode && mapGet(val, "$ref") != nil {
			s.p.splice(s, i, "operation "+key)
		}
	}
}

// fixPropertiesRef inlines a properties map given as {$ref: ...}.
func fixPropertiesRef(s *site) {
	i := s.member("properties")
	if i < 0 {
		return
	}
	if isRefOnly(deref(s.n.Content[i+1])) {
		s.p.splice(s, i, "properties")
	}
}

// isRefOnly reports whether n is a mapping whose only member is $ref.
func isRefOnly(n *yaml.Node) bool {
	return n.Kind == yaml.MappingNode && len(n.Content) == 2 && n.Content[0].Value == "$ref"
}

// fixMapRef inlines a map of objects other than properties (paths,
// responses, content, headers, links, encoding, callbacks, a components
// member, ...) given as
// {$ref: ...}, as fixPropertiesRef does properties: OpenAPI refers only to
// single objects, but a document split into files may hold a whole map in
// one (`headers: {$ref: headers.yaml}`).
func fixMapRef(s *site) {
	if s.entries || s.kind == cxOther {
		return
	}
	for i := 0; i+1 < len(s.n.Content); i += 2 {
		key, val := s.n.Content[i].Value, deref(s.n.Content[i+1])
		if s.kind == cxSchema && key == "properties" || !isRefOnly(val) {
			continue
		}
		if cc, mc := s.p.childCtx(s.kind, key, val); mapElem(cc, mc) != "" {
			s.p.splice(s, i, key)
		}
	}
}

// fixTextRef replaces a description or summary given as {$ref: ...} by
// the text it points at (DigitalOcean does this for tags). A $ref to a
// whole file is not read: it would copy whatever the file holds (a token,
// a key) into the generated code.
func fixTextRef(s *site) {
	if s.entries {
		return
	}
	for _, key := range [...]string{"description", "summary"} {
		if i := s.member(key); i >= 0 && deref(s.n.Content[i+1]).Kind == yaml.MappingNode {
			s.p.inlineText(s, i)
		}
	}
}

// stringKeywords are the members of OpenAPI objects and schemas whose
// value is text.
var stringKeywords = map[string]bool{"description": true, "summary": true, "title": true, "pattern": true,
	"format": true, "name": true, "in": true, "operationId": true, "version": true, "url": true,
	"contentType": true, "style": true, "termsOfService": true, "email": true, "collectionFormat": true,
	"scheme": true, "bearerFormat": true, "tokenUrl": true, "authorizationUrl": true, "refreshUrl": true,
	"openIdConnectUrl": true, "propertyName": true, "externalValue": true, "operationRef": true,
	"openapi": true, "swagger": true}

// fixScalarStrings reads a number or a boolean written where text is
// required (pattern: 123, version: 1.0, format: 1) as that text.
func fixScalarStrings(s *site) {
	if s.entries {
		return
	}
	for i := 0; i+1 < len(s.n.Content); i += 2 {
		k, v := s.n.Content[i], deref(s.n.Content[i+1])
		if !stringKeywords[k.Value] || v.Kind != yaml.ScalarNode {
			continue
		}
		switch t := v.ShortTag(); t {
		case "!!int", "!!float", "!!bool":
			what := map[string]string{"!!int": "a number", "!!float": "a number", "!!bool": "a boolean"}[t]
			s.repaired(k, fmt.Sprintf("%s given as %s (%s): read as the string %q", k.Value, what, v.Value, v.Value))
			s.n.Content[i+1] = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v.Value, Line: v.Line, Column: v.Column}
		}
	}
}

// mediaTypeKeys are the members of a media type object.
var mediaTypeKeys = map[string]bool{"schema": true, "example": true, "examples": true, "encoding": true,
	"itemSchema": true, "itemEncoding": true, "prefixEncoding": true}

// jsonTypes are the values of a schema's type.
var jsonTypes = map[string]bool{"string": true, "integer": true, "number": true, "boolean": true,
	"object": true, "array": true}

// fixMediaTypes reads a schema, or a type name, written where a media type
// object is required (content: {application/json: {type: object}}) as the
// media type's schema.
func fixMediaTypes(s *site) {
	for i := 0; i+1 < len(s.n.Content); i += 2 {
		k, v := s.n.Content[i], deref(s.n.Content[i+1])
		var schema *yaml.Node
		switch v.Kind {
		case yaml.ScalarNode:
			schema = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: v.Line, Column: v.Column}
			if jsonTypes[v.Value] {
				schema.Content = []*yaml.Node{strNode("type", v), strNode(v.Value, v)}
			}
			s.repaired(k, fmt.Sprintf("media type %q given as the text %q, not a media type object: read as a media type of %s", k.Value, v.Value, describeSchema(v.Value)))
		case yaml.MappingNode:
			if len(v.Content) == 0 || slices.ContainsFunc(v.Content, func(c *yaml.Node) bool {
				return mediaTypeKeys[c.Value] || strings.HasPrefix(c.Value, "x-")
			}) {
				continue
			}
			schema = v
			s.repaired(k, fmt.Sprintf("media type %q given as a schema, not a media type object: read as its schema", k.Value))
		default:
			continue
		}
		s.n.Content[i+1] = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: v.Line, Column: v.Column,
			Content: []*yaml.Node{strNode("schema", v), schema}}
	}
}

// describeSchema says what schema a media type given as text gets.
func describeSchema(t string) string {
	if jsonTypes[t] {
		return "type " + t
	}
	return "any value"
}

// strNode returns a string scalar placed at the position of at.
func strNode(v string, at *yaml.Node) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v, Line: at.Line, Column: at.Column}
}

// fixTupleItems reads items given as a list (JSON Schema's tuple form) as
// the one schema it holds, or as any of its schemas.
func fixTupleItems(s *site) {
	i := s.member("items")
	if i < 0 {
		return
	}
	k, v := s.n.Content[i], deref(s.n.Content[i+1])
	if v.Kind != yaml.SequenceNode {
		return
	}
	switch len(v.Content) {
	case 0:
		s.repaired(k, "items given as an empty list (JSON Schema tuple form): read as an array of any values")
		s.n.Content[i+1] = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: v.Line, Column: v.Column}
	case 1:
		s.repaired(k, "items given as a list of one schema (JSON Schema tuple form): read as that schema")
		s.n.Content[i+1] = v.Content[0]
	default:
		s.repaired(k, fmt.Sprintf("items given as a list of %d schemas (JSON Schema tuple form): read as an array whose items are any of them", len(v.Content)))
		s.n.Content[i+1] = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: v.Line, Column: v.Column,
			Content: []*yaml.Node{strNode("anyOf", v), v}}
	}
}

// fixTypeArray accepts a type array (OpenAPI 3.1) in an older document:
// kin-openapi reads it, and the builder gives it its 3.1 meaning.
func fixTypeArray(s *site) {
	i := s.member("type")
	if i < 0 || strings.HasPrefix(s.p.version, "3.1") || strings.HasPrefix(s.p.version, "3.2") {
		return
	}
	k, v := s.n.Content[i], deref(s.n.Content[i+1])
	if v.Kind != yaml.SequenceNode || len(v.Content) < 2 {
		return
	}
	var ts []string
	for _, t := range v.Content {
		ts = append(ts, deref(t).Value)
	}
	version := s.p.version
	if s.p.swagger {
		version = "2.0"
	}
	s.p.note(s.p.posFile(s.f), s.many, ir.Pos{File: s.p.posFile(s.f), Line: k.Line, Col: k.Column},
		fmt.Sprintf("type array %v is OpenAPI 3.1; accepted in %s", ts, version))
	s.p.rs.repairs[s.rule]++
}

// fixSchemaExamples reads examples given as a map in a schema (a map of
// Example objects, as a media type has) as the list of their values, the
// form JSON Schema gives examples.
func fixSchemaExamples(s *site) {
	i := s.member("examples")
	if i < 0 {
		return
	}
	k, v := s.n.Content[i], deref(s.n.Content[i+1])
	if v.Kind != yaml.MappingNode {
		return
	}
	list := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: v.Line, Column: v.Column}
	for j := 1; j < len(v.Content); j += 2 {
		e := deref(v.Content[j])
		if val := mapGet(e, "value"); val != nil {
			e = val
		}
		list.Content = append(list.Content, e)
	}
	s.repaired(k, fmt.Sprintf("examples given as a map in a schema (JSON Schema has a list): read as the list of its %d values", len(list.Content)))
	s.n.Content[i+1] = list
}

// exampleKeys are the members of an Example Object (3.2 added dataValue
// and serializedValue).
var exampleKeys = map[string]bool{
	"summary": true, "description": true, "value": true, "externalValue": true,
	"dataValue": true, "serializedValue": true, "$ref": true,
}

// hasExampleMember reports whether the mapping m has a member of an
// Example Object, in any case (keyword-case spells it as the keyword when
// the walk reaches m), or an extension.
func hasExampleMember(m *yaml.Node) bool {
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i].Value
		if strings.HasPrefix(k, "x-") {
			return true
		}
		for e := range exampleKeys {
			if strings.EqualFold(k, e) {
				return true
			}
		}
	}
	return false
}

// fixExampleValues reads an entry of an examples map (of a parameter, a
// header, a media type or the components) that is not an Example Object
// as the example's value: a number, a text, a boolean, a list, or a map
// with no member of an Example Object (`examples: {one: {id: 1}}`), which
// writers of `example` often put under `examples`. kin-openapi refuses the
// first four and drops the last without a word.
func fixExampleValues(s *site) {
	if !s.entries || s.elem != cxExample {
		return
	}
	for i := 0; i+1 < len(s.n.Content); i += 2 {
		k, v := s.n.Content[i], deref(s.n.Content[i+1])
		switch {
		case isValueNode(v), v.Kind == yaml.SequenceNode:
		case v.Kind == yaml.MappingNode && len(v.Content) > 0 && !hasExampleMember(v):
		default:
			continue
		}
		s.repaired(k, fmt.Sprintf("example %q is %s, not an Example Object: read as its value", k.Value, describeNode(v)))
		s.n.Content[i+1] = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: v.Line, Column: v.Column, Content: []*yaml.Node{
			{Kind: yaml.ScalarNode, Tag: "!!str", Value: "value", Line: v.Line, Column: v.Column}, s.n.Content[i+1],
		}}
	}
}

// fixRequiredBool reads required: true on a property schema (JSON Schema
// draft 3) as the property listed in its object's required, and drops
// required: false.
func fixRequiredBool(s *site) {
	pi := s.member("properties")
	if pi >= 0 {
		props := deref(s.n.Content[pi+1])
		for j := 0; props.Kind == yaml.MappingNode && j+1 < len(props.Content); j += 2 {
			name, prop := props.Content[j], deref(props.Content[j+1])
			if prop.Kind != yaml.MappingNode {
				continue
			}
			r := -1
			for m := 0; m+1 < len(prop.Content); m += 2 {
				if prop.Content[m].Value == "required" && deref(prop.Content[m+1]).ShortTag() == "!!bool" {
					r = m
				}
			}
			if r < 0 {
				continue
			}
			k, v := prop.Content[r], deref(prop.Content[r+1])
			prop.Content = slices.Delete(slices.Clone(prop.Content), r, r+2)
			if v.Value == "true" || v.Value == "True" || v.Value == "TRUE" {
				s.requireProperty(name.Value, k)
				s.repaired(k, fmt.Sprintf("required: true on property %q (JSON Schema draft 3): read as %q listed in its object's required", name.Value, name.Value))
			} else {
				s.repaired(k, fmt.Sprintf("required: %s on property %q (JSON Schema draft 3): dropped", v.Value, name.Value))
			}
		}
	}
	if i := s.member("required"); i >= 0 && deref(s.n.Content[i+1]).ShortTag() == "!!bool" {
		k := s.n.Content[i]
		s.n.Content = slices.Delete(s.n.Content, i, i+2)
		s.repaired(k, "required given as a boolean on a schema that is not a property: dropped")
	}
}

// requireProperty adds name to the required list of s.n.
func (s *site) requireProperty(name string, at *yaml.Node) {
	i := s.member("required")
	if i < 0 {
		s.n.Content = append(s.n.Content, strNode("required", at),
			&yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: at.Line, Column: at.Column})
		i = len(s.n.Content) - 2
	}
	req := deref(s.n.Content[i+1])
	if req.Kind != yaml.SequenceNode {
		return
	}
	for _, r := range req.Content {
		if deref(r).Value == name {
			return
		}
	}
	req.Content = append(req.Content, strNode(name, at))
}

// numberKeywords, boolKeywords and listKeywords are schema keywords whose
// value must be a number, a boolean or a list (exclusiveMaximum and
// exclusiveMinimum are either in 3.1, and kin-openapi reads both).
var (
	numberKeywords = map[string]bool{"maximum": true, "minimum": true, "multipleOf": true, "maxLength": true,
		"minLength": true, "maxItems": true, "minItems": true, "maxProperties": true, "minProperties": true}
	boolKeywords = map[string]bool{"nullable": true, "readOnly": true, "writeOnly": true, "deprecated": true,
		"uniqueItems": true}
	listKeywords = map[string]bool{"allOf": true, "anyOf": true, "oneOf": true, "enum": true, "required": true}

	// The booleans of a parameter or a header (3.x, then Swagger 2.0), and
	// the booleans and lists of an operation or a path item.
	paramBoolKeywords = map[string]bool{"required": true, "deprecated": true, "allowEmptyValue": true,
		"explode": true, "allowReserved": true}
	paramBoolKeywords2 = map[string]bool{"required": true, "allowEmptyValue": true}
	opBoolKeywords     = map[string]bool{"deprecated": true}
	opListKeywords     = map[string]bool{"parameters": true, "tags": true}
)

// fixKeywordTypes reads a number or a boolean written as text ("10",
// "true") as that value, and a single value where a list is required
// (enum: a, allOf: {...}) as a list of it. A value that is neither is an
// error at the keyword, saying what was expected.
func fixKeywordTypes(s *site) {
	numbers, bools, lists := numberKeywords, boolKeywords, listKeywords
	switch s.kind {
	case cxParameter, cxHeader:
		numbers, bools, lists = nil, paramBoolKeywords, nil
		if s.p.swagger {
			bools = paramBoolKeywords2
		}
	case cxOperation, cxPathItem:
		numbers, bools, lists = nil, opBoolKeywords, opListKeywords
		if s.kind == cxPathItem {
			bools, lists = nil, map[string]bool{"parameters": true}
		}
	}
	for i := 0; i+1 < len(s.n.Content); i += 2 {
		k, v := s.n.Content[i], deref(s.n.Content[i+1])
		key := k.Value
		want := ""
		switch {
		case numbers[key]:
			want = "number"
		case bools[key]:
			want = "boolean"
		case lists[key]:
			want = "list"
			if key == "parameters" && v.Kind == yaml.MappingNode && mapGet(v, "name") == nil && mapGet(v, "$ref") == nil && indexedList(v) == nil {
				// A map of parameters by name is not one parameter.
				s.errorAt(k, "parameters must be a list, got a map")
				continue
			}
		case s.kind != cxSchema:
			continue
		case key == "properties":
			want = "map"
		case key == "type" && v.Kind == yaml.MappingNode:
			if len(s.n.Content) == 2 {
				// {type: {type: string, enum: [...]}}: a schema wrapped in
				// a map of one property named type.
				s.repaired(k, "schema given as a map whose only member, type, is a schema: read as that schema")
				s.n.Content = v.Content
				i = -2
				continue
			}
			want = "type name or a list of type names"
		default:
			continue
		}
		switch want {
		case "number":
			if v.Kind == yaml.ScalarNode && (v.ShortTag() == "!!int" || v.ShortTag() == "!!float") {
				continue
			}
			if _, err := strconv.ParseFloat(strings.TrimSpace(v.Value), 64); v.Kind == yaml.ScalarNode && v.ShortTag() == "!!str" && err == nil {
				tag := "!!float"
				if _, err := strconv.ParseInt(strings.TrimSpace(v.Value), 10, 64); err == nil {
					tag = "!!int"
				}
				s.repaired(k, fmt.Sprintf("%s given as the text %q: read as the number %s", key, v.Value, strings.TrimSpace(v.Value)))
				s.n.Content[i+1] = &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: strings.TrimSpace(v.Value), Line: v.Line, Column: v.Column}
				continue
			}
		case "boolean":
			if v.Kind == yaml.ScalarNode && v.ShortTag() == "!!bool" {
				continue
			}
			if b, err := strconv.ParseBool(v.Value); v.Kind == yaml.ScalarNode && v.ShortTag() == "!!str" && err == nil {
				s.repaired(k, fmt.Sprintf("%s given as the text %q: read as the boolean %t", key, v.Value, b))
				s.n.Content[i+1] = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(b), Line: v.Line, Column: v.Column}
				continue
			}
		case "list":
			if v.Kind == yaml.SequenceNode || key == "required" && v.ShortTag() == "!!bool" {
				continue // a boolean required is fixRequiredBool's
			}
			if list := indexedList(v); list != nil {
				s.repaired(k, fmt.Sprintf("%s given as a map of list indices: read as a list (missing entries empty)", key))
				s.n.Content[i+1] = list
				continue
			}
			if v.Kind == yaml.MappingNode || isValueNode(v) {
				s.repaired(k, fmt.Sprintf("%s given as a single value, not a list: read as a list of it", key))
				s.n.Content[i+1] = &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: v.Line, Column: v.Column, Content: []*yaml.Node{v}}
				continue
			}
		case "map":
			if v.Kind == yaml.MappingNode {
				continue
			}
		}
		if isNullNode(v) {
			s.repaired(k, fmt.Sprintf("%s is null: left out", key))
			s.n.Content = slices.Delete(s.n.Content, i, i+2)
			i -= 2
			continue
		}
		s.errorAt(k, "%s must be %s %s, got %s", key, article(want), want, describeNode(v))
	}
}

// article returns "a" or "an" for word.
func article(word string) string {
	if strings.IndexByte("aeiou", word[0]) >= 0 {
		return "an"
	}
	return "a"
}

// indexedList returns the list a mapping whose keys are all small list
// indices ({"0": a, "3": b}) stands for, with empty mappings in the gaps so
// that pointers such as allOf/3 still resolve; nil for other nodes.
func indexedList(v *yaml.Node) *yaml.Node {
	if v.Kind != yaml.MappingNode || len(v.Content) == 0 {
		return nil
	}
	at := map[int]*yaml.Node{}
	top := 0
	for j := 0; j+1 < len(v.Content); j += 2 {
		n, err := strconv.Atoi(v.Content[j].Value)
		if err != nil || n < 0 || n >= 1000 || strconv.Itoa(n) != v.Content[j].Value {
			return nil
		}
		at[n] = v.Content[j+1]
		top = max(top, n+1)
	}
	list := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: v.Line, Column: v.Column}
	for j := range top {
		e := at[j]
		if e == nil {
			e = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: v.Line, Column: v.Column}
		}
		list.Content = append(list.Content, e)
	}
	return list
}

// describeNode says what a node holds, for errors.
func describeNode(v *yaml.Node) string {
	switch v.Kind {
	case yaml.MappingNode:
		return "a map"
	case yaml.SequenceNode:
		return "a list"
	}
	switch v.ShortTag() {
	case "!!int", "!!float":
		return "the number " + v.Value
	case "!!bool":
		return "the boolean " + v.Value
	}
	return strconv.Quote(v.Value)
}

// fixWrongKindRef repairs a $ref to the wrong kind of object, where what
// was meant is plain: a schema that refers to a parameter, a header, a
// request body or a response means that object's schema; a request body
// that refers to a response means the response's content; a response that
// refers to a schema means a JSON response of that schema.
func fixWrongKindRef(s *site) {
	i := s.member("$ref")
	if i < 0 || deref(s.n.Content[i+1]).Kind != yaml.ScalarNode {
		return
	}
	r := deref(s.n.Content[i+1])
	if isRemote(r.Value) {
		return
	}
	target, ptr := splitRef(s.f.name, r.Value)
	got := s.p.kindAt(target, ptr)
	want := s.kind
	if got == cxOther || got == want || got == cxData {
		return
	}
	names := map[bundleCtx]string{cxSchema: "a schema", cxParameter: "a parameter", cxRequestBody: "a request body",
		cxResponse: "a response", cxHeader: "a header"}
	if names[got] == "" {
		return
	}
	t, _, ok := s.p.rs.lookup(target, ptr)
	if !ok || t.Kind != yaml.MappingNode {
		return
	}
	say := func(meant string) {
		s.repaired(r, fmt.Sprintf("%s $ref %q points at %s: read as %s", strings.TrimPrefix(names[want], "a "), r.Value, names[got], meant))
	}
	setRef := func(sub string) {
		s.n.Content[i+1] = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: r.Value + sub, Line: r.Line, Column: r.Column}
	}
	switch {
	case want == cxSchema && (got == cxParameter || got == cxHeader || got == cxResponse && s.p.swagger):
		if mapGet(t, "schema") != nil {
			say("its schema")
			setRef("/schema")
			return
		}
		say("any value (it has no schema)")
		s.n.Content = nil
	case want == cxSchema && (got == cxResponse || got == cxRequestBody):
		if mt, sub := firstMediaSchema(t); mt != "" {
			say("the schema of its " + mt + " content")
			setRef(sub)
			return
		}
		say("any value (it has no content with a schema)")
		s.n.Content = nil
	case want == cxRequestBody && got == cxResponse:
		say("a request body with its content")
		cp := rebase(t, target, s.f.name)
		out := []*yaml.Node{}
		for j := 0; j+1 < len(cp.Content); j += 2 {
			if key := cp.Content[j].Value; key == "description" || key == "content" {
				out = append(out, cp.Content[j], cp.Content[j+1])
			}
		}
		s.n.Content = out
	case want == cxResponse && got == cxSchema:
		say("a JSON response of that schema")
		schema := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: s.n.Line, Column: s.n.Column, Content: s.n.Content}
		desc := ""
		if d := mapGet(t, "description"); d != nil && d.Kind == yaml.ScalarNode {
			desc = d.Value
		}
		if s.p.swagger {
			s.n.Content = []*yaml.Node{strNode("description", r), strNode(desc, r), strNode("schema", r), schema}
			return
		}
		mt := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: r.Line, Column: r.Column,
			Content: []*yaml.Node{strNode("schema", r), schema}}
		content := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: r.Line, Column: r.Column,
			Content: []*yaml.Node{strNode("application/json", r), mt}}
		s.n.Content = []*yaml.Node{strNode("description", r), strNode(desc, r), strNode("content", r), content}
	}
}

// firstMediaSchema returns the first media type of the response or
// request body t that has a schema, and the pointer suffix to that schema.
func firstMediaSchema(t *yaml.Node) (string, string) {
	c := mapGet(t, "content")
	if c == nil || c.Kind != yaml.MappingNode {
		return "", ""
	}
	for j := 0; j+1 < len(c.Content); j += 2 {
		if mapGet(c.Content[j+1], "schema") != nil {
			mt := c.Content[j].Value
			return mt, "/content/" + escapeToken(mt) + "/schema"
		}
	}
	return "", ""
}

// fixDefinitionsRef accepts a $ref into the definitions (or $defs) of a
// schema of an OpenAPI 3 document (or its $defs, before 3.1), JSON Schema
// locations kin-openapi does not follow: the bundler gives the schema it points at a component
// of its own (see bundler.rewrite).
func fixDefinitionsRef(s *site) {
	i := s.member("$ref")
	if i < 0 || s.p.swagger {
		return
	}
	r := deref(s.n.Content[i+1])
	if r.Kind != yaml.ScalarNode || isRemote(r.Value) {
		return
	}
	if _, ptr := splitRef(s.f.name, r.Value); s.p.rs.throughDefinitions(ptr) {
		s.repaired(r, fmt.Sprintf("schema $ref %q points into a schema's %s (JSON Schema, not OpenAPI %s): read as a schema of its own", r.Value, s.p.rs.definitionsKey(ptr), s.p.version))
	}
}

// throughDefinitions reports whether the pointer ptr passes through the
// definitions (or, before 3.1, $defs) of a schema below the document's top
// level, which kin-openapi does not follow.
func (rs *rawSet) throughDefinitions(ptr string) bool {
	return rs.definitionsKey(ptr) != ""
}

// definitionsKey returns "definitions" or "$defs" when ptr passes through
// one that kin-openapi does not follow, or "".
func (rs *rawSet) definitionsKey(ptr string) string {
	toks := strings.Split(strings.TrimPrefix(ptr, "/"), "/")
	for j := 1; j < len(toks)-1; j++ {
		if toks[j] == "definitions" || toks[j] == "$defs" && rs.hoistDefs {
			return toks[j]
		}
	}
	return ""
}

// swaggerSections maps the OpenAPI 3 components a Swagger 2.0 document's
// $ref may name by mistake to the 2.0 sections that hold them.
var swaggerSections = map[string]string{"/components/schemas/": "/definitions/",
	"/components/parameters/": "/parameters/", "/components/responses/": "/responses/"}

// fixComponentsRef2 reads a $ref to "#/components/schemas/X" in a Swagger
// 2.0 document as one to "#/definitions/X" when that exists (and
// parameters and responses likewise).
func fixComponentsRef2(s *site) {
	i := s.member("$ref")
	if i < 0 || !s.p.swagger || s.entries {
		return
	}
	r := deref(s.n.Content[i+1])
	if r.Kind != yaml.ScalarNode || isRemote(r.Value) {
		return
	}
	file, frag, _ := strings.Cut(r.Value, "#")
	for from, to := range swaggerSections {
		if !strings.HasPrefix(frag, from) {
			continue
		}
		target, _ := splitRef(s.f.name, r.Value)
		fixed := to + frag[len(from):]
		if _, _, ok := s.p.rs.lookup(target, fixed); ok {
			s.repaired(r, fmt.Sprintf("$ref %q names an OpenAPI 3 component in a Swagger 2.0 document: read as %q", r.Value, file+"#"+fixed))
			s.n.Content[i+1] = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: file + "#" + fixed, Line: r.Line, Column: r.Column}
		}
		return
	}
}
