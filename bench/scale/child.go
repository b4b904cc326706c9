package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/genclient/genclient/generator"
	"github.com/genclient/genclient/ir"
	"github.com/genclient/genclient/loader"
)

// genStats is what the generating child reports to its parent.
type genStats struct {
	Ops      int           `json:"ops"`
	Types    int           `json:"types"` // named types of the IR
	Load     time.Duration `json:"load"`
	Generate time.Duration `json:"generate"`
	Skipped  []string      `json:"skipped,omitempty"`
}

// child loads spec, generates package pkg into dir/pkg and a consumer of
// it into dir/consumer, and prints its genStats as JSON. It runs in a
// process of its own so that the parent can read its peak memory.
func child(spec, dir, pkg string, calls int) error {
	var st genStats
	start := time.Now()
	api, err := loader.Load(spec, loader.Options{})
	st.Load = time.Since(start)
	if err != nil {
		return fmt.Errorf("load: %v", firstLine(err.Error()))
	}
	for _, w := range api.Warnings {
		if strings.HasPrefix(w.Message, "skipped ") {
			st.Skipped = append(st.Skipped, w.String())
		}
	}
	start = time.Now()
	files, err := generator.Generate(api, generator.Config{Package: pkg})
	st.Generate = time.Since(start)
	if err != nil {
		return fmt.Errorf("generate: %v", firstLine(err.Error()))
	}
	for _, s := range api.Services {
		st.Ops += len(s.Operations)
	}
	st.Types = len(api.Types)
	for _, f := range files {
		if err := write(filepath.Join(dir, pkg, filepath.FromSlash(f.Name)), f.Content); err != nil {
			return err
		}
	}
	if calls > 0 {
		if err := write(filepath.Join(dir, "consumer", "main.go"), consumer(api, pkg, calls)); err != nil {
			return err
		}
	}
	return json.NewEncoder(os.Stdout).Encode(st)
}

// consumer returns the main.go of a small program that creates a client
// and refers to the methods of up to n operations: the first operation of
// each of the first n services (then the next ones of the first service
// when there are fewer services), so that the linker keeps them and what
// they reach, as a program calling them would.
func consumer(api *ir.API, pkg string, n int) []byte {
	var refs []string
	for round := 0; len(refs) < n; round++ {
		added := false
		for _, s := range api.Services {
			if round >= len(s.Operations) || len(refs) == n {
				continue
			}
			recv := "c."
			if s.Name != "" {
				recv += s.Name + "."
			}
			refs = append(refs, recv+s.Operations[round].Name)
			added = true
		}
		if !added {
			break
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "package main\n\nimport (\n\t\"fmt\"\n\t\"os\"\n\n\tapi %q\n)\n\n", "example.com/bench/"+pkg)
	b.WriteString("const edit = 0\n\nfunc main() {\n\tc, err := api.NewClient(\"http://127.0.0.1:1\")\n")
	b.WriteString("\tif err != nil {\n\t\tfmt.Fprintln(os.Stderr, err)\n\t\tos.Exit(1)\n\t}\n\tops := []any{\n")
	for _, r := range refs {
		fmt.Fprintf(&b, "\t\t%s,\n", r)
	}
	b.WriteString("\t}\n\tfor _, op := range ops {\n\t\tfmt.Printf(\"%d %T\\n\", edit, op)\n\t}\n}\n")
	return []byte(b.String())
}
