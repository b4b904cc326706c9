package generator

import (
	"github.com/dave/jennifer/jen"

	"github.com/genclient/genclient/ir"
)

// errorModel is a named type that some operation declares as the body of
// an error response, and the names the generator gives its helpers.
type errorModel struct {
	n      *ir.Named
	helper string // "AsError"
	// method is true when the type gets an Error method (it has no field
	// or variant named Error), so errors.As finds it directly.
	method bool
}

// findErrorModels lists the named struct and union types that are error
// models, in name order, and claims their helpers' names.
func (g *gen) findErrorModels(claim func(name, what string) bool) {
	seen := map[*ir.Named]bool{}
	for _, s := range g.api.Services {
		for _, op := range s.Operations {
			for _, r := range op.Responses {
				if !r.IsError || len(r.Contents) == 0 || r.Contents[0].Kind != ir.KindJSON {
					continue
				}
				t := r.Contents[0].Type
				if nl, ok := t.(*ir.Nullable); ok {
					t = nl.Elem
				}
				if n, ok := t.(*ir.Named); ok {
					seen[n] = true
				}
			}
		}
	}
	for _, n := range g.api.Types { // sorted by name
		if !seen[n] {
			continue
		}
		m := &errorModel{n: n}
		switch t := n.Type.(type) {
		case *ir.Struct:
			m.method = !hasField(t, "Error")
		case *ir.Union:
			m.method = !hasVariant(t, "Error")
		}
		for _, name := range []string{"As" + n.Name, "As" + n.Name + "Model"} {
			if claim(name, "the error helper of "+n.Name) {
				m.helper = name
				break
			}
		}
		if m.helper != "" || m.method {
			g.errModels = append(g.errModels, m)
		}
	}
}

func hasField(s *ir.Struct, name string) bool {
	for _, f := range s.Fields {
		if f.Name == name {
			return true
		}
	}
	return s.Additional != nil && additionalName(s) == name
}

// emitErrors emits, for each error model:
//
//	// AsError returns the Error that err's error response carried ...
//	func AsError(err error) (*Error, bool) {
//		return runtime.ModelOf[Error](err)
//	}
//
//	// Error returns the model as text; *Error is an error, so errors.As ...
//	func (e *Error) Error() string {
//		return runtime.ModelText("petstore: Error", e)
//	}
func (g *gen) emitErrors() []jen.Code {
	var out []jen.Code
	for _, m := range g.errModels {
		name := m.n.Name
		if m.helper != "" {
			out = append(out, jen.Add(comment(m.helper+" returns the "+name+" that err's error response carried: err holds a *runtime.APIError whose body decoded into that type. It reports false otherwise, for instance when the body was an HTML page, empty or cut off; the *runtime.APIError still has the status and a bounded copy of the body.")).
				Func().Id(m.helper).Params(jen.Err().Error()).Params(jen.Op("*").Id(name), jen.Bool()).Block(
				jen.Return(jen.Qual(g.rt, "ModelOf").Types(jen.Id(name)).Call(jen.Err())),
			))
		}
		if m.method {
			out = append(out, jen.Add(comment("Error returns e as text. *"+name+" implements error so that errors.As finds the model an error response carried:\n\n\tvar e *"+name+"\n\tif errors.As(err, &e) { ... }")).
				Func().Params(jen.Id("e").Op("*").Id(name)).Id("Error").Params().String().Block(
				jen.Return(jen.Qual(g.rt, "ModelText").Call(jen.Lit(g.cfg.Package+": "+name), jen.Id("e"))),
			))
		}
	}
	return out
}
