package loader

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/genclient/genclient/ir"
	"github.com/getkin/kin-openapi/openapi3"
)

// operations converts the parameters, bodies and responses of every
// planned operation. An operation that cannot be converted is skipped
// with a warning (see guard) and removed from its service; a service left
// without operations is removed.
func (b *builder) operations() {
	kept := b.ops[:0]
	for _, oi := range b.ops {
		if b.guard("operation "+describeOp(oi.o), oi.o.Pos, func() { b.convertOp(oi) }) {
			kept = append(kept, oi)
			continue
		}
		oi.svc.Operations = slices.DeleteFunc(oi.svc.Operations, func(o *ir.Operation) bool { return o == oi.o })
	}
	clear(b.ops[len(kept):])
	b.ops = kept
	b.api.Services = slices.DeleteFunc(b.api.Services, func(s *ir.Service) bool { return len(s.Operations) == 0 })
}

// convertOp fills oi.o from its kin-openapi operation. It panics (see
// guard) when the operation uses a construct that cannot be supported.
func (b *builder) convertOp(oi *opInfo) {
	o, op := oi.o, oi.op
	b.params(oi)
	if op.RequestBody != nil {
		o.Body = b.body(oi)
	}
	b.responses(oi)
	if op.Security != nil {
		o.Security = requirements(*op.Security)
	}
	o.Idempotent = idempotentMethods[o.Method]
	for _, p := range o.Params {
		if p.In == ir.InHeader && strings.EqualFold(p.WireName, "Idempotency-Key") {
			o.Idempotent = true
		}
	}
	o.Pagination = pagination(o)
	if convertHook != nil {
		convertHook(o)
	}
}

// idempotentMethods are the methods retried without an idempotency key.
var idempotentMethods = map[string]bool{"PUT": true, "DELETE": true, "GET": true, "HEAD": true, "OPTIONS": true, "TRACE": true}

// pathVarRE finds {name} in a path template.
var pathVarRE = regexp.MustCompile(`\{([^{}]+)\}`)

// paramSrc is a parameter and where it is.
type paramSrc struct {
	p *openapi3.Parameter
	l loc
}

// collectParams merges path item and operation parameters (the
// operation's win), keyed by (in, name).
func (b *builder) collectParams(oi *opInfo) []paramSrc {
	var out []paramSrc
	add := func(refs openapi3.Parameters, base loc) {
		for i, pr := range refs {
			l := base.child("parameters", strconv.Itoa(i))
			if pr.Ref != "" {
				l = b.chase(b.refLoc(l, pr.Ref))
			}
			if pr.Value == nil {
				continue
			}
			p := paramSrc{pr.Value, l}
			if j := slices.IndexFunc(out, func(q paramSrc) bool { return q.p.In == p.p.In && q.p.Name == p.p.Name }); j >= 0 {
				out[j] = p
			} else {
				out = append(out, p)
			}
		}
	}
	add(oi.item.Parameters, oi.itemL)
	add(oi.op.Parameters, oi.l)
	return out
}

var paramIns = map[string]ir.ParamIn{"path": ir.InPath, "query": ir.InQuery, "header": ir.InHeader, "cookie": ir.InCookie}

// params converts the parameters: path ones in path order, then the others
// sorted by (In, WireName), with Go names and the ParamsType.
func (b *builder) params(oi *opInfo) {
	o := oi.o
	var pathOrder []string
	for _, m := range pathVarRE.FindAllStringSubmatch(o.Path, -1) {
		if !oi.hook {
			pathOrder = append(pathOrder, m[1])
		}
	}
	var ps []*ir.Param
	declared := map[string]bool{}
	for _, src := range b.collectParams(oi) {
		in, ok := paramIns[src.p.In]
		if !ok && (src.p.Required || src.p.In == "querystring") {
			// The client could not send it, so every call would be wrong.
			b.unsupported(b.pos(src.l), "parameter %q is in %q, which is not supported", src.p.Name, src.p.In)
		}
		if !ok {
			b.warn(b.pos(src.l), fmt.Sprintf("operation %s: parameter %q has unknown location %q: skipped", o.FullName, src.p.Name, src.p.In))
			continue
		}
		if in == ir.InPath {
			if !slices.Contains(pathOrder, src.p.Name) && !oi.hook {
				b.warn(b.pos(src.l), fmt.Sprintf("operation %s: path parameter %q is not in path %s: skipped", o.FullName, src.p.Name, o.Path))
				continue
			}
			declared[src.p.Name] = true
		}
		ps = append(ps, b.param(oi, src, in))
	}
	for _, name := range pathOrder {
		if !declared[name] {
			b.warn(o.Pos, fmt.Sprintf("operation %s: path parameter %q not declared: assumed string", o.FullName, name))
			ps = append(ps, &ir.Param{WireName: name, In: ir.InPath, Required: true, Type: &ir.Primitive{Kind: ir.String}, Style: "simple"})
			declared[name] = true
		}
	}
	slices.SortStableFunc(ps, func(x, y *ir.Param) int {
		if x.In != y.In {
			return int(x.In) - int(y.In)
		}
		if x.In == ir.InPath {
			return slices.Index(pathOrder, x.WireName) - slices.Index(pathOrder, y.WireName)
		}
		return strings.Compare(x.WireName, y.WireName)
	})
	args, fields := newNamer(), newNamer()
	for _, p := range ps {
		if p.In == ir.InPath || p.Required {
			p.Name = args.argName(p.WireName)
			continue
		}
		p.Name = fields.fieldName(p.WireName)
		o.ParamsType = o.FullName + "Params"
	}
	o.Params = ps
}

// param converts one parameter; its Name is set by params.
func (b *builder) param(oi *opInfo, src paramSrc, in ir.ParamIn) *ir.Param {
	p := src.p
	out := &ir.Param{WireName: p.Name, In: in, Required: p.Required || in == ir.InPath,
		Doc: ir.Doc{Description: p.Description, Deprecated: p.Deprecated}, Style: p.Style, AllowReserved: p.AllowReserved}
	if out.Style == "" {
		out.Style = "form"
		if in == ir.InPath || in == ir.InHeader {
			out.Style = "simple"
		}
	}
	out.Explode = out.Style == "form"
	if p.Explode != nil {
		out.Explode = *p.Explode
	}
	hint := oi.o.FullName + pascal(p.Name)
	switch {
	case p.Schema != nil:
		t, n := b.schemaType(p.Schema, src.l.child("schema"), hint)
		out.Type = use(t, n)
	case len(p.Content) > 0:
		mt := sortMediaTypes(sortedKeys(p.Content))[0]
		out.ContentType = mt
		t, n := b.schemaType(p.Content[mt].Schema, src.l.child("content", mt, "schema"), hint)
		out.Type = use(t, n)
	default:
		b.warn(b.pos(src.l), fmt.Sprintf("operation %s: parameter %q has no schema: assumed string", oi.o.FullName, p.Name))
		out.Type = &ir.Primitive{Kind: ir.String}
	}
	return out
}

// mediaRank orders media types: application/json, then other JSON, then
// the rest.
func mediaRank(mt string) int {
	base, _, _ := strings.Cut(strings.ToLower(mt), ";")
	switch {
	case base == "application/json":
		return 0
	case strings.HasSuffix(base, "+json") || strings.HasSuffix(base, "/json"):
		return 1
	}
	return 2
}

// sortMediaTypes sorts media types JSON first, then by name.
func sortMediaTypes(mts []string) []string {
	slices.SortStableFunc(mts, func(x, y string) int {
		if rx, ry := mediaRank(x), mediaRank(y); rx != ry {
			return rx - ry
		}
		return strings.Compare(x, y)
	})
	return mts
}

// bodyKind classifies a media type.
func bodyKind(mt string) ir.BodyKind {
	base, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(mt)), ";")
	switch {
	case mediaRank(base) < 2:
		return ir.KindJSON
	case base == "application/x-www-form-urlencoded":
		return ir.KindForm
	case strings.HasPrefix(base, "multipart/"):
		return ir.KindMultipart
	case base == "text/event-stream":
		return ir.KindEventStream
	case strings.HasPrefix(base, "text/"):
		return ir.KindText
	}
	return ir.KindBinary
}

// contents converts a content map at l; hint names inline schemas.
func (b *builder) contents(c openapi3.Content, l loc, hint string) []*ir.Content {
	var out []*ir.Content
	for _, mt := range sortMediaTypes(sortedKeys(c)) {
		m := c[mt]
		ct := &ir.Content{MediaType: mt, Kind: bodyKind(mt)}
		if m != nil && m.Schema != nil {
			t, n := b.schemaType(m.Schema, l.child(mt, "schema"), hint)
			ct.Type = use(t, n)
		}
		if m != nil {
			for _, prop := range sortedKeys(m.Encoding) {
				e := m.Encoding[prop]
				enc := &ir.Encoding{Property: prop, ContentType: e.ContentType, Style: e.Style, AllowReserved: e.AllowReserved}
				enc.Explode = e.Style == "" || e.Style == "form"
				if e.Explode != nil {
					enc.Explode = *e.Explode
				}
				ct.Encoding = append(ct.Encoding, enc)
			}
		}
		out = append(out, ct)
	}
	return out
}

// body converts the request body.
func (b *builder) body(oi *opInfo) *ir.Body {
	rb := oi.op.RequestBody
	l := oi.l.child("requestBody")
	if rb.Ref != "" {
		l = b.chase(b.refLoc(l, rb.Ref))
	}
	if rb.Value == nil {
		return nil
	}
	return &ir.Body{Required: rb.Value.Required, Doc: ir.Doc{Description: rb.Value.Description},
		Contents: b.contents(rb.Value.Content, l.child("content"), oi.o.FullName+"Request")}
}
