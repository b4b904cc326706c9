// Package selfcomposed finds the schemas that are their own oneOf, anyOf,
// allOf or not, which a validator never returns from: kin-openapi's
// overflows the stack on them. The loader checks examples only against
// schemas without one, and the conformance suite's validating mock drives
// only documents without one.
package selfcomposed

import (
	"sort"

	"github.com/getkin/kin-openapi/openapi3"
)

// Reaches reports whether a schema reachable from root reaches itself
// through oneOf, anyOf, allOf and not alone (A: {oneOf: [{$ref: A}, ...]}):
// validating a value against it checks the same value against the same
// schema again, without end. A cycle through properties, items or
// additionalProperties is not one: each step takes a smaller part of the
// value.
func Reaches(root *openapi3.Schema) bool {
	// Every schema reachable from root, by any keyword.
	var all []*openapi3.Schema
	seen := map[*openapi3.Schema]bool{}
	push := func(r *openapi3.SchemaRef) {
		if r != nil && r.Value != nil && !seen[r.Value] {
			seen[r.Value] = true
			all = append(all, r.Value)
		}
	}
	seen[root] = true
	all = append(all, root)
	for i := 0; i < len(all); i++ {
		s := all[i]
		for _, r := range composedOf(s) {
			push(r)
		}
		for _, r := range s.Properties {
			push(r)
		}
		push(s.Items)
		push(s.AdditionalProperties.Schema)
		for _, r := range s.PrefixItems {
			push(r)
		}
	}
	// A back edge among composition edges is a cycle of them.
	const (
		grey  = 1
		black = 2
	)
	colour := map[*openapi3.Schema]int{}
	var visit func(s *openapi3.Schema) bool
	visit = func(s *openapi3.Schema) bool {
		colour[s] = grey
		for _, r := range composedOf(s) {
			switch colour[r.Value] {
			case grey:
				return true
			case 0:
				if visit(r.Value) {
					return true
				}
			}
		}
		colour[s] = black
		return false
	}
	for _, s := range all {
		if colour[s] == 0 && visit(s) {
			return true
		}
	}
	return false
}

// composedOf lists the schemas that a value of s is validated against as
// a whole: s's allOf, oneOf and anyOf parts and its not.
func composedOf(s *openapi3.Schema) []*openapi3.SchemaRef {
	var out []*openapi3.SchemaRef
	for _, parts := range []openapi3.SchemaRefs{s.AllOf, s.OneOf, s.AnyOf} {
		for _, r := range parts {
			if r != nil && r.Value != nil {
				out = append(out, r)
			}
		}
	}
	if s.Not != nil && s.Not.Value != nil {
		out = append(out, s.Not)
	}
	return out
}

// Components lists, sorted, the names of doc's component schemas that
// reach a self-composed schema.
func Components(doc *openapi3.T) []string {
	if doc.Components == nil {
		return nil
	}
	var out []string
	for name, r := range doc.Components.Schemas {
		if r != nil && r.Value != nil && Reaches(r.Value) {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}
