package loader

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/genclient/genclient/ir"
)

func loadString(t *testing.T, spec string) *ir.API {
	t.Helper()
	p := filepath.Join(t.TempDir(), "spec.yaml")
	if err := os.WriteFile(p, []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	api, err := Load(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return api
}

const opsSpec = `
openapi: "3.0.3"
info: {title: T, version: "1"}
paths:
  /a:
    get:
      operationId: cursor
      parameters: [{name: after, in: query, schema: {type: string}}]
      x-pagination: {style: cursor, param: after, cursor: meta.next, items: data}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  data: {type: array, items: {type: integer}}
                  meta: {type: object, properties: {next: {type: string}}}
  /b:
    get:
      operationId: wrapped
      responses:
        "200":
          description: ok
          headers: {Link: {schema: {type: string}}}
          content:
            application/json:
              schema:
                type: object
                properties:
                  total_count: {type: integer}
                  runs: {type: array, items: {type: string}}
  /c:
    get:
      operationId: badParam
      x-pagination: {style: offset, param: nope}
      responses: {"200": {description: ok}}
  /d:
    post:
      operationId: multi
      requestBody:
        content:
          application/json: {schema: {type: object, properties: {a: {type: string}}}}
          application/x-www-form-urlencoded: {schema: {type: object, properties: {a: {type: string}}}}
          image/png: {schema: {type: string, format: binary}}
          image/gif: {schema: {type: string, format: binary}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: string}}}}
        "201": {description: ok, content: {application/json: {schema: {type: integer}}}}
  /e:
    get:
      operationId: multiWithForm
      responses: {"204": {description: ok}}
components:
  securitySchemes:
    code:
      type: oauth2
      flows:
        authorizationCode: {authorizationUrl: "https://a/auth", tokenUrl: "https://a/token", scopes: {}}
    cc:
      type: oauth2
      flows:
        authorizationCode: {authorizationUrl: "https://a/auth", tokenUrl: "https://a/code", scopes: {}}
        clientCredentials: {tokenUrl: "https://a/cc", scopes: {}}
`

func TestOperationsExtras(t *testing.T) {
	api := loadString(t, opsSpec)
	ops := map[string]*ir.Operation{}
	for _, s := range api.Services {
		for _, o := range s.Operations {
			ops[o.ID] = o
		}
	}
	if p := ops["cursor"].Pagination; p == nil || p.Kind != ir.PageCursor || p.Param != "after" || p.CursorPath != "meta.next" || p.ItemsPath != "data" || p.Item == nil {
		t.Errorf("x-pagination cursor: %+v", p)
	}
	if p := ops["wrapped"].Pagination; p == nil || p.Kind != ir.PageLink || p.ItemsPath != "runs" {
		t.Errorf("Link with a wrapped page: %+v", p)
	}
	if ops["badParam"].Pagination != nil {
		t.Error("x-pagination with an unknown param was kept")
	}
	warned := false
	for _, w := range api.Warnings {
		warned = warned || strings.Contains(w.Message, `x-pagination param "nope"`)
	}
	if !warned {
		t.Errorf("no warning for a bad x-pagination: %v", api.Warnings)
	}
	m := ops["multi"]
	if m.ResultType != "MultiResult" {
		t.Errorf("ResultType %q", m.ResultType)
	}
	var methods []string
	for _, c := range m.Body.Contents {
		methods = append(methods, c.MediaType+"="+c.Method)
	}
	// The operation multiWithForm took the variant's name first: the loader
	// renames the operation, so the variant keeps its name.
	if got := strings.Join(methods, " "); got != "application/json= application/x-www-form-urlencoded=MultiWithForm image/gif=MultiWithBody image/png=" {
		t.Errorf("body methods: %s", got)
	}
	if ops["multiWithForm"].Name != "MultiWithForm2" {
		t.Errorf("colliding operation named %s", ops["multiWithForm"].Name)
	}
	for _, s := range api.Schemes {
		want := map[string]string{"code": "", "cc": "https://a/cc"}[s.Key]
		if s.TokenURL != want {
			t.Errorf("scheme %s TokenURL %q, want %q", s.Key, s.TokenURL, want)
		}
	}
}

// TestResponseKeys: a response under a key the Responses Object does not
// allow is skipped with a warning at the key; the operation and its other
// responses stay. An empty key made the operation's conversion panic.
func TestResponseKeys(t *testing.T) {
	api := loadString(t, `
openapi: "3.0.3"
info: {title: T, version: "1"}
paths:
  /a:
    get:
      operationId: getA
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: string}}}}
        "": {description: empty}
        "4xx": {description: client error}
        "600": {description: not a status}
        "20": {description: too short}
        "2X0": {description: not a range}
        ok: {description: a word}
        default: {description: other}
`)
	var ops []*ir.Operation
	for _, s := range api.Services {
		ops = append(ops, s.Operations...)
	}
	if len(ops) != 1 {
		t.Fatalf("%d operations, want 1", len(ops))
	}
	var statuses []string
	for _, r := range ops[0].Responses {
		statuses = append(statuses, r.Status)
	}
	if got, want := strings.Join(statuses, " "), "200 4XX default"; got != want {
		t.Errorf("responses %q, want %q", got, want)
	}
	var warnings []string
	for _, w := range api.Warnings {
		warnings = append(warnings, w.String())
	}
	const skipped = `: warning: operation GetA: response %q skipped: not a status code (100 to 599), a range (1XX to 5XX) or "default"`
	var want []string
	for _, k := range []struct{ key, pos string }{{"", "10:9"}, {"20", "13:9"}, {"2X0", "14:9"}, {"600", "12:9"}, {"ok", "15:9"}} {
		want = append(want, filepath.Join(filepath.Dir(api.Warnings[0].Pos.File), "spec.yaml")+":"+k.pos+fmt.Sprintf(skipped, k.key))
	}
	if strings.Join(warnings, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings\n got: %q\nwant: %q", warnings, want)
	}
}

// TestNullServer: a null entry of servers is skipped with a warning, one
// of tags is passed over; the conversion dereferenced both.
func TestNullServer(t *testing.T) {
	api := loadString(t, `
openapi: "3.0.3"
info: {title: T, version: "1"}
servers:
  -
  - url: https://api.example.com
tags: [null, {name: pets, description: The pets.}]
paths:
  /pets:
    get:
      operationId: listPets
      tags: [pets]
      responses: {"200": {description: ok}}
`)
	if len(api.Servers) != 1 || api.Servers[0].URL != "https://api.example.com" {
		t.Errorf("servers %+v, want the one with a URL", api.Servers)
	}
	if len(api.Services) != 1 || api.Services[0].Doc.Description != "The pets." {
		t.Errorf("services %+v, want Pets with its tag's description", api.Services)
	}
	if len(api.Warnings) != 1 || api.Warnings[0].Message != "server is null: skipped" || api.Warnings[0].Pos.Line != 5 {
		t.Errorf("warnings %v, want one at line 5", api.Warnings)
	}
}
