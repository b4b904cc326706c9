package loader

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/getkin/kin-openapi/openapi3"
)

// decodeBundle decodes the bundled JSON of an OpenAPI 3 document (see
// bundle.go) into kin-openapi's model as kin's own unmarshal does, but
// faster: the path items and the components are decoded one by one, on
// every CPU, and without the copies kin makes of the levels above them.
// (openapi3.T, Paths and Components decode their whole subtree a second
// time into map[string]any to find extensions, and Paths re-encodes each
// path item before decoding it: most of the time spent loading a large
// document.) The result is the same value; ok is false when the input
// has a shape this decoder leaves to kin (a top-level key kin does not
// name, a $ref to the root file by its name), or on any error, so that the
// caller's kin decode reports it with kin's own message.
func decodeBundle(data []byte, rootFile string) (doc *openapi3.T, ok bool) {
	// The bundle's $refs point into itself; one that names the root file
	// (which kin would resolve against the stub its caller loads from that
	// name, not this document) is left to kin's own decode.
	if rootFile != "" && bytes.Contains(data, []byte(rootFile+"#")) {
		return nil, false
	}
	// The levels above the jobs are split without encoding/json, which
	// would check and copy each again; the whole is checked once, by the
	// first job, before any result is used.
	jobs := []func() error{func() error {
		if !json.Valid(data) {
			return errInvalidJSON
		}
		return nil
	}}
	top, ok := uniqueMembers(data)
	if !ok {
		return nil, false
	}
	doc = &openapi3.T{}
	add := func(raw json.RawMessage, v any) {
		jobs = append(jobs, func() error { return flatDecode(raw, reflect.ValueOf(v)) })
	}
	for k, raw := range top {
		switch k {
		case "openapi":
			add(raw, &doc.OpenAPI)
		case "info":
			doc.Info = new(openapi3.Info)
			add(raw, doc.Info)
		case "security":
			add(raw, &doc.Security)
		case "servers":
			add(raw, &doc.Servers)
		case "tags":
			add(raw, &doc.Tags)
		case "externalDocs":
			doc.ExternalDocs = new(openapi3.ExternalDocs)
			add(raw, doc.ExternalDocs)
		case "webhooks":
			add(raw, &doc.Webhooks)
		case "jsonSchemaDialect":
			add(raw, &doc.JSONSchemaDialect)
		case "paths":
			if isNull(raw) {
				add(raw, &doc.Paths)
				continue
			}
			items, ok := uniqueMembers(raw)
			if !ok {
				return nil, false
			}
			doc.Paths = openapi3.NewPathsWithCapacity(len(items))
			for p, item := range items {
				if strings.HasPrefix(p, "x-") {
					if !extension(&doc.Paths.Extensions, p, item) {
						return nil, false
					}
					continue
				}
				pi := new(openapi3.PathItem)
				doc.Paths.Set(p, pi)
				add(item, pi)
			}
			if doc.Paths.Extensions == nil {
				doc.Paths.Extensions = map[string]any{} // as kin's Paths.UnmarshalJSON leaves it
			}
		case "components":
			if isNull(raw) {
				add(raw, &doc.Components)
				continue
			}
			c, more, ok := components(raw)
			if !ok {
				return nil, false
			}
			doc.Components = c
			jobs = append(jobs, more...)
		default:
			if !strings.HasPrefix(k, "x-") {
				return nil, false // kin's case-insensitive field matching decides
			}
			if !extension(&doc.Extensions, k, raw) {
				return nil, false
			}
		}
	}
	if !run(jobs) {
		return nil, false
	}
	return doc, true
}

// components decodes the components object raw into its sections' maps,
// returning one job per entry.
func components(raw json.RawMessage) (*openapi3.Components, []func() error, bool) {
	sections, ok := uniqueMembers(raw)
	if !ok {
		return nil, nil, false
	}
	c := &openapi3.Components{}
	var jobs []func() error
	for k, sec := range sections {
		var ok bool
		switch k {
		case "schemas":
			c.Schemas, ok = section[openapi3.SchemaRef](sec, &jobs)
		case "parameters":
			c.Parameters, ok = section[openapi3.ParameterRef](sec, &jobs)
		case "headers":
			c.Headers, ok = section[openapi3.HeaderRef](sec, &jobs)
		case "requestBodies":
			c.RequestBodies, ok = section[openapi3.RequestBodyRef](sec, &jobs)
		case "responses":
			c.Responses, ok = section[openapi3.ResponseRef](sec, &jobs)
		case "securitySchemes":
			c.SecuritySchemes, ok = section[openapi3.SecuritySchemeRef](sec, &jobs)
		case "examples":
			c.Examples, ok = section[openapi3.ExampleRef](sec, &jobs)
		case "links":
			c.Links, ok = section[openapi3.LinkRef](sec, &jobs)
		case "callbacks":
			c.Callbacks, ok = section[openapi3.CallbackRef](sec, &jobs)
		default:
			if !strings.HasPrefix(k, "x-") {
				return nil, nil, false
			}
			ok = extension(&c.Extensions, k, sec)
		}
		if !ok {
			return nil, nil, false
		}
	}
	return c, jobs, true
}

// section decodes one components section into a map of new *T, one job
// per entry (null entries stay nil, as encoding/json leaves them).
func section[T any](raw json.RawMessage, jobs *[]func() error) (map[string]*T, bool) {
	if isNull(raw) {
		return nil, true
	}
	entries, ok := uniqueMembers(raw)
	if !ok {
		return nil, false
	}
	m := make(map[string]*T, len(entries))
	for name, e := range entries {
		if isNull(e) {
			m[name] = nil
			continue
		}
		v := new(T)
		m[name] = v
		*jobs = append(*jobs, func() error { return flatDecode(e, reflect.ValueOf(v)) })
	}
	return m, true
}

// errInvalidJSON fails decodeBundle's check of its input.
var errInvalidJSON = errors.New("invalid JSON")

// uniqueMembers returns the members of the JSON object raw (valid JSON:
// see decodeBundle) by name, the last of a repeated one, as
// json.Unmarshal into a map gives them (without copying them); ok is
// false when raw is not an object.
func uniqueMembers(raw []byte) (map[string]json.RawMessage, bool) {
	ms, ok := jsonMembers(raw)
	if !ok {
		return nil, false
	}
	m := make(map[string]json.RawMessage, len(ms))
	for _, e := range ms {
		m[e.key] = e.val
	}
	return m, true
}

// extension decodes the extension k into *m, making the map on first use.
func extension(m *map[string]any, k string, raw json.RawMessage) bool {
	var x any
	if json.Unmarshal(raw, &x) != nil {
		return false
	}
	if *m == nil {
		*m = map[string]any{}
	}
	(*m)[k] = x
	return true
}

func isNull(raw json.RawMessage) bool { return string(bytes.TrimSpace(raw)) == "null" }

// run runs jobs on every CPU and reports whether all of them succeeded;
// after a failure the jobs not yet started are not run.
func run(jobs []func() error) bool {
	var (
		wg     sync.WaitGroup
		next   atomic.Int64
		failed atomic.Bool
	)
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Go(func() {
			for i := next.Add(1) - 1; i < int64(len(jobs)) && !failed.Load(); i = next.Add(1) - 1 {
				if !try(jobs[i]) {
					failed.Store(true)
				}
			}
		})
	}
	wg.Wait()
	return !failed.Load()
}

// try runs job, reporting false for an error or a panic (kin's decoders
// have panicked on hostile input; the caller's kin decode, which runs on
// the caller's goroutine, then recovers and reports it).
func try(job func() error) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	return job() == nil
}
