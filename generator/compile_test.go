package generator

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/genclient/genclient/internal/testmod"
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
