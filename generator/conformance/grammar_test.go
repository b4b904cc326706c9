package conformance

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/genclient/genclient/generator/conformance/mock"
	"github.com/genclient/genclient/internal/docgrammar"
	"github.com/genclient/genclient/internal/selfcomposed"
	"github.com/genclient/genclient/internal/testmod"
)

var (
	grammarSeeds = flag.String("grammar-seeds", "", "comma-separated seeds of the documents TestGrammar drives (default: all of them)")
	grammarKeep  = flag.String("grammar-keep", "", "TestGrammar writes its module (documents, packages, plans, drivers) into this folder and leaves it there, for a look at what a client sent")
)

// grammarDocs is how many documents of package docgrammar TestGrammar
// drives: fixed seeds, so a failure names its document.
const grammarDocs = 60

// TestGrammar's floors, a little under what it does today (41 documents
// driven, 278 calls): a harness change that quietly stops driving
// documents or planning calls fails it.
const (
	grammarMinDriven = 40
	grammarMinCalls  = 270
)

// grammarKnownFailures are the calls of TestGrammar that fail for a
// reason outside the client, by "document METHOD /path".
var grammarKnownFailures = map[string]string{
	// A discriminated oneOf of three identical {} schemas: no value is
	// valid (every value matches all three), yet openapi3filter accepts
	// the mock's string, which the client rightly refuses to decode as
	// a discriminated union.
	"grammar-35 GET /a.json/me/api": "openapi3filter accepts a value an unsatisfiable oneOf rejects",
	// deepObject nesting four levels down to a union leaf: openapi3filter
	// decodes the leaf "binary-data" as the union's number variant only.
	"grammar-8 PATCH /": "openapi3filter cannot decode a union leaf of a nested deepObject",
}

// TestGrammar drives the clients of documents built by package docgrammar
// (the generator's FuzzDocuments grammar: unions, enums, nullables, every
// parameter style, body and response media type, security scheme, and
// names that collide) against the validating mock, as TestConformance
// does the corpus: every request and response must match the document,
// every call must succeed and decode. The generator's fuzzing shows these
// clients compile; this shows what they send is what the document says.
//
// Of the 60 documents, 19 hold schemas no validator can check a value
// against (self-composed, or a $ref to itself) and are not driven. In
// the others, an operation the harness cannot plan is not called, and is
// logged with the reason: a schema no value satisfies (for its arguments
// or for the mock's answer), a value no encoding carries (an empty
// object in a deepObject, an object or list inside an exploded form
// object), names the server could not tell apart (a parameter declared
// twice, an exploded form object's property named like another query
// parameter). grammarKnownFailures lists the calls that fail for the
// validator's reasons. -grammar-seeds and -grammar-keep are for triage.
func TestGrammar(t *testing.T) {
	if testing.Short() {
		t.Skip("grammar conformance: skipped in -short mode")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	dir := *grammarKeep
	if dir == "" {
		dir = t.TempDir()
	} else if dir, err = filepath.Abs(dir); err == nil {
		err = os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		t.Fatal(err)
	}
	var seeds []uint64
	for _, f := range strings.Split(*grammarSeeds, ",") {
		if f == "" {
			continue
		}
		n, err := strconv.ParseUint(f, 10, 64)
		if err != nil || n >= grammarDocs {
			t.Fatalf("-grammar-seeds: %q is not a seed below %d", f, grammarDocs)
		}
		seeds = append(seeds, n)
	}
	if len(seeds) == 0 {
		for seed := range uint64(grammarDocs) {
			seeds = append(seeds, seed)
		}
	}
	if err := testmod.Write(dir, "example.com/conf", root); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	var all []*prepared
	var undriven []string
	for _, seed := range seeds {
		b, err := json.MarshalIndent(docgrammar.Document(docgrammar.Seed(seed, 256)), "", " ")
		if err != nil {
			t.Fatal(err)
		}
		p := &prepared{spec: spec{name: fmt.Sprintf("grammar-%d", seed)}, grammar: true}
		p.path = filepath.Join(dir, "docs", p.pkg()+".json")
		if err := writeFile(p.path, b); err != nil {
			t.Fatal(err)
		}
		doc, err := mock.LoadDoc(p.path)
		if err != nil {
			t.Fatalf("%s: %v", p.name, err)
		}
		// kin-openapi's validator, the mock's, never returns from a
		// self-composed schema, and leaves a schema that is a $ref to
		// itself unresolved; the generator's tests cover both.
		names := selfcomposed.Components(doc)
		for name, r := range doc.Components.Schemas {
			if r.Value == nil {
				names = append(names, name+" is a $ref to itself")
			}
		}
		if len(names) > 0 {
			slices.Sort(names)
			undriven = append(undriven, fmt.Sprintf("%s (%s)", p.name, strings.Join(names, ", ")))
			continue
		}
		p.err = p.generate(dir)
		all = append(all, p)
	}
	if len(undriven) > 0 {
		t.Logf("not driven, with schemas no validator can check a value against: %s", strings.Join(undriven, "; "))
	}
	if len(seeds) == grammarDocs && len(all) < grammarMinDriven {
		t.Errorf("only %d of %d documents driven, want at least %d", len(all), len(seeds), grammarMinDriven)
	}
	t.Logf("generated and planned %d documents in %v", len(all), time.Since(start).Round(time.Millisecond))
	start = time.Now()
	buildDrivers(dir, all)
	t.Logf("built the drivers in %v", time.Since(start).Round(time.Millisecond))
	calls, unplanned := 0, 0
	var table []string
	for _, p := range all {
		t.Run(p.name, func(t *testing.T) {
			for _, u := range p.unplanned {
				t.Logf("not called, the harness cannot plan it: %s", u)
			}
			unplanned += len(p.unplanned)
			defer func() {
				if t.Failed() && *grammarKeep == "" {
					b, _ := os.ReadFile(p.path)
					t.Logf("document %s:\n%s", p.path, b)
				}
			}()
			rep := runDriver(t, p, "")
			if rep == nil {
				return
			}
			calls += len(rep.Results)
			saved := knownFailures
			knownFailures = grammarKnownFailures
			defer func() { knownFailures = saved }()
			table = append(table, check(t, p, rep, "mock"))
		})
	}
	if len(seeds) == grammarDocs && calls < grammarMinCalls {
		t.Errorf("%d calls made, want at least %d", calls, grammarMinCalls)
	}
	t.Logf("%d calls in %d documents (%d operations not called: the harness cannot plan them); results against the validating mock:\n%s", calls, len(all), unplanned, strings.Join(table, "\n"))
}
