package loader

import (
	"bytes"
	"path"
	"strconv"
	"strings"

	yaml "github.com/oasdiff/yaml3"
)

// Bundling. kin-openapi re-reads and re-decodes a referenced file for every
// $ref into it (and decodes a fragment of a file of bare definitions through
// a generic map each time), which made a multi-file document like
// DigitalOcean's (2,900 files) take seconds. So, for OpenAPI 3 documents,
// the JSON kin is given is one self-contained document: every $ref to
// another file is rewritten to point at a component added to the root
// document ("#/components/schemas/droplet"), and each referenced element is
// encoded once, under that component, with its own $refs rewritten the
// same way. The raw trees are not changed: positions, document order and
// names still come from the files as written, and builder.refLoc maps each
// written $ref back to the element it stands for.

// bundleCtx is the kind of OpenAPI object a node of the raw tree is, which
// decides the component kind a $ref found in it points at.
type bundleCtx uint8

const (
	cxOther bundleCtx = iota // no $ref expected: relative refs are only rebased
	cxData                   // example values, extensions: written verbatim
	cxDoc
	cxPaths // a map of path items: paths, webhooks, a callback
	cxPathItem
	cxOperation
	cxParameter
	cxRequestBody
	cxResponses
	cxResponse
	cxHeader
	cxContent
	cxMediaType
	cxEncoding
	cxSchema
	cxExample
	cxLink
	cxCallback
	cxSecurityScheme
	cxComponents
	cxDiscriminator
)

// componentKind is the components member a $ref in an object of each kind
// points into; "" for kinds that are never referenced.
var componentKind = map[bundleCtx]string{
	cxSchema: "schemas", cxParameter: "parameters", cxRequestBody: "requestBodies", cxResponse: "responses",
	cxHeader: "headers", cxExample: "examples", cxLink: "links", cxCallback: "callbacks",
	cxSecurityScheme: "securitySchemes", cxPathItem: bundlePathItems,
}

// bundlePathItems is the top-level extension that holds bundled path items:
// kin-openapi's Components has no pathItems member.
const bundlePathItems = "x-genclient-bundled-path-items"

// componentOrder is the order component kinds are written in.
var componentOrder = []string{"schemas", "responses", "parameters", "examples", "requestBodies", "headers",
	"securitySchemes", "links", "callbacks"}

// mapCtx is the kind of the values of a map-valued member (a Map[string,
// X] of the specification, which has no extensions: "x-request-id" is a
// header's name, "x-foo" a property's).
type mapCtx struct {
	elem bundleCtx
}

// childCtx returns the kind of the value under key in an object of kind c,
// and for map-valued members the kind of their entries.
func childCtx(c bundleCtx, key string) (bundleCtx, *mapCtx) {
	switch c {
	case cxData:
		return cxData, nil
	case cxResponses:
		if key == "default" {
			return cxResponse, nil
		}
	}
	switch key {
	case "example", "examples", "default", "enum", "const":
		if key == "examples" && (c == cxParameter || c == cxHeader || c == cxMediaType) {
			return cxOther, &mapCtx{cxExample}
		}
		if c != cxComponents {
			return cxData, nil
		}
	}
	if strings.HasPrefix(key, "x-") && c != cxComponents {
		return cxData, nil
	}
	switch c {
	case cxDoc:
		switch key {
		case "paths", "webhooks":
			return cxPaths, nil
		case "components":
			return cxComponents, nil
		}
	case cxPaths:
		return cxPathItem, nil
	case cxPathItem:
		if httpMethods[key] {
			return cxOperation, nil
		}
		if key == "parameters" {
			return cxParameter, nil // a list
		}
	case cxOperation:
		switch key {
		case "parameters":
			return cxParameter, nil
		case "requestBody":
			return cxRequestBody, nil
		case "responses":
			return cxResponses, nil
		case "callbacks":
			return cxOther, &mapCtx{cxCallback}
		}
	case cxResponses:
		return cxResponse, nil
	case cxResponse:
		switch key {
		case "headers":
			return cxOther, &mapCtx{cxHeader}
		case "content":
			return cxContent, nil
		case "links":
			return cxOther, &mapCtx{cxLink}
		}
	case cxParameter, cxHeader:
		switch key {
		case "schema":
			return cxSchema, nil
		case "content":
			return cxContent, nil
		}
	case cxRequestBody:
		if key == "content" {
			return cxContent, nil
		}
	case cxContent:
		return cxMediaType, nil
	case cxMediaType:
		switch key {
		case "schema", "itemSchema":
			return cxSchema, nil
		case "encoding":
			return cxOther, &mapCtx{cxEncoding}
		}
	case cxEncoding:
		if key == "headers" {
			return cxOther, &mapCtx{cxHeader}
		}
	case cxCallback:
		return cxPathItem, nil
	case cxComponents:
		if strings.HasPrefix(key, "x-") {
			return cxData, nil
		}
		switch key {
		case "schemas":
			return cxOther, &mapCtx{cxSchema}
		case "responses":
			return cxOther, &mapCtx{cxResponse}
		case "parameters":
			return cxOther, &mapCtx{cxParameter}
		case "examples":
			return cxOther, &mapCtx{cxExample}
		case "requestBodies":
			return cxOther, &mapCtx{cxRequestBody}
		case "headers":
			return cxOther, &mapCtx{cxHeader}
		case "securitySchemes":
			return cxOther, &mapCtx{cxSecurityScheme}
		case "links":
			return cxOther, &mapCtx{cxLink}
		case "callbacks":
			return cxOther, &mapCtx{cxCallback}
		case "pathItems":
			return cxOther, &mapCtx{cxPathItem}
		}
	case cxSchema:
		switch key {
		case "properties":
			return cxOther, &mapCtx{cxSchema}
		case "patternProperties", "dependentSchemas", "$defs", "definitions":
			return cxOther, &mapCtx{cxSchema}
		case "items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames",
			"unevaluatedItems", "unevaluatedProperties", "additionalItems", "contentSchema",
			"allOf", "anyOf", "oneOf", "prefixItems":
			return cxSchema, nil // a schema, or a list of schemas
		case "discriminator":
			return cxDiscriminator, nil
		}
	case cxExample:
		if key == "value" {
			return cxData, nil
		}
	}
	return cxOther, nil
}

// bundleKey identifies one bundled element.
type bundleKey struct {
	kind, file string
	ptr        *ptrNode
}

// bundler writes the self-contained JSON of the root document.
type bundler struct {
	rs    *rawSet
	root  string
	names map[bundleKey]string
	taken map[string]map[string]bool // component kind → names in use
	queue []bundleKey
	// out holds the members written so far of each component kind.
	out map[string]*bytes.Buffer
	// refs maps each rewritten $ref to the element it points at.
	refs map[string]loc
	// base is the pointer of the element being written, toks the tokens
	// from it to the node being written, depth the schemas nested there.
	base *ptrNode
	toks []string
	// hoisted holds the node of each schema hoisted for its depth (see
	// hoistDepth), so that writing it needs no lookup of its pointer.
	hoisted map[bundleKey]*yaml.Node
	depth   int
}

// hoistDepth is the schema nesting at which the bundler writes a schema
// as a component of its own and a $ref to it. kin-openapi decodes each
// nested object again from its bytes, so its cost is the document's size
// times its depth: without this, 9,000 nested items took 36 s and 1.6 GB.
const hoistDepth = 32

// element starts writing the element at ptr (of file).
func (bd *bundler) element(ptr *ptrNode) {
	bd.base, bd.toks, bd.depth = ptr, bd.toks[:0], 0
}

// ptr returns the pointer of the node being written.
func (bd *bundler) ptr() *ptrNode {
	n := bd.base
	for _, t := range bd.toks {
		n = n.next(escapeToken(t))
	}
	return n
}

// bundle returns the JSON of the root document with every element of
// other files it references added as a component, and the map from the
// $refs it wrote to the elements they stand for.
func (rs *rawSet) bundle() ([]byte, map[string]loc) {
	root := rs.files[rs.rootName]
	bd := &bundler{rs: rs, root: rs.rootName, names: map[bundleKey]string{}, taken: map[string]map[string]bool{},
		out: map[string]*bytes.Buffer{}, refs: map[string]loc{}, base: &rs.ptrs.root}
	rootMap := deref(root.root)
	comps := mapGet(rootMap, "components")
	if comps != nil && comps.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(comps.Content); i += 2 {
			kind := comps.Content[i].Value
			m := deref(comps.Content[i+1])
			if m.Kind != yaml.MappingNode {
				continue
			}
			for j := 0; j+1 < len(m.Content); j += 2 {
				bd.take(kind, m.Content[j].Value)
			}
		}
	}
	var b bytes.Buffer
	b.Grow(len(root.data) * 2)
	b.WriteByte('{')
	first := true
	for i := 0; i+1 < len(rootMap.Content); i += 2 {
		k := deref(rootMap.Content[i])
		if k.Value == "components" || k.Value == "<<" {
			continue
		}
		if !first {
			b.WriteByte(',')
		}
		first = false
		writeString(&b, k.Value)
		b.WriteByte(':')
		c, mc := childCtx(cxDoc, k.Value)
		bd.element(rs.ptrs.root.next(escapeToken(k.Value)))
		bd.write(&b, rootMap.Content[i+1], bd.root, c, mc)
	}
	// The root's own components, then everything bundled, which may queue
	// more as it is written.
	var other bytes.Buffer
	if comps != nil && comps.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(comps.Content); i += 2 {
			kind := comps.Content[i].Value
			c, mc := childCtx(cxComponents, kind)
			m := deref(comps.Content[i+1])
			if mc != nil && kind != "pathItems" && m.Kind == yaml.MappingNode {
				for j := 0; j+1 < len(m.Content); j += 2 {
					bd.member(kind, m.Content[j].Value)
					bd.element(rs.ptrs.root.next("components").next(escapeToken(kind)).next(escapeToken(m.Content[j].Value)))
					bd.write(bd.out[kind], m.Content[j+1], bd.root, mc.elem, nil)
				}
				continue
			}
			other.WriteByte(',')
			writeString(&other, kind)
			other.WriteByte(':')
			bd.element(rs.ptrs.root.next("components").next(escapeToken(kind)))
			bd.write(&other, m, bd.root, c, mc)
		}
	}
	for len(bd.queue) > 0 {
		k := bd.queue[0]
		bd.queue = bd.queue[1:]
		n, ok := bd.hoisted[k]
		if !ok {
			n, _, ok = rs.lookupLoc(loc{k.file, k.ptr})
		}
		if !ok {
			if _, err := rs.file(k.file); err == nil {
				n, _, ok = rs.lookupLoc(loc{k.file, k.ptr})
			}
		}
		bd.member(k.kind, bd.names[k])
		if !ok {
			// The preparer checks every $ref it walks; should one have
			// escaped it, kin-openapi reports it as before.
			bd.out[k.kind].WriteString(`{"$ref":`)
			writeString(bd.out[k.kind], relPath(path.Dir(bd.root), k.file)+"#"+k.ptr.String())
			bd.out[k.kind].WriteByte('}')
			continue
		}
		c := cxOther
		for ctx, kind := range componentKind {
			if kind == k.kind {
				c = ctx
			}
		}
		bd.element(k.ptr)
		bd.write(bd.out[k.kind], n, k.file, c, nil)
	}
	if !first {
		b.WriteByte(',')
	}
	b.WriteString(`"components":{`)
	sep := ""
	for _, kind := range componentOrder {
		if buf := bd.out[kind]; buf != nil {
			b.WriteString(sep)
			writeString(&b, kind)
			b.WriteString(":{")
			b.Write(buf.Bytes())
			b.WriteByte('}')
			sep = ","
		}
	}
	if other.Len() > 0 {
		if sep == "" {
			other.Next(1) // the leading comma
		}
		b.Write(other.Bytes())
	}
	b.WriteByte('}')
	if buf := bd.out[bundlePathItems]; buf != nil {
		b.WriteByte(',')
		writeString(&b, bundlePathItems)
		b.WriteString(":{")
		b.Write(buf.Bytes())
		b.WriteByte('}')
	}
	b.WriteByte('}')
	return b.Bytes(), bd.refs
}

// take marks name as used in components kind.
func (bd *bundler) take(kind, name string) {
	if bd.taken[kind] == nil {
		bd.taken[kind] = map[string]bool{}
	}
	bd.taken[kind][name] = true
}

// member starts the member name of component kind in bd.out.
func (bd *bundler) member(kind, name string) {
	buf := bd.out[kind]
	if buf == nil {
		buf = &bytes.Buffer{}
		bd.out[kind] = buf
	} else {
		buf.WriteByte(',')
	}
	writeString(buf, name)
	buf.WriteByte(':')
}

// name returns the component name of the element k, assigning a new one
// (and queueing the element) on first use. Names come from the last
// pointer token or the file's base name, made safe for a JSON pointer and
// a component key, with 2, 3, ... appended on collision. They never reach
// the IR: refLoc maps them back.
func (bd *bundler) name(k bundleKey) string {
	if n, ok := bd.names[k]; ok {
		return n
	}
	base := ""
	if tok, ok := k.ptr.last(); ok && tok != "" {
		base = unescapeToken(tok)
	} else {
		base = path.Base(k.file)
		base = strings.TrimSuffix(base, path.Ext(base))
	}
	base = strings.Map(func(r rune) rune {
		if r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_') {
			return r
		}
		return '_'
	}, base)
	if base == "" {
		base = "bundled"
	}
	n := base
	for i := 2; bd.taken[k.kind][n]; i++ {
		n = base + strconv.Itoa(i)
	}
	bd.take(k.kind, n)
	bd.names[k] = n
	bd.queue = append(bd.queue, k)
	var ref string
	if k.kind == bundlePathItems {
		ref = "#/" + bundlePathItems + "/" + n
	} else {
		ref = "#/components/" + k.kind + "/" + n
	}
	bd.refs[ref] = loc{k.file, k.ptr}
	return n
}

// rewrite returns the $ref to write for ref, found in file in an object of
// kind c.
func (bd *bundler) rewrite(ref, file string, c bundleCtx) string {
	if isRemote(ref) {
		return ref
	}
	target, ptr := splitRef(file, ref)
	kind := componentKind[c]
	if target == bd.root && !(kind == "schemas" && bd.rs.throughDefinitions(ptr)) {
		return "#" + ptr
	}
	if kind == "" {
		// Not a place kin-openapi resolves: keep it resolvable from the root.
		return relPath(path.Dir(bd.root), target) + "#" + ptr
	}
	n := bd.name(bundleKey{kind, target, bd.rs.ptrs.at(ptr)})
	if kind == bundlePathItems {
		return "#/" + bundlePathItems + "/" + n
	}
	return "#/components/" + kind + "/" + n
}

// write writes n, an object of kind c in file (or, with mc, a map or list
// of objects of kind mc.elem), rewriting its $refs.
func (bd *bundler) write(b *bytes.Buffer, n *yaml.Node, file string, c bundleCtx, mc *mapCtx) {
	n = deref(n)
	if n == nil || c == cxData {
		writeJSON(b, n)
		return
	}
	switch n.Kind {
	case yaml.SequenceNode:
		b.WriteByte('[')
		for i, e := range n.Content {
			if i > 0 {
				b.WriteByte(',')
			}
			bd.toks = append(bd.toks, strconv.Itoa(i))
			if mc != nil {
				bd.write(b, e, file, mc.elem, nil)
			} else {
				bd.write(b, e, file, c, nil)
			}
			bd.toks = bd.toks[:len(bd.toks)-1]
		}
		b.WriteByte(']')
	case yaml.MappingNode:
		if c == cxSchema && mc == nil {
			if bd.depth >= hoistDepth && bd.base != &bd.rs.ptrs.root {
				b.WriteString(`{"$ref":`)
				k := bundleKey{"schemas", file, bd.ptr()}
				if bd.hoisted == nil {
					bd.hoisted = map[bundleKey]*yaml.Node{}
				}
				bd.hoisted[k] = n
				n := bd.name(k)
				writeString(b, "#/components/schemas/"+n)
				b.WriteByte('}')
				return
			}
			bd.depth++
			defer func() { bd.depth-- }()
		}
		b.WriteByte('{')
		first := true
		bd.writeMembers(b, n, file, c, mc, &first)
		b.WriteByte('}')
	default:
		writeScalar(b, n)
	}
}

// writeMembers writes the members of mapping n without braces, expanding
// merge keys.
func (bd *bundler) writeMembers(b *bytes.Buffer, n *yaml.Node, file string, c bundleCtx, mc *mapCtx, first *bool) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := deref(n.Content[i]), n.Content[i+1]
		if k.Value == "<<" && k.Style == 0 && k.ShortTag() == "!!merge" {
			for _, m := range mergeSources(v) {
				bd.writeMembers(b, m, file, c, mc, first)
			}
			continue
		}
		if !*first {
			b.WriteByte(',')
		}
		*first = false
		writeString(b, k.Value)
		b.WriteByte(':')
		bd.toks = append(bd.toks, k.Value)
		switch {
		case mc != nil:
			bd.write(b, v, file, mc.elem, nil)
		case k.Value == "$ref" && deref(v).Kind == yaml.ScalarNode && c != cxDiscriminator:
			writeString(b, bd.rewrite(deref(v).Value, file, c))
		case c == cxDiscriminator && k.Value == "mapping" && deref(v).Kind == yaml.MappingNode:
			bd.writeMapping(b, deref(v), file)
		default:
			cc, cm := childCtx(c, k.Value)
			bd.write(b, v, file, cc, cm)
		}
		bd.toks = bd.toks[:len(bd.toks)-1]
	}
}

// writeMapping writes a discriminator mapping, rewriting the values that
// are references (a bare schema name is left alone).
func (bd *bundler) writeMapping(b *bytes.Buffer, m *yaml.Node, file string) {
	b.WriteByte('{')
	for i := 0; i+1 < len(m.Content); i += 2 {
		if i > 0 {
			b.WriteByte(',')
		}
		writeString(b, deref(m.Content[i]).Value)
		b.WriteByte(':')
		v := deref(m.Content[i+1])
		if v.Kind == yaml.ScalarNode && isMappingRef(v.Value) {
			writeString(b, bd.rewrite(v.Value, file, cxSchema))
			continue
		}
		writeJSON(b, v)
	}
	b.WriteByte('}')
}

// isMappingRef reports whether a discriminator mapping value is a
// reference rather than a schema name.
func isMappingRef(v string) bool {
	return strings.ContainsAny(v, "#/") || strings.HasSuffix(v, ".yaml") || strings.HasSuffix(v, ".yml") || strings.HasSuffix(v, ".json")
}
