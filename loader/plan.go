package loader

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"

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

	derived bool   // no operationId: cand is derivedName's
	rest    bool   // cand is restName's verb for the service's resource
	owner   string // with rest: the literal segments above the resource, singular ("Account")
	route   bool   // cand is routeName's: the operationId without its path and method
}

// candKey is an operation's candidate name in its service.
type candKey struct {
	svc  *ir.Service
	cand string
}

func (oi *opInfo) candKey() candKey { return candKey{oi.svc, oi.cand} }

// countCands counts the operations of each candidate name in each service.
func countCands(ops []*opInfo) map[candKey]int {
	n := map[candKey]int{}
	for _, oi := range ops {
		n[oi.candKey()]++
	}
	return n
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
	b.byPath = b.groupByPath && !slices.ContainsFunc(b.ops, func(oi *opInfo) bool { return len(oi.op.Tags) > 0 })
	if b.groupByPath && !b.byPath {
		b.warn(b.pos(b.root.child("paths")), "operations are grouped by their tags: grouping by path applies only to a document that tags none")
	}
	b.makeServices()
	b.nameOperations()
}

// checkID warns about missing and duplicate operationIds.
func (b *builder) checkID(oi *opInfo, ids map[string]ir.Pos) {
	id := oi.op.OperationID
	if id == "" {
		oi.cand, oi.derived = derivedName(oi.o.Method, b.namePath(oi.o.Path)), true
		return // nameOperations warns, with the final name
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
		if b.byPath {
			tag = pathService(b.namePath(oi.o.Path))
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
		if t := tagNamed(b.doc.Tags, tag); t != nil && !b.byPath {
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
	prefix := idPrefix(b.ops)
	for _, oi := range b.ops {
		if n := explicitName(oi.op.Extensions); n != "" && !oi.hook {
			oi.cand = n // x-genclient-name: as given, without unstutter
			continue
		}
		if b.byPath && oi.svc.Name != "" {
			oi.cand = b.resourceName(oi.o.Method, oi.o.Path)
			continue
		}
		if oi.derived {
			if n, owner, ok := b.restName(oi.o.Method, oi.o.Path, oi.svc.Name); ok {
				oi.cand, oi.rest, oi.owner = n, true, owner
				continue
			}
			// The path's words name the operation; its last words are
			// never taken for a stutter of the service: in Keys, GET
			// /apps/{app_id}/keys is not GetAppsAppID.
			oi.cand = unstutterAt(oi.cand, oi.svc.Name, false)
			continue
		}
		if oi.cand == "" {
			id := strings.TrimPrefix(oi.op.OperationID, prefix)
			if r := routeName(id, oi.o.Method, oi.o.Path); r != "" {
				oi.cand, oi.route = pascal(r), true
			} else {
				oi.cand = pascal(id)
			}
			if oi.cand == "" {
				oi.cand = derivedName(oi.o.Method, b.namePath(oi.o.Path))
			}
		}
		oi.cand = unstutter(oi.cand, oi.svc.Name)
	}
	routeCollisions(b.ops, prefix)
	listOrGet(b.ops, b.namePath)
	restCollisions(b.ops, b.namePath)
	type keyed struct {
		key string
		oi  *opInfo
	}
	sorted := make([]keyed, len(b.ops))
	for i, oi := range b.ops {
		sorted[i] = keyed{oi.cand + " " + oi.o.Path + " " + oi.o.Method, oi}
	}
	slices.SortStableFunc(sorted, func(x, y keyed) int { return strings.Compare(x.key, y.key) })
	order := make([]*opInfo, len(sorted))
	for i, k := range sorted {
		order[i] = k.oi
	}
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
	for _, oi := range b.ops {
		if oi.derived {
			name := oi.o.Name
			if oi.svc.Name != "" {
				name = oi.svc.Name + "." + name
			}
			b.warn(oi.o.Pos, fmt.Sprintf("operation %s %s has no operationId: named %s", oi.o.Method, oi.o.Path, name))
		}
	}
}

// restName names an operation without operationId in a tagged service
// after its verb when its path is the service's resource: a literal
// segment is the service's name (in either number, any case; the last
// such segment), with at most one parameter after it. In service Keys:
//
//	GET    /apps/{app_id}/keys           List (Get when the segment is singular and has no items below it)
//	POST   /apps/{app_id}/keys           Create (when the segment is plural or has items below it)
//	GET    /apps/{app_id}/keys/{key_id}  Get
//	POST   /apps/{app_id}/keys/{key_id}  Update
//	PATCH  /apps/{app_id}/keys/{key_id}  Update
//	PUT    /apps/{app_id}/keys/{key_id}  Replace
//	DELETE /apps/{app_id}/keys/{key_id}  Delete
//
// as resourceName names them when operations are grouped by path. Below
// the resource, resourceName's words for the rest of the path name it as
// they would in a service of that resource:
//
//	POST   /apps/{app_id}/keys/{key_id}/revoke     Revoke
//	GET    /apps/{app_id}/keys/{key_id}/usages     ListUsages (with items below it)
//	GET    /apps/{app_id}/keys/{key_id}/usages/{d} GetUsage
//
// owner is the literal segments above the resource, singular ("App"),
// which restCollisions uses to tell apart two paths to one resource. ok
// is false for any other path and for methods other than GET, POST, PUT,
// PATCH and DELETE: the operation keeps the words of its method and path.
func (b *builder) restName(method, p, svc string) (name, owner string, ok bool) {
	switch method {
	case "GET", "POST", "PUT", "PATCH", "DELETE":
	default:
		return "", "", false
	}
	if svc == "" {
		return "", "", false
	}
	segs := resourceSegments(b.namePath(p))
	last := -1
	for i, s := range segs {
		if !isParamSeg(s) && strings.EqualFold(singular(pascal(s)), singular(svc)) {
			last = i
		}
	}
	if last < 0 {
		return "", "", false
	}
	for _, s := range segs[:last] {
		if !isParamSeg(s) {
			owner += singular(pascal(s))
		}
	}
	if tail := segs[last+1:]; slices.ContainsFunc(tail, func(s string) bool { return !isParamSeg(s) }) {
		if slices.ContainsFunc(tail, unnamed) {
			return "", "", false // "/users/~": no word says what it is
		}
		return b.resourceWords(method, p, tail), owner, true
	}
	if last < len(segs)-2 {
		return "", "", false
	}
	item := last == len(segs)-2
	switch method {
	case "GET":
		if !item && (b.hasItems(p) || pluralWord(segs[last])) {
			return "List", owner, true
		}
		return "Get", owner, true
	case "POST":
		if item {
			return "Update", owner, true
		}
		if b.hasItems(p) || pluralWord(segs[last]) {
			return "Create", owner, true
		}
	case "PATCH":
		return "Update", owner, true
	case "PUT":
		return "Replace", owner, true
	case "DELETE":
		return "Delete", owner, true
	}
	return "", "", false
}

// restCollisions keeps restName's verbs from colliding with another
// candidate of their service: a colliding verb of a path with literal
// segments above the resource takes them after For ("ListForAccount" for
// GET /accounts/{id}/apps beside GET /apps), and one still colliding
// goes back to the words of its method and path. A name never needs a
// number for what restName gave it.
func restCollisions(ops []*opInfo, namePath func(string) string) {
	n := countCands(ops)
	for _, oi := range ops {
		if oi.rest && n[oi.candKey()] > 1 && oi.owner != "" {
			oi.cand += "For" + oi.owner
		}
	}
	n = countCands(ops)
	for _, oi := range ops {
		if oi.rest && n[oi.candKey()] > 1 {
			oi.cand, oi.rest = unstutterAt(derivedName(oi.o.Method, namePath(oi.o.Path)), oi.svc.Name, false), false
		}
	}
}

// unstutter removes the service name from the start, else the end, else
// the first place inside an operation name when the service name has
// several words: "IssuesListForRepo" in Issues → "ListForRepo", "AddPet"
// in Pet → "Add", "ListPets" in Pet → "List", "ListCoreV1NamespacedPod" in
// CoreV1 → "ListNamespacedPod"; "FindPetsByTags" in Pet stays, since a
// single word inside a name is as often part of a phrase as a stutter. The
// name is kept whole when nothing would remain.
func unstutter(name, svc string) string { return unstutterAt(name, svc, true) }

// unstutterAt is unstutter, which looks for the service name at the end
// of the name only when end is set.
func unstutterAt(name, svc string, end bool) string {
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
	if end && match(nw[len(nw)-len(sw):]) {
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

// listOrGet tells a list from a get when unstutter made their names one:
// "getPets" and "getPet" in service Pet are both "Get". Of the GET
// operations of one service with one candidate, a list (one whose path
// is another's without its last parameter, "/flags/{project}" beside
// "/flags/{project}/{flag}", or ends in a literal segment when another's
// ends in a parameter, "/pets" beside "/pets/{id}") whose candidate
// starts with Get, Retrieve, Fetch, Read or Find has that word replaced
// by List, or gets List in front.
func listOrGet(ops []*opInfo, namePath func(string) string) {
	groups := map[candKey][]*opInfo{}
	for _, oi := range ops {
		if oi.o.Method == "GET" && explicitName(oi.op.Extensions) == "" {
			k := oi.candKey()
			groups[k] = append(groups[k], oi)
		}
	}
	for _, g := range groups {
		if len(g) < 2 {
			continue
		}
		// a is a list when another member is one of its items (its path
		// plus a parameter), or when a's path ends in a literal segment
		// and another member's in a parameter.
		list := func(a *opInfo) bool {
			ap := namePath(a.o.Path)
			return slices.ContainsFunc(g, func(b *opInfo) bool {
				bp := namePath(b.o.Path)
				return b != a && (anyParams(bp) == anyParams(strings.TrimSuffix(ap, "/"))+"/{}" ||
					!itemPath(ap) && itemPath(bp))
			})
		}
		var lists []*opInfo
		for _, oi := range g {
			if list(oi) {
				lists = append(lists, oi)
			}
		}
		for _, oi := range lists {
			ws := words(oi.cand)
			switch strings.ToLower(ws[0]) {
			case "get", "retrieve", "fetch", "read", "find":
				ws = ws[1:]
			}
			oi.cand = "List"
			for _, w := range ws {
				oi.cand += wordCase(w)
			}
		}
	}
}

// itemPath reports whether p's last segment is a parameter: it names one
// item ("/pets/{id}"), not a collection ("/pets").
func itemPath(p string) bool {
	segs := pathSegments(p)
	return len(segs) > 0 && isParamSeg(segs[len(segs)-1])
}

func isParamSeg(s string) bool { return strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") }

// pathSegments splits a path template into its non-empty segments.
func pathSegments(p string) []string {
	var out []string
	for _, s := range strings.Split(p, "/") {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// versionRE matches a path segment that is an API version: v1, v2beta,
// 2.0.
var versionRE = regexp.MustCompile(`^(v[0-9]+[a-z0-9._-]*|[0-9]+(\.[0-9]+)*)$`)

// resourceSegments returns the segments of p after its leading version
// segments.
func resourceSegments(p string) []string {
	segs := pathSegments(p)
	for len(segs) > 0 && isVersion(segs[0]) {
		segs = segs[1:]
	}
	return segs
}

// pathService is the service an operation of an untagged document goes
// to when operations are grouped by path (Options.GroupByPath): the
// first segment of its naming path (namePath) after any version
// ("/v1/customers/{customer}" → "customers"),
// "" (the client itself) when that is a parameter or there is none.
func pathService(p string) string {
	segs := resourceSegments(p)
	if len(segs) == 0 || isParamSeg(segs[0]) {
		return ""
	}
	return segs[0]
}

// resourceName names an operation grouped by path after its method and
// the rest of its path, REST-style, in the service of its first segment:
//
//	GET    /v1/customers                    List
//	POST   /v1/customers                    Create
//	GET    /v1/customers/{customer}         Get
//	POST   /v1/customers/{customer}         Update
//	DELETE /v1/customers/{customer}         Delete
//	GET    /v1/customers/{c}/sources        ListSources
//	GET    /v1/customers/{c}/sources/{id}   GetSource
//	POST   /v1/charges/{charge}/capture     Capture
//	GET    /v1/customers/search             Search
//	GET    /v1/balance                      Get
//
// The words are the literal segments after the first (parameters left
// out), the last one singular for an item and for Create. A GET of a
// path that has items below it ("/x/{id}" exists) or that ends in a
// plural answered by a list (returnsList: "/customers/{c}/line_items"
// answering {"data": [...], "has_more": true}) is a List, else a Get
// when the path ends in the service, follows a parameter
// ("/customers/{c}/cash_balance": GetCashBalance) or ends in a plural,
// else an action ("/customers/search": Search). A POST to an item is an
// Update; to a path with a GET or items, to the service's own path or to
// a plural word, a Create; to any other path an action, named by its
// last segment then the others singular
// ("/customers/{c}/sources/{id}/verify": VerifySource). DELETE
// is Delete, PATCH Update, PUT Replace; other methods their name. A
// version the naming path keeps, since another path differs from it only
// there, ends the name: "/v1/clusters" and "/api/v2/clusters" are
// Clusters.CreateV1 and Clusters.CreateV2.
func (b *builder) resourceName(method, p string) string {
	np := b.namePath(p)
	all, segs := pathSegments(np), resourceSegments(np)
	var version string
	for _, s := range all[:len(all)-len(segs)] {
		version += pascal(s)
	}
	return b.resourceWords(method, p, segs[1:]) + version
}

// resourceWords is resourceName for segs, the segments of p after its
// resource. A literal segment without a letter or digit ("~") is left
// out.
func (b *builder) resourceWords(method, p string, segs []string) string {
	segs = slices.DeleteFunc(slices.Clone(segs), unnamed)
	item := len(segs) > 0 && isParamSeg(segs[len(segs)-1])
	var lits []string
	for _, s := range segs {
		if !isParamSeg(s) {
			lits = append(lits, pascal(s))
		}
	}
	afterParam := len(segs) >= 2 && isParamSeg(segs[len(segs)-2])
	join := func(verb string, ws []string, singularLast bool) string {
		ws = slices.Clone(ws)
		if singularLast && len(ws) > 0 {
			ws[len(ws)-1] = singular(ws[len(ws)-1])
		}
		return verb + strings.Join(ws, "")
	}
	action := func() string {
		rest := slices.Clone(lits[:len(lits)-1])
		for i := range rest {
			rest[i] = singular(rest[i])
		}
		return lits[len(lits)-1] + strings.Join(rest, "")
	}
	switch method {
	case "GET":
		switch {
		case item:
			return join("Get", lits, true)
		case b.hasItems(p), b.returnsList(p):
			return join("List", lits, false)
		case len(lits) == 0 || afterParam || strings.HasSuffix(segs[len(segs)-1], "s"):
			return join("Get", lits, false)
		}
		return action()
	case "POST":
		switch {
		case item:
			return join("Update", lits, true)
		case len(lits) == 0 || b.hasItems(p) || b.doc.Paths.Value(p) != nil && b.doc.Paths.Value(p).Get != nil || pluralWord(segs[len(segs)-1]):
			return join("Create", lits, true)
		}
		return action()
	case "DELETE":
		return join("Delete", lits, item)
	case "PATCH":
		return join("Update", lits, item)
	case "PUT":
		return join("Replace", lits, item)
	}
	return join(pascal(strings.ToLower(method)), lits, item)
}

// returnsList reports whether the GET of p, a path ending in a plural
// word ("/groups/{id}/messages"), answers with a list: the JSON schema of
// its first success response is an array, or an object whose only array
// property holds the list ("data", "items", "results", or named like the
// segment: {"messages": [...], "next": ...}). A plural answered by one
// object ("/users/{id}/settings") is not a list.
func (b *builder) returnsList(p string) bool {
	segs := slices.DeleteFunc(resourceSegments(b.namePath(p)), unnamed)
	if len(segs) == 0 || isParamSeg(segs[len(segs)-1]) {
		return false
	}
	seg := segs[len(segs)-1]
	if !endsPlural(seg) {
		return false
	}
	pi := b.doc.Paths.Value(p)
	if pi == nil || pi.Get == nil || pi.Get.Responses == nil {
		return false
	}
	m := pi.Get.Responses.Map()
	for _, st := range sortedKeys(m) {
		if !strings.HasPrefix(st, "2") {
			continue
		}
		rr := m[st]
		if rr == nil || rr.Value == nil {
			return false
		}
		mts := sortMediaTypes(sortedKeys(rr.Value.Content))
		if len(mts) == 0 || mediaRank(mts[0]) > 1 {
			return false
		}
		sr := rr.Value.Content[mts[0]].Schema
		return sr != nil && sr.Value != nil && isList(sr.Value, seg)
	}
	return false
}

// isList reports whether s is an array, or an object whose only array
// property is named data, items, results or like seg.
func isList(s *openapi3.Schema, seg string) bool {
	if s.Type.Is("array") {
		return true
	}
	if s.Type != nil && !s.Type.Is("object") {
		return false
	}
	var list string
	for _, n := range sortedKeys(s.Properties) {
		if v := s.Properties[n].Value; v != nil && v.Type.Is("array") {
			if list != "" {
				return false
			}
			list = n
		}
	}
	switch strings.ToLower(list) {
	case "":
		return false
	case "data", "items", "results", "values", "entries", "records", "elements", "list":
		return true
	}
	return pascal(list) == pascal(seg)
}

// unnamed reports whether seg is a literal path segment that gives no
// word to a name ("~", "-").
func unnamed(seg string) bool { return !isParamSeg(seg) && pascal(seg) == "" }

// hasItems reports whether the document has a path p/{param}, whatever
// the names of the parameters ("/fees/{id}/refunds" has
// "/fees/{fee}/refunds/{id}").
func (b *builder) hasItems(p string) bool {
	if b.items == nil {
		b.items = map[string]bool{}
		for q := range b.doc.Paths.Map() {
			if segs := strings.Split(b.namePath(q), "/"); len(segs) > 1 && isParamSeg(segs[len(segs)-1]) {
				b.items[anyParams(strings.Join(segs[:len(segs)-1], "/"))] = true
			}
		}
	}
	return b.items[anyParams(strings.TrimSuffix(b.namePath(p), "/"))]
}

// anyParams writes every parameter of a path template as {}.
func anyParams(p string) string { return pathVarRE.ReplaceAllString(p, "{}") }

// pluralWord reports whether a path segment is one plural word
// ("calculations", not "verify_microdeposits", nor "status" or "access",
// which singular leaves as they are): a POST to it creates one.
func pluralWord(seg string) bool {
	for _, r := range seg {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return endsPlural(seg)
}

// endsPlural reports whether the last word of a path segment is plural
// ("line_items", "Departments"; not "{id}.json", "status"): singular
// changes it. singular also re-cases ("IDJSON" is "Idjson"), which does
// not count.
func endsPlural(seg string) bool {
	w := pascal(seg)
	return !strings.EqualFold(singular(w), w)
}

// singular makes the last word of a Go name singular by the common
// English rules: Entries → Entry, Addresses → Address, Boxes → Box,
// Customers → Customer; Status and Access stay.
func singular(name string) string {
	ws := words(name)
	if len(ws) == 0 {
		return name
	}
	w := ws[len(ws)-1]
	lw := strings.ToLower(w)
	switch {
	case strings.HasSuffix(lw, "ies") && len(lw) > 4:
		w = w[:len(w)-3] + "y"
	case strings.HasSuffix(lw, "sses"), strings.HasSuffix(lw, "xes"), strings.HasSuffix(lw, "ches"),
		strings.HasSuffix(lw, "shes"), strings.HasSuffix(lw, "uses"):
		w = w[:len(w)-2]
	case strings.HasSuffix(lw, "ss"), strings.HasSuffix(lw, "us"), strings.HasSuffix(lw, "is"), !strings.HasSuffix(lw, "s"), len(lw) < 3:
	default:
		w = w[:len(w)-1]
	}
	var out strings.Builder
	for _, x := range ws[:len(ws)-1] {
		out.WriteString(wordCase(x))
	}
	out.WriteString(wordCase(w))
	return out.String()
}

// tagNamed returns the tag of the document named name, or nil. Unlike
// openapi3.Tags.Get it passes over null entries of the list.
func tagNamed(tags openapi3.Tags, name string) *openapi3.Tag {
	for _, t := range tags {
		if t != nil && t.Name == name {
			return t
		}
	}
	return nil
}
