package conformance

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/genclient/genclient/internal/testmod"

	"github.com/genclient/genclient/generator"
	"github.com/genclient/genclient/generator/conformance/mock"
	"github.com/genclient/genclient/loader"
)

// spec is one document of the shared corpus that the suite exercises.
type spec struct {
	name string // folder under the corpus; the Go package is this without dashes
	file string // the document in that folder
	// min is how many operations must be called and pass; 0 means all.
	min int
	// heavy specs take Prism minutes to load or answer: TestPrism runs
	// them only with -prism-all (as .ci/run does).
	heavy bool
}

var specs = []spec{
	{name: "oai-petstore-expanded", file: "petstore-expanded.yaml"},
	{name: "swagger-petstore-v3", file: "openapi.yaml"},
	{name: "redocly-museum", file: "openapi.yaml"},
	{name: "oai-uspto", file: "uspto.yaml"},
	{name: "figma", file: "openapi.yaml", heavy: true},
	{name: "github-rest-api", file: "api.github.com.json", min: 100, heavy: true},
	{name: "openai", file: "openapi.yaml", min: 50, heavy: true},
}

var only = flag.String("specs", "", "comma-separated names of the specs to exercise (default: all)")

func (s spec) pkg() string { return strings.ReplaceAll(s.name, "-", "") }

// prepared is one spec, generated, planned and built.
type prepared struct {
	spec
	path     string // the document
	planFile string
	bin      string   // the driver binary; "" when it did not build
	problems []string // values the synthesiser could not make valid
	// grammar marks a document built by package docgrammar: its
	// operations with problems are not called, and unplanned lists them.
	grammar   bool
	unplanned []string
	err       error // why the spec could not be prepared
	ops       int
	bodies    map[string]int // planned request bodies by kind
	// services are the names of the API's services with operations ("" for
	// the operations without a tag), examples the Example functions of
	// the SDK module's example_test.go.
	services, examples []string
	// others lists the request media types that the generated methods do
	// not send (a body's non-default contents), for the summary.
	others []string
}

// The suite prepares every spec once per test binary, shared by
// TestConformance and TestPrism: one temporary module holds one package
// per spec plus its driver, built by one go build.
var suite struct {
	once sync.Once
	dir  string
	err  error
	all  []*prepared
}

func TestMain(m *testing.M) {
	code := m.Run()
	if suite.dir != "" {
		os.RemoveAll(suite.dir)
	}
	os.Exit(code)
}

// specsDir finds the shared corpus: $GENCLIENT_SPECS, or ../shared/specs
// beside the repository.
func specsDir() (string, error) {
	dir := os.Getenv("GENCLIENT_SPECS")
	if dir == "" {
		root, err := filepath.Abs(filepath.Join("..", ".."))
		if err != nil {
			return "", err
		}
		dir = filepath.Join(filepath.Dir(root), "shared", "specs")
	}
	if _, err := os.Stat(dir); err != nil {
		return "", fmt.Errorf("the OpenAPI corpus is missing: %v (put it at ../shared/specs beside the repository or set GENCLIENT_SPECS)", err)
	}
	return dir, nil
}

func prepareSuite(t *testing.T) []*prepared {
	t.Helper()
	suite.once.Do(func() { suite.all, suite.err = prepare(t) })
	if suite.err != nil {
		t.Fatal(suite.err)
	}
	return suite.all
}

func prepare(t *testing.T) ([]*prepared, error) {
	start := time.Now()
	corpus, err := specsDir()
	if err != nil {
		return nil, err
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "genclient-conformance-")
	if err != nil {
		return nil, err
	}
	suite.dir = dir
	if err := testmod.Write(dir, "example.com/conf", root); err != nil {
		return nil, err
	}
	var all []*prepared
	for _, s := range specs {
		if *only != "" && !slices.Contains(strings.Split(*only, ","), s.name) {
			continue
		}
		p := &prepared{spec: s, path: filepath.Join(corpus, s.name, s.file)}
		p.err = p.generate(dir)
		all = append(all, p)
	}
	t.Logf("generated and planned %d specs in %v", len(all), time.Since(start).Round(time.Millisecond))
	start = time.Now()
	buildDrivers(dir, all)
	t.Logf("built the drivers in %v", time.Since(start).Round(time.Millisecond))
	return all, nil
}

// generate writes the client package, its driver and its plan.
func (p *prepared) generate(dir string) error {
	if _, err := os.Stat(p.path); err != nil {
		return fmt.Errorf("the OpenAPI corpus lacks %s: %v", p.name, err)
	}
	api, err := loader.Load(p.path, loader.Options{})
	if err != nil {
		return fmt.Errorf("loader: %v", err)
	}
	files, err := generator.Generate(api, generator.Config{Package: p.pkg()})
	if err != nil {
		return fmt.Errorf("generator: %v", err)
	}
	// The example test of the package's SDK module (-module), which
	// TestExamples compiles and vets with it; go.mod and README.md stay
	// out, the package is one of the suite's module.
	mfiles, err := generator.Generate(api, generator.Config{Package: p.pkg(), Module: "example.com/" + p.name + "-go"})
	if err != nil {
		return fmt.Errorf("generator -module: %v", err)
	}
	for _, f := range mfiles {
		if f.Name == "example_test.go" {
			files = append(files, f)
			p.examples = exampleFuncs(f.Content)
		}
	}
	for _, svc := range api.Services {
		if len(svc.Operations) > 0 {
			p.services = append(p.services, svc.Name)
		}
	}
	for _, f := range files {
		if err := writeFile(filepath.Join(dir, p.pkg(), filepath.FromSlash(f.Name)), f.Content); err != nil {
			return err
		}
	}
	doc, err := mock.LoadDoc(p.path)
	if err != nil {
		return err
	}
	var unplanned *[]string
	if p.grammar {
		unplanned = &p.unplanned
	}
	plan, problems := buildPlan(api, doc, p.path, unplanned)
	p.problems, p.ops = problems, len(plan.Ops)
	p.bodies = map[string]int{}
	for _, op := range plan.Ops {
		for _, a := range op.Args {
			if a.Role == "body" {
				p.bodies[a.Kind]++
			}
		}
	}
	for _, svc := range api.Services {
		for _, op := range svc.Operations {
			if op.Body != nil && len(op.Body.Contents) > 1 {
				for _, c := range op.Body.Contents[1:] {
					p.others = append(p.others, op.Method+" "+op.Path+" "+c.MediaType)
				}
			}
		}
	}
	b, err := json.MarshalIndent(plan, "", "\t")
	if err != nil {
		return err
	}
	p.planFile = filepath.Join(dir, "plans", p.pkg()+".json")
	if err := writeFile(p.planFile, b); err != nil {
		return err
	}
	return writeFile(filepath.Join(dir, "cmd", "drv"+p.pkg(), "main.go"), driverMain(p))
}

// driverMain is the source of a driver program for the given specs (test
// scaffolding, not product code).
func driverMain(ps ...*prepared) []byte {
	var imports, entries strings.Builder
	for _, p := range ps {
		fmt.Fprintf(&imports, "\t%s \"example.com/conf/%s\"\n", p.pkg(), p.pkg())
		fmt.Fprintf(&entries, "\t\t%q: func(url string, opts ...runtime.Option) (any, error) { return %s.NewClient(url, opts...) },\n", p.pkg(), p.pkg())
	}
	return []byte(fmt.Sprintf(`// Conformance driver (generated by the test; not product code).
package main

import (
%s
	"github.com/genclient/genclient/generator/conformance/drive"
	"github.com/genclient/genclient/runtime"
)

func main() {
	drive.Main(map[string]drive.NewClientFunc{
%s	})
}
`, imports.String(), entries.String()))
}

func writeFile(path string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

// buildDrivers builds one driver for every prepared spec (one go build,
// one link); when that fails, it builds one driver per spec to tell which
// spec is at fault and run the others.
func buildDrivers(dir string, all []*prepared) {
	var ok []*prepared
	for _, p := range all {
		if p.err == nil {
			ok = append(ok, p)
		}
	}
	if len(ok) == 0 {
		return
	}
	bin := filepath.Join(dir, "bin")
	if err := writeFile(filepath.Join(dir, "cmd", "drvall", "main.go"), driverMain(ok...)); err != nil {
		for _, p := range ok {
			p.err = err
		}
		return
	}
	if _, err := goBuild(dir, bin, "./cmd/drvall"); err == nil {
		for _, p := range ok {
			p.bin = filepath.Join(bin, "drvall")
		}
		return
	}
	for _, p := range ok {
		if out, err := goBuild(dir, bin, "./cmd/drv"+p.pkg()); err != nil {
			p.err = fmt.Errorf("generated client does not build: %v\n%s", err, truncate(out, 4000))
		} else {
			p.bin = filepath.Join(bin, "drv"+p.pkg())
		}
	}
}

func goBuild(dir, bin string, pkgs ...string) (string, error) {
	args := append([]string{"build", "-trimpath", "-o", bin + string(filepath.Separator)}, pkgs...)
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "\n..."
}
