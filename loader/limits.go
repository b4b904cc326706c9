package loader

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/genclient/genclient/ir"
	yaml "github.com/oasdiff/yaml3"
)

// Limits. A document is untrusted input: whatever it holds, Load ends in
// time and memory bounded by the size of the files it reads.
const (
	// MaxFileSize is the largest file Load reads (the root or a $ref
	// target). Microsoft Graph's beta description, the largest of the
	// APIs.guru directory, is 47 MB.
	MaxFileSize = 256 << 20
	// MaxTotalSize bounds the sum of the sizes of all files one Load reads.
	MaxTotalSize = 512 << 20
	// MaxDepth is the deepest nesting of mappings and sequences accepted,
	// with YAML aliases expanded: yaml3's own parser limit, and that of
	// encoding/json, which kin-openapi decodes with.
	MaxDepth = 10000
	// aliasBudget bounds the nodes YAML aliases may add when expanded,
	// beyond the nodes of the file itself (an "alias bomb" expands
	// exponentially).
	aliasBudget = 1_000_000
)

// readFile reads the file name (a slash path), which must be a regular
// file (not a device, a fifo or a directory) of at most MaxFileSize bytes;
// *total accumulates the bytes read by one Load and is bounded too.
func readFile(name string, total *int64) ([]byte, error) {
	osName := filepath.FromSlash(name)
	st, err := os.Stat(osName)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, errNoFile
		}
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file (%s)", fileKind(st.Mode()))
	}
	f, err := os.Open(osName)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// The name may have been replaced between Stat and Open.
	if st, err = f.Stat(); err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file (%s)", fileKind(st.Mode()))
	}
	if st.Size() > MaxFileSize {
		return nil, fmt.Errorf("file of %d bytes is larger than the limit of %d", st.Size(), MaxFileSize)
	}
	if *total+st.Size() > MaxTotalSize {
		return nil, fmt.Errorf("the files read reach more than %d bytes in total", MaxTotalSize)
	}
	// Read into a buffer of the file's size (with the room ReadFrom wants
	// to see the end): io.ReadAll's doubling copies a big document
	// several times.
	buf := bytes.NewBuffer(make([]byte, 0, st.Size()+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(f, MaxFileSize+1)); err != nil {
		return nil, err
	}
	data := buf.Bytes()
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("file is larger than the limit of %d bytes", MaxFileSize)
	}
	*total += int64(len(data))
	return data, nil
}

// errNoFile is the reason given for a file that does not exist.
var errNoFile = errors.New("no such file")

// fileKind names the kind of a file that is not regular.
func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a fifo"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return m.Type().String()
}

// refRoot is the folder $refs may reach files in.
type refRoot struct {
	dir  string // absolute, symbolic links resolved
	flag string // how the user widens it, for messages
}

// defaultRefRoot returns the reference root for the document at root when
// none is given: the current directory or the root document's folder,
// whichever contains the other (the folder when neither does). Real
// multi-file documents climb with ../ inside their own repository, which
// the current directory usually contains.
func defaultRefRoot(root string) (string, error) {
	docDir, err := filepath.Abs(filepath.Dir(filepath.FromSlash(root)))
	if err != nil {
		return "", err
	}
	cwd, err := os.Getwd()
	if err != nil {
		return docDir, nil
	}
	if within(cwd, docDir) {
		return cwd, nil
	}
	return docDir, nil
}

// within reports whether path is dir or below it (both absolute, clean).
func within(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// newRefRoot resolves dir.
func newRefRoot(dir, flag string) (*refRoot, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		abs = r
	}
	return &refRoot{dir: abs, flag: flag}, nil
}

// check returns an error unless the file name (a slash path) is below the
// root once symbolic links are resolved.
func (r *refRoot) check(name string) error {
	abs, err := filepath.Abs(filepath.FromSlash(name))
	if err != nil {
		return err
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return errNoFile
		}
		return err
	}
	if !within(r.dir, real) {
		return fmt.Errorf("outside the reference root %s (widen it with %s)", r.dir, r.flag)
	}
	return nil
}

// treeCheck bounds a parsed YAML tree: its depth with aliases expanded,
// recursive aliases, and the nodes aliases add.
type treeCheck struct {
	file   string
	active map[*yaml.Node]bool     // anchored nodes being visited
	memo   map[*yaml.Node]treeInfo // anchored nodes visited
	added  int                     // nodes added by aliases
	err    *Error
}

// treeInfo is the expanded size and height of a subtree.
type treeInfo struct{ size, height int }

// checkTree returns a positioned error when the YAML tree n of file is
// nested deeper than MaxDepth once its aliases are expanded, holds an
// alias to one of its own ancestors, or expands to more than aliasBudget
// nodes beyond its own.
func checkTree(file string, n *yaml.Node) *Error {
	c := &treeCheck{file: file, active: map[*yaml.Node]bool{}, memo: map[*yaml.Node]treeInfo{}}
	c.visit(n, 1)
	return c.err
}

func (c *treeCheck) fail(n *yaml.Node, format string, args ...any) {
	if c.err == nil {
		c.err = &Error{Pos: ir.Pos{File: c.file, Line: n.Line, Col: n.Column}, Msg: fmt.Sprintf(format, args...)}
	}
}

func (c *treeCheck) visit(n *yaml.Node, depth int) treeInfo {
	if c.err != nil || n == nil {
		return treeInfo{}
	}
	if n.Kind == yaml.AliasNode {
		t := n.Alias
		if t == nil {
			return treeInfo{1, 1}
		}
		if c.active[t] {
			c.fail(n, "recursive YAML alias *%s: it refers to a node that contains it", n.Value)
			return treeInfo{}
		}
		info, ok := c.memo[t]
		if !ok {
			info = c.visit(t, depth)
		}
		if depth+info.height-1 > MaxDepth {
			c.fail(n, "YAML alias *%s nests the document deeper than %d levels", n.Value, MaxDepth)
		}
		c.added += info.size
		if c.added > aliasBudget {
			c.fail(n, "YAML aliases expand the document by more than %d nodes (the limit); the last: *%s", aliasBudget, n.Value)
		}
		return info
	}
	if depth > MaxDepth {
		c.fail(n, "nested deeper than %d levels", MaxDepth)
		return treeInfo{}
	}
	anchored := n.Anchor != ""
	if anchored {
		c.active[n] = true
	}
	info := treeInfo{size: 1}
	for _, ch := range n.Content {
		ci := c.visit(ch, depth+1)
		info.size += ci.size
		info.height = max(info.height, ci.height)
		if c.err != nil {
			break
		}
	}
	info.height++
	if anchored {
		delete(c.active, n)
		c.memo[n] = info
	}
	return info
}
