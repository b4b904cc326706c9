// Package drive calls every planned operation of a generated client by
// reflection and reports what happened. The conformance test writes a
// Plan (values synthesised from the document), generates a tiny main
// package per client that calls Main, and reads the Report.
package drive

import "encoding/json"

// Plan is what a driver calls.
type Plan struct {
	Spec    string   // path of the OpenAPI document (for the mock server)
	Schemes []Scheme // every security scheme: the client gets credentials for each
	Ops     []Op
}

// Scheme is a security scheme, as the runtime needs it.
type Scheme struct {
	Key        string // components.securitySchemes key
	Type       string // "basic", "bearer", "digest", "other", "apiKey", "oauth2", "openIdConnect", "mutualTLS"
	In         string // apiKey: "header", "query" or "cookie"
	Name       string // apiKey: the parameter name
	HTTPScheme string // other http schemes: the Authorization scheme
}

// Op is one planned call.
type Op struct {
	Key     string // "GET /pets/{id}", as the mock reports it
	Service string // the client's field holding the service; "" for the client itself
	Method  string // Go method name
	Args    []Arg  // the arguments between the context and the params struct / options
	// Params holds the optional parameters by Go field name; the params
	// struct argument is passed when ParamsType is set.
	ParamsType string
	Params     map[string]json.RawMessage
	// WantBody is true when the chosen response has a body: the result
	// must then be non-zero.
	WantBody bool
	// WantError is the status the mock answers an operation that
	// declares only errors with: the call must return a *runtime.APIError
	// with that status.
	WantError int `json:",omitempty"`
}

// Arg is one method argument.
type Arg struct {
	Name  string          // the parameter's name (for messages)
	Role  string          // "path", "query", "header", "cookie" or "body"
	Value json.RawMessage // the value as JSON
	// For a body: its kind ("json", "form", "multipart", "text", "binary",
	// "event-stream"), media type, and the properties that are files
	// (multipart), with their part content types.
	Kind      string            `json:",omitempty"`
	MediaType string            `json:",omitempty"`
	Files     map[string]string `json:",omitempty"`
	// Fields maps the wire names of a body struct's fields to their Go
	// names, for structs without json tags (multipart and form bodies).
	Fields map[string]string `json:",omitempty"`
}

// Result is the outcome of one planned call.
type Result struct {
	Key     string
	Call    string   // Service.Method
	Outcome string   // "ok", "client" (error returned or bad result), "violation", "signature"
	Detail  []string `json:",omitempty"`
}

// Report is what a driver writes.
type Report struct {
	Target  string
	Results []Result
	Notes   []string `json:",omitempty"` // what the mock could not validate
	Extra   []string `json:",omitempty"` // violations not tied to a planned call
}
