package templates

// Require is one requirement of a go.mod.
type Require struct{ Path, Version string }

// RuntimeGoVersion and RuntimeRequires are the go directive and the
// requirements of the runtime module (runtime/go.mod) this genclient was
// built with: a generated SDK's go.mod declares the same go version and
// lists these as indirect requirements, exactly as go mod tidy writes
// them, so that -check stays clean after the SDK's one go mod tidy.
// TestRuntimeRequires keeps them equal to runtime/go.mod.
const RuntimeGoVersion = "1.24.0"

// RuntimeRequires: see RuntimeGoVersion.
var RuntimeRequires = []Require{
	{"golang.org/x/net", "v0.50.0"},
	{"golang.org/x/oauth2", "v0.35.0"},
	{"golang.org/x/text", "v0.34.0"},
}
