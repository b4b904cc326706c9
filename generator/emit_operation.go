package generator

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/genclient/genclient/ir"
)

// opFunc is what one operation method is made of.
type opFunc struct {
	op     *ir.Operation
	recv   *jen.Statement // (c *Client) or (s *PetsService)
	sess   *jen.Statement // c.s or s.s
	params []jen.Code     // the signature's parameters, ctx to opts
	build  []jen.Code     // statements that build call
	result result
}

// newOpFunc plans the method of op on the receiver recvName of type
// recvType.
func (g *gen) newOpFunc(op *ir.Operation, recvName, recvType string) *opFunc {
	f := &opFunc{
		op:   op,
		recv: jen.Id(recvName).Op("*").Id(recvType),
		sess: jen.Id(recvName).Dot("s"),
	}
	names := newLocalNamer()
	names.used[recvName] = true
	f.params = []jen.Code{jen.Id("ctx").Qual("context", "Context")}
	var pathArgs, direct, requires []jen.Code
	var args argList
	for _, p := range op.Params {
		if inParamsStruct(p) {
			continue
		}
		name := names.name(p.Name)
		args.add(name, typeKey(p.Type), g.valueType(p.Type))
		if nilable(p.Type) {
			requires = append(requires, jen.Id("call").Dot("Require").Call(jen.Lit(name), jen.Id(name)))
		}
		if p.In == ir.InPath {
			pathArgs = append(pathArgs, jen.Id(name))
		} else {
			direct = append(direct, addParam(p, jen.Id(name)))
		}
	}
	f.params = append(f.params, args.params()...)
	newCall := append([]jen.Code{jen.Lit(op.Method), jen.Lit(op.Path)}, pathArgs...)
	f.build = append(f.build, jen.Id("call").Op(":=").Qual(g.rt, "NewCall").Call(newCall...))
	f.build = append(f.build, requires...)
	f.build = append(f.build, direct...)
	if op.Body != nil && len(op.Body.Contents) > 0 {
		param, stmts := g.bodyArg(op.Body)
		f.params = append(f.params, param)
		f.build = append(f.build, stmts...)
	}
	if op.ParamsType != "" {
		f.params = append(f.params, jen.Id("params").Op("*").Id(op.ParamsType))
		var adds []jen.Code
		for _, p := range op.Params {
			if inParamsStruct(p) {
				adds = append(adds, addParam(p, jen.Id("params").Dot(p.Name)))
			}
		}
		f.build = append(f.build, jen.If(jen.Id("params").Op("!=").Nil()).Block(adds...))
	}
	f.params = append(f.params, jen.Id("opts").Op("...").Qual(g.rt, "Option"))
	if op.Security != nil {
		f.build = append(f.build, jen.Id("call").Dot("Security").Op("=").Add(g.requirements(op.Security)))
	}
	if op.Idempotent && (op.Method == "POST" || op.Method == "PATCH") {
		f.build = append(f.build, jen.Id("call").Dot("Idempotent").Op("=").True())
	}
	if m := g.errorModel(op); m != nil {
		f.build = append(f.build, jen.Id("call").Dot("ErrorModel").Op("=").Add(m))
	}
	f.result = g.resultOf(op)
	return f
}

// argList collects method arguments, merging neighbours of the same type
// into one group: (owner, repo string, number int).
type argList []argGroup

type argGroup struct {
	names []jen.Code
	key   string
	typ   *jen.Statement
}

func (a *argList) add(name, key string, typ *jen.Statement) {
	if n := len(*a); n > 0 && (*a)[n-1].key == key {
		(*a)[n-1].names = append((*a)[n-1].names, jen.Id(name))
		return
	}
	*a = append(*a, argGroup{names: []jen.Code{jen.Id(name)}, key: key, typ: typ})
}

func (a argList) params() []jen.Code {
	var out []jen.Code
	for _, g := range a {
		out = append(out, jen.List(g.names...).Add(g.typ))
	}
	return out
}

// emitOperation emits the method of one operation:
//
//	// FindPetByID returns a pet based on a single ID.
//	//
//	//	GET /pets/{id}
//	func (c *Client) FindPetByID(ctx context.Context, id int64, opts ...runtime.Option) (*Pet, error) {
//		call := runtime.NewCall("GET", "/pets/{id}", id)
//		call.ErrorModel = func(int) any { return new(Error) }
//		return runtime.Decode[*Pet](ctx, c.s, call, opts...)
//	}
func (g *gen) emitOperation(f *opFunc) jen.Code {
	op := f.op
	paras := docParas(op.Name, op.Doc, "operation")
	if len(paras) == 0 || op.Doc.Summary == "" && op.Doc.Description == "" {
		paras = append([]string{fmt.Sprintf("%s calls %s %s.", op.Name, op.Method, op.Path)}, paras...)
	}
	paras = append(paras, "\t"+op.Method+" "+op.Path)
	body := append(append([]jen.Code{}, f.build...), jen.Return(f.result.call(g, f.sess)))
	return jen.Add(comment(paras...)).Func().Params(f.recv).Id(op.Name).Params(f.params...).
		Add(f.result.results(g)).Block(body...)
}

// requirements emits a requirement list:
//
//	[]runtime.Requirement{{"api_key"}, {}}
func (g *gen) requirements(reqs []ir.Requirement) jen.Code {
	return jen.Index().Qual(g.rt, "Requirement").ValuesFunc(func(grp *jen.Group) {
		for _, r := range reqs {
			grp.ValuesFunc(func(grp *jen.Group) {
				for _, u := range r {
					grp.Lit(u.Scheme)
				}
			})
		}
	})
}

// bodyArg returns the body parameter and the statements that set it:
//
//	body NewPet     call.JSON(body)                                  (JSON, required)
//	body *NewPet    if body != nil { call.JSON(body) }               (JSON, optional)
//	body url.Values      call.WithBody(runtime.FormBody(body))                 (form)
//	body []runtime.Part  call.WithBody(runtime.MultipartBody(body...))         (multipart)
//	body io.Reader  call.WithBody(runtime.ReaderBody(ct, body, -1))  (binary, text)
func (g *gen) bodyArg(b *ir.Body) (jen.Code, []jen.Code) {
	c := b.Contents[0]
	mt := c.MediaType
	var typ *jen.Statement
	var set jen.Code
	isNil := true // whether the Go type is nilable (checked with Require / != nil)
	switch {
	case c.Kind == ir.KindJSON && c.Type != nil && !isBinary(c.Type):
		t := c.Type
		if n, ok := t.(*ir.Nullable); ok {
			t = n.Elem
		}
		typ = g.valueType(t)
		isNil = nilable(t)
		if !b.Required && !isNil {
			typ = jen.Op("*").Add(typ)
			isNil = true
		}
		set = jsonBody(mt)
	case c.Kind == ir.KindJSON && c.Type == nil:
		typ, set = jen.Any(), jsonBody(mt)
	case c.Kind == ir.KindForm:
		typ = jen.Qual("net/url", "Values")
		set = jen.Id("call").Dot("WithBody").Call(jen.Qual(g.rt, "FormBody").Call(jen.Id("body")))
	case c.Kind == ir.KindMultipart:
		typ = jen.Index().Qual(g.rt, "Part")
		set = jen.Id("call").Dot("WithBody").Call(jen.Qual(g.rt, "MultipartBody").Call(jen.Id("body").Op("...")))
	default:
		typ = jen.Qual("io", "Reader")
		set = jen.Id("call").Dot("WithBody").Call(jen.Qual(g.rt, "ReaderBody").Call(jen.Lit(concreteType(c)), jen.Id("body"), jen.Lit(-1)))
	}
	param := jen.Id("body").Add(typ)
	switch {
	case !b.Required:
		return param, []jen.Code{jen.If(jen.Id("body").Op("!=").Nil()).Block(set)}
	case isNil:
		return param, []jen.Code{jen.Id("call").Dot("Require").Call(jen.Lit("body"), jen.Id("body")), set}
	}
	return param, []jen.Code{set}
}

// jsonBody is call.JSON(body), or call.JSONAs(mediaType, body) for
// another JSON media type.
func jsonBody(mt string) jen.Code {
	if mt == "application/json" {
		return jen.Id("call").Dot("JSON").Call(jen.Id("body"))
	}
	return jen.Id("call").Dot("JSONAs").Call(jen.Lit(mt), jen.Id("body"))
}

// concreteType is the Content-Type to send for a streamed body: the media
// type, unless it is a wildcard such as "*/*" or "image/*".
func concreteType(c *ir.Content) string {
	if !strings.Contains(c.MediaType, "*") {
		return c.MediaType
	}
	if c.Kind == ir.KindText {
		return "text/plain"
	}
	return "application/octet-stream"
}
