package loader

// ptrNode is a JSON pointer, interned in a ptrTable: one node per pointer
// text, linked to its parent, so that a member's pointer costs a lookup
// among its parent's members however deep it is, and two locations
// compare equal exactly when their pointers do. The text is built only when needed (a $ref, an
// error, a swagger translation): a deep schema's members would otherwise
// each carry the whole pointer, quadratic in the depth.
type ptrNode struct {
	up *ptrNode
	// tok is the last token, escaped as in the pointer text.
	tok   string
	depth int32
	tab   *ptrTable
	// kids are the members made so far; kidMap indexes them once there
	// are many (a schema has a few keywords, "paths" thousands of keys).
	kids   []*ptrNode
	kidMap map[string]*ptrNode
	// hit caches what rawSet.lookupLoc found for this pointer in file
	// hitFile once the raw trees are final.
	hitFile string
	hit     lookupHit
}

// kidScan is the number of members looked for by a scan before a map.
const kidScan = 8

// ptrTable interns the pointers of one Load.
type ptrTable struct {
	// root is the empty pointer, bare the parent of the first token of a
	// pointer that does not start with a slash ("a/b", kept as written).
	root, bare ptrNode
	rebased    map[rebaseKey]*ptrNode
}

func newPtrTable() *ptrTable {
	t := &ptrTable{}
	t.root.tab, t.bare.tab = t, t
	return t
}

// next returns the pointer of member tok (escaped) of n.
func (n *ptrNode) next(tok string) *ptrNode {
	if n.kidMap != nil {
		if c, ok := n.kidMap[tok]; ok {
			return c
		}
	} else {
		for _, c := range n.kids {
			if c.tok == tok {
				return c
			}
		}
	}
	c := &ptrNode{up: n, tok: tok, depth: n.depth + 1, tab: n.tab}
	n.kids = append(n.kids, c)
	switch {
	case n.kidMap != nil:
		n.kidMap[tok] = c
	case len(n.kids) > kidScan:
		n.kidMap = make(map[string]*ptrNode, 2*len(n.kids))
		for _, k := range n.kids {
			n.kidMap[k.tok] = k
		}
	}
	return c
}

// at returns the node of the pointer text ptr.
func (t *ptrTable) at(ptr string) *ptrNode {
	n := &t.root
	if ptr == "" {
		return n
	}
	if ptr[0] == '/' {
		ptr = ptr[1:]
	} else {
		n = &t.bare
	}
	for {
		i := 0
		for i < len(ptr) && ptr[i] != '/' {
			i++
		}
		n = n.next(ptr[:i])
		if i == len(ptr) {
			return n
		}
		ptr = ptr[i+1:]
	}
}

// isRoot reports whether n is the empty pointer or "/", which both name the
// whole document.
func (n *ptrNode) isRoot() bool {
	return n == nil || n == &n.tab.root || n.up == &n.tab.root && n.tok == ""
}

// last returns the last token of n (escaped) and whether n has a slash, as
// strings.LastIndexByte(ptr, '/') >= 0 would.
func (n *ptrNode) last() (string, bool) {
	if n == nil || n.up == nil || n.up == &n.tab.bare {
		return "", false
	}
	return n.tok, true
}

// String returns the pointer text.
func (n *ptrNode) String() string {
	if n == nil || n.up == nil {
		return ""
	}
	size := 0
	top := n
	for m := n; m.up != nil; m = m.up {
		size += 1 + len(m.tok)
		top = m
	}
	bare := top.up == &n.tab.bare
	if bare {
		size--
	}
	buf := make([]byte, size)
	i := size
	for m := n; m.up != nil; m = m.up {
		i -= len(m.tok)
		copy(buf[i:], m.tok)
		if m != top || !bare {
			i--
			buf[i] = '/'
		}
	}
	return string(buf)
}

// rebaseKey memoises rebase.
type rebaseKey struct{ n, from, to *ptrNode }

// rebase returns n with the prefix from replaced by to when n is a strict
// descendant of from, else nil: "/definitions/A/items" rebased from
// "/definitions" to "/components/schemas" is "/components/schemas/A/items".
// Results are memoised, so rebasing every member of a deep schema costs
// O(1) each.
func (t *ptrTable) rebase(n, from, to *ptrNode) *ptrNode {
	if t.rebased == nil {
		t.rebased = map[rebaseKey]*ptrNode{}
	}
	var path []*ptrNode
	var base *ptrNode
	for m := n; ; m = m.up {
		if m == nil || m.depth <= from.depth {
			return nil
		}
		if r, ok := t.rebased[rebaseKey{m, from, to}]; ok {
			base = r
			break
		}
		path = append(path, m)
		if m.up == from {
			base = to
			break
		}
		if m.up.depth <= from.depth {
			// m.up is at from's depth and is not from: no descendant of
			// m.up is one of from's.
			for _, p := range path {
				t.rebased[rebaseKey{p, from, to}] = nil
			}
			return nil
		}
	}
	for i := len(path) - 1; i >= 0; i-- {
		if base != nil {
			base = base.next(path[i].tok)
		}
		t.rebased[rebaseKey{path[i], from, to}] = base
	}
	return base
}
