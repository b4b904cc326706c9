package main

import (
	"runtime/debug"
	"strings"

	// The runtime every generated client imports. genclient itself does
	// not call it: importing it makes `go get -tool` of genclient put the
	// runtime, at the version this genclient was released with, and its
	// own requirements into the consumer's go.mod, so that the generated
	// package builds with no further go mod tidy; and it puts the
	// runtime's version into the build info that -module stamps go.mod
	// with.
	_ "github.com/genclient/genclient/runtime"
)

const (
	modulePath  = "github.com/genclient/genclient"
	runtimePath = "github.com/genclient/genclient/runtime"
)

// versions returns the versions of genclient's module and of the runtime
// module this binary was built with, "" for a development build (a
// checkout, a workspace or a replace to a directory). genclient is the
// main module when built by go install or go run pkg@version, and a
// dependency when built by go tool from a consumer's module.
func versions() (gen, rt string) {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "", ""
	}
	return moduleVersion(bi, modulePath), moduleVersion(bi, runtimePath)
}

// runtimeSum is the go.sum hash (h1:) of the runtime module this binary
// was built with, "" when the build did not record one (a development
// build, or a go.sum without it).
func runtimeSum() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok || moduleVersion(bi, runtimePath) == "" {
		return ""
	}
	for _, d := range bi.Deps {
		if d.Path == runtimePath {
			if d.Replace != nil {
				return d.Replace.Sum
			}
			return d.Sum
		}
	}
	return ""
}

// moduleVersion is the released version of module path in bi, or "".
func moduleVersion(bi *debug.BuildInfo, path string) string {
	m := &bi.Main
	if m.Path != path {
		m = nil
		for _, d := range bi.Deps {
			if d.Path == path {
				m = d
				break
			}
		}
	}
	if m == nil {
		return ""
	}
	if m.Replace != nil {
		if m.Replace.Version == "" { // a directory
			return ""
		}
		m = m.Replace
	}
	if m.Version == "" || m.Version == "(devel)" || strings.HasSuffix(m.Version, "+dirty") {
		return ""
	}
	return m.Version
}

// version is what -version prints.
func version() string {
	gen, rt := versions()
	if gen == "" {
		gen = "(devel)"
	}
	if rt == "" {
		rt = "(devel)"
	}
	return gen + " (runtime " + rt + ")"
}
