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
	if op.RequestBody != nil && !emptyBody(o.Method, op.RequestBody) {
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
	if o.Pagination == nil && !b.noDetect {
		o.Pagination = b.detectPagination(o)
	}
	if x, ok := op.Extensions["x-pagination"]; ok {
		o.Pagination = b.xPagination(oi, x)
	}
	if !oi.hook {
		opTypeNames(o)
	}
	if b.convertHook != nil {
		b.convertHook(o)
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
// operation's win), keyed by (in, name). A list that declares one
// parameter twice (OpenAPI forbids it) keeps the first, as kin-openapi's
// request validator and most servers' routers read it, with a warning.
func (b *builder) collectParams(oi *opInfo) []paramSrc {
	var out []paramSrc
	add := func(refs openapi3.Parameters, base loc) {
		first := map[[2]string]loc{}
		for i, pr := range refs {
			l := base.child("parameters", strconv.Itoa(i))
			if pr.Ref != "" {
				l = b.chase(b.refLoc(l, pr.Ref))
			}
			if pr.Value == nil {
				continue
			}
			p := paramSrc{pr.Value, l}
			key := [2]string{p.p.In, p.p.Name}
			if at, dup := first[key]; dup {
				pos, was := b.pos(l), b.pos(at)
				where := was.String()
				if was.File == pos.File && was.Line > 0 {
					where = fmt.Sprintf("line %d", was.Line)
				}
				b.warn(pos, fmt.Sprintf("operation %s: parameter %q in %s is declared twice in one list (first at %s): this one is ignored", oi.o.FullName, p.p.Name, p.p.In, where))
				continue
			}
			first[key] = l
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
	if k := componentName(src.l, "parameters"); k != "" {
		hint = k
	}
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
	case jsonStreamTypes[base]:
		return ir.KindJSONStream
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
		out = append(out, b.content(mt, c[mt], l, hint))
	}
	return out
}

// content converts the media type mt of a content map at l.
func (b *builder) content(mt string, m *openapi3.MediaType, l loc, hint string) *ir.Content {
	ct := &ir.Content{MediaType: mt, Kind: bodyKind(mt)}
	if ct.Kind == ir.KindJSONStream {
		ct.Kind = ir.KindBinary // a stream is read as one only in a response
	}
	if m != nil && m.Schema != nil {
		t, n := b.schemaType(m.Schema, l.child(mt, "schema"), hint)
		ct.Type = use(t, n)
	}
	ct.Examples = b.mediaExamples(m, ct.Type)
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
	return ct
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
	if len(rb.Value.Content) == 0 {
		b.warn(b.pos(l), fmt.Sprintf("operation %s: requestBody has no content (no media type): the method sends no body", describeOp(oi.o)))
		return nil
	}
	hint := oi.o.FullName + "Request"
	if k := componentName(l, "requestBodies"); k != "" {
		hint = k
	}
	return &ir.Body{Required: rb.Value.Required, Doc: ir.Doc{Description: rb.Value.Description},
		Contents: b.contents(rb.Value.Content, l.child("content"), hint)}
}

// opTypeNames sets the names of the types the generator emits for an
// operation besides its params struct: the result struct when its 2xx
// responses differ in type, the struct of its declared 2xx response
// headers (but a Link header that pagination follows), and the request
// type of a multipart body with an object schema.
func opTypeNames(o *ir.Operation) {
	var first ir.Type
	for _, r := range o.Responses {
		if !r.IsSuccess() || len(r.Contents) == 0 || r.Contents[0].Kind != ir.KindJSON || r.Contents[0].Type == nil {
			continue
		}
		t := r.Contents[0].Type
		if first == nil {
			first = t
		} else if ir.TypeKey(t) != ir.TypeKey(first) {
			o.ResultType = o.FullName + "Result"
		}
	}
	for _, r := range o.Responses {
		if !r.IsSuccess() {
			continue
		}
		for _, h := range r.Headers {
			if !linkPaged(o, h) {
				o.HeadersType = o.FullName + "Headers"
			}
		}
	}
	if o.Body != nil {
		for _, c := range o.Body.Contents {
			if c.Kind == ir.KindMultipart && ir.StructOf(c.Type) != nil {
				o.MultipartType = o.FullName + "Multipart"
			}
		}
	}
}

// linkPaged reports whether h is the Link header of an operation that
// paginates with it: its iterator reads it, so the headers struct leaves
// it out.
func linkPaged(o *ir.Operation, h *ir.Header) bool {
	return strings.EqualFold(h.WireName, "Link") && o.Pagination != nil && o.Pagination.Kind == ir.PageLink
}

// bodyMethodSuffixes returns, for each body content after the first, the
// suffix of the method that sends it ("WithForm"), or "" when an earlier
// content's method covers it. Raw media types share one WithBody.
func bodyMethodSuffixes(o *ir.Operation) []string {
	if o.Body == nil || len(o.Body.Contents) < 2 {
		return nil
	}
	out := make([]string, len(o.Body.Contents))
	used := map[string]bool{}
	for i, c := range o.Body.Contents {
		var sfx string
		switch c.Kind {
		case ir.KindJSON:
			sfx = "WithJSON"
			if c.Type == nil || isBinaryType(c.Type) {
				sfx = "WithBody"
			}
		case ir.KindForm:
			sfx = "WithForm"
			if ir.StructOf(c.Type) == nil {
				sfx = "WithBody"
			}
		case ir.KindMultipart:
			sfx = "WithMultipart"
			if ir.StructOf(c.Type) == nil {
				sfx = "WithBody"
			}
		case ir.KindText:
			sfx = "WithText"
		default:
			sfx = "WithBody"
		}
		if i == 0 {
			used[sfx] = true
			if sfx != "WithBody" {
				used["WithBody"] = false
			}
			continue
		}
		if !used[sfx] {
			out[i] = sfx
			used[sfx] = true
		}
	}
	return out
}

func isBinaryType(t ir.Type) bool {
	switch t := t.(type) {
	case *ir.Primitive:
		return t.Kind == ir.Binary
	case *ir.Nullable:
		return isBinaryType(t.Elem)
	case *ir.Named:
		return isBinaryType(t.Type)
	}
	return false
}

// xPagination reads the x-pagination extension of an operation:
//
//	x-pagination:
//	  style: cursor    # cursor, offset, page or link
//	  param: after     # the query parameter that selects the page
//	  cursor: meta.next  # cursor: dotted path of the next cursor in the body
//	  items: data      # dotted path of the items array; omit for a top-level array
//
// x-pagination: false turns off Link-header detection. A configuration
// that does not fit the operation is dropped with a warning.
func (b *builder) xPagination(oi *opInfo, x any) *ir.Pagination {
	o := oi.o
	if off, ok := x.(bool); ok && !off {
		return nil
	}
	m, ok := x.(map[string]any)
	str := func(k string) string { v, _ := m[k].(string); return v }
	bad := func(why string) *ir.Pagination {
		b.warn(o.Pos, fmt.Sprintf("operation %s: x-pagination %s: ignored", o.FullName, why))
		return pagination(o)
	}
	if !ok {
		return bad("is not an object")
	}
	p := &ir.Pagination{Param: str("param"), CursorPath: str("cursor"), ItemsPath: str("items"),
		CursorItem: str("cursor_item"), HasMore: str("has_more")}
	switch str("style") {
	case "cursor":
		p.Kind = ir.PageCursor
		if p.CursorPath == "" && p.CursorItem == "" {
			return bad("style cursor needs cursor or cursor_item")
		}
	case "url":
		p.Kind = ir.PageURL
		if p.CursorPath == "" {
			return bad("style url needs cursor (the path of the next page's URL)")
		}
	case "offset":
		p.Kind = ir.PageOffset
	case "page":
		p.Kind = ir.PageNumber
	case "link", "":
		p.Kind = ir.PageLink
	default:
		return bad("has unknown style " + strconv.Quote(str("style")))
	}
	if p.Kind != ir.PageLink && p.Kind != ir.PageURL && !slices.ContainsFunc(o.Params, func(q *ir.Param) bool { return q.In == ir.InQuery && q.WireName == p.Param }) {
		return bad("param " + strconv.Quote(p.Param) + " is not a query parameter of the operation")
	}
	var body ir.Type
	for _, r := range o.Responses {
		if r.IsSuccess() && len(r.Contents) > 0 && r.Contents[0].Kind == ir.KindJSON && r.Contents[0].Type != nil {
			body = r.Contents[0].Type
			break
		}
	}
	t := body
	if p.ItemsPath != "" {
		for _, key := range strings.Split(p.ItemsPath, ".") {
			s := ir.StructOf(t)
			if s == nil {
				return bad("items path " + strconv.Quote(p.ItemsPath) + " does not lead to an array")
			}
			i := slices.IndexFunc(s.Fields, func(f *ir.Field) bool { return f.JSONName == key })
			if i < 0 {
				return bad("items path " + strconv.Quote(p.ItemsPath) + " does not lead to an array")
			}
			t = s.Fields[i].Type
		}
	}
	if n, ok := t.(*ir.Nullable); ok {
		t = n.Elem
	}
	if n, ok := t.(*ir.Named); ok {
		t = n.Type
	}
	a, ok := t.(*ir.Array)
	if !ok {
		return bad("items path " + strconv.Quote(p.ItemsPath) + " does not lead to an array")
	}
	p.Item = a.Elem
	if p.Kind == ir.PageLink && strings.Contains(p.ItemsPath, ".") {
		return bad("style link needs the items at the top level or in a property of the body")
	}
	return p
}

// nameBodyMethods sets Content.Method on the extra body media types of
// every operation, once operation names are final. A name another method
// of the service already has is left unset (the media type stays
// reachable through the others' methods only).
func nameBodyMethods(svcs []*ir.Service) {
	for _, s := range svcs {
		taken := map[string]bool{}
		for _, o := range s.Operations {
			taken[o.Name] = true
			if o.Pagination != nil {
				taken[o.Name+"All"] = true
			}
		}
		for _, o := range s.Operations {
			for i, sfx := range bodyMethodSuffixes(o) {
				if sfx != "" && !taken[o.Name+sfx] {
					o.Body.Contents[i].Method = o.Name + sfx
					taken[o.Name+sfx] = true
				}
			}
			if c := o.StreamAlternative(); c != nil && !taken[o.Name+"Stream"] {
				c.Method = o.Name + "Stream"
				taken[c.Method] = true
			}
		}
	}
}
