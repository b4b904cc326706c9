package mock

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
)

var registerOnce sync.Once

// registerDecoders patches a gap of openapi3filter's multipart decoder: a
// text part whose schema is a oneOf/anyOf of scalars (OpenAI's
// `model: anyOf [string, enum]`) decodes as null, so a valid request
// would be reported as a violation. The patched decoder runs the original
// and fills such nulls from the part's text, typed by the schema.
func registerDecoders() {
	registerOnce.Do(func() {
		openapi3filter.RegisterBodyDecoder("multipart/form-data", multipartDecoder)
	})
}

func multipartDecoder(body io.Reader, h http.Header, schema *openapi3.SchemaRef, enc openapi3filter.EncodingFn) (any, error) {
	b, err := io.ReadAll(body)
	if err != nil {
		return nil, err
	}
	v, err := openapi3filter.MultipartBodyDecoder(bytes.NewReader(b), h, schema, enc)
	if err != nil {
		return v, err
	}
	obj, ok := v.(map[string]any)
	if !ok || schema == nil || schema.Value == nil {
		return v, nil
	}
	_, params, err := mime.ParseMediaType(h.Get("Content-Type"))
	if err != nil {
		return v, nil
	}
	r := multipart.NewReader(bytes.NewReader(b), params["boundary"])
	for {
		p, err := r.NextPart()
		if err != nil {
			break
		}
		name := p.FormName()
		if cur, exists := obj[name]; p.FileName() != "" || (exists && cur != nil) {
			continue
		}
		prop := propertySchema(schema.Value, name)
		text, _ := io.ReadAll(p)
		if prop != nil {
			obj[name] = coerce(prop, string(text))
		}
	}
	return obj, nil
}

func propertySchema(s *openapi3.Schema, name string) *openapi3.Schema {
	if p := s.Properties[name]; p != nil {
		return p.Value
	}
	for _, part := range s.AllOf {
		if part.Value != nil {
			if p := propertySchema(part.Value, name); p != nil {
				return p
			}
		}
	}
	return nil
}

// coerce types a text part by the first type its schema (or one of its
// variants) allows.
func coerce(s *openapi3.Schema, text string) any {
	types := map[string]bool{}
	var walk func(*openapi3.Schema)
	walk = func(s *openapi3.Schema) {
		if s.Type != nil {
			for _, t := range s.Type.Slice() {
				types[t] = true
			}
		}
		for _, v := range append(append(openapi3.SchemaRefs{}, s.OneOf...), s.AnyOf...) {
			if v.Value != nil {
				walk(v.Value)
			}
		}
	}
	walk(s)
	switch {
	case types["string"]:
		return text
	case types["integer"] || types["number"]:
		if f, err := strconv.ParseFloat(text, 64); err == nil {
			return f
		}
	case types["boolean"]:
		if b, err := strconv.ParseBool(text); err == nil {
			return b
		}
	}
	var x any
	if json.Unmarshal([]byte(text), &x) == nil {
		return x
	}
	return text
}
