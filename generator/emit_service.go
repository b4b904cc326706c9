package generator

import (
	"github.com/dave/jennifer/jen"

	"github.com/genclient/genclient/ir"
)

// emitService emits the file of one service: its type, then for each
// operation its params struct, multipart body, result and response
// headers types (each if any), the call builder its methods share (when
// it has several), its method, the methods that send its body in other
// media types, and its iterator (if it paginates).
//
//	// PetsService holds the operations tagged "pets".
//	type PetsService struct {
//		s *runtime.Session
//	}
//
//	func (s *PetsService) List(ctx context.Context, params *PetsListParams, opts ...runtime.Option) ([]Pet, error)
//
// The unnamed service's operations are methods of *Client, whose type is
// in client.go.
func (g *gen) emitService(svc *ir.Service) []jen.Code {
	var out []jen.Code
	recv, typ := "c", clientType
	if svc.Name != "" {
		recv, typ = "s", g.serviceTypes[svc]
		paras := append([]string{typ + " holds the operations tagged \"" + svc.Tag + "\"."},
			joinNonEmpty(svc.Doc.Summary, svc.Doc.Description), deprecatedPara(svc.Doc, "tag"), externalPara(svc.Doc.ExternalURL))
		out = append(out, jen.Add(comment(paras...)).Type().Id(typ).Struct(
			jen.Id("s").Op("*").Qual(g.rt, "Session"),
		))
	}
	methods := map[string]bool{}
	for _, op := range svc.Operations {
		methods[op.Name] = true
	}
	for _, op := range svc.Operations {
		g.current = "operation " + describeOp(op)
		if op.ParamsType != "" {
			out = append(out, g.emitParams(op))
		}
		if op.MultipartType != "" {
			out = append(out, g.emitMultipartType(op))
		}
		if op.ResultType != "" {
			out = append(out, g.emitResultType(op))
		}
		if op.HeadersType != "" {
			out = append(out, g.emitHeadersType(op))
		}
		f := g.newOpFunc(op, recv, typ)
		if f.shared {
			out = append(out, g.emitBuilder(f))
		}
		out = append(out, g.emitOperation(f))
		for _, c := range otherContents(op) {
			if c.Method != "" && !methods[c.Method] {
				out = append(out, g.emitBodyVariant(f, c))
			}
		}
		if c := g.streamVariant(f); c != nil && !methods[c.Method] {
			out = append(out, g.emitStreamVariant(f, c))
		}
		if it := g.emitIterator(f, methods); it != nil {
			out = append(out, it)
		}
	}
	return out
}
