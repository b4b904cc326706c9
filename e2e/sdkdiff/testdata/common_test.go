package sdkdiff

// Shared by the three differential tests: a recording RoundTripper, the
// canonical form of a request, and the comparison of two of them.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/genclient/genclient/runtime"
)

// recorder records every request and answers each with the canned
// response of the case being run.
type recorder struct {
	mu     sync.Mutex
	reqs   []*http.Request
	bodies [][]byte
	status int
	ctype  string
	body   string
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	var b []byte
	if req.Body != nil {
		b, _ = io.ReadAll(req.Body)
		req.Body.Close()
	}
	r.mu.Lock()
	r.reqs = append(r.reqs, req)
	r.bodies = append(r.bodies, b)
	status, ctype, body := r.status, r.ctype, r.body
	r.mu.Unlock()
	if status == 0 {
		status = 200
	}
	if ctype == "" {
		ctype = "application/json"
	}
	h := http.Header{"Content-Type": {ctype}}
	return &http.Response{StatusCode: status, Status: http.StatusText(status), Header: h, Request: req,
		Body: io.NopCloser(strings.NewReader(body)), ContentLength: int64(len(body)), Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1}, nil
}

// last returns the one request recorded since reset.
func (r *recorder) take(t *testing.T, who string) (*http.Request, []byte) {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.reqs) != 1 {
		t.Fatalf("%s sent %d requests, want 1", who, len(r.reqs))
	}
	req, b := r.reqs[0], r.bodies[0]
	r.reqs, r.bodies = nil, nil
	return req, b
}

// wire is the canonical form of a request: what a server sees.
type wire struct {
	Method, Host, Path string
	Query              []string // sorted key=value pairs, decoded
	Body               any      // JSON value, sorted form pairs, multipart parts, or text
	ContentType        string   // media type without parameters
	Accept             string
	Idempotency        bool // an Idempotency-Key header is present
	Auth               string
}

func canon(t *testing.T, req *http.Request, body []byte) wire {
	t.Helper()
	w := wire{Method: req.Method, Host: req.URL.Host, Path: req.URL.EscapedPath(), Accept: req.Header.Get("Accept"),
		Idempotency: req.Header.Get("Idempotency-Key") != "", Auth: req.Header.Get("Authorization")}
	w.Query = pairs(req.URL.RawQuery)
	mt, params, _ := mime.ParseMediaType(req.Header.Get("Content-Type"))
	if len(body) > 0 {
		w.ContentType = mt
	}
	switch {
	case len(body) == 0:
	case mt == "application/json" || strings.HasSuffix(mt, "+json"):
		var v any
		if err := json.Unmarshal(body, &v); err != nil {
			t.Fatalf("body is not JSON: %v: %s", err, body)
		}
		w.Body = v
	case mt == "application/x-www-form-urlencoded":
		w.Body = decimals(pairs(string(body)))
	case mt == "multipart/form-data":
		w.Body = parts(t, body, params["boundary"])
	default:
		w.Body = string(body)
	}
	return w
}

// pairs decodes a query or form into sorted key=value texts.
func pairs(q string) []string {
	if q == "" {
		return nil
	}
	vals, _ := url.ParseQuery(q)
	var out []string
	for k, vs := range vals {
		for _, v := range vs {
			out = append(out, k+"="+v)
		}
	}
	sort.Strings(out)
	return out
}

// decimals writes the decimal numbers of form pairs without trailing
// zeros: "25.5000" and "25.5" are the same number (stripe-go writes four
// decimals).
func decimals(ps []string) []string {
	for i, p := range ps {
		k, v, _ := strings.Cut(p, "=")
		if intPart, frac, ok := strings.Cut(v, "."); ok && frac != "" && strings.Trim(intPart, "-0123456789") == "" && strings.Trim(frac, "0123456789") == "" {
			frac = strings.TrimRight(frac, "0")
			if frac == "" {
				ps[i] = k + "=" + intPart
			} else {
				ps[i] = k + "=" + intPart + "." + frac
			}
		}
	}
	return ps
}

// parts decodes a multipart body into sorted "name|filename|content" texts.
func parts(t *testing.T, body []byte, boundary string) []string {
	t.Helper()
	mr := multipart.NewReader(bytes.NewReader(body), boundary)
	var out []string
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("multipart: %v", err)
		}
		b, _ := io.ReadAll(p)
		out = append(out, p.FormName()+"|"+p.FileName()+"|"+string(b))
	}
	sort.Strings(out)
	return out
}

// diffCase is one logical call made through both clients.
type diffCase struct {
	name     string
	official func(ctx context.Context) (any, error)
	ours     func(ctx context.Context) (any, error)
	// resp is the response both get (JSON unless ctype says otherwise).
	resp   string
	status int
	ctype  string
	// purpose lists the wire fields that differ on purpose, each with
	// its reason; they are not compared.
	purpose map[string]string
	// decoded compares the two decoded results; nil compares nothing
	// beyond the request.
	decoded func(t *testing.T, official, ours any)
}

// summary counts cases for the report line.
type summary struct {
	name                          string
	compared, equal, differentPur int
}

// run runs each case against rec and compares the two requests. global
// lists the wire fields that differ on purpose in every case of this SDK,
// each with its reason.
func run(t *testing.T, sdk string, rec *recorder, global map[string]string, cases []diffCase) {
	s := summary{name: sdk}
	names := map[string]bool{}
	for _, c := range cases {
		if names[c.name] {
			t.Fatalf("duplicate case %s", c.name)
		}
		names[c.name] = true
		t.Run(c.name, func(t *testing.T) {
			ctx := context.Background()
			rec.status, rec.ctype, rec.body = c.status, c.ctype, c.resp
			ov, oerr := c.official(ctx)
			oreq, obody := rec.take(t, "the official SDK")
			uv, uerr := c.ours(ctx)
			ureq, ubody := rec.take(t, "genclient")
			if (oerr == nil) != (uerr == nil) {
				t.Errorf("errors differ: official %v, ours %v", oerr, uerr)
			}
			ow, uw := canon(t, oreq, obody), canon(t, ureq, ubody)
			purpose := map[string]string{}
			for k, v := range global {
				purpose[k] = v
			}
			for k, v := range c.purpose {
				purpose[k] = v
			}
			for field, why := range purpose {
				if why == "" {
					t.Fatalf("difference in %s without a reason", field)
				}
				if _, local := c.purpose[field]; local && reflect.DeepEqual(reflect.ValueOf(ow).FieldByName(field).Interface(), reflect.ValueOf(uw).FieldByName(field).Interface()) {
					t.Errorf("%s is listed as different on purpose (%s) but both clients send %s", field, why, compact(reflect.ValueOf(ow).FieldByName(field).Interface()))
				}
				reflect.ValueOf(&ow).Elem().FieldByName(field).SetZero()
				reflect.ValueOf(&uw).Elem().FieldByName(field).SetZero()
			}
			if !reflect.DeepEqual(ow, uw) {
				t.Errorf("requests differ:\nofficial %s\nours     %s", show(ow), show(uw))
				return
			}
			if c.decoded != nil && oerr == nil && uerr == nil {
				c.decoded(t, ov, uv)
			}
			if !t.Failed() {
				s.compared++
				if len(c.purpose) == 0 {
					s.equal++
				} else {
					s.differentPur++
				}
			}
		})
	}
	var g []string
	for k := range global {
		g = append(g, k)
	}
	sort.Strings(g)
	line := fmt.Sprintf("sdkdiff: %s: %d operations compared, %d equal, %d different on purpose (listed), %d failed; in every case, on purpose: %v",
		s.name, len(cases), s.equal, s.differentPur, len(cases)-s.compared, g)
	t.Log(line)
	fmt.Println(line)
}

func show(w wire) string {
	b, _ := json.Marshal(w)
	return string(b)
}

// sameJSON compares two decoded values field by field through their JSON
// encodings, as values: what one client decoded the other must too.
// Fields named in skip (dotted JSON paths) are left out, each for a
// reason the caller lists.
func sameJSON(t *testing.T, official, ours any, skip ...string) {
	t.Helper()
	ob, err := json.Marshal(official)
	if err != nil {
		t.Fatal(err)
	}
	ub, err := runtime.Marshal(ours) // the client's codec: it writes the members a type keeps beyond the document
	if err != nil {
		t.Fatal(err)
	}
	var o, u any
	_ = json.Unmarshal(ob, &o)
	_ = json.Unmarshal(ub, &u)
	for _, p := range skip {
		drop(o, strings.Split(p, "."))
		drop(u, strings.Split(p, "."))
	}
	o, u = prune(o), prune(u)
	if o == nil {
		t.Errorf("the official SDK decoded nothing")
	}
	var diffs []string
	fieldsEqual("", o, u, &diffs)
	if len(diffs) > 0 {
		t.Errorf("decoded values differ at %d fields: %s\nofficial %s\nours     %s", len(diffs), strings.Join(diffs, "; "), compact(o), compact(u))
	}
}

// fieldsEqual checks, field by field, that every value the official SDK
// decoded is decoded the same by ours. Fields only ours has are fine:
// hand-written SDKs model fewer properties than the document declares.
func fieldsEqual(path string, o, u any, diffs *[]string) {
	switch x := o.(type) {
	case map[string]any:
		if id, ok := u.(string); ok && len(x) == 1 && x["id"] == id {
			return // stripe-go decodes an unexpanded reference "cus_1" into an object holding only its id
		}
		y, ok := u.(map[string]any)
		if !ok {
			*diffs = append(*diffs, path+": object vs "+compact(u))
			return
		}
		for k, v := range x {
			fieldsEqual(path+"."+k, v, y[k], diffs)
		}
	case []any:
		y, ok := u.([]any)
		if !ok || len(x) != len(y) {
			*diffs = append(*diffs, path+": array vs "+compact(u))
			return
		}
		for i := range x {
			fieldsEqual(fmt.Sprintf("%s[%d]", path, i), x[i], y[i], diffs)
		}
	default:
		if !reflect.DeepEqual(o, u) && !sameDate(o, u) && !sameDecimal(o, u) {
			*diffs = append(*diffs, path+": "+compact(o)+" vs "+compact(u))
		}
	}
}

// sameDate reports whether o is the midnight time.Time the official SDK
// decodes a format "date" into ("2026-10-23T00:00:00Z") and u the date
// as sent ("2026-10-23"): Go's time.Time has no date-only form.
func sameDate(o, u any) bool {
	os, ok1 := o.(string)
	us, ok2 := u.(string)
	return ok1 && ok2 && len(us) == 10 && os == us+"T00:00:00Z"
}

// sameDecimal reports whether o is the number stripe-go decodes a decimal
// string (format: decimal) into and u that string: "500" is 500.
func sameDecimal(o, u any) bool {
	f, ok1 := o.(float64)
	s, ok2 := u.(string)
	if !ok1 || !ok2 {
		return false
	}
	g, err := strconv.ParseFloat(s, 64)
	return err == nil && f == g
}

// sdkCanon wraps a value decoded by openai-go or stripe-go so that
// sameJSON reads what the SDK decoded rather than what its MarshalJSON
// writes: the fields by their json names, a union (openai-go's Of…
// fields, tagged ",inline") as its set variant, a constant type
// (openai-go's constant.X, which marshals its value even when absent) as
// the value it holds, and nothing of openai-go's JSON metadata (json:"-").
func sdkCanon(v any) any { return canonJSON{reflect.ValueOf(v)} }

type canonJSON struct{ v reflect.Value }

func (c canonJSON) MarshalJSON() ([]byte, error) { return json.Marshal(canonValue(c.v, 0)) }

var (
	timeType = reflect.TypeOf(time.Time{})
	rawType  = reflect.TypeOf(json.RawMessage{})
)

func canonValue(v reflect.Value, depth int) any {
	if !v.IsValid() || depth > 64 {
		return nil
	}
	if v.Type() == rawType { // kept as received, a JSON value
		var x any
		_ = json.Unmarshal(v.Bytes(), &x)
		return x
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return canonValue(v.Elem(), depth+1)
	case reflect.Struct:
		if v.Type() == timeType {
			t := v.Interface().(time.Time)
			if t.IsZero() {
				return nil
			}
			return t.UTC().Format(time.RFC3339Nano)
		}
		out := map[string]any{}
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if !f.IsExported() {
				continue
			}
			tag := f.Tag.Get("json")
			name, opts, _ := strings.Cut(tag, ",")
			if name == "-" {
				continue
			}
			if strings.Contains(opts, "inline") || f.Anonymous && name == "" {
				if fv := v.Field(i); !fv.IsZero() {
					inner := canonValue(fv, depth+1)
					if m, ok := inner.(map[string]any); ok && f.Anonymous {
						for k, x := range m {
							out[k] = x
						}
						continue
					}
					return inner // the set variant of a union
				}
				continue
			}
			if name == "" {
				name = f.Name
			}
			out[name] = canonValue(v.Field(i), depth+1)
		}
		return out
	case reflect.Map:
		if v.IsNil() {
			return nil
		}
		out := map[string]any{}
		for _, k := range v.MapKeys() {
			out[fmt.Sprint(k.Interface())] = canonValue(v.MapIndex(k), depth+1)
		}
		return out
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			return nil
		}
		out := make([]any, v.Len())
		for i := range out {
			out[i] = canonValue(v.Index(i), depth+1)
		}
		return out
	case reflect.String:
		return v.String()
	case reflect.Bool:
		return v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return v.Uint()
	case reflect.Float32, reflect.Float64:
		return v.Float()
	}
	return nil
}

// example returns the value of the document's components/examples entry
// name; the spec is the file named by the environment variable env.
func example(t *testing.T, env, name string) string {
	t.Helper()
	docsMu.Lock()
	defer docsMu.Unlock()
	doc, ok := docs[env]
	if !ok {
		b, err := os.ReadFile(os.Getenv(env))
		if err != nil {
			t.Fatalf("%s: %v", env, err)
		}
		if err := json.Unmarshal(b, &doc); err != nil {
			t.Fatalf("%s: %v", env, err)
		}
		docs[env] = doc
	}
	ex, ok := doc.Components.Examples[name]
	if !ok || len(ex.Value) == 0 {
		t.Fatalf("%s: no example %q", env, name)
	}
	return string(ex.Value)
}

type exampleDoc struct {
	Components struct {
		Examples map[string]struct {
			Value json.RawMessage `json:"value"`
		} `json:"examples"`
	} `json:"components"`
}

var (
	docsMu sync.Mutex
	docs   = map[string]exampleDoc{}
)

// prune drops null, empty strings, false, zero, empty objects and arrays:
// go-github and stripe-go encode absent fields as their zero values,
// genclient leaves them out.
func prune(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			e = prune(e)
			if e == nil {
				delete(x, k)
			} else {
				x[k] = e
			}
		}
		if len(x) == 0 {
			return nil
		}
		return x
	case []any:
		out := make([]any, 0, len(x))
		for _, e := range x {
			out = append(out, prune(e))
		}
		if len(out) == 0 {
			return nil
		}
		return out
	case string:
		if x == "" || x == "0001-01-01T00:00:00Z" { // a zero time.Time is absent
			return nil
		}
	case bool:
		if !x {
			return nil
		}
	case float64:
		if x == 0 {
			return nil
		}
	}
	return v
}

func drop(v any, path []string) {
	m, ok := v.(map[string]any)
	if !ok || len(path) == 0 {
		if l, ok := v.([]any); ok {
			for _, e := range l {
				drop(e, path)
			}
		}
		return
	}
	if len(path) == 1 {
		delete(m, path[0])
		return
	}
	drop(m[path[0]], path[1:])
}

func compact(v any) string {
	b, _ := json.Marshal(v)
	if len(b) > 600 {
		b = append(b[:600], "…"...)
	}
	return string(b)
}

var _ = slices.Sort[[]string]
