package generator

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/genclient/genclient/ir"
)

// typesChunk is the weight (about a line per field, variant or enum
// value, plus a few per type) at which types.go is split into
// types_1.go, types_2.go, ...
const typesChunk = 1500

// units lists the Go files of the package, each with its declarations.
func (g *gen) units() []unit {
	client := unit{name: "client.go", pkgDoc: g.packageDoc()}
	client.decls = append(client.decls, g.emitServers()...)
	client.decls = append(client.decls, g.emitClient()...)
	for _, s := range g.api.Schemes {
		client.decls = append(client.decls, g.emitSecurity(s))
	}
	units := []unit{client}
	if errs := g.emitErrors(); len(errs) > 0 {
		units = append(units, unit{name: "errors.go", decls: errs})
	}
	units = append(units, g.typeUnits()...)
	taken := map[string]bool{}
	for _, u := range units {
		taken[u.name] = true
	}
	for _, svc := range g.api.Services {
		name := serviceFile(svc, taken)
		taken[name] = true
		units = append(units, unit{name: name, decls: g.emitService(svc)})
	}
	return units
}

// typeUnits returns types.go, or its chunks when the API has many types.
func (g *gen) typeUnits() []unit {
	var chunks [][]jen.Code
	var cur []jen.Code
	weight := 0
	for _, n := range g.api.Types {
		cur = append(cur, g.emitNamed(n)...)
		weight += typeWeight(n)
		if weight >= typesChunk {
			chunks = append(chunks, cur)
			cur, weight = nil, 0
		}
	}
	if len(cur) > 0 {
		chunks = append(chunks, cur)
	}
	switch len(chunks) {
	case 0:
		return nil
	case 1:
		return []unit{{name: "types.go", decls: chunks[0]}}
	}
	var units []unit
	for i, c := range chunks {
		units = append(units, unit{name: fmt.Sprintf("types_%d.go", i+1), decls: c})
	}
	return units
}

// emitNamed dispatches a named type to its emitter.
func (g *gen) emitNamed(n *ir.Named) []jen.Code {
	switch t := n.Type.(type) {
	case *ir.Struct:
		return g.emitStruct(n, t)
	case *ir.Enum:
		return g.emitEnum(n, t)
	case *ir.Union:
		return g.emitUnion(n, t)
	}
	return g.emitAlias(n)
}

func typeWeight(n *ir.Named) int {
	w := 4
	switch t := n.Type.(type) {
	case *ir.Struct:
		w += 3 * len(t.Fields)
		if t.Additional != nil {
			w += 30
		}
	case *ir.Enum:
		w += 2*len(t.Values) + 8
	case *ir.Union:
		w += 6*len(t.Variants) + 30
	}
	return w
}

// serviceFile names the file of a service: operations.go for the client's
// own operations, else the service name in snake case. A name that the go
// tool would read as a test file or a build constraint ("_test",
// "_linux", "_arm64") or that another file has gets a "_service" suffix.
func serviceFile(svc *ir.Service, taken map[string]bool) string {
	if svc.Name == "" {
		return "operations.go"
	}
	base := snake(svc.Name)
	if hasConstraintSuffix(base) || taken[base+".go"] || base == "operations" || strings.HasPrefix(base, "types") {
		base += "_service"
	}
	name := base + ".go"
	for i := 2; taken[name]; i++ {
		name = fmt.Sprintf("%s_%d.go", base, i)
	}
	return name
}

// hasConstraintSuffix reports whether a file named base+".go" would be a
// test file or carry an implicit GOOS/GOARCH build constraint.
func hasConstraintSuffix(base string) bool {
	parts := strings.Split(base, "_")
	if strings.HasPrefix(base, "_") || strings.HasPrefix(base, ".") {
		return true
	}
	n := len(parts)
	if n < 2 {
		return false
	}
	last := parts[n-1]
	if last == "test" || knownOSArch(last) {
		return true
	}
	return n >= 3 && knownOSArch(parts[n-2])
}

// knownOSArch reports whether s is a GOOS or GOARCH value the go tool
// reads in file names.
func knownOSArch(s string) bool {
	switch s {
	case "aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "js",
		"linux", "nacl", "netbsd", "openbsd", "plan9", "solaris", "wasip1", "windows", "zos",
		"386", "amd64", "amd64p32", "arm", "armbe", "arm64", "arm64be", "loong64", "mips",
		"mipsle", "mips64", "mips64le", "mips64p32", "mips64p32le", "ppc", "ppc64", "ppc64le",
		"riscv", "riscv64", "s390", "s390x", "sparc", "sparc64", "wasm":
		return true
	}
	return false
}
