package conformance

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestExamples checks, on real documents (GitHub's, OpenAI's, ...), the
// example_test.go genclient -module writes: Example and exactly one
// Example_{service} for each service, none with an Output comment, and
// they type-check and vet with the package (go vet).
func TestExamples(t *testing.T) {
	if testing.Short() {
		t.Skip("conformance: skipped in -short mode")
	}
	all := prepareSuite(t)
	var pkgs []string
	for _, p := range all {
		if p.err != nil {
			t.Errorf("%s: %v", p.name, p.err)
			continue
		}
		want := []string{"Example"}
		for _, s := range p.services {
			name := "Example_client"
			if s != "" {
				name = "Example_" + strings.ToLower(s[:1]) + s[1:]
			}
			want = append(want, name)
		}
		slices.Sort(want)
		got := slices.Sorted(slices.Values(p.examples))
		if !slices.Equal(got, want) {
			t.Errorf("%s: example_test.go declares %v, want one per service: %v", p.name, got, want)
		}
		t.Logf("%s: %d services, %d examples", p.name, len(p.services), len(got)-1)
		pkgs = append(pkgs, "./"+p.pkg())
	}
	if len(pkgs) == 0 {
		return
	}
	// go vet type-checks the package with its test files, as go test
	// compiles them, and its tests analyzer checks each example's name
	// and signature; a go test would compile GitHub's package a second
	// time for the same answer (the golden cases do link and run theirs).
	cmd := exec.Command("go", append([]string{"vet", "-trimpath"}, pkgs...)...)
	cmd.Dir = suite.dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("go vet: %v\n%s", err, truncate(out.String(), 8000))
	}
}

// exampleFuncs returns the names of the Example functions of an
// example_test.go, and "Output:" for an Output comment (which would make
// go test call the API).
func exampleFuncs(src []byte) []string {
	f, err := parser.ParseFile(token.NewFileSet(), "example_test.go", src, parser.ParseComments)
	if err != nil {
		return []string{"unparsable: " + err.Error()}
	}
	var out []string
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && strings.HasPrefix(fd.Name.Name, "Example") {
			out = append(out, fd.Name.Name)
		}
	}
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			if strings.HasPrefix(strings.TrimSpace(strings.TrimPrefix(c.Text, "//")), "Output:") {
				out = append(out, "Output:")
			}
		}
	}
	return out
}
