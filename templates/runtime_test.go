package templates

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/sumdb/dirhash"
)

// TestRuntimeRequires checks RuntimeGoVersion and RuntimeRequires against
// the runtime module: its go directive, and the modules of the packages
// the runtime package imports (go list -deps) at the versions its go.mod
// requires, with the hashes runtime/go.sum has for them; and
// RuntimeGoModSum against runtime/go.mod.
func TestRuntimeRequires(t *testing.T) {
	b, err := os.ReadFile("../runtime/go.mod")
	if err != nil {
		t.Fatal(err)
	}
	f, err := modfile.ParseLax("go.mod", b, nil)
	if err != nil {
		t.Fatal(err)
	}
	if f.Go.Version != RuntimeGoVersion {
		t.Errorf("runtime/go.mod says go %s, RuntimeGoVersion %s", f.Go.Version, RuntimeGoVersion)
	}
	required := map[string]string{}
	for _, r := range f.Require {
		required[r.Mod.Path] = r.Mod.Version
	}
	sums := map[string]string{}
	gosum, err := os.ReadFile("../runtime/go.sum")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(gosum)), "\n") {
		if f := strings.Fields(line); len(f) == 3 {
			sums[f[0]+" "+f[1]] = f[2]
		}
	}
	// modules lists the modules of the runtime package's dependencies
	// (with its tests' when test), but the runtime's own and those in
	// skip.
	modules := func(test bool, skip []Require) []Require {
		args := []string{"list", "-deps", "-f", "{{with .Module}}{{.Path}}{{end}}"}
		if test {
			args = append(args, "-test")
		}
		cmd := exec.Command("go", append(args, ".")...)
		cmd.Dir = "../runtime"
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
		// Only standard output is the list: on a machine whose module
		// cache lacks a module, standard error says "go: downloading".
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list: %v\n%s", err, stderr.Bytes())
		}
		var want []Require
		for _, m := range strings.Fields(string(out)) {
			seen := func(r Require) bool { return r.Path == m }
			if m == "github.com/genclient/genclient/runtime" || slices.ContainsFunc(want, seen) || slices.ContainsFunc(skip, seen) {
				continue
			}
			v := required[m]
			want = append(want, Require{m, v, sums[m+" "+v], sums[m+" "+v+"/go.mod"]})
		}
		slices.SortFunc(want, func(a, b Require) int { return strings.Compare(a.Path, b.Path) })
		return want
	}
	if want := modules(false, nil); !slices.Equal(want, RuntimeRequires) {
		t.Errorf("the runtime package needs %v, RuntimeRequires is %v", want, RuntimeRequires)
	}
	if want := modules(true, RuntimeRequires); !slices.Equal(want, RuntimeTestRequires) {
		t.Errorf("the runtime package's tests need %v besides, RuntimeTestRequires is %v", want, RuntimeTestRequires)
	}
	// The go.mod hash go.sum records: dirhash.Hash1 of the one file go.mod.
	h, err := dirhash.Hash1([]string{"go.mod"}, func(string) (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil })
	if err != nil {
		t.Fatal(err)
	}
	if h != RuntimeGoModSum {
		t.Errorf("runtime/go.mod hashes to %s, RuntimeGoModSum is %s", h, RuntimeGoModSum)
	}
}
