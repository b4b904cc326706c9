package generator

import (
	"bytes"
	"errors"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/genclient/genclient/loader"
	"golang.org/x/tools/txtar"
)

// FuzzGenerate loads and generates arbitrary documents. Whatever the
// input, the loader returns an API or an error, with no internal error (a
// panic it recovered) in either or in a warning; the generator, given what
// the loader accepted, returns files and no error, the same bytes twice,
// and every Go file parses. Seeds are the single-file documents of the
// golden cases (testdata/*.txtar). In CI (.ci/run): go test ./generator
// -run '^$' -fuzz FuzzGenerate -fuzztime 20000x -fuzzminimizetime 500x.
func FuzzGenerate(f *testing.F) {
	paths, err := filepath.Glob("testdata/*.txtar")
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range paths {
		ar, err := txtar.ParseFile(p)
		if err != nil {
			f.Fatal(err)
		}
		var spec []byte
		single := true
		for _, file := range ar.Files {
			switch {
			case file.Name == "spec.yaml":
				spec = file.Data
			case file.Name == "error" || file.Name == "config.json" || strings.HasPrefix(file.Name, "out/"):
			default:
				single = false // refers to other files, or needs loader options
			}
		}
		if spec != nil && single {
			f.Add(spec)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(t.TempDir(), "spec.yaml")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		api, err := loader.Load(p, loader.Options{})
		if err != nil {
			if strings.Contains(err.Error(), "internal error") {
				t.Fatalf("loader: %v", err)
			}
			return
		}
		for _, w := range api.Warnings {
			if strings.Contains(w.Message, "internal error") {
				t.Fatalf("loader warning: %v", w)
			}
		}
		gen := func() []File {
			files, err := Generate(api, Config{Package: "fuzz"})
			if ie := (*InternalError)(nil); errors.As(err, &ie) {
				t.Fatalf("%v\n%s", err, ie.Stack)
			}
			if err != nil {
				t.Fatalf("the loader accepted the document, the generator did not: %v", err)
			}
			return files
		}
		first, second := gen(), gen()
		if len(first) != len(second) {
			t.Fatalf("generated %d files, then %d", len(first), len(second))
		}
		fset := token.NewFileSet()
		for i, file := range first {
			if file.Name != second[i].Name || !bytes.Equal(file.Content, second[i].Content) {
				t.Fatalf("%s: not the same bytes twice", file.Name)
			}
			if !strings.HasSuffix(file.Name, ".go") {
				continue
			}
			if _, err := parser.ParseFile(fset, file.Name, file.Content, parser.SkipObjectResolution); err != nil {
				t.Fatalf("%s does not parse: %v", file.Name, err)
			}
		}
	})
}
