// Package templates holds the text templates for the non-Go files of a
// generated SDK module: go.mod and README.md. Templates take values only;
// every decision is made by the caller. Go source is never templated here:
// the generator builds it with jennifer.
package templates

import (
	"bytes"
	"embed"
	"fmt"
	"text/template"
)

//go:embed files/*.tmpl
var files embed.FS

// parsed is built once from the embedded files; it is read-only after init.
var parsed = template.Must(template.New("").ParseFS(files, "files/*.tmpl"))

// SDK is what the templates of a standalone SDK module are filled with.
type SDK struct {
	Module        string   // module path of the SDK, e.g. "github.com/acme/petstore-go"
	Package       string   // Go package name, e.g. "petstore"
	Title         string   // the API's title
	Version       string   // the API's version (info.version)
	Description   string   // first paragraph of the API's description
	RuntimeModule string   // module path that provides the runtime package
	GoVersion     string   // go directive, e.g. "1.26.0"; "" uses DefaultGoVersion
	Services      []string // Go names of the client's services, sorted
	ServerURL     string   // NewClient's first argument in the README; "" is Package.DefaultServerURL

	// RuntimeVersion is the version of RuntimeModule go.mod requires;
	// Devel says genclient knew none (a development build), and the
	// go.mod then tells how to replace it. Requires are the runtime's own
	// requirements, listed as indirect.
	RuntimeVersion string
	Devel          bool
	Requires       []Require
	// RuntimeImport is the runtime's import path; Alias is the import
	// alias the README's import needs ("" when the package name is the
	// last element of Module).
	RuntimeImport string
	Alias         string
	// Auth lists the client options of the document's security schemes,
	// as Go expressions ("pets.WithBearerAuth(os.Getenv(\"PETS_TOKEN\"))").
	Auth []string
	// List is a loop over one paginated list ("for pet, err := range
	// c.FindPetsAll(ctx, nil) {"), and ListItem its item variable; ""
	// when nothing paginates.
	List, ListItem string
	// Call is one call that can fail with a declared error model, and
	// ErrorModel that model's Go type ("*pets.Error"); "" when none.
	Call, ErrorModel string
}

// DefaultGoVersion is the go directive written when SDK.GoVersion is empty:
// the oldest release the runtime module builds with (omitzero and
// strings.SplitSeq arrived in Go 1.24).
const DefaultGoVersion = "1.24.0"

// GoMod renders the go.mod of a standalone SDK module.
func GoMod(s SDK) ([]byte, error) { return render("go.mod.tmpl", s) }

// Readme renders the README.md of a standalone SDK module.
func Readme(s SDK) ([]byte, error) { return render("README.md.tmpl", s) }

func render(name string, s SDK) ([]byte, error) {
	if s.Module == "" || s.Package == "" {
		return nil, fmt.Errorf("templates: %s needs Module and Package", name)
	}
	if s.GoVersion == "" {
		s.GoVersion = DefaultGoVersion
	}
	if s.ServerURL == "" {
		s.ServerURL = s.Package + ".DefaultServerURL"
	}
	var b bytes.Buffer
	if err := parsed.ExecuteTemplate(&b, name, s); err != nil {
		return nil, fmt.Errorf("templates: %s: %w", name, err)
	}
	return b.Bytes(), nil
}
