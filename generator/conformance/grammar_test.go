package conformance

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/genclient/genclient/generator/conformance/mock"
	"github.com/genclient/genclient/internal/docgrammar"
	"github.com/genclient/genclient/internal/selfcomposed"
	"github.com/genclient/genclient/internal/testmod"
)

var grammar = flag.Bool("grammar", false, "run TestGrammar: clients of documents built by package docgrammar against the validating mock (a triage tool: most of what fails is the mock's or the harness's limit, not yet sorted out)")

// grammarDocs is how many documents of package docgrammar TestGrammar
// drives: fixed seeds, so a failure names its document.
const grammarDocs = 60

// TestGrammar drives the clients of documents built by package docgrammar
// (the generator's FuzzDocuments grammar: unions, enums, nullables, every
// parameter style, body and response media type, security scheme, and
// names that collide) against the validating mock, as TestConformance
// does the corpus: every request and response must match the document,
// every call must succeed and decode. The generator's fuzzing shows these
// clients compile; this shows what they send is what the document says.
//
// It is not a gate yet, so it runs only with -grammar: of the 60
// documents, 19 hold schemas no validator can check a value against and
// are not driven, and most failures of the rest are limits of the
// harness (arguments it cannot build for unions of unions, planned
// values the schema rejects) or of kin-openapi's request validation
// (cookies in style form with explode, lists inside exploded form
// objects), not of the clients. What it found in the clients is fixed
// and tested where it belongs (runtime.FormatParam on unions of scalars,
// the loader's example checks on self-composed schemas).
func TestGrammar(t *testing.T) {
	if !*grammar {
		t.Skip("TestGrammar runs with -grammar (go test ./generator/conformance -run TestGrammar -grammar): a triage tool, not yet a gate, see its doc comment")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := testmod.Write(dir, "example.com/conf", root); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	var all []*prepared
	var undriven []string
	for seed := range uint64(grammarDocs) {
		b, err := json.MarshalIndent(docgrammar.Document(docgrammar.Seed(seed, 256)), "", " ")
		if err != nil {
			t.Fatal(err)
		}
		p := &prepared{spec: spec{name: fmt.Sprintf("grammar-%d", seed)}}
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
	if len(all) < grammarDocs*3/4 {
		t.Errorf("only %d of %d documents driven, want at least three quarters", len(all), grammarDocs)
	}
	t.Logf("generated and planned %d documents in %v", len(all), time.Since(start).Round(time.Millisecond))
	start = time.Now()
	buildDrivers(dir, all)
	t.Logf("built the drivers in %v", time.Since(start).Round(time.Millisecond))
	calls := 0
	var table []string
	for _, p := range all {
		t.Run(p.name, func(t *testing.T) {
			defer func() {
				if t.Failed() {
					b, _ := os.ReadFile(p.path)
					t.Logf("document %s:\n%s", p.path, b)
				}
			}()
			rep := runDriver(t, p, "")
			if rep == nil {
				return
			}
			calls += len(rep.Results)
			table = append(table, check(t, p, rep, "mock"))
		})
	}
	t.Logf("%d calls in %d documents; results against the validating mock:\n%s", calls, len(all), strings.Join(table, "\n"))
}
