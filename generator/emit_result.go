package generator

import (
	"slices"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/genclient/genclient/ir"
)

// resultKind says what an operation method returns.
type resultKind int

const (
	resultNone       resultKind = iota // error, via runtime.Exec
	resultDecode                       // (T, error), via runtime.DecodeTo
	resultResponse                     // (*runtime.Response, error), via Session.Do: the body is the caller's
	resultText                         // (string, error), via runtime.Text
	resultStream                       // iter.Seq2[T, error], via runtime.Stream[T]
	resultJSONStream                   // iter.Seq2[T, error], via runtime.JSONStream[T]
	resultMulti                        // (*XxxResult, error), via runtime.DecodeFunc: one field per status
)

type result struct {
	kind resultKind
	typ  *jen.Statement // T for resultDecode and resultStream
	op   *ir.Operation
	// content is the JSON stream content of resultJSONStream.
	content *ir.Content
}

// resultOf picks what the method returns from the successful responses:
// the op's ResultType when their JSON types differ; else the first with
// content: JSON with a type decodes into it (*T for structs and unions, T
// otherwise), JSON without a schema into json.RawMessage, text into a
// string, an event stream into an iterator of its events; anything else
// (binary) is returned as the open *runtime.Response.
func (g *gen) resultOf(op *ir.Operation) result {
	if op.ResultType != "" {
		return result{kind: resultMulti, op: op}
	}
	for _, r := range op.Responses {
		if !isSuccess(r) || len(r.Contents) == 0 {
			continue
		}
		c := r.Contents[0]
		switch {
		case c.Kind == ir.KindText:
			return result{kind: resultText}
		case c.Kind == ir.KindEventStream:
			return result{kind: resultStream, typ: g.eventType(c.Type)}
		case c.Kind == ir.KindJSONStream:
			return result{kind: resultJSONStream, typ: g.messageType(c.Type), content: c}
		case c.Kind != ir.KindJSON || isBinary(c.Type):
			return result{kind: resultResponse}
		case c.Type == nil:
			return result{kind: resultDecode, typ: rawMessage()}
		}
		return result{kind: resultDecode, typ: g.resultType(c.Type)}
	}
	return result{kind: resultNone}
}

// eventType is the type each event of a stream decodes into:
// runtime.Event without a schema, string for a string schema, else the
// schema's type.
func (g *gen) eventType(t ir.Type) *jen.Statement {
	if t == nil {
		return jen.Qual(g.rt, "Event")
	}
	if p, ok := t.(*ir.Primitive); ok && (p.Kind == ir.String || p.Kind == ir.Binary) {
		return jen.String()
	}
	if n, ok := t.(*ir.Nullable); ok {
		t = n.Elem
	}
	return g.valueType(t)
}

// messageType is the type each message of a JSON stream decodes into:
// json.RawMessage without a schema, else the schema's type.
func (g *gen) messageType(t ir.Type) *jen.Statement {
	if t == nil {
		return rawMessage()
	}
	if n, ok := t.(*ir.Nullable); ok {
		t = n.Elem
	}
	return g.valueType(t)
}

// streamFormat is the runtime.StreamFormat of a JSON stream content:
//
//	runtime.StreamFormat{}
//	runtime.StreamFormat{Envelope: true, ErrorModel: func() any { return new(RuntimeStreamError) }}
func (g *gen) streamFormat(c *ir.Content) jen.Code {
	d := jen.Dict{}
	if c.Envelope != nil {
		d[jen.Id("Envelope")] = jen.True()
		if t := c.Envelope.Error; t != nil {
			if n, ok := t.(*ir.Nullable); ok {
				t = n.Elem
			}
			d[jen.Id("ErrorModel")] = jen.Func().Params().Any().Block(jen.Return(jen.New(g.valueType(t))))
		}
	}
	return jen.Qual(g.rt, "StreamFormat").Values(d)
}

// resultType is the Go type a decoded result is returned as.
func (g *gen) resultType(t ir.Type) *jen.Statement {
	if n, ok := t.(*ir.Nullable); ok {
		t = n.Elem
	}
	if shapeOf(t) == shapeStruct {
		return jen.Op("*").Add(g.valueType(t))
	}
	return g.valueType(t)
}

// isSuccess reports whether r is a 2xx response, or the "default" of an
// operation that declares no 2xx.
func isSuccess(r *ir.Response) bool {
	if r.Code >= 200 && r.Code < 300 || strings.EqualFold(r.Status, "2XX") {
		return true
	}
	return r.Status == "default" && !r.IsError
}

// results returns the method's result list.
func (r result) results(g *gen) jen.Code {
	switch r.kind {
	case resultDecode:
		return jen.Params(r.typ.Clone(), jen.Error())
	case resultResponse:
		return jen.Params(jen.Op("*").Qual(g.rt, "Response"), jen.Error())
	case resultText:
		return jen.Params(jen.String(), jen.Error())
	case resultStream, resultJSONStream:
		return jen.Qual("iter", "Seq2").Types(r.typ.Clone(), jen.Error())
	case resultMulti:
		return jen.Params(jen.Op("*").Id(r.op.ResultType), jen.Error())
	}
	return jen.Error()
}

// send returns the statements that send the call and return:
//
//	var out *Pet
//	err := runtime.DecodeTo(ctx, c.s, call, &out, opts...)
//	return out, err
//
//	return c.s.Do(ctx, call, opts...)
//	return runtime.Exec(ctx, c.s, call, opts...)
//	return runtime.Text(ctx, c.s, call, opts...)
//	return runtime.Stream[Delta](ctx, c.s, call, opts...)
//	return runtime.JSONStream[Event](ctx, c.s, call, runtime.StreamFormat{}, opts...)
//
// and for a result per status:
//
//	out := new(CreatePetResult)
//	var err error
//	out.StatusCode, err = runtime.DecodeFunc(ctx, c.s, call, func(status int) any {
//		switch status {
//		case 200:
//			return &out.OK
//		...
//		}
//		return nil
//	}, opts...)
//	if err != nil {
//		return nil, err
//	}
//	return out, nil
func (r result) send(g *gen, sess *jen.Statement) []jen.Code {
	args := []jen.Code{jen.Id("ctx"), sess.Clone(), jen.Id("call"), jen.Id("opts").Op("...")}
	switch r.kind {
	case resultDecode:
		// Not runtime.Decode[T]: a generic function is compiled again for
		// each result type in the package (see runtime.DecodeTo).
		return []jen.Code{
			jen.Var().Id("out").Add(r.typ.Clone()),
			jen.Err().Op(":=").Qual(g.rt, "DecodeTo").Call(jen.Id("ctx"), sess.Clone(), jen.Id("call"), jen.Op("&").Id("out"), jen.Id("opts").Op("...")),
			jen.Return(jen.Id("out"), jen.Err()),
		}
	case resultResponse:
		return []jen.Code{jen.Return(sess.Clone().Dot("Do").Call(jen.Id("ctx"), jen.Id("call"), jen.Id("opts").Op("...")))}
	case resultText:
		return []jen.Code{jen.Return(jen.Qual(g.rt, "Text").Call(args...))}
	case resultStream:
		return []jen.Code{jen.Return(jen.Qual(g.rt, "Stream").Types(r.typ.Clone()).Call(args...))}
	case resultJSONStream:
		return []jen.Code{jen.Return(jen.Qual(g.rt, "JSONStream").Types(r.typ.Clone()).
			Call(jen.Id("ctx"), sess.Clone(), jen.Id("call"), g.streamFormat(r.content), jen.Id("opts").Op("...")))}
	case resultMulti:
		var cases []jen.Code
		for _, f := range g.resultFields(r.op) {
			cases = append(cases, jen.Case(f.cond).Block(jen.Return(jen.Op("&").Id("out").Dot(f.name))))
		}
		into := jen.Func().Params(jen.Id("status").Int()).Any().Block(
			jen.Switch().Block(cases...),
			jen.Return(jen.Nil()),
		)
		return []jen.Code{
			jen.Id("out").Op(":=").New(jen.Id(r.op.ResultType)),
			jen.Var().Err().Error(),
			jen.List(jen.Id("out").Dot("StatusCode"), jen.Err()).Op("=").Qual(g.rt, "DecodeFunc").
				Call(jen.Id("ctx"), sess.Clone(), jen.Id("call"), into, jen.Id("opts").Op("...")),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
			jen.Return(jen.Id("out"), jen.Nil()),
		}
	}
	return []jen.Code{jen.Return(jen.Qual(g.rt, "Exec").Call(args...))}
}

// resultField is one field of a result struct: the decoded body of one
// success status.
type resultField struct {
	name string
	cond jen.Code // the condition on status that selects it
	typ  *jen.Statement
	r    *ir.Response
}

// resultFields lists the fields of op's result struct, one per success
// response with a JSON type, named after the status: OK, Created,
// Accepted, Status203, Status2XX, Default.
func (g *gen) resultFields(op *ir.Operation) []resultField {
	var out []resultField
	for _, r := range op.Responses {
		if !isSuccess(r) || len(r.Contents) == 0 || r.Contents[0].Kind != ir.KindJSON || r.Contents[0].Type == nil {
			continue
		}
		cond := statusCond(r)
		if cond == nil {
			cond = jen.True()
		}
		out = append(out, resultField{name: statusFieldName(r), cond: cond, typ: g.resultType(r.Contents[0].Type), r: r})
	}
	return out
}

// statusFieldName names the field of a status in a result struct.
func statusFieldName(r *ir.Response) string {
	switch r.Code {
	case 200:
		return "OK"
	case 201:
		return "Created"
	case 202:
		return "Accepted"
	case 203:
		return "NonAuthoritative"
	case 206:
		return "PartialContent"
	}
	if r.Status == "default" {
		return "Default"
	}
	return "Status" + strings.ToUpper(r.Status)
}

// emitResultType emits the result struct of an operation whose success
// responses differ in type:
//
//	// CreatePetResult is the result of CreatePet: the field of the
//	// response's status is set.
//	type CreatePetResult struct {
//		StatusCode int
//		// OK is the 200 response: the pet existed.
//		OK *Pet
//		// Created is the 201 response.
//		Created *Job
//	}
func (g *gen) emitResultType(op *ir.Operation) jen.Code {
	fields := []jen.Code{jen.Add(comment("StatusCode is the response's status.")).Id("StatusCode").Int()}
	for _, f := range g.resultFields(op) {
		fields = append(fields, jen.Add(comment(f.name+" is the "+f.r.Status+" response"+descSuffix(f.r.Doc.Description)+".")).Id(f.name).Add(f.typ))
	}
	return jen.Add(comment(op.ResultType + " is the result of " + op.Name + ": the field of the response's status is set, the others are zero.")).
		Type().Id(op.ResultType).Struct(fields...)
}

func descSuffix(d string) string {
	d, _, _ = strings.Cut(strings.TrimSpace(cleanText(d)), "\n")
	d = strings.TrimRight(d, ".")
	if d == "" {
		return ""
	}
	return ": " + d
}

// emitHeadersType emits the struct of an operation's declared success
// response headers (but the Link header its iterator follows), which
// runtime.WithResponseHeaders fills:
//
//	// ListPetsHeaders holds the response headers ListPets declares; pass a
//	// pointer to one to runtime.WithResponseHeaders to read them.
//	type ListPetsHeaders struct {
//		// X-Next: a link to the next page.
//		XNext runtime.Opt[string] `header:"X-Next"`
//	}
func (g *gen) emitHeadersType(op *ir.Operation) jen.Code {
	var fields []jen.Code
	seen := map[string]bool{}
	names := map[string]bool{}
	comparable := true
	for _, r := range op.Responses {
		if !isSuccess(r) {
			continue
		}
		for _, h := range r.Headers {
			key := strings.ToLower(h.WireName)
			if seen[key] || names[h.Name] || key == "link" && op.Pagination != nil && op.Pagination.Kind == ir.PageLink {
				continue
			}
			seen[key], names[h.Name] = true, true
			doc := comment(h.WireName + descSuffix(joinNonEmpty(h.Doc.Summary, h.Doc.Description)) + ".")
			comparable = comparable && useComparable(notNull(h.Type))
			fields = append(fields, jen.Add(doc).Id(h.Name).Add(g.useType(h.Type, false, false)).Tag(map[string]string{"header": h.WireName}))
		}
	}
	return jen.Add(comment(op.HeadersType + " holds the response headers " + op.Name + " declares; pass a pointer to one to runtime.WithResponseHeaders to read them. An absent header leaves its field unset.")).
		Type().Id(op.HeadersType).Struct(noEquality(comparable, fields)...)
}

// errorModel returns the function that picks an error response's model,
// or nil when the operation declares none. A status gets the model of the
// response that declares it (its exact code, else its range, else
// "default"), and no model when that response has no JSON schema or no
// response declares it. When only "default" declares errors, the model is
// the runtime's, one instantiation per model shared by every operation (a
// closure per operation costs a compiled function each: 377 of GitHub's,
// one per operation of Microsoft Graph's):
//
//	runtime.NewErrorModel[Error]
//
// and otherwise a function of the package, one for all the operations
// that map statuses alike (Microsoft Graph's 11,422 operations share
// one), named after the models (errModelNotFoundServerError, with a
// number when two mappings have the same models; see errors.go):
//
//	func errModelNotFoundServerErrorError(status int) any {
//		switch {
//		case status == 404:
//			return new(NotFound)
//		case status == 409:
//			return nil // declared without a schema
//		case status >= 500 && status <= 599:
//			return new(ServerError)
//		}
//		return new(Error) // "default", or nil without one
//	}
func (g *gen) errorModel(op *ir.Operation) jen.Code {
	type model struct {
		r    *ir.Response
		typ  *jen.Statement // nil: the response declares no model
		name string         // the model's type name, for the function's
	}
	var models []model
	has := false
	for _, r := range op.Responses {
		if !r.IsError {
			continue
		}
		m := model{r: r}
		if len(r.Contents) > 0 {
			c := r.Contents[0]
			if c.Kind == ir.KindJSON && c.Type != nil && !isBinary(c.Type) {
				t := c.Type
				if n, ok := t.(*ir.Nullable); ok {
					t = n.Elem
				}
				m.typ = g.valueType(t)
				m.name = "Any"
				if n, ok := t.(*ir.Named); ok {
					m.name = n.Name
				}
				has = true
			}
		}
		models = append(models, m)
	}
	if !has {
		return nil
	}
	ret := func(m model) jen.Code {
		if m.typ == nil {
			return jen.Return(jen.Nil())
		}
		return jen.Return(jen.New(m.typ))
	}
	if len(models) == 1 && statusCond(models[0].r) == nil {
		return jen.Qual(g.rt, "NewErrorModel").Types(models[0].typ)
	}
	// Consecutive statuses with one model share a case.
	var cases []jen.Code
	var conds []jen.Code
	var fallback jen.Code = jen.Return(jen.Nil())
	for i, m := range models {
		cond := statusCond(m.r)
		if cond == nil {
			fallback = ret(m)
			continue
		}
		conds = append(conds, cond)
		if i+1 < len(models) && statusCond(models[i+1].r) != nil && models[i+1].name == m.name {
			continue
		}
		cases = append(cases, jen.Case(conds...).Block(ret(m)))
		conds = nil
	}
	body := []jen.Code{jen.Switch().Block(cases...), fallback}
	key := jen.Block(body...).GoString()
	if name, ok := g.errFuncs[key]; ok {
		return jen.Id(name)
	}
	var names []string
	for _, m := range models {
		if m.name != "" && !slices.Contains(names, m.name) {
			names = append(names, m.name)
		}
	}
	base := "errModel" + strings.Join(names, "")
	name := base
	for i := 2; g.errFuncNames[name]; i++ {
		name = base + strconv.Itoa(i)
	}
	g.errFuncNames[name] = true
	g.errFuncs[key] = name
	g.errFuncDecls = append(g.errFuncDecls, jen.Add(comment(name+" is the error model of the operations whose error responses it lists: the body of a status decodes into it.")).
		Func().Id(name).Params(jen.Id("status").Int()).Any().Block(body...))
	return jen.Id(name)
}

// statusCond is the condition on status matching a response, nil for
// "default".
func statusCond(r *ir.Response) jen.Code {
	if r.Code != 0 {
		return jen.Id("status").Op("==").Lit(r.Code)
	}
	if len(r.Status) == 3 && strings.EqualFold(r.Status[1:], "XX") {
		if d, err := strconv.Atoi(r.Status[:1]); err == nil {
			return jen.Id("status").Op(">=").Lit(d * 100).Op("&&").Id("status").Op("<=").Lit(d*100 + 99)
		}
	}
	return nil
}
