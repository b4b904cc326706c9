package runtime

import (
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestPackageDoc checks that the package documentation is a manual of the
// whole API: every exported function, type and variable is linked from
// it (in a user's section or in "For generated code"), and every link
// names something that exists.
func TestPackageDoc(t *testing.T) {
	p := packageDoc(t)
	linked := map[string]bool{}
	for _, m := range regexp.MustCompile(`\[\*?([A-Z]\w*)\]`).FindAllStringSubmatch(p.Doc, -1) {
		linked[m[1]] = true
	}
	exported := map[string]bool{}
	add := func(name string) { exported[name] = true }
	for _, f := range p.Funcs {
		add(f.Name)
	}
	for _, v := range p.Vars {
		for _, n := range v.Names {
			add(n)
		}
	}
	for _, typ := range p.Types {
		add(typ.Name)
		for _, f := range typ.Funcs {
			add(f.Name)
		}
		for _, v := range typ.Vars {
			for _, n := range v.Names {
				add(n)
			}
		}
	}
	for name := range exported {
		if !linked[name] {
			t.Errorf("%s is not in the package documentation (doc.go): link it in a user's section or in For generated code", name)
		}
	}
	consts := map[string]bool{}
	for _, c := range p.Consts {
		for _, n := range c.Names {
			consts[n] = true
		}
	}
	for _, typ := range p.Types {
		for _, c := range typ.Consts {
			for _, n := range c.Names {
				consts[n] = true
			}
		}
	}
	for name := range linked {
		if !exported[name] && !consts[name] {
			t.Errorf("the package documentation links [%s], which does not exist", name)
		}
	}
}

// TestGeneratedCodeMarked checks that what the package documentation
// lists under "For generated code" says so in its own documentation, which
// ends with "For generated code.", and that nothing else does: a reader of
// go doc or pkgsite sees at each identifier whether it is for them.
func TestGeneratedCodeMarked(t *testing.T) {
	p := packageDoc(t)
	_, section, ok := strings.Cut(p.Doc, "# For generated code")
	if !ok {
		t.Fatal(`the package documentation has no "For generated code" section`)
	}
	section, _, _ = strings.Cut(section, "Request bodies a user passes")
	generated := map[string]bool{}
	for _, m := range regexp.MustCompile(`\[\*?([A-Z]\w*)\]`).FindAllStringSubmatch(section, -1) {
		generated[m[1]] = true
	}
	if len(generated) < 30 {
		t.Fatalf("%d identifiers under For generated code", len(generated))
	}
	docs := map[string]string{}
	for _, f := range p.Funcs {
		docs[f.Name] = f.Doc
	}
	for _, v := range p.Vars {
		for _, n := range v.Names {
			docs[n] = v.Doc
		}
	}
	for _, typ := range p.Types {
		docs[typ.Name] = typ.Doc
		for _, f := range typ.Funcs {
			docs[f.Name] = f.Doc
		}
	}
	const mark = "For generated code."
	for name, d := range docs {
		marked := strings.HasSuffix(strings.TrimSpace(d), mark)
		switch {
		case generated[name] && !marked:
			t.Errorf("%s is listed under For generated code, but its documentation does not end with %q", name, mark)
		case !generated[name] && marked:
			t.Errorf("%s says %q but is not listed under For generated code", name, mark)
		}
	}
	for name := range generated {
		if _, ok := docs[name]; !ok {
			t.Errorf("[%s] under For generated code is no function, type or variable", name)
		}
	}
}

// packageDoc returns the documentation of the runtime package, from its
// non-test files.
func packageDoc(t *testing.T) *doc.Package {
	t.Helper()
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, ".", func(fi os.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	for _, f := range pkgs["runtime"].Files {
		files = append(files, f)
	}
	p, err := doc.NewFromFiles(fset, files, "github.com/genclient/genclient/runtime")
	if err != nil {
		t.Fatal(err)
	}
	return p
}
