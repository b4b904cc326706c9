package generator

import (
	"bytes"
	"errors"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/genclient/genclient/ir"
	"github.com/genclient/genclient/loader"
	"github.com/genclient/genclient/templates"
)

func TestGenerateDeterministic(t *testing.T) {
	a, err := Generate(kitchenSink(), Config{Package: "kitchen"})
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		b, err := Generate(kitchenSink(), Config{Package: "kitchen"})
		if err != nil {
			t.Fatal(err)
		}
		if len(a) != len(b) {
			t.Fatalf("%d files, then %d", len(a), len(b))
		}
		for i := range a {
			if a[i].Name != b[i].Name || !bytes.Equal(a[i].Content, b[i].Content) {
				t.Fatalf("file %s differs between runs", a[i].Name)
			}
		}
	}
	for i, f := range a {
		if i > 0 && a[i-1].Name >= f.Name {
			t.Errorf("files not sorted: %s before %s", a[i-1].Name, f.Name)
		}
		if !strings.HasPrefix(string(f.Content), Header+"\n") {
			t.Errorf("%s does not start with the header", f.Name)
		}
	}
}

func TestGenerateModule(t *testing.T) {
	files, err := Generate(kitchenSink(), Config{Package: "kitchen", Module: "example.com/kitchen-go"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range files {
		got[f.Name] = string(f.Content)
	}
	if !strings.Contains(got["go.mod"], "module example.com/kitchen-go") || !strings.Contains(got["go.mod"], "require github.com/genclient/genclient/runtime "+develVersion) ||
		!strings.Contains(got["go.mod"], "go mod edit -replace github.com/genclient/genclient/runtime=") {
		t.Errorf("go.mod of a development build:\n%s", got["go.mod"])
	}
	if !strings.Contains(got["README.md"], "Kitchen Sink") || !strings.Contains(got["README.md"], `kitchen "example.com/kitchen-go"`) {
		t.Errorf("README.md (wants the import alias the package name needs):\n%s", got["README.md"])
	}
	// The README shows the document's security schemes as options, retries
	// and a timeout, one paginated list and one typed error model.
	for _, want := range []string{
		`kitchen.WithAPIKey(os.Getenv("KITCHEN_API_KEY"))`, `kitchen.WithBearerAuth(os.Getenv("KITCHEN_TOKEN"))`,
		"runtime.WithRetry(runtime.RetryPolicy{MaxAttempts: 4})", "runtime.WithTimeout(30*time.Second)",
		"for item, err := range c.Pets.ListAll(ctx, ", "errors.As(err, &apiErr)", "apiErr.Model.(*kitchen.NotFound)",
	} {
		if !strings.Contains(got["README.md"], want) {
			t.Errorf("README.md lacks %q:\n%s", want, got["README.md"])
		}
	}
	// The example test compiles, vets and runs (it calls nothing) with the
	// package.
	var code []File
	for _, f := range files {
		if strings.HasSuffix(f.Name, ".go") {
			code = append(code, f)
		}
	}
	checkExamples(t, kitchenSink(), files)
	compileCase(t, "module/kitchen", code)

	if _, ok := got["go.sum"]; ok {
		t.Error("a development build wrote go.sum")
	}
	files, err = Generate(kitchenSink(), Config{Package: "kitchen", Module: "example.com/kitchen", RuntimeVersion: "v1.2.3"})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if f.Name == "go.sum" {
			t.Error("go.sum written without the runtime's hash")
		}
	}
	// With the runtime's hash (from the build information), go.sum has
	// the lines go mod tidy writes: e2e/toolchain checks that tidy keeps
	// them byte for byte.
	withSum, err := Generate(kitchenSink(), Config{Package: "kitchen", Module: "example.com/kitchen", RuntimeVersion: "v1.2.3", RuntimeSum: "h1:rt="})
	if err != nil {
		t.Fatal(err)
	}
	wantSum := "github.com/genclient/genclient/runtime v1.2.3 h1:rt=\n" +
		"github.com/genclient/genclient/runtime v1.2.3/go.mod " + templates.RuntimeGoModSum + "\n"
	mods := append(slices.Clone(templates.RuntimeRequires), templates.RuntimeTestRequires...)
	slices.SortFunc(mods, func(a, b templates.Require) int { return strings.Compare(a.Path, b.Path) })
	for _, r := range mods {
		wantSum += r.Path + " " + r.Version + " " + r.Sum + "\n" + r.Path + " " + r.Version + "/go.mod " + r.GoModSum + "\n"
	}
	sums := 0
	for _, f := range withSum {
		if f.Name == "go.sum" {
			sums++
			if string(f.Content) != wantSum {
				t.Errorf("go.sum:\n%s\nwant:\n%s", f.Content, wantSum)
			}
		}
	}
	if sums != 1 {
		t.Errorf("%d go.sum files", sums)
	}
	for _, f := range files {
		if f.Name == "go.mod" && (!strings.Contains(string(f.Content), "require github.com/genclient/genclient/runtime v1.2.3\n") || strings.Contains(string(f.Content), "replace")) {
			t.Errorf("go.mod of a release:\n%s", f.Content)
		}
		if f.Name == "README.md" && strings.Contains(string(f.Content), `kitchen "example.com/kitchen"`) {
			t.Errorf("README.md imports with an alias it does not need:\n%s", f.Content)
		}
	}
}

// checkExamples checks the example_test.go among the files of an SDK
// module generated from api and returns it: it declares Example and
// exactly one Example_{service} for each service with operations (Example_client
// for the operations without a tag), none with an Output comment (which
// would make go test call the API).
func checkExamples(t *testing.T, api *ir.API, files []File) File {
	t.Helper()
	var ex *File
	for i := range files {
		if files[i].Name == "example_test.go" {
			ex = &files[i]
		}
	}
	if ex == nil {
		t.Fatal("no example_test.go in the module's files")
	}
	f, err := parser.ParseFile(token.NewFileSet(), ex.Name, ex.Content, parser.ParseComments)
	if err != nil {
		t.Fatalf("example_test.go: %v", err)
	}
	got := map[string]int{}
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && strings.HasPrefix(fd.Name.Name, "Example") {
			got[fd.Name.Name]++
		}
	}
	want := map[string]int{"Example": 1}
	for _, s := range api.Services {
		if len(s.Operations) == 0 {
			continue
		}
		name := "Example_client"
		if s.Name != "" {
			name = "Example_" + strings.ToLower(s.Name[:1]) + s.Name[1:]
		}
		for base, n := name, 2; want[name] > 0; n++ {
			name = base + strconv.Itoa(n)
		}
		want[name]++
	}
	if !maps.Equal(got, want) {
		t.Errorf("example_test.go declares %v, want one per service: %v", got, want)
	}
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			if strings.HasPrefix(strings.TrimSpace(strings.TrimPrefix(c.Text, "//")), "Output:") {
				t.Errorf("example_test.go has an Output comment, so go test would run it: %s", c.Text)
			}
		}
	}
	return *ex
}

func TestGenerateErrors(t *testing.T) {
	collide := petstoreExpanded()
	collide.Types = append(collide.Types, &ir.Named{Name: "Client", Ref: "#/components/schemas/Client", Type: prim(ir.String)})
	svc := kitchenSink()
	svc.Types = append(svc.Types,
		&ir.Named{Name: "PetsService", Ref: "#/components/schemas/PetsService", Type: prim(ir.String)},
		&ir.Named{Name: "PetsAPI", Ref: "#/components/schemas/PetsAPI", Type: prim(ir.String)})
	for _, tc := range []struct {
		name string
		api  *ir.API
		cfg  Config
		want string
	}{
		{"nil API", nil, Config{Package: "p"}, "generator: nil API"},
		{"no package", petstoreExpanded(), Config{}, `generator: invalid package name ""`},
		{"keyword package", petstoreExpanded(), Config{Package: "func"}, `generator: invalid package name "func"`},
		{"type named Client", collide, Config{Package: "p"}, "generator: schema #/components/schemas/Client and the generated Client are both named Client"},
		{"service type taken", svc, Config{Package: "p"}, "generator: schema #/components/schemas/PetsAPI and service Pets are both named PetsAPI"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Generate(tc.api, tc.cfg)
			if err == nil || err.Error() != tc.want {
				t.Errorf("error %v, want %s", err, tc.want)
			}
		})
	}
}

func TestServiceTypeFallback(t *testing.T) {
	api := kitchenSink()
	api.Types = append(api.Types, &ir.Named{Name: "PetsService", Ref: "#/components/schemas/PetsService", Type: prim(ir.String)})
	files, err := Generate(api, Config{Package: "kitchen"})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if f.Name == "pets.go" && !bytes.Contains(f.Content, []byte("type PetsAPI struct")) {
			t.Errorf("pets.go does not declare PetsAPI")
		}
	}
	compileCase(t, "fallback", files)
}

func TestFindCycles(t *testing.T) {
	a := &ir.Named{Name: "A"}
	b := &ir.Named{Name: "B"}
	ab := &ir.Field{Name: "B", Type: b, Required: true}
	ba := &ir.Field{Name: "A", Type: a, Required: true}
	aa := &ir.Field{Name: "Opt", Type: a}                                      // optional: a pointer already
	an := &ir.Field{Name: "Null", Type: &ir.Nullable{Elem: a}, Required: true} // nullable: a pointer already
	list := &ir.Field{Name: "List", Type: &ir.Array{Elem: a}, Required: true}
	a.Type = &ir.Struct{Fields: []*ir.Field{ab, aa, an, list}}
	b.Type = &ir.Struct{Fields: []*ir.Field{ba}}
	got := findCycles([]*ir.Named{a, b})
	if len(got) != 1 || !got[ba] {
		t.Errorf("pointer fields %v, want only B.A", got)
	}
}

func TestSnake(t *testing.T) {
	for in, want := range map[string]string{
		"Issues": "issues", "IssueComments": "issue_comments", "HTTPServer": "http_server",
		"OAuth2": "o_auth2", "APIKeys": "api_keys", "V2Pets": "v2_pets", "Repos_Hooks": "repos_hooks",
		"APIs": "apis", "URLsList": "urls_list", "APIsV1": "apis_v1", "APIStatus": "api_status",
	} {
		if got := snake(in); got != want {
			t.Errorf("snake(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestServiceFile(t *testing.T) {
	taken := map[string]bool{"client.go": true, "types.go": true}
	for in, want := range map[string]string{
		"":             "operations.go",
		"Pets":         "pets.go",
		"Client":       "client_service.go",
		"LoadTest":     "load_test_service.go",
		"RepoWindows":  "repo_windows_service.go",
		"LinuxAmd64":   "linux_amd64_service.go",
		"Linux":        "linux.go",
		"Types":        "types_service.go",
		"Operations":   "operations_service.go",
		"ActionsLinux": "actions_linux_service.go",
	} {
		if got := serviceFile(&ir.Service{Name: in}, taken); got != want {
			t.Errorf("serviceFile(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLeadWith(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"FindPets", "Returns all pets", "FindPets returns all pets"},
		{"FindPets", "returns all pets", "FindPets returns all pets"},
		{"AddPet", "Add a new pet", "AddPet adds a new pet"},
		{"Add", "Add a new pet", "Add adds a new pet"},
		{"Get", "Get returns a pet", "Get returns a pet"},
		{"Search", "Search for pets", "Search searches for pets"},
		{"Apply", "Apply a patch", "Apply a patch"},
		{"Pet", "A pet in the store", "A pet in the store"},
		{"Status", "Update", "Update"},
	} {
		if got := leadWith(tc.name, tc.text); got != tc.want {
			t.Errorf("leadWith(%q, %q) = %q, want %q", tc.name, tc.text, got, tc.want)
		}
	}
}

func TestCommentText(t *testing.T) {
	got := commentText("Lists pets", "Some code:\n\n\tx := 1\n- item one\n- item two", "", "Example: 3")
	// As gofmt leaves it: a blank line after the code block.
	want := "// Lists pets.\n//\n// Some code:\n//\n//\tx := 1\n//\n// - item one\n// - item two\n//\n// Example: 3"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// A list gofmt takes three passes to settle is written settled.
	got = commentText("Steps:\n\n  * one,\n\n  * two")
	want = "// Steps:\n//\n//   - one,\n//\n//   - two"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	long := strings.Repeat("word ", 30) + "https://example.com/" + strings.Repeat("x", 90)
	for _, l := range strings.Split(commentText(long), "\n") {
		if len(l) > wrapWidth+3 && !strings.Contains(l, "https://") {
			t.Errorf("line not wrapped: %q", l)
		}
	}
}

// TestRunOn: where a parameter is sent joins a prose description's last
// paragraph, and stands apart after a list, a code block or text that
// does not end a sentence.
func TestRunOn(t *testing.T) {
	sent := `Sent as the query parameter "q".`
	for _, tc := range []struct{ doc, want string }{
		{"", sent},
		{"The query", "The query. " + sent},
		{"First.\n\nSecond one.", "First.\n\nSecond one. " + sent},
		{"Kinds:\n\n- a\n- b", "Kinds:\n\n- a\n- b\n\n" + sent},
		{"Steps:\n\n1. a\n2. b.", "Steps:\n\n1. a\n2. b.\n\n" + sent},
		{"Example:\n\n\tq=1.", "Example:\n\n\tq=1.\n\n" + sent},
	} {
		if got := runOn(tc.doc, sent); got != tc.want {
			t.Errorf("runOn(%q) = %q, want %q", tc.doc, got, tc.want)
		}
	}
}

func TestLowerFirst(t *testing.T) {
	for in, want := range map[string]string{"Region": "region", "URL": "url", "URLPath": "urlPath", "region": "region", "ID2": "id2"} {
		if got := lowerFirst(in); got != want {
			t.Errorf("lowerFirst(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPackageName(t *testing.T) {
	for in, want := range map[string]string{
		"petstore": "petstore", "pet-store": "petstore", "Pets_V2": "pets_v2", "2fa": "api2fa", "---": "api",
		"petstore-expanded": "petstoreexpanded", "oai-uspto": "oaiuspto",
	} {
		if got := PackageName(in); got != want {
			t.Errorf("PackageName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestRenderAsImports checks the shortcut of render: its output is what
// imports.Process makes of the whole file, which changes nothing more. The
// golden cases show it for their own output; this covers the repository's
// test documents and the corpus documents whose doc comments vary most
// (with -corpus, every corpus document).
func TestRenderAsImports(t *testing.T) {
	specs, err := filepath.Glob(filepath.Join("..", "testdata", "specs", "*.yaml"))
	if err != nil || len(specs) == 0 {
		t.Fatalf("no specs under ../testdata/specs: %v", err)
	}
	if !testing.Short() {
		for _, sp := range corpusSpecs(t) {
			switch sp[0] {
			case "github-rest-api", "openai", "digitalocean", "box", "intercom":
				specs = append(specs, sp[1])
			default:
				if *corpus { // every document, as .ci/run asks
					specs = append(specs, sp[1])
				}
			}
		}
	}
	for _, spec := range specs {
		api, err := loader.Load(spec, loader.Options{})
		if err != nil {
			t.Fatal(err)
		}
		files, err := Generate(api, Config{Package: "p"})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			full, err := formatImports(f.Name, f.Content)
			if err != nil {
				t.Fatalf("%s: %s: %v", spec, f.Name, err)
			}
			if !bytes.Equal(full, f.Content) {
				t.Errorf("%s: %s changes when formatted whole", spec, f.Name)
			}
			if gofmt, err := format.Source(f.Content); err != nil || !bytes.Equal(gofmt, f.Content) {
				t.Errorf("%s: %s is not gofmt-clean (%v)", spec, f.Name, err)
			}
		}
	}
}

func TestImportsEnd(t *testing.T) {
	for src, want := range map[string]string{
		"// c\n\npackage p\n\nimport \"x\"\n\nfunc f() {}\n":             "// c\n\npackage p\n\nimport \"x\"\n",
		"package p\n\nimport (\n\t\"a\"\n\n\t\"b/c\"\n)\n\ntype T int\n": "package p\n\nimport (\n\t\"a\"\n\n\t\"b/c\"\n)\n",
		"// Package p.\npackage p\n\n// T.\ntype T int\n":                "// Package p.\npackage p\n",
		"package p\n": "package p\n",
	} {
		if got := src[:importsEnd([]byte(src))]; got != want {
			t.Errorf("importsEnd(%q) cut %q, want %q", src, got, want)
		}
	}
}

func TestGenerateInternalError(t *testing.T) {
	api := petstoreExpanded()
	// An operation with a nil parameter is not a valid IR: emitting it
	// panics.
	op := api.Services[0].Operations[0]
	op.Params = append(op.Params, nil)
	files, err := Generate(api, Config{Package: "p"})
	var ie *InternalError
	if !errors.As(err, &ie) || files != nil {
		t.Fatalf("got %d files, error %v; want an *InternalError", len(files), err)
	}
	if want := "internal error while generating operation " + op.Method + " " + op.Path + " (" + op.ID + "): runtime error: invalid memory address or nil pointer dereference"; err.Error() != want {
		t.Errorf("error\n got: %s\nwant: %s", err, want)
	}
}

// Every name serviceFile and chunkName give is short and read by the go
// tool as a plain source file on every platform (go/build decides).
func TestFileNamesBuildEverywhere(t *testing.T) {
	taken := map[string]bool{"client.go": true, "types.go": true}
	var files []File
	for _, in := range []string{
		"Linux", "Amd64", "FooTest", "Test", "Windows386", "Windows_386", "Js", "X_js", "A_wasm",
		"Z_linux_arm64", "_Hidden", strings.Repeat("T", 240), strings.Repeat("T", 240),
		"名前", "!!!", "Ünïcode_linux", "Sparc_64_test",
	} {
		name := serviceFile(&ir.Service{Name: in}, taken)
		taken[name] = true
		files = append(files, File{Name: name})
	}
	for i := 1; i <= 1000; i++ {
		files = append(files, File{Name: chunkName(i)})
	}
	checkFileNames(t, files)
	for in, want := range map[int]string{1: "types_1.go", 385: "types_385.go", 386: "types_386_gen.go"} {
		if got := chunkName(in); got != want {
			t.Errorf("chunkName(%d) = %q, want %q", in, got, want)
		}
	}
	long := serviceFile(&ir.Service{Name: strings.Repeat("T", 240)}, map[string]bool{})
	if want := strings.Repeat("t", maxFileBase) + ".go"; long != want {
		t.Errorf("a 240-character service gets %q, want %q", long, want)
	}
	if got := serviceFile(&ir.Service{Name: "名前"}, map[string]bool{}); got != "service.go" {
		t.Errorf("a service without ASCII letters gets %q, want service.go", got)
	}
}

func TestDropInvisible(t *testing.T) {
	for in, want := range map[string]string{
		"plain":                   "plain",
		"a\x00b":                  "ab",
		"\ufeffa\ufeff":           "a",
		"tab\tand\nline\r\n":      "tab\tand\nline\r\n",
		"bidi\u202e\u2066x\u2069": "bidix",
		"ctl\x01\x1f\x7f\u0085":   "ctl",
		"zero\u200bwidth":         "zero\u200bwidth", // legal in Go source; kept
		"bad\xffutf8":             "bad\ufffdutf8",
	} {
		if got := dropInvisible(in); got != want {
			t.Errorf("dropInvisible(%q) = %q, want %q", in, got, want)
		}
	}
}

// A formatting error names the message and the line, not the whole file.
func TestRenderErrorShort(t *testing.T) {
	err := errors.New("Error 3:4: illegal character NUL while formatting source:\npackage p\n\nvar x = 1\n" + strings.Repeat("// filler\n", 1000))
	got := renderError(err)
	if want := `3:4: illegal character NUL: "var x = 1"`; got != want {
		t.Errorf("renderError = %q, want %q", got, want)
	}
}

// bodiesSpec has services whose every operation needs a request body, one
// per kind of body, and a service with only a stream: each still gets an
// Example_{service} that compiles and vets. Its path parameters take the
// names an example uses for its own locals and packages.
const bodiesSpec = `openapi: 3.0.3
info: {title: Bodies, version: "1"}
paths:
  /json/{c}/{log}/{item}:
    parameters:
      - {name: c, in: path, required: true, schema: {type: string}}
      - {name: log, in: path, required: true, schema: {type: integer}}
      - {name: item, in: path, required: true, schema: {$ref: '#/components/schemas/Color'}}
    post:
      tags: [json]
      operationId: postJSON
      parameters: [{name: fmt, in: query, schema: {type: string}}]
      requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}
      responses: {"200": {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}}
  /array:
    post:
      tags: [array]
      requestBody: {required: true, content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Thing'}}}}}
      responses: {"204": {description: ok}}
  /map:
    put:
      tags: [map]
      requestBody: {required: true, content: {application/json: {schema: {type: object, additionalProperties: {type: integer}}}}}
      responses: {"204": {description: ok}}
  /any:
    put:
      tags: [any]
      requestBody: {required: true, content: {application/json: {schema: {}}}}
      responses: {"204": {description: ok}}
  /noschema:
    put:
      tags: [noschema]
      requestBody: {required: true, content: {application/json: {}}}
      responses: {"204": {description: ok}}
  /scalar:
    put:
      tags: [scalar]
      requestBody: {required: true, content: {application/json: {schema: {type: integer, format: int64}}}}
      responses: {"204": {description: ok}}
  /enum:
    put:
      tags: [enum]
      requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Color'}}}}
      responses: {"204": {description: ok}}
  /bytes:
    put:
      tags: [bytes]
      requestBody: {required: true, content: {application/json: {schema: {type: string, format: byte}}}}
      responses: {"204": {description: ok}}
  /nullable:
    put:
      tags: [nullable]
      requestBody: {required: true, content: {application/json: {schema: {type: object, nullable: true, properties: {a: {type: string}}}}}}
      responses: {"204": {description: ok}}
  /union:
    put:
      tags: [union]
      requestBody: {required: true, content: {application/json: {schema: {oneOf: [{$ref: '#/components/schemas/Thing'}, {type: string}]}}}}
      responses: {"204": {description: ok}}
  /optional:
    put:
      tags: [optional]
      requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}
      responses: {"204": {description: ok}}
  /text:
    put:
      tags: [text]
      requestBody: {required: true, content: {text/plain: {schema: {type: string}}}}
      responses: {"200": {description: ok, content: {text/plain: {schema: {type: string}}}}}
  /binary:
    put:
      tags: [binary]
      requestBody: {required: true, content: {application/octet-stream: {schema: {type: string, format: binary}}}}
      responses: {"200": {description: ok, content: {application/octet-stream: {schema: {type: string, format: binary}}}}}
  /optionalbinary:
    put:
      tags: [optionalbinary]
      requestBody: {content: {application/octet-stream: {schema: {type: string, format: binary}}}}
      responses: {"204": {description: ok}}
  /wildcard:
    put:
      tags: [wildcard]
      requestBody: {required: true, content: {'*/*': {schema: {type: string, format: binary}}}}
      responses: {"204": {description: ok}}
  /form:
    post:
      tags: [form]
      requestBody: {required: true, content: {application/x-www-form-urlencoded: {schema: {$ref: '#/components/schemas/Thing'}}}}
      responses: {"204": {description: ok}}
  /formraw:
    post:
      tags: [formraw]
      requestBody: {required: true, content: {application/x-www-form-urlencoded: {}}}
      responses: {"204": {description: ok}}
  /multipart:
    post:
      tags: [multipart]
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema: {type: object, required: [file], properties: {file: {type: string, format: binary}, note: {type: string}}}
      responses: {"204": {description: ok}}
  /multipartraw:
    post:
      tags: [multipartraw]
      requestBody: {required: true, content: {multipart/form-data: {}}}
      responses: {"204": {description: ok}}
  /twotypes:
    post:
      tags: [twotypes]
      requestBody:
        required: true
        content:
          application/json: {schema: {$ref: '#/components/schemas/Thing'}}
          application/x-www-form-urlencoded: {schema: {$ref: '#/components/schemas/Thing'}}
      responses: {"204": {description: ok}}
  /nullarg:
    get:
      tags: [nullarg]
      parameters:
        - {name: at, in: query, required: true, schema: {type: string, format: date-time, nullable: true}}
        - {name: pick, in: query, required: true, content: {application/json: {schema: {oneOf: [{$ref: '#/components/schemas/Thing'}, {type: integer}, {type: "null"}]}}}}
      responses: {"204": {description: ok}}
  /events:
    get:
      tags: [events]
      responses: {"200": {description: ok, content: {text/event-stream: {schema: {type: string}}}}}
components:
  schemas:
    Color: {type: string, enum: [red, green]}
    Thing:
      type: object
      required: [name]
      properties:
        name: {type: string}
        color: {$ref: '#/components/schemas/Color'}
`

func TestModuleExampleBodies(t *testing.T) {
	dir := t.TempDir()
	spec := filepath.Join(dir, "spec.yaml")
	if err := os.WriteFile(spec, []byte(bodiesSpec), 0o644); err != nil {
		t.Fatal(err)
	}
	api, err := loader.Load(spec, loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(api.Services) < 20 {
		t.Fatalf("%d services, want one per tag", len(api.Services))
	}
	files, err := Generate(api, Config{Package: "bodies", Module: "example.com/bodies"})
	if err != nil {
		t.Fatal(err)
	}
	checkExamples(t, api, files)
	var code []File
	for _, f := range files {
		if strings.HasSuffix(f.Name, ".go") {
			code = append(code, f)
		}
	}
	compileCase(t, "module/bodies", code)
}

// TestAcceptOf: the Accept header lists the media types of the responses
// the method returns, the default one included when it is the result (an
// operation with no 2xx), and not those of error responses.
func TestAcceptOf(t *testing.T) {
	json := func(mt string) *ir.Content { return &ir.Content{MediaType: mt, Kind: ir.KindJSON} }
	text := &ir.Content{MediaType: "text/plain", Kind: ir.KindText}
	for _, tc := range []struct {
		name string
		rs   []*ir.Response
		want string
	}{
		{"json 200", []*ir.Response{{Status: "200", Code: 200, Contents: []*ir.Content{json("application/json")}}}, ""},
		{"problem default, no 2xx", []*ir.Response{
			{Status: "302", Code: 302},
			{Status: "400", Code: 400, IsError: true, Contents: []*ir.Content{json("application/json")}},
			{Status: "default", Contents: []*ir.Content{json("application/problem+json")}},
		}, "application/problem+json"},
		{"error default", []*ir.Response{
			{Status: "2XX", Contents: []*ir.Content{json("application/vnd.x+json")}},
			{Status: "default", IsError: true, Contents: []*ir.Content{json("application/problem+json")}},
		}, "application/vnd.x+json"},
		{"text only", []*ir.Response{{Status: "201", Code: 201, Contents: []*ir.Content{text}}}, "text/plain"},
		{"json before text", []*ir.Response{{Status: "200", Code: 200, Contents: []*ir.Content{text, json("application/hal+json")}}}, "application/hal+json"},
	} {
		if got := acceptOf(&ir.Operation{Responses: tc.rs}); got != tc.want {
			t.Errorf("%s: Accept %q, want %q", tc.name, got, tc.want)
		}
	}
}
