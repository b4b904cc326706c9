package loader

import (
	"fmt"
	"strings"

	"github.com/genclient/genclient/ir"
	"github.com/getkin/kin-openapi/openapi3"
)

// detectPagination recognises the common body-cursor shapes of a GET
// operation that neither Link headers nor x-pagination paginate. It is
// conservative: the 2xx JSON body must be an object with exactly one
// array property (the items), and the cursor must be found both in the
// body and among the operation's query parameters:
//
//   - has_more: a boolean has_more (hasMore) beside the items, a query
//     parameter starting_after, and items that have a string id (every
//     variant of a union of items has one): the next
//     page is starting_after=<id of the last item> while has_more is true
//     (Stripe).
//   - a string next_cursor, next_page_token or next_page (camelCase too)
//     at the top of the body or in one object below it (meta.next_cursor,
//     response_metadata.next_cursor) and the query parameter cursor,
//     page_token or page respectively: the cursor is sent back as is.
//   - a string nextLink, @odata.nextLink or links.next: the URL of the
//     next page, followed on the same origin (Azure, Microsoft Graph,
//     JSON:API).
//
// Each detection is reported as a warning at the operation, so that the
// user sees what was paginated (quiet with -q; off with
// Options.NoDetectPagination, or per operation with x-pagination: false).
func (b *builder) detectPagination(o *ir.Operation) *ir.Pagination {
	if o.Method != "GET" {
		return nil
	}
	body := successBody(o)
	s := structType(body)
	if s == nil {
		return nil
	}
	var items *ir.Field
	for _, f := range s.Fields {
		if arrayElem(f.Type) != nil {
			if items != nil {
				return nil
			}
			items = f
		}
	}
	if items == nil {
		return nil
	}
	p := b.detectShape(o, s, items)
	if p == nil {
		return nil
	}
	p.Item, p.ItemsPath, p.Detected = arrayElem(items.Type), items.JSONName, true
	how := ""
	switch {
	case p.CursorItem != "":
		how = fmt.Sprintf("%s=<%s of the last item> while %s is true", p.Param, p.CursorItem, p.HasMore)
	case p.Kind == ir.PageURL:
		how = "the URL in " + p.CursorPath
	default:
		how = fmt.Sprintf("%s=<%s>", p.Param, p.CursorPath)
	}
	b.warn(o.Pos, fmt.Sprintf("operation %s: pagination detected: %sAll follows %s (x-pagination: false turns it off)", o.FullName, o.Name, how))
	return p
}

// detectShape finds one of the shapes detectPagination documents.
func (b *builder) detectShape(o *ir.Operation, s *ir.Struct, items *ir.Field) *ir.Pagination {
	param := func(names ...string) string {
		for _, p := range o.Params {
			for _, n := range names {
				if p.In == ir.InQuery && p.WireName == n && isString(p.Type) {
					return n
				}
			}
		}
		return ""
	}
	field := func(s *ir.Struct, names ...string) *ir.Field {
		for _, f := range s.Fields {
			for _, n := range names {
				if f.JSONName == n {
					return f
				}
			}
		}
		return nil
	}
	// has_more + starting_after + the last item's id.
	if hm := field(s, "has_more", "hasMore"); hm != nil && isBool(hm.Type) {
		if after := param("starting_after"); after != "" {
			if hasStringID(arrayElem(items.Type)) {
				return &ir.Pagination{Kind: ir.PageCursor, Param: after, CursorItem: "id", HasMore: hm.JSONName}
			}
		}
	}
	// A cursor in the body matching a query parameter, at the top or one
	// object down.
	cursors := []struct {
		fields []string
		params []string
	}{
		{[]string{"next_cursor", "nextCursor"}, []string{"cursor"}},
		{[]string{"next_page_token", "nextPageToken"}, []string{"page_token", "pageToken"}},
		{[]string{"next_page", "nextPage"}, []string{"page"}},
	}
	scopes := []struct {
		prefix string
		s      *ir.Struct
	}{{"", s}}
	for _, f := range s.Fields {
		if fs := structType(f.Type); fs != nil && f != items {
			scopes = append(scopes, struct {
				prefix string
				s      *ir.Struct
			}{f.JSONName + ".", fs})
		}
	}
	for _, c := range cursors {
		pn := param(c.params...)
		if pn == "" {
			continue
		}
		for _, sc := range scopes {
			if f := field(sc.s, c.fields...); f != nil && isString(f.Type) {
				return &ir.Pagination{Kind: ir.PageCursor, Param: pn, CursorPath: sc.prefix + f.JSONName}
			}
		}
	}
	// The next page's URL.
	if f := field(s, "nextLink", "@odata.nextLink"); f != nil && isString(f.Type) {
		return &ir.Pagination{Kind: ir.PageURL, CursorPath: f.JSONName}
	}
	if l := field(s, "links"); l != nil {
		if ls := structType(l.Type); ls != nil {
			if f := field(ls, "next"); f != nil && isString(f.Type) {
				return &ir.Pagination{Kind: ir.PageURL, CursorPath: "links.next"}
			}
		}
	}
	return nil
}

// hasStringID reports whether t is an object with a string id, or a
// union of such objects (Stripe's polymorphic lists).
func hasStringID(t ir.Type) bool {
	if u, ok := unwrap(t).(*ir.Union); ok {
		for _, v := range u.Variants {
			if !hasStringID(v.Type) {
				return false
			}
		}
		return len(u.Variants) > 0
	}
	s := structType(t)
	if s == nil {
		return false
	}
	for _, f := range s.Fields {
		if f.JSONName == "id" {
			return isString(f.Type)
		}
	}
	return false
}

// successBody is the JSON type of the 200 (else first 2xx) response.
func successBody(o *ir.Operation) ir.Type {
	for _, r := range o.Responses {
		if r.IsSuccess() && len(r.Contents) > 0 && r.Contents[0].Kind == ir.KindJSON {
			return r.Contents[0].Type
		}
	}
	return nil
}

// unwrap removes Nullable and Named around t.
func unwrap(t ir.Type) ir.Type {
	for {
		switch x := t.(type) {
		case *ir.Nullable:
			t = x.Elem
		case *ir.Named:
			t = x.Type
		default:
			return t
		}
	}
}

func structType(t ir.Type) *ir.Struct {
	s, _ := unwrap(t).(*ir.Struct)
	return s
}

func arrayElem(t ir.Type) ir.Type {
	if a, ok := unwrap(t).(*ir.Array); ok {
		return a.Elem
	}
	return nil
}

func isString(t ir.Type) bool {
	p, ok := unwrap(t).(*ir.Primitive)
	return ok && p.Kind == ir.String && !strings.EqualFold(p.Format, "binary")
}

func isBool(t ir.Type) bool {
	p, ok := unwrap(t).(*ir.Primitive)
	return ok && p.Kind == ir.Bool
}

// emptyBody reports whether an operation's request body can carry
// nothing: every media type's schema is an object with no properties, no
// composition and no schema for other properties, and either the body is
// optional and allows no properties (additionalProperties: false), as on
// each of Stripe's GET operations, or the operation is a GET, HEAD or
// DELETE, whose body servers ignore (then a required one, or one that
// leaves additionalProperties unsaid, is dropped too). The method then
// takes no body.
func emptyBody(method string, rb *openapi3.RequestBodyRef) bool {
	if rb == nil || rb.Value == nil || len(rb.Value.Content) == 0 {
		return false
	}
	bodiless := method == "GET" || method == "HEAD" || method == "DELETE"
	if rb.Value.Required && !bodiless {
		return false
	}
	for _, mt := range rb.Value.Content {
		if mt == nil || mt.Schema == nil || mt.Schema.Value == nil {
			return false
		}
		s := mt.Schema.Value
		ap := s.AdditionalProperties
		closed := ap.Has != nil && !*ap.Has
		open := ap.Schema != nil || ap.Has != nil && *ap.Has
		if !s.Type.Is("object") || len(s.Properties) > 0 || len(s.AllOf)+len(s.OneOf)+len(s.AnyOf) > 0 || open {
			return false
		}
		if !closed && !bodiless {
			return false
		}
	}
	return true
}
