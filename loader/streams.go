package loader

import (
	"slices"
	"strings"

	"github.com/genclient/genclient/ir"
	"github.com/getkin/kin-openapi/openapi3"
)

// jsonStreamTypes are the media types of a sequence of JSON values, one
// per message.
var jsonStreamTypes = map[string]bool{
	"application/x-ndjson":      true,
	"application/ndjson":        true,
	"application/jsonl":         true,
	"application/x-jsonlines":   true,
	"application/jsonlines":     true,
	"application/json-seq":      true, // RFC 7464
	"application/stream+json":   true,
	"application/x-json-stream": true,
}

// gatewayStreamMark is what protoc-gen-swagger (grpc-gateway) appends to
// the description of a server-streaming method's response.
const gatewayStreamMark = "(streaming responses)"

// responseContents converts the content map of the response r at l. A
// successful response that is a JSON stream becomes a KindJSONStream
// content whose type is one message (see streamContent); every other
// media type is converted as for a body.
func (b *builder) responseContents(r *openapi3.Response, l loc, hint string, success bool) []*ir.Content {
	var out []*ir.Content
	for _, mt := range sortMediaTypes(sortedKeys(r.Content)) {
		m := r.Content[mt]
		if success {
			if ct := b.streamContent(mt, m, r, l, hint); ct != nil {
				out = append(out, ct)
				continue
			}
		}
		out = append(out, b.content(mt, m, l, hint))
	}
	return out
}

// streamContent converts a successful response's media type mt when it is
// a JSON stream, and returns nil otherwise. Two kinds are streams:
//
//   - a JSON sequence media type (application/x-ndjson, jsonl, json-seq,
//     stream+json): its schema is that of one message, or, when it is an
//     array, its items are;
//   - in a Swagger 2.0 document, a gRPC-gateway stream: the response's
//     schema is an x-stream-definitions entry, or the response is marked
//     "(streaming responses)", and the schema is the gateway's envelope,
//     an object with a "result" member (the message) and an optional
//     "error" member.
//
// An envelope ({"result", "error"} and nothing else) is unwrapped in
// either kind: the content's type is that of "result", and
// Content.Envelope carries the type of "error". The envelope itself gets
// no Go type.
func (b *builder) streamContent(mt string, m *openapi3.MediaType, r *openapi3.Response, l loc, hint string) *ir.Content {
	kind := bodyKind(mt)
	if kind != ir.KindJSONStream && kind != ir.KindJSON || kind == ir.KindJSON && !b.swagger {
		return nil
	}
	var sr *openapi3.SchemaRef
	if m != nil {
		sr = m.Schema
	}
	gateway := false
	if kind == ir.KindJSON {
		if sr == nil || sr.Value == nil {
			return nil
		}
		desc := ""
		if r.Description != nil {
			desc = *r.Description
		}
		gateway = strings.Contains(sr.Ref, "#/x-stream-definitions/") || strings.Contains(desc, gatewayStreamMark)
		if !gateway || !isEnvelope(sr.Value, true) {
			return nil
		}
	}
	ct := &ir.Content{MediaType: mt, Kind: ir.KindJSONStream}
	if sr == nil || sr.Value == nil {
		return ct
	}
	sl := l.child(mt, "schema")
	if sr.Ref != "" {
		sl = b.chase(b.refLoc(sl, sr.Ref))
	}
	s := sr.Value
	switch {
	case isEnvelope(s, gateway):
		ct.Envelope = &ir.Envelope{}
		t, n := b.schemaType(s.Properties["result"], sl.child("properties", "result"), hint)
		ct.Type = use(t, n)
		if e := s.Properties["error"]; e != nil {
			ct.Envelope.Error, _ = b.schemaType(e, sl.child("properties", "error"), hint+"Error")
		}
	case s.Type.Is(openapi3.TypeArray) && s.Items != nil:
		t, n := b.schemaType(s.Items, sl.child("items"), hint+"Item")
		ct.Type = use(t, n)
	default:
		t, n := b.schemaType(sr, l.child(mt, "schema"), hint)
		ct.Type = use(t, n)
	}
	return ct
}

// isEnvelope reports whether s is a gRPC-gateway stream envelope: an
// object whose properties are "result" and "error" (with loose, "error"
// may be missing) and nothing else.
func isEnvelope(s *openapi3.Schema, loose bool) bool {
	if s == nil || s.Properties["result"] == nil || len(s.AllOf)+len(s.OneOf)+len(s.AnyOf) > 0 {
		return false
	}
	for k := range s.Properties {
		if !slices.Contains([]string{"result", "error"}, k) {
			return false
		}
	}
	return loose || s.Properties["error"] != nil
}
