package generator

import (
	"github.com/dave/jennifer/jen"

	"github.com/genclient/genclient/ir"
)

// iteratorOf returns the pagination of op when the generator emits an
// iterator for it, else nil.
func (g *gen) iteratorOf(op *ir.Operation) *ir.Pagination {
	if p := op.Pagination; p != nil && p.Item != nil {
		return p
	}
	return nil
}

// emitIterator emits, for an operation that paginates, a method that
// walks every page. It shares the call builder with the operation's
// method. With Link headers:
//
//	// FindPetsAll is FindPets over every page: ...
//	func (c *Client) FindPetsAll(ctx context.Context, params *FindPetsParams, opts ...runtime.Option) iter.Seq2[Pet, error] {
//		call := c.findPetsCall(params)
//		return runtime.AllPaged[Pet](ctx, c.s, call, runtime.Paging{Kind: "link"}, opts...)
//	}
//
// with items in a property of each page:
//
//	return runtime.AllPaged[Pet](ctx, c.s, call, runtime.Paging{Kind: "link", Items: "pets"}, opts...)
//
// and with an x-pagination cursor, offset or page number:
//
//	return runtime.AllPaged[Pet](ctx, c.s, call, runtime.Paging{Kind: "cursor", Param: "after", Cursor: "next", Items: "data"}, opts...)
//
// It returns nil for other operations, and when the name is taken.
func (g *gen) emitIterator(f *opFunc, taken map[string]bool) jen.Code {
	p := g.iteratorOf(f.op)
	if p == nil {
		return nil
	}
	name := f.op.Name + "All"
	if taken[name] {
		name = f.op.Name + "Iter"
		if taken[name] {
			return nil
		}
	}
	item := g.elemType(p.Item)
	how := "it follows the Link rel=\"next\" header of each response"
	if p.Kind == ir.PageLink && p.ItemsPath != "" && !g.hasPageField(f.op, p.ItemsPath) {
		return nil
	}
	// Every kind goes through AllPaged, so that a package compiles one
	// entry point per item type (see AllPaged).
	kind := map[ir.PaginationKind]string{ir.PageLink: "link", ir.PageCursor: "cursor", ir.PageOffset: "offset", ir.PageNumber: "page", ir.PageURL: "url"}[p.Kind]
	d := jen.Dict{jen.Id("Kind"): jen.Lit(kind)}
	for _, kv := range []struct{ key, val string }{{"Param", p.Param}, {"Cursor", p.CursorPath}, {"Items", p.ItemsPath},
		{"CursorItem", p.CursorItem}, {"HasMore", p.HasMore}} {
		if kv.val != "" {
			d[jen.Id(kv.key)] = jen.Lit(kv.val)
		}
	}
	if p.Kind != ir.PageLink {
		switch {
		case p.Kind == ir.PageCursor && p.CursorItem != "":
			how = "it sends the " + p.CursorItem + " of each page's last item as the query parameter " + p.Param
		case p.Kind == ir.PageURL:
			how = "it follows the URL each response holds at " + p.CursorPath
		case p.Kind == ir.PageCursor:
			how = "it sends the cursor each response holds at " + p.CursorPath + " as the query parameter " + p.Param
		case p.Kind == ir.PageOffset:
			how = "it advances the query parameter " + p.Param + " by the number of items received"
		default:
			how = "it advances the page number in the query parameter " + p.Param
		}
		if p.HasMore != "" {
			how += " while " + p.HasMore + " is true"
		}
	}
	send := jen.Qual(g.rt, "AllPaged").Types(item.Clone()).Call(jen.Id("ctx"), f.sess.Clone(), jen.Id("call"), jen.Qual(g.rt, "Paging").Values(d), jen.Id("opts").Op("..."))
	doc := comment(name+" is "+f.op.Name+" over every page: "+how+" and yields the items one by one, holding one page in memory. Every page is requested with the same options; iteration stops at the first error, which is yielded.",
		"\t"+f.op.Method+" "+f.op.Path)
	var bodyParam, bodyStmts []jen.Code
	if f.op.Body != nil && len(f.op.Body.Contents) > 0 {
		bodyParam, bodyStmts = g.bodyArg(f.op, f.op.Body.Contents[0])
	}
	body := append(f.prologue(), bodyStmts...)
	body = append(body, jen.Return(send))
	return jen.Add(doc).Func().Params(f.recv.Clone()).Id(name).Params(g.signature(f, bodyParam)...).
		Qual("iter", "Seq2").Types(item, jen.Error()).Block(body...)
}

// hasPageField reports whether the page type of a Link-paginated
// operation, a struct, has the property prop holding its items.
func (g *gen) hasPageField(op *ir.Operation, prop string) bool {
	for _, r := range op.Responses {
		if !isSuccess(r) || len(r.Contents) == 0 || r.Contents[0].Kind != ir.KindJSON {
			continue
		}
		t := r.Contents[0].Type
		if n, ok := t.(*ir.Nullable); ok {
			t = n.Elem
		}
		n, ok := t.(*ir.Named)
		if !ok {
			return false
		}
		s, ok := n.Type.(*ir.Struct)
		if !ok {
			return false
		}
		for _, f := range s.Fields {
			if f.JSONName == prop {
				return true
			}
		}
		return false
	}
	return false
}
