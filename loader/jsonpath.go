package loader

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	yaml "github.com/oasdiff/yaml3"
)

// This file is the JSONPath (RFC 9535) that OpenAPI Overlays target nodes
// with, over the loader's position-carrying trees. It covers the subset
// overlays use: the root $, child segments (.name, ['name'], [0], [-1],
// .*, [*], unions ['a','b']), descendant segments (..name, ..*, ..[...])
// and filter selectors [?...] with existence tests (@.x, @.tags[?@ ==
// 'a']), comparisons (== != < <= > >=) of singular queries and literals
// (strings, numbers, true, false, null), && || ! and parentheses. Array
// slices and function extensions (length(), match(), ...) are not
// supported and are reported as errors, never misread.

// pathNode is one node a query selected, with where it sits, so that an
// overlay can remove it: parent is the mapping or sequence that holds it
// (nil for the root) and idx the index of the node in parent.Content.
type pathNode struct {
	node   *yaml.Node
	parent *yaml.Node
	idx    int
}

// jsonPath is a parsed query.
type jsonPath struct{ segs []segment }

// segment is one child or descendant segment.
type segment struct {
	desc bool
	sels []selector
}

// selector is one selector of a segment: a name, an index, a wildcard or
// a filter.
type selector struct {
	kind   byte // 'n' name, 'i' index, '*' wildcard, '?' filter
	name   string
	index  int
	filter expr
}

// expr is a filter expression evaluated against the current node.
type expr interface {
	test(cur, root *yaml.Node) bool
}

// parseJSONPath parses a JSONPath query.
func parseJSONPath(s string) (*jsonPath, error) {
	p := &pathParser{s: s}
	p.space()
	if !p.eat("$") {
		return nil, p.errorf("a query starts with $")
	}
	segs, err := p.segments()
	if err != nil {
		return nil, err
	}
	p.space()
	if p.i < len(p.s) {
		return nil, p.errorf("unexpected %q", p.rest())
	}
	return &jsonPath{segs: segs}, nil
}

type pathParser struct {
	s string
	i int
}

func (p *pathParser) errorf(format string, args ...any) error {
	return fmt.Errorf("JSONPath %q at offset %d: %s", p.s, p.i, fmt.Sprintf(format, args...))
}

func (p *pathParser) rest() string {
	r := p.s[p.i:]
	if len(r) > 10 {
		r = r[:10] + "..."
	}
	return r
}

func (p *pathParser) space() {
	for p.i < len(p.s) && strings.IndexByte(" \t\n\r", p.s[p.i]) >= 0 {
		p.i++
	}
}

func (p *pathParser) eat(tok string) bool {
	if strings.HasPrefix(p.s[p.i:], tok) {
		p.i += len(tok)
		return true
	}
	return false
}

func (p *pathParser) peek() byte {
	if p.i < len(p.s) {
		return p.s[p.i]
	}
	return 0
}

// segments parses segments until one cannot start.
func (p *pathParser) segments() ([]segment, error) {
	var out []segment
	for {
		save := p.i
		p.space()
		switch {
		case p.eat(".."):
			seg, err := p.dotted(true)
			if err != nil {
				return nil, err
			}
			out = append(out, seg)
		case p.eat("."):
			seg, err := p.dotted(false)
			if err != nil {
				return nil, err
			}
			out = append(out, seg)
		case p.peek() == '[':
			sels, err := p.bracket()
			if err != nil {
				return nil, err
			}
			out = append(out, segment{sels: sels})
		default:
			p.i = save
			return out, nil
		}
	}
}

// dotted parses what follows . or ..: a name, *, or (after ..) a bracket.
func (p *pathParser) dotted(desc bool) (segment, error) {
	if p.eat("*") {
		return segment{desc: desc, sels: []selector{{kind: '*'}}}, nil
	}
	if desc && p.peek() == '[' {
		sels, err := p.bracket()
		return segment{desc: true, sels: sels}, err
	}
	start := p.i
	for p.i < len(p.s) {
		r, n := utf8.DecodeRuneInString(p.s[p.i:])
		if !(r == '_' || r >= 0x80 || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || p.i > start && (r >= '0' && r <= '9' || r == '-')) {
			break
		}
		p.i += n
	}
	if p.i == start {
		return segment{}, p.errorf("want a member name after .")
	}
	return segment{desc: desc, sels: []selector{{kind: 'n', name: p.s[start:p.i]}}}, nil
}

// bracket parses [sel, sel, ...].
func (p *pathParser) bracket() ([]selector, error) {
	p.i++ // [
	var sels []selector
	for {
		p.space()
		sel, err := p.selector()
		if err != nil {
			return nil, err
		}
		sels = append(sels, sel)
		p.space()
		if p.eat("]") {
			return sels, nil
		}
		if !p.eat(",") {
			return nil, p.errorf("want , or ] in a bracketed selection")
		}
	}
}

func (p *pathParser) selector() (selector, error) {
	switch c := p.peek(); {
	case c == '\'' || c == '"':
		s, err := p.str()
		return selector{kind: 'n', name: s}, err
	case c == '*':
		p.i++
		return selector{kind: '*'}, nil
	case c == '?':
		p.i++
		e, err := p.or()
		return selector{kind: '?', filter: e}, err
	case c == '-' || c >= '0' && c <= '9':
		start := p.i
		p.i++
		for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
			p.i++
		}
		if p.peek() == ':' {
			return selector{}, p.errorf("array slices are not supported")
		}
		n, err := strconv.Atoi(p.s[start:p.i])
		if err != nil {
			return selector{}, p.errorf("bad index %q", p.s[start:p.i])
		}
		return selector{kind: 'i', index: n}, nil
	case c == ':':
		return selector{}, p.errorf("array slices are not supported")
	}
	return selector{}, p.errorf("unexpected %q in a bracketed selection", p.rest())
}

// str parses a quoted string literal with JSON-like escapes.
func (p *pathParser) str() (string, error) {
	q := p.s[p.i]
	p.i++
	var b strings.Builder
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == q:
			p.i++
			return b.String(), nil
		case c == '\\' && p.i+1 < len(p.s):
			p.i++
			switch e := p.s[p.i]; e {
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case 'u':
				if p.i+5 > len(p.s) {
					return "", p.errorf("bad \\u escape")
				}
				r, err := strconv.ParseUint(p.s[p.i+1:p.i+5], 16, 32)
				if err != nil {
					return "", p.errorf("bad \\u escape")
				}
				b.WriteRune(rune(r))
				p.i += 4
			default:
				b.WriteByte(e)
			}
			p.i++
		default:
			b.WriteByte(c)
			p.i++
		}
	}
	return "", p.errorf("unterminated string")
}

// or, and, unary parse a filter expression.
func (p *pathParser) or() (expr, error) {
	l, err := p.and()
	if err != nil {
		return nil, err
	}
	for p.space(); p.eat("||"); p.space() {
		r, err := p.and()
		if err != nil {
			return nil, err
		}
		l = orExpr{l, r}
	}
	return l, nil
}

func (p *pathParser) and() (expr, error) {
	l, err := p.unary()
	if err != nil {
		return nil, err
	}
	for p.space(); p.eat("&&"); p.space() {
		r, err := p.unary()
		if err != nil {
			return nil, err
		}
		l = andExpr{l, r}
	}
	return l, nil
}

func (p *pathParser) unary() (expr, error) {
	p.space()
	if p.eat("!") {
		e, err := p.unary()
		return notExpr{e}, err
	}
	if p.eat("(") {
		e, err := p.or()
		if err != nil {
			return nil, err
		}
		p.space()
		if !p.eat(")") {
			return nil, p.errorf("want )")
		}
		return e, nil
	}
	l, err := p.operand()
	if err != nil {
		return nil, err
	}
	p.space()
	for _, op := range []string{"==", "!=", "<=", ">=", "<", ">"} {
		if p.eat(op) {
			p.space()
			r, err := p.operand()
			if err != nil {
				return nil, err
			}
			for _, o := range []operand{l, r} {
				if o.query != nil && !o.query.singular() {
					return nil, p.errorf("a comparison needs singular queries (names and indices only)")
				}
			}
			return cmpExpr{op, l, r}, nil
		}
	}
	if l.query == nil {
		return nil, p.errorf("a literal alone is not a test")
	}
	return existsExpr{l}, nil
}

// operand is a literal or a query relative to @ or $.
type operand struct {
	query *jsonPath
	rel   bool       // @ rather than $
	lit   *yaml.Node // a literal, as a scalar node
}

func (p *pathParser) operand() (operand, error) {
	switch c := p.peek(); {
	case c == '@' || c == '$':
		p.i++
		segs, err := p.segments()
		return operand{query: &jsonPath{segs: segs}, rel: c == '@'}, err
	case c == '\'' || c == '"':
		s, err := p.str()
		return operand{lit: &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}}, err
	case c == '-' || c >= '0' && c <= '9':
		start := p.i
		for p.i < len(p.s) && strings.IndexByte("+-.eE0123456789", p.s[p.i]) >= 0 {
			p.i++
		}
		v := p.s[start:p.i]
		if _, err := strconv.ParseFloat(v, 64); err != nil {
			return operand{}, p.errorf("bad number %q", v)
		}
		return operand{lit: &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!float", Value: v}}, nil
	}
	for _, w := range []struct{ word, tag string }{{"true", "!!bool"}, {"false", "!!bool"}, {"null", "!!null"}} {
		if p.eat(w.word) {
			return operand{lit: &yaml.Node{Kind: yaml.ScalarNode, Tag: w.tag, Value: w.word}}, nil
		}
	}
	if strings.HasPrefix(p.s[p.i:], "length(") || strings.HasPrefix(p.s[p.i:], "count(") ||
		strings.HasPrefix(p.s[p.i:], "match(") || strings.HasPrefix(p.s[p.i:], "search(") || strings.HasPrefix(p.s[p.i:], "value(") {
		return operand{}, p.errorf("filter functions are not supported")
	}
	return operand{}, p.errorf("unexpected %q in a filter", p.rest())
}

// singular reports whether q selects at most one node.
func (q *jsonPath) singular() bool {
	for _, s := range q.segs {
		if s.desc || len(s.sels) != 1 || (s.sels[0].kind != 'n' && s.sels[0].kind != 'i') {
			return false
		}
	}
	return true
}

// selectFrom evaluates q from root.
func (q *jsonPath) selectFrom(root *yaml.Node) []pathNode {
	return q.eval(root, root)
}

func (q *jsonPath) eval(start, root *yaml.Node) []pathNode {
	cur := []pathNode{{node: deref(start)}}
	for _, seg := range q.segs {
		var next []pathNode
		for _, c := range cur {
			if seg.desc {
				descend(c, func(d pathNode) { next = seg.apply(d, root, next) })
			} else {
				next = seg.apply(c, root, next)
			}
		}
		cur = next
	}
	return cur
}

// descend calls f on n and every node below it, in document order.
func descend(n pathNode, f func(pathNode)) {
	f(n)
	switch n.node.Kind {
	case yaml.MappingNode:
		for i := 1; i < len(n.node.Content); i += 2 {
			descend(pathNode{node: deref(n.node.Content[i]), parent: n.node, idx: i}, f)
		}
	case yaml.SequenceNode:
		for i, c := range n.node.Content {
			descend(pathNode{node: deref(c), parent: n.node, idx: i}, f)
		}
	}
}

// apply appends to out the children of n the segment's selectors select.
func (seg segment) apply(n pathNode, root *yaml.Node, out []pathNode) []pathNode {
	node := n.node
	for _, sel := range seg.sels {
		switch node.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(node.Content); i += 2 {
				v := deref(node.Content[i+1])
				switch sel.kind {
				case 'n':
					if node.Content[i].Value != sel.name {
						continue
					}
				case 'i':
					continue
				case '?':
					if !sel.filter.test(v, root) {
						continue
					}
				}
				out = append(out, pathNode{node: v, parent: node, idx: i + 1})
			}
		case yaml.SequenceNode:
			for i, c := range node.Content {
				v := deref(c)
				switch sel.kind {
				case 'n':
					continue
				case 'i':
					if j := sel.index; j != i && j != i-len(node.Content) {
						continue
					}
				case '?':
					if !sel.filter.test(v, root) {
						continue
					}
				}
				out = append(out, pathNode{node: v, parent: node, idx: i})
			}
		}
	}
	return out
}

type orExpr struct{ l, r expr }
type andExpr struct{ l, r expr }
type notExpr struct{ e expr }
type existsExpr struct{ o operand }
type cmpExpr struct {
	op   string
	l, r operand
}

func (e orExpr) test(cur, root *yaml.Node) bool  { return e.l.test(cur, root) || e.r.test(cur, root) }
func (e andExpr) test(cur, root *yaml.Node) bool { return e.l.test(cur, root) && e.r.test(cur, root) }
func (e notExpr) test(cur, root *yaml.Node) bool { return !e.e.test(cur, root) }
func (e existsExpr) test(cur, root *yaml.Node) bool {
	return len(e.o.nodes(cur, root)) > 0
}

// nodes evaluates the operand; a literal is its own node.
func (o operand) nodes(cur, root *yaml.Node) []pathNode {
	if o.lit != nil {
		return []pathNode{{node: o.lit}}
	}
	if o.rel {
		return o.query.eval(cur, root)
	}
	return o.query.eval(root, root)
}

func (e cmpExpr) test(cur, root *yaml.Node) bool {
	ln, rn := e.l.nodes(cur, root), e.r.nodes(cur, root)
	if len(ln) == 0 || len(rn) == 0 { // Nothing: equal only to Nothing
		switch e.op {
		case "==", "<=", ">=":
			return len(ln) == 0 && len(rn) == 0
		case "!=":
			return len(ln) != len(rn)
		}
		return false
	}
	a, b := ln[0].node, rn[0].node
	switch e.op {
	case "==":
		return nodeEqual(a, b)
	case "!=":
		return !nodeEqual(a, b)
	case "<":
		return less(a, b)
	case ">":
		return less(b, a)
	case "<=":
		return less(a, b) || nodeEqual(a, b)
	default: // >=
		return less(b, a) || nodeEqual(a, b)
	}
}

// scalarKind classifies a scalar as "string", "number", "bool" or "null".
func scalarKind(n *yaml.Node) string {
	switch n.ShortTag() {
	case "!!int", "!!float":
		return "number"
	case "!!bool":
		return "bool"
	case "!!null":
		return "null"
	}
	return "string"
}

func number(n *yaml.Node) float64 {
	f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
	if err != nil {
		if i, err := strconv.ParseInt(n.Value, 0, 64); err == nil {
			return float64(i)
		}
		return math.NaN()
	}
	return f
}

// nodeEqual compares two JSON values.
func nodeEqual(a, b *yaml.Node) bool {
	a, b = deref(a), deref(b)
	if a.Kind != b.Kind {
		return false
	}
	switch a.Kind {
	case yaml.ScalarNode:
		ka, kb := scalarKind(a), scalarKind(b)
		if ka != kb {
			return false
		}
		switch ka {
		case "number":
			return number(a) == number(b)
		case "bool":
			return strings.EqualFold(a.Value, b.Value)
		case "null":
			return true
		}
		return a.Value == b.Value
	case yaml.SequenceNode:
		if len(a.Content) != len(b.Content) {
			return false
		}
		for i := range a.Content {
			if !nodeEqual(a.Content[i], b.Content[i]) {
				return false
			}
		}
		return true
	case yaml.MappingNode:
		if len(a.Content) != len(b.Content) {
			return false
		}
		for i := 0; i+1 < len(a.Content); i += 2 {
			v := mapGet(b, a.Content[i].Value)
			if v == nil || !nodeEqual(a.Content[i+1], v) {
				return false
			}
		}
		return true
	}
	return false
}

// less orders two numbers or two strings; anything else is unordered.
func less(a, b *yaml.Node) bool {
	a, b = deref(a), deref(b)
	if a.Kind != yaml.ScalarNode || b.Kind != yaml.ScalarNode || scalarKind(a) != scalarKind(b) {
		return false
	}
	switch scalarKind(a) {
	case "number":
		return number(a) < number(b)
	case "string":
		return a.Value < b.Value
	}
	return false
}
