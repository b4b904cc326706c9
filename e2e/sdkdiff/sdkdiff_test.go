// Package sdkdiff is the differential test against the official SDKs:
// go-github on GitHub's document (openai-go and stripe-go are still to
// come). TestSDKDiff generates the client into a scratch module beside
// testdata/*.go, which makes the same
// logical call through both clients against a recording RoundTripper and
// compares method, path, query, body and the headers that matter, then
// decodes the same payloads through both and compares them field by field.
// Every deliberate difference is listed in testdata with its reason.
package sdkdiff

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/genclient/genclient/generator"
	"github.com/genclient/genclient/internal/testmod"
	"github.com/genclient/genclient/loader"
)

// sdks are the official SDK modules the scratch module requires, at the
// versions the root go.mod pins.
var sdks = []string{"github.com/google/go-github/v81"}

func specsDir() string {
	if d := os.Getenv("GENCLIENT_SPECS"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "..", "shared", "specs")
}

// requireLines returns the require lines of the root go.mod for sdks.
func requireLines(t *testing.T, root string) string {
	t.Helper()
	f, err := os.Open(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		for _, m := range sdks {
			if len(fields) >= 2 && fields[0] == m {
				out = append(out, "require "+m+" "+fields[1])
			}
		}
	}
	if len(out) != len(sdks) {
		t.Fatalf("root go.mod requires %d of the SDKs %v", len(out), sdks)
	}
	return strings.Join(out, "\n") + "\n"
}

func generate(t *testing.T, spec, dir, pkg string) {
	t.Helper()
	api, err := loader.Load(spec, loader.Options{})
	if err != nil {
		t.Fatalf("%s: %v", spec, err)
	}
	files, err := generator.Generate(api, generator.Config{Package: pkg})
	if err != nil {
		t.Fatalf("%s: %v", spec, err)
	}
	for _, f := range files {
		p := filepath.Join(dir, pkg, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Content, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestSDKDiff(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a large client next to go-github")
	}
	specs := specsDir()
	if _, err := os.Stat(filepath.Join(specs, "corpus.tsv")); err != nil {
		t.Fatalf("the corpus is missing at %s (set GENCLIENT_SPECS): %v", specs, err)
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	ghSpec, err := filepath.Abs(filepath.Join(specs, "github-rest-api", "api.github.com.json"))
	if err != nil {
		t.Fatal(err)
	}
	generate(t, ghSpec, dir, "ghgen")
	if err := testmod.Write(dir, "example.com/sdkdiff", root); err != nil {
		t.Fatal(err)
	}
	mod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	mod = append(mod, "\n"+requireLines(t, root)...)
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), mod, 0o644); err != nil {
		t.Fatal(err)
	}
	srcs, err := filepath.Glob(filepath.Join("testdata", "*.go"))
	if err != nil || len(srcs) == 0 {
		t.Fatalf("no testdata/*.go: %v", err)
	}
	for _, s := range srcs {
		b, err := os.ReadFile(s)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(s)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	args := []string{"test", "-count=1", "-v", "."}
	if testing.Verbose() {
		args = append(args, "-run", ".")
	}
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "SDKDIFF_GITHUB_SPEC="+ghSpec)
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatal(err)
	}
	report(t, string(out))
	if err != nil {
		t.Fatalf("the differential tests failed:\n%s", out)
	}
}

// report logs the summary tables the scratch tests print.
func report(t *testing.T, out string) {
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, "sdkdiff:") {
			t.Log(strings.TrimSpace(line))
		}
	}
}
