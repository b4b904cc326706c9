package templates

import (
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"golang.org/x/mod/modfile"
)

// TestRuntimeRequires checks RuntimeGoVersion and RuntimeRequires against
// the runtime module: its go directive, and the modules of the packages
// the runtime package imports (go list -deps) at the versions its go.mod
// requires.
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
	cmd := exec.Command("go", "list", "-deps", "-f", "{{with .Module}}{{.Path}}{{end}}", ".")
	cmd.Dir = "../runtime"
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	var want []Require
	for _, m := range strings.Fields(string(out)) {
		if m == "github.com/genclient/genclient/runtime" || slices.ContainsFunc(want, func(r Require) bool { return r.Path == m }) {
			continue
		}
		want = append(want, Require{m, required[m]})
	}
	slices.SortFunc(want, func(a, b Require) int { return strings.Compare(a.Path, b.Path) })
	if !slices.Equal(want, RuntimeRequires) {
		t.Errorf("the runtime package needs %v, RuntimeRequires is %v", want, RuntimeRequires)
	}
}
