// Package docgrammar builds OpenAPI documents from bytes, each byte a choice
// in a grammar of what real documents hold (components and inline schemas
// of every kind, unions with and without discriminators, allOf hierarchies
// under a discriminated base, enums of every integer format with
// x-enum-varnames, defaults of the wrong type, 3.1 type arrays, nullables in
// both versions' spellings, security schemes of every kind (global, per
// operation, optional), parameters in every place and style, bodies and
// responses of every media type generated code treats apart), with names
// drawn from a pool that collides with itself and with what the generator
// and Go declare (ID/Id/id, Client, Params, Valid, String, Go keywords,
// names that start with a digit or are empty).
//
// Every input gives a document, so a fuzzer driving it explores
// combinations rather than syntax. It is test scaffolding: the generator's
// FuzzDocuments and TestDocuments, and the conformance suite's documents
// driven against the validating mock, use it; no generated SDK imports it.
package docgrammar

import (
	"math/rand/v2"
	"slices"
	"strings"
)

// Seed returns n pseudo-random bytes fixed by seed, for fixed documents.
func Seed(seed uint64, n int) []byte {
	r := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

// docBuilder turns bytes into choices; past the end every choice is 0,
// the simplest, so every input ends as a finite document.
type docBuilder struct {
	data     []byte
	pos      int
	v31      bool
	schemas  []string // component names, fixed before any schema refers to them
	security []string // security scheme names
}

func anySlice(v any) []any {
	s, _ := v.([]any)
	return s
}

func (b *docBuilder) securityScheme() map[string]any {
	switch b.n(5) {
	case 0:
		return map[string]any{"type": "apiKey", "in": b.pick([]string{"header", "query", "cookie"}), "name": b.pick([]string{"X-API-Key", "api_key", "token", "Authorization"})}
	case 1:
		return map[string]any{"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
	case 2:
		return map[string]any{"type": "http", "scheme": "basic"}
	case 3:
		return map[string]any{"type": "oauth2", "flows": map[string]any{"clientCredentials": map[string]any{"tokenUrl": "https://auth.example.com/token", "scopes": map[string]any{"read": "read"}}}}
	default:
		return map[string]any{"type": "http", "scheme": "digest"}
	}
}

func (b *docBuilder) n(k int) int {
	if k <= 1 || b.pos >= len(b.data) {
		b.pos++
		return 0
	}
	c := int(b.data[b.pos]) % k
	b.pos++
	return c
}

func (b *docBuilder) pick(s []string) string { return s[b.n(len(s))] }

// docNames collide with one another after Go casing, with Go keywords and
// predeclared names, with the runtime's and generated code's names, and
// include the empty name and ones a Go identifier cannot start with.
var docNames = []string{
	"pet", "Pet", "PET", "pets", "id", "ID", "Id", "_id", "name", "type", "Type",
	"func", "map", "string", "error", "Error", "Client", "Option", "Params", "Response",
	"Valid", "String", "Raw", "Opt", "runtime", "ctx", "opts", "body", "err", "call",
	"x-y", "x_y", "x.y", "1x", "_", "", "default", "List", "New", "Items", "AdditionalProperties",
	"MarshalJSON", "Unknown", "http", "json", "Status", "next", "page", "€uro",
}

var docFormats = []string{"", "date-time", "date", "uuid", "byte", "binary", "int32", "int64", "email", "uri", "double", "float", "duration", "unix-time"}

func Document(data []byte) map[string]any {
	b := &docBuilder{data: data}
	b.v31 = b.n(2) == 1
	version := "3.0.3"
	if b.v31 {
		version = "3.1.0"
	}
	for range b.n(3) {
		if name := b.pick(docNames); name != "" && !slices.Contains(b.security, name) {
			b.security = append(b.security, name)
		}
	}
	seen := map[string]bool{}
	for range 1 + b.n(5) {
		name := b.pick(docNames)
		if name == "" || seen[name] {
			continue
		}
		seen[name] = true
		b.schemas = append(b.schemas, name)
	}
	components := map[string]any{}
	for _, name := range b.schemas {
		components[name] = b.schema(3)
	}
	if len(b.schemas) > 1 && b.n(3) == 0 {
		// a base with a discriminator and children that are allOf it,
		// as converted Swagger 2.0 documents and Java generators write
		base := b.schemas[0]
		prop := b.pick([]string{"type", "kind", "petType"})
		mapping := map[string]any{}
		for _, child := range b.schemas[1:] {
			components[child] = map[string]any{"allOf": []any{
				map[string]any{"$ref": "#/components/schemas/" + base},
				b.object(1),
			}}
			if b.n(2) == 0 {
				mapping[b.pick(docNames)] = "#/components/schemas/" + child
			}
		}
		d := map[string]any{"propertyName": prop}
		if len(mapping) > 0 {
			d["mapping"] = mapping
		}
		obj := b.object(1)
		obj["discriminator"] = d
		obj["properties"].(map[string]any)[prop] = map[string]any{"type": "string"}
		obj["required"] = append(anySlice(obj["required"]), prop)
		components[base] = obj
	}
	paths := map[string]any{}
	for range 1 + b.n(4) {
		path, params := b.path()
		item := map[string]any{}
		for _, m := range []string{"get", "post", "put", "patch", "delete", "head"} {
			if b.n(3) == 0 {
				item[m] = b.operation(m, params)
			}
		}
		if len(item) == 0 {
			item["get"] = b.operation("get", params)
		}
		paths[path] = item
	}
	comps := map[string]any{"schemas": components}
	doc := map[string]any{
		"openapi":    version,
		"info":       map[string]any{"title": "fuzz", "version": "1"},
		"paths":      paths,
		"components": comps,
	}
	if len(b.security) > 0 {
		schemes := map[string]any{}
		for _, name := range b.security {
			schemes[name] = b.securityScheme()
		}
		comps["securitySchemes"] = schemes
		if b.n(2) == 0 {
			doc["security"] = []any{map[string]any{b.pick(b.security): []any{}}}
		}
	}
	if b.n(3) == 0 {
		doc["servers"] = []any{map[string]any{"url": b.pick([]string{"https://api.example.com/v1", "/api", "http://{host}:8080", ""}), "variables": map[string]any{"host": map[string]any{"default": "localhost"}}}}
	}
	return doc
}

func (b *docBuilder) ref() map[string]any {
	if len(b.schemas) == 0 {
		return map[string]any{"type": "string"}
	}
	name := b.pick(b.schemas)
	return map[string]any{"$ref": "#/components/schemas/" + strings.ReplaceAll(strings.ReplaceAll(name, "~", "~0"), "/", "~1")}
}

func (b *docBuilder) nullable(s map[string]any) map[string]any {
	if b.n(5) != 0 {
		return s
	}
	if t, ok := s["type"].(string); ok && b.v31 {
		s["type"] = []any{t, "null"}
		if e, ok := s["enum"].([]any); ok {
			s["enum"] = append(e, nil)
		}
		return s
	}
	if !b.v31 {
		s["nullable"] = true
		return s
	}
	return map[string]any{"oneOf": []any{s, map[string]any{"type": "null"}}}
}

func (b *docBuilder) scalar() map[string]any {
	switch b.n(8) {
	case 0:
		s := map[string]any{"type": "string"}
		if f := b.pick(docFormats); f != "" {
			s["format"] = f
		}
		return s
	case 1:
		var values []any
		for range 1 + b.n(5) {
			values = append(values, b.pick(docNames))
		}
		s := map[string]any{"type": "string", "enum": values}
		if b.n(3) == 0 {
			s["default"] = values[0]
		}
		if b.n(3) == 0 {
			var labels []any
			for range values {
				labels = append(labels, b.pick(docNames))
			}
			s["x-enum-varnames"] = labels
		}
		return s
	case 2:
		s := map[string]any{"type": "integer"}
		if f := b.pick([]string{"", "int32", "int64", "uint8", "int8", "int16", "uint16", "uint32", "uint64"}); f != "" {
			s["format"] = f
		}
		if b.n(4) == 0 {
			all := []any{0, 1, -1, 1 << 40, uint64(1) << 63, 300, 1}
			start := b.n(len(all))
			s["enum"] = all[start : start+1+b.n(len(all)-start)]
			if b.n(3) == 0 {
				var labels []any
				for range s["enum"].([]any) {
					labels = append(labels, b.pick(docNames))
				}
				s["x-enum-varnames"] = labels
			}
		}
		if b.n(4) == 0 {
			s["default"] = []any{0, 7, "x"}[b.n(3)]
		}
		return s
	case 3:
		return map[string]any{"type": "number", "format": b.pick([]string{"", "float", "double"})}
	case 4:
		return map[string]any{"type": "boolean"}
	case 6:
		if b.v31 {
			return map[string]any{"type": []any{b.pick([]string{"string", "integer", "boolean"}), b.pick([]string{"integer", "number", "array", "object"})}}
		}
		return map[string]any{"type": "string", "example": b.pick(docNames), "pattern": "^[a-z]+$", "maxLength": 8}
	default:
		return map[string]any{"type": "string", "const": b.pick(docNames)}
	}
}

func (b *docBuilder) schema(depth int) map[string]any {
	kinds := 11
	if depth <= 0 {
		kinds = 2
	}
	var s map[string]any
	switch b.n(kinds) {
	case 0:
		s = b.scalar()
	case 1:
		return b.ref()
	case 2, 3:
		s = b.object(depth - 1)
	case 4:
		s = map[string]any{"type": "array", "items": b.schema(depth - 1)}
		if b.n(4) == 0 {
			s["uniqueItems"] = true
		}
	case 5:
		s = map[string]any{"type": "object", "additionalProperties": b.schema(depth - 1)}
	case 6, 7:
		s = b.union(depth - 1)
	case 8:
		all := []any{b.ref(), b.object(depth - 1)}
		if b.n(2) == 0 {
			all = append(all, b.ref())
		}
		s = map[string]any{"allOf": all}
	case 9:
		s = map[string]any{}
		if b.n(2) == 0 {
			s["description"] = "anything"
		}
	default:
		s = map[string]any{"type": "string", "format": "binary"}
	}
	if b.n(6) == 0 {
		s[b.pick([]string{"readOnly", "writeOnly", "deprecated"})] = true
	}
	return b.nullable(s)
}

func (b *docBuilder) object(depth int) map[string]any {
	props := map[string]any{}
	var required []any
	for range b.n(6) {
		name := b.pick(docNames)
		props[name] = b.schema(depth)
		if b.n(2) == 0 {
			required = append(required, name)
		}
	}
	s := map[string]any{"type": "object", "properties": props}
	if len(required) > 0 {
		s["required"] = required
	}
	switch b.n(5) {
	case 0:
		s["additionalProperties"] = false
	case 1:
		s["additionalProperties"] = true
	case 2:
		s["additionalProperties"] = b.scalar()
	}
	return s
}

func (b *docBuilder) union(depth int) map[string]any {
	key := b.pick([]string{"oneOf", "anyOf"})
	var variants []any
	if b.n(3) == 0 && len(b.schemas) > 0 {
		// refs with a discriminator, as real documents write them
		prop := b.pick([]string{"type", "kind", "object", "Type", "id"})
		mapping := map[string]any{}
		for range 1 + b.n(3) {
			r := b.ref()
			variants = append(variants, r)
			if b.n(2) == 0 {
				mapping[b.pick(docNames)] = r["$ref"]
			}
		}
		d := map[string]any{"propertyName": prop}
		if len(mapping) > 0 {
			d["mapping"] = mapping
		}
		return map[string]any{key: variants, "discriminator": d}
	}
	for range 1 + b.n(4) {
		variants = append(variants, b.schema(depth))
	}
	return map[string]any{key: variants}
}

// path returns a path template and its parameters, each declared.
func (b *docBuilder) path() (string, []any) {
	var segs []string
	var params []any
	seen := map[string]bool{}
	for range b.n(4) {
		switch b.n(4) {
		case 0:
			name := b.pick([]string{"id", "ID", "petId", "pet_id", "name", "type", "x-y", "func", "ctx"})
			if seen[name] {
				continue
			}
			seen[name] = true
			segs = append(segs, "{"+name+"}")
			params = append(params, map[string]any{"name": name, "in": "path", "required": true, "schema": b.pathSchema()})
		case 1:
			segs = append(segs, b.pick([]string{"v1", "api", "v2"}))
		default:
			segs = append(segs, b.pick([]string{"pets", "users", "items", "search", "me", "a.json", "x:y", "List", "_"}))
		}
	}
	return "/" + strings.Join(segs, "/"), params
}

func (b *docBuilder) pathSchema() map[string]any {
	switch b.n(4) {
	case 0:
		return map[string]any{"type": "integer", "format": "int64"}
	case 1:
		return map[string]any{"type": "string", "enum": []any{"a", "b"}}
	case 2:
		return map[string]any{"type": "string", "format": "uuid"}
	default:
		return map[string]any{"type": "string"}
	}
}

func (b *docBuilder) operation(method string, pathParams []any) map[string]any {
	op := map[string]any{}
	if b.n(3) != 0 {
		op["operationId"] = b.pick(docNames) + b.pick([]string{"", "Pet", "_list", ".get", "/x", " y"})
	}
	if b.n(3) == 0 {
		op["tags"] = []any{b.pick(docNames)}
	}
	params := append([]any(nil), pathParams...)
	for range b.n(5) {
		in := b.pick([]string{"query", "header", "cookie", "query"})
		p := map[string]any{"name": b.pick(docNames), "in": in}
		if p["name"] == "" {
			p["name"] = "q"
		}
		switch b.n(4) {
		case 0:
			p["schema"] = map[string]any{"type": "array", "items": b.scalar()}
			if in == "query" {
				p["style"] = b.pick([]string{"form", "spaceDelimited", "pipeDelimited"})
				p["explode"] = b.n(2) == 0
			}
		case 1:
			if in == "query" {
				p["schema"] = b.object(1)
				p["style"] = b.pick([]string{"form", "deepObject"})
				if p["style"] == "deepObject" {
					p["explode"] = true
				}
				break
			}
			p["schema"] = b.scalar()
		case 2:
			p["content"] = map[string]any{"application/json": map[string]any{"schema": b.schema(1)}}
		default:
			p["schema"] = b.nullable(b.scalar())
		}
		if b.n(2) == 0 {
			p["required"] = true
		}
		params = append(params, p)
	}
	if len(params) > 0 {
		op["parameters"] = params
	}
	if method != "get" && method != "head" && b.n(3) != 0 {
		media := b.pick([]string{"application/json", "application/json", "application/x-www-form-urlencoded", "multipart/form-data", "application/octet-stream", "text/plain", "application/merge-patch+json", "application/xml"})
		var schema map[string]any
		switch media {
		case "application/x-www-form-urlencoded", "multipart/form-data":
			schema = b.object(1)
		case "application/octet-stream":
			schema = map[string]any{"type": "string", "format": "binary"}
		default:
			schema = b.schema(2)
		}
		body := map[string]any{"content": map[string]any{media: map[string]any{"schema": schema}}}
		if b.n(2) == 0 {
			body["required"] = true
		}
		op["requestBody"] = body
	}
	responses := map[string]any{}
	for range 1 + b.n(3) {
		code := b.pick([]string{"200", "201", "204", "default", "400", "404", "2XX", "302"})
		r := map[string]any{"description": "r"}
		if code != "204" && code != "302" && b.n(4) != 0 {
			media := b.pick([]string{"application/json", "application/json", "text/plain", "text/event-stream", "application/octet-stream", "application/problem+json", "*/*"})
			schema := b.schema(2)
			if media == "text/plain" {
				schema = map[string]any{"type": "string"}
			}
			r["content"] = map[string]any{media: map[string]any{"schema": schema}}
		}
		if b.n(4) == 0 {
			r["headers"] = map[string]any{b.pick([]string{"X-Next", "Link", "x-rate-limit", "ETag"}): map[string]any{"schema": b.scalar()}}
		}
		responses[code] = r
	}
	op["responses"] = responses
	if len(b.security) > 0 && b.n(3) == 0 {
		switch b.n(3) {
		case 0:
			op["security"] = []any{}
		case 1:
			op["security"] = []any{map[string]any{b.pick(b.security): []any{}}, map[string]any{}}
		default:
			req := map[string]any{}
			for _, name := range b.security {
				req[name] = []any{}
			}
			op["security"] = []any{req}
		}
	}
	return op
}
