package sdkdiff

// The official SDK the differential test drives: a requirement of the
// root module only through this test package, never of the runtime; the
// scratch module that compiles the generated client next to it takes its
// version from the root go.mod.
import _ "github.com/google/go-github/v81/github"
