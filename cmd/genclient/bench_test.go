package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/genclient/genclient/internal/apisguru"
)

// BenchmarkRun runs the whole command (load, generate, write; the
// command's memory policy included) on GitHub's REST API from the shared
// corpus and on Microsoft Graph v1.0 as published (minified, 11,422
// operations) from the cached APIs.guru directory:
//
//	go test ./cmd/genclient -run '^$' -bench Run -benchtime 3x
//
// Peak memory is a process's, not a benchmark's: /usr/bin/time -v
// genclient -q -out DIR SPEC measures it.
func BenchmarkRun(b *testing.B) {
	specs := os.Getenv("GENCLIENT_SPECS")
	if specs == "" {
		specs = filepath.Join("..", "..", "..", "shared", "specs")
	}
	docs := []struct{ name, path string }{{"github", filepath.Join(specs, "github-rest-api", "api.github.com.json")}}
	if dir, err := apisguru.Dir(); err == nil {
		docs = append(docs, struct{ name, path string }{"graph", filepath.Join(dir, "microsoft.com", "graph.json")})
	}
	for _, doc := range docs {
		b.Run(doc.name, func(b *testing.B) {
			if _, err := os.Stat(doc.path); err != nil {
				b.Skip(err)
			}
			out := filepath.Join(b.TempDir(), "out")
			for b.Loop() {
				if code := run(context.Background(), []string{"-q", "-out", out, doc.path}, io.Discard, io.Discard); code != exitOK {
					b.Fatalf("exit code %d", code)
				}
			}
		})
	}
}
