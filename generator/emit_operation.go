package generator

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/genclient/genclient/ir"
)

// opFunc is what the methods of one operation are made of.
type opFunc struct {
	op       *ir.Operation
	recvName string
	recv     *jen.Statement // (c *Client) or (s *PetsService)
	sess     *jen.Statement // c.s or s.s
	args     []jen.Code     // path and required arguments, grouped by type
	argNames []jen.Code     // their names, in order
	hasPar   bool           // the method takes params *XxxParams after the body
	build    []jen.Code     // statements that build call, without its body
	result   result
	// shared is true when several methods send this operation (an
	// iterator, body variants): they then share an unexported builder.
	shared bool
}

// newOpFunc plans the methods of op on the receiver recvName of type
// recvType.
func (g *gen) newOpFunc(op *ir.Operation, recvName, recvType string) *opFunc {
	f := &opFunc{
		op:       op,
		recvName: recvName,
		recv:     jen.Id(recvName).Op("*").Id(recvType),
		sess:     jen.Id(recvName).Dot("s"),
	}
	names := newLocalNamer()
	names.used[recvName] = true
	var pathArgs, direct, requires []jen.Code
	var args argList
	for _, p := range op.Params {
		if inParamsStruct(p) {
			continue
		}
		name := names.name(p.Name)
		t := notNull(p.Type)
		args.add(name, ir.TypeKey(t), g.valueType(unquoted(t)))
		f.argNames = append(f.argNames, jen.Id(name))
		if nilable(t) {
			requires = append(requires, jen.Id("call").Dot("Require").Call(jen.Lit(name), jen.Id(name)))
		}
		if isEnumType(t) {
			requires = append(requires, jen.Id("call").Dot("Check").Call(jen.Lit(name), jen.Id(name)))
		}
		if p.In == ir.InPath {
			pathArgs = append(pathArgs, g.pathArg(p, jen.Id(name)))
		} else {
			direct = append(direct, g.addParam(p, jen.Id(name)))
		}
	}
	f.args = args.params()
	newCall := append([]jen.Code{jen.Lit(op.Method), jen.Lit(op.Path)}, pathArgs...)
	f.build = append(f.build, jen.Id("call").Op(":=").Qual(g.rt, "NewCall").Call(newCall...))
	f.build = append(f.build, requires...)
	f.build = append(f.build, direct...)
	if op.ParamsType != "" {
		f.hasPar = true
		f.argNames = append(f.argNames, jen.Id("params"))
		var adds []jen.Code
		for _, p := range op.Params {
			if !inParamsStruct(p) {
				continue
			}
			var add []jen.Code
			if isEnumType(notNull(p.Type)) {
				add = append(add, jen.Id("call").Dot("Check").Call(jen.Lit("params."+p.Name), jen.Id("params").Dot(p.Name)))
			}
			add = append(add, g.addParam(p, jen.Id("params").Dot(p.Name)))
			if zeroAbsent(notNull(p.Type)) {
				// The empty string is the absent value (see useType).
				add = []jen.Code{jen.If(jen.Id("params").Dot(p.Name).Op("!=").Lit("")).Block(add...)}
			}
			adds = append(adds, add...)
		}
		f.build = append(f.build, jen.If(jen.Id("params").Op("!=").Nil()).Block(adds...))
	}
	if op.Security != nil {
		f.build = append(f.build, jen.Id("call").Dot("Security").Op("=").Add(g.requirements(op.Security)))
	}
	if op.Server != "" && len(g.api.Servers) > 0 && op.Server != g.defaultServer() {
		f.build = append(f.build, jen.List(jen.Id("call").Dot("Server"), jen.Id("call").Dot("ServerOf")).Op("=").List(jen.Lit(op.Server), jen.Id(defaultServerURL)))
	}
	if accept := acceptOf(op); accept != "" {
		f.build = append(f.build, jen.Id("call").Dot("Accept").Op("=").Lit(accept))
	}
	if op.Idempotent && (op.Method == "POST" || op.Method == "PATCH") {
		f.build = append(f.build, jen.Id("call").Dot("Idempotent").Op("=").True())
	}
	if m := g.errorModel(op); m != nil {
		f.build = append(f.build, jen.Id("call").Dot("ErrorModel").Op("=").Add(m))
	}
	f.result = g.resultOf(op)
	f.shared = g.iteratorOf(op) != nil
	for _, c := range otherContents(op) {
		f.shared = f.shared || c.Method != ""
	}
	f.shared = f.shared || g.streamVariant(f) != nil
	return f
}

// streamVariant returns the event stream op's method leaves out (see
// ir.Operation.StreamAlternative) when a method of its own asks for it,
// or nil.
func (g *gen) streamVariant(f *opFunc) *ir.Content {
	c := f.op.StreamAlternative()
	if c == nil || c.Method == "" || f.result.kind != resultDecode {
		return nil
	}
	return c
}

// emitStreamVariant emits the method that asks for the event stream c
// of a response whose operation's own method decodes another content:
//
//	// CreateChatCompletionStream is CreateChatCompletion with the response
//	// read as text/event-stream: an iterator of its events.
//	func (s *ChatService) CreateChatCompletionStream(ctx context.Context, body CreateChatCompletionRequest, opts ...runtime.Option) iter.Seq2[CreateChatCompletionStreamResponse, error] {
//		call := s.createChatCompletionCall()
//		call.JSON(body)
//		call.Accept = "text/event-stream"
//		return runtime.Stream[CreateChatCompletionStreamResponse](ctx, s.s, call, opts...)
//	}
//
// The request is the same: when the API tells the two apart by a body
// member (OpenAI's "stream": true), the caller sets it.
func (g *gen) emitStreamVariant(f *opFunc, c *ir.Content) jen.Code {
	var bodyParam, bodyStmts []jen.Code
	if f.op.Body != nil && len(f.op.Body.Contents) > 0 {
		bodyParam, bodyStmts = g.bodyArg(f.op, f.op.Body.Contents[0])
	}
	r := result{kind: resultStream, typ: g.eventType(c.Type)}
	doc := comment(c.Method+" is "+f.op.Name+" with the response read as "+c.MediaType+": an iterator of its events. "+
		"It sends the same request; when the API tells the two apart by a member of the body, set it.", "\t"+f.op.Method+" "+f.op.Path)
	stmts := append(f.prologue(), bodyStmts...)
	stmts = append(stmts, jen.Id("call").Dot("Accept").Op("=").Lit(c.MediaType))
	stmts = append(stmts, r.send(g, f.sess)...)
	return jen.Add(doc).Func().Params(f.recv.Clone()).Id(c.Method).Params(g.signature(f, bodyParam)...).
		Add(r.results(g)).Block(stmts...)
}

// otherContents returns the media types of op's request body after the
// first, the one its method sends: none when the body has fewer than two
// (a requestBody whose content is empty has none at all).
func otherContents(op *ir.Operation) []*ir.Content {
	if op.Body == nil || len(op.Body.Contents) < 2 {
		return nil
	}
	return op.Body.Contents[1:]
}

// acceptOf returns the Accept header of op: the media types of its
// successful responses (the default when it is the result), in order —
// only the JSON ones when there are any, since those are what the method
// decodes — or "" when that is just application/json (the runtime's
// default) or nothing.
func acceptOf(op *ir.Operation) string {
	var types, json []string
	for _, r := range op.Responses {
		if !r.IsSuccess() {
			continue
		}
		for _, c := range r.Contents {
			if !slices.Contains(types, c.MediaType) {
				types = append(types, c.MediaType)
				if c.Kind == ir.KindJSON || c.Kind == ir.KindJSONStream {
					json = append(json, c.MediaType)
				}
			}
		}
	}
	if len(json) > 0 {
		types = json
	}
	if len(types) == 0 || len(types) == 1 && types[0] == "application/json" {
		return ""
	}
	return strings.Join(types, ", ")
}

// builderName is the unexported method that builds the call of an
// operation with several methods: "addPetCall".
func (f *opFunc) builderName() string { return lowerFirst(f.op.Name) + "Call" }

// signature returns the parameters of a method: ctx, the arguments, the
// body parameters, the params struct, opts.
func (g *gen) signature(f *opFunc, body []jen.Code) []jen.Code {
	out := []jen.Code{jen.Id("ctx").Qual("context", "Context")}
	out = append(out, f.args...)
	out = append(out, body...)
	if f.hasPar {
		out = append(out, jen.Id("params").Op("*").Id(f.op.ParamsType))
	}
	return append(out, jen.Id("opts").Op("...").Qual(g.rt, "Option"))
}

// prologue returns the statements that build call: the builder's call
// when the operation shares one, else the building statements.
func (f *opFunc) prologue() []jen.Code {
	if f.shared {
		return []jen.Code{jen.Id("call").Op(":=").Id(f.recvName).Dot(f.builderName()).Call(f.argNames...)}
	}
	return append([]jen.Code{}, f.build...)
}

// emitBuilder emits the unexported builder shared by the methods of one
// operation:
//
//	func (c *Client) findPetsCall(params *FindPetsParams) *runtime.Call {
//		call := runtime.NewCall("GET", "/pets")
//		...
//		return call
//	}
func (g *gen) emitBuilder(f *opFunc) jen.Code {
	params := append([]jen.Code{}, f.args...)
	if f.hasPar {
		params = append(params, jen.Id("params").Op("*").Id(f.op.ParamsType))
	}
	body := append(append([]jen.Code{}, f.build...), jen.Return(jen.Id("call")))
	return jen.Add(comment(f.builderName()+" builds the call of "+f.op.Name+" and its variants.")).
		Func().Params(f.recv.Clone()).Id(f.builderName()).Params(params...).Op("*").Qual(g.rt, "Call").Block(body...)
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
//		call.ErrorModel = runtime.NewErrorModel[Error]
//		var out *Pet
//		err := runtime.DecodeTo(ctx, c.s, call, &out, opts...)
//		return out, err
//	}
func (g *gen) emitOperation(f *opFunc) jen.Code {
	op := f.op
	paras := docParas(op.Name, op.Doc, "operation")
	if len(paras) == 0 || op.Doc.Summary == "" && op.Doc.Description == "" {
		paras = append([]string{fmt.Sprintf("%s calls %s %s.", op.Name, op.Method, op.Path)}, paras...)
	}
	if op.Body != nil && len(op.Body.Contents) > 1 {
		var others []string
		for _, c := range op.Body.Contents[1:] {
			if c.Method != "" {
				others = append(others, c.Method)
			}
		}
		if len(others) > 0 {
			paras = append(paras, "It sends the body as "+op.Body.Contents[0].MediaType+"; "+strings.Join(others, " and ")+" send it in another media type.")
		}
	}
	if op.HeadersType != "" {
		paras = append(paras, "The response headers it declares decode into "+op.HeadersType+" with runtime.WithResponseHeaders.")
	}
	paras = append(paras, "\t"+op.Method+" "+op.Path)
	var bodyParam, bodyStmts []jen.Code
	if op.Body != nil && len(op.Body.Contents) > 0 {
		bodyParam, bodyStmts = g.bodyArg(op, op.Body.Contents[0])
	}
	stmts := append(f.prologue(), bodyStmts...)
	stmts = append(stmts, f.result.send(g, f.sess)...)
	return jen.Add(comment(paras...)).Func().Params(f.recv.Clone()).Id(op.Name).Params(g.signature(f, bodyParam)...).
		Add(f.result.results(g)).Block(stmts...)
}

// emitBodyVariant emits the method that sends op's body in the media
// type of c:
//
//	// AddPetWithForm is AddPet with the body sent as application/x-www-form-urlencoded.
//	func (c *Client) AddPetWithForm(ctx context.Context, body NewPet, opts ...runtime.Option) (*Pet, error) {
//		call := c.addPetCall()
//		call.Form(body, nil)
//		var out *Pet
//		err := runtime.DecodeTo(ctx, c.s, call, &out, opts...)
//		return out, err
//	}
func (g *gen) emitBodyVariant(f *opFunc, c *ir.Content) jen.Code {
	bodyParam, bodyStmts := g.bodyArg(f.op, c)
	what := "sent as " + c.MediaType
	if strings.HasSuffix(c.Method, "WithBody") {
		what = "given as a stream in any of the media types the operation accepts (contentType)"
	}
	doc := comment(c.Method+" is "+f.op.Name+" with the body "+what+".", "\t"+f.op.Method+" "+f.op.Path)
	stmts := append(f.prologue(), bodyStmts...)
	stmts = append(stmts, f.result.send(g, f.sess)...)
	return jen.Add(doc).Func().Params(f.recv.Clone()).Id(c.Method).Params(g.signature(f, bodyParam)...).
		Add(f.result.results(g)).Block(stmts...)
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

// isEnumType reports whether t is an enum, or a list or nullable of one:
// a value the method checks with Valid before any I/O.
func isEnumType(t ir.Type) bool {
	switch t := t.(type) {
	case *ir.Named:
		_, ok := t.Type.(*ir.Enum)
		return ok
	case *ir.Array:
		return isEnumType(t.Elem)
	}
	return false
}
