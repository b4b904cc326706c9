package loader

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/genclient/genclient/ir"
	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi3"
)

// TestDecodeBundleMatchesKin: the parallel decode of a bundled document
// gives exactly the value kin-openapi's own unmarshal gives, and it is the
// path every OpenAPI 3 document of the shared corpus takes.
func TestDecodeBundleMatchesKin(t *testing.T) {
	for _, c := range corpus(t) {
		t.Run(c[0], func(t *testing.T) {
			rs := newRawSet(func(ir.Pos, string) {})
			root, err := newRefRoot(filepath.Dir(c[1]), "-ref-root")
			if err != nil {
				t.Fatal(err)
			}
			rs.refRoot = root
			if err := rs.prepare(c[1], false); err != nil {
				t.Fatal(err)
			}
			if mapGet(rs.files[rs.rootName].root, "swagger") != nil {
				// Swagger 2.0: kin converts the document decoded as a
				// whole.
				data, err := rs.encoded(rs.rootName)
				if err != nil {
					t.Fatal(err)
				}
				compareFlat[openapi2.T](t, string(data))
				return
			}
			data, _ := rs.bundle()
			compareDecode(t, data, filepath.Base(c[1]), true)
		})
	}
}

// TestDecodeBundleShapes: extensions at every level decoded here, null
// sections, and the shapes left to kin.
func TestDecodeBundleShapes(t *testing.T) {
	for _, tc := range []struct {
		doc  string
		fast bool
	}{
		{`{"openapi":"3.0.3","info":{"title":"t","version":"1","x-i":1},"x-top":{"a":[1]},"paths":{"x-p":true,"/a":{"get":{"responses":{"200":{"description":"ok"}}}}},` +
			`"components":{"x-c":"c","schemas":{"A":{"type":"string"},"N":null},"responses":{"R":{"description":"r"}},"parameters":{"P":{"name":"p","in":"query","schema":{"$ref":"#/components/schemas/A"}}}}}`, true},
		{`{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":null,"components":null,"tags":[{"name":"x"}],"servers":[{"url":"/"}],"security":[{}]}`, true},
		{`{"openapi":"3.1.0","info":{"title":"t","version":"1"},"webhooks":{"w":{"post":{"responses":{"200":{"description":"ok"}}}}},"jsonSchemaDialect":"d"}`, true},
		{`{"openapi":"3.0.3","info":{"title":"t","version":"1"},"Paths":{}}`, false},                             // kin matches names regardless of case
		{`{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{},"components":{"Schemas":{}}}`, false}, // likewise
		{`{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{"/a":{"$ref":"root.json#/p"}}}`, false},
		{`{"openapi":"3.0.3","info":{"title":"t","version":1},"paths":{}}`, false}, // a type error: kin says it
	} {
		compareDecode(t, []byte(tc.doc), "root.json", tc.fast)
	}
}

func compareDecode(t *testing.T, data []byte, rootFile string, wantFast bool) {
	t.Helper()
	got, ok := decodeBundle(data, rootFile)
	if ok != wantFast {
		t.Fatalf("decodeBundle ok=%v, want %v for %.200s", ok, wantFast, data)
	}
	if !ok {
		return
	}
	var want openapi3.T
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatalf("kin: %v", err)
	}
	if !reflect.DeepEqual(got, &want) {
		g, _ := json.Marshal(got)
		w, _ := json.Marshal(&want)
		t.Fatalf("decoded differently from kin:\n got %.600s\nwant %.600s", g, w)
	}
}

// TestDirectoryDecodeMatchesKin is TestDecodeBundleMatchesKin over every
// OpenAPI 3 document of the APIs.guru directory:
//
//	go test ./loader -run TestDirectoryDecodeMatchesKin -directory
func TestDirectoryDecodeMatchesKin(t *testing.T) {
	if !*directoryFlag {
		t.Skip("reads the whole directory: run with -directory")
	}
	dir := directoryDir(t)
	docs := directoryDocs(t, dir)
	compared := 0
	for _, p := range docs {
		rs := newRawSet(func(ir.Pos, string) {})
		root, err := newRefRoot(filepath.Dir(p), "-ref-root")
		if err != nil {
			t.Fatal(err)
		}
		rs.refRoot = root
		if rs.prepare(p, false) != nil || mapGet(rs.files[rs.rootName].root, "swagger") != nil {
			continue
		}
		data, _ := rs.bundle()
		got, ok := decodeBundle(data, filepath.Base(p))
		if !ok {
			continue
		}
		var want openapi3.T
		if err := json.Unmarshal(data, &want); err != nil {
			t.Errorf("%s: decodeBundle succeeded where kin fails: %v", p, err)
			continue
		}
		if !reflect.DeepEqual(got, &want) {
			t.Errorf("%s: decoded differently from kin", p)
		}
		compared++
	}
	t.Logf("%d documents compared", compared)
}

// TestFlatDecode: flatDecode gives the value kin's own unmarshal gives for
// the shapes it decodes member by member and for those it leaves to kin.
func TestFlatDecode(t *testing.T) {
	schemas := []string{
		`{"type":"array","items":{"type":"array","items":{"type":"string","x-a":[1,{"b":2}]}}}`,
		`{"type":"object","properties":{"a":{"$ref":"#/components/schemas/A"},"b":null,"c~1/\u00e9":{"type":"integer","format":"int64"}},"required":["a"],"additionalProperties":{"type":"object","properties":{"d":{}}}}`,
		`{"allOf":[{"$ref":"#/x","description":"sibling"},null,{"type":"object"}],"oneOf":[],"anyOf":[{"not":{"type":"null"}}],"discriminator":{"propertyName":"k"}}`,
		`{"$ref":"#/components/schemas/A","properties":{"p":{"type":"string"}}}`, // a $ref: kin's own
		`{"Items":{"type":"string"},"type":"array"}`,             // a field name in another case
		`{"items":{"type":"string"},"items":{"type":"integer"}}`, // a repeated member
		`{"prefixItems":[{"type":"string"},true],"items":false,"$defs":{"D":{"type":"number"}},"if":{"minimum":1},"then":{},"else":{"maximum":0}}`,
		`{"items":[{"type":"string"}]}`, // tuple form: kin's error
		`true`,
		`{}`,
		`{"nullable":true,"enum":["a",null],"default":{"items":{"x":1}},"example":{"properties":{}},"x-items":{"items":{}}}`,
		`{"properties":{"\ud83d\ude00":{"type":"string"}}}`,
	}
	for _, s := range schemas {
		compareFlat[openapi3.SchemaRef](t, s)
	}
	// Every member kin's Schema knows, and others, with values of every
	// kind: which are keywords and which extensions (schemaShallow), and
	// what fails.
	keys := []string{"x-a", "__origin__", "foo", "$ref", "Type", "TYPE", "x-", `\u0074ype`, `\ud83d\ude00`, `a\"b`}
	st := reflect.TypeFor[openapi3.Schema]()
	for i := range st.NumField() {
		if name, _, _ := strings.Cut(st.Field(i).Tag.Get("json"), ","); name != "" && name != "-" {
			keys = append(keys, name)
		}
	}
	for k := range schemaKeywords {
		keys = append(keys, k)
	}
	for _, k := range keys {
		for _, v := range []string{`null`, `1`, `-2.5e3`, `"s"`, `true`, `{}`, `[]`, `["string","null"]`, `{"type":"string"}`, `[{"type":"integer"}]`} {
			compareFlat[openapi3.SchemaRef](t, `{"type":"object","`+k+`":`+v+`,"x-b":{"c":[1]}}`)
			compareFlat[openapi3.SchemaRef](t, `{"`+k+`":`+v+`,"description":"d","`+k+`":`+v+`}`)
		}
	}
	for _, s := range []string{
		`{"get":{"operationId":"g","parameters":[{"name":"a","in":"query","schema":{"type":"array","items":{"type":"string"}}},{"$ref":"#/components/parameters/P"},null],` +
			`"requestBody":{"content":{"application/json":{"schema":{"type":"object"},"examples":{"e":{"value":{"items":[]}}}}}},` +
			`"responses":{"200":{"description":"ok","headers":{"h":{"schema":{"type":"string"}}},"content":{"application/json":{"schema":{"$ref":"#/components/schemas/A"}},"text/plain":null}},"default":{"$ref":"#/components/responses/R"},"x-r":{"a":1},"404":null},` +
			`"callbacks":{"c":{"{$url}":{"post":{"responses":{"200":{"description":"cb"}}}}}},"x-op":true}, "parameters":[], "summary":"s", "x-pi":[null]}`,
		`{"post":{"responses":null}}`,
		`{"put":{"responses":{}},"Get":{"responses":{}}}`,
		`{"get":{"responses":{"200":{"description":"ok","content":{"a/b":{"schema":{"type":"string"},"encoding":{"e":{"contentType":"x"}}}}}}}}`,
		`{"$ref":"#/paths/~1a"}`,
	} {
		compareFlat[openapi3.PathItem](t, s)
	}
	compareFlat[openapi2.T](t, `{"swagger":"2.0","info":{"title":"t","version":"1"},"paths":{"/a":{"get":{"responses":{"200":{"description":"d","schema":{"$ref":"#/definitions/A"}}}}}},`+
		`"definitions":{"A":{"type":"array","items":{"type":"object","properties":{"b":{"$ref":"#/definitions/B"},"c":{"type":"array","items":{"type":"string"}}},"x-e":{"items":1}}},"B":{"allOf":[{"$ref":"#/definitions/A"},{"type":"object"}]},"N":null},"x-top":true}`)
	compareFlat[openapi3.ParameterRef](t, `{"name":"n","in":"header","content":{"text/plain":{"schema":{"type":"string"}}}}`)
	compareFlat[openapi3.RequestBodyRef](t, `{"required":true,"content":{"application/json":{"schema":{"type":"object","properties":{"a":{"type":"string"}}}}}}`)
	compareFlat[openapi3.ResponseRef](t, `{"description":"d","content":{"application/json":{"schema":{"items":{"type":"string"}}}}}`)
}

func compareFlat[T any](t *testing.T, doc string) {
	t.Helper()
	var got, want T
	gerr := flatDecode([]byte(doc), reflect.ValueOf(&got))
	werr := json.Unmarshal([]byte(doc), &want)
	if (gerr != nil) != (werr != nil) {
		t.Fatalf("%s: error %v, kin's %v", doc, gerr, werr)
	}
	if werr == nil && !reflect.DeepEqual(got, want) {
		g, _ := json.Marshal(got)
		w, _ := json.Marshal(want)
		t.Fatalf("%s: decoded differently from kin:\n got %s\nwant %s", doc, g, w)
	}
}
