package generator

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/genclient/genclient/ir"
)

// resultKind says what an operation method returns.
type resultKind int

const (
	resultNone     resultKind = iota // error, via runtime.Exec
	resultDecode                     // (T, error), via runtime.Decode[T]
	resultResponse                   // (*runtime.Response, error), via Session.Do: the body is the caller's
)

type result struct {
	kind resultKind
	typ  *jen.Statement // T for resultDecode
}

// resultOf picks the first successful response with content: JSON with a
// type decodes into it (*T for structs and unions, T otherwise), JSON
// without a schema into json.RawMessage; anything else (binary, text,
// event streams) is returned as the open *runtime.Response.
func (g *gen) resultOf(op *ir.Operation) result {
	for _, r := range op.Responses {
		if !isSuccess(r) || len(r.Contents) == 0 {
			continue
		}
		c := r.Contents[0]
		if c.Kind != ir.KindJSON || isBinary(c.Type) {
			return result{kind: resultResponse}
		}
		if c.Type == nil {
			return result{kind: resultDecode, typ: rawMessage()}
		}
		return result{kind: resultDecode, typ: g.resultType(c.Type)}
	}
	return result{kind: resultNone}
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
	}
	return jen.Error()
}

// call returns the expression that sends the call:
//
//	runtime.Decode[*Pet](ctx, c.s, call, opts...)
//	c.s.Do(ctx, call, opts...)
//	runtime.Exec(ctx, c.s, call, opts...)
func (r result) call(g *gen, sess *jen.Statement) jen.Code {
	switch r.kind {
	case resultDecode:
		return jen.Qual(g.rt, "Decode").Types(r.typ.Clone()).
			Call(jen.Id("ctx"), sess.Clone(), jen.Id("call"), jen.Id("opts").Op("..."))
	case resultResponse:
		return sess.Clone().Dot("Do").Call(jen.Id("ctx"), jen.Id("call"), jen.Id("opts").Op("..."))
	}
	return jen.Qual(g.rt, "Exec").Call(jen.Id("ctx"), sess.Clone(), jen.Id("call"), jen.Id("opts").Op("..."))
}

// errorModel returns the function that picks an error response's model,
// or nil when the operation declares none:
//
//	func(int) any { return new(Error) }
//
// and when the models differ by status:
//
//	func(status int) any {
//		switch {
//		case status == 404:
//			return new(NotFound)
//		case status >= 500 && status <= 599:
//			return new(ServerError)
//		}
//		return new(Error)
//	}
func (g *gen) errorModel(op *ir.Operation) jen.Code {
	type model struct {
		r   *ir.Response
		typ *jen.Statement
		key string
	}
	var models []model
	for _, r := range op.Responses {
		if !r.IsError || len(r.Contents) == 0 {
			continue
		}
		c := r.Contents[0]
		if c.Kind != ir.KindJSON || c.Type == nil || isBinary(c.Type) {
			continue
		}
		t := c.Type
		if n, ok := t.(*ir.Nullable); ok {
			t = n.Elem
		}
		typ := g.valueType(t)
		models = append(models, model{r, typ, typeKey(t)})
	}
	if len(models) == 0 {
		return nil
	}
	same := true
	for _, m := range models[1:] {
		same = same && m.key == models[0].key
	}
	if same {
		return jen.Func().Params(jen.Int()).Any().Block(jen.Return(jen.New(models[0].typ)))
	}
	var cases []jen.Code
	fallback := jen.Return(jen.Nil())
	for _, m := range models {
		cond := statusCond(m.r)
		if cond == nil {
			fallback = jen.Return(jen.New(m.typ))
			continue
		}
		cases = append(cases, jen.Case(cond).Block(jen.Return(jen.New(m.typ))))
	}
	return jen.Func().Params(jen.Id("status").Int()).Any().Block(jen.Switch().Block(cases...), fallback)
}

// typeKey returns a string that is equal for types that have the same Go
// type.
func typeKey(t ir.Type) string {
	switch t := t.(type) {
	case *ir.Primitive:
		return fmt.Sprint("prim:", t.Kind)
	case *ir.Array:
		return "[]" + typeKey(t.Elem)
	case *ir.Map:
		return "map:" + typeKey(t.Elem)
	case *ir.Nullable:
		return "null:" + typeKey(t.Elem)
	case *ir.Named:
		return "named:" + t.Name
	}
	return "any"
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
