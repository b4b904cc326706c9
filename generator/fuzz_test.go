package generator

import (
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/genclient/genclient/loader"
	"golang.org/x/tools/txtar"
)

// FuzzGenerate loads and generates arbitrary documents. Whatever the
// input, the loader returns an API or an error, with no internal error (a
// panic it recovered) in either or in a warning; the generator, given what
// the loader accepted, returns files and no error, the same bytes twice,
// and a package that type-checks (go/types, with the runtime and the
// standard library imported from the export data the go command builds):
// Generate's promise that it never returns code that does not compile.
// Seeds are the single-file documents of the golden cases
// (testdata/*.txtar). In CI (.ci/run): go test ./generator
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
		checkGenerate(t, p)
	})
}

// checkGenerate loads the document at p and, when the loader accepts it,
// generates it twice: no internal error in either, the same bytes twice,
// and a package that parses and type-checks. It reports whether the
// loader accepted the document.
func checkGenerate(t *testing.T, p string) bool {
	t.Helper()
	api, err := loader.Load(p, loader.Options{})
	if err != nil {
		if strings.Contains(err.Error(), "internal error") {
			t.Fatalf("loader: %v", err)
		}
		return false
	}
	for _, w := range api.Warnings {
		if strings.Contains(w.Message, "internal error") {
			t.Fatalf("loader warning: %v", w)
		}
	}
	gen := func() []File {
		// As an SDK module, so that example_test.go is type-checked
		// with the package: it calls an operation with every argument.
		files, err := Generate(api, Config{Package: "fuzz", Module: "example.com/fuzz"})
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
	var syntax []*ast.File
	for i, file := range first {
		if file.Name != second[i].Name || !bytes.Equal(file.Content, second[i].Content) {
			t.Fatalf("%s: not the same bytes twice", file.Name)
		}
		if !strings.HasSuffix(file.Name, ".go") {
			continue
		}
		f, err := parser.ParseFile(fset, file.Name, file.Content, parser.SkipObjectResolution)
		if err != nil {
			t.Fatalf("%s does not parse: %v", file.Name, err)
		}
		syntax = append(syntax, f)
	}
	if err := typeCheck(fset, syntax); err != nil {
		t.Fatalf("the generated package does not type-check: %v", err)
	}
	return true
}

// typeCheck type-checks one generated package, importing from the export
// data of compiled packages. The importer is shared by the runs of a
// process (go/types' gc importer keeps what it has read), so after the
// first run only the generated package is checked.
func typeCheck(fset *token.FileSet, files []*ast.File) error {
	exportOnce.Do(func() {
		exportImporter = importer.ForCompiler(token.NewFileSet(), "gc", exportData)
	})
	var errs []string
	conf := types.Config{
		Importer: exportImporter,
		Error: func(err error) {
			if len(errs) < 10 {
				errs = append(errs, err.Error())
			}
		},
	}
	conf.Check("fuzz", fset, files, nil)
	if errs != nil {
		return errors.New(strings.Join(errs, "\n"))
	}
	return nil
}

var (
	exportOnce     sync.Once
	exportImporter types.Importer
	exportMu       sync.Mutex
	exportFiles    map[string]string // import path → export data file
)

// exportData opens the export data of the package at path, built by
// go list -export: on the first call for the runtime's packages and what
// they import, which covers what generated code imports, then one go list
// per path not yet seen.
func exportData(path string) (io.ReadCloser, error) {
	exportMu.Lock()
	defer exportMu.Unlock()
	if exportFiles == nil {
		exportFiles = map[string]string{}
		if err := goListExport(DefaultRuntimeImport + "/..."); err != nil {
			return nil, err
		}
	}
	if _, ok := exportFiles[path]; !ok {
		if err := goListExport(path); err != nil {
			return nil, err
		}
	}
	file := exportFiles[path]
	if file == "" {
		return nil, fmt.Errorf("no export data for %s", path)
	}
	return os.Open(file)
}

func goListExport(pattern string) error {
	out, err := exec.Command("go", "list", "-export", "-deps", "-f", "{{.ImportPath}}\t{{.Export}}", pattern).Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return fmt.Errorf("go list -export %s: %v\n%s", pattern, err, ee.Stderr)
		}
		return fmt.Errorf("go list -export %s: %v", pattern, err)
	}
	for line := range strings.SplitSeq(strings.TrimSpace(string(out)), "\n") {
		if path, file, ok := strings.Cut(line, "\t"); ok {
			exportFiles[path] = file
		}
	}
	return nil
}

// TestTypeCheck holds FuzzGenerate's checker to what it is for: a package
// that uses the runtime and the standard library passes, one with a type
// error does not.
func TestTypeCheck(t *testing.T) {
	check := func(src string) error {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, "a.go", src, 0)
		if err != nil {
			t.Fatal(err)
		}
		return typeCheck(fset, []*ast.File{f})
	}
	good := `package fuzz
import (
	"net/http"
	"github.com/genclient/genclient/runtime"
)
type T struct{ A runtime.Opt[string] }
var _ = http.MethodGet
`
	if err := check(good); err != nil {
		t.Errorf("a package that compiles: %v", err)
	}
	bad := `package fuzz
import "github.com/genclient/genclient/runtime"
type T struct{ A runtime.Opt[string] }
func (t T) S() int { return t.A.Value() }
`
	if err := check(bad); err == nil || !strings.Contains(err.Error(), "cannot use") {
		t.Errorf("a package with a type error: got %v", err)
	}
}
