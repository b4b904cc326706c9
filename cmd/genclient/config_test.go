package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeConfig writes a genclient.yaml into a new directory beside a copy
// of the petstore document and returns the file's path.
func writeConfig(t *testing.T, body string) string {
	t.Helper()
	dir := t.TempDir()
	spec, err := os.ReadFile(petstore)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "petstore.yaml"), spec, 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "genclient.yaml")
	if err := os.WriteFile(cfg, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return cfg
}

// sources returns the Go files of dir, concatenated.
func sources(t *testing.T, dir string) string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	var b strings.Builder
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(src)
	}
	return b.String()
}

func packageOf(t *testing.T, file string) string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(b), "\n") {
		if p, ok := strings.CutPrefix(l, "package "); ok {
			return p
		}
	}
	return ""
}

func TestConfigFile(t *testing.T) {
	cfg := writeConfig(t, `spec: petstore.yaml
out: ./client
package: pets
methods: {findPets: ListPets}
pagination:
  findPets: {style: offset, param: limit}
exclude: {operations: [deletePet]}
`)
	dir := filepath.Dir(cfg)
	if code, _, stderr := genclient(t, "-config", cfg); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	client := filepath.Join(dir, "client", "client.go")
	if got := packageOf(t, client); got != "pets" {
		t.Errorf("package = %q, want pets (from the file)", got)
	}
	src := sources(t, filepath.Dir(client))
	for _, want := range []string{"func (c *Client) ListPets(", "func (c *Client) ListPetsAll("} {
		if !strings.Contains(src, want) {
			t.Errorf("client.go lacks %q", want)
		}
	}
	if strings.Contains(src, "DeletePet(") {
		t.Error("client.go has the excluded DeletePet")
	}

	// A flag wins over the file; -overlay adds to the file's overlays.
	overlay := filepath.Join(dir, "rename.yaml")
	os.WriteFile(overlay, []byte("overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.paths.*[?@.operationId == 'addPet']\n    update: {x-genclient-name: CreatePet}\n"), 0o644)
	out2 := filepath.Join(dir, "other")
	if code, _, stderr := genclient(t, "-config", cfg, "-package", "other", "-out", out2, "-overlay", overlay); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if got := packageOf(t, filepath.Join(out2, "client.go")); got != "other" {
		t.Errorf("package = %q, want other (from the flag)", got)
	}
	if !strings.Contains(sources(t, out2), "func (c *Client) CreatePet(") {
		t.Error("the -overlay rename did not apply")
	}
}

func TestConfigErrors(t *testing.T) {
	for _, tc := range []struct{ name, body, want string }{
		{"unknown key", "spec: petstore.yaml\npackage: pets\noverlay: [x.yaml]\n", `genclient.yaml:3:1: unknown key "overlay"`},
		{"no such operation", "spec: petstore.yaml\nmethods: {nope: X}\n", `petstore.yaml: methods: "nope": no such operation`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := writeConfig(t, tc.body)
			code, _, stderr := genclient(t, "-config", cfg)
			if code == exitOK || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want %q", code, stderr, tc.want)
			}
		})
	}
	if code, _, stderr := genclient(t, "-config", filepath.Join(t.TempDir(), "none.yaml")); code != exitUsage || !strings.Contains(stderr, "none.yaml: no such file") {
		t.Errorf("missing config: exit %d, %q", code, stderr)
	}
}
