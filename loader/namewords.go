package loader

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// Words that name nothing are left out of the names of operations: the
// dotted prefix all operationIds share (idPrefix), the path and method
// FastAPI writes into the operationIds it makes up (routeName), and words
// of paths.
//
// The names of operations, and under Options.GroupByPath their services,
// come from their paths where the document does not name them. Some
// words of a path name nothing: a format extension ("/account_stages.json",
// "/jsapps/{code}.json"), a leading "api" or "rest" ("/api/v1/accounts",
// "/rest/api/3/issue") and an API version, leading or inside
// ("/aliases/v2/{trackingId}"). namePath leaves them out, each only as
// long as the path still differs from every other path of the document:
// where "/api/v1/search" and "/api/v2/search" both exist, both keep their
// versions, and where "/users.json" and "/users.xml" do, their extensions.

// formatExt matches a format extension at the end of a path segment, after
// at least one other character.
var formatExt = regexp.MustCompile(`(?i).\.(json|xml|ya?ml|csv|tsv|txt|html?|rss|atom|geojson|jsonld|ndjson|jsonl)$`)

// apiWord reports whether a path segment is a word that only says the
// path is an API's.
func apiWord(seg string) bool {
	switch strings.ToLower(seg) {
	case "api", "apis", "rest":
		return true
	}
	return false
}

// isVersion reports whether a path segment is an API version (versionRE).
func isVersion(seg string) bool { return versionRE.MatchString(strings.ToLower(seg)) }

// innerVersionRE matches a path segment that is an API version inside a
// path, where a bare number ("/pages/2") is not one: v2, v1.1, v2beta1.
var innerVersionRE = regexp.MustCompile(`^v[0-9]+(\.[0-9]+)*((alpha|beta|preview)[0-9]*)?$`)

func isInnerVersion(seg string) bool { return innerVersionRE.MatchString(strings.ToLower(seg)) }

// nameSteps are the ways namePath shortens a path's segments, each
// applied on top of those before it.
var nameSteps = []func([]string) []string{
	// A format extension: "stages.json" is "stages", "{id}.json" "{id}".
	func(segs []string) []string {
		out := slices.Clone(segs)
		for i, s := range out {
			if m := formatExt.FindStringIndex(s); m != nil {
				out[i] = s[:m[0]+1]
			}
		}
		return out
	},
	// Leading API words: "/rest/api/3/issue" is "/3/issue".
	func(segs []string) []string { return trimLeading(segs, apiWord) },
	// Leading versions: "/v1/search" is "/search".
	func(segs []string) []string { return trimLeading(segs, isVersion) },
	// Versions inside: "/c2c/v4/drivers" is "/c2c/drivers".
	func(segs []string) []string {
		out := slices.DeleteFunc(slices.Clone(segs), isInnerVersion)
		if !named(out) {
			return segs
		}
		return out
	},
}

// trimLeading removes the leading segments that drop reports, if a word
// that names something remains after them.
func trimLeading(segs []string, drop func(string) bool) []string {
	i := 0
	for i < len(segs) && drop(segs[i]) {
		i++
	}
	if !named(segs[i:]) {
		return segs
	}
	return segs[i:]
}

// named reports whether a literal segment of segs gives a name a word.
func named(segs []string) bool {
	return slices.ContainsFunc(segs, func(s string) bool { return !isParamSeg(s) && !unnamed(s) })
}

// namePath returns the path that names the operations of path p: p with
// as many of nameSteps applied as keep it apart from every other path of
// the document (their parameters' names aside), or p itself for a path
// that is not one of the document's (a webhook's name).
func (b *builder) namePath(p string) string {
	if b.namePaths == nil {
		b.namePaths = namePaths(sortedKeys(b.doc.Paths.Map()))
	}
	if np, ok := b.namePaths[p]; ok {
		return np
	}
	return p
}

// namePaths maps each of paths to its naming path (see namePath).
func namePaths(paths []string) map[string]string {
	// steps[k][i] is paths[i] after k steps, keys[k][i] that with any
	// parameters (anyParams): two paths that differ only there name alike.
	steps := make([][]string, len(nameSteps)+1)
	keys := make([][]string, len(nameSteps)+1)
	steps[0] = paths
	for k := range steps {
		if k > 0 {
			steps[k] = make([]string, len(paths))
			for i, p := range paths {
				segs := nameSteps[k-1](pathSegments(steps[k-1][i]))
				np := "/" + strings.Join(segs, "/")
				if strings.HasSuffix(p, "/") && len(segs) > 0 {
					np += "/"
				}
				steps[k][i] = np
			}
		}
		keys[k] = make([]string, len(paths))
		for i := range paths {
			keys[k][i] = anyParams(steps[k][i])
		}
	}
	// A path takes the most steps at which no other path names alike: not
	// one still undecided, nor one decided with more steps.
	out := make(map[string]string, len(paths))
	used := map[string]bool{}
	for k := len(nameSteps); k >= 0; k-- {
		seen := map[string]int{}
		for i, p := range paths {
			if _, done := out[p]; !done {
				seen[keys[k][i]]++
			}
		}
		var decided []string
		for i, p := range paths {
			if _, done := out[p]; done {
				continue
			}
			if key := keys[k][i]; k == 0 || seen[key] == 1 && !used[key] {
				out[p] = steps[k][i]
				decided = append(decided, key)
			}
		}
		for _, key := range decided {
			used[key] = true
		}
	}
	return out
}

// idWordRE matches a word of a dotted operationId that can be part of a
// prefix the operationIds share (see idPrefix).
var idWordRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// idPrefix returns the leading dotted words that every operationId of ops
// shares, dot included, when each has more words after them: the API's
// name in "aiplatform.projects.locations.list" and
// "aiplatform.publishers.models.get" ("aiplatform."), a module path in
// "app.api.endpoints.GCR.calculate_flux". It names no operation. It is ""
// unless two or more operations have an operationId and all of them have
// a dot, and each word of the prefix, and the word after it, is made of
// ASCII letters, digits and underscores and starts with no digit.
func idPrefix(ops []*opInfo) string {
	var common []string
	n := 0
	for _, oi := range ops {
		id := oi.op.OperationID
		if id == "" || oi.hook {
			continue
		}
		ws := strings.Split(id, ".")
		if len(ws) < 2 {
			return ""
		}
		ws = ws[:len(ws)-1] // the last word is never the prefix's
		// nor a word after one that is no identifier: "1.0" in
		// "resource__1.0_artist" is a version
		if i := slices.IndexFunc(ws, func(w string) bool { return !idWordRE.MatchString(w) }); i >= 0 {
			ws = ws[:i]
		}
		if n == 0 {
			common = ws
		} else {
			i := 0
			for i < len(common) && i < len(ws) && common[i] == ws[i] {
				i++
			}
			common = common[:i]
		}
		n++
		if len(common) == 0 {
			return ""
		}
	}
	if n < 2 {
		return ""
	}
	prefix := strings.Join(common, ".") + "."
	for _, oi := range ops {
		if rest, ok := strings.CutPrefix(oi.op.OperationID, prefix); ok && !oi.hook && !idWordRE.MatchString(strings.SplitN(rest, ".", 2)[0]) {
			return "" // what is left must start with a word
		}
	}
	return prefix
}

// routeName returns what is left of an operationId that ends in its path
// and method, each character other than a letter, digit or underscore
// written "_", as FastAPI writes the operationIds it makes up for a
// route: "list_courses_v1_courses_get" for GET /v1/courses is
// "list_courses", the name of the route's function. It returns "" for
// any other operationId, and for one that would leave nothing.
func routeName(id, method, p string) string {
	var suffix strings.Builder
	for _, r := range p {
		if r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) {
			suffix.WriteRune(r)
		} else {
			suffix.WriteByte('_')
		}
	}
	suffix.WriteString("_" + strings.ToLower(method))
	name, ok := strings.CutSuffix(id, suffix.String())
	if !ok || pascal(name) == "" {
		return ""
	}
	return name
}

// routeCollisions gives back its whole operationId to each operation that
// routeName named alike another in its service: FastAPI tells apart two
// routes of one function name by their paths.
func routeCollisions(ops []*opInfo, prefix string) {
	n := countCands(ops)
	for _, oi := range ops {
		if oi.route && n[oi.candKey()] > 1 {
			oi.cand, oi.route = unstutter(pascal(strings.TrimPrefix(oi.op.OperationID, prefix)), oi.svc.Name), false
		}
	}
}
