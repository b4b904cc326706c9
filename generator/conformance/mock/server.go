// Package mock is a strict, spec-driven mock server for conformance tests.
//
// It routes every request to an operation of an OpenAPI document, validates
// the request against the document with kin-openapi's openapi3filter
// (parameters, body, security), answers with the operation's first 2xx
// response, its body synthesised from the response schema (or taken from
// its example), validates that response too, and records every violation.
// A request that violates the document gets a 400 with the reason; the
// violation is recorded either way, so a test asserts there were none.
package mock

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
)

// Violation is one request or response that does not match the document,
// or an answer the mock could not build.
type Violation struct {
	Op     string // "GET /pets/{id}", or the raw request line when unrouted
	Kind   string // "route", "request", "response" (a synthesis bug of the mock) or "synth"
	Detail string
}

func (v Violation) String() string { return v.Op + ": " + v.Kind + ": " + v.Detail }

// Server is a running mock. Create it with Start; stop it with Close.
type Server struct {
	URL string // base URL of the API: the listener plus the first server's path

	doc    *openapi3.T
	router routers.Router
	synth  *Synth
	srv    *http.Server

	mu         sync.Mutex
	violations []Violation
	notes      []string
	hits       []string
}

// Start serves doc on a free loopback port. doc is modified: its servers
// are replaced by the mock's URL (keeping the first server's path).
func Start(doc *openapi3.T) (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	registerDecoders()
	s := &Server{doc: doc, synth: NewSynth(doc)}
	s.URL = "http://" + ln.Addr().String() + BasePath(doc)
	doc.Servers = openapi3.Servers{{URL: s.URL}}
	for _, item := range doc.Paths.Map() {
		item.Servers = nil
		for _, op := range item.Operations() {
			op.Servers = nil
		}
	}
	s.router, err = gorillamux.NewRouter(doc)
	if err != nil {
		ln.Close()
		return nil, fmt.Errorf("mock: routing: %w", err)
	}
	s.srv = &http.Server{Handler: s}
	go s.srv.Serve(ln)
	return s, nil
}

// Close stops the server.
func (s *Server) Close() error { return s.srv.Shutdown(context.Background()) }

// Violations returns every violation so far, in order.
func (s *Server) Violations() []Violation {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.violations)
}

// Notes returns what the mock could not check (a media type
// openapi3filter cannot decode), in order.
func (s *Server) Notes() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.notes)
}

// Hits returns the operations requested so far ("GET /pets/{id}"), in order.
func (s *Server) Hits() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.hits)
}

func (s *Server) record(op, kind string, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var pe *openapi3filter.ParseError
	if errors.As(err, &pe) && pe.Kind == openapi3filter.KindUnsupportedFormat {
		s.notes = append(s.notes, op+": "+kind+" not validated: "+err.Error())
		return
	}
	s.violations = append(s.violations, Violation{Op: op, Kind: kind, Detail: err.Error()})
}

// RedirectPath is where the mock's redirects point: it answers any
// request with a small binary body, outside the document.
const RedirectPath = "/__mock/redirected"

// hopByHop lists headers a response may declare but the mock must not set.
var hopByHop = map[string]bool{
	"Connection": true, "Content-Length": true, "Content-Type": true, "Keep-Alive": true,
	"Transfer-Encoding": true, "Trailer": true, "Upgrade": true,
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == RedirectPath {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Write([]byte("binary-data"))
		return
	}
	route, pathParams, err := s.router.FindRoute(r)
	if err != nil {
		s.record(r.Method+" "+r.URL.RequestURI(), "route", err)
		http.Error(w, "mock: no operation for "+r.Method+" "+r.URL.Path+": "+err.Error(), http.StatusNotFound)
		return
	}
	op := route.Method + " " + route.Path
	s.mu.Lock()
	s.hits = append(s.hits, op)
	s.mu.Unlock()
	escaped := unescapeCookies(r)
	in := &openapi3filter.RequestValidationInput{
		Request:      r,
		PathParams:   pathParams,
		Route:        explodedCookies(r, route),
		ParamDecoder: contentParam(escaped),
		Options: &openapi3filter.Options{
			MultiError:         true,
			AuthenticationFunc: authenticate,
			// openapi3filter checks the body as a request (a readOnly
			// property required there need not be sent) but not the
			// parameters; VisitAsRequest makes them alike.
			SchemaValidationOptions: []openapi3.SchemaValidationOption{ShortErrors(), openapi3.VisitAsRequest()},
		},
	}
	if err := openapi3filter.ValidateRequest(r.Context(), in); err != nil {
		s.record(op, "request", err)
		var pe *openapi3filter.ParseError
		if !errors.As(err, &pe) || pe.Kind != openapi3filter.KindUnsupportedFormat {
			writeProblem(w, http.StatusBadRequest, "request violates the document: "+err.Error())
			return
		}
	}
	if err := s.checkExtras(r, route); err != nil {
		s.record(op, "request", err)
	}
	status, header, body, err := s.answer(r, route.Operation)
	if err != nil {
		s.record(op, "synth", err)
		writeProblem(w, http.StatusInternalServerError, "mock cannot answer: "+err.Error())
		return
	}
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in,
		Status:                 status,
		Header:                 header,
		Options: &openapi3filter.Options{
			IncludeResponseStatus:   true,
			MultiError:              true,
			SchemaValidationOptions: []openapi3.SchemaValidationOption{ShortErrors()},
		},
	}
	out.SetBodyBytes(body)
	if err := openapi3filter.ValidateResponse(r.Context(), out); err != nil {
		s.record(op, "response", err)
	}
	for k, v := range header {
		w.Header()[k] = v
	}
	w.WriteHeader(status)
	w.Write(body)
}

// contentParam decodes a parameter described by content (its only media
// type): JSON when it parses, else the text, as openapi3filter's own
// decoder does for JSON; a cookie in escaped is percent-decoded first.
func contentParam(escaped map[string]bool) openapi3filter.ContentParameterDecoder {
	return func(p *openapi3.Parameter, values []string) (any, *openapi3.Schema, error) {
		if len(values) > 1 && p.In != openapi3.ParameterInQuery {
			return nil, nil, fmt.Errorf("%s parameter %q cannot have multiple values", p.In, p.Name)
		}
		if len(p.Content) != 1 {
			return nil, nil, fmt.Errorf("parameter %q: %d media types, want one", p.Name, len(p.Content))
		}
		var mt *openapi3.MediaType
		for _, m := range p.Content {
			mt = m
		}
		if mt == nil || mt.Schema == nil || mt.Schema.Value == nil {
			return nil, nil, fmt.Errorf("parameter %q: its media type has no schema", p.Name)
		}
		schema := mt.Schema.Value
		decode := func(s string) (any, error) {
			if p.In == openapi3.ParameterInCookie && escaped[p.Name] {
				u, err := url.PathUnescape(s)
				if err != nil {
					return nil, err
				}
				s = u
			}
			var v any
			if err := json.Unmarshal([]byte(s), &v); err != nil {
				if schema.Type.Is("object") {
					return nil, err
				}
				return s, nil
			}
			return v, nil
		}
		if len(values) == 1 {
			v, err := decode(values[0])
			return v, schema, err
		}
		out := make([]any, len(values))
		for i, s := range values {
			v, err := decode(s)
			if err != nil {
				return nil, nil, err
			}
			out[i] = v
		}
		return out, schema, nil
	}
}

// checkExtras checks what openapi3filter leaves alone: query parameters
// the operation does not declare (a client sending a wrong name, or a
// malformed URL), and an Accept header that no response media type
// satisfies.
func (s *Server) checkExtras(r *http.Request, route *routers.Route) error {
	declared := map[string]bool{}
	anyName := false // a form-exploded free-form object spreads any names
	for _, list := range []openapi3.Parameters{route.PathItem.Parameters, route.Operation.Parameters} {
		for _, p := range list {
			if p.Value == nil || p.Value.In != "query" {
				continue
			}
			declared[p.Value.Name] = true
			obj := objectSchema(p.Value.Schema)
			if obj == nil || (p.Value.Style != "" && p.Value.Style != "form") || (p.Value.Explode != nil && !*p.Value.Explode) {
				continue
			}
			for name := range obj.Properties {
				declared[name] = true
			}
			ap := obj.AdditionalProperties
			if ap.Schema != nil || (ap.Has != nil && *ap.Has) || len(obj.Properties) == 0 {
				anyName = true
			}
		}
	}
	if s.doc.Components != nil {
		for _, ss := range s.doc.Components.SecuritySchemes {
			if ss.Value != nil && ss.Value.Type == "apiKey" && ss.Value.In == "query" {
				declared[ss.Value.Name] = true
			}
		}
	}
	var problems []string
	for _, k := range sortedKeys(r.URL.Query()) {
		if declared[k] || anyName || s.queryInPathKey(route.Path, k, r.URL.Query()[k]) {
			continue
		}
		if strings.Contains(k, "[") && declared[k[:strings.Index(k, "[")]] {
			continue // deepObject
		}
		problems = append(problems, fmt.Sprintf("undeclared query parameter %q=%q", k, r.URL.Query()[k]))
	}
	if accept := r.Header.Get("Accept"); accept != "" {
		// Servers answer an error in its own media type whatever the
		// Accept (RFC 9457 problem details among them); only a success
		// is negotiated.
		status, ref := FirstSuccess(route.Operation)
		if status < 400 && ref != nil && ref.Value != nil && len(ref.Value.Content) > 0 && !acceptsAny(accept, sortedKeys(ref.Value.Content)) {
			problems = append(problems, fmt.Sprintf("Accept %q matches none of the response media types %v", accept, sortedKeys(ref.Value.Content)))
		}
	}
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "; "))
	}
	return nil
}

// objectSchema returns ref's schema if it is an object, or its first
// object variant (OpenAI's anyOf [map, null]); nil otherwise.
func objectSchema(ref *openapi3.SchemaRef) *openapi3.Schema {
	if ref == nil || ref.Value == nil {
		return nil
	}
	if typeOf(ref.Value) == "object" {
		return ref.Value
	}
	for _, v := range append(append(openapi3.SchemaRefs{}, ref.Value.AnyOf...), ref.Value.OneOf...) {
		if o := objectSchema(v); o != nil {
			return o
		}
	}
	return nil
}

// queryInPathKey reports whether the document has a path key that is
// path plus a fixed query naming k=vs (OpenAI's "/responses?beta=true").
func (s *Server) queryInPathKey(path, k string, vs []string) bool {
	for key := range s.doc.Paths.Map() {
		base, q, ok := strings.Cut(key, "?")
		if !ok || base != path {
			continue
		}
		fixed, err := url.ParseQuery(q)
		if err == nil && slices.Equal(fixed[k], vs) {
			return true
		}
	}
	return false
}

func acceptsAny(accept string, types []string) bool {
	for _, a := range strings.Split(accept, ",") {
		a, _, _ = strings.Cut(strings.TrimSpace(a), ";")
		for _, t := range types {
			t, _, _ = strings.Cut(t, ";")
			if a == "*/*" || a == t || strings.HasSuffix(a, "/*") && strings.HasPrefix(t, strings.TrimSuffix(a, "*")) ||
				strings.HasSuffix(t, "/*") && strings.HasPrefix(a, strings.TrimSuffix(t, "*")) || t == "*/*" {
				return true
			}
		}
	}
	return false
}

// authenticate accepts any credentials that are present in the place the
// scheme names.
func authenticate(_ context.Context, in *openapi3filter.AuthenticationInput) error {
	r := in.RequestValidationInput.Request
	ss := in.SecurityScheme
	auth := r.Header.Get("Authorization")
	ok := false
	switch ss.Type {
	case "apiKey":
		switch ss.In {
		case "header":
			ok = r.Header.Get(ss.Name) != ""
		case "query":
			ok = r.URL.Query().Get(ss.Name) != ""
		case "cookie":
			_, err := r.Cookie(ss.Name)
			ok = err == nil
		}
	case "http":
		scheme, cred, _ := strings.Cut(auth, " ")
		ok = strings.EqualFold(scheme, ss.Scheme) && cred != ""
	case "oauth2", "openIdConnect":
		scheme, cred, _ := strings.Cut(auth, " ")
		ok = strings.EqualFold(scheme, "bearer") && cred != ""
	}
	if !ok {
		return fmt.Errorf("no credentials for %s scheme %q", ss.Type, in.SecuritySchemeName)
	}
	return nil
}

// answer builds the operation's first 2xx response.
func (s *Server) answer(r *http.Request, op *openapi3.Operation) (int, http.Header, []byte, error) {
	status, ref := FirstSuccess(op)
	h := http.Header{}
	if ref == nil || ref.Value == nil {
		return status, h, nil, nil
	}
	resp := ref.Value
	for _, name := range sortedKeys(resp.Headers) {
		hr := resp.Headers[name]
		if hr == nil || hr.Value == nil || hopByHop[http.CanonicalHeaderKey(name)] {
			continue
		}
		if strings.EqualFold(name, "Location") && status >= 300 && status < 400 {
			h.Set(name, "http://"+r.Host+RedirectPath)
			continue
		}
		if strings.EqualFold(name, "Link") {
			h.Set(name, fmt.Sprintf("<http://%s%s?page=2>; rel=\"next\"", r.Host, r.URL.Path))
			continue
		}
		v, err := s.synth.Value(hr.Value.Schema, Response)
		if err != nil {
			return 0, nil, nil, fmt.Errorf("header %s: %w", name, err)
		}
		h.Set(name, headerString(v))
	}
	if status >= 300 && status < 400 && h.Get("Location") == "" {
		h.Set("Location", "http://"+r.Host+RedirectPath)
	}
	if status == http.StatusNoContent || len(resp.Content) == 0 {
		return status, h, nil, nil
	}
	mt := pickMediaType(resp.Content)
	media := resp.Content[mt]
	v, err := s.bodyValue(media)
	if err != nil {
		return 0, nil, nil, fmt.Errorf("%s body: %w", mt, err)
	}
	body, err := encodeBody(mt, media, v)
	if err != nil {
		return 0, nil, nil, err
	}
	h.Set("Content-Type", mt)
	return status, h, body, nil
}

// CanAnswer returns why the mock cannot answer op of doc with a response
// that passes its own check (a schema no value satisfies; a binary media
// type whose schema is an object, which openapi3filter reads as a
// string), or nil.
func CanAnswer(doc *openapi3.T, op *openapi3.Operation) error {
	s := &Server{doc: doc, synth: NewSynth(doc)}
	r := &http.Request{Method: "GET", Host: "127.0.0.1", URL: &url.URL{Path: "/"}, Header: http.Header{}}
	status, header, body, err := s.answer(r, op)
	if err != nil {
		return err
	}
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: r, Route: &routers.Route{Spec: doc, Operation: op}},
		Status:                 status,
		Header:                 header,
		Options: &openapi3filter.Options{
			IncludeResponseStatus:   true,
			SchemaValidationOptions: []openapi3.SchemaValidationOption{ShortErrors()},
		},
	}
	out.SetBodyBytes(body)
	err = openapi3filter.ValidateResponse(context.Background(), out)
	if pe := (*openapi3filter.ParseError)(nil); errors.As(err, &pe) && pe.Kind == openapi3filter.KindUnsupportedFormat {
		return nil // not validated when served either (see record)
	}
	return err
}

func (s *Server) bodyValue(media *openapi3.MediaType) (any, error) {
	if media.Schema == nil || media.Schema.Value == nil {
		return "value", nil
	}
	var cands []any
	if media.Example != nil {
		cands = append(cands, media.Example)
	}
	for _, k := range sortedKeys(media.Examples) {
		if ex := media.Examples[k]; ex != nil && ex.Value != nil && ex.Value.Value != nil {
			cands = append(cands, ex.Value.Value)
		}
	}
	// A synthesised value fills every property, so it exercises more of
	// the client than an example; the examples are the fallback.
	v, err := s.synth.Value(media.Schema, Response)
	if err == nil {
		return v, nil
	}
	for _, c := range cands {
		c = normalise(c)
		if s.synth.Validate(media.Schema.Value, c, Response) == nil {
			return c, nil
		}
	}
	return nil, err
}

// FirstSuccess returns the response the mock sends for op: the first 2xx
// response by code, then 2XX, then default (sent as 200), then the first
// 3xx; for an operation that declares only errors, the first of them by
// code (4XX and 5XX sent as 400 and 500), which the client must return
// as its error; 200 with no response when there is none.
func FirstSuccess(op *openapi3.Operation) (int, *openapi3.ResponseRef) {
	if op.Responses == nil {
		return http.StatusOK, nil
	}
	m := op.Responses.Map()
	// lowest is the response with the lowest code in [lo, hi).
	lowest := func(lo, hi int) (int, *openapi3.ResponseRef) {
		best := 0
		for k := range m {
			if n, err := strconv.Atoi(k); err == nil && n >= lo && n < hi && (best == 0 || n < best) {
				best = n
			}
		}
		return best, m[strconv.Itoa(best)]
	}
	if n, ref := lowest(200, 300); n != 0 {
		return n, ref
	}
	for _, k := range []string{"2XX", "2xx", "default"} {
		if ref, ok := m[k]; ok {
			return http.StatusOK, ref
		}
	}
	// Only a redirect (GitHub's downloads): the mock sends it, pointing
	// to RedirectPath.
	if n, ref := lowest(300, 400); n != 0 {
		return n, ref
	}
	if n, ref := lowest(400, 600); n != 0 {
		return n, ref
	}
	for _, k := range []string{"4XX", "4xx", "5XX", "5xx"} {
		if ref, ok := m[k]; ok {
			return int(k[0]-'0') * 100, ref
		}
	}
	return http.StatusOK, nil
}

// pickMediaType prefers JSON, then any other type, in sorted order.
func pickMediaType(c openapi3.Content) string {
	keys := sortedKeys(c)
	for _, k := range keys {
		if isJSON(k) {
			return k
		}
	}
	return keys[0]
}

func isJSON(mt string) bool {
	mt, _, _ = strings.Cut(mt, ";")
	return mt == "application/json" || strings.HasSuffix(mt, "+json") || strings.HasSuffix(mt, "/json")
}

func encodeBody(mt string, media *openapi3.MediaType, v any) ([]byte, error) {
	switch {
	case isJSON(mt) || mt == "*/*":
		return json.Marshal(v)
	case mt == "text/event-stream":
		b, err := json.Marshal(v)
		return append(append([]byte("data: "), b...), "\n\n"...), err
	}
	if str, ok := v.(string); ok {
		return []byte(str), nil
	}
	if strings.HasPrefix(mt, "text/") {
		return json.Marshal(v)
	}
	if media.Schema != nil && media.Schema.Value != nil && typeOf(media.Schema.Value) != "string" {
		return json.Marshal(v)
	}
	return []byte("binary-data"), nil
}

// headerString formats a value in the simple style.
func headerString(v any) string {
	switch x := v.(type) {
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = headerString(e)
		}
		return strings.Join(parts, ",")
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case nil:
		return ""
	case string:
		return x
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func writeProblem(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"title": http.StatusText(status), "status": status, "detail": msg})
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
