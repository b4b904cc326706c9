package generator

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"text/tabwriter"
	"time"

	"github.com/genclient/genclient/ir"
	"github.com/genclient/genclient/loader"
)

// TestRoundTrip decodes every schema example of every corpus document into
// the generated type and encodes it again, and compares the result with
// the example semantically (see compareJSON). It runs with the ordinary
// test command when the corpus is present (-short skips it) and prints one
// row per document.
//
// To stay fast it generates the types only (operations are left out: they
// do not change a type) and compiles all documents in one go test run.
//
// Outcomes per example:
//   - ok: equal, or equal after the documented lossy normalisations
//     (lossyNote);
//   - lossy: the generated type drops a property the schema does not
//     declare (structs without additionalProperties ignore unknown
//     properties) or a null the schema does not allow;
//   - invalid: the example does not validate against its own schema
//     (kin-openapi's validator, loader.Options.CheckExamples) and does not
//     round-trip: listed with the reason, never counted as ok;
//   - failed: anything else. Any failure fails the test.
var dropUnknown = flag.Bool("drop-unknown", false, "round-trip with loader.Options.DropUnknown (undeclared properties are dropped and reported as lossy)")

func TestRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	specs := corpusSpecs(t)
	dir := t.TempDir()
	type pkgInfo struct {
		spec, pkg string
		examples  []rtExample
		types     map[string]*ir.Named
	}
	var pkgs []*pkgInfo
	var all []File
	for _, sp := range specs {
		api, err := loader.Load(sp[1], loader.Options{CheckExamples: true, DropUnknown: *dropUnknown})
		if err != nil {
			t.Errorf("%s: %v", sp[0], firstLine(err.Error()))
			continue
		}
		pi := &pkgInfo{spec: sp[0], pkg: "rt" + PackageName(sp[0]), types: map[string]*ir.Named{}}
		for _, n := range api.Types {
			pi.types[n.Name] = n
			for i, ex := range n.Examples {
				pi.examples = append(pi.examples, rtExample{Type: n.Name, Index: i, JSON: ex.JSON, Invalid: ex.Invalid})
			}
		}
		pkgs = append(pkgs, pi)
		if len(pi.examples) == 0 {
			continue
		}
		typesOnly := *api
		typesOnly.Services, typesOnly.Webhooks = nil, nil
		files, err := Generate(&typesOnly, Config{Package: pi.pkg})
		if err != nil {
			t.Errorf("%s: %v", sp[0], err)
			continue
		}
		for _, f := range files {
			all = append(all, File{Name: pi.pkg + "/" + f.Name, Content: f.Content})
		}
		all = append(all, File{Name: pi.pkg + "/roundtrip_test.go", Content: roundTripTestFile(pi.pkg, pi.examples)})
		in, _ := json.Marshal(pi.examples)
		all = append(all, File{Name: pi.pkg + "/testdata/examples.json", Content: in})
	}
	start := time.Now()
	if err := runModule(dir, all, "test", "-count=1", "./..."); err != nil {
		t.Fatal(err)
	}
	t.Logf("compiled and ran the round trips in %v", time.Since(start).Round(time.Millisecond))

	var table bytes.Buffer
	tw := tabwriter.NewWriter(&table, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "spec\texamples\tok\tlossy\tinvalid\tfailed\t")
	var total [5]int
	var notes []string
	for _, pi := range pkgs {
		var results []rtResult
		if len(pi.examples) > 0 {
			b, err := os.ReadFile(filepath.Join(dir, pi.pkg, "testdata", "results.json"))
			if err != nil {
				t.Fatalf("%s: %v", pi.spec, err)
			}
			if err := json.Unmarshal(b, &results); err != nil {
				t.Fatal(err)
			}
		}
		var c [5]int
		c[0] = len(pi.examples)
		for i, r := range results {
			ex := pi.examples[i]
			kind, why := classify(ex, r, pi.types[ex.Type])
			c[kind]++
			if kind != outcomeOK {
				notes = append(notes, fmt.Sprintf("%s %s example %d: %s: %s", pi.spec, ex.Type, ex.Index, outcomeNames[kind], why))
			}
			if kind == outcomeFailed {
				t.Errorf("%s: %s example %d does not round-trip: %s", pi.spec, ex.Type, ex.Index, why)
			}
		}
		for i := range c {
			total[i] += c[i]
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t\n", pi.spec, c[0], c[1], c[2], c[3], c[4])
	}
	fmt.Fprintf(tw, "total\t%d\t%d\t%d\t%d\t%d\t\n", total[0], total[1], total[2], total[3], total[4])
	tw.Flush()
	t.Logf("round trip of schema examples:\n%s", table.String())
	sort.Strings(notes)
	if out := os.Getenv("GENCLIENT_ROUNDTRIP_REPORT"); out != "" {
		report := table.String() + "\n" + strings.Join(notes, "\n") + "\n"
		if err := os.WriteFile(out, []byte(report), 0o644); err != nil {
			t.Error(err)
		}
	}
	for _, n := range notes {
		t.Log(n)
	}
}

// rtExample is one example handed to the generated test.
type rtExample struct {
	Type    string `json:"type"`
	Index   int    `json:"index"`
	JSON    string `json:"json"`
	Invalid string `json:"-"`
}

// rtResult is what the generated test reports for one example.
type rtResult struct {
	Out string `json:"out"`
	Err string `json:"err"`
}

// roundTripTestFile is the test file added to a generated package: it
// decodes each example of testdata/examples.json into its type, encodes it
// again and writes testdata/results.json for TestRoundTrip to judge.
func roundTripTestFile(pkg string, exs []rtExample) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, `package %s

import (
	"encoding/json"
	"os"
	"testing"
)

func roundTrip[T any](b []byte) ([]byte, error) {
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		return nil, err
	}
	return json.Marshal(v)
}

var roundTrips = map[string]func([]byte) ([]byte, error){
`, pkg)
	seen := map[string]bool{}
	for _, ex := range exs {
		if !seen[ex.Type] {
			seen[ex.Type] = true
			fmt.Fprintf(&b, "\t%q: roundTrip[%s],\n", ex.Type, ex.Type)
		}
	}
	b.WriteString(`}

func TestRoundTrip(t *testing.T) {
	in, err := os.ReadFile("testdata/examples.json")
	if err != nil {
		t.Fatal(err)
	}
	var exs []struct {
		Type string ` + "`json:\"type\"`" + `
		JSON string ` + "`json:\"json\"`" + `
	}
	if err := json.Unmarshal(in, &exs); err != nil {
		t.Fatal(err)
	}
	type result struct {
		Out string ` + "`json:\"out\"`" + `
		Err string ` + "`json:\"err\"`" + `
	}
	results := make([]result, len(exs))
	for i, ex := range exs {
		out, err := roundTrips[ex.Type]([]byte(ex.JSON))
		results[i].Out = string(out)
		if err != nil {
			results[i].Err = err.Error()
		}
	}
	b, err := json.Marshal(results)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("testdata/results.json", b, 0o644); err != nil {
		t.Fatal(err)
	}
}
`)
	return b.Bytes()
}

// Outcomes of one example.
const (
	outcomeOK = iota + 1
	outcomeLossy
	outcomeInvalid
	outcomeFailed
)

var outcomeNames = map[int]string{outcomeOK: "ok", outcomeLossy: "lossy", outcomeInvalid: "invalid for schema", outcomeFailed: "FAILED"}

// classify judges one round trip.
func classify(ex rtExample, r rtResult, n *ir.Named) (int, string) {
	var diffs []jsonDiff
	if r.Err == "" {
		diffs = compareJSON([]byte(ex.JSON), []byte(r.Out))
		if len(diffs) == 0 {
			return outcomeOK, ""
		}
	}
	lossy := r.Err == "" && n != nil && explain(diffs, n)
	why := r.Err
	if why == "" {
		why = describeDiffs(diffs)
	}
	if ex.Invalid != "" {
		return outcomeInvalid, ex.Invalid + " (round trip: " + why + ")"
	}
	if lossy {
		return outcomeLossy, why
	}
	return outcomeFailed, why
}

// corpusSpecs lists (name, path) of the corpus documents, skipping the
// test when the corpus is absent.
func corpusSpecs(t *testing.T) [][2]string {
	f, err := os.Open(filepath.Join(*corpusDir, "corpus.tsv"))
	if err != nil {
		t.Skipf("corpus not found: %v", err)
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
			out = append(out, [2]string{name, filepath.Join(*corpusDir, doc)})
		}
	}
	return out
}

// runModule writes files into a module at dir that replaces ours with the
// repository, and runs the go command there.
func runModule(dir string, files []File, args ...string) error {
	root, err := filepath.Abs("..")
	if err != nil {
		return err
	}
	gomod := "module example.com/rt\n\ngo 1.26\n\nrequire github.com/genclient/genclient v0.0.0\n\nreplace github.com/genclient/genclient => " + root + "\n"
	files = append(files, File{Name: "go.mod", Content: []byte(gomod)})
	if sum, err := os.ReadFile(filepath.Join(root, "go.sum")); err == nil {
		files = append(files, File{Name: "go.sum", Content: sum})
	}
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, f.Content, 0o644); err != nil {
			return err
		}
	}
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod")
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return nil
}
