package generator

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"text/tabwriter"
	"time"

	"github.com/genclient/genclient/internal/testmod"

	"github.com/dave/jennifer/jen"

	"github.com/genclient/genclient/ir"
	"github.com/genclient/genclient/loader"
)

// TestRoundTrip decodes every example of every corpus document into the
// generated Go type that holds it, encodes it again, and compares the
// result with the example semantically (see compareJSON). It runs with the
// ordinary test command when the corpus is present (-short skips it) and
// prints rows per document, one per level of example:
//   - schema: the examples of a named type (ir.Named.Examples), decoded
//     into that type;
//   - field: the examples of a property schema (ir.Field.Examples),
//     decoded into the struct field's Go type (runtime.Opt[T], *T,
//     runtime.Nullable[T], ...); those of a property whose type is a named
//     type with the same example are the schema row's already;
//   - media: the examples of an application/json (or +json) request or
//     response (ir.Content.Examples, references to components.examples
//     resolved), decoded into the body's Go type.
//
// Each level also holds the examples the loader makes from those of the
// parts of a schema that have no named type of their own (ir.Example.Part:
// an example ex of the items of an array becomes [ex], one of the
// additionalProperties of a map {"key": ex}, one of a variant of a union,
// or of the only part of an allOf or oneOf that makes the type, ex
// itself), checked against the schema they are made a value of; the notes
// say where from: "(from items)".
//
// The same example in the same Go type (and with the same verdict of the
// validator) runs and counts once: a property shared by several structs
// through allOf, or a response shared by several operations; the notes
// list the other places.
//
// To stay fast it generates the types only (operations are left out:
// they do not change a type) and compiles all documents in one go test
// run.
//
// Outcomes per example:
//   - ok: equal up to what compareJSON ignores (key order, number
//     spelling, the spelling of an instant);
//   - lossy: the generated type drops a property the schema does not
//     declare (structs without additionalProperties ignore unknown
//     properties) or a null the schema does not allow, or leaves out the
//     property (readOnly in a type only sent, writeOnly in one only
//     received, a name no struct tag can hold), or holds an integer
//     beyond the 64 bits of Go's int (integers without a format are int,
//     as every Go client maps them; JSON Schema's are unbounded): the
//     decoder's error names the number and the Go type, and the test
//     checks both;
//   - invalid: the example does not validate against its own schema
//     (kin-openapi's validator, loader.Options.CheckExamples) and does not
//     round-trip: listed with the reason, never counted as ok;
//   - failed: anything else. Any failure fails the test.
var dropUnknown = flag.Bool("drop-unknown", false, "round-trip with loader.Options.DropUnknown (undeclared properties are dropped and reported as lossy)")

// Levels of examples, the rows of the table.
const (
	levelSchema = iota
	levelField
	levelMedia
	numLevels
)

var levelNames = [numLevels]string{"schema", "field", "media"}

func TestRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	specs := corpusSpecs(t)
	dir := t.TempDir()
	type pkgInfo struct {
		spec, pkg string
		examples  []*rtExample
	}
	var pkgs []*pkgInfo
	var all []File
	for _, sp := range specs {
		api, err := loader.Load(sp[1], loader.Options{CheckExamples: true, DropUnknown: *dropUnknown})
		if err != nil {
			t.Errorf("%s: %v", sp[0], firstLine(err.Error()))
			continue
		}
		pi := &pkgInfo{spec: sp[0], pkg: "rt" + PackageName(sp[0])}
		pkgs = append(pkgs, pi)
		typesOnly := *api
		typesOnly.Services, typesOnly.Webhooks = nil, nil
		cfg := Config{Package: pi.pkg, RuntimeImport: DefaultRuntimeImport}
		g, err := newGen(&typesOnly, cfg)
		if err != nil {
			t.Errorf("%s: %v", sp[0], err)
			continue
		}
		pi.examples = collectExamples(g, api)
		if len(pi.examples) == 0 {
			continue
		}
		files, err := Generate(&typesOnly, cfg)
		if err != nil {
			t.Errorf("%s: %v", sp[0], err)
			continue
		}
		for _, f := range files {
			all = append(all, File{Name: pi.pkg + "/" + f.Name, Content: f.Content})
		}
		var run []*rtExample
		for _, ex := range pi.examples {
			if ex.Lossy == "" {
				run = append(run, ex)
			}
		}
		funcs, err := roundTripFuncs(pi.pkg, run)
		if err != nil {
			t.Fatalf("%s: %v", sp[0], err)
		}
		all = append(all,
			File{Name: pi.pkg + "/roundtrip_test.go", Content: roundTripTestFile(pi.pkg)},
			File{Name: pi.pkg + "/roundtrip_funcs_test.go", Content: funcs})
		in, _ := json.Marshal(run)
		all = append(all, File{Name: pi.pkg + "/testdata/examples.json", Content: in})
	}
	start := time.Now()
	if err := runModule(dir, all, "test", "-count=1", "./..."); err != nil {
		t.Fatal(err)
	}
	t.Logf("compiled and ran the round trips in %v", time.Since(start).Round(time.Millisecond))

	var table bytes.Buffer
	tw := tabwriter.NewWriter(&table, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "spec\tlevel\texamples\tok\tlossy\tinvalid\tfailed\t")
	var total [numLevels][5]int
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
			if n := len(pi.examples) - countLossy(pi.examples); len(results) != n {
				t.Fatalf("%s: %d results for %d examples", pi.spec, len(results), n)
			}
		}
		var c [numLevels][5]int
		for _, ex := range pi.examples {
			var kind int
			var why string
			if ex.Lossy != "" {
				kind, why = outcomeLossy, ex.Lossy
			} else {
				kind, why = classify(ex, results[0])
				results = results[1:]
			}
			c[ex.Level][0]++
			c[ex.Level][kind]++
			what := ex.What
			switch also := ex.Also; {
			case len(also) > 3:
				what += fmt.Sprintf(" (also %s and %d more)", strings.Join(also[:3], ", "), len(also)-3)
			case len(also) > 0:
				what += " (also " + strings.Join(also, ", ") + ")"
			}
			if kind != outcomeOK {
				notes = append(notes, fmt.Sprintf("%s %s: %s: %s", pi.spec, what, outcomeNames[kind], why))
			}
			if kind == outcomeFailed {
				t.Errorf("%s: %s does not round-trip: %s", pi.spec, what, why)
			}
		}
		name := pi.spec
		rows := 0
		for lv := range c {
			for i := range c[lv] {
				total[lv][i] += c[lv][i]
			}
			if c[lv][0] > 0 {
				fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%d\t\n", name, levelNames[lv], c[lv][0], c[lv][1], c[lv][2], c[lv][3], c[lv][4])
				name = ""
				rows++
			}
		}
		if rows == 0 {
			fmt.Fprintf(tw, "%s\t-\t0\t0\t0\t0\t0\t\n", name)
		}
	}
	var sum [5]int
	name := "total"
	for lv := range total {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%d\t\n", name, levelNames[lv], total[lv][0], total[lv][1], total[lv][2], total[lv][3], total[lv][4])
		name = ""
		for i := range sum {
			sum[i] += total[lv][i]
		}
	}
	fmt.Fprintf(tw, "\tall\t%d\t%d\t%d\t%d\t%d\t\n", sum[0], sum[1], sum[2], sum[3], sum[4])
	tw.Flush()
	t.Logf("round trip of examples:\n%s", table.String())
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
	// Key names the Go type to decode into: its expression, the key of
	// roundTrips in the generated test.
	Key  string `json:"key"`
	JSON string `json:"json"`

	Level   int     `json:"-"`
	What    string  `json:"-"` // where the example is, for messages
	Invalid string  `json:"-"`
	Root    ir.Type `json:"-"` // the type decoded into, for explain
	// Lossy is set, and the example not run, when the Go type leaves out
	// the property the example is of: it says why.
	Lossy string `json:"-"`
	// Also lists where else the same example is, in the same Go type.
	Also []string `json:"-"`
	typ  *jen.Statement
	// quoted is set for the example of a field tagged ",string" (an
	// integer carried as a string): it runs inside a struct with the tag.
	quoted bool
}

// collectExamples lists the examples of api at every level (see
// TestRoundTrip), each with the Go type g gives it. An example is listed
// once per Go type and verdict, with the other places in Also; the field
// examples of a property whose named type has the same schema example are
// left to the schema level.
func collectExamples(g *gen, api *ir.API) []*rtExample {
	var out []*rtExample
	seen := map[string]*rtExample{}
	add := func(ex *rtExample) {
		ex.Key = fmt.Sprintf("%#v", ex.typ)
		if ex.quoted {
			ex.Key = "quoted " + ex.Key
		}
		// Validity is part of the identity: an example valid in one place
		// and invalid in another runs in both, so that the invalid one
		// cannot hide a failure of the valid one.
		k := fmt.Sprintf("%s\x00%s\x00%t", ex.Key, ex.JSON, ex.Invalid == "")
		if ex.Lossy != "" {
			k = ex.What + "\x00" + ex.JSON
		}
		if first := seen[k]; first != nil {
			first.Also = append(first.Also, ex.What)
			return
		}
		seen[k] = ex
		out = append(out, ex)
	}
	// schemaExamples are the examples of the named types by Ref: a type
	// split into Pet and PetRequest has them on Pet only.
	schemaExamples := map[string]map[string]bool{}
	for _, n := range api.Types {
		for i, ex := range n.Examples {
			add(&rtExample{Level: levelSchema, What: fmt.Sprintf("%s example %d%s", n.Name, i, fromPart(ex)), JSON: ex.JSON, Invalid: ex.Invalid, Root: n, typ: g.valueType(n)})
			if schemaExamples[n.Ref] == nil {
				schemaExamples[n.Ref] = map[string]bool{}
			}
			schemaExamples[n.Ref][ex.JSON] = true
		}
	}
	// Fields: a property of a type split by direction is run on the
	// shape that keeps it.
	type fieldAt struct {
		n *ir.Named
		f *ir.Field
	}
	var order []string
	byProp := map[string][]fieldAt{}
	for _, n := range api.Types {
		st, ok := n.Type.(*ir.Struct)
		if !ok {
			continue
		}
		for _, f := range st.Fields {
			if len(f.Examples) == 0 {
				continue
			}
			k := n.Ref + "\x00" + f.JSONName
			if byProp[k] == nil {
				order = append(order, k)
			}
			byProp[k] = append(byProp[k], fieldAt{n, f})
		}
	}
	for _, k := range order {
		at := byProp[k][0]
		lossy := ""
		switch {
		case !validTagName(at.f.JSONName):
			lossy = "the property's name cannot be a struct tag: it is not decoded"
		case slices.ContainsFunc(byProp[k], func(fa fieldAt) bool { return !omitField(fa.n, fa.f) }):
			at = byProp[k][slices.IndexFunc(byProp[k], func(fa fieldAt) bool { return !omitField(fa.n, fa.f) })]
		case at.f.ReadOnly:
			lossy = "readOnly property of a type only sent: left out"
		default:
			lossy = "writeOnly property of a type only received: left out"
		}
		dup := map[string]bool(nil)
		if n, ok := unwrapNullable(at.f.Type).(*ir.Named); ok {
			dup = schemaExamples[n.Ref]
		}
		for i, ex := range at.f.Examples {
			if dup[ex.JSON] {
				continue
			}
			add(&rtExample{Level: levelField, What: fmt.Sprintf("%s.%s example %d%s", at.n.Name, at.f.JSONName, i, fromPart(ex)), JSON: ex.JSON, Invalid: ex.Invalid, Root: at.f.Type, Lossy: lossy, typ: g.fieldType(at.f), quoted: quoted(at.f.Type)})
		}
	}
	// Media types of operations and webhooks.
	media := func(where string, cs []*ir.Content) {
		for _, c := range cs {
			if c.Kind != ir.KindJSON || c.Type == nil {
				continue
			}
			for i, ex := range c.Examples {
				name := strconv.Itoa(i)
				if ex.Name != "" {
					name = strconv.Quote(ex.Name)
				}
				add(&rtExample{Level: levelMedia, What: fmt.Sprintf("%s %s example %s%s", where, c.MediaType, name, fromPart(ex)), JSON: ex.JSON, Invalid: ex.Invalid, Root: c.Type, typ: g.valueType(c.Type)})
			}
		}
	}
	var ops []*ir.Operation
	for _, s := range api.Services {
		ops = append(ops, s.Operations...)
	}
	for i, o := range append(ops, api.Webhooks...) {
		where := o.Method + " " + o.Path
		if i >= len(ops) {
			where = "webhook " + o.FullName + " " + o.Method
		}
		if o.Body != nil {
			media(where+" request", o.Body.Contents)
		}
		for _, r := range o.Responses {
			media(where+" "+r.Status, r.Contents)
		}
	}
	return out
}

// fromPart says which part of the schema an example was made from, if
// any (ir.Example.Part).
func fromPart(ex ir.Example) string {
	if ex.Part == "" {
		return ""
	}
	return " (from " + ex.Part + ")"
}

// countLossy counts the examples not run.
func countLossy(exs []*rtExample) int {
	n := 0
	for _, ex := range exs {
		if ex.Lossy != "" {
			n++
		}
	}
	return n
}

func unwrapNullable(t ir.Type) ir.Type {
	if n, ok := t.(*ir.Nullable); ok {
		return n.Elem
	}
	return t
}

// rtResult is what the generated test reports for one example.
type rtResult struct {
	Out string `json:"out"`
	Err string `json:"err"`
}

// roundTripFuncs is the file of the generated test that maps the key of
// each example's Go type to its round trip.
func roundTripFuncs(pkg string, exs []*rtExample) ([]byte, error) {
	f := jen.NewFile(pkg)
	entries := jen.Dict{}
	seen := map[string]bool{}
	for _, ex := range exs {
		if !seen[ex.Key] {
			seen[ex.Key] = true
			fn := "roundTrip"
			if ex.quoted {
				fn = "roundTripQuoted"
			}
			entries[jen.Lit(ex.Key)] = jen.Id(fn).Types(ex.typ)
		}
	}
	f.Var().Id("roundTrips").Op("=").Map(jen.String()).Func().Params(jen.Index().Byte()).Params(jen.Index().Byte(), jen.Error()).
		Values(entries)
	var b bytes.Buffer
	if err := f.Render(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// roundTripTestFile is the test file added to a generated package: it
// decodes each example of testdata/examples.json into the type its key
// names (see roundTripFuncs), encodes it again and writes
// testdata/results.json for TestRoundTrip to judge.
func roundTripTestFile(pkg string) []byte {
	return []byte(`package ` + pkg + `

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/genclient/genclient/runtime"
)

// roundTrip decodes and encodes as the client does: with the runtime's
// codec, which keeps the properties a struct does not declare.
func roundTrip[T any](b []byte) ([]byte, error) {
	var v T
	if err := runtime.Unmarshal(b, &v); err != nil {
		return nil, err
	}
	return runtime.Marshal(v)
}

// roundTripQuoted runs the example of a field tagged ",string" as a
// member of a struct with that tag, through the runtime's codec as
// generated structs are.
func roundTripQuoted[T any](b []byte) ([]byte, error) {
	var w struct {
		V T ` + "`json:\"v,string\"`" + `
	}
	if err := runtime.Unmarshal(append(append([]byte(` + "`{\"v\":`" + `), b...), '}'), &w); err != nil {
		return nil, err
	}
	out, err := runtime.Marshal(w)
	if err != nil {
		return nil, err
	}
	out = bytes.TrimPrefix(out, []byte(` + "`{\"v\":`" + `))
	return bytes.TrimSuffix(out, []byte("}")), nil
}

func TestRoundTrip(t *testing.T) {
	in, err := os.ReadFile("testdata/examples.json")
	if err != nil {
		t.Fatal(err)
	}
	var exs []struct {
		Key  string ` + "`json:\"key\"`" + `
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
		out, err := roundTrips[ex.Key]([]byte(ex.JSON))
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
func classify(ex *rtExample, r rtResult) (int, string) {
	var diffs []jsonDiff
	if r.Err == "" {
		diffs = compareJSON([]byte(ex.JSON), []byte(r.Out))
		if len(diffs) == 0 {
			return outcomeOK, ""
		}
	}
	lossy := r.Err == "" && ex.Root != nil && explain(diffs, ex.Root) || beyondInt(r.Err)
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

// unmarshalNumber matches encoding/json's error for a number its Go
// target cannot hold.
var unmarshalNumber = regexp.MustCompile(`cannot unmarshal number (-?[0-9]+) into .* of type (u?int(?:8|16|32|64)?)$`)

// beyondInt reports whether err is the decoder refusing an integer that
// is outside the range of its Go integer type.
func beyondInt(err string) bool {
	m := unmarshalNumber.FindStringSubmatch(err)
	if m == nil {
		return false
	}
	n, ok := new(big.Int).SetString(m[1], 10)
	if !ok {
		return false
	}
	bits := map[string]uint{"int": 64, "int64": 64, "uint": 64, "uint64": 64, "int32": 32, "uint32": 32, "int16": 16, "uint16": 16, "int8": 8, "uint8": 8}[m[2]]
	lo, hi := new(big.Int), new(big.Int).Lsh(big.NewInt(1), bits)
	if !strings.HasPrefix(m[2], "u") {
		hi.Rsh(hi, 1)
		lo.Neg(hi)
	}
	return n.Cmp(lo) < 0 || n.Cmp(hi) >= 0
}

func TestBeyondInt(t *testing.T) {
	for err, want := range map[string]bool{
		"json: cannot unmarshal number 9223372036854776000 into Go struct field K.flush_ms of type int": true,
		"json: cannot unmarshal number 9223372036854775807 into Go value of type int":                   false,
		"json: cannot unmarshal number -9223372036854775809 into Go value of type int64":                true,
		"json: cannot unmarshal number 4294967296 into Go value of type int32":                          true,
		"json: cannot unmarshal number 2147483647 into Go value of type int32":                          false,
		"json: cannot unmarshal number -1 into Go value of type uint64":                                 true,
		"json: cannot unmarshal number 1.5 into Go value of type int":                                   false,
		"json: cannot unmarshal string into Go value of type int":                                       false,
	} {
		if got := beyondInt(err); got != want {
			t.Errorf("beyondInt(%q) = %v", err, got)
		}
	}
}

// corpusSpecs lists (name, path) of the corpus documents; a missing
// corpus fails the test with where it was looked for.
func corpusSpecs(t *testing.T) [][2]string {
	dir := specsDir()
	f, err := os.Open(filepath.Join(dir, "corpus.tsv"))
	if err != nil {
		t.Fatalf("the OpenAPI corpus is missing: %v (put it at ../shared/specs beside the repository, or set GENCLIENT_SPECS or -corpus-dir)", err)
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
	return out
}

// runModule writes files into a module at dir that replaces ours with the
// repository, and runs the go command there.
func runModule(dir string, files []File, args ...string) error {
	root, err := filepath.Abs("..")
	if err != nil {
		return err
	}
	files = append(files, File{Name: "go.mod", Content: testmod.GoMod("example.com/rt", root)},
		File{Name: "go.sum", Content: testmod.GoSum(root)})
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
