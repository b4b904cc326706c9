package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/genclient/genclient/internal/testmod"
)

// measurer holds what every measurement shares.
type measurer struct {
	root  string // the repository
	self  string // this program, run again as the generating child
	work  string // scratch directory
	calls int
	cache string // GOCACHE shared by every document (-warm), or ""
}

// run is the cost of one command: wall time, user+system CPU of it and
// its descendants, and the peak resident set of the largest of them.
type cost struct {
	wall, cpu time.Duration
	rss       int64 // bytes
}

func (c cost) add(d cost) cost {
	return cost{wall: c.wall + d.wall, cpu: c.cpu + d.cpu, rss: max(c.rss, d.rss)}
}

// row is the measurement of one document.
type row struct {
	name                    string
	status                  string
	gen                     genStats
	genCost                 cost
	funcs, typeDecls, lines int
	files                   int
	cold, pkg, rebuild      cost
	export, archive, binary int64
}

func (m *measurer) measure(d doc) row {
	r := row{name: d.name, status: "ok"}
	pkg := pkgName(d.name)
	dir := filepath.Join(m.work, pkg)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		r.status = err.Error()
		return r
	}
	out, c, err := m.run(dir, nil, m.self, "-child-spec", d.path, "-child-dir", dir, "-child-pkg", pkg,
		"-calls", fmt.Sprint(m.calls))
	r.genCost = c
	if err != nil {
		r.status = "generate: " + firstLine(out)
		return r
	}
	if err := json.Unmarshal([]byte(out), &r.gen); err != nil {
		r.status = "generate: " + err.Error()
		return r
	}
	if err := r.count(filepath.Join(dir, pkg)); err != nil {
		r.status = err.Error()
		return r
	}
	if err := testmod.Write(dir, "example.com/bench", m.root); err != nil {
		r.status = err.Error()
		return r
	}
	cache := m.cache
	if cache == "" {
		cache = filepath.Join(dir, "gocache")
		defer os.RemoveAll(cache) // with the standard library it is large
	}
	env := []string{"GOCACHE=" + cache, "GOFLAGS=-mod=mod"}
	bin := filepath.Join(dir, "consumer.bin")
	if out, r.cold, err = m.build(dir, env, "-o", bin, "./consumer"); err != nil {
		r.status = "build: " + firstLine(out)
		return r
	}
	if fi, err := os.Stat(bin); err == nil {
		r.binary = fi.Size()
	}
	src, err := os.ReadFile(filepath.Join(dir, "consumer", "main.go"))
	if err != nil {
		r.status = err.Error()
		return r
	}
	if out, r.rebuild, err = m.rebuild(dir, env, string(src), bin); err != nil {
		r.status = "rebuild: " + firstLine(out)
		return r
	}
	if r.export, r.archive, err = m.exportSize(dir, env, "./"+pkg); err != nil {
		r.status = "export: " + err.Error()
		return r
	}
	// The package alone: its compiler run within the cold build, when
	// its dependencies were built and nothing else of this build ran.
	run, ok := lastRun(toolLog(dir), "compile", "example.com/bench/"+pkg)
	if !ok {
		r.status = "no compiler run of the package logged"
		return r
	}
	r.pkg = cost{wall: run.Wall, cpu: run.CPU, rss: run.RSS}
	return r
}

// alone compiles the package at path again, and only it, three times,
// and returns the least CPU, wall time and memory of those compiler runs
// (each the quantity with the least noise from a shared machine): a
// -gcflags for that package alone changes its cache key, not its
// dependencies'. -bench makes the compiler append its phase timings to a
// file beside the package's directory, which changes nothing it compiles;
// a different file for each run makes each a new cache key.
func (m *measurer) alone(dir string, env []string, path string) (cost, error) {
	var best cost
	for i := 1; i <= 3; i++ {
		flag := fmt.Sprintf("-gcflags=%s=-bench=%s", path, filepath.Join(dir, fmt.Sprintf("compile-bench-%d.txt", i)))
		out, _, err := m.build(dir, env, flag, path)
		if err != nil {
			return cost{}, fmt.Errorf("%s", firstLine(out))
		}
		r, ok := lastRun(toolLog(dir), "compile", path)
		if !ok {
			return cost{}, fmt.Errorf("no compiler run of %s logged", path)
		}
		c := cost{wall: r.Wall, cpu: r.CPU, rss: r.RSS}
		if i == 1 {
			best = c
			continue
		}
		best.wall, best.cpu, best.rss = min(best.wall, c.wall), min(best.cpu, c.cpu), min(best.rss, c.rss)
	}
	return best, nil
}

// build runs go build with args in dir, every compiler and linker run
// logged by the -toolexec wrapper (the same wrapper for every build with
// one GOCACHE, as -toolexec is part of the cache key).
func (m *measurer) build(dir string, env []string, args ...string) (string, cost, error) {
	args = append([]string{"build", "-toolexec", m.self + " -toolexec-log " + toolLog(dir)}, args...)
	return m.run(dir, env, "go", args...)
}

// rebuild edits the consumer's main.go (src, with "const edit = 0") and
// builds it again, three times with a different edit each: the cheapest
// of the three, as one build on a shared machine is noisy. It builds as
// a user does, without the -toolexec wrapper.
func (m *measurer) rebuild(dir string, env []string, src, bin string) (string, cost, error) {
	var best cost
	for i := 1; i <= 3; i++ {
		edited := strings.Replace(src, "const edit = 0", fmt.Sprintf("const edit = %d", i), 1)
		if edited == src {
			return "", cost{}, errors.New("consumer/main.go has no \"const edit = 0\"")
		}
		if err := os.WriteFile(filepath.Join(dir, "consumer", "main.go"), []byte(edited), 0o644); err != nil {
			return "", cost{}, err
		}
		// A plain go build, as its user runs it: the -toolexec wrapper
		// of the other builds would add its own processes (and the
		// tools' -V=full queries) to the CPU time. The tool IDs of a
		// release toolchain do not depend on -toolexec, so the cold
		// build's cache serves it.
		out, c, err := m.run(dir, env, "go", "build", "-o", bin, "./consumer")
		if err != nil {
			return out, cost{}, err
		}
		if i == 1 || c.cpu < best.cpu {
			best = c
		}
	}
	return "", best, nil
}

// toolLog is the log of the -toolexec wrapper for builds in dir. With
// -warm every document's builds share one cache and so one wrapper: the
// log is then the work directory's.
func toolLog(dir string) string { return filepath.Join(filepath.Dir(dir), "tools.log") }

// exportSize returns the size of the export data of the package (the
// __.PKGDEF member of its archive in the cache) and of the whole archive
// (export data and object code).
func (m *measurer) exportSize(dir string, env []string, pkg string) (export, archive int64, err error) {
	cmd := exec.Command("go", "list", "-toolexec", m.self+" -toolexec-log "+toolLog(dir), "-export", "-f", "{{.Export}}", pkg)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.Output()
	if err != nil {
		return 0, 0, fmt.Errorf("go list -export: %v", err)
	}
	f, err := os.Open(strings.TrimSpace(string(out)))
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return 0, 0, err
	}
	// An ar archive: "!<arch>\n", then per member a 60-byte header whose
	// bytes 48 to 58 hold the decimal size.
	var hdr [8 + 60]byte
	if _, err := io.ReadFull(f, hdr[:]); err != nil {
		return 0, 0, err
	}
	if string(hdr[:8]) != "!<arch>\n" || !strings.HasPrefix(string(hdr[8:24]), "__.PKGDEF") {
		return 0, 0, fmt.Errorf("%s: not a Go package archive", f.Name())
	}
	n, err := strconv.ParseInt(strings.TrimSpace(string(hdr[8+48:8+58])), 10, 64)
	if err != nil {
		return 0, 0, err
	}
	return n, fi.Size(), nil
}

// run runs name with args in dir and returns its combined output (stdout
// only when the command succeeds) and its cost.
func (m *measurer) run(dir string, env []string, name string, args ...string) (string, cost, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	c := cost{wall: time.Since(start)}
	if ps := cmd.ProcessState; ps != nil {
		c.cpu = ps.UserTime() + ps.SystemTime()
		if ru, ok := ps.SysUsage().(*syscall.Rusage); ok && ru != nil {
			c.rss = ru.Maxrss * 1024 // kilobytes on Linux
		}
	}
	if err != nil {
		return stderr.String() + stdout.String(), c, err
	}
	return stdout.String(), c, nil
}

// count counts the files, lines, functions and type declarations of the
// Go files under dir.
func (r *row) count(dir string) error {
	fset := token.NewFileSet()
	return filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		r.files++
		r.lines += bytes.Count(src, []byte("\n"))
		f, err := parser.ParseFile(fset, path, src, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				r.funcs++
			case *ast.GenDecl:
				if d.Tok == token.TYPE {
					r.typeDecls += len(d.Specs)
				}
			}
		}
		return nil
	})
}

// readCorpus reads corpus.tsv: document name → root document path.
func readCorpus(dir string) (map[string]string, error) {
	f, err := os.Open(filepath.Join(dir, "corpus.tsv"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if name, doc, ok := strings.Cut(line, "\t"); ok {
			out[name] = filepath.Join(dir, doc)
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

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}
