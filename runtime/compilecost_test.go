package runtime

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
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
	goTool := probeTool(t)
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
	var funcs []string
	for _, name := range probeFunctions(t, goTool, src.String()) {
		// The compiler wraps error's Error in every package that mentions
		// error (cmd/compile's MakeWrappers, Go issue 29304).
		if name != "go.shape.interface { Error() string }.Error" {
			funcs = append(funcs, name)
		}
	}
	if len(funcs) > 0 {
		t.Errorf("a package that names the runtime's %d exported types and functions compiles %d functions of types they reach:\n%s",
			len(names), len(funcs), strings.Join(funcs, "\n"))
	}
}

// TestOptMethodSet checks that Opt and Nullable have the methods their
// documentation gives and no other, and that these are all a package
// naming an instantiation of them compiles of theirs.
//
// Each method of a generic type is compiled again in every package that
// names an instantiation of it: each generated package, and each package
// of its users that names a generated type, compiles four functions per
// method with a value receiver and two per method with a pointer receiver,
// for every value type it reaches an Opt or a Nullable of (a package
// naming five Opts compiled 190 such functions). A package that reaches
// the instantiation only through an imported declaration (a generated
// struct's field) compiles three per value-receiver method: the compiler
// skips the instantiation's pointer wrappers there, but it reuses nothing
// else an imported package compiled. So the runtime tells an
// Opt by its type (optKind), not by an unexported method, and a new method
// is a cost to weigh for every user.
func TestOptMethodSet(t *testing.T) {
	want := map[string][]string{
		"Opt":      {"Get", "IsSet", "IsZero", "MarshalJSON", "Or", "Ptr", "String", "UnmarshalJSON", "Value"},
		"Nullable": {"Get", "IsNull", "IsSet", "IsZero", "MarshalJSON", "Or", "String", "UnmarshalJSON", "Value"},
	}
	for typ, methods := range map[string]reflect.Type{
		"Opt":      reflect.TypeFor[*Opt[int32]](),
		"Nullable": reflect.TypeFor[*Nullable[int32]](),
	} {
		var got []string
		for i := range methods.NumMethod() {
			got = append(got, methods.Method(i).Name)
		}
		if !slices.Equal(got, want[typ]) {
			t.Errorf("%s's exported methods are %v, want %v", typ, got, want[typ])
		}
	}

	goTool := probeTool(t)
	src := "package probe\n\nimport \"github.com/genclient/genclient/runtime\"\n\n" +
		"var (\n\t_ runtime.Opt[int32]\n\t_ runtime.Nullable[int32]\n)\n"
	funcs := probeFunctions(t, goTool, src)
	count := map[string]int{}
	for _, name := range funcs {
		if strings.HasPrefix(name, "type:.eq.") {
			continue // the equality function of each type and its shape
		}
		typ, method, ok := probeMethod(name)
		if !ok || !slices.Contains(want[typ], method) {
			t.Errorf("a package naming Opt[int32] and Nullable[int32] compiles %s, not a documented method of Opt or Nullable", name)
			continue
		}
		count[typ]++
	}
	// Per documented method: the method and its pointer wrapper, for the
	// instantiation and for its shape; UnmarshalJSON, with a pointer
	// receiver, has no wrapper.
	for typ, methods := range want {
		if n := 4*(len(methods)-1) + 2; count[typ] != n {
			t.Errorf("a package naming %s[int32] compiles %d of its methods, want %d:\n%s", typ, count[typ], n, strings.Join(funcs, "\n"))
		}
	}
}

// probeMethod splits the symbol of a method of Opt or Nullable, such as
// "github.com/genclient/genclient/runtime.(*Opt[go.shape.int32]).Get",
// into the type's name and the method's.
func probeMethod(sym string) (typ, method string, ok bool) {
	rest, ok := strings.CutPrefix(sym, runtimePath+".")
	if !ok {
		return "", "", false
	}
	rest = strings.TrimPrefix(strings.TrimPrefix(rest, "("), "*")
	typ, rest, ok = strings.Cut(rest, "[")
	if !ok {
		return "", "", false
	}
	i := strings.LastIndex(rest, "]")
	if i < 0 {
		return "", "", false
	}
	method, ok = strings.CutPrefix(strings.TrimPrefix(rest[i+1:], ")"), ".")
	return typ, method, ok
}

// probeTool returns the go command, skipping the test without it (failing
// it under CI) and in -short mode, which leaves out what builds.
func probeTool(t *testing.T) string {
	t.Helper()
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
	return goTool
}

// probeFunctions builds src, the one file of package probe in a module
// that requires this runtime, and returns the functions its object file
// holds other than the probe's own.
func probeFunctions(t *testing.T, goTool, src string) []string {
	t.Helper()
	here, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	sum, err := os.ReadFile("go.sum")
	if err != nil {
		t.Fatal(err)
	}
	mod := "module probe\n\ngo 1.24.0\n\nrequire github.com/genclient/genclient/runtime v0.0.0\n\n" +
		"replace github.com/genclient/genclient/runtime => " + here + "\n"
	for name, b := range map[string][]byte{"go.mod": []byte(mod), "go.sum": sum, "probe.go": []byte(src)} {
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
		funcs = append(funcs, strings.Join(f[2:], " "))
	}
	return funcs
}

// TestPagingCompiledPerItemType builds a probe package that paginates as
// generated code does (AllPaged, for a Link-paged and a cursor-paged
// operation of one item type and a Link-paged one of another) and checks
// what it compiles of the runtime: AllPaged's shaped body, its loop and
// its instantiation, per item type, and nothing else (no other entry
// point, no callback of the page walker). Every function a generic
// function compiles is compiled again in each package that instantiates
// it, per item type: with All, AllAt and AllPaged each wrapping the loop,
// GitHub's package compiled 75 functions more.
func TestPagingCompiledPerItemType(t *testing.T) {
	goTool := probeTool(t)
	src := `package probe

import (
	"context"
	"iter"

	"github.com/genclient/genclient/runtime"
)

type Item struct{ ID string }

type Other struct{ N int }

func Links(ctx context.Context, s *runtime.Session) iter.Seq2[Item, error] {
	return runtime.AllPaged[Item](ctx, s, runtime.NewCall("GET", "/items"), runtime.Paging{Kind: "link"})
}

func Cursor(ctx context.Context, s *runtime.Session) iter.Seq2[Item, error] {
	return runtime.AllPaged[Item](ctx, s, runtime.NewCall("GET", "/items"), runtime.Paging{Kind: "cursor", Param: "after", Cursor: "next", Items: "data"})
}

func Others(ctx context.Context, s *runtime.Session) iter.Seq2[Other, error] {
	return runtime.AllPaged[Other](ctx, s, runtime.NewCall("GET", "/others"), runtime.Paging{Kind: "link", Items: "others"})
}
`
	want := []string{
		runtimePath + ".AllPaged[go.shape.struct { ID string }]",
		runtimePath + ".AllPaged[go.shape.struct { ID string }].func1",
		runtimePath + ".AllPaged[go.shape.struct { N int }]",
		runtimePath + ".AllPaged[go.shape.struct { N int }].func1",
		runtimePath + ".AllPaged[probe.Item]",
		runtimePath + ".AllPaged[probe.Other]",
	}
	var got []string
	for _, name := range probeFunctions(t, goTool, src) {
		if strings.HasPrefix(name, "go.shape.interface {") {
			continue // the method wrappers of an interface's shape, once per package
		}
		got = append(got, name)
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("a package paginating two item types compiles, of the runtime:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
