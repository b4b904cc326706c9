package templates

import (
	"os"
	"slices"
	"testing"

	"golang.org/x/mod/modfile"
)

// TestRuntimeRequires checks RuntimeGoVersion and RuntimeRequires against
// the runtime module's go.mod: change one, change the other.
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
	var got []Require
	for _, r := range f.Require {
		got = append(got, Require{r.Mod.Path, r.Mod.Version})
	}
	slices.SortFunc(got, func(a, b Require) int {
		if a.Path < b.Path {
			return -1
		}
		if a.Path > b.Path {
			return 1
		}
		return 0
	})
	if !slices.Equal(got, RuntimeRequires) {
		t.Errorf("runtime/go.mod requires %v, RuntimeRequires is %v", got, RuntimeRequires)
	}
}
