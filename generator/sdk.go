package generator

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/genclient/genclient/ir"
	"github.com/genclient/genclient/templates"
)

// develVersion is the runtime version a development build of genclient
// writes into go.mod: it exists nowhere, so the build fails until the
// replace the go.mod's comment gives is added.
const develVersion = "v0.0.0-00010101000000-000000000000"

// moduleFiles renders go.mod, README.md and example_test.go of a
// standalone SDK module.
func (g *gen) moduleFiles() ([]File, error) {
	sdk := templates.SDK{
		Module:        g.cfg.Module,
		Package:       g.cfg.Package,
		Title:         g.api.Title,
		Version:       g.api.Version,
		RuntimeModule: runtimeModule(g.rt),
		RuntimeImport: g.rt,
		GoVersion:     templates.RuntimeGoVersion,
	}
	sdk.RuntimeVersion = g.cfg.RuntimeVersion
	if g.rt == DefaultRuntimeImport {
		sdk.Requires = templates.RuntimeRequires
		if sdk.RuntimeVersion == "" {
			sdk.RuntimeVersion, sdk.Devel = develVersion, true
		}
	} else if sdk.RuntimeVersion == "" {
		sdk.RuntimeVersion = "v0.0.0"
	}
	if base := modulePackage(g.cfg.Module); base != g.cfg.Package {
		sdk.Alias = g.cfg.Package
	}
	sdk.Description, _ = firstPara(joinNonEmpty(g.api.Doc.Summary, g.api.Doc.Description))
	for _, s := range g.api.Services {
		if s.Name != "" {
			sdk.Services = append(sdk.Services, s.Name)
		}
	}
	pkg := g.cfg.Package + "."
	sdk.ServerURL = pkg + defaultServerURL
	if len(g.api.Servers) == 0 {
		sdk.ServerURL = `"` + exampleServerURL + `"`
	}
	for _, s := range g.api.Schemes {
		if args := authArgs(s, strings.ToUpper(g.cfg.Package)); args != "" && len(sdk.Auth) < 3 {
			sdk.Auth = append(sdk.Auth, pkg+optionName(s)+"("+args+")")
		}
	}
	if ex := g.listExample(); ex != nil {
		sdk.List = "for " + ex.item + ", err := range " + ex.call(pkg, true) + " {"
		sdk.ListItem = ex.item
	}
	if ex := g.errorExample(); ex != nil {
		sdk.Call = ex.call(pkg, false)
		if g.resultOf(ex.op).kind == resultNone {
			sdk.Call = "err = " + sdk.Call
		} else {
			sdk.Call = "_, err = " + sdk.Call
		}
		sdk.ErrorModel = "*" + pkg + ex.model
	}
	mod, err := templates.GoMod(sdk)
	if err != nil {
		return nil, fmt.Errorf("generator: %w", err)
	}
	readme, err := templates.Readme(sdk)
	if err != nil {
		return nil, fmt.Errorf("generator: %w", err)
	}
	example, err := g.render(g.exampleUnit())
	if err != nil {
		return nil, err
	}
	files := []File{{Name: "README.md", Content: readme}, {Name: "example_test.go", Content: example}, {Name: "go.mod", Content: mod}}
	if sum := goSum(g.rt, g.cfg.RuntimeVersion, g.cfg.RuntimeSum); sum != nil {
		files = append(files, File{Name: GoSum, Content: sum})
	}
	return files, nil
}

// GoSum is the name of a module's checksum file. It is the one generated
// file without the generated-code header (go.sum has no comments): it is
// written only beside a generated go.mod, from which its content follows.
const GoSum = "go.sum"

// goSum is the go.sum of an SDK module that requires the runtime at
// version, whose module hash is sum: the lines go mod tidy writes, the
// runtime's hashes and those of the modules the runtime package and its
// tests import (the go.mod's indirect requirements are the former),
// sorted as go sorts them. It is nil
// for a fork of the runtime and when the version or its hash is unknown.
func goSum(rt, version, sum string) []byte {
	if rt != DefaultRuntimeImport || version == "" || sum == "" {
		return nil
	}
	mods := append([]templates.Require{{Path: runtimeModule(rt), Version: version, Sum: sum, GoModSum: templates.RuntimeGoModSum}}, templates.RuntimeRequires...)
	mods = append(mods, templates.RuntimeTestRequires...)
	slices.SortFunc(mods, func(a, b templates.Require) int { return strings.Compare(a.Path, b.Path) })
	var b strings.Builder
	for _, r := range mods {
		fmt.Fprintf(&b, "%s %s %s\n%s %s/go.mod %s\n", r.Path, r.Version, r.Sum, r.Path, r.Version, r.GoModSum)
	}
	return []byte(b.String())
}

// runtimeModule is the module that provides the runtime import path: the
// runtime is a module of its own (github.com/genclient/genclient/runtime),
// and a fork given with -runtime is expected to be one too.
func runtimeModule(importPath string) string { return importPath }

// majorSuffix matches the /vN of a major version in a module path.
var majorSuffix = regexp.MustCompile(`/v[0-9]+$`)

// modulePackage is the package name go would assume for a module path:
// its last element without a major version suffix.
func modulePackage(mod string) string {
	return path.Base(majorSuffix.ReplaceAllString(mod, ""))
}

// authArgs returns the arguments of a scheme's option in an example,
// read from the environment; "" for a scheme whose option takes a value
// an example cannot make (a token source, an Auth).
func authArgs(s *ir.SecurityScheme, env string) string {
	get := func(names ...string) string {
		var out []string
		for _, n := range names {
			out = append(out, `os.Getenv("`+env+"_"+n+`")`)
		}
		return strings.Join(out, ", ")
	}
	switch {
	case s.Kind == ir.SchemeHTTPBearer:
		return get("TOKEN")
	case s.Kind == ir.SchemeHTTPBasic || s.Kind == ir.SchemeHTTPDigest:
		return get("USER", "PASSWORD")
	case s.Kind == ir.SchemeAPIKey:
		return get("API_KEY")
	case s.Kind == ir.SchemeOAuth2 && s.TokenURL != "":
		return get("CLIENT_ID", "CLIENT_SECRET")
	}
	return ""
}

// example is one operation shown in the README and example_test.go.
type example struct {
	svc   *ir.Service
	op    *ir.Operation
	iter  string // the iterator method, for a list
	item  string
	model string // the declared error model's type name
}

// call is the example's call as text: pkg.c.Svc.Method(ctx, args..., nil).
func (e *example) call(pkg string, iter bool) string {
	recv := "c."
	if e.svc.Name != "" {
		recv += e.svc.Name + "."
	}
	name := e.op.Name
	if iter {
		name = e.iter
	}
	args := []string{"ctx"}
	for _, p := range e.op.Params {
		if !inParamsStruct(p) {
			args = append(args, p.Name)
		}
	}
	if e.op.Body != nil {
		args = append(args, "body")
	}
	if e.op.ParamsType != "" {
		args = append(args, "nil")
	}
	return recv + name + "(" + strings.Join(args, ", ") + ")"
}

// iteratorName is the name emitIterator gives op's iterator in svc, or "".
func (g *gen) iteratorName(svc *ir.Service, op *ir.Operation) string {
	if g.iteratorOf(op) == nil {
		return ""
	}
	taken := map[string]bool{}
	for _, o := range svc.Operations {
		taken[o.Name] = true
	}
	for _, n := range []string{op.Name + "All", op.Name + "Iter"} {
		if !taken[n] {
			return n
		}
	}
	return ""
}

// listExample is the first paginated operation, in service order.
func (g *gen) listExample() *example {
	for _, s := range g.api.Services {
		for _, op := range s.Operations {
			if it := g.iteratorName(s, op); it != "" {
				return &example{svc: s, op: op, iter: it, item: "item"}
			}
		}
	}
	return nil
}

// errorExample is the first operation with a declared error model, in
// service order.
func (g *gen) errorExample() *example {
	for _, s := range g.api.Services {
		for _, op := range s.Operations {
			if k := g.resultOf(op).kind; k == resultStream || k == resultResponse {
				continue
			}
			for _, r := range op.Responses {
				if !r.IsError || len(r.Contents) == 0 || r.Contents[0].Kind != ir.KindJSON {
					continue
				}
				if n, ok := r.Contents[0].Type.(*ir.Named); ok {
					return &example{svc: s, op: op, model: n.Name}
				}
			}
		}
	}
	return nil
}

// exampleUnit is example_test.go of an SDK module: Example, which builds
// a client with the document's credentials, retries and a timeout, and
// one Example_{service} per service that calls one of its operations
// (see exampleOp; with a request body only when every operation has
// one, built by exampleBody). The examples
// have no Output comment: go test compiles them and go vet checks them,
// but they never call the API.
//
//	func Example_pets() {
//		c, err := NewClient(DefaultServerURL)
//		if err != nil {
//			log.Fatal(err)
//		}
//		ctx := context.Background()
//		var id int64
//		for item, err := range c.Pets.ListAll(ctx, id, nil) { ... }
//	}
func (g *gen) exampleUnit() unit {
	var opts []jen.Code
	for _, s := range g.api.Schemes {
		args := authArgs(s, strings.ToUpper(g.cfg.Package))
		if args == "" {
			continue
		}
		var call []jen.Code
		for _, a := range strings.Split(args, ", ") {
			env := strings.TrimSuffix(strings.TrimPrefix(a, `os.Getenv("`), `")`)
			call = append(call, jen.Qual("os", "Getenv").Call(jen.Lit(env)))
		}
		opts = append(opts, jen.Line().Id(optionName(s)).Call(call...))
	}
	opts = append(opts,
		jen.Line().Qual(g.rt, "WithRetry").Call(jen.Qual(g.rt, "RetryPolicy").Values(jen.Dict{jen.Id("MaxAttempts"): jen.Lit(4)})),
		jen.Line().Qual(g.rt, "WithTimeout").Call(jen.Lit(30).Op("*").Qual("time", "Second")),
		jen.Line())
	fatal := jen.If(jen.Err().Op("!=").Nil()).Block(jen.Qual("log", "Fatal").Call(jen.Err()))
	newClient := func(opts ...jen.Code) []jen.Code {
		return []jen.Code{
			jen.List(jen.Id("c"), jen.Err()).Op(":=").Id("NewClient").Call(append([]jen.Code{g.exampleServer()}, opts...)...),
			fatal.Clone(),
		}
	}
	decls := []jen.Code{
		jen.Comment("Example creates a client with the credentials of the document's security schemes, read from").Line().
			Comment("the environment, retries with backoff and a timeout for each whole call.").Line().
			Func().Id("Example").Params().Block(append(newClient(opts...), jen.Id("_").Op("=").Id("c"))...),
	}
	used := map[string]bool{}
	for _, s := range g.api.Services {
		if d := g.serviceExample(s, newClient(), fatal, used); d != nil {
			decls = append(decls, d)
		}
	}
	return unit{name: "example_test.go", decls: decls}
}

// exampleServerURL is the server an example passes to NewClient when the
// document lists none (and the package has no DefaultServerURL).
const exampleServerURL = "https://api.example.com"

// exampleServer is the server URL argument of NewClient in an example:
// DefaultServerURL, or exampleServerURL when the document lists no server.
func (g *gen) exampleServer() jen.Code {
	if len(g.api.Servers) == 0 {
		return jen.Lit(exampleServerURL)
	}
	return jen.Id(defaultServerURL)
}

// exampleLocals are the names an Example_{service} uses besides the
// operation's arguments: its locals and the packages it calls.
var exampleLocals = []string{"c", "ctx", "err", "body", "item", "res", "resp", "log", "fmt", "context", "strings", "url", "io", "time", "os"}

// exampleOp picks the operation Example_{service} calls: the first that
// has an iterator, else the first with a plain result, each preferring an
// operation without a request body; else the first at all (a stream).
// Every service has one.
func (g *gen) exampleOp(s *ir.Service) (*ir.Operation, string) {
	hasBody := func(o *ir.Operation) bool { return o.Body != nil && len(o.Body.Contents) > 0 }
	streams := func(o *ir.Operation) bool {
		k := g.resultOf(o).kind
		return k == resultStream || k == resultJSONStream
	}
	for _, withBody := range []bool{false, true} {
		for _, o := range s.Operations {
			if hasBody(o) == withBody {
				if it := g.iteratorName(s, o); it != "" {
					return o, it
				}
			}
		}
		for _, o := range s.Operations {
			if hasBody(o) == withBody && !streams(o) {
				return o, ""
			}
		}
	}
	if len(s.Operations) == 0 {
		return nil, ""
	}
	return s.Operations[0], ""
}

// exampleBody returns the statements that declare the body an example
// passes to op's method, and the argument (body, or nil for an optional
// body): the smallest value the method accepts before any I/O, a
// non-nil empty value where it requires one (an empty composite literal,
// strings.NewReader("")) and the zero value otherwise. It mirrors
// bodyArg.
func (g *gen) exampleBody(op *ir.Operation) ([]jen.Code, []jen.Code) {
	if op.Body == nil || len(op.Body.Contents) == 0 {
		return nil, nil
	}
	b, c := op.Body, op.Body.Contents[0]
	body := jen.Id("body")
	empty := jen.Qual("strings", "NewReader").Call(jen.Lit(""))
	declare := func(t *jen.Statement, composite bool) []jen.Code {
		if composite {
			return []jen.Code{body.Clone().Op(":=").Add(t).Values()}
		}
		return []jen.Code{jen.Var().Id("body").Add(t)}
	}
	switch {
	case strings.HasSuffix(c.Method, "WithBody"):
		return []jen.Code{body.Clone().Op(":=").Add(empty)}, []jen.Code{jen.Lit(c.MediaType), body.Clone()}
	case c.Kind == ir.KindText:
		return []jen.Code{jen.Var().Id("body").String()}, []jen.Code{body.Clone()}
	case !b.Required:
		return nil, []jen.Code{jen.Nil()}
	case c.Kind == ir.KindJSON && c.Type != nil && !isBinary(c.Type), c.Kind == ir.KindForm && ir.StructOf(c.Type) != nil:
		t := c.Type
		if n, ok := t.(*ir.Nullable); ok {
			t = n.Elem
		}
		switch shapeOf(t) {
		case shapeStruct, shapeNilable:
			if p, ok := t.(*ir.Primitive); ok && p.Kind == ir.Bytes {
				return []jen.Code{body.Clone().Op(":=").Index().Byte().Values()}, []jen.Code{body.Clone()}
			}
			if n, ok := t.(*ir.Named); ok {
				if _, ok := n.Type.(*ir.Any); ok { // a json.RawMessage
					return []jen.Code{body.Clone().Op(":=").Id(n.Name).Call(jen.Lit("{}"))}, []jen.Code{body.Clone()}
				}
			}
			return declare(g.valueType(t), true), []jen.Code{body.Clone()}
		case shapeAny: // a json.RawMessage
			return []jen.Code{body.Clone().Op(":=").Add(g.valueType(t)).Call(jen.Lit("{}"))}, []jen.Code{body.Clone()}
		}
		return declare(g.valueType(t), false), []jen.Code{body.Clone()}
	case c.Kind == ir.KindJSON && c.Type == nil:
		return []jen.Code{body.Clone().Op(":=").Map(jen.String()).Any().Values()}, []jen.Code{body.Clone()}
	case c.Kind == ir.KindForm:
		return declare(jen.Qual("net/url", "Values"), true), []jen.Code{body.Clone()}
	case c.Kind == ir.KindMultipart && op.MultipartType != "" && ir.StructOf(c.Type) != nil:
		return declare(jen.Id(op.MultipartType), true), []jen.Code{body.Clone()}
	case c.Kind == ir.KindMultipart:
		return declare(jen.Index().Qual(g.rt, "Part"), true), []jen.Code{body.Clone()}
	}
	return []jen.Code{body.Clone().Op(":=").Add(empty)}, []jen.Code{body.Clone()}
}

// serviceExample is the Example_{service} of s: it calls the operation
// exampleOp picks with its arguments declared (zero values; a required
// body as exampleBody makes it) and prints what it returns. It is nil
// only for a service without operations.
func (g *gen) serviceExample(s *ir.Service, newClient []jen.Code, fatal *jen.Statement, used map[string]bool) jen.Code {
	op, iter := g.exampleOp(s)
	if op == nil {
		return nil
	}
	target := jen.Id("c")
	suffix := "client"
	if s.Name != "" {
		target = target.Dot(s.Name)
		suffix = strings.ToLower(s.Name[:1]) + s.Name[1:]
	}
	names := &localNamer{used: map[string]bool{}}
	for _, r := range exampleLocals {
		names.used[r] = true
	}
	var vars argList
	args := []jen.Code{jen.Id("ctx")}
	for _, p := range op.Params {
		if inParamsStruct(p) {
			continue
		}
		name := names.name(p.Name)
		t := notNull(p.Type) // as the method takes it (see emitOperation)
		vars.add(name, ir.TypeKey(t), g.valueType(unquoted(t)))
		args = append(args, jen.Id(name))
	}
	bodyDecl, bodyArgs := g.exampleBody(op)
	args = append(args, bodyArgs...)
	if op.ParamsType != "" {
		args = append(args, jen.Nil())
	}
	body := append([]jen.Code{}, newClient...)
	body = append(body, jen.Id("ctx").Op(":=").Qual("context", "Background").Call())
	if len(vars) > 0 {
		body = append(body, jen.Comment("The operation's arguments."), jen.Var().Defs(vars.params()...))
	}
	if len(bodyDecl) > 0 {
		body = append(body, jen.Comment("The request body."))
		body = append(body, bodyDecl...)
	}
	what := op.Name
	kind := g.resultOf(op).kind
	switch {
	case iter != "" || kind == resultStream || kind == resultJSONStream:
		method := op.Name
		if iter != "" {
			method = iter
		}
		what = method
		body = append(body, jen.For(jen.List(jen.Id("item"), jen.Err()).Op(":=").Range().Add(target.Clone().Dot(method).Call(args...))).Block(
			fatal.Clone(),
			jen.Qual("fmt", "Println").Call(jen.Id("item")),
		))
	case kind == resultNone:
		body = append(body, jen.Err().Op("=").Add(target.Clone().Dot(op.Name).Call(args...)), fatal.Clone())
	case kind == resultResponse:
		body = append(body, jen.List(jen.Id("resp"), jen.Err()).Op(":=").Add(target.Clone().Dot(op.Name).Call(args...)), fatal.Clone(),
			jen.Defer().Id("resp").Dot("Body").Dot("Close").Call())
	default:
		body = append(body, jen.List(jen.Id("res"), jen.Err()).Op(":=").Add(target.Clone().Dot(op.Name).Call(args...)), fatal.Clone(),
			jen.Qual("fmt", "Println").Call(jen.Id("res")))
	}
	// A service named Client and the client's own operations would both
	// be Example_client: the later one gets a number.
	name := "Example_" + suffix
	for n := 2; used[name]; n++ {
		name = "Example_" + suffix + strconv.Itoa(n)
	}
	used[name] = true
	return jen.Comment(name + " calls " + what + ".").Line().Func().Id(name).Params().Block(body...)
}
