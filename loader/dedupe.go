package loader

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/genclient/genclient/ir"
)

// mergeInline makes one type of the inline schemas that are identical:
// the same shape (fields with their names, types, requiredness and
// documentation; enum values; union variants and discriminator) once
// every $ref is resolved (a component is the same only as itself). A
// document generated from code writes the same schema out at every use
// (Stripe's range_query_specs, 53 times; its `enum: [""]` beside a
// parameter that may be emptied, 438 times; Microsoft Graph's $select
// lists, one per operation); each copy would otherwise be a type of its
// own, named after the first operation that uses it. The schema's own
// description does not keep copies apart (the field that uses a copy
// keeps its documentation); when the copies' descriptions differ the
// merged type has none. Copies with a title that is an identifier and
// that no other shape has are named by the title (see finishNames);
// others merge when their candidate names end in the same word (the
// property's or the role's: an untitled {name: string} that is both a
// pet's owner and a request body is two types), and are named by what
// their candidates have in common (mergedName: PostCustomersRequest-
// Metadata and PostChargesRequestMetadata → PostRequestMetadata). Components are
// never merged: the document named each. Of a group, the member that
// stays is the one with a component key (see keyedName), else the one
// with the smallest (candidate, Ref); the others are dropped and every
// use points to it. Nested inline types are compared through their own
// shapes, so two unions whose variants are copies of one object are
// merged too.
func (b *builder) mergeInline() {
	ids := make(map[*ir.Named]int, len(b.named))
	infos := make(map[*ir.Named]*namedInfo, len(b.named))
	for i, ni := range b.named {
		ids[ni.n] = i
		infos[ni.n] = ni
	}
	s := &shapes{ids: ids, infos: infos, memo: map[*ir.Named]string{}, busy: map[*ir.Named]bool{}}
	// A title names the merged type only when it is an identifier and
	// one shape has it.
	shapesOf := map[string]map[string]bool{} // title → shapes
	for _, ni := range b.named {
		if !ni.component && ni.title != "" {
			if shapesOf[ni.title] == nil {
				shapesOf[ni.title] = map[string]bool{}
			}
			shapesOf[ni.title][s.named(ni.n)] = true
		}
	}
	groups := map[string][]*namedInfo{}
	var keys []string
	for _, ni := range b.named {
		if ni.component {
			continue
		}
		k := s.named(ni.n)
		if ni.title != "" && len(shapesOf[ni.title]) == 1 {
			k = "title " + ni.title + " " + k
		} else {
			k = lastWord(ni.candidate) + " " + k
		}
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], ni)
	}
	repl := map[*ir.Named]*ir.Named{}
	drop := map[*namedInfo]bool{}
	for _, k := range keys {
		g := groups[k]
		if len(g) < 2 {
			continue
		}
		slices.SortFunc(g, func(x, y *namedInfo) int {
			if x.keyed != y.keyed {
				if x.keyed != "" && (y.keyed == "" || x.keyed < y.keyed) {
					return -1
				}
				return 1
			}
			return cmp.Or(strings.Compare(x.candidate, y.candidate), strings.Compare(x.n.Ref, y.n.Ref))
		})
		keep := g[0]
		cands := make([]string, 0, len(g))
		for _, ni := range g {
			cands = append(cands, ni.candidate)
			if ni.n.Doc != keep.n.Doc {
				keep.n.Doc = ir.Doc{Deprecated: keep.n.Doc.Deprecated}
			}
			if ni.title != keep.title {
				keep.title = ""
			}
		}
		for _, ni := range g[1:] {
			keep.n.Doc.Deprecated = keep.n.Doc.Deprecated && ni.n.Doc.Deprecated
			repl[ni.n] = keep.n
			drop[ni] = true
		}
		if m := mergedName(cands); m != keep.candidate {
			keep.fallback = keep.candidate
			keep.candidate = m
		}
	}
	if len(repl) == 0 {
		return
	}
	b.named = slices.DeleteFunc(b.named, func(ni *namedInfo) bool { return drop[ni] })
	dropped := map[*ir.Union]bool{}
	for ni := range drop {
		if u, ok := ni.n.Type.(*ir.Union); ok {
			dropped[u] = true
		}
	}
	b.unions = slices.DeleteFunc(b.unions, func(u *ir.Union) bool { return dropped[u] })
	r := replacer(repl)
	for _, ni := range b.named {
		r.shape(ni.n.Type)
	}
	for _, oi := range b.ops {
		r.op(oi.o)
	}
	for _, o := range b.api.Webhooks {
		r.op(o)
	}
	// The inline types inside a dropped copy that were not merged
	// themselves (untitled, so named after the copy's place) are used by
	// nothing now.
	used := map[*ir.Named]bool{}
	for _, ni := range b.named {
		if ni.component {
			markUsage(ni.n, 0, used)
		}
	}
	for _, o := range append(allOps(b.ops), b.api.Webhooks...) {
		for _, t := range opTypes(o) {
			markUsage(t, 0, used)
		}
	}
	b.named = slices.DeleteFunc(b.named, func(ni *namedInfo) bool { return !ni.component && !used[ni.n] })
	b.unions = slices.DeleteFunc(b.unions, func(u *ir.Union) bool {
		return !slices.ContainsFunc(b.named, func(ni *namedInfo) bool { return ni.n.Type == u })
	})
}

// mergedName names a type that stands for copies named cands: the words
// their names begin with and end with in common (PostCustomersRequest-
// Metadata, PostChargesChargeRequestMetadata → PostRequestMetadata;
// AccountCapabilitiesCardPayments, AccountCapabilitiesTransfers →
// AccountCapabilities), else the smallest of cands.
func mergedName(cands []string) string {
	first := slices.Min(cands)
	if slices.Max(cands) == first {
		return first
	}
	ws := make([][]string, len(cands))
	short := 0
	for i, c := range cands {
		ws[i] = words(c)
		if len(ws[i]) < len(ws[short]) {
			short = i
		}
	}
	n := len(ws[short])
	pre := 0
	for pre < n && all(ws, func(w []string) bool { return w[pre] == ws[short][pre] }) {
		pre++
	}
	suf := 0
	for pre+suf < n && all(ws, func(w []string) bool { return w[len(w)-1-suf] == ws[short][n-1-suf] }) {
		suf++
	}
	if pre+suf == 0 {
		return first
	}
	name := strings.Join(ws[short][:pre], "") + strings.Join(ws[short][n-suf:], "")
	if r, _ := utf8.DecodeRuneInString(name); !unicode.IsUpper(r) {
		return first
	}
	return name
}

// lastWord is the last of the words of name.
func lastWord(name string) string {
	ws := words(name)
	if len(ws) == 0 {
		return ""
	}
	return ws[len(ws)-1]
}

func all(ws [][]string, f func([]string) bool) bool {
	for _, w := range ws {
		if !f(w) {
			return false
		}
	}
	return true
}

// allOps lists the operations of ops.
func allOps(ops []*opInfo) []*ir.Operation {
	out := make([]*ir.Operation, 0, len(ops))
	for _, oi := range ops {
		out = append(out, oi.o)
	}
	return out
}

// opTypes lists the types an operation uses directly.
func opTypes(o *ir.Operation) []ir.Type {
	var out []ir.Type
	for _, p := range o.Params {
		out = append(out, p.Type)
	}
	if o.Body != nil {
		for _, c := range o.Body.Contents {
			out = append(out, c.Type)
			if c.Envelope != nil {
				out = append(out, c.Envelope.Error)
			}
		}
	}
	for _, r := range o.Responses {
		for _, c := range r.Contents {
			out = append(out, c.Type)
			if c.Envelope != nil {
				out = append(out, c.Envelope.Error)
			}
		}
		for _, h := range r.Headers {
			out = append(out, h.Type)
		}
	}
	if o.Pagination != nil {
		out = append(out, o.Pagination.Item)
	}
	return out
}

// shapes computes the structural keys of named types.
type shapes struct {
	ids   map[*ir.Named]int
	infos map[*ir.Named]*namedInfo
	memo  map[*ir.Named]string
	busy  map[*ir.Named]bool
}

// named is the key of a named type: a component's identity, an inline
// type's shape (a type met again while its own key is
// being computed, through a cycle, stands for itself).
func (s *shapes) named(n *ir.Named) string {
	ni := s.infos[n]
	if ni == nil || ni.component {
		return "#" + strconv.Itoa(s.ids[n])
	}
	if k, ok := s.memo[n]; ok {
		return k
	}
	if s.busy[n] {
		return "#" + strconv.Itoa(s.ids[n])
	}
	s.busy[n] = true
	var b strings.Builder
	b.WriteString("{")
	b.WriteString(s.shape(n.Type))
	b.WriteString("}")
	delete(s.busy, n)
	k := b.String()
	s.memo[n] = k
	return k
}

func doc(b *strings.Builder, d ir.Doc) {
	fmt.Fprintf(b, "%q%q%v%q", d.Summary, d.Description, d.Deprecated, d.ExternalURL)
}

// shape is the key of a type.
func (s *shapes) shape(t ir.Type) string {
	switch x := t.(type) {
	case nil:
		return "nil"
	case *ir.Named:
		return s.named(x)
	case *ir.Primitive:
		return fmt.Sprintf("p%d%q%v", x.Kind, x.Format, x.Quoted)
	case *ir.Array:
		return "[" + s.shape(x.Elem) + "]"
	case *ir.Map:
		return "m(" + s.shape(x.Elem) + ")"
	case *ir.Nullable:
		return "?(" + s.shape(x.Elem) + ")"
	case *ir.Any:
		return "any"
	case *ir.Struct:
		var b strings.Builder
		fmt.Fprintf(&b, "s%v%v(", x.Unknown, x.Closed)
		for _, f := range x.Fields {
			fmt.Fprintf(&b, "%q%q%v%v%v%q%q%q:", f.Name, f.JSONName, f.Required, f.ReadOnly, f.WriteOnly, f.Default, f.Example, f.Const)
			doc(&b, f.Doc)
			b.WriteString(s.shape(f.Type))
			b.WriteString(";")
		}
		b.WriteString(")+")
		b.WriteString(s.shape(x.Additional))
		return b.String()
	case *ir.Enum:
		var b strings.Builder
		fmt.Fprintf(&b, "e%s(", s.shape(x.Base))
		for _, v := range x.Values {
			fmt.Fprintf(&b, "%q%q", v.Value, v.Label)
			doc(&b, v.Doc)
			b.WriteString(";")
		}
		b.WriteString(")")
		return b.String()
	case *ir.Union:
		var b strings.Builder
		fmt.Fprintf(&b, "u%d%q(", x.Kind, x.Discriminator)
		for _, v := range x.Variants {
			fmt.Fprintf(&b, "%q%q:%s;", v.Values, v.Tag, s.shape(v.Type))
		}
		b.WriteString(")")
		return b.String()
	}
	return fmt.Sprintf("%T", t)
}

// replacer points the uses of merged types to the type kept.
type replacer map[*ir.Named]*ir.Named

func (r replacer) typ(t ir.Type) ir.Type {
	switch x := t.(type) {
	case *ir.Named:
		if y, ok := r[x]; ok {
			return y
		}
	case *ir.Nullable:
		x.Elem = r.typ(x.Elem)
	case *ir.Array:
		x.Elem = r.typ(x.Elem)
	case *ir.Map:
		x.Elem = r.typ(x.Elem)
	}
	return t
}

// shape rewrites the uses inside the body of a named type.
func (r replacer) shape(t ir.Type) {
	switch x := t.(type) {
	case *ir.Struct:
		for _, f := range x.Fields {
			f.Type = r.typ(f.Type)
		}
		if x.Additional != nil {
			x.Additional = r.typ(x.Additional)
		}
	case *ir.Union:
		for _, v := range x.Variants {
			v.Type = r.typ(v.Type)
		}
	case nil:
	default:
		r.typ(t)
	}
}

// op rewrites the uses in an operation.
func (r replacer) op(o *ir.Operation) {
	for _, p := range o.Params {
		p.Type = r.typ(p.Type)
	}
	if o.Body != nil {
		for _, c := range o.Body.Contents {
			r.content(c)
		}
	}
	for _, resp := range o.Responses {
		for _, c := range resp.Contents {
			r.content(c)
		}
		for _, h := range resp.Headers {
			h.Type = r.typ(h.Type)
		}
	}
	if o.Pagination != nil && o.Pagination.Item != nil {
		o.Pagination.Item = r.typ(o.Pagination.Item)
	}
}

func (r replacer) content(c *ir.Content) {
	if c.Type != nil {
		c.Type = r.typ(c.Type)
	}
	if c.Envelope != nil && c.Envelope.Error != nil {
		c.Envelope.Error = r.typ(c.Envelope.Error)
	}
}

// titleName is the Go name a schema's title gives an inline type: only a
// title written as an identifier ("range_query_specs", "AccountList",
// "io.example.Pet"), not a phrase ("The pet to add").
func titleName(title string) string {
	if title == "" {
		return ""
	}
	for _, r := range title {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' && r != '-' && r != '.' {
			return ""
		}
	}
	return pascal(title)
}

// keyedName returns the component key of the request body, response or
// parameter whose schema (a media type's, or a parameter's own) is at l,
// as a Go name, and the name to try when that one is taken ("" when l is
// no such schema): "#/components/responses/service_unavailable/content/
// application~1json/schema" → "ServiceUnavailable",
// "ServiceUnavailableResponse".
func keyedName(l loc) (string, string) {
	toks := strings.Split(strings.TrimPrefix(l.ptr(), "/"), "/")
	if len(toks) < 4 || toks[0] != "components" {
		return "", ""
	}
	key := pascal(unescapeToken(toks[2]))
	if key == "" {
		return "", ""
	}
	rest := toks[3:]
	media := len(rest) == 3 && rest[0] == "content" && rest[2] == "schema"
	var sfx string
	switch toks[1] {
	case "responses":
		sfx = "Response"
	case "requestBodies":
		sfx = "Request"
	case "parameters":
		sfx = "Param"
		media = media || len(rest) == 1 && rest[0] == "schema"
	case "headers":
		sfx = "Header"
		media = media || len(rest) == 1 && rest[0] == "schema"
	default:
		return "", ""
	}
	if !media {
		return "", ""
	}
	alt := key + sfx
	if strings.HasSuffix(key, sfx) {
		alt = ""
	}
	return key, alt
}

// componentName is the Go name of the key of the element at l when it is
// an entry of the components section ("responses", "requestBodies",
// "parameters", "headers"), else "".
func componentName(l loc, section string) string {
	rest, ok := strings.CutPrefix(l.ptr(), "/components/"+section+"/")
	if !ok || strings.Contains(rest, "/") {
		return ""
	}
	return pascal(unescapeToken(rest))
}
