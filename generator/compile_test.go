package generator

import (
	"bytes"
	"flag"
	"fmt"
	"go/build"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/genclient/genclient/internal/testmod"
	"golang.org/x/tools/imports"
)

// Every generated case is compiled and vetted. Tests register their
// output with compileCase; TestMain builds all of them at the end of the
// run in one temporary module, one subpackage per case, so the go tool
// starts once and shares its cache.

var noCompile = flag.Bool("nocompile", false, "skip compiling the generated code")

// compiled collects the cases of this run. It is test-only state, guarded
// by its mutex.
var compiled struct {
	sync.Mutex
	cases map[string][]File // package dir → files
}

// compileCase registers files (a generated package plus any test files)
// to be built, vetted and tested in the subdirectory dir of the module.
func compileCase(t *testing.T, dir string, files []File) {
	t.Helper()
	compiled.Lock()
	defer compiled.Unlock()
	if compiled.cases == nil {
		compiled.cases = map[string][]File{}
	}
	if _, dup := compiled.cases[dir]; dup {
		t.Fatalf("compile case %q registered twice", dir)
	}
	compiled.cases[dir] = files
}

// platforms are the targets every generated file must build on.
var platforms = [][2]string{
	{"linux", "amd64"}, {"linux", "386"}, {"windows", "amd64"}, {"darwin", "arm64"},
	{"js", "wasm"}, {"wasip1", "wasm"}, {"freebsd", "riscv64"}, {"plan9", "arm"},
}

// maxFileName bounds a generated file's name: maxFileBase and the
// suffixes that make it unique ("_service_12.go").
const maxFileName = maxFileBase + 20

// checkFileNames fails t when a generated Go file is one the go tool
// would leave out of a build on some platform (a _test, _GOOS or _GOARCH
// suffix, as go/build reads it) or when a file name is long.
func checkFileNames(t *testing.T, files []File) {
	t.Helper()
	for _, f := range files {
		base := path.Base(f.Name)
		if len(base) > maxFileName {
			t.Errorf("file name %q is longer than %d bytes", f.Name, maxFileName)
		}
		if !strings.HasSuffix(base, ".go") {
			continue
		}
		if strings.HasSuffix(base, "_test.go") {
			t.Errorf("%s is a test file by its name", f.Name)
		}
		content := f.Content
		if len(content) == 0 {
			content = []byte("package p\n")
		}
		for _, p := range platforms {
			ctx := build.Default
			ctx.GOOS, ctx.GOARCH, ctx.BuildTags = p[0], p[1], nil
			ctx.OpenFile = func(string) (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(content)), nil }
			if ok, err := ctx.MatchFile(".", base); err != nil || !ok {
				t.Errorf("%s is not built on %s/%s: its name reads as a build constraint (%v)", f.Name, p[0], p[1], err)
			}
		}
	}
}

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if code == 0 && !*noCompile && len(compiled.cases) > 0 {
		if err := buildCases(compiled.cases); err != nil {
			fmt.Fprintln(os.Stderr, "FAIL: generated code:", err)
			code = 1
		}
	}
	os.Exit(code)
}

// buildCases writes the cases into a temporary module that replaces our
// module with the repository, and runs go build, go vet and go test.
func buildCases(cases map[string][]File) error {
	root, err := filepath.Abs("..")
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "genclient-compile-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if err := testmod.Write(dir, "example.com/gen", root); err != nil {
		return err
	}
	var dirs []string
	for d := range cases {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	for _, d := range dirs {
		for _, f := range cases[d] {
			p := filepath.Join(dir, d, filepath.FromSlash(f.Name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(p, f.Content, 0o644); err != nil {
				return err
			}
		}
	}
	for _, args := range [][]string{{"build", "./..."}, {"vet", "./..."}, {"test", "-count=1", "./..."}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod")
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, out.String())
		}
	}
	return nil
}

// formatImports runs src through imports.Process without resolving
// imports: the oracle formatHead is checked against.
func formatImports(name string, src []byte) ([]byte, error) {
	return imports.Process(name, src, &imports.Options{
		Comments: true, TabIndent: true, TabWidth: 8, FormatOnly: true,
	})
}
