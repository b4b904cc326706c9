package loader

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fuzzSeedMax is the size up to which documents of the shared corpus and
// of testdata seed FuzzLoad (larger ones make each run slow).
const fuzzSeedMax = 32 << 10

// FuzzLoad loads arbitrary documents: whatever the input, Load returns an
// API or an error (an *Error or an ErrorList), never panics (a panic it
// recovers is reported as an "internal error", in the error or in a
// warning, a bug too) and ends (the fuzzing engine fails an input that
// hangs). Seeds are the small documents
// of ../shared/specs and of testdata. In CI (.ci/run): go test ./loader
// -run '^$' -fuzz FuzzLoad -fuzztime 30000x -fuzzminimizetime 500x.
//
// With GENCLIENT_FUZZ_POSITIONS=1 it also fails on an error without a line
// and column. That hunts the type errors kin-openapi reports with no
// pointer that the raw passes do not yet catch; it stays out of CI, where
// a new find of that kind would fail an unrelated change.
func FuzzLoad(f *testing.F) {
	positions := os.Getenv("GENCLIENT_FUZZ_POSITIONS") == "1"
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
			var list ErrorList
			if e, ok := err.(*Error); ok {
				list = ErrorList{e}
			} else if !errors.As(err, &list) {
				t.Fatalf("error of type %T: %v", err, err)
			}
			for _, e := range list {
				if positions && (e.Pos.Line == 0 || e.Pos.Col == 0) {
					t.Fatalf("error without a line and column: %v", e)
				}
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
