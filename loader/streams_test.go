package loader

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/genclient/genclient/ir"
)

// gatewaySpec is a Swagger 2.0 document as grpc-gateway writes it: the
// streaming response refers to x-stream-definitions, whose entry refers
// back into #/definitions (refs the 2.0 to 3.0 conversion leaves as they
// are).
const gatewaySpec = `
swagger: "2.0"
info: {title: T, version: "1"}
consumes: [application/json]
produces: [application/json]
paths:
  /v3/watch:
    post:
      operationId: Watch
      parameters:
        - {name: body, in: body, required: true, schema: {$ref: "#/definitions/WatchRequest"}}
      responses:
        "200":
          description: A successful response.(streaming responses)
          schema: {$ref: "#/x-stream-definitions/WatchResponse"}
  /v3/range:
    post:
      operationId: Range
      parameters:
        - {name: body, in: body, required: true, schema: {$ref: "#/definitions/WatchRequest"}}
      responses:
        "200":
          description: A successful response.
          schema: {$ref: "#/definitions/KeyValue"}
  /v3/tail:
    post:
      operationId: Tail
      responses:
        "200":
          description: A successful response.(streaming responses)
          schema:
            type: object
            title: Stream result of KeyValue
            properties:
              result: {$ref: "#/definitions/KeyValue"}
              error: {$ref: "#/definitions/StreamError"}
definitions:
  WatchRequest: {type: object}
  KeyValue:
    type: object
    properties:
      key: {type: string, format: byte}
      revision: {type: string, format: int64}
      id: {type: string, format: uint64}
      ttl: {type: integer, format: int64}
      small: {type: integer, format: int8}
      tiny: {type: string, format: uint32}
      ids: {type: array, items: {type: string, format: int64}}
  WatchResponse:
    type: object
    properties:
      events: {type: array, items: {$ref: "#/definitions/KeyValue"}}
  StreamError:
    type: object
    properties:
      grpc_code: {type: integer, format: int32}
      message: {type: string}
x-stream-definitions:
  WatchResponse:
    type: object
    title: Stream result of WatchResponse
    properties:
      result: {$ref: "#/definitions/WatchResponse"}
      error: {$ref: "#/definitions/StreamError"}
`

func typeNames(api *ir.API) []string {
	var out []string
	for _, n := range api.Types {
		out = append(out, n.Name)
	}
	slices.Sort(out)
	return out
}

// opByID returns the operation of api whose operationId is id.
func opByID(t *testing.T, api *ir.API, id string) *ir.Operation {
	t.Helper()
	for _, s := range api.Services {
		for _, o := range s.Operations {
			if o.ID == id {
				return o
			}
		}
	}
	t.Fatalf("no operation %q", id)
	return nil
}

// TestOneTypePerDefinition: refs inside a vendor extension to
// #/definitions/X reach the same type as the converted refs.
func TestOneTypePerDefinition(t *testing.T) {
	api := loadString(t, gatewaySpec)
	got := strings.Join(typeNames(api), " ")
	if want := "KeyValue StreamError WatchRequest WatchResponse"; got != want {
		t.Errorf("types: %s, want %s", got, want)
	}
	for _, w := range api.Warnings {
		t.Errorf("warning: %s", w.Message)
	}
}

func TestGatewayStreams(t *testing.T) {
	api := loadString(t, gatewaySpec)
	for _, tc := range []struct{ op, msg string }{{"Watch", "WatchResponse"}, {"Tail", "KeyValue"}} {
		o := opByID(t, api, tc.op)
		c := o.Responses[0].Contents[0]
		if c.Kind != ir.KindJSONStream || c.Envelope == nil || describe(c.Type) != tc.msg || describe(c.Envelope.Error) != "StreamError" {
			t.Errorf("%s: kind %v, envelope %v, type %s", tc.op, c.Kind, c.Envelope, describe(c.Type))
		}
	}
	if c := opByID(t, api, "Range").Responses[0].Contents[0]; c.Kind != ir.KindJSON || describe(c.Type) != "KeyValue" {
		t.Errorf("Range: kind %v, type %s", c.Kind, describe(c.Type))
	}
}

func TestJSONStreamMediaTypes(t *testing.T) {
	spec := `
openapi: "3.0.3"
info: {title: T, version: "1"}
paths:
  /a:
    get:
      operationId: a
      responses:
        "200":
          description: ok
          content:
            application/x-ndjson: {schema: {$ref: "#/components/schemas/Msg"}}
  /b:
    get:
      operationId: b
      responses:
        "200":
          description: ok
          content:
            application/json-seq: {schema: {type: array, items: {$ref: "#/components/schemas/Msg"}}}
  /c:
    get:
      operationId: c
      responses:
        "200":
          description: ok
          content:
            application/jsonl: {}
  /d:
    get:
      operationId: d
      responses:
        "200":
          description: ok
          content:
            application/stream+json:
              schema:
                type: object
                properties:
                  result: {$ref: "#/components/schemas/Msg"}
                  error: {type: object, properties: {code: {type: integer}}}
    post:
      operationId: upload
      requestBody:
        content:
          application/x-ndjson: {schema: {$ref: "#/components/schemas/Msg"}}
      responses:
        "400":
          description: bad
          content:
            application/x-ndjson: {schema: {$ref: "#/components/schemas/Msg"}}
components:
  schemas:
    Msg: {type: object, properties: {n: {type: integer}}}
`
	api := loadString(t, spec)
	for _, tc := range []struct {
		op, typ  string
		envelope bool
	}{{"a", "Msg", false}, {"b", "Msg", false}, {"c", "nil", false}, {"d", "Msg", true}} {
		c := opByID(t, api, tc.op).Responses[0].Contents[0]
		if c.Kind != ir.KindJSONStream || describe(c.Type) != tc.typ || (c.Envelope != nil) != tc.envelope {
			t.Errorf("%s: kind %v, type %s, envelope %v", tc.op, c.Kind, describe(c.Type), c.Envelope)
		}
	}
	up := opByID(t, api, "upload")
	if k := up.Body.Contents[0].Kind; k != ir.KindBinary {
		t.Errorf("an NDJSON request body: kind %v, want binary", k)
	}
	if k := up.Responses[0].Contents[0].Kind; k != ir.KindBinary {
		t.Errorf("an NDJSON error response: kind %v, want binary", k)
	}
}

func TestIntegerFormats(t *testing.T) {
	api := loadString(t, gatewaySpec)
	var kv *ir.Struct
	for _, n := range api.Types {
		if n.Name == "KeyValue" {
			kv = n.Type.(*ir.Struct)
		}
	}
	want := map[string]ir.Primitive{
		"revision": {Kind: ir.Int64, Format: "int64", Quoted: true},
		"id":       {Kind: ir.Uint64, Format: "uint64", Quoted: true},
		"ttl":      {Kind: ir.Int64, Format: "int64"},
		"small":    {Kind: ir.Int8, Format: "int8"},
		"tiny":     {Kind: ir.Uint32, Format: "uint32", Quoted: true},
		"ids":      {Kind: ir.Int64, Format: "int64", Quoted: true},
	}
	for _, f := range kv.Fields {
		w, has := want[f.JSONName]
		if !has {
			continue
		}
		typ := f.Type
		if a, ok := typ.(*ir.Array); ok {
			typ = a.Elem
		}
		if p, ok := typ.(*ir.Primitive); !ok || *p != w {
			t.Errorf("%s: %#v, want %#v", f.JSONName, f.Type, w)
		}
	}
}

// TestEmptyComponentObject: a component object without properties is a
// struct (its zero value is sent as {}), an inline one stays a map.
func TestEmptyComponentObject(t *testing.T) {
	api := loadString(t, gatewaySpec)
	for _, n := range api.Types {
		if n.Name == "WatchRequest" {
			if st, ok := n.Type.(*ir.Struct); !ok || len(st.Fields) != 0 {
				t.Errorf("WatchRequest: %#v", n.Type)
			}
		}
	}
	spec := `
openapi: "3.0.3"
info: {title: T, version: "1"}
paths: {}
components:
  schemas:
    Holder: {type: object, properties: {meta: {type: object}}}
`
	p := filepath.Join(t.TempDir(), "spec.yaml")
	if err := os.WriteFile(p, []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	api, err := Load(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range api.Types[0].Type.(*ir.Struct).Fields {
		if describe(f.Type) != "map[any]" {
			t.Errorf("inline empty object %s: %s", f.JSONName, describe(f.Type))
		}
	}
}

// TestDocPointers: a named type's Ref (cited in its doc comment) is a
// pointer into the user's own file: the 2.0 pointer of a Swagger
// document, the other file's of a multi-file one.
func TestDocPointers(t *testing.T) {
	swagger := `
swagger: "2.0"
info: {title: T, version: "1"}
paths:
  /a/{id}:
    parameters:
      - {name: id, in: path, required: true, type: string}
    post:
      operationId: post
      parameters:
        - {name: q, in: query, type: string}
        - name: body
          in: body
          schema: {type: object, properties: {n: {type: integer}}}
      responses:
        "200":
          description: ok
          schema: {type: object, properties: {m: {type: integer}}}
  /b:
    post:
      operationId: shared
      parameters: [{$ref: "#/parameters/Thing"}]
      responses:
        "201":
          description: ok
          schema: {$ref: "#/definitions/Out"}
parameters:
  Thing:
    name: thing
    in: body
    schema: {type: object, properties: {k: {type: string}}}
definitions:
  Out: {type: object, properties: {x: {type: object, properties: {y: {type: string}}}}}
`
	api := loadString(t, swagger)
	refs := map[string]string{}
	for _, n := range api.Types {
		refs[n.Ref] = n.Name
	}
	for _, want := range []string{
		"#/paths/~1a~1{id}/post/parameters/1/schema",
		"#/paths/~1a~1{id}/post/responses/200/schema",
		"#/parameters/Thing/schema",
		"#/definitions/Out",
		"#/definitions/Out/properties/x",
	} {
		if refs[want] == "" {
			t.Errorf("no type at %s; refs: %v", want, refs)
		}
	}

	dir := t.TempDir()
	files := map[string]string{
		"spec.yaml": `
openapi: "3.0.3"
info: {title: T, version: "1"}
paths:
  /p:
    get:
      operationId: p
      responses:
        "200": {$ref: "parts/responses.yaml#/Ok"}
`,
		"parts/responses.yaml": `
Ok:
  description: ok
  content:
    application/json:
      schema: {type: object, properties: {v: {type: object, properties: {w: {type: string}}}}}
`,
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	api, err := Load(filepath.Join(dir, "spec.yaml"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	refs = map[string]string{}
	for _, n := range api.Types {
		refs[n.Ref] = n.Name
	}
	for _, want := range []string{"parts/responses.yaml#/Ok/content/application~1json/schema", "parts/responses.yaml#/Ok/content/application~1json/schema/properties/v"} {
		if refs[want] == "" {
			t.Errorf("no type at %s; refs: %v", want, refs)
		}
	}
}
