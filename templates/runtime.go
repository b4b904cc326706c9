package templates

// Require is one requirement of a go.mod.
type Require struct{ Path, Version string }

// RuntimeGoVersion is the go directive of the runtime module
// (runtime/go.mod) this genclient was built with, and RuntimeRequires the
// modules that provide the packages the runtime package imports, at the
// versions runtime/go.mod requires: a generated SDK's go.mod declares the
// same go version and lists these as indirect requirements, exactly as go
// mod tidy writes them, so that -check stays clean after the SDK's one go
// mod tidy. (x/oauth2 is only imported by runtime/oauth2compat, which
// generated code does not import.) TestRuntimeRequires keeps both true.
const RuntimeGoVersion = "1.24.0"

// RuntimeRequires: see RuntimeGoVersion.
var RuntimeRequires = []Require{
	{"golang.org/x/net", "v0.50.0"},
	{"golang.org/x/text", "v0.34.0"},
}
