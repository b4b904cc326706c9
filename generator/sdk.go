package generator

import (
	"fmt"

	"github.com/genclient/genclient/templates"
)

// moduleFiles renders go.mod and README.md of a standalone SDK module.
func (g *gen) moduleFiles() ([]File, error) {
	sdk := templates.SDK{
		Module:        g.cfg.Module,
		Package:       g.cfg.Package,
		Title:         g.api.Title,
		Version:       g.api.Version,
		RuntimeModule: runtimeModule(g.rt),
	}
	sdk.Description, _ = firstPara(joinNonEmpty(g.api.Doc.Summary, g.api.Doc.Description))
	for _, s := range g.api.Services {
		if s.Name != "" {
			sdk.Services = append(sdk.Services, s.Name)
		}
	}
	mod, err := templates.GoMod(sdk)
	if err != nil {
		return nil, fmt.Errorf("generator: %w", err)
	}
	readme, err := templates.Readme(sdk)
	if err != nil {
		return nil, fmt.Errorf("generator: %w", err)
	}
	return []File{{Name: "README.md", Content: readme}, {Name: "go.mod", Content: mod}}, nil
}

// runtimeModule is the module that provides the runtime import path: the
// runtime is a module of its own (github.com/genclient/genclient/runtime),
// and a fork given with -runtime is expected to be one too.
func runtimeModule(importPath string) string { return importPath }
