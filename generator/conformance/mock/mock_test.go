package mock

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

const tiny = `
openapi: 3.0.3
info: {title: tiny, version: "1"}
servers: [{url: "https://api.example.com/v2"}]
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Key}
  schemas:
    Pet:
      type: object
      required: [id, name, kind]
      properties:
        id: {type: integer, format: int64, readOnly: true}
        name: {type: string, pattern: "^[A-Z][a-z]{2,5}-[0-9]{3}$"}
        kind: {type: string, enum: [cat, dog]}
        born: {type: string, format: date}
        tags: {type: array, items: {type: string}, minItems: 2, uniqueItems: true}
        owner:
          oneOf:
            - {$ref: "#/components/schemas/Person"}
            - {$ref: "#/components/schemas/Shop"}
          discriminator: {propertyName: type}
    Person:
      type: object
      required: [type, email]
      properties:
        type: {type: string}
        email: {type: string, format: email}
    Shop:
      type: object
      required: [type, url]
      properties:
        type: {type: string}
        url: {type: string, format: uri}
    Ref:
      type: object
      additionalProperties: false
      properties:
        url: {type: string}
        id: {type: string}
      anyOf: [{required: [url]}, {required: [id]}]
      not: {required: [url, id]}
security: [{key: []}]
paths:
  /pets/{id}:
    get:
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer, minimum: 10}}
        - {name: kind, in: query, schema: {type: string, enum: [cat, dog]}}
      responses:
        "200":
          description: ok
          headers:
            X-Rate: {schema: {type: integer}}
          content:
            application/json: {schema: {$ref: "#/components/schemas/Pet"}}
    put:
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer}}
      requestBody:
        required: true
        content:
          application/json: {schema: {$ref: "#/components/schemas/Pet"}}
      responses:
        "204": {description: done}
`

func loadTiny(t *testing.T) *openapi3.T {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData([]byte(tiny))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestSynthValid(t *testing.T) {
	doc := loadTiny(t)
	syn := NewSynth(doc)
	for _, name := range []string{"Pet", "Person", "Ref"} {
		for _, dir := range []Direction{Request, Response} {
			v, err := syn.Value(doc.Components.Schemas[name], dir)
			if err != nil {
				t.Errorf("%s (%d): %v: %v", name, dir, v, err)
			}
		}
	}
	v, _ := syn.Value(doc.Components.Schemas["Pet"], Request)
	if _, has := v.(map[string]any)["id"]; has {
		t.Errorf("request value has the readOnly id: %v", v)
	}
}

func TestServerFlagsViolations(t *testing.T) {
	s, err := Start(loadTiny(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !strings.HasSuffix(s.URL, "/v2") {
		t.Fatalf("URL %s does not keep the server path", s.URL)
	}
	do := func(method, path, body string, key bool) int {
		req, _ := http.NewRequestWithContext(context.Background(), method, s.URL+path, strings.NewReader(body))
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		if key {
			req.Header.Set("X-Key", "k")
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if method == "GET" && resp.StatusCode == 200 {
			var pet map[string]any
			if err := json.NewDecoder(resp.Body).Decode(&pet); err != nil || pet["name"] == nil || resp.Header.Get("X-Rate") == "" {
				t.Errorf("GET answer %v (%v), X-Rate %q", pet, err, resp.Header.Get("X-Rate"))
			}
		}
		return resp.StatusCode
	}
	if code := do("GET", "/pets/12?kind=cat", "", true); code != 200 || len(s.Violations()) != 0 {
		t.Fatalf("valid GET: %d, %v", code, s.Violations())
	}
	if code := do("PUT", "/pets/12", `{"name":"Rex-001","kind":"dog"}`, true); code != 204 || len(s.Violations()) != 0 {
		t.Fatalf("valid PUT: %d, %v", code, s.Violations())
	}
	bad := []struct{ method, path, body string }{
		{"GET", "/pets/2", ""},                             // below minimum
		{"GET", "/pets/12?kind=cow", ""},                   // not in enum
		{"PUT", "/pets/12", `{"name":"rex","kind":"dog"}`}, // pattern
		{"PUT", "/pets/12", `{"kind":"dog"}`},              // required
		{"GET", "/nowhere", ""},                            // no route
	}
	for i, b := range bad {
		do(b.method, b.path, b.body, true)
		if n := len(s.Violations()); n != i+1 {
			t.Errorf("%s %s %s: %d violations, want %d", b.method, b.path, b.body, n, i+1)
		}
	}
	do("GET", "/pets/12", "", false)
	if v := s.Violations(); len(v) != len(bad)+1 || !strings.Contains(v[len(v)-1].Detail, "security") {
		t.Errorf("missing credentials not flagged: %v", v)
	}
}

func TestFromPattern(t *testing.T) {
	for _, p := range []string{`^[A-Z][a-z]{2,5}-[0-9]{3}$`, `^(foo|bar)+\.json$`, `^\d{4}-\d{2}$`, `^[^/]+$`} {
		if s, ok := fromPattern(p); !ok {
			t.Errorf("%s: no match (%q)", p, s)
		}
	}
}

const cookieDoc = `
openapi: 3.0.3
info: {title: cookies, version: "1"}
paths:
  /c:
    get:
      parameters:
        - {name: tags, in: cookie, required: true, schema: {type: array, items: {type: string, enum: [a, b c]}}}
        - {name: color, in: cookie, schema: {type: object, required: [R], properties: {R: {type: integer}, G: {type: integer}}}}
        - {name: doc, in: cookie, required: true, content: {application/json: {schema: {type: object, required: [k], properties: {k: {type: string, enum: ["x;y"]}}}}}}
        - {name: plain, in: cookie, schema: {type: string, pattern: "^a b$"}}
      responses:
        "204": {description: none}
`

// TestServerCookies: the mock percent-decodes cookies (as Express's and
// PHP's parsers do, and as the runtime encodes what a cookie cannot
// hold) and checks the exploded form style, which openapi3filter itself
// refuses; a wrong value is still a violation.
func TestServerCookies(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData([]byte(cookieDoc))
	if err != nil {
		t.Fatal(err)
	}
	s, err := Start(doc)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	send := func(cookie string) []Violation {
		before := len(s.Violations())
		req, _ := http.NewRequestWithContext(context.Background(), "GET", s.URL+"/c", nil)
		req.Header.Set("Cookie", cookie)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return s.Violations()[before:]
	}
	good := `tags=a; tags=b%20c; R=1; G=2; doc={%22k%22:%22x%3By%22}; plain=a%20b`
	if v := send(good); len(v) != 0 {
		t.Errorf("valid cookies: %v", v)
	}
	for _, bad := range []string{
		`tags=a; tags=d; doc={%22k%22:%22x%3By%22}`,      // d is not in the enum
		`tags=a; G=2; doc={%22k%22:%22x%3By%22}`,         // color lacks R
		`tags=a; doc={%22k%22:%22xy%22}`,                 // not the enum's "x;y"
		`tags=a; doc={%22k%22:%22x%3By%22}; plain=a%2Bb`, // a+b
	} {
		if v := send(bad); len(v) == 0 {
			t.Errorf("%s: no violation", bad)
		}
	}
}
