// Package loader reads an OpenAPI 3.0 / 3.1 or Swagger 2.0 document (with
// relative multi-file $refs) and converts it into an *ir.API: Go names,
// collisions resolved, lists sorted, pagination detected.
//
// The loader is liberal: only what makes a correct client impossible is an
// error (an unparsable file, a $ref to nothing, a schema with no meaning),
// reported as "file:line:col: message". Everything whose meaning is clear is
// accepted, with a warning in API.Warnings when it is not valid OpenAPI.
//
// Pipeline: every reachable file is read and parsed once into a
// position-carrying tree (rawSet); $refs are checked and constructs
// kin-openapi rejects are normalised there; kin-openapi then decodes the JSON
// encoding of those trees (its fast path), bundled into one document for
// OpenAPI 3 (see bundle.go), and resolves references; finally
// the builder walks kin's model, using the raw trees for positions and for
// the document order of properties.
package loader

import (
	"encoding/json"
	"fmt"
	"net/url"
	"path"
	"reflect"
	"regexp"
	"strings"

	"github.com/genclient/genclient/ir"
	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi2conv"
	"github.com/getkin/kin-openapi/openapi3"
	yaml "github.com/oasdiff/yaml3"
)

// Options configures Load. The zero value reads local files only.
type Options struct {
	// AllowRemoteRefs lets $refs name http(s) URLs. When false such a $ref
	// is an error.
	AllowRemoteRefs bool
	// RefRoot is the folder whose files $refs may name (symbolic links
	// resolved). "" means the current directory or the root document's
	// folder, whichever contains the other (the folder when neither does).
	// A $ref to a file outside it is an error that names RefRootFlag.
	RefRoot string
	// RefRootFlag is how the user sets RefRoot, for that error ("-ref-root"
	// for the command); "" means "Options.RefRoot".
	RefRootFlag string
	// CheckExamples validates every schema example against its schema and
	// records why one does not in ir.Example.Invalid; it also lists the
	// examples of media types, and examples made from those of the parts of
	// a schema without a named type (ir.Example.Part). It costs load time,
	// so it is off by default; the round-trip tests turn it on.
	CheckExamples bool
	// DropUnknown leaves out the map that, by default, every object schema
	// without an additionalProperties keyword gets (ir.Struct.Unknown). JSON
	// Schema allows undeclared properties there, and APIs add properties
	// over time: with the map a decoded value keeps the properties this
	// client does not know and encodes them again, so a read-modify-write
	// loses nothing. Dropping them gives smaller code and faster decoding
	// (no scan of each object's members) at that price.
	DropUnknown bool
	// Overlays are OpenAPI Overlay 1.0 documents (files) applied in order
	// to the root document before it is loaded; what they add keeps its
	// positions in the overlay's file.
	Overlays []string
	// Edits are a configuration file's changes to the root document
	// (names, pagination rules, operations to keep), applied after the
	// overlays; nil for none.
	Edits *Edits
	// NoDetectPagination turns off the detection of body-cursor
	// pagination (has_more, next_cursor, nextLink, ...; see
	// detectPagination). Link-header detection and x-pagination stay.
	NoDetectPagination bool
	// GroupByPath groups the operations of a document that tags none of
	// them into services by the first segment of their path after any
	// version, "api" or "rest" ("/v1/customers/{customer}" → Customers;
	// see namePath), and names each
	// after its method and the rest of its path (Customers.List,
	// Customers.Create, Customers.Get, Charges.Capture: see resourceName)
	// instead of its operationId. Off, such a document's operations are
	// all methods of the client, named by operationId. A document that
	// tags any operation is grouped by tags either way.
	GroupByPath bool

	// convertHook, when set (by tests only), runs at the end of every
	// operation's conversion: a seam to exercise the skip-on-failure path.
	convertHook func(o *ir.Operation)
	// repairsHook, when set (by tests only), is given the number of
	// repairs of each rule (repair.go) once the files are prepared.
	repairsHook func(map[string]int)
}

// Load reads the document at path and everything it references, and
// returns the API. The error is an *Error or an ErrorList. Load is safe for
// concurrent use; it keeps no state between calls.
func Load(path string, opts Options) (api *ir.API, err error) {
	b := &builder{checkExamples: opts.CheckExamples, dropUnknown: opts.DropUnknown, noDetect: opts.NoDetectPagination, groupByPath: opts.GroupByPath, convertHook: opts.convertHook}
	defer func() {
		if r := recover(); r != nil {
			api, err = nil, &Error{Pos: ir.Pos{File: path}, Msg: fmt.Sprintf("internal error: %v", r)}
		}
	}()
	rs := newRawSet(b.warn)
	b.rs = rs
	dir, flag := opts.RefRoot, opts.RefRootFlag
	if flag == "" {
		flag = "Options.RefRoot"
	}
	if dir == "" {
		if dir, err = defaultRefRoot(path); err != nil {
			return nil, &Error{Pos: ir.Pos{File: path}, Msg: err.Error()}
		}
	}
	if rs.refRoot, err = newRefRoot(dir, flag); err != nil {
		return nil, &Error{Pos: ir.Pos{File: path}, Msg: err.Error()}
	}
	if err := rs.tailor(path, opts.Overlays, opts.Edits); err != nil {
		return nil, err
	}
	err = rs.prepare(path, opts.AllowRemoteRefs)
	if opts.repairsHook != nil {
		opts.repairsHook(rs.repairs)
	}
	if err != nil {
		return nil, err
	}
	doc, err := b.kinLoad(opts)
	if err != nil {
		return nil, err
	}
	rs.freeze()
	return b.build(doc)
}

// kinLoad hands the prepared files to kin-openapi and returns its model,
// converting Swagger 2.0 to OpenAPI 3.
func (b *builder) kinLoad(opts Options) (doc *openapi3.T, err error) {
	rs := b.rs
	root := rs.files[rs.rootName]
	defer func() {
		if r := recover(); r != nil {
			doc, err = nil, &Error{Pos: ir.Pos{File: rs.rootName}, Msg: fmt.Sprintf("kin-openapi failed: %v", r)}
		}
	}()
	l := openapi3.NewLoader()
	l.IsExternalRefsAllowed = true
	l.IncludeOrigin = true // kin records no origins for JSON, which it is given: positions come from rawSet
	l.ReadFromURIFunc = func(kl *openapi3.Loader, u *url.URL) ([]byte, error) {
		if u.Scheme == "http" || u.Scheme == "https" {
			if !opts.AllowRemoteRefs {
				return nil, fmt.Errorf("remote $ref %s not allowed", u)
			}
			return openapi3.DefaultReadFromURI(kl, u)
		}
		return rs.encoded(u.Path)
	}
	loc := &url.URL{Path: rs.rootName}
	if v := mapGet(root.root, "swagger"); v != nil {
		b.swagger = true
		data, err := rs.encoded(rs.rootName)
		if err != nil {
			return nil, err
		}
		var doc2 openapi2.T
		if !json.Valid(data) || !try(func() error { return flatDecode(data, reflect.ValueOf(&doc2)) }) {
			// Decoded again by kin alone, for its error message.
			doc2 = openapi2.T{}
			if err := json.Unmarshal(data, &doc2); err != nil {
				return nil, b.kinError(err)
			}
		}
		doc, err = openapi2conv.ToV3WithLoader(&doc2, l, loc)
		if err != nil {
			return nil, b.kinError(err)
		}
		return doc, nil
	}
	v := deref(mapGet(root.root, "openapi"))
	if v == nil {
		return nil, &Error{Pos: ir.Pos{File: rs.rootName, Line: root.root.Line, Col: root.root.Column},
			Msg: `not an OpenAPI document: no "openapi" or "swagger" field`}
	}
	if v.Kind != yaml.ScalarNode {
		return nil, &Error{Pos: ir.Pos{File: rs.rootName, Line: v.Line, Col: v.Column},
			Msg: fmt.Sprintf("openapi must be a version (3.0.3, 3.1.0), got %s", describeNode(v))}
	}
	data, refs := rs.bundle()
	b.bundled = refs
	if fast, ok := decodeBundle(data, path.Base(rs.rootName)); ok {
		// kin learns the root's location from a first load; the stub
		// is the smallest document it accepts.
		if _, err := l.LoadFromDataWithPath([]byte(`{"openapi":"3.0.0","info":{"title":"","version":""},"paths":{}}`), loc); err != nil {
			return nil, b.kinError(err)
		}
		doc = fast
		err = l.ResolveRefsIn(doc, loc)
	} else {
		doc, err = l.LoadFromDataWithPath(data, loc)
	}
	if err != nil {
		return nil, b.kinError(err)
	}
	b.unbundle(doc)
	return doc, nil
}

// unbundle removes from doc the components the bundler added, so that
// only the document's own components are converted as such.
func (b *builder) unbundle(doc *openapi3.T) {
	delete(doc.Extensions, bundlePathItems)
	c := doc.Components
	if c == nil {
		return
	}
	for ref := range b.bundled {
		kind, name, ok := strings.Cut(strings.TrimPrefix(ref, "#/components/"), "/")
		if !ok {
			continue
		}
		switch kind {
		case "schemas":
			delete(c.Schemas, name)
		case "responses":
			delete(c.Responses, name)
		case "parameters":
			delete(c.Parameters, name)
		case "examples":
			delete(c.Examples, name)
		case "requestBodies":
			delete(c.RequestBodies, name)
		case "headers":
			delete(c.Headers, name)
		case "securitySchemes":
			delete(c.SecuritySchemes, name)
		case "links":
			delete(c.Links, name)
		case "callbacks":
			delete(c.Callbacks, name)
		}
	}
}

// kinError positions an error kin-openapi returned. Most failures are
// caught by rawSet first; what remains is placed at the node the message
// names by a JSON pointer ("bad data in "#/components/..."), or at the file
// when it names none.
func (b *builder) kinError(err error) error {
	if e, ok := err.(*Error); ok {
		return e
	}
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "failed to unmarshal data: json error: ")
	// kin tries JSON, then YAML, and reports both: the YAML one only
	// repeats the JSON one.
	if i := strings.Index(msg, ", yaml error: "); i >= 0 {
		msg = msg[:i]
	}
	return &Error{Pos: b.kinPos(msg), Msg: "invalid document: " + msg}
}

// kinTypeRE matches encoding/json's type error as kin-openapi passes it
// on: the JSON kind found and the Go field it was meant for.
var kinTypeRE = regexp.MustCompile(`cannot unmarshal (object|array|string|number|bool) into field \w+\.(\w+) of type`)

// firstOfKind returns the first node, in document order, that is the
// value of a member named key, or an entry of a list or a map that is, and holds
// the JSON kind (as encoding/json names it): where a type error kin-openapi
// gives no pointer for most likely is.
func firstOfKind(n *yaml.Node, key, kind string) *yaml.Node {
	is := func(v *yaml.Node) bool {
		switch kind {
		case "object":
			return v.Kind == yaml.MappingNode
		case "array":
			return v.Kind == yaml.SequenceNode
		}
		if v.Kind != yaml.ScalarNode {
			return false
		}
		switch t := v.ShortTag(); kind {
		case "string":
			return t == "!!str"
		case "number":
			return t == "!!int" || t == "!!float"
		default:
			return t == "!!bool"
		}
	}
	var find func(n *yaml.Node, depth int) *yaml.Node
	find = func(n *yaml.Node, depth int) *yaml.Node {
		n = deref(n)
		if n == nil || depth > 10000 {
			return nil
		}
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				v := deref(n.Content[i+1])
				if n.Content[i].Value == key && v != nil {
					if is(v) {
						return v
					}
					if v.Kind == yaml.SequenceNode {
						for _, e := range v.Content {
							if e := deref(e); is(e) {
								return e
							}
						}
					}
					if v.Kind == yaml.MappingNode { // a map field: its values
						for j := 1; j < len(v.Content); j += 2 {
							if e := deref(v.Content[j]); e != nil && is(e) {
								return e
							}
						}
					}
				}
				if r := find(v, depth+1); r != nil {
					return r
				}
			}
		case yaml.SequenceNode:
			for _, e := range n.Content {
				if r := find(e, depth+1); r != nil {
					return r
				}
			}
		}
		return nil
	}
	return find(n, 0)
}

// kinPtrRE finds the first quoted JSON pointer of a kin-openapi message.
var kinPtrRE = regexp.MustCompile(`"(#/[^"]*)"`)

// kinPos returns the position of the node the first JSON pointer in msg
// names, or just the root file.
func (b *builder) kinPos(msg string) ir.Pos {
	pos := ir.Pos{File: b.rs.rootName}
	m := kinPtrRE.FindStringSubmatch(msg)
	if m == nil {
		if t := kinTypeRE.FindStringSubmatch(msg); t != nil {
			if f := b.rs.files[b.rs.rootName]; f != nil {
				if n := firstOfKind(f.root, t[2], t[1]); n != nil {
					pos.Line, pos.Col = n.Line, n.Column
				}
			}
		}
		return pos
	}
	ptr := m[1][1:]
	l := b.rs.at(b.rs.rootName, ptr)
	for ref, bl := range b.bundled {
		if strings.HasPrefix(m[1], ref) && (len(m[1]) == len(ref) || m[1][len(ref)] == '/') {
			l = b.rs.at(bl.file, bl.ptr()+m[1][len(ref):])
		}
	}
	l = b.rawPtr(l)
	if _, _, ok := b.rs.lookupLoc(l); !ok {
		return pos
	}
	return b.rs.keyPos(l)
}

// warn records a warning.
func (b *builder) warn(pos ir.Pos, msg string) {
	b.warnings = append(b.warnings, ir.Warning{Pos: pos, Message: msg})
}
