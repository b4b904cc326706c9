package loader

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi3"
)

// kin-openapi's UnmarshalJSON methods decode an object twice (into the
// struct, then into a map[string]any for its extensions) and each nested
// object again from its bytes: a document's cost is its size times how
// deep its objects nest (path item, operation, response, media type,
// schema, property schema, ...). flatDecode gives the same value in one
// pass per level: it hands kin's method a shallow copy of the object,
// without the members that hold nested kin objects (or with {} or [] for
// them, where kin would keep them among the extensions too), and decodes
// those members itself, recursively, into the fields. Objects of
// any shape it does not expect (a $ref, a member name that differs from a
// field's only by case, a repeated member, a member kin does not claim)
// are decoded by kin as a whole.

// flatType is what flatDecode knows of a kin struct type.
type flatType struct {
	// fields are the members that hold nested kin objects, by JSON name.
	fields map[string]flatField
	// lower maps the lower-case form of each name of fields to it.
	lower map[string]string
	// ext is the index of the Extensions field (-1: none).
	ext int
}

type flatField struct {
	name  string
	index int
	kind  flatKind
	elem  reflect.Type // the pointed-to type: of the field, or of its elements
	// keep says kin's method keeps the member (as {} or []) among the
	// extensions too: the shallow copy holds it, as {} or [], and the
	// object is decoded by kin as a whole when it does. Other members are
	// left out of the shallow copy, which spares kin decoding an empty
	// value into the field that flatDecode then sets.
	keep bool
}

type flatKind int

const (
	flatPtr   flatKind = iota // *T
	flatSlice                 // []*T
	flatMap                   // map[string]*T
)

var (
	// flatRefs maps each $ref-or-value type flatDecode handles to its
	// value type.
	flatRefs = map[reflect.Type]reflect.Type{
		reflect.TypeFor[openapi3.SchemaRef]():      reflect.TypeFor[openapi3.Schema](),
		reflect.TypeFor[openapi3.ParameterRef]():   reflect.TypeFor[openapi3.Parameter](),
		reflect.TypeFor[openapi3.ResponseRef]():    reflect.TypeFor[openapi3.Response](),
		reflect.TypeFor[openapi3.RequestBodyRef](): reflect.TypeFor[openapi3.RequestBody](),
		reflect.TypeFor[openapi2.SchemaRef]():      reflect.TypeFor[openapi2.Schema](),
	}
	// flatStructs are the struct types decoded member by member.
	flatStructs = map[reflect.Type]bool{
		reflect.TypeFor[openapi3.PathItem]():    true,
		reflect.TypeFor[openapi3.Operation]():   true,
		reflect.TypeFor[openapi3.Schema]():      true,
		reflect.TypeFor[openapi3.Parameter]():   true,
		reflect.TypeFor[openapi3.Response]():    true,
		reflect.TypeFor[openapi3.RequestBody](): true,
		reflect.TypeFor[openapi3.MediaType]():   true,
		// Swagger 2.0: the document and its schemas.
		reflect.TypeFor[openapi2.T]():      true,
		reflect.TypeFor[openapi2.Schema](): true,
	}
	responsesType = reflect.TypeFor[openapi3.Responses]()
	flatTypes     sync.Map // reflect.Type → *flatType
)

// flatHandled reports whether flatDecode decodes values of type t itself.
func flatHandled(t reflect.Type) bool {
	return flatRefs[t] != nil || flatStructs[t] || t == responsesType
}

// flatInfo returns what flatDecode knows of struct type t.
func flatInfo(t reflect.Type) *flatType {
	if ft, ok := flatTypes.Load(t); ok {
		return ft.(*flatType)
	}
	ft := &flatType{fields: map[string]flatField{}, lower: map[string]string{}, ext: -1}
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Name == "Extensions" {
			ft.ext = i
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || f.Anonymous || name == "" || name == "-" {
			continue
		}
		ff := flatField{name: name, index: i}
		switch ty := f.Type; {
		case ty.Kind() == reflect.Pointer && flatHandled(ty.Elem()):
			ff.kind, ff.elem = flatPtr, ty.Elem()
		case ty.Kind() == reflect.Slice && ty.Elem().Kind() == reflect.Pointer && flatHandled(ty.Elem().Elem()):
			ff.kind, ff.elem = flatSlice, ty.Elem().Elem()
		case ty.Kind() == reflect.Map && ty.Key().Kind() == reflect.String && ty.Elem().Kind() == reflect.Pointer && flatHandled(ty.Elem().Elem()):
			ff.kind, ff.elem = flatMap, ty.Elem().Elem()
		default:
			continue
		}
		ff.keep = keptAsExtension(t, ft.ext, ff)
		ft.fields[name] = ff
		ft.lower[strings.ToLower(name)] = name
	}
	flatTypes.Store(t, ft)
	return ft
}

// keptAsExtension reports whether kin's UnmarshalJSON of struct type t
// (whose Extensions field is number ext) keeps the member of f, given as
// {} or [], among the extensions, or fails on it (true either way).
func keptAsExtension(t reflect.Type, ext int, f flatField) bool {
	if ext < 0 {
		return false
	}
	val := "{}"
	if f.kind == flatSlice {
		val = "[]"
	}
	key, _ := json.Marshal(f.name)
	v := reflect.New(t)
	u, ok := v.Interface().(json.Unmarshaler)
	if !ok || u.UnmarshalJSON([]byte("{"+string(key)+":"+val+"}")) != nil {
		return true
	}
	m, _ := v.Elem().Field(ext).Interface().(map[string]any)
	_, kept := m[f.name]
	return kept
}

// flatDecode decodes raw (valid JSON) into v, a pointer to a value of a
// type flatHandled accepts (or any other type, which kin decodes), as
// json.Unmarshal would.
func flatDecode(raw []byte, v reflect.Value) error {
	t := v.Type().Elem()
	switch {
	case flatRefs[t] != nil:
		return flatRef(raw, v)
	case flatStructs[t]:
		return flatStruct(raw, v)
	case t == responsesType:
		return flatResponses(raw, v.Interface().(*openapi3.Responses))
	}
	return json.Unmarshal(raw, v.Interface())
}

// whole decodes raw into v with kin's own method.
func whole(raw []byte, v reflect.Value) error { return json.Unmarshal(raw, v.Interface()) }

// flatRef decodes a $ref-or-value: a $ref as kin does, a value into a new
// Value.
func flatRef(raw []byte, v reflect.Value) error {
	ms, ok := jsonMembers(raw)
	if !ok {
		return whole(raw, v)
	}
	if len(ms) == 1 && ms[0].key == "$ref" && ms[0].val[0] == '"' && bytes.IndexByte(ms[0].val, '\\') < 0 && utf8.Valid(ms[0].val) {
		// A bare $ref, the most common reference: kin's method sets Ref
		// and nothing else.
		v.Elem().FieldByName("Ref").SetString(string(ms[0].val[1 : len(ms[0].val)-1]))
		return nil
	}
	for _, m := range ms {
		if strings.EqualFold(m.key, "$ref") {
			return whole(raw, v)
		}
	}
	val := reflect.New(flatRefs[v.Type().Elem()])
	if err := flatStruct(raw, val); err != nil {
		return err
	}
	v.Elem().FieldByName("Value").Set(val)
	return nil
}

// flatStruct decodes the object raw into v (a pointer to a struct of
// flatStructs).
func flatStruct(raw []byte, v reflect.Value) error {
	ms, ok := jsonMembers(raw)
	if !ok {
		return whole(raw, v)
	}
	ft := flatInfo(v.Type().Elem())
	type child struct {
		f   flatField
		raw []byte
	}
	var children []child
	var shallow []byte
	var seen []int // the fields of children met so far
	for _, m := range ms {
		// Other members are copied as they are, so kin decodes them as
		// it would (repeated ones included).
		if name, ok := ft.lower[strings.ToLower(m.key)]; ok && name != m.key {
			return whole(raw, v) // encoding/json matches names regardless of case
		}
		f, isChild := ft.fields[m.key]
		if isChild {
			if slices.Contains(seen, f.index) {
				return whole(raw, v) // a repeated member: the last wins
			}
			seen = append(seen, f.index)
		}
		open := byte(0)
		if isChild {
			switch f.kind {
			case flatSlice:
				open = '['
			default:
				open = '{'
			}
		}
		asChild := isChild && m.val[0] == open
		if asChild {
			children = append(children, child{f, m.val})
			if !f.keep {
				continue
			}
		}
		if shallow == nil {
			shallow = make([]byte, 0, 256)
			shallow = append(shallow, '{')
		} else {
			shallow = append(shallow, ',')
		}
		shallow = append(shallow, m.keyRaw...)
		shallow = append(shallow, ':')
		if asChild {
			shallow = append(shallow, open, open+2) // {} or []
			continue
		}
		shallow = append(shallow, m.val...)
	}
	if shallow == nil {
		shallow = []byte("{}")
	} else {
		shallow = append(shallow, '}')
	}
	if v.Type() != schemaPtrType || !schemaShallow(shallow, ms, v.Interface().(*openapi3.Schema)) {
		if err := v.Interface().(json.Unmarshaler).UnmarshalJSON(shallow); err != nil {
			return err
		}
	}
	s := v.Elem()
	if ft.ext >= 0 && len(children) > 0 {
		if ext, _ := s.Field(ft.ext).Interface().(map[string]any); len(ext) > 0 {
			for _, c := range children {
				if _, ok := ext[c.f.name]; ok {
					// kin keeps this member as an extension too: decode
					// as kin does.
					s.SetZero()
					return whole(raw, v)
				}
			}
		}
	}
	for _, c := range children {
		fv := s.Field(c.f.index)
		switch c.f.kind {
		case flatPtr:
			p := reflect.New(c.f.elem)
			if err := flatDecode(c.raw, p); err != nil {
				return err
			}
			fv.Set(p)
		case flatSlice:
			es, ok := jsonElements(c.raw)
			if !ok {
				return whole(raw, v)
			}
			sl := reflect.MakeSlice(fv.Type(), len(es), len(es))
			for i, e := range es {
				if isNull(e) {
					continue
				}
				p := reflect.New(c.f.elem)
				if err := flatDecode(e, p); err != nil {
					return err
				}
				sl.Index(i).Set(p)
			}
			fv.Set(sl)
		case flatMap:
			es, ok := jsonMembers(c.raw)
			if !ok {
				return whole(raw, v)
			}
			mp := reflect.MakeMapWithSize(fv.Type(), len(es))
			for _, e := range es {
				p := reflect.New(c.f.elem)
				if isNull(e.val) {
					p = reflect.Zero(p.Type())
				} else if err := flatDecode(e.val, p); err != nil {
					return err
				}
				mp.SetMapIndex(reflect.ValueOf(e.key).Convert(fv.Type().Key()), p)
			}
			fv.Set(mp)
		}
	}
	return nil
}

// schemaBis is openapi3.Schema without its methods, as kin's
// Schema.UnmarshalJSON decodes it.
type schemaBis openapi3.Schema

var schemaPtrType = reflect.TypeFor[*openapi3.Schema]()

// schemaKeywords are the members kin's Schema.UnmarshalJSON (v0.152.0)
// removes from the extensions it decodes the whole object into: every other
// member is an extension.
var schemaKeywords = map[string]bool{}

func init() {
	for _, k := range strings.Fields(`oneOf anyOf allOf not type title format description enum default example
		externalDocs uniqueItems exclusiveMinimum exclusiveMaximum nullable readOnly writeOnly allowEmptyValue
		deprecated xml minimum maximum multipleOf minLength maxLength pattern minItems maxItems items required
		properties minProperties maxProperties additionalProperties discriminator const examples prefixItems
		contains minContains maxContains patternProperties dependentSchemas propertyNames unevaluatedItems
		unevaluatedProperties if then else dependentRequired $defs $schema $comment $id $anchor $dynamicRef
		$dynamicAnchor contentMediaType contentEncoding contentSchema`) {
		schemaKeywords[k] = true
	}
}

// schemaShallow decodes shallow, the object of members ms with the nested
// schemas left out (see flatStruct), into s as kin's Schema.UnmarshalJSON
// does, but decoding only the extensions' values a second time (kin decodes
// the whole object again into a map, then deletes the keywords from it);
// false, with s zero, when it fails (kin's method then gives the
// error). s is a new Schema, decoded in place: kin's copy of a Schema
// (752 bytes) through a local variable costs an allocation per schema.
func schemaShallow(shallow []byte, ms []jsonMember, s *openapi3.Schema) bool {
	x := (*schemaBis)(s)
	if json.Unmarshal(shallow, x) != nil {
		*s = openapi3.Schema{}
		return false
	}
	for _, m := range ms {
		if schemaKeywords[m.key] {
			continue
		}
		var e any
		if json.Unmarshal(m.val, &e) != nil {
			*s = openapi3.Schema{}
			return false
		}
		if x.Extensions == nil {
			x.Extensions = map[string]any{}
		}
		x.Extensions[m.key] = e // a repeated member: the last wins, as in a map
	}
	return true
}

// flatResponses decodes a responses object as kin's Responses.UnmarshalJSON
// does (which decodes it into a map[string]any, then encodes each response
// again to decode it).
func flatResponses(raw []byte, r *openapi3.Responses) error {
	ms, ok := jsonMembers(raw)
	if !ok {
		return json.Unmarshal(raw, r)
	}
	x := openapi3.NewResponsesWithCapacity(len(ms))
	x.Extensions = map[string]any{}
	for _, m := range ms {
		if strings.HasPrefix(m.key, "x-") {
			var e any
			if err := json.Unmarshal(m.val, &e); err != nil {
				return err
			}
			x.Extensions[m.key] = e
			continue
		}
		rr := new(openapi3.ResponseRef)
		if !isNull(m.val) {
			if err := flatDecode(m.val, reflect.ValueOf(rr)); err != nil {
				return err
			}
		}
		x.Set(m.key, rr)
	}
	*r = *x
	return nil
}

// jsonMember is one member of a JSON object: its name, the name as
// written, and the value's text.
type jsonMember struct {
	key         string
	keyRaw, val []byte
}

// jsonMembers splits the JSON object raw (valid JSON) into its members;
// ok is false when raw is not an object.
func jsonMembers(raw []byte) ([]jsonMember, bool) {
	i := skipSpace(raw, 0)
	if i >= len(raw) || raw[i] != '{' {
		return nil, false
	}
	ms := make([]jsonMember, 0, 8)
	i = skipSpace(raw, i+1)
	if i < len(raw) && raw[i] == '}' {
		return ms, true
	}
	for i < len(raw) {
		ks := i
		i = skipString(raw, i)
		keyRaw := raw[ks:i]
		key := string(keyRaw[1 : len(keyRaw)-1])
		if bytes.IndexByte(keyRaw, '\\') >= 0 || !utf8.Valid(keyRaw) {
			if json.Unmarshal(keyRaw, &key) != nil {
				return nil, false
			}
		}
		i = skipSpace(raw, i)
		i = skipSpace(raw, i+1) // the colon
		vs := i
		i = skipValue(raw, i)
		ms = append(ms, jsonMember{key, keyRaw, raw[vs:i]})
		i = skipSpace(raw, i)
		if i >= len(raw) || raw[i] == '}' {
			return ms, true
		}
		i = skipSpace(raw, i+1) // the comma
	}
	return nil, false
}

// jsonElements splits the JSON array raw (valid JSON) into its elements.
func jsonElements(raw []byte) ([][]byte, bool) {
	i := skipSpace(raw, 0)
	if i >= len(raw) || raw[i] != '[' {
		return nil, false
	}
	es := [][]byte{}
	i = skipSpace(raw, i+1)
	if i < len(raw) && raw[i] == ']' {
		return es, true
	}
	for i < len(raw) {
		vs := i
		i = skipValue(raw, i)
		es = append(es, raw[vs:i])
		i = skipSpace(raw, i)
		if i >= len(raw) || raw[i] == ']' {
			return es, true
		}
		i = skipSpace(raw, i+1)
	}
	return nil, false
}

func skipSpace(d []byte, i int) int {
	for i < len(d) && (d[i] == ' ' || d[i] == '\n' || d[i] == '\t' || d[i] == '\r') {
		i++
	}
	return i
}

// skipString returns the offset after the string starting at d[i].
func skipString(d []byte, i int) int {
	for i++; i < len(d); i++ {
		switch d[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return i
}

// skipValue returns the offset after the value starting at d[i].
func skipValue(d []byte, i int) int {
	switch d[i] {
	case '"':
		return skipString(d, i)
	case '{', '[':
		depth := 0
		for ; i < len(d); i++ {
			switch d[i] {
			case '"':
				i = skipString(d, i) - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
		}
		return i
	}
	for i < len(d) && d[i] != ',' && d[i] != '}' && d[i] != ']' && d[i] != ' ' && d[i] != '\n' && d[i] != '\t' && d[i] != '\r' {
		i++
	}
	return i
}
