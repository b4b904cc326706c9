package loader

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/genclient/genclient/ir"
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
				t.Skip("Swagger 2.0: kin converts it")
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
