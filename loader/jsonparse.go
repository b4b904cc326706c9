package loader

import (
	"bytes"
	"fmt"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	yaml "github.com/oasdiff/yaml3"
)

// jsonParser turns JSON text into a yaml.Node tree that records the line and
// column of every value, so that JSON and YAML documents share one raw
// representation. It is much faster than parsing JSON as YAML.
type jsonParser struct {
	data []byte
	off  int
	line int // 1-based line of data[off]
	bol  int // offset of the first byte of the current line
	// colOff and col cache the rune count of data[bol:colOff], so that
	// columns cost time linear in the input even on a one-line document.
	colOff, col int
	// slab is where nodes are allocated from, a block at a time: one
	// allocation per node was a tenth of a big document's load.
	slab []yaml.Node
	// depth is the nesting of the value being parsed (at most MaxDepth).
	depth int
	// stack holds the members of the mappings and sequences being parsed;
	// each gets a Content of its exact size, cut from contents, when it
	// ends (appending one member at a time reallocated every Content
	// several times).
	stack, contents []*yaml.Node
	// strs interns short strings (member names, "string", "object", ...),
	// which repeat throughout a big document.
	strs map[string]string
	// tasks, when not nil, receives the values the parser leaves to other
	// parsers (see parseParallel).
	tasks chan<- parseTask
}

// maxInterned is the length up to which strings are interned.
const maxInterned = 32

// content returns the members parsed since start as a new Content.
func (p *jsonParser) content(start int) []*yaml.Node {
	k := len(p.stack) - start
	if len(p.contents) < k {
		p.contents = make([]*yaml.Node, max(k, 4096))
	}
	c := p.contents[:k:k]
	p.contents = p.contents[k:]
	copy(c, p.stack[start:])
	clear(p.stack[start:])
	p.stack = p.stack[:start]
	return c
}

// syntaxError is a JSON syntax error with its position.
type syntaxError struct {
	line, col int
	msg       string
}

func (e *syntaxError) Error() string { return e.msg }

// parseJSON parses data into a document node, or returns a *syntaxError.
// A large document is parsed on every CPU (see parseParallel).
func parseJSON(data []byte) (*yaml.Node, error) {
	if len(data) >= parallelMin && runtime.GOMAXPROCS(0) > 1 {
		if root, ok := parseParallel(data); ok {
			return root, nil
		}
		// A syntax error (or a document the split misjudged): the serial
		// parse gives the error, and its position, as always.
	}
	return newJSONParser(data).parse()
}

func newJSONParser(data []byte) *jsonParser {
	return &jsonParser{data: data, line: 1, strs: map[string]string{}}
}

// parse parses the whole of p.data.
func (p *jsonParser) parse() (root *yaml.Node, err error) {
	err = p.catch(func() {
		root = p.value()
		p.space()
		if p.off < len(p.data) {
			p.fail("invalid character %q after top-level value", p.peekRune())
		}
	})
	if err != nil {
		return nil, err
	}
	return root, nil
}

// catch runs f, returning the *syntaxError it fails with.
func (p *jsonParser) catch(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			se, ok := r.(*syntaxError)
			if !ok {
				panic(r)
			}
			err = se
		}
	}()
	f()
	return nil
}

// Parallel parsing. The parser that reads the document (the splitter)
// measures each object or array it meets in the first splitDepth levels
// of nesting with skipValue, a byte scan; one at least splitMin bytes long
// (above the last such level) it parses itself, so as to split its
// members in turn, and every other one it leaves to the parsers of the
// other goroutines: a parseTask gives one of them the offset, line and
// column to start at, and the node, allocated by the splitter in its
// place in the tree, to fill in. A task must end exactly where skipValue
// said; on any failure (a syntax error anywhere) the result is dropped and
// the document parsed again serially, which reports the error as always.
// The tree is the one the serial parse builds, positions included.
const (
	parallelMin = 1 << 20   // bytes from which a document is parsed in parallel
	splitMin    = 256 << 10 // bytes from which a value's members are split
	splitDepth  = 3         // the levels of nesting that are split
)

// parseTask is one value left to another parser.
type parseTask struct {
	n           *yaml.Node // where the value goes
	off, end    int        // its text: data[off:end]
	line, bol   int        // as jsonParser's, at off
	colOff, col int
	depth       int
}

// parseParallel parses data (see above); ok is false on any failure.
func parseParallel(data []byte) (root *yaml.Node, ok bool) {
	tasks := make(chan parseTask, 1024)
	var (
		wg     sync.WaitGroup
		failed atomic.Bool
	)
	work := func() {
		w := newJSONParser(data)
		defer func() {
			if recover() != nil { // a non-syntax panic: the serial parse meets it too
				failed.Store(true)
				for range tasks {
				}
			}
		}()
		for t := range tasks {
			if failed.Load() {
				continue
			}
			w.off, w.line, w.bol, w.colOff, w.col, w.depth = t.off, t.line, t.bol, t.colOff, t.col, t.depth
			var v *yaml.Node
			if w.catch(func() { v = w.value() }) != nil || w.off != t.end {
				failed.Store(true)
				continue
			}
			*t.n = *v
		}
	}
	for range max(runtime.GOMAXPROCS(0)-1, 1) {
		wg.Go(work)
	}
	p := newJSONParser(data)
	p.tasks = tasks
	func() {
		defer func() {
			close(tasks)
			if r := recover(); r != nil {
				failed.Store(true)
			}
		}()
		var err error
		if root, err = p.parse(); err != nil {
			failed.Store(true)
		}
	}()
	work() // what is left, with the others
	wg.Wait()
	if failed.Load() {
		return nil, false
	}
	return root, true
}

// split, for the object or array at p.off in a splitting parser, either
// reports false (the parser parses it itself) or leaves it to a task,
// returning its node and moving past it.
func (p *jsonParser) split() (*yaml.Node, bool) {
	if p.tasks == nil || p.depth > splitDepth {
		return nil, false
	}
	end := skipValue(p.data, p.off)
	if end-p.off >= splitMin && p.depth < splitDepth {
		return nil, false
	}
	n := p.node(0, "")
	p.tasks <- parseTask{n: n, off: p.off, end: end, line: p.line, bol: p.bol, colOff: p.colOff, col: p.col, depth: p.depth}
	if k := bytes.Count(p.data[p.off:end], []byte{'\n'}); k > 0 {
		p.line += k
		p.bol = p.off + bytes.LastIndexByte(p.data[p.off:end], '\n') + 1
	}
	p.off = end
	return n, true
}

func (p *jsonParser) fail(format string, args ...any) {
	panic(&syntaxError{line: p.line, col: p.column(), msg: fmt.Sprintf(format, args...)})
}

// column returns the 1-based column, in runes, of data[off]. Offsets only
// grow (but for an error), so it counts each byte of a line once.
func (p *jsonParser) column() int {
	if p.colOff < p.bol || p.colOff > p.off {
		p.colOff, p.col = p.bol, 0
	}
	if p.off > p.colOff {
		p.col += utf8.RuneCount(p.data[p.colOff:p.off])
		p.colOff = p.off
	}
	return p.col + 1
}

func (p *jsonParser) peekRune() rune {
	r, _ := utf8.DecodeRune(p.data[p.off:])
	return r
}

func (p *jsonParser) space() {
	for p.off < len(p.data) {
		switch p.data[p.off] {
		case '\n':
			p.line++
			p.bol = p.off + 1
		case ' ', '\t', '\r':
		default:
			return
		}
		p.off++
	}
}

func (p *jsonParser) node(kind yaml.Kind, tag string) *yaml.Node {
	if len(p.slab) == 0 {
		p.slab = make([]yaml.Node, 256)
	}
	n := &p.slab[0]
	p.slab = p.slab[1:]
	n.Kind, n.Tag, n.Line, n.Column = kind, tag, p.line, p.column()
	return n
}

// value parses one JSON value after optional white space.
func (p *jsonParser) value() *yaml.Node {
	p.space()
	if p.off >= len(p.data) {
		p.fail("unexpected end of JSON input")
	}
	switch c := p.data[p.off]; {
	case c == '{' || c == '[':
		if n, ok := p.split(); ok {
			return n
		}
		if c == '{' {
			return p.object()
		}
		return p.array()
	case c == '"':
		n := p.node(yaml.ScalarNode, "!!str")
		n.Style = yaml.DoubleQuotedStyle
		n.Value = p.str()
		return n
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	default:
		for _, lit := range [...]struct{ text, tag string }{{"true", "!!bool"}, {"false", "!!bool"}, {"null", "!!null"}} {
			if len(p.data)-p.off >= len(lit.text) && string(p.data[p.off:p.off+len(lit.text)]) == lit.text {
				n := p.node(yaml.ScalarNode, lit.tag)
				n.Value = lit.text
				p.off += len(lit.text)
				return n
			}
		}
		p.fail("invalid character %q looking for beginning of value", p.peekRune())
	}
	return nil
}

// enter counts one more level of nesting, failing beyond MaxDepth.
func (p *jsonParser) enter() {
	if p.depth++; p.depth > MaxDepth {
		p.fail("nested deeper than %d levels", MaxDepth)
	}
}

func (p *jsonParser) object() *yaml.Node {
	n := p.node(yaml.MappingNode, "!!map")
	p.enter()
	defer func() { p.depth-- }()
	p.off++ // {
	p.space()
	if p.off < len(p.data) && p.data[p.off] == '}' {
		p.off++
		return n
	}
	start := len(p.stack)
	for {
		p.space()
		if p.off >= len(p.data) || p.data[p.off] != '"' {
			if p.off >= len(p.data) {
				p.fail("unexpected end of JSON input")
			}
			p.fail("invalid character %q looking for beginning of object key string", p.peekRune())
		}
		k := p.node(yaml.ScalarNode, "!!str")
		k.Style = yaml.DoubleQuotedStyle
		k.Value = p.str()
		p.space()
		if p.off >= len(p.data) || p.data[p.off] != ':' {
			p.fail("expected ':' after object key")
		}
		p.off++
		p.stack = append(p.stack, k)
		v := p.value()
		p.stack = append(p.stack, v)
		p.space()
		if p.off >= len(p.data) {
			p.fail("unexpected end of JSON input")
		}
		switch p.data[p.off] {
		case ',':
			p.off++
		case '}':
			p.off++
			n.Content = p.content(start)
			return n
		default:
			p.fail("invalid character %q after object key:value pair", p.peekRune())
		}
	}
}

func (p *jsonParser) array() *yaml.Node {
	n := p.node(yaml.SequenceNode, "!!seq")
	p.enter()
	defer func() { p.depth-- }()
	p.off++ // [
	p.space()
	if p.off < len(p.data) && p.data[p.off] == ']' {
		p.off++
		return n
	}
	start := len(p.stack)
	for {
		v := p.value()
		p.stack = append(p.stack, v)
		p.space()
		if p.off >= len(p.data) {
			p.fail("unexpected end of JSON input")
		}
		switch p.data[p.off] {
		case ',':
			p.off++
		case ']':
			p.off++
			n.Content = p.content(start)
			return n
		default:
			p.fail("invalid character %q after array element", p.peekRune())
		}
	}
}

func (p *jsonParser) number() *yaml.Node {
	n := p.node(yaml.ScalarNode, "!!int")
	start := p.off
	for p.off < len(p.data) {
		c := p.data[p.off]
		if c == '.' || c == 'e' || c == 'E' {
			n.Tag = "!!float"
		} else if !(c == '-' || c == '+' || c >= '0' && c <= '9') {
			break
		}
		p.off++
	}
	n.Value = string(p.data[start:p.off])
	if _, err := strconv.ParseFloat(n.Value, 64); err != nil {
		p.off = start
		p.fail("invalid number %q", n.Value)
	}
	return n
}

// str parses a JSON string starting at its opening quote.
func (p *jsonParser) str() string {
	start := p.off
	p.off++
	simple := true
	for p.off < len(p.data) {
		switch c := p.data[p.off]; {
		case c == '"':
			p.off++
			if simple {
				b := p.data[start+1 : p.off-1]
				if len(b) > maxInterned {
					return string(b)
				}
				if s, ok := p.strs[string(b)]; ok {
					return s
				}
				s := string(b)
				p.strs[s] = s
				return s
			}
			s, err := strconv.Unquote(string(p.data[start:p.off]))
			if err != nil {
				return p.slowUnquote(start)
			}
			return s
		case c == '\\':
			simple = false
			p.off += 2
		case c == '\n':
			p.fail("invalid character '\\n' in string literal")
		default:
			p.off++
		}
	}
	p.fail("unexpected end of JSON input in string literal")
	return ""
}

// slowUnquote decodes JSON escapes that strconv.Unquote rejects (such as
// "\/" or surrogate pairs).
func (p *jsonParser) slowUnquote(start int) string {
	s := p.data[start+1 : p.off-1]
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 >= len(s) {
			out = append(out, s[i])
			continue
		}
		i++
		switch s[i] {
		case 'n':
			out = append(out, '\n')
		case 't':
			out = append(out, '\t')
		case 'r':
			out = append(out, '\r')
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'u':
			r, n := decodeU(s[i+1:])
			if n == 4 && r >= 0xD800 && r < 0xDC00 && len(s) > i+11 && s[i+5] == '\\' && s[i+6] == 'u' {
				r2, _ := decodeU(s[i+7:])
				r = (r-0xD800)<<10 + (r2 - 0xDC00) + 0x10000
				n += 6
			}
			out = utf8.AppendRune(out, r)
			i += n
		default:
			out = append(out, s[i])
		}
	}
	return string(out)
}

func decodeU(s []byte) (rune, int) {
	if len(s) < 4 {
		return utf8.RuneError, len(s)
	}
	v, err := strconv.ParseUint(string(s[:4]), 16, 32)
	if err != nil {
		return utf8.RuneError, 4
	}
	return rune(v), 4
}
