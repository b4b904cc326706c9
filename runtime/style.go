package runtime

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// Parameter styles, as OpenAPI 3 spells them. Generated code passes them
// to AddQueryStyle, PathStyle, SetHeaderStyle and AddCookieStyle.
//
// The serializations follow the OpenAPI "Style Examples" table (RFC 6570
// for simple, label, matrix and form). For color = "blue",
// ["blue","black","brown"] and {"R":100,"G":200,"B":150}:
//
//	style          explode  string         array                               object
//	simple         false    blue           blue,black,brown                    R,100,G,200,B,150
//	simple         true     blue           blue,black,brown                    R=100,G=200,B=150
//	label          false    .blue          .blue,black,brown                   .R,100,G,200,B,150
//	label          true     .blue          .blue.black.brown                   .R=100.G=200.B=150
//	matrix         false    ;color=blue    ;color=blue,black,brown             ;color=R,100,G,200,B,150
//	matrix         true     ;color=blue    ;color=blue;color=black;color=brown ;R=100;G=200;B=150
//	form           false    color=blue     color=blue,black,brown              color=R,100,G,200,B,150
//	form           true     color=blue     color=blue&color=black&color=brown  R=100&G=200&B=150
//	spaceDelimited false    color=blue     color=blue%20black%20brown          color=R%20100%20G%20200%20B%20150
//	pipeDelimited  false    color=blue     color=blue|black|brown              color=R|100|G|200|B|150
//	deepObject     true     color=blue     color[0]=blue&color[1]=black&...    color[R]=100&color[G]=200&color[B]=150
//
// spaceDelimited and pipeDelimited with explode true are form exploded.
// deepObject nests: an object inside an object is color[a][b]=1, an
// array is color[0]=x and an object in an array color[0][a]=1, to any
// depth (the convention of Stripe, Rack, PHP and qs; OpenAPI leaves
// arrays in deepObject undefined). Encoding.Arrays selects another.
// Objects are generated structs or maps: they are serialized by their JSON
// property names and in JSON order (a struct's field order; a map's
// sorted keys). A value nested where the style has no notation for it (an
// object inside an array in form style) is sent as its flattened text.
const (
	StyleSimple         = "simple"
	StyleLabel          = "label"
	StyleMatrix         = "matrix"
	StyleForm           = "form"
	StyleSpaceDelimited = "spaceDelimited"
	StylePipeDelimited  = "pipeDelimited"
	StyleDeepObject     = "deepObject"
)

// pkind is the shape of a parameter value.
type pkind uint8

const (
	pAbsent pkind = iota
	pScalar
	pList
	pObject
)

// pnode is a parameter value reduced to what styles see: a scalar text,
// a list, or an ordered object.
type pnode struct {
	kind  pkind
	s     string
	lit   bool    // a scalar that is a JSON number or boolean, not a string
	items []pnode // pList
	keys  []string
	vals  []pnode // pObject, parallel to keys
}

// toNode reduces v: absent values (nil, unset Opt, null Nullable, nil
// pointer, nil slice or map) give pAbsent.
func toNode(v any) (pnode, error) {
	if v == nil {
		return pnode{}, nil
	}
	if inner, set, ok := optionalOf(v); ok {
		if !set {
			return pnode{}, nil
		}
		return toNode(inner)
	}
	switch x := v.(type) {
	case jsonParam:
		b, err := Marshal(x.v)
		if err != nil {
			return pnode{}, err
		}
		return pnode{kind: pScalar, s: string(b)}, nil
	case string, bool, int, int32, int64, float32, float64, time.Time, Date, []byte, encoding.TextMarshaler:
		s, ok, err := FormatParam(v)
		if !ok || err != nil {
			return pnode{}, err
		}
		_, isStr := v.(string)
		_, isText := v.(encoding.TextMarshaler)
		_, isBytes := v.([]byte)
		lit := !isStr && !isText && !isBytes
		if _, ok := v.(time.Time); ok {
			lit = false
		}
		if _, ok := v.(Date); ok {
			lit = false
		}
		return pnode{kind: pScalar, s: s, lit: lit}, nil
	case json.RawMessage:
		if x == nil {
			return pnode{}, nil
		}
		return jsonNode(x)
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Pointer, reflect.Interface:
		if rv.IsNil() {
			return pnode{}, nil
		}
		return toNode(rv.Elem().Interface())
	case reflect.Slice, reflect.Array:
		if rv.Kind() == reflect.Slice && rv.IsNil() {
			return pnode{}, nil
		}
		n := pnode{kind: pList, items: make([]pnode, 0, rv.Len())}
		for i := range rv.Len() {
			it, err := toNode(rv.Index(i).Interface())
			if err != nil {
				return pnode{}, err
			}
			if it.kind != pAbsent {
				n.items = append(n.items, it)
			}
		}
		return n, nil
	case reflect.Struct, reflect.Map:
		if rv.Kind() == reflect.Map && rv.IsNil() {
			return pnode{}, nil
		}
		b, err := Marshal(v)
		if err != nil {
			return pnode{}, err
		}
		return jsonNode(b)
	}
	s, ok, err := FormatParam(v)
	if !ok || err != nil {
		return pnode{}, err
	}
	k := rv.Kind()
	return pnode{kind: pScalar, s: s, lit: k != reflect.String && k != reflect.Struct}, nil
}

// jsonNode parses JSON into a node, keeping object key order; null is
// absent, numbers keep their JSON text.
func jsonNode(b []byte) (pnode, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	n, err := decodeNode(dec)
	if err != nil {
		return pnode{}, fmt.Errorf("encoding parameter: %w", err)
	}
	return n, nil
}

func decodeNode(dec *json.Decoder) (pnode, error) {
	tok, err := dec.Token()
	if err != nil {
		return pnode{}, err
	}
	switch t := tok.(type) {
	case nil:
		return pnode{}, nil
	case string:
		return pnode{kind: pScalar, s: t}, nil
	case json.Number:
		return pnode{kind: pScalar, s: t.String(), lit: true}, nil
	case bool:
		return pnode{kind: pScalar, s: strconv.FormatBool(t), lit: true}, nil
	case json.Delim:
		if t == '[' {
			n := pnode{kind: pList}
			for dec.More() {
				it, err := decodeNode(dec)
				if err != nil {
					return pnode{}, err
				}
				if it.kind != pAbsent {
					n.items = append(n.items, it)
				}
			}
			_, err := dec.Token()
			return n, err
		}
		n := pnode{kind: pObject}
		for dec.More() {
			kt, err := dec.Token()
			if err != nil {
				return pnode{}, err
			}
			val, err := decodeNode(dec)
			if err != nil {
				return pnode{}, err
			}
			if val.kind != pAbsent {
				n.keys = append(n.keys, kt.(string))
				n.vals = append(n.vals, val)
			}
		}
		_, err = dec.Token()
		return n, err
	}
	return pnode{}, fmt.Errorf("unexpected JSON token %v", tok)
}

// flat is the text of a node where the style allows only text: lists and
// objects are joined with commas.
func flat(n pnode) string {
	switch n.kind {
	case pList:
		parts := make([]string, len(n.items))
		for i, it := range n.items {
			parts[i] = flat(it)
		}
		return strings.Join(parts, ",")
	case pObject:
		parts := make([]string, 0, 2*len(n.keys))
		for i, k := range n.keys {
			parts = append(parts, k, flat(n.vals[i]))
		}
		return strings.Join(parts, ",")
	}
	return n.s
}

// texts returns the escaped texts of a list's items or an object's
// alternating keys and values (explode false) or key=value pairs
// (explode true).
func texts(n pnode, explode bool, esc func(string) string) []string {
	var out []string
	switch n.kind {
	case pScalar:
		out = append(out, esc(n.s))
	case pList:
		for _, it := range n.items {
			out = append(out, esc(flat(it)))
		}
	case pObject:
		for i, k := range n.keys {
			if explode {
				out = append(out, esc(k)+"="+esc(flat(n.vals[i])))
			} else {
				out = append(out, esc(k), esc(flat(n.vals[i])))
			}
		}
	}
	return out
}

// escape percent-encodes s except the unreserved characters of RFC 3986
// and the bytes in keep.
func escape(s, keep string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
			c == '-' || c == '.' || c == '_' || c == '~' || strings.IndexByte(keep, c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

// reservedKeep are the reserved characters allowReserved leaves as they
// are. "&", "=", "#" and "+" are still escaped: unescaped, they would end
// the parameter, start another, cut the URL or read as a space.
const reservedKeep = ":/?[]@!$'()*,;"

// escPath escapes a value for a path segment: "/" cannot appear, and a
// value that is exactly "." or ".." has its dots escaped, so no value can
// leave its segment or move up the path.
func escPath(s string) string {
	switch s {
	case ".":
		return "%2E"
	case "..":
		return "%2E%2E"
	}
	return escape(s, ":@!$'()*+&")
}

// PathArg is a path parameter already serialized in its style; pass it
// to NewCall in place of the raw value. Build one with PathStyle.
//
// For generated code.
type PathArg struct {
	seg string
	err error
}

// PathStyle serializes the path parameter name with value v in style
// (simple, label or matrix) and explode, escaping every value so that
// none can leave the path segment (see the table at StyleSimple). An
// absent or empty value is an error (ErrEmptyPathParam) reported by
// NewCall.
//
// For generated code.
func PathStyle(name string, v any, style string, explode bool) PathArg {
	n, err := toNode(v)
	if err != nil {
		return PathArg{err: err}
	}
	if n.kind == pAbsent {
		return PathArg{err: ErrEmptyPathParam}
	}
	seg, err := pathText(name, n, style, explode)
	return PathArg{seg: seg, err: err}
}

func pathText(name string, n pnode, style string, explode bool) (string, error) {
	var seg string
	switch style {
	case "", StyleSimple:
		sep := ","
		seg = strings.Join(texts(n, explode, escPath), sep)
	case StyleLabel:
		sep := ","
		if explode && n.kind != pScalar {
			sep = "."
		}
		seg = "." + strings.Join(texts(n, explode, escPath), sep)
	case StyleMatrix:
		key := escPath(name)
		switch {
		case n.kind == pScalar:
			seg = ";" + key
			if n.s != "" {
				seg += "=" + escPath(n.s)
			}
		case n.kind == pList && explode:
			for _, t := range texts(n, true, escPath) {
				seg += ";" + key + "=" + t
			}
		case n.kind == pObject && explode:
			for _, t := range texts(n, true, escPath) {
				seg += ";" + t
			}
		default:
			seg = ";" + key + "=" + strings.Join(texts(n, false, escPath), ",")
		}
	default:
		return "", fmt.Errorf("style %q is not a path style", style)
	}
	switch seg {
	case "":
		return "", ErrEmptyPathParam
	case ".", "..":
		return strings.Repeat("%2E", len(seg)), nil
	}
	return seg, nil
}

// AddQueryStyle adds the query parameter name with value v serialized in
// style (form, spaceDelimited, pipeDelimited or deepObject) and explode;
// with allowReserved the reserved characters of RFC 3986 (except &, =, #
// and +) are sent unescaped. An absent value adds nothing. See the table
// at StyleSimple; a deepObject's lists are indexed (ArraysIndexed).
func (c *Call) AddQueryStyle(name string, v any, style string, explode, allowReserved bool) *Call {
	return c.AddQueryEncoded(name, v, Encoding{Style: style, Explode: explode, AllowReserved: allowReserved})
}

// ArrayFormat is how lists nested in a deepObject parameter or in a form
// body are written. The zero value is ArraysIndexed.
//
// For generated code.
type ArrayFormat string

// Array formats, for ids = [a, b] and items = [{price: p}]:
//
//	ArraysIndexed   ids[0]=a&ids[1]=b    items[0][price]=p   (Stripe, qs, Rack, PHP)
//	ArraysBrackets  ids[]=a&ids[]=b      items[][price]=p    (Rails, qs "brackets")
//	ArraysRepeat    ids=a&ids=b          items[price]=p      (qs "repeat")
//	ArraysComma     ids=a,b              items[price]=p      (qs "comma"; lists of scalars only)
const (
	ArraysIndexed  ArrayFormat = ""
	ArraysBrackets ArrayFormat = "brackets"
	ArraysRepeat   ArrayFormat = "repeat"
	ArraysComma    ArrayFormat = "comma"
)

// AddQueryEncoded is AddQueryStyle with the whole Encoding: its Arrays
// field says how lists inside a deepObject value are written.
func (c *Call) AddQueryEncoded(name string, v any, e Encoding) *Call {
	n, err := toNode(v)
	if err != nil {
		c.fail(fmt.Errorf("runtime: query parameter %q: %w", name, err))
		return c
	}
	c.addQueryNode(name, n, e, false)
	return c
}

// addQueryNode adds n as AddQueryEncoded describes; inForm is true for a
// property of a form body, where a nested value in style form nests as a
// deepObject does.
func (c *Call) addQueryNode(name string, n pnode, e Encoding, inForm bool) {
	if n.kind == pAbsent {
		return
	}
	keep := ""
	if e.AllowReserved {
		keep = reservedKeep
	}
	esc := func(s string) string { return escape(s, keep) }
	key := escape(name, "")
	add := func(k, v string) { c.rawQuery = append(c.rawQuery, k+"="+v) }
	style, explode := e.Style, e.Explode
	switch {
	case n.kind == pScalar:
		add(key, esc(n.s))
	case style == StyleDeepObject || inForm && explode && (nested(n) || e.Arrays != ArraysIndexed && n.kind == pList):
		deepPairs(key, n, e.Arrays, esc, add)
	case explode && n.kind == pObject:
		for i, k := range n.keys {
			add(esc(k), esc(flat(n.vals[i])))
		}
	case explode:
		for _, t := range texts(n, true, esc) {
			add(key, t)
		}
	default:
		sep := ","
		switch style {
		case StyleForm, "":
		case StyleSpaceDelimited:
			sep = "%20"
		case StylePipeDelimited:
			sep = "|"
		default:
			c.fail(fmt.Errorf("runtime: query parameter %q: style %q is not a query style", name, style))
			return
		}
		add(key, strings.Join(texts(n, false, esc), sep))
	}
}

// nested reports whether n is an object or a list holding a list or an
// object: a value form style has no notation for.
func nested(n pnode) bool {
	switch n.kind {
	case pObject:
		return true
	case pList:
		for _, it := range n.items {
			if it.kind != pScalar {
				return true
			}
		}
	}
	return false
}

// deepPairs adds prefix[key]=value for every leaf of n, nesting objects
// as [a][b] and lists as arrays says ([0], [1] by default).
func deepPairs(prefix string, n pnode, arrays ArrayFormat, esc func(string) string, add func(k, v string)) {
	switch n.kind {
	case pScalar:
		add(prefix, esc(n.s))
	case pList:
		if arrays == ArraysComma && !nested(n) {
			parts := make([]string, len(n.items))
			for i, it := range n.items {
				parts[i] = esc(it.s)
			}
			add(prefix, strings.Join(parts, ","))
			return
		}
		for i, it := range n.items {
			p := prefix
			switch arrays {
			case ArraysIndexed:
				p += "[" + strconv.Itoa(i) + "]"
			case ArraysBrackets:
				p += "[]"
			}
			deepPairs(p, it, arrays, esc, add)
		}
	case pObject:
		for i, k := range n.keys {
			deepPairs(prefix+"["+escape(k, "")+"]", n.vals[i], arrays, esc, add)
		}
	}
}

// SetHeaderStyle sets the header parameter name with value v in style
// simple: lists and objects are joined with commas (see the table at
// StyleSimple). An absent value sets nothing.
func (c *Call) SetHeaderStyle(name string, v any, explode bool) *Call {
	n, err := toNode(v)
	if err != nil {
		c.fail(fmt.Errorf("runtime: header parameter %q: %w", name, err))
		return c
	}
	if n.kind == pAbsent {
		return c
	}
	if c.Header == nil {
		c.Header = http.Header{}
	}
	c.Header.Set(name, strings.Join(texts(n, explode, noEscape), ","))
	return c
}

// AddCookieStyle adds the cookie parameter name with value v in style
// form: with explode false a list or object is one cookie of
// comma-joined values; with explode true a list is one cookie per item
// and an object one cookie per property. An absent value adds nothing.
// Bytes a cookie value cannot hold are percent-encoded (see escCookie).
func (c *Call) AddCookieStyle(name string, v any, explode bool) *Call {
	n, err := toNode(v)
	if err != nil {
		c.fail(fmt.Errorf("runtime: cookie parameter %q: %w", name, err))
		return c
	}
	switch {
	case n.kind == pAbsent:
	case n.kind == pList && explode:
		for _, it := range n.items {
			c.Cookies = append(c.Cookies, &http.Cookie{Name: name, Value: escCookie(flat(it))})
		}
	case n.kind == pObject && explode:
		for i, k := range n.keys {
			c.Cookies = append(c.Cookies, &http.Cookie{Name: k, Value: escCookie(flat(n.vals[i]))})
		}
	default:
		c.Cookies = append(c.Cookies, &http.Cookie{Name: name, Value: strings.Join(texts(n, false, escCookie), ",")})
	}
	return c
}

func noEscape(s string) string { return s }

// cookieKeep are the punctuation bytes of RFC 6265's cookie-octet that
// escCookie leaves as they are: all but "%" (the escape itself) and "+"
// (which PHP and other form decoders read as a space).
const cookieKeep = "!#$&'()*/:<=>?@[]^`{|}"

// escCookie percent-encodes what a cookie value cannot hold (RFC 6265
// cookie-octet: no space, '"', ',', ';', '\\', control or non-ASCII
// byte), as OpenAPI's form style does (RFC 6570) and as servers that
// decode cookies read them (Express's cookie parser, PHP). net/http
// would otherwise drop those bytes from the value, silently: a JSON
// value lost its quotes. A value made only of cookie-octets other than
// "%" and "+" is sent as it is; "," stays the list separator.
func escCookie(s string) string { return escape(s, cookieKeep) }

// jsonParam marks a parameter described by content: sent as its JSON
// text.
type jsonParam struct{ v any }

// JSONParam wraps the value of a parameter that the document describes
// with a JSON content type instead of a schema: it is sent as its JSON
// encoding, escaped like any other value. An absent v stays absent
// (JSONParam returns nil).
//
// For generated code.
func JSONParam(v any) any {
	if n, err := toNode(v); err == nil && n.kind == pAbsent {
		return nil
	}
	if inner, _, ok := optionalOf(v); ok {
		v = inner
	}
	return jsonParam{v}
}

// Encoding says how one property of a form body is sent: an OpenAPI
// encoding object. The zero Encoding is style form, exploded.
//
// For generated code.
type Encoding struct {
	ContentType   string // "application/json" sends the property as JSON text
	Style         string // form (default), spaceDelimited, pipeDelimited, deepObject
	Explode       bool
	AllowReserved bool
	Arrays        ArrayFormat // lists inside a deepObject or nested value
}

// FormOf encodes v, a generated struct or a map, as an
// application/x-www-form-urlencoded body: each JSON property of v is a
// field, serialized as a query parameter with the property's Encoding
// (enc may be nil; a property without one is style form, exploded).
// Objects with style deepObject become field[key]=value and lists
// field[0]=value, as Stripe, Rails, PHP and qs read them; an object, or a
// list of objects or lists, in style form exploded nests the same way
// (form style has no notation of its own for it). The body is encoded
// once and replayable.
//
// For generated code.
func FormOf(v any, enc map[string]Encoding) (Body, error) {
	n, err := toNode(v)
	if err != nil {
		return nil, fmt.Errorf("runtime: encoding form body: %w", err)
	}
	if n.kind != pObject && n.kind != pAbsent {
		return nil, errors.New("runtime: encoding form body: not an object")
	}
	c := &Call{}
	for i, k := range n.keys {
		e, ok := enc[k]
		if !ok {
			e = Encoding{Style: StyleForm, Explode: true}
		}
		val := n.vals[i]
		if isJSONType(e.ContentType) {
			b, err := json.Marshal(nodeJSON(val))
			if err != nil {
				return nil, fmt.Errorf("runtime: encoding form body: %w", err)
			}
			val = pnode{kind: pScalar, s: string(b)}
		}
		if e.Style == "" {
			e.Style = StyleForm
		}
		c.addQueryNode(k, val, e, true)
	}
	if c.err != nil {
		return nil, c.err
	}
	return BytesBody("application/x-www-form-urlencoded", []byte(strings.Join(c.rawQuery, "&"))), nil
}

// Form sets the request body to FormOf(v, enc); an encoding error is
// returned by Do before any I/O.
func (c *Call) Form(v any, enc map[string]Encoding) *Call {
	b, err := FormOf(v, enc)
	if err != nil {
		c.fail(err)
		return c
	}
	c.Body = b
	return c
}

// nodeJSON turns a node back into a Go value for JSON encoding.
func nodeJSON(n pnode) any {
	switch n.kind {
	case pScalar:
		if n.lit {
			return json.RawMessage(n.s)
		}
		b, _ := json.Marshal(n.s)
		return json.RawMessage(b)
	case pList:
		out := make([]any, len(n.items))
		for i, it := range n.items {
			out[i] = nodeJSON(it)
		}
		return out
	case pObject:
		var b bytes.Buffer
		b.WriteByte('{')
		for i, k := range n.keys {
			if i > 0 {
				b.WriteByte(',')
			}
			kb, _ := json.Marshal(k)
			vb, _ := json.Marshal(nodeJSON(n.vals[i]))
			b.Write(kb)
			b.WriteByte(':')
			b.Write(vb)
		}
		b.WriteByte('}')
		return json.RawMessage(b.Bytes())
	}
	return nil
}

func isJSONType(ct string) bool {
	base, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(ct)), ";")
	return base == "application/json" || strings.HasSuffix(base, "+json")
}

// TextBody returns a replayable body of s with the given content type
// (text/plain, for instance).
func TextBody(contentType, s string) Body {
	return BytesBody(contentType, []byte(s))
}

// File is a file to upload in a multipart/form-data body. Body is read
// once, as the request is written (never buffered whole); a body holding
// a File whose Body is not a *bytes.Reader or *strings.Reader cannot be
// retried. The zero File (nil Body) is absent.
type File struct {
	Name        string // the file name sent in Content-Disposition
	ContentType string // "" sends application/octet-stream
	Body        io.Reader
}

// Multipart builds a multipart/form-data body from named fields and
// files; generated code fills one from a request struct and passes it to
// Call.Multipart. The first formatting error is kept and reported by Do.
type Multipart struct {
	parts []Part
	err   error
}

// NewMultipart returns an empty Multipart.
func NewMultipart() *Multipart { return &Multipart{} }

// File adds f as a file part named name; an absent File adds nothing.
func (m *Multipart) File(name string, f File) *Multipart {
	if f.Body == nil {
		return m
	}
	switch r := f.Body.(type) {
	case *bytes.Reader, *strings.Reader:
		b := ReaderBody("", r, -1)
		m.parts = append(m.parts, FilePart(name, f.Name, f.ContentType, b.Len(), b.Open))
	default:
		m.parts = append(m.parts, ReaderPart(name, f.Name, f.ContentType, f.Body))
	}
	return m
}

// Files adds one file part named name per file.
func (m *Multipart) Files(name string, fs []File) *Multipart {
	for _, f := range fs {
		m.File(name, f)
	}
	return m
}

// Field adds the form field name: a scalar as its text, a list as one
// part per item, an object (struct or map) as one application/json
// part. An absent value adds nothing.
func (m *Multipart) Field(name string, v any) *Multipart {
	n, err := toNode(v)
	if err != nil {
		if m.err == nil {
			m.err = fmt.Errorf("runtime: multipart field %q: %w", name, err)
		}
		return m
	}
	switch n.kind {
	case pScalar:
		m.parts = append(m.parts, FieldPart(name, n.s))
	case pList:
		for _, it := range n.items {
			m.parts = append(m.parts, FieldPart(name, flat(it)))
		}
	case pObject:
		b, _ := json.Marshal(nodeJSON(n))
		rb := BytesBody("", b)
		p := FilePart(name, "", "application/json", rb.Len(), rb.Open)
		p.noFilename = true
		m.parts = append(m.parts, p)
	}
	return m
}

// OptionalField is Field for an optional value whose zero value means
// absent, such as an optional enum that does not document "": the zero
// value adds nothing.
func (m *Multipart) OptionalField(name string, v any) *Multipart {
	if v == nil || reflect.ValueOf(v).IsZero() {
		return m
	}
	return m.Field(name, v)
}

// Multipart sets the request body to the parts of m, streamed.
func (c *Call) Multipart(m *Multipart) *Call {
	if m.err != nil {
		c.fail(m.err)
		return c
	}
	c.Body = MultipartBody(m.parts...)
	return c
}
