package generator

import (
	"fmt"
	"path"
	"regexp"
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
	return []File{{Name: "README.md", Content: readme}, {Name: "example_test.go", Content: example}, {Name: "go.mod", Content: mod}}, nil
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
// without a request body (its iterator when it has one). The examples
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
			jen.List(jen.Id("c"), jen.Err()).Op(":=").Id("NewClient").Call(append([]jen.Code{jen.Id("DefaultServerURL")}, opts...)...),
			fatal.Clone(),
		}
	}
	decls := []jen.Code{
		jen.Comment("Example creates a client with the credentials of the document's security schemes, read from").Line().
			Comment("the environment, retries with backoff and a timeout for each whole call.").Line().
			Func().Id("Example").Params().Block(append(newClient(opts...), jen.Id("_").Op("=").Id("c"))...),
	}
	for _, s := range g.api.Services {
		if d := g.serviceExample(s, newClient(), fatal); d != nil {
			decls = append(decls, d)
		}
	}
	return unit{name: "example_test.go", decls: decls}
}

// serviceExample is the Example_{service} of s, or nil when every
// operation of s needs a request body or streams.
func (g *gen) serviceExample(s *ir.Service, newClient []jen.Code, fatal *jen.Statement) jen.Code {
	var op *ir.Operation
	iter := ""
	for _, o := range s.Operations {
		if o.Body != nil {
			continue
		}
		if it := g.iteratorName(s, o); it != "" {
			op, iter = o, it
			break
		}
		if k := g.resultOf(o).kind; op == nil && k != resultStream {
			op = o
		}
	}
	if op == nil {
		return nil
	}
	recv, typ := "c", clientType
	if s.Name != "" {
		recv, typ = "s", g.serviceTypes[s]
	}
	f := g.newOpFunc(op, recv, typ)
	target := jen.Id("c")
	suffix := "client"
	if s.Name != "" {
		target = target.Dot(s.Name)
		suffix = strings.ToLower(s.Name[:1]) + s.Name[1:]
	}
	names := f.argNames
	if f.hasPar {
		names = names[:len(names)-1] // params, the last name, is nil here
	}
	args := append([]jen.Code{jen.Id("ctx")}, names...)
	if f.hasPar {
		args = append(args, jen.Nil())
	}
	body := append([]jen.Code{}, newClient...)
	body = append(body, jen.Id("ctx").Op(":=").Qual("context", "Background").Call())
	if len(f.args) > 0 {
		body = append(body, jen.Comment("The operation's arguments."), jen.Var().Defs(f.args...))
	}
	what := op.Name
	switch {
	case iter != "":
		what = iter
		body = append(body, jen.For(jen.List(jen.Id("item"), jen.Err()).Op(":=").Range().Add(target.Clone().Dot(iter).Call(args...))).Block(
			fatal.Clone(),
			jen.Qual("fmt", "Println").Call(jen.Id("item")),
		))
	case g.resultOf(op).kind == resultNone:
		body = append(body, jen.Err().Op("=").Add(target.Clone().Dot(op.Name).Call(args...)), fatal.Clone())
	case g.resultOf(op).kind == resultResponse:
		body = append(body, jen.List(jen.Id("resp"), jen.Err()).Op(":=").Add(target.Clone().Dot(op.Name).Call(args...)), fatal.Clone(),
			jen.Defer().Id("resp").Dot("Body").Dot("Close").Call())
	default:
		body = append(body, jen.List(jen.Id("res"), jen.Err()).Op(":=").Add(target.Clone().Dot(op.Name).Call(args...)), fatal.Clone(),
			jen.Qual("fmt", "Println").Call(jen.Id("res")))
	}
	name := "Example_" + suffix
	return jen.Comment(name + " calls " + what + ".").Line().Func().Id(name).Params().Block(body...)
}
