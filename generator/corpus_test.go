package generator

import (
	"bufio"
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
	corpusDir = flag.String("corpus-dir", "/work/shared/specs", "directory of corpus.tsv")
)

// TestCorpus generates every document listed in corpus.tsv and compiles
// the results (with -corpus; it takes a while).
func TestCorpus(t *testing.T) {
	if !*corpus {
		t.Skip("run with -corpus")
	}
	f, err := os.Open(filepath.Join(*corpusDir, "corpus.tsv"))
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, doc, ok := strings.Cut(line, "\t")
		if !ok {
			continue
		}
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			api, err := loader.Load(filepath.Join(*corpusDir, doc), loader.Options{})
			if err != nil {
				t.Skipf("loader: %v", firstLine(err.Error()))
			}
			loaded := time.Since(start)
			pkg := PackageName(name)
			files, err := Generate(api, Config{Package: pkg})
			if err != nil {
				t.Fatal(err)
			}
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
	path := filepath.Join(*corpusDir, "github-rest-api", "api.github.com.json")
	if _, err := os.Stat(path); err != nil {
		b.Skip(err)
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
