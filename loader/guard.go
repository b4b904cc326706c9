package loader

import (
	"fmt"
	"runtime"
	"strings"

	"github.com/genclient/genclient/ir"
	yaml "github.com/oasdiff/yaml3"
)

// unsupportedError is raised (as a panic) by conversion code that meets a
// construct the loader cannot turn into a correct client. guard recovers it
// and skips the element being converted, with a warning.
type unsupportedError struct {
	pos ir.Pos
	msg string
}

// unsupported aborts the conversion under way (see guard).
func (b *builder) unsupported(pos ir.Pos, format string, args ...any) {
	panic(&unsupportedError{pos: pos, msg: fmt.Sprintf(format, args...)})
}

// memo records the conversion of the schema at key, logging the key so a
// failed conversion can be undone.
func (b *builder) memo(key loc, ti *typeInfo) {
	b.types[key] = ti
	b.memoLog = append(b.memoLog, key)
}

// guard runs convert, which converts one element (an operation or a
// component schema). If convert panics (an unsupported construct or an
// internal error), the types it created are discarded, a warning at pos
// says what was skipped (what) and why, and guard returns false. Panics are
// the abort mechanism because the schema conversion is deeply recursive and
// otherwise cannot fail.
func (b *builder) guard(what string, pos ir.Pos, convert func()) (ok bool) {
	named, unions, logged := len(b.named), len(b.unions), len(b.memoLog)
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		ok = false
		for _, k := range b.memoLog[logged:] {
			delete(b.types, k)
		}
		b.memoLog = b.memoLog[:logged]
		clear(b.named[named:])
		b.named = b.named[:named]
		clear(b.unions[unions:])
		b.unions = b.unions[:unions]
		switch e := r.(type) {
		case *unsupportedError:
			msg := fmt.Sprintf("skipped %s: %s", what, e.msg)
			if e.pos != pos && e.pos.File != "" {
				msg += " (at " + e.pos.String() + ")"
			}
			b.warn(pos, msg)
		default:
			b.warn(pos, fmt.Sprintf("skipped %s: internal error: %v%s", what, r, panicSite()))
		}
	}()
	convert()
	return true
}

// panicSite returns " (in function)" naming the innermost function of
// this package on the panicking goroutine's stack, for internal errors;
// it must be called from the deferred function that recovered.
func panicSite() string {
	pcs := make([]uintptr, 32)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(3, pcs)])
	for {
		f, more := frames.Next()
		if strings.Contains(f.Function, "/loader.") && !strings.Contains(f.Function, "guard") && !strings.Contains(f.Function, "panicSite") {
			return " (in " + f.Function[strings.LastIndexByte(f.Function, '/')+1:] + ")"
		}
		if !more {
			return ""
		}
	}
}

// describeOp names an operation for messages: "GET /pets/{id} (getPet)".
func describeOp(o *ir.Operation) string {
	if o.ID == "" {
		return o.Method + " " + o.Path
	}
	return o.Method + " " + o.Path + " (" + o.ID + ")"
}

// ignoredSchemaKeywords are JSON Schema keywords that are accepted but have
// no effect on the generated types.
var ignoredSchemaKeywords = []string{"not", "if", "then", "else", "patternProperties", "prefixItems",
	"dependentSchemas", "unevaluatedProperties"}

// ignoredKeywords warns, once per schema and at its position, about the
// keywords of the schema at l that the loader ignores.
func (b *builder) ignoredKeywords(l loc) {
	if b.ignoredSeen[l.key()] {
		return
	}
	if b.ignoredSeen == nil {
		b.ignoredSeen = map[loc]bool{}
	}
	b.ignoredSeen[l.key()] = true
	r := b.rawPtr(l)
	n, _, ok := b.rs.lookupLoc(r)
	if !ok || n.Kind != yaml.MappingNode {
		return
	}
	var found []string
	for _, k := range ignoredSchemaKeywords {
		v := mapGet(n, k)
		if v == nil || (k == "unevaluatedProperties" && v.Kind != yaml.MappingNode) {
			continue
		}
		found = append(found, k)
	}
	if len(found) == 0 {
		return
	}
	word := "keyword"
	if len(found) > 1 {
		word += "s"
	}
	b.warn(b.pos(l), fmt.Sprintf("JSON Schema %s %s accepted but ignored: generated types do not check it", word, strings.Join(found, ", ")))
}
