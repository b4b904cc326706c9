package loader

import (
	"bytes"
	"encoding/json"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/genclient/genclient/internal/apisguru"
	"github.com/genclient/genclient/ir"
)

// directoryDir returns the cached APIs.guru directory's api folder (see
// internal/apisguru), skipping tb when it is absent: the directory runner
// (go run ./bench/directory -fetch) fetches it.
func directoryDir(tb testing.TB) string {
	dir, err := apisguru.Dir()
	if err != nil {
		tb.Skip(err)
	}
	return dir
}

// BenchmarkLoadDirectory loads big documents of the directory as published
// (minified, one line) and pretty-printed, to show that load time does not
// depend on the layout:
//
//	go test ./loader -run '^$' -bench LoadDirectory -benchtime 3x
func BenchmarkLoadDirectory(b *testing.B) {
	dir := directoryDir(b)
	for _, doc := range []struct{ name, file string }{
		{"github", "github.com/api.github.com.json"},
		{"graph", "microsoft.com/graph.json"},
	} {
		minified := filepath.Join(dir, filepath.FromSlash(doc.file))
		data, err := os.ReadFile(minified)
		if err != nil {
			b.Fatal(err)
		}
		var pretty bytes.Buffer
		if err := json.Indent(&pretty, data, "", "  "); err != nil {
			b.Fatal(err)
		}
		prettyFile := filepath.Join(b.TempDir(), filepath.Base(doc.file))
		if err := os.WriteFile(prettyFile, pretty.Bytes(), 0o644); err != nil {
			b.Fatal(err)
		}
		for _, form := range []struct{ name, file string }{{"minified", minified}, {"pretty", prettyFile}} {
			b.Run(doc.name+"/"+form.name, func(b *testing.B) {
				for b.Loop() {
					if _, err := Load(form.file, Options{}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

var directoryFlag = flag.Bool("directory", false, "run the tests that read the whole APIs.guru directory from the cache")

// TestDirectoryRepairs counts, for each repair rule, the documents of the
// APIs.guru directory it repairs, and lists the documents the raw passes
// refuse (before kin-openapi):
//
//	go test ./loader -run TestDirectoryRepairs -directory -v
func TestDirectoryRepairs(t *testing.T) {
	if !*directoryFlag {
		t.Skip("reads the whole directory: run with -directory")
	}
	dir := directoryDir(t)
	docs := directoryDocs(t, dir)
	byRule := map[string]int{}
	refused := 0
	for _, p := range docs {
		rs := newRawSet(func(ir.Pos, string) {})
		root, err := newRefRoot(filepath.Dir(p), "-ref-root")
		if err != nil {
			t.Fatal(err)
		}
		rs.refRoot = root
		if err := rs.prepare(p, false); err != nil {
			refused++
			first, _, _ := strings.Cut(err.Error(), "\n")
			t.Logf("refused: %s", strings.TrimPrefix(first, dir+string(filepath.Separator)))
		}
		for rule, n := range rs.repairs {
			if n > 0 {
				byRule[rule]++
			}
		}
	}
	t.Logf("%d documents, %d refused by the raw passes", len(docs), refused)
	for _, r := range repairRules {
		t.Logf("%-24s %4d documents", r.name, byRule[r.name])
	}
}

// directoryDocs lists the JSON and YAML documents under dir.
func directoryDocs(t *testing.T, dir string) []string {
	t.Helper()
	var docs []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".json") || strings.HasSuffix(p, ".yaml")) {
			docs = append(docs, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return docs
}
