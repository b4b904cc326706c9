// Package ir is the API model shared by the loader and the generator.
//
// It is plain data: no kin-openapi pointers, no Go source text. The loader
// builds one *API from an OpenAPI document, gives every element its final Go
// name (unique, stable, collision-free) and sorts every list; the generator
// only reads it. Types form a sealed interface, in the manner of go/ast.
//
// Invariants the loader guarantees and the generator relies on:
//   - Every object, enum and union schema is hoisted into a *Named in
//     API.Types; *Struct, *Enum and *Union appear only as Named.Type.
//   - *Nullable appears only at a use site (a field, parameter, array
//     element, map value or body), never as Named.Type itself.
//   - Lists are sorted as documented on each field, so the same document
//     always yields the same API value.
package ir

import "fmt"

// Pos is a position in a source document, for messages.
type Pos struct {
	File string // path as given to the loader, or relative to its root
	Line int    // 1-based; 0 if unknown
	Col  int    // 1-based; 0 if unknown
}

// String formats p as file:line:col, dropping the parts that are unknown.
func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Doc is the documentation of an element, taken from the document.
type Doc struct {
	Summary     string
	Description string
	Deprecated  bool
	ExternalURL string // externalDocs.url, if any
}

// API is one OpenAPI document, ready for generation.
type API struct {
	Title   string
	Version string // info.version
	Doc     Doc
	Servers []*Server // in document order; the first is the default

	// Services groups operations. A service with an empty Name holds the
	// operations that are methods of the client itself. Sorted by Name,
	// with the unnamed service (if any) first.
	Services []*Service

	// Webhooks are operations the API calls on its users (OpenAPI 3.1
	// webhooks and 3.0 callbacks); only their payload types are generated.
	// Sorted by Name.
	Webhooks []*Operation

	Types    []*Named          // every named type, sorted by Name
	Schemes  []*SecurityScheme // sorted by Key
	Security []Requirement     // the document's default; nil when none

	Warnings []Warning // what the loader accepted with a warning, in order
}

// Warning is something the loader accepted or skipped, with its position.
type Warning struct {
	Pos     Pos
	Message string
}

// String formats w as "file:line:col: warning: message".
func (w Warning) String() string {
	return fmt.Sprintf("%s: warning: %s", w.Pos, w.Message)
}

// Server is one entry of the document's servers list.
type Server struct {
	URL       string // may contain {variables}
	Doc       Doc
	Variables []*ServerVariable // in order of appearance in URL
}

// ServerVariable is a {name} in a server URL.
type ServerVariable struct {
	Name    string // as in the URL
	GoName  string // exported Go identifier
	Default string
	Enum    []string // allowed values, in document order; nil if free
	Doc     Doc
}

// Service is a group of operations, one per tag.
type Service struct {
	Name       string // Go identifier, e.g. "Issues"; "" for the client itself
	Tag        string // the tag it came from; "" for the client itself
	Doc        Doc
	Operations []*Operation // sorted by Name
}
