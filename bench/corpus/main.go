// Command corpus measures genclient on the shared spec corpus: for every
// document of corpus.tsv it loads and generates the client, writes it into
// a temporary module and builds it, and prints one row per document:
// operations, types, seconds to load and generate, lines of Go, the build
// result, and the seconds and peak memory of a cold go build.
//
//	go run ./bench/corpus [-specs ../shared/specs] [-only github-rest-api]
//
// "Cold" means the generated package was never compiled before: every
// build uses one fresh GOCACHE that first compiled only the runtime
// package (and the standard library it needs), so the time is the cost of
// the generated code, not of net/http. Peak memory is the largest resident
// set of the go command and the compilers it ran (wait4 rusage maxrss).
// Operations the loader skipped are listed below the table with their
// cause.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/genclient/genclient/internal/testmod"

	"github.com/genclient/genclient/generator"
	"github.com/genclient/genclient/loader"
)

func main() {
	specs := flag.String("specs", defaultSpecs(), "directory holding corpus.tsv")
	only := flag.String("only", "", "comma-separated names of documents to measure (default: all)")
	flag.Parse()
	if err := run(*specs, *only); err != nil {
		fmt.Fprintln(os.Stderr, "corpus:", err)
		os.Exit(1)
	}
}

func defaultSpecs() string {
	if d := os.Getenv("GENCLIENT_SPECS"); d != "" {
		return d
	}
	return "../shared/specs"
}

// row is the measurement of one document.
type row struct {
	name              string
	ops, types, lines int
	load, gen         time.Duration
	build             string
	buildTime         time.Duration
	maxRSS            int64 // bytes
	skips             []string
}

func run(specs, only string) error {
	root, err := filepath.Abs(".")
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		return fmt.Errorf("run from the repository root: %w", err)
	}
	docs, err := readCorpus(specs)
	if err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "genclient-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	mod := filepath.Join(work, "mod")
	cache := filepath.Join(work, "gocache")
	if err := write(filepath.Join(mod, "go.mod"), testmod.GoMod("example.com/bench", root)); err != nil {
		return err
	}
	if err := write(filepath.Join(mod, "go.sum"), testmod.GoSum(root)); err != nil {
		return err
	}
	// Warm the fresh cache with the runtime package only.
	if _, _, out, err := gobuild(mod, cache, "github.com/genclient/genclient/runtime"); err != nil {
		return fmt.Errorf("building the runtime: %v\n%s", err, out)
	}
	var rows []row
	for _, d := range docs {
		if only != "" && !contains(strings.Split(only, ","), d[0]) {
			continue
		}
		r := measure(d[0], d[1], mod, cache)
		rows = append(rows, r)
		fmt.Fprintf(os.Stderr, "%s: %s\n", r.name, r.build)
	}
	print(rows)
	return nil
}

func measure(name, path, mod, cache string) row {
	r := row{name: name}
	start := time.Now()
	api, err := loader.Load(path, loader.Options{})
	r.load = time.Since(start)
	if err != nil {
		r.build = "load failed: " + firstLine(err.Error())
		return r
	}
	for _, w := range api.Warnings {
		if strings.HasPrefix(w.Message, "skipped ") {
			r.skips = append(r.skips, w.String())
		}
	}
	pkg := generator.PackageName(name)
	start = time.Now()
	files, err := generator.Generate(api, generator.Config{Package: pkg})
	r.gen = time.Since(start)
	if err != nil {
		r.build = "generate failed: " + firstLine(err.Error())
		return r
	}
	for _, s := range api.Services {
		r.ops += len(s.Operations)
	}
	r.types = len(api.Types)
	for _, f := range files {
		r.lines += strings.Count(string(f.Content), "\n")
		if err := write(filepath.Join(mod, pkg, filepath.FromSlash(f.Name)), f.Content); err != nil {
			r.build = err.Error()
			return r
		}
	}
	dur, rss, out, err := gobuild(mod, cache, "./"+pkg)
	r.buildTime, r.maxRSS = dur, rss
	r.build = "ok"
	if err != nil {
		r.build = "FAIL: " + firstLine(out)
	}
	return r
}

// gobuild runs go build in dir with the given cache and returns its wall
// time and peak resident set.
func gobuild(dir, cache, target string) (time.Duration, int64, string, error) {
	cmd := exec.Command("go", "build", target)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOCACHE="+cache, "GOFLAGS=-mod=mod")
	start := time.Now()
	out, err := cmd.CombinedOutput()
	dur := time.Since(start)
	var rss int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok && ru != nil {
		rss = ru.Maxrss * 1024 // kilobytes on Linux
	}
	return dur, rss, string(out), err
}

func print(rows []row) {
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "spec\tops\ttypes\tload s\tgenerate s\tlines\tbuild\tcold build s\tpeak MB\t")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.2f\t%.2f\t%d\t%s\t%.1f\t%d\t\n", r.name, r.ops, r.types,
			r.load.Seconds(), r.gen.Seconds(), r.lines, r.build, r.buildTime.Seconds(), r.maxRSS>>20)
	}
	tw.Flush()
	n := 0
	for _, r := range rows {
		for _, s := range r.skips {
			if n == 0 {
				fmt.Println("\nskipped (loader warnings \"skipped ...\"):")
			}
			n++
			fmt.Printf("  %s: %s\n", r.name, s)
		}
	}
	if n == 0 {
		fmt.Println("\nnothing skipped: no loader warning \"skipped ...\"")
	}
}

func readCorpus(dir string) ([][2]string, error) {
	f, err := os.Open(filepath.Join(dir, "corpus.tsv"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out [][2]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if name, doc, ok := strings.Cut(line, "\t"); ok {
			out = append(out, [2]string{name, filepath.Join(dir, doc)})
		}
	}
	return out, sc.Err()
}

func write(path string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}
