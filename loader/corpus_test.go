package loader

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// specsDir locates the shared corpus: $GENCLIENT_SPECS, else
// <repo root>/../shared/specs with the repo root found by walking up to
// go.mod.
func specsDir(t testing.TB) string {
	if d := os.Getenv("GENCLIENT_SPECS"); d != "" {
		return d
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	root := wd
	for {
		if _, err := os.Stat(filepath.Join(root, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(root)
		if parent == root {
			t.Fatalf("no go.mod above %s", wd)
		}
		root = parent
	}
	return filepath.Join(root, "..", "shared", "specs")
}

// corpus reads corpus.tsv: name → root document path.
func corpus(t testing.TB) [][2]string {
	dir := specsDir(t)
	f, err := os.Open(filepath.Join(dir, "corpus.tsv"))
	if err != nil {
		t.Fatalf("corpus not found: looked for %s (set GENCLIENT_SPECS to the specs folder): %v",
			filepath.Join(dir, "corpus.tsv"), err)
	}
	defer f.Close()
	var out [][2]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, file, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("corpus.tsv: bad line %q", line)
		}
		out = append(out, [2]string{name, filepath.Join(dir, file)})
	}
	if len(out) == 0 {
		t.Fatal("corpus.tsv lists no documents")
	}
	return out
}

// TestCorpus loads every document of the shared corpus.
func TestCorpus(t *testing.T) {
	for _, c := range corpus(t) {
		t.Run(c[0], func(t *testing.T) {
			start := time.Now()
			api, err := Load(c[1], Options{})
			if err != nil {
				t.Fatalf("load: %v", err)
			}
			ops := 0
			for _, s := range api.Services {
				ops += len(s.Operations)
			}
			t.Logf("%-22s ops=%4d webhooks=%2d types=%4d warnings=%3d load=%.2fs",
				c[0], ops, len(api.Webhooks), len(api.Types), len(api.Warnings), time.Since(start).Seconds())
			if ops == 0 && len(api.Webhooks) == 0 {
				t.Error("no operations")
			}
		})
	}
}

// BenchmarkLoadGitHub loads GitHub's 2.9 MB JSON description.
func BenchmarkLoadGitHub(b *testing.B) {
	path := filepath.Join(specsDir(b), "github-rest-api", "api.github.com.json")
	for b.Loop() {
		if _, err := Load(path, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadDigitalOcean loads DigitalOcean's description: about 2,900
// YAML files joined by relative $refs.
func BenchmarkLoadDigitalOcean(b *testing.B) {
	path := filepath.Join(specsDir(b), "digitalocean", "DigitalOcean-public.v2.yaml")
	for b.Loop() {
		if _, err := Load(path, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
