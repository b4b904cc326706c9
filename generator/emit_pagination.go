package generator

import (
	"github.com/dave/jennifer/jen"

	"github.com/genclient/genclient/ir"
)

// emitIterator emits, for an operation that paginates with Link headers,
// a method that walks every page:
//
//	// FindPetsAll is FindPets over every page: it follows the Link rel="next"
//	// header of each response and yields the items one by one.
//	func (c *Client) FindPetsAll(ctx context.Context, params *FindPetsParams, opts ...runtime.Option) iter.Seq2[Pet, error] {
//		call := runtime.NewCall("GET", "/pets")
//		...
//		return runtime.All[Pet](ctx, c.s, call, opts...)
//	}
//
// It returns nil for other operations, and when the name is taken.
func (g *gen) emitIterator(f *opFunc, taken map[string]bool) jen.Code {
	p := f.op.Pagination
	if p == nil || p.Kind != ir.PageLink || p.Item == nil {
		return nil
	}
	name := f.op.Name + "All"
	if taken[name] {
		name = f.op.Name + "Iter"
		if taken[name] {
			return nil
		}
	}
	item := g.valueType(p.Item)
	doc := comment(name+" is "+f.op.Name+" over every page: it follows the Link rel=\"next\" header of each response and yields the items one by one, holding one page in memory.",
		"Every page is requested with the same options; iteration stops at the first error, which is yielded.",
		"\t"+f.op.Method+" "+f.op.Path)
	body := append(append([]jen.Code{}, f.build...), jen.Return(
		jen.Qual(g.rt, "All").Types(item.Clone()).Call(jen.Id("ctx"), f.sess.Clone(), jen.Id("call"), jen.Id("opts").Op("...")),
	))
	return jen.Add(doc).Func().Params(f.recv.Clone()).Id(name).Params(f.params...).
		Qual("iter", "Seq2").Types(item, jen.Error()).Block(body...)
}
