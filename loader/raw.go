package loader

import (
	"bytes"
	"net/url"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/genclient/genclient/ir"
	yaml "github.com/oasdiff/yaml3"
)

// rawFile is one document file, parsed into a position-carrying tree.
type rawFile struct {
	name    string     // slash path as the caller gave it, or joined from refs
	root    *yaml.Node // the top value (not the document node)
	data    []byte     // the original bytes
	isJSON  bool
	changed bool   // normalisation edited the tree: re-encode before kin sees it
	enc     []byte // the JSON kin-openapi reads, once encoded
}

// rawSet holds every file reachable from the root document. It is built
// before kin-openapi sees anything: files are read and parsed once here, and
// kin reads the JSON encoding of the (normalised) trees through the loader's
// ReadFromURIFunc.
type rawSet struct {
	files    map[string]*rawFile
	rootName string
	// spliced maps the root of a subtree copied in from another file (an
	// operation given as $ref) to that file, so positions stay true.
	spliced map[*yaml.Node]string
	warn    func(ir.Pos, string)
	// index maps a large mapping to the offset in Content of each key, so
	// that walking a pointer through it (paths, components/schemas) costs
	// O(1) per step instead of a scan: Graph has 5,000 paths and 11,000
	// pointers into them.
	index map[*yaml.Node]map[string]int
	// refRoot is the folder $refs may reach (nil: anywhere, for tests).
	refRoot *refRoot
	// total is the number of bytes read so far.
	total int64
	// hoistDefs says the bundler gives each schema a $ref reaches through
	// a schema's $defs a component of its own, as it does for definitions
	// (an OpenAPI 3.0 document: see fixDefinitionsRef).
	hoistDefs bool
	// repairs counts the repairs done, by rule name.
	repairs map[string]int
	// frozen says the trees no longer change (see freeze): lookups are
	// cached, in the pointer nodes, so that the builder, which looks up a
	// schema's pointer and then its members', walks one step per lookup
	// instead of the whole pointer: linear, not quadratic, in how deep
	// schemas nest.
	frozen bool
	// ptrs interns the JSON pointers of locations (see loc).
	ptrs *ptrTable
	// prefixes holds the interned prefixes remap rebases, by text.
	prefixes map[string]*ptrNode
}

// at returns the location of ptr in file.
func (rs *rawSet) at(file, ptr string) loc { return loc{file, rs.ptrs.at(ptr)} }

// remap returns l with the first prefix of pairs (pointer texts, without
// the trailing slash) that l lies strictly below replaced by its
// counterpart, or l unchanged: O(1) per member of a schema once its parent
// is remapped.
func (rs *rawSet) remap(l loc, pairs [4][2]string) loc {
	if rs.prefixes == nil {
		rs.prefixes = map[string]*ptrNode{}
	}
	node := func(s string) *ptrNode {
		n, ok := rs.prefixes[s]
		if !ok {
			n = rs.ptrs.at(s)
			rs.prefixes[s] = n
		}
		return n
	}
	for _, m := range pairs {
		if n := rs.ptrs.rebase(l.p, node(m[0]), node(m[1])); n != nil {
			return loc{l.file, n}
		}
	}
	return l
}

type lookupHit struct {
	n    *yaml.Node
	file string
}

// freeze marks the trees as final: lookups are cached from now on.
func (rs *rawSet) freeze() { rs.frozen = true }

func newRawSet(warn func(ir.Pos, string)) *rawSet {
	return &rawSet{files: map[string]*rawFile{}, spliced: map[*yaml.Node]string{}, warn: warn,
		index: map[*yaml.Node]map[string]int{}, repairs: map[string]int{}, ptrs: newPtrTable()}
}

// indexedMin is the size (in members) from which member indexes a mapping.
const indexedMin = 16

// member returns the offset in mapping n's Content of the key tok (the
// first one, as mapGet), or -1. Mappings edited after they were indexed
// stay correct: a hit is checked, and a miss falls back to a scan.
func (rs *rawSet) member(n *yaml.Node, tok string) int {
	if len(n.Content) >= 2*indexedMin {
		idx, ok := rs.index[n]
		if !ok {
			idx = make(map[string]int, len(n.Content)/2)
			for i := len(n.Content) - 2; i >= 0; i -= 2 {
				idx[n.Content[i].Value] = i
			}
			rs.index[n] = idx
		}
		if i, ok := idx[tok]; ok && i+1 < len(n.Content) && n.Content[i].Value == tok {
			return i
		}
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == tok {
			return i
		}
	}
	return -1
}

// cleanName normalises a file name to the form used as key in rawSet.files.
func cleanName(name string) string {
	return path.Clean(filepath.ToSlash(name))
}

// yamlLineRE matches the position prefix of yaml3 syntax errors.
var yamlLineRE = regexp.MustCompile(`^yaml: (?:line (\d+): )?`)

// file returns the parsed file name, reading it on first use.
func (rs *rawSet) file(name string) (*rawFile, error) {
	name = cleanName(name)
	if f, ok := rs.files[name]; ok {
		return f, nil
	}
	if rs.refRoot != nil && name != rs.rootName {
		if err := rs.refRoot.check(name); err != nil {
			return nil, &Error{Pos: ir.Pos{File: name}, Msg: "cannot read file: " + err.Error()}
		}
	}
	data, err := readFile(name, &rs.total)
	if err != nil {
		return nil, &Error{Pos: ir.Pos{File: name}, Msg: "cannot read file: " + err.Error()}
	}
	// A byte-order mark is not part of the document (the column of what
	// follows it on line 1 is one less than an editor may show).
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	f := &rawFile{name: name, data: data}
	trimmed := bytes.TrimLeft(data, " \t\r\n\ufeff")
	if len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[') {
		f.isJSON = true
		root, err := parseJSON(data)
		if err != nil {
			se := err.(*syntaxError)
			return nil, &Error{Pos: ir.Pos{File: name, Line: se.line, Col: se.col}, Msg: "JSON syntax error: " + se.msg}
		}
		f.root = root
	} else {
		var doc yaml.Node
		if err := yaml.Unmarshal(data, &doc); err != nil {
			return nil, yamlError(name, data, err)
		}
		if len(doc.Content) == 0 {
			return nil, &Error{Pos: ir.Pos{File: name, Line: 1, Col: 1}, Msg: "empty document"}
		}
		f.root = doc.Content[0]
		if err := checkTree(name, f.root); err != nil {
			return nil, err
		}
	}
	rs.files[name] = f
	return f, nil
}

// yamlError turns a yaml3 error into a positioned *Error. yaml3 reports the
// line of a syntax error but not its column: the column given is that of
// the first character of the line that is not white space, which is where
// the construct yaml3 complains about starts.
func yamlError(name string, data []byte, err error) *Error {
	msg := err.Error()
	pos := ir.Pos{File: name}
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		pos.Line, _ = strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
		if pos.Line > 0 && strings.HasPrefix(msg, "did not find expected") {
			pos.Line++ // yaml3 reports parser context marks 0-based
		}
	}
	if m := yamlColRE.FindStringSubmatch(msg); m != nil {
		pos.Col, _ = strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
	} else if pos.Line > 0 {
		pos.Col = firstNonSpace(data, pos.Line)
	} else if m := yamlAnchorRE.FindStringSubmatch(msg); m != nil {
		// yaml3 gives no position for an alias to an unknown anchor:
		// the first alias of that name is the one.
		pos.Line, pos.Col = aliasAt(data, m[1])
	} else {
		// yaml3's reader errors (bad UTF-8, characters YAML does not
		// allow) carry no position: the first such byte is the one.
		pos.Line, pos.Col = unreadableAt(data)
		if pos.Line == 0 {
			// yaml3 leaves out the line of a mark on the first line
			// (its marks count lines from 0 and it prints none for 0).
			pos.Line, pos.Col = 1, firstNonSpace(data, 1)
		}
	}
	if pos.Line > 0 && pos.Col == 0 {
		pos.Col = 1 // a blank line, or the end of the file
	}
	return &Error{Pos: pos, Msg: "YAML syntax error: " + msg}
}

// yamlAnchorRE matches yaml3's message for an alias to an unknown anchor.
var yamlAnchorRE = regexp.MustCompile(`^unknown anchor '(.*)' referenced$`)

// isAnchorByte reports whether yaml3 reads c as part of an anchor or
// alias name (ASCII letters, digits, _ and -).
func isAnchorByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '-'
}

// aliasAt returns the 1-based line and column (in runes) of the first
// "*name" in data that is not followed by another anchor character, or 0,
// 0 when there is none.
func aliasAt(data []byte, name string) (line, col int) {
	alias := []byte("*" + name)
	return firstAt(data, func(rest []byte, _ rune, _ int) bool {
		return bytes.HasPrefix(rest, alias) && (len(rest) == len(alias) || !isAnchorByte(rest[len(alias)]))
	})
}

// unreadableAt returns the 1-based line and column (in runes) of the first
// byte of data that is not valid UTF-8 or is a character YAML 1.2 does not
// allow in a stream (c-printable), or 0, 0 when there is none.
func unreadableAt(data []byte) (line, col int) {
	return firstAt(data, func(_ []byte, r rune, size int) bool {
		return r == utf8.RuneError && size <= 1 || !yamlPrintable(r)
	})
}

// firstAt returns the 1-based line and column (in runes) of the first rune
// of data at which at (given the rest of data, from that rune, and the rune
// with its size) is true, or 0, 0 when there is none.
func firstAt(data []byte, at func(rest []byte, r rune, size int) bool) (line, col int) {
	line, col = 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if at(data[i:], r, size) {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return 0, 0
}

// yamlPrintable reports whether YAML allows r in a stream (c-printable,
// and the byte-order mark).
func yamlPrintable(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r' || r == 0x85:
		return true
	case r >= 0x20 && r <= 0x7e, r >= 0xa0 && r <= 0xd7ff, r >= 0xe000 && r <= 0xfffd, r >= 0x10000 && r <= 0x10ffff:
		return true
	}
	return false
}

// yamlColRE matches a column, should a yaml3 message carry one.
var yamlColRE = regexp.MustCompile(`^column (\d+): `)

// firstNonSpace returns the 1-based column (in runes) of the first
// character of line (1-based) in data that is not a space or tab, or 0
// when the line does not exist or is blank.
func firstNonSpace(data []byte, line int) int {
	for l := 1; l < line; l++ {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			return 0
		}
		data = data[i+1:]
	}
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		data = data[:i]
	}
	data = bytes.TrimRight(data, "\r")
	for i, r := range string(data) {
		if r != ' ' && r != '\t' && r != '\ufeff' {
			return utf8.RuneCountInString(string(data[:i])) + 1
		}
	}
	return 0
}

// encoded returns the bytes kin-openapi is given for the file name.
func (rs *rawSet) encoded(name string) ([]byte, error) {
	f, err := rs.file(name)
	if err != nil {
		return nil, err
	}
	if f.isJSON && !f.changed {
		return f.data, nil
	}
	if f.enc == nil {
		var b bytes.Buffer
		b.Grow(len(f.data))
		writeJSON(&b, f.root)
		f.enc = b.Bytes()
	}
	return f.enc, nil
}

// isNullNode reports whether n is a YAML null.
func isNullNode(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" }

// isValueNode reports whether n is a scalar other than null: a text, a
// number or a boolean.
func isValueNode(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.ShortTag() != "!!null" }

// deref follows YAML aliases.
func deref(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

// mapGet returns the value of key in mapping n, or nil.
func mapGet(n *yaml.Node, key string) *yaml.Node {
	n = deref(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return deref(n.Content[i+1])
		}
	}
	return nil
}

// unescapeToken decodes one JSON pointer token.
func unescapeToken(tok string) string {
	if strings.IndexByte(tok, '~') < 0 && strings.IndexByte(tok, '%') < 0 {
		return tok
	}
	if u, err := url.PathUnescape(tok); err == nil {
		tok = u
	}
	return strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
}

// escapeToken encodes one JSON pointer token.
func escapeToken(tok string) string {
	if strings.IndexAny(tok, "~/") < 0 {
		return tok
	}
	return strings.ReplaceAll(strings.ReplaceAll(tok, "~", "~0"), "/", "~1")
}

// lookup walks the JSON pointer ptr from root. It returns the deepest node
// reached, the file that node belongs to (which changes across spliced
// subtrees) and whether the whole pointer resolved.
func (rs *rawSet) lookup(file, ptr string) (*yaml.Node, string, bool) {
	if rs.frozen {
		return rs.lookupLoc(rs.at(file, ptr))
	}
	f := rs.files[cleanName(file)]
	if f == nil {
		return nil, file, false
	}
	n := f.root
	if ptr == "" || ptr == "/" {
		return n, f.name, true
	}
	cur := f.name
	for tok := range strings.SplitSeq(strings.TrimPrefix(ptr, "/"), "/") {
		next, nf, ok := rs.step(n, tok, cur)
		if !ok {
			return n, cur, false
		}
		n, cur = next, nf
	}
	return n, cur, true
}

// step returns the member tok (escaped) of n, which belongs to file cur,
// and the file the member belongs to.
func (rs *rawSet) step(n *yaml.Node, tok, cur string) (*yaml.Node, string, bool) {
	tok = unescapeToken(tok)
	var next *yaml.Node
	switch n.Kind {
	case yaml.MappingNode:
		if i := rs.member(n, tok); i >= 0 {
			next = deref(n.Content[i+1])
		}
	case yaml.SequenceNode:
		if i, err := strconv.Atoi(tok); err == nil && i >= 0 && i < len(n.Content) {
			next = deref(n.Content[i])
		}
	}
	if next == nil {
		return nil, cur, false
	}
	if sf, ok := rs.spliced[next]; ok {
		cur = sf
	}
	return next, cur, true
}

// lookupLoc is lookup for a location. Once the trees are frozen, each
// pointer resolved is cached, and a lookup starts from its nearest cached
// ancestor: the builder, which looks up a schema's pointer and then its
// members', walks one step per lookup, linear in how deep schemas nest.
func (rs *rawSet) lookupLoc(l loc) (*yaml.Node, string, bool) {
	if !rs.frozen {
		return rs.lookup(l.file, l.ptr())
	}
	if l.p.hitFile == l.file && l.p.hit.n != nil {
		return l.p.hit.n, l.p.hit.file, true
	}
	f := rs.files[cleanName(l.file)]
	if f == nil {
		return nil, l.file, false
	}
	n, cur := f.root, f.name
	if l.p.isRoot() {
		return n, cur, true
	}
	var path []*ptrNode
	for p := l.p; p != &p.tab.root && p != &p.tab.bare; p = p.up {
		if p.hitFile == l.file && p.hit.n != nil {
			n, cur = p.hit.n, p.hit.file
			break
		}
		path = append(path, p)
	}
	for i := len(path) - 1; i >= 0; i-- {
		next, nf, ok := rs.step(n, path[i].tok, cur)
		if !ok {
			return n, cur, false
		}
		n, cur = next, nf
		path[i].hitFile, path[i].hit = l.file, lookupHit{n, cur}
	}
	return n, cur, true
}

// pos returns the position of the node at ptr in file, or of its deepest
// existing ancestor.
func (rs *rawSet) pos(l loc) ir.Pos {
	n, f, _ := rs.lookupLoc(l)
	if n == nil {
		return ir.Pos{File: f}
	}
	return ir.Pos{File: f, Line: n.Line, Col: n.Column}
}

// keyPos returns the position of the key whose value is at ptr, which reads
// better than the value's position for block YAML.
func (rs *rawSet) keyPos(l loc) ir.Pos {
	tok, ok := l.p.last()
	if !ok {
		return rs.pos(l)
	}
	parent, f, ok := rs.lookupLoc(loc{l.file, l.p.up})
	if ok && parent.Kind == yaml.MappingNode {
		if j := rs.member(parent, unescapeToken(tok)); j >= 0 {
			k := parent.Content[j]
			if v := deref(parent.Content[j+1]); rs.spliced[v] != "" {
				// The key is where the $ref was; the value keeps the
				// position it has in the file it was copied from.
				return ir.Pos{File: rs.spliced[v], Line: v.Line, Col: v.Column}
			}
			return ir.Pos{File: f, Line: k.Line, Col: k.Column}
		}
	}
	return rs.pos(l)
}

// splitRef resolves a $ref written in file into the target file and pointer.
func splitRef(file, ref string) (string, string) {
	target, frag, _ := strings.Cut(ref, "#")
	if target == "" {
		target = file
	} else if !path.IsAbs(target) {
		target = path.Join(path.Dir(file), target)
	}
	return cleanName(target), frag
}
