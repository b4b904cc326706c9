package loader

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fuzzSeedMax is the size up to which documents of the shared corpus and
// of testdata seed FuzzLoad (larger ones make each run slow).
const fuzzSeedMax = 32 << 10

// FuzzLoad loads arbitrary documents: whatever the input, Load returns an
// API or an error, never panics (a panic it recovers is reported as an
// "internal error", in the error or in a warning, a bug too) and ends (the
// fuzzing engine fails an input that hangs). Seeds are the small documents
// of ../shared/specs and of testdata. In CI (.ci/run): go test ./loader
// -run '^$' -fuzz FuzzLoad -fuzztime 30000x -fuzzminimizetime 500x.
func FuzzLoad(f *testing.F) {
	var seeds []string
	for _, doc := range corpus(f) {
		seeds = append(seeds, doc[1])
	}
	testdata, _ := filepath.Glob("testdata/*/*.yaml")
	seeds = append(seeds, testdata...)
	for _, p := range seeds {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		if len(data) <= fuzzSeedMax {
			f.Add(data, strings.HasSuffix(p, ".json"))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, isJSON bool) {
		name := "doc.yaml"
		if isJSON {
			name = "doc.json"
		}
		p := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		api, err := Load(p, Options{})
		if err != nil {
			if strings.Contains(err.Error(), "internal error") {
				t.Fatalf("internal error: %v", err)
			}
			return
		}
		for _, w := range api.Warnings { // an element skipped on a recovered panic
			if strings.Contains(w.Message, "internal error") {
				t.Fatalf("warning: %v", w)
			}
		}
	})
}
