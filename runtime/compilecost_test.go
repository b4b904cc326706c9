package runtime

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestTypesCompileNoFunctions builds a package that names every exported
// type and function of the runtime (generic ones aside) and calls none,
// and checks that its object file holds no function but the probe's own
// (the initialisation of its function values).
//
// The compiler reads every type an imported type reaches through its
// fields and the signatures of its methods, unexported ones included, and
// it compiles the methods of every instantiated generic type among them
// again in the importing package. A sync.Pool field (whose pin method
// reaches atomic.Pointer[poolChainElt]) or an atomic.Pointer[T] field in
// a type Session reaches made every generated package, and every package
// of its users that names Session, compile 26 such functions: a package
// holding only a *Session took 0.10 s and 29.4 MB to compile with them,
// 0.08 s and 23.2 MB without.
func TestTypesCompileNoFunctions(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("go not found")
		}
		t.Skip("go not found")
	}
	if testing.Short() {
		t.Skip("builds a package")
	}
	here, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.GenDecl:
				for _, s := range d.Specs {
					if ts, ok := s.(*ast.TypeSpec); ok && ts.Name.IsExported() && ts.TypeParams == nil {
						names = append(names, "*runtime."+ts.Name.Name)
					}
				}
			case *ast.FuncDecl:
				if d.Recv == nil && d.Name.IsExported() && d.Type.TypeParams == nil {
					names = append(names, "= runtime."+d.Name.Name)
				}
			}
		}
	}
	sort.Strings(names)
	if len(names) < 50 {
		t.Fatalf("found only %d exported names: %v", len(names), names)
	}
	var src strings.Builder
	src.WriteString("package probe\n\nimport \"github.com/genclient/genclient/runtime\"\n\nvar (\n")
	for _, n := range names {
		src.WriteString("\t_ " + n + "\n")
	}
	src.WriteString(")\n")

	dir := t.TempDir()
	sum, err := os.ReadFile("go.sum")
	if err != nil {
		t.Fatal(err)
	}
	mod := "module probe\n\ngo 1.24.0\n\nrequire github.com/genclient/genclient/runtime v0.0.0\n\n" +
		"replace github.com/genclient/genclient/runtime => " + here + "\n"
	for name, b := range map[string][]byte{"go.mod": []byte(mod), "go.sum": sum, "probe.go": []byte(src.String())} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run := func(args ...string) string {
		cmd := exec.Command(goTool, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	run("build", "-o", "probe.a", ".")
	var funcs []string
	for _, line := range strings.Split(run("tool", "nm", "probe.a"), "\n") {
		// "address T name", where a name may hold spaces (go.shape.struct { ... }).
		f := strings.Fields(line)
		if len(f) < 3 || f[1] != "T" || strings.HasPrefix(f[2], "probe.") {
			continue
		}
		// The compiler wraps error's Error in every package that mentions
		// error (cmd/compile's MakeWrappers, Go issue 29304).
		if name := strings.Join(f[2:], " "); name != "go.shape.interface { Error() string }.Error" {
			funcs = append(funcs, name)
		}
	}
	if len(funcs) > 0 {
		t.Errorf("a package that names the runtime's %d exported types and functions compiles %d functions of types they reach:\n%s",
			len(names), len(funcs), strings.Join(funcs, "\n"))
	}
}
