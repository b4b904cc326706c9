package generator

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/genclient/genclient/loader"
)

var (
	corpus    = flag.Bool("corpus", false, "generate and compile every document of the shared spec corpus")
	corpusDir = flag.String("corpus-dir", "", "directory of corpus.tsv (default: $GENCLIENT_SPECS, else ../shared/specs beside the repository)")
)

// specsDir is the corpus directory: -corpus-dir, $GENCLIENT_SPECS, else
// ../shared/specs beside the repository (tests run in ./generator).
func specsDir() string {
	if *corpusDir != "" {
		return *corpusDir
	}
	if d := os.Getenv("GENCLIENT_SPECS"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "shared", "specs")
}

// TestCorpus generates every document listed in corpus.tsv and compiles
// the results (with -corpus; it takes a while).
func TestCorpus(t *testing.T) {
	if !*corpus {
		t.Skip("run with -corpus")
	}
	for _, sp := range corpusSpecs(t) {
		name, doc := sp[0], sp[1]
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			api, err := loader.Load(doc, loader.Options{})
			if err != nil {
				t.Fatalf("loader: %v", firstLine(err.Error()))
			}
			loaded := time.Since(start)
			pkg := PackageName(name)
			files, err := Generate(api, Config{Package: pkg})
			if err != nil {
				t.Fatal(err)
			}
			checkFileNames(t, files)
			size := 0
			for _, f := range files {
				size += len(f.Content)
			}
			t.Logf("load %v, generate %v, %d files, %d bytes", loaded, time.Since(start)-loaded, len(files), size)
			compileCase(t, "corpus/"+pkg, files)
		})
	}
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

// BenchmarkGenerateGitHub loads and generates GitHub's REST API.
func BenchmarkGenerateGitHub(b *testing.B) {
	path := filepath.Join(specsDir(), "github-rest-api", "api.github.com.json")
	if _, err := os.Stat(path); err != nil {
		b.Fatalf("the OpenAPI corpus is missing: %v", err)
	}
	for b.Loop() {
		api, err := loader.Load(path, loader.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Generate(api, Config{Package: "github"}); err != nil {
			b.Fatal(err)
		}
	}
}
