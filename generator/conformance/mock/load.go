package mock

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// LoadDoc reads the OpenAPI document at path (external refs allowed). It
// does not validate the document: real ones often carry invalid examples
// that do not matter here.
func LoadDoc(path string) (*openapi3.T, error) {
	l := openapi3.NewLoader()
	l.IsExternalRefsAllowed = true
	doc, err := l.LoadFromFile(path)
	if err != nil {
		return nil, fmt.Errorf("mock: loading %s: %w", path, err)
	}
	return doc, nil
}

// BasePath returns the path of the document's first server URL, server
// variables replaced by their defaults, without a trailing slash: "" for
// none, "/v1" for "https://api.openai.com/v1".
func BasePath(doc *openapi3.T) string {
	if len(doc.Servers) == 0 {
		return ""
	}
	srv := doc.Servers[0]
	raw := srv.URL
	for name, v := range srv.Variables {
		raw = strings.ReplaceAll(raw, "{"+name+"}", v.Default)
	}
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.TrimRight(u.Path, "/")
}
