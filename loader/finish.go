package loader

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/genclient/genclient/ir"
)

// webhooks converts 3.1 webhooks and every operation's callbacks into
// api.Webhooks, so that their payload types are hoisted. Names are unique
// among webhooks; FullName is Name + "Webhook".
func (b *builder) webhooks() {
	var hooks []*opInfo
	for _, name := range sortedKeys(b.doc.Webhooks) {
		item := b.doc.Webhooks[name]
		itemL := b.pathItemLoc(b.root.child("webhooks", name), item)
		ops := b.opsOf(item, itemL, name)
		for _, oi := range ops {
			oi.cand = pascal(name)
			if len(ops) > 1 {
				oi.cand += pascal(strings.ToLower(oi.o.Method))
			}
			hooks = append(hooks, oi)
		}
	}
	for _, parent := range b.ops {
		for _, cbName := range sortedKeys(parent.op.Callbacks) {
			cr := parent.op.Callbacks[cbName]
			cl := parent.l.child("callbacks", cbName)
			if cr.Ref != "" {
				cl = b.chase(b.refLoc(cl, cr.Ref))
			}
			if cr.Value == nil {
				continue
			}
			items := cr.Value.Map()
			for _, expr := range sortedKeys(items) {
				ops := b.opsOf(items[expr], b.pathItemLoc(cl.child(expr), items[expr]), expr)
				for _, oi := range ops {
					oi.cand, oi.parent = parent.o.FullName+pascal(cbName), parent
					if len(ops) > 1 || len(items) > 1 {
						oi.cand += pascal(strings.ToLower(oi.o.Method))
					}
					hooks = append(hooks, oi)
				}
			}
		}
	}
	nm := newNamer()
	for _, oi := range hooks {
		if oi.op.OperationID != "" && oi.parent == nil {
			oi.cand = pascal(oi.op.OperationID)
		}
		oi.hook = true
		oi.o.Name = nm.name(oi.cand)
		oi.o.FullName = oi.o.Name + "Webhook"
		if b.guard("webhook "+describeOp(oi.o), oi.o.Pos, func() { b.convertOp(oi) }) {
			b.api.Webhooks = append(b.api.Webhooks, oi.o)
		}
	}
}

// reservedTypeNames are names the generator emits at package level, which
// types and enum constants must avoid.
func (b *builder) reservedTypeNames() *namer {
	nm := newNamer("Client", "NewClient", "DefaultServerURL", "ServerURL", "Servers")
	for p := range predeclared {
		nm.reserve(p)
	}
	for _, s := range b.api.Services {
		if s.Name != "" {
			nm.reserve(s.Name + "Service")
		}
	}
	for _, oi := range b.ops {
		for _, name := range []string{oi.o.ParamsType, oi.o.ResultType, oi.o.HeadersType, oi.o.MultipartType} {
			if name != "" {
				nm.reserve(name)
			}
		}
	}
	for _, s := range b.api.Schemes {
		nm.reserve("With" + s.GoName)
	}
	return nm
}

// finishNames gives every named type its final name, once identical
// inline types are merged (mergeInline). Rule: component schemas claim
// names first, sorted by candidate then Ref; then the inline schemas of
// component responses, request bodies, parameters and headers, by their
// component key ("ServiceUnavailable", else "ServiceUnavailableResponse"
// when a schema has that name), sorted by key then Ref; then the other
// inline types by candidate (the name made from where they are used),
// except those whose title is an identifier that no other inline type
// has: they come last and take the title's name when it is free, else
// their candidate. An inline type whose name is taken tries it with its
// kind (see inlineName); then a taken name gets the smallest suffix 2,
// 3, ... that is free. Enum constants and union variant names follow.
func (b *builder) finishNames() {
	nm := b.reservedTypeNames()
	b.mergeInline()
	titles := map[string]int{}
	for _, ni := range b.named {
		if !ni.component && ni.keyed == "" && ni.title != "" {
			titles[ni.title]++
		}
	}
	rank := func(ni *namedInfo) int {
		switch {
		case ni.component:
			return 0
		case ni.keyed != "":
			return 1
		case ni.title != "" && titles[ni.title] == 1:
			return 3
		}
		return 2
	}
	first := func(ni *namedInfo) string {
		switch rank(ni) {
		case 1:
			return ni.keyed
		case 3:
			return ni.title
		}
		return ni.candidate
	}
	// The inline types inside a type named by its title are named after
	// that name, not after the place of the copy that was kept
	// (DataParamsType, not GetInvoicesUpcomingCustomerDetailsTaxIDsItemType),
	// outer types first.
	titled := slices.Clone(b.named)
	titled = slices.DeleteFunc(titled, func(ni *namedInfo) bool { return rank(ni) != 3 })
	slices.SortStableFunc(titled, func(x, y *namedInfo) int { return cmp.Or(len(x.n.Ref)-len(y.n.Ref), strings.Compare(x.n.Ref, y.n.Ref)) })
	for _, t := range titled {
		for _, ni := range b.named {
			if ni != t && !ni.component && !ni.referenced && ni.keyed == "" && strings.HasPrefix(ni.n.Ref, t.n.Ref+"/") && strings.HasPrefix(ni.candidate, t.candidate) {
				ni.candidate = t.title + ni.candidate[len(t.candidate):]
			}
		}
		t.candidate = t.title // its fallback, if the title is taken: see below
	}
	order := slices.Clone(b.named)
	slices.SortStableFunc(order, func(x, y *namedInfo) int {
		return cmp.Or(rank(x)-rank(y), strings.Compare(first(x), first(y)), strings.Compare(x.n.Ref, y.n.Ref))
	})
	for _, ni := range order {
		switch rank(ni) {
		case 1:
			switch {
			case nm.free(ni.keyed):
				ni.n.Name = nm.name(ni.keyed)
			case ni.alt != "" && nm.free(ni.alt):
				ni.n.Name = nm.name(ni.alt)
			default:
				ni.n.Name = nm.name(ni.keyed)
			}
		case 3:
			if nm.free(ni.title) {
				ni.n.Name = nm.name(ni.title)
				if titleName(ni.n.Doc.Summary) == ni.title {
					ni.n.Doc.Summary = "" // the name says it
				}
				break
			}
			ni.n.Name = inlineName(nm, ni)
		default:
			ni.n.Name = inlineName(nm, ni)
		}
		b.api.Types = append(b.api.Types, ni.n)
	}
	slices.SortFunc(b.api.Types, func(x, y *ir.Named) int { return strings.Compare(x.Name, y.Name) })
	for _, n := range b.api.Types {
		if e, ok := n.Type.(*ir.Enum); ok {
			nameEnum(n.Name, e, nm)
			e.ValuesFunc = nm.name(n.Name + "Values")
		}
	}
	for _, u := range b.unions {
		nameVariants(u)
	}
	for _, n := range b.api.Types {
		if u, ok := n.Type.(*ir.Union); ok {
			for _, v := range u.Variants {
				v.Ctor = nm.name("New" + n.Name + v.Name)
			}
		}
	}
}

// inlineName names an inline type by its candidate; when that is taken
// (by a component: Stripe's Subscription.schedule, an inline union, meets
// the component subscription_schedule), by the candidate and the kind of
// type (SubscriptionScheduleUnion, ListPetsResponseObject), then (a type
// merged from copies, see mergedName) by the smallest of their
// candidates, before a numeric suffix. A schema a $ref names is named after the $ref: it goes
// straight to the suffix (common.yaml#/Error beside the component Error
// is Error2).
func inlineName(nm *namer, ni *namedInfo) string {
	if !ni.component && !ni.referenced && !nm.free(ni.candidate) {
		kind := "Type"
		switch ni.n.Type.(type) {
		case *ir.Struct:
			kind = "Object"
		case *ir.Union:
			kind = "Union"
		case *ir.Enum:
			kind = "Enum"
		}
		if nm.free(ni.candidate + kind) {
			return nm.name(ni.candidate + kind)
		}
		if ni.fallback != "" && nm.free(ni.fallback) {
			return nm.name(ni.fallback)
		}
	}
	return nm.name(ni.candidate)
}

// nameEnum names the constants TypeName + PascalCase(label or value),
// falling back to TypeName + "Value" + index for values with no letters or
// digits.
func nameEnum(typeName string, e *ir.Enum, nm *namer) {
	for i, v := range e.Values {
		text := v.Value
		if s, err := strconv.Unquote(text); err == nil {
			text = s
		}
		suffix := pascalWords(v.Label)
		if suffix == "" {
			suffix = pascalWords(text)
		}
		if suffix == "" {
			suffix = "Value" + strconv.Itoa(i)
		}
		v.Name = nm.name(typeName + suffix)
	}
}

// nameVariants names union variants: a named type's name, else the kind.
// A union's fields are its variants and it has JSON methods, so a variant
// of a type named MarshalJSON is the field MarshalJSONVariant (Raw and
// Unknown, the other methods, the generator leaves out instead).
func nameVariants(u *ir.Union) {
	nm := newNamer()
	for _, v := range u.Variants {
		name := variantName(v.Type)
		if name == "MarshalJSON" || name == "UnmarshalJSON" {
			name += "Variant"
		}
		v.Name = nm.name(name)
	}
}

// primNames are variant names of primitives.
var primNames = map[ir.PrimKind]string{ir.String: "String", ir.Int: "Int", ir.Int32: "Int32", ir.Int64: "Int64",
	ir.Float32: "Float32", ir.Float64: "Float64", ir.Bool: "Bool", ir.DateTime: "DateTime", ir.Date: "Date",
	ir.UUID: "UUID", ir.Bytes: "Bytes", ir.Binary: "Binary", ir.Int8: "Int8", ir.Int16: "Int16",
	ir.Uint8: "Uint8", ir.Uint16: "Uint16", ir.Uint32: "Uint32", ir.Uint64: "Uint64"}

func variantName(t ir.Type) string {
	switch x := t.(type) {
	case *ir.Named:
		return x.Name
	case *ir.Primitive:
		return primNames[x.Kind]
	case *ir.Array:
		return variantName(x.Elem) + "Array"
	case *ir.Map:
		return variantName(x.Elem) + "Map"
	case *ir.Nullable:
		return variantName(x.Elem)
	}
	return "Any"
}

// computeUsage sets Named.Usage by walking every operation's parameters
// and body (request) and responses (response), transitively.
func (b *builder) computeUsage() {
	all := slices.Clone(b.ops)
	seen := map[ir.Usage]map[*ir.Named]bool{ir.UsedInRequest: {}, ir.UsedInResponse: {}}
	// A webhook's request is what the API sends and the user receives:
	// its parameters and payload are read like responses.
	for _, o := range b.api.Webhooks {
		for _, p := range o.Params {
			markUsage(p.Type, ir.UsedInResponse, seen[ir.UsedInResponse])
		}
		if o.Body != nil {
			for _, c := range o.Body.Contents {
				markUsage(c.Type, ir.UsedInResponse, seen[ir.UsedInResponse])
			}
		}
	}
	for _, oi := range all {
		o := oi.o
		for _, p := range o.Params {
			markUsage(p.Type, ir.UsedInRequest, seen[ir.UsedInRequest])
		}
		if o.Body != nil {
			for _, c := range o.Body.Contents {
				markUsage(c.Type, ir.UsedInRequest, seen[ir.UsedInRequest])
			}
		}
		for _, r := range o.Responses {
			for _, c := range r.Contents {
				markUsage(c.Type, ir.UsedInResponse, seen[ir.UsedInResponse])
			}
			for _, h := range r.Headers {
				markUsage(h.Type, ir.UsedInResponse, seen[ir.UsedInResponse])
			}
		}
	}
}

// markUsage sets bit on every named type reachable from t.
func markUsage(t ir.Type, bit ir.Usage, seen map[*ir.Named]bool) {
	switch x := t.(type) {
	case *ir.Named:
		if seen[x] {
			return
		}
		seen[x] = true
		x.Usage |= bit
		markUsage(x.Type, bit, seen)
	case *ir.Nullable:
		markUsage(x.Elem, bit, seen)
	case *ir.Array:
		markUsage(x.Elem, bit, seen)
	case *ir.Map:
		markUsage(x.Elem, bit, seen)
	case *ir.Struct:
		for _, f := range x.Fields {
			markUsage(f.Type, bit, seen)
		}
		if x.Additional != nil {
			markUsage(x.Additional, bit, seen)
		}
	case *ir.Union:
		for _, v := range x.Variants {
			markUsage(v.Type, bit, seen)
		}
	}
}

// sortAll sorts the lists the IR documents as sorted.
func (b *builder) sortAll() {
	slices.SortFunc(b.api.Services, func(x, y *ir.Service) int { return strings.Compare(x.Name, y.Name) })
	for _, s := range b.api.Services {
		slices.SortFunc(s.Operations, func(x, y *ir.Operation) int { return strings.Compare(x.Name, y.Name) })
	}
	slices.SortFunc(b.api.Webhooks, func(x, y *ir.Operation) int { return strings.Compare(x.Name, y.Name) })
	slices.SortFunc(b.api.Schemes, func(x, y *ir.SecurityScheme) int { return strings.Compare(x.Key, y.Key) })
}

// String describes an operation for messages.
func (oi *opInfo) String() string { return fmt.Sprintf("%s %s", oi.o.Method, oi.o.Path) }
