package runtime

import (
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// Call describes one API request, as generated code builds it. Build one
// with NewCall and the methods below, then pass it to Session.Do, Decode,
// Exec or All. A Call is used by one logical request; it is not mutated by
// the Session, so a retried or paginated call sends the same values.
//
// Building never fails loudly: the first problem (an empty path
// parameter, an unencodable value) is kept and returned by Do before any
// I/O.
//
// For generated code.
type Call struct {
	Method string
	// Path is the request path relative to the base URL, already expanded
	// and escaped; it starts with "/".
	Path    string
	Query   url.Values
	Header  http.Header
	Cookies []*http.Cookie
	Body    Body // nil when the request has no body

	// Security lists the alternatives of credentials the operation
	// accepts (OR of AND sets of scheme names). nil means the Session's
	// default (WithDefaultSecurity); an empty non-nil slice means none.
	Security []Requirement

	// Idempotent marks a non-idempotent method (POST, PATCH) as safe to
	// retry, because the operation is known to be idempotent.
	Idempotent bool

	// Accept lists the media types of the operation's successful
	// responses ("image/png", "application/vnd.github.v3+json"), sent as
	// the Accept header unless an option or Header sets one; "" sends
	// "application/json".
	Accept string

	// Server, when set, is the base URL the document serves this
	// operation from (its operation- or path-level servers), and ServerOf
	// the API's default server it replaces (the generated
	// DefaultServerURL). A Session whose base URL is ServerOf sends the
	// call to Server instead; a Session pointed elsewhere (a mock, a
	// proxy, another region) keeps its own base URL for every call.
	Server, ServerOf string

	// ErrorModel returns a pointer to a fresh value to decode an error
	// response of the given status into, or nil when the operation
	// declares no model for it. The decoded value lands in APIError.Model.
	ErrorModel func(status int) any

	err error
	abs *url.URL // set by pagination: the absolute URL of a next page
	// rawQuery holds "name=value" pairs already escaped by AddQueryStyle,
	// sent after Query in the order they were added.
	rawQuery []string
}

// Requirement is one alternative of a security requirement: the names of
// schemes (components.securitySchemes keys) that must all be applied.
// An empty Requirement means "no credentials" is acceptable.
//
// For generated code.
type Requirement []string

// NewCall starts a Call. pathTemplate is the operation's path with
// {placeholders}; pathArgs fill them in order of appearance. Each argument
// is formatted (see FormatParam), must not be empty, and is escaped so
// that it stays one path segment: "/" becomes %2F, and a segment that is
// exactly "." or ".." becomes %2E or %2E%2E.
//
// A path template that carries a fixed query ("/responses/{id}?beta=true",
// as some documents write their path keys) keeps it: the pairs after "?"
// are sent as they are written, after the call's own query parameters.
//
// For generated code.
func NewCall(method, pathTemplate string, pathArgs ...any) *Call {
	c := &Call{Method: method}
	if i := strings.IndexByte(pathTemplate, '?'); i >= 0 {
		for _, kv := range strings.Split(pathTemplate[i+1:], "&") {
			if kv != "" {
				c.rawQuery = append(c.rawQuery, kv)
			}
		}
		pathTemplate = pathTemplate[:i]
	}
	c.Path, c.err = expandPath(pathTemplate, pathArgs)
	return c
}

// Err returns the first error met while building c.
func (c *Call) Err() error { return c.err }

func (c *Call) fail(err error) {
	if c.err == nil {
		c.err = err
	}
}

// AddQuery adds a query parameter in style form, exploded (the OpenAPI
// default): a slice adds one name=value pair per element. An absent Opt,
// a nil slice or a nil pointer adds nothing.
func (c *Call) AddQuery(name string, v any) *Call {
	vals, ok, err := formatValues(v)
	if err != nil {
		c.fail(fmt.Errorf("runtime: query parameter %q: %w", name, err))
		return c
	}
	if !ok {
		return c
	}
	if c.Query == nil {
		c.Query = url.Values{}
	}
	c.Query[name] = append(c.Query[name], vals...)
	return c
}

// SetHeader sets a header parameter (style simple): a slice is joined with
// commas. An absent value sets nothing.
func (c *Call) SetHeader(name string, v any) *Call {
	vals, ok, err := formatValues(v)
	if err != nil {
		c.fail(fmt.Errorf("runtime: header parameter %q: %w", name, err))
		return c
	}
	if !ok {
		return c
	}
	if c.Header == nil {
		c.Header = http.Header{}
	}
	c.Header.Set(name, strings.Join(vals, ","))
	return c
}

// AddCookie adds a cookie parameter (style form): a slice is joined with
// commas, each value percent-encoded where a cookie cannot hold it (see
// AddCookieStyle). An absent value adds nothing.
func (c *Call) AddCookie(name string, v any) *Call {
	vals, ok, err := formatValues(v)
	if err != nil {
		c.fail(fmt.Errorf("runtime: cookie parameter %q: %w", name, err))
		return c
	}
	if !ok {
		return c
	}
	esc := make([]string, len(vals)) // vals may be the caller's []string
	for i, v := range vals {
		esc[i] = escCookie(v)
	}
	c.Cookies = append(c.Cookies, &http.Cookie{Name: name, Value: strings.Join(esc, ",")})
	return c
}

// JSON sets the request body to v encoded as JSON (Content-Type
// application/json). The body is encoded once, here, so every attempt
// sends the same bytes; an encoding error is returned by Do before I/O.
func (c *Call) JSON(v any) *Call {
	return c.JSONAs("application/json", v)
}

// JSONAs is JSON with another media type, such as
// "application/vnd.github+json" or "application/merge-patch+json".
func (c *Call) JSONAs(contentType string, v any) *Call {
	b, err := JSONBody(contentType, v)
	if err != nil {
		c.fail(err)
		return c
	}
	c.Body = b
	return c
}

// WithBody sets the request body.
func (c *Call) WithBody(b Body) *Call {
	c.Body = b
	return c
}

// ErrRequired is returned (wrapped) when a required argument is missing.
var ErrRequired = errors.New("required argument missing")

// Require records an error when v is nil (a nil pointer, slice, map or
// interface): name is the argument's name as the caller sees it.
func (c *Call) Require(name string, v any) *Call {
	if isNil(v) {
		c.fail(fmt.Errorf("runtime: %s: %w", name, ErrRequired))
	}
	return c
}

func expandPath(tmpl string, args []any) (string, error) {
	var b strings.Builder
	b.Grow(len(tmpl) + 16*len(args))
	n := 0
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			b.WriteString(tmpl)
			break
		}
		j := strings.IndexByte(tmpl[i:], '}')
		if j < 0 {
			return "", fmt.Errorf("runtime: unterminated placeholder in path %q", tmpl)
		}
		name := tmpl[i+1 : i+j]
		b.WriteString(tmpl[:i])
		tmpl = tmpl[i+j+1:]
		if n >= len(args) {
			return "", fmt.Errorf("runtime: path parameter %q: no value", name)
		}
		seg, err := pathSegment(args[n])
		n++
		if err != nil {
			return "", fmt.Errorf("runtime: path parameter %q: %w", name, err)
		}
		b.WriteString(seg)
	}
	if n != len(args) {
		return "", fmt.Errorf("runtime: path %q takes %d parameters, got %d", tmpl, n, len(args))
	}
	return b.String(), nil
}

// ErrEmptyPathParam is returned (wrapped) for an empty path parameter,
// which would change the meaning of the path.
var ErrEmptyPathParam = errors.New("empty value")

// pathSegment formats v and escapes it as one path segment.
func pathSegment(v any) (string, error) {
	var s string
	switch x := v.(type) {
	case PathArg:
		return x.seg, x.err
	case string:
		s = x
	case int:
		s = strconv.Itoa(x)
	case int64:
		s = strconv.FormatInt(x, 10)
	default:
		// Lists, objects and every other value: style simple.
		a := PathStyle("", v, StyleSimple, false)
		return a.seg, a.err
	}
	switch s {
	case "":
		return "", ErrEmptyPathParam
	case ".":
		return "%2E", nil
	case "..":
		return "%2E%2E", nil
	}
	return url.PathEscape(s), nil
}

// String describes c without header or cookie values and with sensitive
// query values redacted, so a Call can be printed or logged safely.
func (c *Call) String() string {
	if c == nil {
		return "<nil Call>"
	}
	u := &url.URL{Path: c.Path, RawQuery: c.encodedQuery()}
	if c.abs != nil {
		u = c.abs
	}
	s := c.Method + " " + redactURL(u, nil)
	if len(c.Header) > 0 {
		// Names only: the Call does not know which headers the
		// session treats as credentials.
		s += " headers=" + strings.Join(slices.Sorted(maps.Keys(c.Header)), ",")
	}
	if len(c.Cookies) > 0 {
		s += fmt.Sprintf(" (%d cookies)", len(c.Cookies))
	}
	return s
}

// encodedQuery is Query encoded, then the styled pairs.
func (c *Call) encodedQuery() string {
	q := c.Query.Encode()
	if len(c.rawQuery) > 0 {
		if q != "" {
			q += "&"
		}
		q += strings.Join(c.rawQuery, "&")
	}
	return q
}

// LogValue makes slog print c as its method, path and query, with
// sensitive query values redacted; headers and cookies are left out.
func (c *Call) LogValue() slog.Value {
	if c == nil {
		return slog.StringValue("<nil Call>")
	}
	path, q, org := c.Path, c.encodedQuery(), ""
	if c.abs != nil {
		path, q, org = c.abs.EscapedPath(), c.abs.RawQuery, c.abs.Scheme+"://"+c.abs.Host
	}
	attrs := []slog.Attr{slog.String("method", c.Method), slog.String("path", path)}
	if q != "" {
		attrs = append(attrs, slog.String("query", strings.TrimPrefix(redactURL(&url.URL{RawQuery: q}, nil), "?")))
	}
	if org != "" {
		attrs = append(attrs, slog.String("origin", org))
	}
	return slog.GroupValue(attrs...)
}

// GoString is String, so %#v prints no secret either.
func (c *Call) GoString() string { return c.String() }

// NewErrorModel is a Call.ErrorModel for an operation whose only error
// response is "default", decoding into a T: it returns a new(T) for every
// status. Generated operations share one NewErrorModel[T] per error type
// instead of a closure each.
//
// For generated code.
func NewErrorModel[T any](int) any { return new(T) }
