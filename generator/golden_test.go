package generator

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/genclient/genclient/loader"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestGolden runs the cases in testdata/*.txtar. Each holds the input
// spec.yaml (and any files it refers to; config.json sets Config fields
// other than Package), then either the expected files
// under out/ or the expected error in "error". The generated files are
// also compiled and vetted (see TestMain).
func TestGolden(t *testing.T) {
	paths, err := filepath.Glob("testdata/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range paths {
		name := strings.TrimSuffix(filepath.Base(path), ".txtar")
		t.Run(name, func(t *testing.T) { runGolden(t, path, name) })
	}
}

func runGolden(t *testing.T, path, name string) {
	ar, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var inputs []txtar.File
	var cfg Config
	for _, f := range ar.Files {
		if f.Name == "error" || strings.HasPrefix(f.Name, "out/") {
			continue
		}
		inputs = append(inputs, f)
		if f.Name == "config.json" { // generator.Config fields other than Package
			if err := json.Unmarshal(f.Data, &cfg); err != nil {
				t.Fatalf("config.json: %v", err)
			}
		}
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	pkg := PackageName(name)
	cfg.Package = pkg
	var got []txtar.File
	api, err := loader.Load(filepath.Join(dir, "spec.yaml"), loader.Options{})
	var files []File
	if err == nil {
		files, err = Generate(api, cfg)
	}
	if err != nil {
		got = []txtar.File{{Name: "error", Data: []byte(err.Error() + "\n")}}
	} else {
		checkFileNames(t, files)
		for _, f := range files {
			got = append(got, txtar.File{Name: "out/" + f.Name, Data: f.Content})
		}
		compiled := append([]File(nil), files...)
		// The SDK module's example test, compiled, vetted and linked with
		// the package: one Example_{service} per service.
		mcfg := cfg
		mcfg.Module = "example.com/" + pkg + "-go"
		mfiles, err := Generate(api, mcfg)
		if err != nil {
			t.Fatalf("with -module: %v", err)
		}
		compiled = append(compiled, checkExamples(t, api, mfiles))
		// A behaviour test for the case, run against the generated package.
		if b, err := os.ReadFile(filepath.Join("testdata", "behaviour", pkg+"_test.go")); err == nil {
			compiled = append(compiled, File{Name: "behaviour_test.go", Content: b})
		}
		compileCase(t, "golden/"+pkg, compiled)
	}
	if *update {
		ar.Files = append(inputs, got...)
		if err := os.WriteFile(path, txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want := map[string][]byte{}
	for _, f := range ar.Files {
		if f.Name == "error" || strings.HasPrefix(f.Name, "out/") {
			want[f.Name] = f.Data
		}
	}
	for _, f := range got {
		w, ok := want[f.Name]
		switch {
		case !ok:
			t.Errorf("unexpected file %s (run go test ./generator -update)", f.Name)
		case !bytes.Equal(w, f.Data):
			t.Errorf("%s differs from the golden file (run go test ./generator -update):\n%s", f.Name, firstDiff(w, f.Data))
		}
		delete(want, f.Name)
	}
	for name := range want {
		t.Errorf("missing file %s", name)
	}
}

// firstDiff shows the first differing line of two texts.
func firstDiff(want, got []byte) string {
	wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n  want: %s\n  got:  %s", i+1, w, g)
		}
	}
	return "(same lines; different line ends)"
}
