package sdkdiff

// The official SDKs the differential tests drive: requirements of the
// root module only through this test package, never of the runtime; the
// scratch modules that compile the generated clients next to them take
// their versions from the root go.mod.
import (
	_ "github.com/google/go-github/v81/github"
	_ "github.com/openai/openai-go/v3"
	_ "github.com/stripe/stripe-go/v82"
)
