package loader

import (
	"slices"
	"strings"

	"github.com/genclient/genclient/ir"
	"github.com/getkin/kin-openapi/openapi3"
	yaml "github.com/oasdiff/yaml3"
)

// loc is where an element is: a file and a JSON pointer in it, interned
// (see ptrNode), so that a member's location costs O(1) however deep it
// is. Make one with rawSet.at or child.
type loc struct {
	file string
	p    *ptrNode
}

// ptr returns the JSON pointer text of l.
func (l loc) ptr() string { return l.p.String() }

// child returns the location of member tok of l.
func (l loc) child(tok ...string) loc {
	n := l.p
	for _, t := range tok {
		n = n.next(escapeToken(t))
	}
	return loc{l.file, n}
}

// last returns the last token of l's pointer, unescaped, and whether the
// pointer has a slash.
func (l loc) last() (string, bool) {
	tok, ok := l.p.last()
	return unescapeToken(tok), ok
}

// key identifies l for memoisation: the location itself, a comparable
// value.
func (l loc) key() loc { return l }

// builder converts kin-openapi's model into the IR. One builder serves one
// Load call.
type builder struct {
	rs       *rawSet
	doc      *openapi3.T
	swagger  bool
	v31      bool
	warnings []ir.Warning

	api   *ir.API
	root  loc
	types map[loc]*typeInfo // by the schema's location
	named []*namedInfo      // every hoisted type, in creation order
	comps map[loc]string    // the location of a component schema (or its $ref target) → component key
	// refTargets holds the location of every schema a $ref names.
	refTargets map[loc]bool

	unions []*ir.Union
	ops    []*opInfo

	// memoLog lists the keys added to types, in order, so that a failed
	// conversion can be rolled back (see guard).
	memoLog []loc
	// bundled maps each $ref the bundler wrote to where its target is.
	bundled map[string]loc
	// ignoredSeen holds the schemas already warned about by ignoredKeywords.
	ignoredSeen map[loc]bool
	// checkExamples is Options.CheckExamples.
	checkExamples bool
	// selfComposed memoises selfcomposed.Reaches per schema checked with an example.
	selfComposed map[*openapi3.Schema]bool
	// dropUnknown is Options.DropUnknown.
	dropUnknown bool
	// noDetect is Options.NoDetectPagination.
	noDetect bool
	// groupByPath is Options.GroupByPath; byPath is set when it applies
	// (no operation has a tag).
	groupByPath, byPath bool
	// items holds the paths that have a path p/{param} (see hasItems).
	items map[string]bool
	// namePaths maps each path of the document to the path that names its
	// operations (see namePath).
	namePaths map[string]string
	// convertHook is Options.convertHook.
	convertHook func(o *ir.Operation)
}

// typeInfo is a memoised conversion of one schema location.
type typeInfo struct {
	t        ir.Type
	nullable bool
}

// namedInfo is a hoisted type and how its final name is chosen.
type namedInfo struct {
	n         *ir.Named
	candidate string
	component bool // a components.schemas entry: named first
	// keyed is the Go name of the component key of the response, request
	// body, parameter or header whose schema this inline type is (see
	// keyedName), alt the name tried when that one is taken; "" for others.
	keyed, alt string
	// title is the name the schema's title gives it (see titleName), "" if
	// none.
	title string
	// fallback is the name a type merged from copies with different
	// candidates tries when its candidate (see mergedName) is taken: the
	// smallest of theirs.
	fallback string
	// referenced is set on a schema that a $ref names (a definition in
	// another file, a schema nested in a component): it is named after
	// the $ref, not its use.
	referenced bool
}

// rawPtr maps an OpenAPI 3 pointer to where the Swagger 2.0 source has it.
func (b *builder) rawPtr(l loc) loc {
	if !b.swagger {
		return l
	}
	return b.rs.remap(l, swaggerToRaw)
}

// swaggerToRaw maps the OpenAPI 3 components a Swagger 2.0 document is
// converted to back to its sections (see rawPtr); canon is the inverse.
var swaggerToRaw = [...][2]string{
	{"/components/schemas", "/definitions"},
	{"/components/parameters", "/parameters"},
	{"/components/responses", "/responses"},
	{"/components/securitySchemes", "/securityDefinitions"},
}

// pos returns the position of the element at l (or of its nearest
// existing ancestor).
func (b *builder) pos(l loc) ir.Pos {
	return b.rs.keyPos(b.srcLoc(l))
}

// rawKeys returns the member names of the mapping at l in document order,
// or nil when the raw tree has no such mapping.
func (b *builder) rawKeys(l loc) []string {
	l = b.rawPtr(l)
	n, _, ok := b.rs.lookupLoc(l)
	if !ok || n.Kind != yaml.MappingNode {
		return nil
	}
	keys := make([]string, 0, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		keys = append(keys, n.Content[i].Value)
	}
	return keys
}

// orderedKeys returns the keys of m in document order (from the raw tree at
// l), followed by any others sorted.
func orderedKeys[V any](b *builder, m map[string]V, l loc) []string {
	out := make([]string, 0, len(m))
	seen := make(map[string]bool, len(m))
	for _, k := range b.rawKeys(l) {
		if _, ok := m[k]; ok && !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	if len(out) == len(m) {
		return out
	}
	var rest []string
	for k := range m {
		if !seen[k] {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	return append(out, rest...)
}

// sortedKeys returns the keys of m sorted.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// build converts doc into the API.
func (b *builder) build(doc *openapi3.T) (*ir.API, error) {
	b.doc = doc
	b.v31 = strings.HasPrefix(doc.OpenAPI, "3.1") || strings.HasPrefix(doc.OpenAPI, "3.2")
	b.root = b.rs.at(b.rs.rootName, "")
	b.types = map[loc]*typeInfo{}
	b.comps = map[loc]string{}
	b.refTargets = map[loc]bool{}
	b.api = &ir.API{}
	if doc.Info != nil {
		b.api.Title = doc.Info.Title
		b.api.Version = doc.Info.Version
		b.api.Doc = ir.Doc{Description: doc.Info.Description}
	}
	if doc.ExternalDocs != nil {
		b.api.Doc.ExternalURL = doc.ExternalDocs.URL
	}
	b.servers()
	b.security()
	b.planOperations()
	b.components()
	b.operations()
	b.reserveIterators()
	b.webhooks()
	b.finishNames()
	b.computeUsage()
	b.splitDirections()
	b.sortAll()
	b.docsToGo()
	b.api.Warnings = b.warnings
	return b.api, nil
}

// docOf returns the documentation of a schema.
func schemaDoc(s *openapi3.Schema) ir.Doc {
	d := ir.Doc{Summary: s.Title, Description: s.Description, Deprecated: s.Deprecated}
	if s.ExternalDocs != nil {
		d.ExternalURL = s.ExternalDocs.URL
	}
	return d
}
