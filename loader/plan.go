package loader

import (
	"fmt"
	"slices"
	"strings"

	"github.com/genclient/genclient/ir"
	"github.com/getkin/kin-openapi/openapi3"
)

// methodOrder is the order operations of one path item are visited in.
var methodOrder = []string{"GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"}

// opInfo ties an IR operation to its kin-openapi source.
type opInfo struct {
	o      *ir.Operation
	op     *openapi3.Operation
	item   *openapi3.PathItem
	itemL  loc
	l      loc
	svc    *ir.Service
	cand   string  // Name before de-duplication
	parent *opInfo // for a callback: the operation declaring it
	hook   bool    // a webhook or callback: its "path" is a name or expression
}

// pathItemLoc returns where the path item is (following a path item $ref).
func (b *builder) pathItemLoc(l loc, item *openapi3.PathItem) loc {
	if item.Ref != "" {
		return b.chase(b.refLoc(l, item.Ref))
	}
	return l
}

// opsOf lists the operations of a path item in methodOrder.
func (b *builder) opsOf(item *openapi3.PathItem, itemL loc, p string) []*opInfo {
	var out []*opInfo
	for _, m := range methodOrder {
		op := item.GetOperation(m)
		if op == nil {
			continue
		}
		l := itemL.child(strings.ToLower(m))
		o := &ir.Operation{ID: op.OperationID, Method: m, Path: p, Tags: op.Tags, Doc: opDoc(op), Pos: b.pos(l), Server: ownServer(op, item)}
		out = append(out, &opInfo{o: o, op: op, item: item, itemL: itemL, l: l})
	}
	return out
}

// ownServer returns the URL of the first server the operation, else its
// path item, declares, with its variables at their defaults; "" when
// neither declares servers (or they repeat none).
func ownServer(op *openapi3.Operation, item *openapi3.PathItem) string {
	var sv openapi3.Servers
	switch {
	case op.Servers != nil && len(*op.Servers) > 0:
		sv = *op.Servers
	case len(item.Servers) > 0:
		sv = item.Servers
	default:
		return ""
	}
	if sv[0] == nil {
		return ""
	}
	url := sv[0].URL
	for name, v := range sv[0].Variables {
		if v != nil {
			url = strings.ReplaceAll(url, "{"+name+"}", v.Default)
		}
	}
	return url
}

// opDoc is an operation's documentation.
func opDoc(op *openapi3.Operation) ir.Doc {
	d := ir.Doc{Summary: op.Summary, Description: op.Description, Deprecated: op.Deprecated}
	if op.ExternalDocs != nil {
		d.ExternalURL = op.ExternalDocs.URL
	}
	return d
}

// planOperations collects the operations, groups them into services and
// gives every operation its final Name and FullName. Names come before any
// schema conversion because inline types are named after operations.
func (b *builder) planOperations() {
	paths := b.doc.Paths.Map()
	ids := map[string]ir.Pos{}
	for _, p := range sortedKeys(paths) {
		itemL := b.pathItemLoc(b.root.child("paths", p), paths[p])
		for _, oi := range b.opsOf(paths[p], itemL, p) {
			b.checkID(oi, ids)
			b.ops = append(b.ops, oi)
		}
	}
	b.makeServices()
	b.nameOperations()
}

// checkID warns about missing and duplicate operationIds.
func (b *builder) checkID(oi *opInfo, ids map[string]ir.Pos) {
	id := oi.op.OperationID
	if id == "" {
		oi.cand = derivedName(oi.o.Method, oi.o.Path)
		b.warn(oi.o.Pos, fmt.Sprintf("operation %s %s has no operationId: named %s", oi.o.Method, oi.o.Path, oi.cand))
		return
	}
	if first, ok := ids[id]; ok {
		b.warn(oi.o.Pos, fmt.Sprintf("duplicate operationId %q (first at %s): renamed", id, first))
	} else {
		ids[id] = oi.o.Pos
	}
}

// derivedName names an operation without operationId from method and path:
// GET /pets/{id} → GetPetsID.
func derivedName(method, p string) string {
	return pascal(strings.ToLower(method) + " " + strings.NewReplacer("{", " ", "}", " ").Replace(p))
}

// makeServices creates one service per first tag, with unique names.
func (b *builder) makeServices() {
	byTag := map[string]*ir.Service{}
	var tags []string
	for _, oi := range b.ops {
		tag := ""
		if len(oi.op.Tags) > 0 {
			tag = oi.op.Tags[0]
		}
		if _, ok := byTag[tag]; !ok {
			byTag[tag] = &ir.Service{Tag: tag}
			tags = append(tags, tag)
		}
		oi.svc = byTag[tag]
	}
	slices.Sort(tags)
	nm := newNamer("")
	for _, tag := range tags {
		s := byTag[tag]
		if tag != "" {
			base := pascal(tag)
			if base == "" {
				base = "Tag"
			}
			s.Name = nm.name(base)
		}
		if t := b.doc.Tags.Get(tag); t != nil {
			s.Doc.Description = t.Description
			if t.ExternalDocs != nil {
				s.Doc.ExternalURL = t.ExternalDocs.URL
			}
		}
		b.api.Services = append(b.api.Services, s)
	}
}

// nameOperations sets Name (unique in the service, without stutter) and
// FullName (unique in the API). Ties are broken by sorting on (candidate,
// method, path) and appending 2, 3, ... in that order.
func (b *builder) nameOperations() {
	for _, oi := range b.ops {
		if n := explicitName(oi.op.Extensions); n != "" && !oi.hook {
			oi.cand = n // x-genclient-name: as given, without unstutter
			continue
		}
		if oi.cand == "" {
			oi.cand = pascal(oi.op.OperationID)
			if oi.cand == "" {
				oi.cand = derivedName(oi.o.Method, oi.o.Path)
			}
		}
		oi.cand = unstutter(oi.cand, oi.svc.Name)
	}
	order := slices.Clone(b.ops)
	slices.SortStableFunc(order, func(x, y *opInfo) int {
		return strings.Compare(x.cand+" "+x.o.Path+" "+x.o.Method, y.cand+" "+y.o.Path+" "+y.o.Method)
	})
	var svcNames []string
	for _, s := range b.api.Services {
		svcNames = append(svcNames, s.Name)
	}
	perSvc := map[*ir.Service]*namer{}
	full := newNamer(svcNames...)
	for _, oi := range order {
		nm := perSvc[oi.svc]
		if nm == nil {
			nm = newNamer()
			if oi.svc.Name == "" { // methods of the client share it with the service fields
				nm = newNamer(svcNames...)
			}
			perSvc[oi.svc] = nm
		}
		oi.o.Name = nm.name(oi.cand)
		oi.o.FullName = full.name(oi.svc.Name + oi.o.Name)
		oi.svc.Operations = append(oi.svc.Operations, oi.o)
	}
}

// unstutter removes the service name from the start, else the end, else
// the first place inside an operation name when the service name has
// several words: "IssuesListForRepo" in Issues → "ListForRepo", "AddPet"
// in Pet → "Add", "ListPets" in Pet → "List", "ListCoreV1NamespacedPod" in
// CoreV1 → "ListNamespacedPod"; "FindPetsByTags" in Pet stays, since a
// single word inside a name is as often part of a phrase as a stutter. The
// name is kept whole when nothing would remain.
func unstutter(name, svc string) string {
	if svc == "" {
		return name
	}
	nw, sw := words(name), words(svc)
	if len(nw) <= len(sw) {
		return name
	}
	match := func(ws []string) bool {
		for i, w := range ws {
			a, s := strings.ToLower(w), strings.ToLower(sw[i])
			if a != s && !(i == len(sw)-1 && (a == s+"s" || a+"s" == s)) {
				return false
			}
		}
		return true
	}
	join := func(ws []string) string {
		var b strings.Builder
		for _, w := range ws {
			b.WriteString(wordCase(w))
		}
		return b.String()
	}
	if match(nw[:len(sw)]) {
		return join(nw[len(sw):])
	}
	if match(nw[len(nw)-len(sw):]) {
		return join(nw[:len(nw)-len(sw)])
	}
	for i := 1; len(sw) > 1 && i+len(sw) < len(nw); i++ {
		if match(nw[i : i+len(sw)]) {
			return join(slices.Concat(nw[:i], nw[i+len(sw):]))
		}
	}
	return name
}

// reserveIterators keeps {Name}All free in each service for every
// operation with Pagination, since the generator emits its iterator method
// under that name, and likewise the names of the methods that send a
// body in another media type ({Name}WithForm, see bodyMethodSuffixes). Another operation already named so is renamed with the
// smallest numeric suffix (2, 3, ...) free in the service; operations are
// visited in (Name, Path, Method) order, so the result is deterministic.
// Pagination is only known once operations are converted, which is why
// this runs after nameOperations.
func (b *builder) reserveIterators() {
	var svcNames []string
	for _, s := range b.api.Services {
		svcNames = append(svcNames, s.Name)
	}
	for _, s := range b.api.Services {
		iters := map[string]bool{}
		for _, o := range s.Operations {
			if o.Pagination != nil {
				iters[o.Name+"All"] = true
			}
			for _, sfx := range bodyMethodSuffixes(o) {
				if sfx != "" {
					iters[o.Name+sfx] = true
				}
			}
		}
		if len(iters) == 0 {
			continue
		}
		var nm *namer
		if s.Name == "" {
			nm = newNamer(svcNames...)
		} else {
			nm = newNamer()
		}
		for _, o := range s.Operations {
			nm.reserve(o.Name)
		}
		for it := range iters {
			nm.reserve(it)
		}
		ops := slices.Clone(s.Operations)
		slices.SortFunc(ops, func(x, y *ir.Operation) int {
			return strings.Compare(x.Name+" "+x.Path+" "+x.Method, y.Name+" "+y.Path+" "+y.Method)
		})
		for _, o := range ops {
			if iters[o.Name] {
				old := o.Name
				o.Name = nm.name(old)
				b.warn(o.Pos, fmt.Sprintf("operation %s: method name %s is the iterator of a paginated operation: renamed %s", describeOp(o), old, o.Name))
			}
		}
	}
	nameBodyMethods(b.api.Services)
}
