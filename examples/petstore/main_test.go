package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/genclient/genclient/generator"
	"github.com/genclient/genclient/loader"
)

func TestRun(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), &out); err != nil {
		t.Fatalf("run: %v\noutput so far:\n%s", err, out.String())
	}
	want := []string{
		`^server: petstore listening at http://127\.0\.0\.1:\d+/api`,
		`^create: added pet 1 "Fido" \(tag dog\)$`,
		`^create: added pet 2 "Tom" \(tag none\)$`,
		`^list: 2 pets: Fido, Tom$`,
		`^list: tags=dog limit=10: 1 pet: Fido$`,
		`^get: pet 2 is "Tom"$`,
		`^delete: removed pet 2$`,
		`^not found: 404 GET: code=404 message="pet 2 not found"$`,
		`^server: every request and response matched the spec$`,
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != len(want) {
		t.Fatalf("got %d lines, want %d:\n%s", len(lines), len(want), out.String())
	}
	for i, re := range want {
		if !regexp.MustCompile(re).MatchString(lines[i]) {
			t.Errorf("line %d = %q, want match for %s", i+1, lines[i], re)
		}
	}
}

// TestGeneratedClientUpToDate regenerates the client from the document and
// fails on any drift from the committed files (run `go generate
// ./examples/petstore` to fix).
func TestGeneratedClientUpToDate(t *testing.T) {
	api, err := loader.Load("petstore-expanded.yaml", loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	files, err := generator.Generate(api, generator.Config{Package: "petstore"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, f := range files {
		want[f.Name] = true
		got, err := os.ReadFile(filepath.Join("petstore", filepath.FromSlash(f.Name)))
		if err != nil {
			t.Errorf("%s: %v (run go generate ./examples/petstore)", f.Name, err)
			continue
		}
		if !bytes.Equal(got, f.Content) {
			t.Errorf("petstore/%s differs from the generator's output (run go generate ./examples/petstore)", f.Name)
		}
	}
	entries, err := os.ReadDir("petstore")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !want[e.Name()] {
			t.Errorf("petstore/%s is not produced by the generator any more", e.Name())
		}
	}
}
