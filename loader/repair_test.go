package loader

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/genclient/genclient/ir"
)

// oas3 is the head of the OpenAPI 3.0 test documents below.
const oas3 = "openapi: 3.0.3\ninfo: {title: t, version: \"1\"}\n"

// getPet is a path whose 200 response is the schema Pet.
const getPet = `paths:
  /pet:
    get:
      operationId: getPet
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
`

// repairCase is one document that a rule repairs.
type repairCase struct {
	name  string
	files map[string]string // "doc.yaml" is the root
	// warnings are the expected warnings, without the directory.
	warnings []string
	// rule is the repair rule expected to fire, count times.
	rule  string
	count int
	// checkExamples loads with Options.CheckExamples, which lists the
	// examples of media types.
	checkExamples bool
	check         func(t *testing.T, api *ir.API)
}

func TestRepairs(t *testing.T) {
	for _, tc := range repairCases {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeFiles(t, t.TempDir(), tc.files)
			root := "doc.yaml"
			if _, ok := tc.files["doc.json"]; ok {
				root = "doc.json"
			}
			var counts map[string]int
			api, err := Load(filepath.Join(dir, root), Options{CheckExamples: tc.checkExamples, repairsHook: func(c map[string]int) { counts = c }})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, w := range api.Warnings {
				got = append(got, strings.TrimPrefix(w.String(), dir+string(filepath.Separator)))
			}
			if !reflect.DeepEqual(got, tc.warnings) {
				t.Errorf("warnings\n got: %q\nwant: %q", got, tc.warnings)
			}
			if counts[tc.rule] != tc.count {
				t.Errorf("rule %s fired %d times, want %d (all: %v)", tc.rule, counts[tc.rule], tc.count, counts)
			}
			if tc.check != nil {
				tc.check(t, api)
			}
		})
	}
}

// fieldType returns the type of property json of the type named name.
func fieldType(t *testing.T, api *ir.API, name, json string) ir.Type {
	t.Helper()
	return field(t, findType(t, api, name), json).Type
}

// isPrim reports whether t is the primitive k.
func isPrim(t ir.Type, k ir.PrimKind) bool {
	p, ok := t.(*ir.Primitive)
	return ok && p.Kind == k
}

var repairCases = []repairCase{
	{
		name: "duplicate key, YAML",
		files: map[string]string{"doc.yaml": oas3 + getPet + `components:
  schemas:
    Pet:
      type: object
      properties:
        id: {type: string}
        id: {type: integer}
`},
		warnings: []string{`doc.yaml:18:9: warning: duplicate key "id" at lines 18 and 19: the last, at line 19, is used`},
		rule:     "duplicate-key", count: 1,
		check: func(t *testing.T, api *ir.API) {
			if typ := fieldType(t, api, "Pet", "id"); !isPrim(typ, ir.Int64) && !isPrim(typ, ir.Int) {
				t.Errorf("id is %#v, want the integer of the last key", typ)
			}
		},
	},
	{
		name: "duplicate key, JSON",
		files: map[string]string{"doc.json": `{"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
"paths": {}, "components": {"schemas": {"Pet": {"type": "object",
 "properties": {"id": {"type": "string"}},
 "properties": {"name": {"type": "string"}}}}}}`},
		warnings: []string{`doc.json:3:2: warning: duplicate key "properties" at lines 3 and 4: the last, at line 4, is used`},
		rule:     "duplicate-key", count: 1,
		check: func(t *testing.T, api *ir.API) {
			field(t, findType(t, api, "Pet"), "name")
		},
	},
	{
		name: "null path item in Swagger 2.0",
		files: map[string]string{"doc.yaml": `swagger: "2.0"
info: {title: t, version: "1"}
paths:
  /gone: null
  /pet:
    get:
      operationId: getPet
      responses:
        "200": {description: ok}
`},
		warnings: []string{`doc.yaml:4:3: warning: path item "/gone" is null: left out`},
		rule:     "null-path-item", count: 1,
	},
	{
		name: "null objects",
		files: map[string]string{"doc.yaml": oas3 + `paths:
  /pet:
    get:
      operationId: getPet
      responses:
        "200":
          description: ok
          headers: {X-Rate: null}
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
        "204": null
components:
  parameters: {unused: null}
  schemas:
    Pet:
      type: object
      properties: {a: null, b: {type: string}}
    Empty: null
`},
		warnings: []string{
			`doc.yaml:14:9: warning: normalised 5 null objects in this file; the first: response "204" is null: read as an empty object`,
		},
		rule: "null-object", count: 5,
		check: func(t *testing.T, api *ir.API) {
			if typ, ok := fieldType(t, api, "Pet", "a").(*ir.Any); !ok {
				t.Errorf("a is %#v, want any JSON value", typ)
			}
			op := api.Services[0].Operations[0]
			var statuses []string
			for _, r := range op.Responses {
				statuses = append(statuses, r.Status)
			}
			if strings.Join(statuses, " ") != "200 204" || len(op.Responses[0].Headers) != 1 {
				t.Errorf("responses %q, headers of 200 %d: want 200 and 204, one header", statuses, len(op.Responses[0].Headers))
			}
		},
	},
	{
		name: "text as $ref",
		files: map[string]string{
			"doc.yaml":   "openapi: 3.0.3\ninfo:\n  title: t\n  version: \"1\"\n  description: {$ref: 'texts.yaml#/intro'}\npaths: {}\n",
			"texts.yaml": "intro: Hello.\n",
		},
		warnings: []string{`doc.yaml:5:23: warning: description given as $ref "texts.yaml#/intro": inlined its text`},
		rule:     "text-ref", count: 1,
		check: func(t *testing.T, api *ir.API) {
			if api.Doc.Description != "Hello." {
				t.Errorf("description %q", api.Doc.Description)
			}
		},
	},
	{
		name: "number where text is required",
		files: map[string]string{"doc.yaml": "openapi: 3.0.3\ninfo: {title: t, version: 1.0}\n" + getPet + `components:
  schemas:
    Pet:
      type: object
      properties:
        code: {type: string, pattern: 123, format: 1}
`},
		warnings: []string{
			`doc.yaml:2:18: warning: normalised 3 numbers or booleans given as text in this file; the first: version given as a number (1.0): read as the string "1.0"`,
			`doc.yaml:18:44: warning: unknown string format "1": treated as string`,
		},
		rule: "scalar-as-string", count: 3,
		check: func(t *testing.T, api *ir.API) {
			if api.Version != "1.0" {
				t.Errorf("version %q", api.Version)
			}
		},
	},
	{
		name: "schema where a media type is required",
		files: map[string]string{"doc.yaml": oas3 + `paths:
  /pet:
    get:
      operationId: getPet
      responses:
        "200":
          description: ok
          content:
            application/json: {type: object, properties: {id: {type: string}}}
        "201":
          description: ok
          content:
            text/plain: string
`},
		warnings: []string{
			`doc.yaml:11:13: warning: normalised 2 schemas given as media types in this file; the first: media type "application/json" given as a schema, not a media type object: read as its schema`,
		},
		rule: "media-type-as-schema", count: 2,
		check: func(t *testing.T, api *ir.API) {
			op := api.Services[0].Operations[0]
			for _, r := range op.Responses {
				if len(r.Contents) != 1 || r.Contents[0].Type == nil {
					t.Errorf("response %s has no typed content", r.Status)
				}
			}
		},
	},
	{
		name: "$refs to the wrong kind of object",
		files: map[string]string{"doc.yaml": oas3 + `paths:
  /pet/{id}:
    post:
      operationId: postPet
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer}}
      requestBody: {$ref: '#/components/responses/PetResponse'}
      responses:
        "200": {$ref: '#/components/schemas/Pet'}
        "201":
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/responses/PetResponse'}
        "202":
          description: ok
          content:
            application/json:
              schema: {$ref: '#/paths/~1pet~1{id}/post/parameters/0'}
components:
  responses:
    PetResponse:
      description: a pet
      content:
        application/json:
          schema: {$ref: '#/components/schemas/Pet'}
  schemas:
    Pet:
      description: A pet.
      type: object
      properties:
        name: {type: string}
`},
		warnings: []string{
			`doc.yaml:9:27: warning: normalised 4 $refs to the wrong kind of object in this file; the first: request body $ref "#/components/responses/PetResponse" points at a response: read as a request body with its content`,
		},
		rule: "wrong-kind-ref", count: 4,
		check: func(t *testing.T, api *ir.API) {
			op := api.Services[0].Operations[0]
			if op.Body == nil || len(op.Body.Contents) != 1 {
				t.Fatalf("body %#v", op.Body)
			}
			for _, r := range op.Responses {
				if len(r.Contents) != 1 || r.Contents[0].Type == nil {
					t.Errorf("response %s has no typed content", r.Status)
				}
			}
		},
	},
	{
		name: "$ref into a schema's definitions",
		files: map[string]string{"doc.yaml": oas3 + getPet + `components:
  schemas:
    Pet:
      type: object
      properties:
        kind: {$ref: '#/components/schemas/Pet/definitions/kind'}
      definitions:
        kind: {type: string, enum: [cat, dog]}
`},
		warnings: []string{`doc.yaml:18:22: warning: schema $ref "#/components/schemas/Pet/definitions/kind" points into a schema's definitions (JSON Schema, not OpenAPI 3.0.3): read as a schema of its own`},
		rule:     "definitions-ref", count: 1,
		check: func(t *testing.T, api *ir.API) {
			if _, ok := fieldType(t, api, "Pet", "kind").(*ir.Named); !ok {
				t.Errorf("kind is not the named enum")
			}
		},
	},
	{
		name: "properties as $ref",
		files: map[string]string{"doc.yaml": oas3 + getPet + `components:
  schemas:
    Pet:
      type: object
      properties: {$ref: 'props.yaml'}
`, "props.yaml": "name: {type: string}\n"},
		warnings: []string{`doc.yaml:17:26: warning: properties given as $ref "props.yaml" (not allowed by OpenAPI): inlined`},
		rule:     "properties-ref", count: 1,
		check: func(t *testing.T, api *ir.API) {
			field(t, findType(t, api, "Pet"), "name")
		},
	},
	{
		name: "maps as $refs",
		files: map[string]string{"doc.yaml": oas3 + `paths:
  /pet:
    get:
      operationId: getPet
      responses:
        "200":
          description: ok
          headers: {$ref: 'parts/headers.yaml'}
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
components:
  schemas: {$ref: 'parts/schemas.yaml'}
`,
			"parts/headers.yaml": "X-Rate: {schema: {$ref: 'schemas.yaml#/Rate'}}\n",
			"parts/schemas.yaml": "Pet: {type: object, properties: {rate: {$ref: '#/Rate'}}}\nRate: {type: integer}\n",
		},
		warnings: []string{`doc.yaml:10:27: warning: normalised 2 maps given as $refs in this file; the first: headers given as $ref "parts/headers.yaml" (not allowed by OpenAPI): inlined`},
		rule:     "map-ref", count: 2,
		check: func(t *testing.T, api *ir.API) {
			if !isPrim(fieldType(t, api, "Pet", "rate"), ir.Int) {
				t.Errorf("rate is %#v, want an integer", fieldType(t, api, "Pet", "rate"))
			}
			if h := api.Services[0].Operations[0].Responses[0].Headers; len(h) != 1 || h[0].WireName != "X-Rate" || !isPrim(h[0].Type, ir.Int) {
				t.Errorf("headers %+v, want X-Rate, an integer", h)
			}
		},
	},
	{
		name: "paths and responses as $refs",
		files: map[string]string{
			"doc.yaml":       oas3 + "paths: {$ref: 'paths.yaml'}\n",
			"paths.yaml":     "/pet:\n  get:\n    operationId: getPet\n    responses: {$ref: 'responses.yaml'}\n",
			"responses.yaml": "'200': {description: ok, content: {application/json: {schema: {type: integer}}}}\n",
		},
		warnings: []string{
			`doc.yaml:3:15: warning: paths given as $ref "paths.yaml" (not allowed by OpenAPI): inlined`,
			`paths.yaml:4:23: warning: responses given as $ref "responses.yaml" (not allowed by OpenAPI): inlined`,
		},
		rule: "map-ref", count: 2,
		check: func(t *testing.T, api *ir.API) {
			op := api.Services[0].Operations[0]
			if op.Name != "GetPet" || len(op.Responses) != 1 || op.Responses[0].Status != "200" {
				t.Errorf("operation %s, responses %+v: want GetPet and its 200", op.Name, op.Responses)
			}
		},
	},
	{
		name: "tuple items in 3.0",
		files: map[string]string{"doc.yaml": oas3 + getPet + `components:
  schemas:
    Pet:
      type: object
      properties:
        tags: {type: array, items: [{type: string}]}
        pair: {type: array, items: [{type: string}, {type: integer}]}
`},
		warnings: []string{`doc.yaml:18:29: warning: normalised 2 tuple-form items in this file; the first: items given as a list of one schema (JSON Schema tuple form): read as that schema`},
		rule:     "tuple-items", count: 2,
		check: func(t *testing.T, api *ir.API) {
			a, ok := fieldType(t, api, "Pet", "tags").(*ir.Array)
			if !ok || !isPrim(a.Elem, ir.String) {
				t.Errorf("tags is %#v, want []string", fieldType(t, api, "Pet", "tags"))
			}
		},
	},
	{
		name: "tuple items in 2.0",
		files: map[string]string{"doc.yaml": `swagger: "2.0"
info: {title: t, version: "1"}
paths: {}
definitions:
  Pet:
    type: object
    properties:
      tags: {type: array, items: [{type: string}]}
`},
		warnings: []string{`doc.yaml:8:27: warning: items given as a list of one schema (JSON Schema tuple form): read as that schema`},
		rule:     "tuple-items", count: 1,
	},
	{
		name: "examples map in a schema",
		files: map[string]string{"doc.yaml": oas3 + getPet + `components:
  schemas:
    Pet:
      type: object
      examples:
        one: {value: {name: Rex}}
      properties:
        name: {type: string}
`},
		warnings: []string{`doc.yaml:17:7: warning: examples given as a map in a schema (JSON Schema has a list): read as the list of its 1 values`},
		rule:     "schema-examples-map", count: 1,
	},
	{
		name: "keywords in another case",
		files: map[string]string{"doc.yaml": oas3 + `paths:
  /pet:
    get:
      operationId: getPet
      Parameters:
        - {name: limit, in: query, schema: {Type: integer}}
      responses:
        "200": {Description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}
components:
  schemas:
    Pet:
      type: object
      Properties:
        name: {type: string, description: old}
        age: {type: integer, description: one, Description: two}
        x-Type: {type: string}
        owner: {$REF: '#/components/schemas/Owner'}
    Owner: {type: object, properties: {id: {type: integer}}}
`},
		warnings: []string{
			`doc.yaml:7:7: warning: normalised 6 keywords spelt in another case in this file; the first: operation member "Parameters" read as "parameters" (OpenAPI's keywords are case-sensitive)`,
			`doc.yaml:17:30: warning: duplicate key "description" at lines 17 and 17: the last, at line 17, is used`,
		},
		rule: "keyword-case", count: 6,
		check: func(t *testing.T, api *ir.API) {
			params := api.Services[0].Operations[0].Params
			if len(params) != 1 || !isPrim(params[0].Type, ir.Int) {
				t.Errorf("params %+v, want limit, an integer", params)
			}
			if f := field(t, findType(t, api, "Pet"), "age"); f.Doc.Description != "two" {
				t.Errorf("age's doc %q, want the later description", f.Doc.Description)
			}
			field(t, findType(t, api, "Pet"), "name")
			if r, ok := fieldType(t, api, "Pet", "owner").(*ir.Named); !ok || r.Name != "Owner" {
				t.Errorf("owner is %#v, want the type Owner", fieldType(t, api, "Pet", "owner"))
			}
		},
	},
	{
		name: "keywords of info, tags and servers in another case",
		files: map[string]string{"doc.yaml": "openapi: 3.0.3\ninfo: {title: t, Version: \"1\", License: {Name: MIT}}\n" +
			"Tags: [{Name: pets}]\nservers: [{URL: 'https://{h}', Variables: {h: {Default: a.b}}}]\npaths: {}\n"},
		warnings: []string{`doc.yaml:3:1: warning: normalised 8 keywords spelt in another case in this file; the first: document member "Tags" read as "tags" (OpenAPI's keywords are case-sensitive)`},
		rule:     "keyword-case", count: 8,
		check: func(t *testing.T, api *ir.API) {
			if api.Version != "1" {
				t.Errorf("version %q", api.Version)
			}
			if len(api.Servers) != 1 || api.Servers[0].URL != "https://{h}" || len(api.Servers[0].Variables) != 1 || api.Servers[0].Variables[0].Default != "a.b" {
				t.Errorf("servers %+v, want https://{h} with h defaulting to a.b", api.Servers)
			}
		},
	},
	{
		name: "examples given as values",
		files: map[string]string{"doc.yaml": oas3 + `paths:
  /pet:
    get:
      operationId: getPet
      parameters:
        - {name: q, in: query, schema: {type: string}, examples: {short: abc}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {ids: {type: array, items: {type: integer}}}}
              examples:
                kept: {summary: one, value: {ids: [1]}}
                list: [1, 2]
                object: {ids: [3]}
                named: {kind: summary}
                cased: {Value: {ids: [4]}}
                ref: {$ref: '#/components/examples/Three'}
                empty: {}
components:
  examples:
    Three: 3
    Extended: {x-note: a}
`},
		warnings: []string{
			`doc.yaml:8:67: warning: normalised 5 examples given as values in this file; the first: example "short" is "abc", not an Example Object: read as its value`,
			`doc.yaml:20:25: warning: example member "Value" read as "value" (OpenAPI's keywords are case-sensitive)`,
		},
		rule: "example-value", count: 5,
		checkExamples: true,
		check: func(t *testing.T, api *ir.API) {
			var got []string
			for _, e := range api.Services[0].Operations[0].Responses[0].Contents[0].Examples {
				got = append(got, e.Name+"="+e.JSON)
			}
			if want := `cased={"ids":[4]} kept={"ids":[1]} list=[1,2] named={"kind":"summary"} object={"ids":[3]} ref=3`; strings.Join(got, " ") != want {
				t.Errorf("examples %q, want %s", got, want)
			}
		},
	},
	{
		name: "required: true on a property",
		files: map[string]string{"doc.yaml": oas3 + getPet + `components:
  schemas:
    Pet:
      type: object
      properties:
        name: {type: string, required: true}
        nick: {type: string, required: false}
`},
		warnings: []string{`doc.yaml:18:30: warning: normalised 2 boolean required in this file; the first: required: true on property "name" (JSON Schema draft 3): read as "name" listed in its object's required`},
		rule:     "property-required-bool", count: 2,
		check: func(t *testing.T, api *ir.API) {
			if f := field(t, findType(t, api, "Pet"), "name"); !f.Required {
				t.Error("name is not required")
			}
		},
	},
	{
		name: "keywords of the wrong type",
		files: map[string]string{"doc.yaml": oas3 + getPet + `components:
  schemas:
    Pet:
      type: object
      properties:
        age: {type: integer, maximum: "10", nullable: "true"}
        kind: {type: string, enum: cat}
        legs: {type: {type: integer}}
`},
		warnings: []string{
			`doc.yaml:18:30: warning: normalised 4 keywords of the wrong type in this file; the first: maximum given as the text "10": read as the number 10`,
		},
		rule: "keyword-type", count: 4,
		check: func(t *testing.T, api *ir.API) {
			if !isNullable(fieldType(t, api, "Pet", "age"), ir.Int64) && !isNullable(fieldType(t, api, "Pet", "age"), ir.Int) {
				t.Errorf("age is %#v, want a nullable integer", fieldType(t, api, "Pet", "age"))
			}
		},
	},
	{
		name: "list given as a map of indices",
		files: map[string]string{"doc.yaml": oas3 + getPet + `components:
  schemas:
    Pet:
      allOf:
        "1": {type: object, properties: {name: {type: string}}}
    Name: {$ref: '#/components/schemas/Pet/allOf/1/properties/name'}
`},
		warnings: []string{`doc.yaml:16:7: warning: allOf given as a map of list indices: read as a list (missing entries empty)`},
		rule:     "keyword-type", count: 1,
	},
	{
		name: "OpenAPI 3 $refs in Swagger 2.0",
		files: map[string]string{"doc.yaml": `swagger: "2.0"
info: {title: t, version: "1"}
paths:
  /pet:
    get:
      operationId: getPet
      responses:
        "200": {description: ok, schema: {$ref: '#/components/schemas/Pet'}}
definitions:
  Pet: {type: object, properties: {name: {type: string}}}
`},
		warnings: []string{`doc.yaml:8:49: warning: $ref "#/components/schemas/Pet" names an OpenAPI 3 component in a Swagger 2.0 document: read as "#/definitions/Pet"`},
		rule:     "components-ref-in-2.0", count: 1,
	},
	{
		name: "type arrays before 3.1",
		files: map[string]string{"doc.yaml": oas3 + getPet + `components:
  schemas:
    Pet:
      type: object
      properties:
        nick: {type: [string, "null"]}
`},
		warnings: []string{`doc.yaml:18:16: warning: type array [string null] is OpenAPI 3.1; accepted in 3.0.3`},
		rule:     "type-array", count: 1,
	},
}

// $refs in examples, defaults, enums, consts and extensions are data: they
// are neither resolved nor read, so a $ref to a file that is not there is
// no error (it would be if the loader followed it).
func TestRefsInDataAreData(t *testing.T) {
	for name, doc := range map[string]string{
		"3.0": oas3 + getPet + `components:
  schemas:
    Pet:
      type: object
      x-model: {$ref: 'missing.yaml#/X'}
      example: {$ref: 'missing.yaml#/X'}
      default: {$ref: 'missing.yaml#/X'}
      enum: [{$ref: 'missing.yaml#/X'}]
      properties:
        name: {type: string, example: {$ref: 'missing.yaml'}}
`,
		"2.0 extension into definitions": `swagger: "2.0"
info: {title: t, version: "1"}
paths:
  /pet:
    get:
      operationId: getPet
      x-schema: {$ref: '#/definitions/Pet'}
      responses:
        "200": {description: ok, schema: {$ref: '#/definitions/Pet'}}
definitions:
  Pet:
    type: object
    x-other: {$ref: '#/definitions/Nope'}
    properties:
      name: {type: string}
`,
	} {
		t.Run(name, func(t *testing.T) {
			dir := writeFiles(t, t.TempDir(), map[string]string{"doc.yaml": doc})
			api, err := Load(filepath.Join(dir, "doc.yaml"), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(api.Warnings) != 0 {
				t.Errorf("warnings %q", api.Warnings)
			}
		})
	}
}

func TestByteOrderMark(t *testing.T) {
	for name, doc := range map[string]string{
		"bom.json": "\ufeff{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"t\", \"version\": \"1\"}, \"paths\": {}}",
		"bom.yaml": "\ufeff" + oas3 + "paths: {}\n",
	} {
		dir := t.TempDir()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := Load(p, Options{}); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// Errors point at the node: a keyword of the wrong type deep in a
// document is reported at that keyword, saying what was expected.
func TestKeywordTypeErrors(t *testing.T) {
	tests := []struct{ name, schema, want string }{
		{"maximum", "{type: integer, maximum: abc}", `doc.yaml:18:28: maximum must be a number, got "abc"`},
		{"minLength", "{type: string, minLength: [1]}", `doc.yaml:18:27: minLength must be a number, got a list`},
		{"readOnly", "{type: string, readOnly: maybe}", `doc.yaml:18:27: readOnly must be a boolean, got "maybe"`},
		{"properties", "{type: object, properties: [a]}", `doc.yaml:18:27: properties must be a map, got a list`},
		{"type", "{type: {a: 1}, format: int32}", `doc.yaml:18:13: type must be a type name or a list of type names, got a map`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, t.TempDir(), map[string]string{"doc.yaml": oas3 + getPet + `components:
  schemas:
    Pet:
      type: object
      properties:
        x: ` + tt.schema + "\n"})
			got := loadErr(t, filepath.Join(dir, "doc.yaml"), Options{})
			if got != filepath.Join(dir, tt.want) {
				t.Errorf("error\n got: %s\nwant: %s", got, filepath.Join(dir, tt.want))
			}
		})
	}
}

// A null in a list of schemas or parameters is an error at the entry: it
// cannot be left out without moving the entries after it, which $refs
// may name. A number, text or boolean where an object belongs is an error
// at the value (kin-openapi refused them all with no position).
func TestObjectErrors(t *testing.T) {
	tests := []struct{ name, doc, want string }{
		{"property", oas3 + "paths: {}\ncomponents:\n  schemas:\n    A: {type: object, properties: {a: string}}\n",
			`doc.yaml:6:39: a schema must be an object, got "string"`},
		{"header", oas3 + "paths:\n  /a:\n    get:\n      responses: {'200': {description: ok, headers: {X-Rate: 1}}}\n",
			`doc.yaml:6:62: a header must be an object, got the number 1`},
		{"response", oas3 + "paths:\n  /a:\n    get:\n      responses: {'200': true}\n",
			`doc.yaml:6:26: a response must be an object, got the boolean true`},
		{"discriminator", oas3 + "paths: {}\ncomponents:\n  schemas:\n    A: {type: object, discriminator: kind}\n",
			`doc.yaml:6:38: a discriminator must be an object, got "kind"`},
		{"openapi", "openapi: {v: 3}\ninfo: {title: t, version: \"1\"}\npaths: {}\n",
			`doc.yaml:1:10: openapi must be a version (3.0.3, 3.1.0), got a map`},
		{"empty", " \n", `doc.yaml:1:1: empty document`},
		{"parameter required", oas3 + "paths:\n  /a:\n    get:\n      parameters: [{name: q, in: query, required: maybe}]\n      responses: {'200': {description: ok}}\n",
			`doc.yaml:6:41: required must be a boolean, got "maybe"`},
		{"parameters by name", oas3 + "paths:\n  /a:\n    get:\n      parameters: {q: {name: q, in: query}}\n      responses: {'200': {description: ok}}\n",
			`doc.yaml:6:7: parameters must be a list, got a map`},
		{"operation deprecated", oas3 + "paths:\n  /a:\n    get:\n      deprecated: soon\n      responses: {'200': {description: ok}}\n",
			`doc.yaml:6:7: deprecated must be a boolean, got "soon"`},
		{"ref fragment", oas3 + "paths: {}\ncomponents:\n  schemas:\n    A: {$ref: '#components/schemas/B'}\n    B: {type: string}\n",
			`doc.yaml:6:15: $ref "#components/schemas/B": the part after # must be a JSON pointer, starting with / (anchors are not supported)`},
		{"allOf", oas3 + "paths: {}\ncomponents:\n  schemas:\n    A: {allOf: [{type: object}, null]}\n",
			`doc.yaml:6:33: allOf[1] is null: a schema must be an object`},
		{"parameters", oas3 + "paths:\n  /a:\n    get:\n      parameters:\n        - null\n      responses: {'200': {description: ok}}\n",
			`doc.yaml:7:11: parameters[0] is null: a parameter must be an object`},
		{"component as a list", oas3 + "paths: {}\ncomponents:\n  schemas:\n    A: [{type: string}]\n",
			`doc.yaml:6:8: schema "A" must be an object, got a list`},
		{"response as a list", oas3 + "paths:\n  /a:\n    get:\n      responses: {'200': [{description: ok}]}\n",
			`doc.yaml:6:26: response "200" must be an object, got a list`},
		{"$ref beside entries", oas3 + "paths: {}\ncomponents:\n  schemas:\n    A: {type: string}\n    $ref: 'other.yaml'\n",
			`doc.yaml:7:11: $ref "other.yaml" in a map of schemas (schemas): OpenAPI refers only to single objects`},
		{"$ref among responses", oas3 + "paths:\n  /a:\n    get:\n      responses: {'200': {description: ok}, $ref: '#/components/responses/E'}\n",
			`doc.yaml:6:51: $ref "#/components/responses/E" in a map of responses (responses): OpenAPI refers only to single objects`},
		{"flow", oas3 + "paths: {}\ncomponents:\n  securitySchemes:\n    o:\n      type: oauth2\n      flows: {implicit: a}\n",
			`doc.yaml:8:25: flows.implicit must be an object, got "a"`},
		{"scopes", oas3 + "paths: {}\ncomponents:\n  securitySchemes:\n    o:\n      type: oauth2\n      flows: {password: {tokenUrl: 'https://a', scopes: [read]}}\n",
			`doc.yaml:8:57: flows.password.scopes must be a map of scope names to descriptions, got a list`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, t.TempDir(), map[string]string{"doc.yaml": tt.doc})
			if got, want := loadErr(t, filepath.Join(dir, "doc.yaml"), Options{}), filepath.Join(dir, tt.want); got != want {
				t.Errorf("error\n got: %s\nwant: %s", got, want)
			}
		})
	}
}

// What kin-openapi still rejects is placed at the node its message names,
// or at the file (never at 1:1 when the problem is not there), and said
// once (kin adds the same error as a YAML one).
func TestKinErrorPositions(t *testing.T) {
	tests := []struct{ name, doc, want string }{
		{"pointer", oas3 + `paths:
  /pet:
    get:
      operationId: getPet
      responses:
        "200":
          description: ok
          headers:
            X-Rate: {$ref: '#/components/schemas/Pet'}
components:
  schemas:
    Pet: {type: string}
`, `doc.yaml:14:5: invalid document: bad data in "#/components/schemas/Pet" (expecting ref to header object)`},
		// kin-openapi named no node here; the raw pass now does.
		{"servers as a map", oas3 + "servers: {url: x}\npaths: {}\n",
			`doc.yaml:3:10: servers must be a list, got a map`},
		{"license as text", "openapi: 3.0.3\ninfo: {title: t, version: \"1\", license: MIT}\npaths: {}\n",
			`doc.yaml:2:41: license must be an object, got "MIT"`},
		{"tag as text", oas3 + "tags: [pets]\npaths: {}\n",
			`doc.yaml:3:8: tags[0] must be an object, got "pets"`},
		// A type error without a pointer: at the first value of that JSON
		// kind under the member kin-openapi names.
		{"type error", oas3 + "paths:\n  /a:\n    get:\n      tags: [a, {name: x}]\n      responses: {'200': {description: ok}}\n",
			`doc.yaml:6:17: invalid document: json: cannot unmarshal object into field Operation.tags of type string`},
		// ... or of a map the member holds.
		{"map type error", oas3 + "paths: {}\ncomponents:\n  securitySchemes:\n    o:\n      type: oauth2\n      flows: {password: {tokenUrl: 'https://a', scopes: {read: [1]}}}\n",
			`doc.yaml:8:64: invalid document: json: cannot unmarshal array into field OAuthFlow.scopes of type string`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, t.TempDir(), map[string]string{"doc.yaml": tt.doc})
			if got, want := loadErr(t, filepath.Join(dir, "doc.yaml"), Options{}), filepath.Join(dir, tt.want); got != want {
				t.Errorf("error\n got: %s\nwant: %s", got, want)
			}
		})
	}
}
