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

// units lists the Go files of the package, each with its declarations,
// handing each to emit as soon as it is complete, so that the files
// render while the later ones are still emitted. errors.go, which holds
// the error-model functions the operations use, comes last.
func (g *gen) units(emit func(unit)) {
	client := unit{name: "client.go", pkgDoc: g.packageDoc()}
	client.decls = append(client.decls, g.emitServers()...)
	client.decls = append(client.decls, g.emitClient()...)
	for _, s := range g.api.Schemes {
		client.decls = append(client.decls, g.emitSecurity(s))
	}
	emit(client)
	errs := g.emitErrors()
	taken := map[string]bool{"client.go": true, "errors.go": true}
	g.typeUnits(taken, emit)
	for _, svc := range g.api.Services {
		name := serviceFile(svc, taken)
		taken[name] = true
		emit(unit{name: name, decls: g.emitService(svc)})
	}
	// The operations' error-model functions, known once they are emitted.
	errs = append(errs, g.errFuncDecls...)
	if len(errs) > 0 {
		emit(unit{name: "errors.go", decls: errs})
	}
}

// typeUnits emits types.go, or its chunks when the API has many types,
// each as soon as it is complete (a chunk is named types_N.go once a
// second one begins), claiming their names in taken.
func (g *gen) typeUnits(taken map[string]bool, emit func(unit)) {
	var cur, held []jen.Code // held: the first chunk, until another begins
	n := 0                   // chunks emitted so far
	flush := func(c []jen.Code) {
		n++
		u := unit{name: chunkName(n), decls: c}
		taken[u.name] = true
		emit(u)
	}
	weight := 0
	for _, t := range g.api.Types {
		if weight == 0 && held != nil {
			flush(held)
			held = nil
		}
		cur = append(cur, g.emitNamed(t)...)
		weight += typeWeight(t)
		if weight >= typesChunk {
			if n == 0 && held == nil {
				held = cur
			} else {
				flush(cur)
			}
			cur, weight = nil, 0
		}
	}
	switch {
	case held != nil: // the only chunk, which ended with the last type
		cur = held
		fallthrough
	case n == 0 && len(cur) > 0:
		taken["types.go"] = true
		emit(unit{name: "types.go", decls: cur})
	case len(cur) > 0:
		flush(cur)
	}
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

// maxFileBase is the longest file name (without ".go") the generator
// writes: far below the 255 bytes file systems allow, with room for the
// temporary names the command writes beside each file.
const maxFileBase = 64

// serviceFile names the file of a service: operations.go for the client's
// own operations, else the service name in snake case, in ASCII letters,
// digits and underscores and at most maxFileBase bytes long. A name that
// the go tool would read as a test file or a build constraint ("_test",
// "_linux", "_arm64") or that another file has gets a "_service" suffix.
func serviceFile(svc *ir.Service, taken map[string]bool) string {
	if svc.Name == "" {
		return "operations.go"
	}
	base := fileBase(snake(svc.Name), "service")
	if hasConstraintSuffix(base) || taken[base+".go"] || base == "operations" || strings.HasPrefix(base, "types") {
		base += "_service"
	}
	name := base + ".go"
	for i := 2; taken[name]; i++ {
		name = fmt.Sprintf("%s_%d.go", base, i)
	}
	return name
}

// fileBase keeps the ASCII letters, digits and underscores of s, lower
// case, without leading, trailing or doubled underscores, cut to
// maxFileBase bytes (before the suffixes that make it unique); empty
// becomes dflt.
func fileBase(s, dflt string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "_"):
			b.WriteByte('_')
		}
	}
	base := b.String()
	if len(base) > maxFileBase {
		base = base[:maxFileBase]
	}
	base = strings.Trim(base, "_")
	if base == "" {
		return dflt
	}
	return base
}

// chunkName is the name of the i-th (from 1) part of types.go:
// types_1.go, types_2.go, ...; a number the go tool would read as a
// GOARCH (types_386.go builds only for 386) gets a "_gen" suffix.
func chunkName(i int) string {
	base := fmt.Sprintf("types_%d", i)
	if hasConstraintSuffix(base) {
		base += "_gen"
	}
	return base + ".go"
}

// hasConstraintSuffix reports whether the go tool would skip a file named
// base+".go" in a normal build: a name starting with "_" or "." (ignored),
// ending in "_test" (a test file), or ending in "_GOOS", "_GOARCH" or
// "_GOOS_GOARCH" after its first "_" (an implicit build constraint), as
// go/build's goodOSArchFile reads it.
func hasConstraintSuffix(base string) bool {
	if strings.HasPrefix(base, "_") || strings.HasPrefix(base, ".") {
		return true
	}
	if strings.HasSuffix(base, "_test") {
		return true
	}
	i := strings.IndexByte(base, '_')
	if i < 0 {
		return false
	}
	l := strings.Split(base[i:], "_")
	n := len(l)
	if n >= 2 && knownOS(l[n-2]) && knownArch(l[n-1]) {
		return true
	}
	return n >= 1 && (knownOS(l[n-1]) || knownArch(l[n-1]))
}

// knownOS reports whether s is a GOOS the go tool reads in file names
// (go/build's knownOS).
func knownOS(s string) bool {
	switch s {
	case "aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "js",
		"linux", "nacl", "netbsd", "openbsd", "plan9", "solaris", "wasip1", "windows", "zos":
		return true
	}
	return false
}

// knownArch reports whether s is a GOARCH the go tool reads in file names
// (go/build's knownArch).
func knownArch(s string) bool {
	switch s {
	case "386", "amd64", "amd64p32", "arm", "armbe", "arm64", "arm64be", "loong64", "mips",
		"mipsle", "mips64", "mips64le", "mips64p32", "mips64p32le", "ppc", "ppc64", "ppc64le",
		"riscv", "riscv64", "s390", "s390x", "sparc", "sparc64", "wasm":
		return true
	}
	return false
}
