package loader

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/genclient/genclient/ir"
	yaml "github.com/oasdiff/yaml3"
)

// Edits are changes to the root document that a configuration file asks
// for, applied after the overlays and, like them, before anything is
// loaded: the document itself is never edited on disk. Operations are
// named by operationId, or by "METHOD /path" (e.g. "GET /v1/charges").
type Edits struct {
	// Methods maps an operation to the Go method name it gets
	// (x-genclient-name on the operation).
	Methods map[string]string
	// Types maps a component schema (components.schemas, or definitions
	// in Swagger 2.0) to the Go type name it gets (x-genclient-name on
	// the schema).
	Types map[string]string
	// Pagination maps an operation to the x-pagination it gets.
	Pagination map[string]PaginationRule
	// Include keeps only the operations it selects, unless it selects
	// nothing; Exclude then removes those it selects.
	Include, Exclude Selection
}

// PaginationRule is an x-pagination value (see the README); Off is
// x-pagination: false.
type PaginationRule struct {
	Style, Param, Cursor, CursorItem, HasMore, Items string
	Off                                              bool
}

// Selection selects operations by operationId ("METHOD /path") or tag.
type Selection struct {
	Operations []string
	Tags       []string
}

func (s Selection) empty() bool { return len(s.Operations) == 0 && len(s.Tags) == 0 }

// xName is the extension that fixes the Go name of an operation or a
// component schema, as Edits.Methods and Edits.Types (or an overlay) set it.
const xName = "x-genclient-name"

// tailor applies the overlays, then the edits, to the root document, and
// marks it changed so that kin-openapi reads the edited tree. Nodes an
// overlay adds keep their positions in the overlay's file.
func (rs *rawSet) tailor(root string, overlays []string, ed *Edits) error {
	if len(overlays) == 0 && ed == nil {
		return nil
	}
	f, err := rs.file(root)
	if err != nil {
		return err
	}
	for _, name := range overlays {
		if err := rs.applyOverlay(f, name); err != nil {
			return err
		}
	}
	if ed != nil {
		if err := rs.applyEdits(f, ed); err != nil {
			return err
		}
	}
	f.changed = true
	return nil
}

// applyOverlay applies the OpenAPI Overlay 1.0 document in file name to f.
func (rs *rawSet) applyOverlay(f *rawFile, name string) error {
	name = cleanName(name)
	if name == f.name {
		return &Error{Pos: ir.Pos{File: name}, Msg: "an overlay cannot be the document itself"}
	}
	_, known := rs.files[name]
	o, err := rs.file(name)
	if err != nil {
		return err
	}
	if !known {
		delete(rs.files, name) // not part of the document: never walked or bundled
	}
	errAt := func(n *yaml.Node, format string, args ...any) error {
		return &Error{Pos: ir.Pos{File: name, Line: n.Line, Col: n.Column}, Msg: fmt.Sprintf(format, args...)}
	}
	top := deref(o.root)
	if top.Kind != yaml.MappingNode {
		return errAt(top, "not an overlay: want a mapping")
	}
	v := mapGet(top, "overlay")
	if v == nil {
		return errAt(top, `not an overlay: no "overlay" field`)
	}
	if !strings.HasPrefix(v.Value, "1.") {
		return errAt(v, "overlay version %q is not supported (only 1.x)", v.Value)
	}
	acts := mapGet(top, "actions")
	if acts == nil || acts.Kind != yaml.SequenceNode {
		n := top
		if acts != nil {
			n = acts
		}
		return errAt(n, "overlay: want a list of actions")
	}
	for i, a := range acts.Content {
		a = deref(a)
		if a.Kind != yaml.MappingNode {
			return errAt(a, "overlay action %d: want a mapping", i+1)
		}
		t := mapGet(a, "target")
		if t == nil || t.Kind != yaml.ScalarNode {
			return errAt(a, "overlay action %d: no target", i+1)
		}
		q, err := parseJSONPath(t.Value)
		if err != nil {
			return errAt(t, "overlay action %d: %v", i+1, err)
		}
		matches := q.selectFrom(f.root)
		pos := ir.Pos{File: name, Line: t.Line, Col: t.Column}
		if len(matches) == 0 {
			rs.warn(pos, fmt.Sprintf("overlay action %d: target %s selects nothing", i+1, t.Value))
			continue
		}
		if r := mapGet(a, "remove"); r != nil && r.Value == "true" {
			if err := removeNodes(matches); err != nil {
				return errAt(t, "overlay action %d: %v", i+1, err)
			}
			continue
		}
		u := mapGet(a, "update")
		if u == nil {
			continue
		}
		for _, m := range matches {
			if err := rs.update(m.node, u, name); err != nil {
				return errAt(u, "overlay action %d: %v", i+1, err)
			}
		}
	}
	return nil
}

// removeNodes removes the selected nodes from their parents, from the
// last to the first so that indices stay valid.
func removeNodes(ms []pathNode) error {
	type at struct {
		parent *yaml.Node
		idx    int
	}
	var all []at
	for _, m := range ms {
		if m.parent == nil {
			return fmt.Errorf("cannot remove the document's root")
		}
		all = append(all, at{m.parent, m.idx})
	}
	slices.SortFunc(all, func(a, b at) int { return b.idx - a.idx })
	for _, a := range slices.Compact(all) {
		if a.parent.Kind == yaml.MappingNode {
			a.parent.Content = slices.Delete(a.parent.Content, a.idx-1, a.idx+1)
		} else {
			a.parent.Content = slices.Delete(a.parent.Content, a.idx, a.idx+1)
		}
	}
	return nil
}

// update merges u into target: an object's members are merged
// recursively (a member that is not an object on both sides is
// replaced); into an array, u is appended. New nodes are copies that keep
// their positions in file.
func (rs *rawSet) update(target, u *yaml.Node, file string) error {
	u = deref(u)
	switch target.Kind {
	case yaml.SequenceNode:
		target.Content = append(target.Content, rs.graft(u, file))
		return nil
	case yaml.MappingNode:
		if u.Kind != yaml.MappingNode {
			return fmt.Errorf("update of an object must be an object")
		}
		for i := 0; i+1 < len(u.Content); i += 2 {
			k, v := u.Content[i], deref(u.Content[i+1])
			j := -1
			for x := 0; x+1 < len(target.Content); x += 2 {
				if target.Content[x].Value == k.Value {
					j = x
					break
				}
			}
			if j < 0 {
				kc := *k
				target.Content = append(target.Content, &kc, rs.graft(v, file))
				continue
			}
			old := deref(target.Content[j+1])
			if old.Kind == yaml.MappingNode && v.Kind == yaml.MappingNode {
				if err := rs.update(old, v, file); err != nil {
					return err
				}
				continue
			}
			target.Content[j+1] = rs.graft(v, file)
		}
		return nil
	}
	return fmt.Errorf("target is a %s, not an object or an array", kindName(target))
}

// graft returns a deep copy of n recorded as coming from file.
func (rs *rawSet) graft(n *yaml.Node, file string) *yaml.Node {
	cp := copyNode(n)
	rs.spliced[cp] = file
	return cp
}

func copyNode(n *yaml.Node) *yaml.Node {
	n = deref(n)
	cp := *n
	if len(n.Content) > 0 {
		cp.Content = make([]*yaml.Node, len(n.Content))
		for i, c := range n.Content {
			cp.Content[i] = copyNode(c)
		}
	}
	return &cp
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.ScalarNode:
		return "scalar"
	case yaml.MappingNode:
		return "object"
	case yaml.SequenceNode:
		return "array"
	}
	return "node"
}

// opRef is one operation of the root document's paths.
type opRef struct {
	item   *yaml.Node // the path item
	idx    int        // of the operation's value in item.Content
	op     *yaml.Node
	id     string // operationId
	method string // upper case
	path   string
	tags   []string
}

// operationsOf lists the operations written in the root's paths (not
// those of path items given as $ref to another file).
func operationsOf(root *yaml.Node) []opRef {
	var out []opRef
	paths := mapGet(root, "paths")
	if paths == nil || paths.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(paths.Content); i += 2 {
		item := deref(paths.Content[i+1])
		if item == nil || item.Kind != yaml.MappingNode {
			continue
		}
		for j := 0; j+1 < len(item.Content); j += 2 {
			m := item.Content[j].Value
			op := deref(item.Content[j+1])
			if !httpMethods[m] || op.Kind != yaml.MappingNode {
				continue
			}
			r := opRef{item: item, idx: j + 1, op: op, method: strings.ToUpper(m), path: paths.Content[i].Value}
			if id := mapGet(op, "operationId"); id != nil {
				r.id = id.Value
			}
			if t := mapGet(op, "tags"); t != nil && t.Kind == yaml.SequenceNode {
				for _, c := range t.Content {
					r.tags = append(r.tags, deref(c).Value)
				}
			}
			out = append(out, r)
		}
	}
	return out
}

// is reports whether the key names this operation.
func (r opRef) is(key string) bool {
	if r.id != "" && key == r.id {
		return true
	}
	m, p, ok := strings.Cut(key, " ")
	return ok && strings.EqualFold(m, r.method) && p == r.path
}

func (r opRef) in(s Selection) bool {
	for _, k := range s.Operations {
		if r.is(k) {
			return true
		}
	}
	for _, t := range s.Tags {
		if slices.Contains(r.tags, t) {
			return true
		}
	}
	return false
}

// applyEdits applies the configuration's edits to the root document. A
// key that names no operation or schema is an error: a rule that does
// nothing is a mistake the user wants to hear about.
func (rs *rawSet) applyEdits(f *rawFile, ed *Edits) error {
	pos := ir.Pos{File: f.name}
	ops := operationsOf(f.root)
	find := func(what, key string) (*yaml.Node, error) {
		for _, r := range ops {
			if r.is(key) {
				return r.op, nil
			}
		}
		return nil, &Error{Pos: pos, Msg: fmt.Sprintf("%s %q: no such operation (give its operationId or \"METHOD /path\")", what, key)}
	}
	for _, key := range sortedKeys(ed.Methods) {
		op, err := find("methods:", key)
		if err != nil {
			return err
		}
		setKey(op, xName, scalar(ed.Methods[key]))
	}
	for _, key := range sortedKeys(ed.Pagination) {
		op, err := find("pagination:", key)
		if err != nil {
			return err
		}
		setKey(op, "x-pagination", ed.Pagination[key].node())
	}
	if len(ed.Types) > 0 {
		schemas := mapGet(mapGet(f.root, "components"), "schemas")
		if mapGet(f.root, "swagger") != nil {
			schemas = mapGet(f.root, "definitions")
		}
		for _, key := range sortedKeys(ed.Types) {
			s := mapGet(schemas, key)
			if s == nil || s.Kind != yaml.MappingNode {
				return &Error{Pos: pos, Msg: fmt.Sprintf("types: %q: no such component schema", key)}
			}
			setKey(s, xName, scalar(ed.Types[key]))
		}
	}
	if ed.Include.empty() && ed.Exclude.empty() {
		return nil
	}
	var drop []pathNode
	for _, r := range ops {
		if (!ed.Include.empty() && !r.in(ed.Include)) || r.in(ed.Exclude) {
			drop = append(drop, pathNode{node: r.op, parent: r.item, idx: r.idx})
		}
	}
	if len(drop) == len(ops) {
		return &Error{Pos: pos, Msg: "include and exclude leave no operation"}
	}
	return removeNodes(drop)
}

// node is the rule as an x-pagination value.
func (p PaginationRule) node() *yaml.Node {
	if p.Off {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "false"}
	}
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for _, kv := range [][2]string{{"style", p.Style}, {"param", p.Param}, {"cursor", p.Cursor},
		{"cursor_item", p.CursorItem}, {"has_more", p.HasMore}, {"items", p.Items}} {
		if kv[1] != "" {
			m.Content = append(m.Content, scalar(kv[0]), scalar(kv[1]))
		}
	}
	return m
}

func scalar(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
}

// setKey sets key in mapping m to v, replacing any value it had.
func setKey(m *yaml.Node, key string, v *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			m.Content[i+1] = v
			return
		}
	}
	m.Content = append(m.Content, scalar(key), v)
}

// explicitName returns the x-genclient-name extension's value, if it is
// an exported Go identifier.
func explicitName(ext map[string]any) string {
	s, _ := ext[xName].(string)
	if s == "" || s[0] < 'A' || s[0] > 'Z' || strconv.QuoteToASCII(s) != `"`+s+`"` || strings.ContainsAny(s, " -./") {
		return ""
	}
	return s
}
