package loader

import (
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/genclient/genclient/ir"
	yaml "github.com/oasdiff/yaml3"
)

// maxErrors bounds how many errors one Load reports.
const maxErrors = 20

// refUse is one $ref found in a file.
type refUse struct {
	file string
	ref  string
	node *yaml.Node // the $ref's string value, for its position
	pos  string     // the file node's position is in (differs in spliced subtrees)
}

// preparer reads every file reachable from the root, checks that each $ref
// resolves, and normalises the constructs kin-openapi would reject.
type preparer struct {
	rs      *rawSet
	remote  bool
	queue   []string
	queued  map[string]bool
	refs    []refUse
	errs    ErrorList
	stack   []string // keys from the file root to the node being walked
	version string
	swagger bool
	// fileCtx is the kind of the top of each file, when known: the root
	// document's, or the one given by the first $ref to the whole file;
	// topCtx the kind of top-level members of files reached by $refs such
	// as "models.yaml#/Pet".
	fileCtx map[string]bundleCtx
	topCtx  map[string]map[string]bundleCtx
	notes   []*normNote // normalisations done, one per (file, construct)
	// src is the file the subtree being walked comes from when it was
	// spliced into another file, for positions; "" otherwise.
	src string
	// spliceTarget is what each subtree splice copied was copied from
	// (file#pointer); inSplice lists those of the subtrees being walked,
	// outermost first, so that a $ref back to one of them is refused.
	spliceTarget map[*yaml.Node]string
	inSplice     []string
}

// posFile is the file positions in the subtree being walked refer to.
func (p *preparer) posFile(f *rawFile) string {
	if p.src != "" {
		return p.src
	}
	return f.name
}

// normNote counts the normalisations of one construct in one file, so
// that a file that does the same thing hundreds of times gets one warning.
type normNote struct {
	file, kind string // kind: "operation-level $refs", ...
	count      int
	pos        ir.Pos // of the first
	first      string // the warning for the first
}

// note records a normalisation of construct kind at pos in file.
func (p *preparer) note(file, kind string, pos ir.Pos, msg string) {
	for _, n := range p.notes {
		if n.file == file && n.kind == kind {
			n.count++
			return
		}
	}
	p.notes = append(p.notes, &normNote{file: file, kind: kind, count: 1, pos: pos, first: msg})
}

// flushNotes emits one warning per (file, construct), at the first
// occurrence, in the order they were first met.
func (p *preparer) flushNotes() {
	for _, n := range p.notes {
		if n.count == 1 {
			p.rs.warn(n.pos, n.first)
			continue
		}
		p.rs.warn(n.pos, fmt.Sprintf("normalised %d %s in this file; the first: %s", n.count, n.kind, n.first))
	}
}

// httpMethods are the operation keys of a path item.
var httpMethods = map[string]bool{"get": true, "put": true, "post": true, "delete": true,
	"options": true, "head": true, "patch": true, "trace": true}

// prepare loads root and everything it references. It returns the first
// errors found (a syntax error, a missing file, a $ref to nothing).
func (rs *rawSet) prepare(root string, allowRemote bool) error {
	p := &preparer{rs: rs, remote: allowRemote, queued: map[string]bool{},
		fileCtx: map[string]bundleCtx{}, topCtx: map[string]map[string]bundleCtx{}}
	root = cleanName(root)
	rs.rootName = root
	f, err := rs.file(root)
	if err != nil {
		return err
	}
	if v := mapGet(f.root, "openapi"); v != nil {
		p.version = v.Value
	}
	p.swagger = mapGet(f.root, "swagger") != nil
	rs.hoistDefs = !p.swagger && !strings.HasPrefix(p.version, "3.1") && !strings.HasPrefix(p.version, "3.2")
	p.fileCtx[root] = cxDoc
	p.enqueue(root)
	for len(p.queue) > 0 && len(p.errs) < maxErrors {
		name := p.queue[0]
		p.queue = p.queue[1:]
		f, err := rs.file(name)
		if err != nil {
			return err
		}
		p.stack = p.stack[:0]
		c, ok := p.fileCtx[name]
		if !ok {
			c = cxOther
		}
		p.walk(f, f.root, c, nil)
	}
	for _, u := range p.refs {
		if len(p.errs) >= maxErrors {
			break
		}
		p.checkRef(u)
	}
	p.flushNotes()
	switch len(p.errs) {
	case 0:
		return nil
	case 1:
		return p.errs[0]
	}
	return p.errs
}

func (p *preparer) enqueue(name string) {
	if !p.queued[name] {
		p.queued[name] = true
		p.queue = append(p.queue, name)
	}
}

func (p *preparer) errorAt(file string, n *yaml.Node, format string, args ...any) {
	p.errs = append(p.errs, &Error{Pos: ir.Pos{File: file, Line: n.Line, Col: n.Column}, Msg: fmt.Sprintf(format, args...)})
}

// isRemote reports whether ref names a URL rather than a file.
func isRemote(ref string) bool {
	return strings.HasPrefix(ref, "http://") || strings.HasPrefix(ref, "https://")
}

// walk visits n (at p.stack within f), an object of kind c or, with mc, a
// map or list of objects of kind mc.elem: it records $refs and applies
// the repair rules. Values that are data rather than OpenAPI objects
// (examples, defaults, enums, extensions) are skipped.
func (p *preparer) walk(f *rawFile, n *yaml.Node, c bundleCtx, mc *mapCtx) {
	n = deref(n)
	switch n.Kind {
	case yaml.SequenceNode:
		for i, e := range n.Content {
			if mc != nil { // a list where a map belongs: an error of its own
				if deref(e).Kind != yaml.ScalarNode {
					p.walk(f, e, mc.elem, nil)
				}
				continue
			}
			if e := deref(e); (c == cxSchema || c == cxParameter) && isNullNode(e) && len(p.stack) > 0 {
				// kin-openapi refuses it with no position; leaving it out
				// would move the entries after it, which $refs may name.
				p.errorAt(p.posFile(f), e, "%s[%d] is null: %s %s must be an object", p.stack[len(p.stack)-1], i, article(objectKinds[c]), objectKinds[c])
				continue
			}
			p.walk(f, e, c, nil)
		}
	case yaml.ScalarNode:
		// A number, a text or a boolean where an OpenAPI object belongs
		// (what the repair rules read was read before): kin-openapi
		// refuses it with no position. Null is left to kin-openapi, which
		// reads a null member as absent; a boolean is a schema in 3.1.
		kind := objectKinds[c]
		if c == cxDiscriminator && !p.swagger { // Swagger 2.0's is a property name
			kind = "discriminator"
		}
		if kind != "" && !isNullNode(n) && (c != cxSchema || n.ShortTag() != "!!bool") {
			p.errorAt(p.posFile(f), n, "%s %s must be an object, got %s", article(kind), kind, describeNode(n))
		}
	case yaml.MappingNode:
		p.repair(f, n, c, mc)
		for i := 0; i+1 < len(n.Content); i += 2 {
			key, val := n.Content[i].Value, deref(n.Content[i+1])
			if val == nil {
				continue
			}
			if key == "$ref" && val.Kind == yaml.ScalarNode {
				if elem := mapElem(c, mc); elem != "" && len(p.stack) > 0 {
					// Left by map-ref (a remote or unreadable target) or
					// beside entries: kin-openapi would read an entry named
					// $ref and refuse it with no position.
					p.errorAt(p.posFile(f), val, "$ref %q in a map of %ss (%s): OpenAPI refers only to single objects", val.Value, elem, p.stack[len(p.stack)-1])
					continue
				}
				p.addRef(f, val, c)
				continue
			}
			if c == cxDiscriminator && key == "mapping" && val.Kind == yaml.MappingNode {
				// Mapping values that are references are $refs too.
				for j := 1; j < len(val.Content); j += 2 {
					if v := deref(val.Content[j]); v.Kind == yaml.ScalarNode && isMappingRef(v.Value) {
						p.addRef(f, v, cxSchema)
					}
				}
				continue
			}
			cc, cm := cxOther, (*mapCtx)(nil)
			switch {
			case mc != nil:
				cc = mc.elem
			case c == cxOther && n == f.root && p.topCtx[f.name][key] != cxOther:
				cc = p.topCtx[f.name][key]
			default:
				cc, cm = p.childCtx(c, key, val)
			}
			if cc == cxData {
				continue
			}
			if val.Kind == yaml.SequenceNode && objectKinds[cc] != "" && mapElem(c, mc) != "" {
				// An entry of a map of objects given as a list, which the
				// walk would read as a list of such objects (allOf's form)
				// and kin-openapi refuses with no position.
				p.errorAt(p.posFile(f), val, "%s %q must be an object, got a list", objectKinds[cc], key)
				continue
			}
			switch {
			case cc == cxOther && cm == nil:
				p.checkShape(f, c, key, val)
			case cm != nil && (val.Kind == yaml.SequenceNode || isValueNode(val)) && !(c == cxSchema && key == "properties"):
				// A map of objects (headers, content, components, ...)
				// given as a value or a list; properties is keyword-type's.
				p.errorAt(p.posFile(f), val, "%s must be a map, got %s", key, describeNode(val))
				continue
			}
			p.stack = append(p.stack, key)
			if sf, ok := p.rs.spliced[val]; ok {
				saved := p.src
				p.src = sf
				target, own := p.spliceTarget[val]
				if own {
					p.inSplice = append(p.inSplice, target)
				}
				p.walk(f, val, cc, cm)
				if own {
					p.inSplice = p.inSplice[:len(p.inSplice)-1]
				}
				p.src = saved
			} else {
				p.walk(f, val, cc, cm)
			}
			p.stack = p.stack[:len(p.stack)-1]
		}
	}
}

// mapElem names the kind of the entries of a map of OpenAPI objects (the
// walk at an object of kind c, or at a map with mc), or "" when the
// object at hand is not such a map.
func mapElem(c bundleCtx, mc *mapCtx) string {
	switch {
	case mc != nil:
		return objectKinds[mc.elem]
	case c == cxResponses:
		return objectKinds[cxResponse]
	case c == cxPaths:
		return objectKinds[cxPathItem]
	case c == cxContent:
		return objectKinds[cxMediaType]
	}
	return ""
}

// checkShape reports, at the value, a number, text or boolean given for
// one of the objects or lists of objects the walk does not otherwise
// follow (info, externalDocs, servers, tags, security, xml, flows), which
// kin-openapi refuses with no position. c is the kind of the object that
// holds key.
func (p *preparer) checkShape(f *rawFile, c bundleCtx, key string, val *yaml.Node) {
	want := ""
	switch c {
	case cxDoc:
		switch key {
		case "info", "externalDocs":
			want = "object"
		case "tags", "security":
			want = "list"
		case "servers":
			if !p.swagger {
				want = "list"
			}
		}
	case cxOperation:
		switch key {
		case "externalDocs":
			want = "object"
		case "servers", "security":
			want = "list"
		}
	case cxPathItem:
		if key == "servers" {
			want = "list"
		}
	case cxSchema:
		if key == "xml" || key == "externalDocs" {
			want = "object"
		}
	case cxSecurityScheme:
		if key == "flows" && !p.swagger {
			want = "object"
			p.checkFlows(f, val)
		}
	case cxOther:
		if len(p.stack) == 1 && p.stack[0] == "info" && p.fileCtx[f.name] == cxDoc && (key == "license" || key == "contact") {
			want = "object"
		}
	}
	switch {
	case want == "object" && isValueNode(val):
		p.errorAt(p.posFile(f), val, "%s must be an object, got %s", key, describeNode(val))
	case want == "list" && (isValueNode(val) || val.Kind == yaml.MappingNode):
		p.errorAt(p.posFile(f), val, "%s must be a list, got %s", key, describeNode(val))
	case want == "list" && val.Kind == yaml.SequenceNode:
		for i, e := range val.Content {
			if e := deref(e); isValueNode(e) {
				p.errorAt(p.posFile(f), e, "%s[%d] must be an object, got %s", key, i, describeNode(e))
			}
		}
	}
}

// checkFlows reports, at the value, a flow of an OAuth 2 security scheme's
// flows given as a number, text, boolean or list, or a flow's scopes given
// as anything but a map, which kin-openapi refuses with no position.
func (p *preparer) checkFlows(f *rawFile, flows *yaml.Node) {
	if flows.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(flows.Content); i += 2 {
		name, flow := flows.Content[i].Value, deref(flows.Content[i+1])
		switch {
		case strings.HasPrefix(name, "x-"):
		case isValueNode(flow) || flow.Kind == yaml.SequenceNode:
			p.errorAt(p.posFile(f), flow, "flows.%s must be an object, got %s", name, describeNode(flow))
		case flow.Kind == yaml.MappingNode:
			if scopes := mapGet(flow, "scopes"); scopes != nil && (isValueNode(scopes) || scopes.Kind == yaml.SequenceNode) {
				p.errorAt(p.posFile(f), scopes, "flows.%s.scopes must be a map of scope names to descriptions, got %s", name, describeNode(scopes))
			}
		}
	}
}

// objectKinds names the kinds of OpenAPI object that must be mappings, for
// errors.
var objectKinds = map[bundleCtx]string{
	cxPaths: "paths object", cxPathItem: "path item", cxOperation: "operation", cxParameter: "parameter",
	cxRequestBody: "request body", cxResponses: "responses object", cxResponse: "response", cxHeader: "header",
	cxContent: "content map", cxMediaType: "media type object", cxEncoding: "encoding", cxSchema: "schema",
	cxExample: "example", cxLink: "link", cxCallback: "callback", cxSecurityScheme: "security scheme",
	cxComponents: "components object",
}

// childCtx returns the kind of the value under key in an object of kind
// c. In a file whose kind is unknown (cxOther), "default" under responses
// is a response and examples that are not a list may hold $refs.
func (p *preparer) childCtx(c bundleCtx, key string, val *yaml.Node) (bundleCtx, *mapCtx) {
	if c == cxOther {
		switch {
		case key == "default" && p.inResponses():
			return cxOther, nil
		case key == "examples" && val.Kind != yaml.SequenceNode:
			return cxOther, nil
		}
	}
	if p.swagger {
		return childCtx2(c, key)
	}
	return childCtx(c, key)
}

// childCtx2 is childCtx for Swagger 2.0 documents.
func childCtx2(c bundleCtx, key string) (bundleCtx, *mapCtx) {
	switch c {
	case cxData:
		return cxData, nil
	case cxResponses:
		return cxResponse, nil
	case cxSchema:
		return childCtx(c, key)
	}
	switch key {
	case "example", "examples", "default", "enum":
		return cxData, nil
	}
	if strings.HasPrefix(key, "x-") {
		return cxData, nil
	}
	switch c {
	case cxDoc:
		switch key {
		case "paths":
			return cxPaths, nil
		case "definitions":
			return cxOther, &mapCtx{cxSchema}
		case "parameters":
			return cxOther, &mapCtx{cxParameter}
		case "responses":
			return cxOther, &mapCtx{cxResponse}
		}
	case cxPaths:
		return cxPathItem, nil
	case cxPathItem:
		if httpMethods[key] {
			return cxOperation, nil
		}
		if key == "parameters" {
			return cxParameter, nil
		}
	case cxOperation:
		switch key {
		case "parameters":
			return cxParameter, nil
		case "responses":
			return cxResponses, nil
		}
	case cxResponse:
		switch key {
		case "schema":
			return cxSchema, nil
		case "headers":
			return cxOther, &mapCtx{cxHeader}
		}
	case cxParameter, cxHeader:
		if key == "schema" || key == "items" {
			return cxSchema, nil
		}
	}
	return cxOther, nil
}

// kindAt returns the kind of the object at ptr in file, following the
// kinds from the file's top (the root document's, or the one its first
// $ref gave it); cxOther when unknown.
func (p *preparer) kindAt(file, ptr string) bundleCtx {
	c, ok := p.fileCtx[file]
	if !ok {
		c = cxOther
	}
	if ptr == "" || ptr == "/" {
		return c
	}
	var mc *mapCtx
	for j, tok := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		tok = unescapeToken(tok)
		switch {
		case j == 0 && c == cxOther:
			c, ok = p.topCtx[file][tok]
			if !ok {
				return cxOther
			}
			mc = nil
			continue
		case mc != nil:
			c, mc = mc.elem, nil
			continue
		}
		if _, err := strconv.Atoi(tok); err == nil && (c == cxParameter || c == cxSchema) {
			continue // an entry of a list of parameters or schemas (allOf/0)
		}
		if p.swagger {
			c, mc = childCtx2(c, tok)
		} else {
			c, mc = childCtx(c, tok)
		}
		if c == cxOther && mc == nil {
			return cxOther
		}
	}
	if mc != nil {
		return cxOther
	}
	return c
}

// addRef records the $ref whose value is val, in an object of kind c, and
// queues its file; the first $ref to a file gives the kind of its top (or
// of its top-level members) for the walk.
func (p *preparer) addRef(f *rawFile, val *yaml.Node, c bundleCtx) {
	ref := val.Value
	if isRemote(ref) {
		if !p.remote {
			p.errorAt(p.posFile(f), val, "remote $ref %q not allowed (only local files)", ref)
		}
		return
	}
	if _, frag, ok := strings.Cut(ref, "#"); ok && frag != "" && !strings.HasPrefix(frag, "/") {
		p.errorAt(p.posFile(f), val, "$ref %q: the part after # must be a JSON pointer, starting with / (anchors are not supported)", ref)
		return
	}
	target, _ := splitRef(f.name, ref)
	if _, err := p.rs.file(target); err != nil {
		p.fileError(f, val, target, err)
		return
	}
	p.refs = append(p.refs, refUse{file: f.name, ref: ref, node: val, pos: p.posFile(f)})
	if _, ptr := splitRef(f.name, ref); target != p.rs.rootName && c != cxOther {
		tok, rest, _ := strings.Cut(strings.TrimPrefix(ptr, "/"), "/")
		switch {
		case ptr == "" || ptr == "/":
			if _, ok := p.fileCtx[target]; !ok {
				p.fileCtx[target] = c
			}
		case rest == "":
			if p.topCtx[target] == nil {
				p.topCtx[target] = map[string]bundleCtx{}
			}
			if _, ok := p.topCtx[target][unescapeToken(tok)]; !ok {
				p.topCtx[target][unescapeToken(tok)] = c
			}
		}
	}
	p.enqueue(target)
}

// fileError reports that the file target named by the $ref val (in f)
// cannot be read: at the $ref, unless the error is inside target.
func (p *preparer) fileError(f *rawFile, val *yaml.Node, target string, err error) {
	e, ok := err.(*Error)
	switch {
	case ok && e.Pos.Line != 0:
		p.errs = append(p.errs, e)
	case ok && e.Msg == "cannot read file: "+errNoFile.Error():
		p.errorAt(p.posFile(f), val, "unresolved $ref %q: no such file %q", val.Value, target)
	case ok:
		p.errorAt(p.posFile(f), val, "$ref %q: %s: %s", val.Value, target, strings.TrimPrefix(e.Msg, "cannot read file: "))
	default:
		p.errorAt(p.posFile(f), val, "$ref %q: %v", val.Value, err)
	}
}

// checkRef reports a $ref whose pointer leads nowhere.
func (p *preparer) checkRef(u refUse) {
	target, ptr := splitRef(u.file, u.ref)
	if _, _, ok := p.rs.lookup(target, ptr); !ok {
		p.errorAt(u.pos, u.node, "unresolved $ref %q", u.ref)
	}
}

// inResponses reports whether the walk is at the members of a responses
// map, where "default" is a response, not a default value.
func (p *preparer) inResponses() bool {
	return len(p.stack) > 0 && p.stack[len(p.stack)-1] == "responses"
}

// inProperties reports whether the walk is at the members of a properties
// map, whose keys are property names, not keywords.
func (p *preparer) inProperties() bool {
	return len(p.stack) > 0 && p.stack[len(p.stack)-1] == "properties"
}

// inPathItem reports whether the walk is inside a path item (under paths,
// webhooks, or a callback).
func (p *preparer) inPathItem() bool {
	s := p.stack
	if len(s) == 2 && (s[0] == "paths" || s[0] == "webhooks") {
		return true
	}
	return len(s) >= 3 && s[len(s)-3] == "callbacks"
}

// inlineText replaces the description or summary at member i of s.n,
// given as {$ref: ...}, by the text it points at.
func (p *preparer) inlineText(s *site, i int) {
	f, n := s.f, s.n
	val := deref(n.Content[i+1])
	r := mapGet(val, "$ref")
	if r == nil || r.Kind != yaml.ScalarNode || isRemote(r.Value) {
		return
	}
	key := n.Content[i].Value
	target, ptr := splitRef(f.name, r.Value)
	if ptr == "" || ptr == "/" {
		n.Content[i+1] = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Line: val.Line, Column: val.Column}
		s.repaired(r, fmt.Sprintf("%s given as $ref %q to a whole file: not read, left empty (a $ref to text must point into a YAML or JSON document)", key, r.Value))
		return
	}
	if _, err := p.rs.file(target); err != nil {
		p.fileError(f, r, target, err)
		return
	}
	t, _, ok := p.rs.lookup(target, ptr)
	if !ok || t.Kind != yaml.ScalarNode {
		p.errorAt(p.posFile(f), r, "unresolved $ref %q (a %s must be text)", r.Value, key)
		return
	}
	n.Content[i+1] = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: t.Value, Line: val.Line, Column: val.Column}
	s.repaired(r, fmt.Sprintf("%s given as $ref %q: inlined its text", key, r.Value))
}

// splice replaces the member i of s.n, an operation or a properties map
// given as {$ref: ...}, by a copy of what it points at, with the copy's
// own relative $refs rebased onto the file.
func (p *preparer) splice(s *site, i int, what string) {
	f, n := s.f, s.n
	r := mapGet(n.Content[i+1], "$ref")
	if r.Kind != yaml.ScalarNode || isRemote(r.Value) {
		return
	}
	target, ptr := splitRef(f.name, r.Value)
	if _, err := p.rs.file(target); err != nil {
		p.fileError(f, r, target, err)
		return
	}
	t, tfile, ok := p.rs.lookup(target, ptr)
	if !ok || t.Kind != yaml.MappingNode {
		p.errorAt(p.posFile(f), r, "unresolved $ref %q", r.Value)
		return
	}
	key := tfile + "#" + ptr
	if slices.Contains(p.inSplice, key) {
		// "properties: {$ref: '#'}", or A's properties are B's and B's
		// A's: inlining it would copy the $ref again, without end
		p.errorAt(p.posFile(f), r, "%s given as $ref %q refers to an object that holds it", what, r.Value)
		return
	}
	cp := rebase(t, tfile, f.name)
	n.Content[i+1] = cp
	p.rs.spliced[cp] = tfile
	if p.spliceTarget == nil {
		p.spliceTarget = map[*yaml.Node]string{}
	}
	p.spliceTarget[cp] = key
	s.repaired(r, fmt.Sprintf("%s given as $ref %q (not allowed by OpenAPI): inlined", what, r.Value))
}

// rebase deep-copies n, rewriting each relative $ref (written in file
// from) so that it resolves the same when written in file into.
func rebase(n *yaml.Node, from, into string) *yaml.Node {
	n = deref(n)
	cp := *n
	if len(n.Content) == 0 {
		return &cp
	}
	cp.Content = make([]*yaml.Node, len(n.Content))
	for i, c := range n.Content {
		if n.Kind == yaml.MappingNode && i%2 == 1 && n.Content[i-1].Value == "mapping" && deref(c).Kind == yaml.MappingNode {
			cp.Content[i] = rebaseMapping(deref(c), from, into)
			continue
		}
		if n.Kind == yaml.MappingNode && i%2 == 1 && n.Content[i-1].Value == "$ref" {
			c = deref(c)
			if c.Kind == yaml.ScalarNode && !isRemote(c.Value) {
				cp.Content[i] = rebaseRef(c, from, into)
				continue
			}
		}
		cp.Content[i] = rebase(c, from, into)
	}
	return &cp
}

// rebaseRef copies the scalar $ref c, rewritten from file from to into.
func rebaseRef(c *yaml.Node, from, into string) *yaml.Node {
	rc := *c
	target, ptr := splitRef(from, c.Value)
	rc.Value = ""
	if target != into {
		rc.Value = relPath(path.Dir(into), target)
	}
	if ptr != "" || rc.Value == "" {
		rc.Value += "#" + ptr
	}
	return &rc
}

// rebaseMapping copies a discriminator mapping, rebasing the values that
// are references (a bare schema name is left alone).
func rebaseMapping(m *yaml.Node, from, into string) *yaml.Node {
	cp := *m
	cp.Content = slices.Clone(m.Content)
	for i := 1; i < len(cp.Content); i += 2 {
		if v := deref(cp.Content[i]); v.Kind == yaml.ScalarNode && strings.ContainsAny(v.Value, "#/.") && !isRemote(v.Value) {
			cp.Content[i] = rebaseRef(v, from, into)
		}
	}
	return &cp
}

// relPath returns target relative to dir (both slash paths).
func relPath(dir, target string) string {
	d := strings.Split(path.Clean(dir), "/")
	t := strings.Split(path.Clean(target), "/")
	if d[0] == "." {
		d = d[1:]
	}
	i := 0
	for i < len(d) && i < len(t)-1 && d[i] == t[i] {
		i++
	}
	var parts []string
	for range d[i:] {
		parts = append(parts, "..")
	}
	parts = append(parts, t[i:]...)
	return strings.Join(parts, "/")
}
