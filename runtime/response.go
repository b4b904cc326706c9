package runtime

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
)

// ResponseMeta is what WithResponse records of a call's final response.
type ResponseMeta struct {
	StatusCode int
	Header     http.Header
}

// WithResponse records the status and header of the call's final
// response in dst (for an error status too). Use it per call, for an
// operation whose result does not carry what you need:
//
//	var meta runtime.ResponseMeta
//	pet, err := c.GetPet(ctx, 1, runtime.WithResponse(&meta))
func WithResponse(dst *ResponseMeta) Option {
	if dst == nil {
		return WithResponseHook(nil)
	}
	return WithResponseHook(func(r *http.Response) {
		*dst = ResponseMeta{StatusCode: r.StatusCode, Header: r.Header}
	})
}

// WithResponseHeaders decodes the header of the call's final response into
// dst, a pointer to a generated {Operation}Headers struct whose fields
// carry `header:"Name"` tags (see DecodeHeaders). A header that is absent
// or does not parse leaves its field at its zero value: a server's odd
// header never fails a call.
//
//	var h github.ReposGetHeaders
//	repo, err := gh.Repos.Get(ctx, "o", "r", runtime.WithResponseHeaders(&h))
func WithResponseHeaders(dst any) Option {
	rv := reflect.ValueOf(dst)
	if rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Elem().Kind() != reflect.Struct {
		return func(*config) error { return errors.New("runtime: WithResponseHeaders: want a pointer to a struct") }
	}
	return WithResponseHook(func(r *http.Response) {
		rv.Elem().SetZero()
		_ = DecodeHeaders(r.Header, dst)
	})
}

// DecodeHeaders sets each field of the struct dst points to that has a
// `header:"Name"` tag from the header Name: strings as they are, numbers
// and booleans parsed, a slice from comma-separated values, Opt[T] set
// when the header is present. It returns the first parse error joined
// with the others, after setting every field it could.
//
// For generated code.
func DecodeHeaders(h http.Header, dst any) error {
	rv := reflect.ValueOf(dst)
	if rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Elem().Kind() != reflect.Struct {
		return errors.New("runtime: DecodeHeaders: want a pointer to a struct")
	}
	v := rv.Elem()
	var errs []error
	for i := range v.NumField() {
		name := v.Type().Field(i).Tag.Get("header")
		vals := h.Values(name)
		if name == "" || len(vals) == 0 {
			continue
		}
		f := v.Field(i)
		var err error
		if f.Kind() == reflect.Slice && f.Type().Elem().Kind() != reflect.Uint8 {
			var items []string
			for _, hv := range vals {
				for it := range strings.SplitSeq(hv, ",") {
					items = append(items, strings.TrimSpace(it))
				}
			}
			s := reflect.MakeSlice(f.Type(), len(items), len(items))
			for j, it := range items {
				if err = setText(s.Index(j), it); err != nil {
					break
				}
			}
			if err == nil {
				f.Set(s)
			}
		} else {
			err = setText(f, strings.Join(vals, ", "))
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("header %s: %w", name, err))
		}
	}
	return errors.Join(errs...)
}

// setText sets f from a header text through JSON: the text as a JSON
// literal (numbers, booleans), else as a JSON string.
func setText(f reflect.Value, text string) error {
	p := reflect.New(f.Type())
	if err := json.Unmarshal([]byte(text), p.Interface()); err != nil || text == "null" {
		p = reflect.New(f.Type())
		if err := json.Unmarshal([]byte(strconv.Quote(text)), p.Interface()); err != nil {
			return err
		}
	}
	f.Set(p.Elem())
	return nil
}

// body reads the whole body of a 2xx response to call into a pooled
// buffer, which the caller returns with s.putBuf.
func (s *Session) body(ctx context.Context, call *Call, opts []Option) (*http.Response, *bytes.Buffer, *config, error) {
	resp, n, cfg, cancel, err := s.do(ctx, call, opts)
	if err != nil {
		return nil, nil, nil, err
	}
	buf := s.getBuf()
	if resp.ContentLength > 0 && resp.ContentLength <= 1<<30 {
		buf.Grow(int(resp.ContentLength) + bytes.MinRead)
	}
	err = readBody(resp.Body, cfg, buf)
	if cancel != nil {
		cancel()
	}
	s.shared.released()
	if err != nil {
		s.putBuf(buf)
		return nil, nil, nil, &TransportError{Method: call.Method, URL: redactURL(resp.Request.URL, cfg.redact), Sent: true, Timeout: isTimeout(err), Attempts: n, Err: err}
	}
	if resp.StatusCode == http.StatusNotModified {
		s.putBuf(buf)
		return nil, nil, nil, notModified(resp)
	}
	return resp, buf, cfg, nil
}

// Text sends call and returns the 2xx response body as a string (for
// text/plain and other text responses), decoded to UTF-8 from the
// charset of its Content-Type: UTF-8, UTF-16 and windows-1252 (with
// latin1, iso-8859-1 and the other WHATWG labels of each) are built in,
// every other charset comes with WithCharsets. Without a charset, a
// byte-order mark (UTF-8, UTF-16) decides; a body that is valid UTF-8 is
// taken as it is, anything else as windows-1252 (the WHATWG default, a
// superset of ISO-8859-1). A charset it cannot decode returns the bytes
// unchanged.
//
// For generated code.
func Text(ctx context.Context, s *Session, call *Call, opts ...Option) (string, error) {
	resp, n, cfg, cancel, err := s.do(ctx, call, opts)
	if err != nil {
		return "", err
	}
	// A known length is read straight into the string's own storage
	// (one allocation of the body's size); an unknown one into a pooled
	// buffer, copied once into the string.
	var text string
	if cl := resp.ContentLength; cl > 0 && cl <= 1<<30 {
		var sb strings.Builder
		sb.Grow(int(cl))
		scratch := s.getBuf()
		scratch.Grow(32 << 10)
		err = readTo(resp.Body, cfg, &sb, scratch.AvailableBuffer()[:32<<10])
		s.putBuf(scratch)
		text = sb.String()
	} else {
		buf := s.getBuf()
		err = readBody(resp.Body, cfg, buf)
		text = string(buf.Bytes())
		s.putBuf(buf)
	}
	if cancel != nil {
		cancel()
	}
	s.shared.released()
	if err != nil {
		return "", &TransportError{Method: call.Method, URL: redactURL(resp.Request.URL, cfg.redact), Sent: true, Timeout: isTimeout(err), Attempts: n, Err: err}
	}
	if resp.StatusCode == http.StatusNotModified {
		return "", notModified(resp)
	}
	return decodeText(text, resp.Header.Get("Content-Type"), cfg.charsets), nil
}

// DecodeFunc sends call and decodes a 2xx JSON response into the pointer
// into returns for its status; into returning nil (a status without
// content) discards the body. It returns the status. Generated methods of
// operations whose success responses differ by status use it to fill
// one field per status.
//
// For generated code.
func DecodeFunc(ctx context.Context, s *Session, call *Call, into func(status int) any, opts ...Option) (int, error) {
	resp, buf, cfg, err := s.body(ctx, call, opts)
	if err != nil {
		return 0, err
	}
	defer s.putBuf(buf)
	b := trimBOM(buf.Bytes())
	dst := into(resp.StatusCode)
	if dst == nil || len(b) == 0 || resp.StatusCode == http.StatusNoContent {
		return resp.StatusCode, nil
	}
	if err := Unmarshal(b, dst); err != nil {
		return resp.StatusCode, &DecodeError{Method: call.Method, URL: redactURL(resp.Request.URL, cfg.redact), StatusCode: resp.StatusCode, Body: bounded(b), Err: err}
	}
	return resp.StatusCode, nil
}

// Stream sends call and returns an iterator over the server-sent events
// of a text/event-stream response, each decoded into a T: the event's
// data as JSON, or as it is when T is string; T = Event yields the raw
// events. An error status, a transport error, a data field that does not
// decode (a *DecodeError) or an "error" event (a *StreamError) is yielded
// once and ends the iteration. When events decode as JSON, a data field
// that is exactly "[DONE]" ends the iteration without an error: the
// sentinel OpenAI's streams, and the many APIs that follow them, close
// with. The body is closed when the iteration ends, also when the loop
// breaks.
//
// For generated code.
func Stream[T any](ctx context.Context, s *Session, call *Call, opts ...Option) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		resp, err := s.Do(ctx, call, opts...)
		if err != nil {
			yield(zero, err)
			return
		}
		for ev, err := range Events(resp) {
			if err != nil {
				yield(zero, err)
				return
			}
			var v T
			switch p := any(&v).(type) {
			case *Event:
				*p = ev
			case *string:
				*p = ev.Data
			default:
				if ev.Data == "[DONE]" {
					return
				}
				if err := Unmarshal([]byte(ev.Data), &v); err != nil {
					yield(zero, &DecodeError{Method: call.Method, URL: redactURL(resp.Request.URL, nil), StatusCode: resp.StatusCode, Body: bounded([]byte(ev.Data)), Err: err})
					return
				}
			}
			if !yield(v, nil) {
				return
			}
		}
	}
}

// ErrInvalidValue is returned (wrapped) when an argument of an enum type
// holds a value the API does not document.
var ErrInvalidValue = errors.New("invalid value")

// IsOneOf reports whether v is one of values: the Valid method of a
// generated string enum.
//
// It is not inlined: a call is smaller than the loop, in each Valid and
// again in its pointer wrapper.
//
// For generated code.
//
//go:noinline
func IsOneOf(v string, values []string) bool {
	for _, s := range values {
		if s == v {
			return true
		}
	}
	return false
}

// Check records an error when v, or an element of it when it is a slice,
// or its value when it is a set Opt, has a Valid method that reports
// false: generated methods call it for every enum-typed argument, so a
// mistyped value fails before any I/O. name is the argument's name.
func (c *Call) Check(name string, v any) *Call {
	if err := checkValid(v); err != nil {
		c.fail(fmt.Errorf("runtime: %s: %w", name, err))
	}
	return c
}

func checkValid(v any) error {
	if inner, set, ok := optionalOf(v); ok {
		if !set {
			return nil
		}
		v = inner
	}
	if x, ok := v.(interface{ Valid() bool }); ok {
		if !x.Valid() {
			return fmt.Errorf("%w %q", ErrInvalidValue, fmt.Sprint(v))
		}
		return nil
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Slice {
		for i := range rv.Len() {
			if err := checkValid(rv.Index(i).Interface()); err != nil {
				return fmt.Errorf("element %d: %w", i, err)
			}
		}
	}
	return nil
}

// Paging configures AllPaged: how an operation's pages are selected and
// where the items are (the x-pagination extension of the document).
//
// For generated code.
type Paging struct {
	// Kind is "link" (the next page is the RFC 8288 Link rel="next"
	// header's target, as All follows it; only Items applies), "cursor"
	// (the next page's Param is a value read from the response at
	// Cursor) or "offset" (Param grows by the number of items received,
	// from the call's own value or 0) or "page" (Param grows by one,
	// from the call's own value or 1); "url" is below.
	Kind  string
	Param string // the query parameter that selects the page
	// Cursor is the dotted path of the next cursor in the response body
	// ("meta.next_cursor"); a missing, null or empty cursor ends the
	// iteration.
	Cursor string
	// Items is the dotted path of the array of items in the response
	// body; "" when the body is the array.
	Items string
	// CursorItem, for Kind "cursor", names the property of the last item
	// of a page that is the next cursor (Stripe's starting_after=<id>),
	// instead of Cursor.
	CursorItem string
	// HasMore is the dotted path of a boolean in the response body that
	// says whether another page follows ("has_more"); false ends the
	// iteration. "" when the body has none.
	HasMore string
}

// A Paging Kind "url" follows the URL the response body holds at Cursor
// ("nextLink", "@odata.nextLink", "links.next"), resolved against the
// page's URL; like a Link header, it must stay on the call's origin
// (ErrCrossOriginLink). A dotted path's keys may themselves contain dots
// ("@odata.nextLink"): the longest key present wins.

// AllPaged returns an iterator over the items of every page of call, as
// p describes. Each page is its own request under ctx; only one page is
// held in memory. The iteration ends on an empty page, on a missing
// cursor, after the first error (yielded once, a repeated cursor is
// ErrPaginationLoop) or when the loop breaks; WithMaxPages bounds it.
// With Kind "link" it is All (AllAt when Items is set), whose pages end
// with the last Link rel="next" instead.
//
// For generated code.
//
//go:noinline
func AllPaged[T any](ctx context.Context, s *Session, call *Call, p Paging, opts ...Option) iter.Seq2[T, error] {
	// AllPaged is also the loop of All and AllAt, and the only code
	// compiled per item type (TestPagingCompiledPerItemType): the
	// fetching and decoding are pullPages', so that no callback of it is
	// compiled per item type too (a generic function's closures are
	// compiled again for each item type in every package that
	// instantiates it). Generated code calls it for every kind of
	// paging, so that each item type costs one entry point, not one per
	// kind. It is not inlined, so that its closure is compiled once per
	// item type rather than once per operation.
	return func(yield func(T, error) bool) {
		var page []T
		next, stop := s.pullPages(ctx, call, &p, opts, &page)
		defer stop()
		for {
			more, err := next()
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			if !more {
				return
			}
			for _, it := range page {
				if !yield(it, nil) {
					return
				}
			}
		}
	}
}

// walkPaged is the part of AllPaged that does not depend on the item
// type: it fetches the pages p describes, decodes the items of each into
// dst (a *[]T) and calls visit, which returns false to stop. It returns
// the first error.
func (s *Session) walkPaged(ctx context.Context, call *Call, p Paging, opts []Option, dst any, visit func() bool) error {
	cfg, err := s.callConfig(opts)
	if err == nil && call == nil {
		err = errNilCall
	}
	if err != nil {
		return err
	}
	items := reflect.ValueOf(dst).Elem()
	seen := map[string]bool{}
	cur := call
	num := 0
	if v := call.Query.Get(p.Param); v != "" {
		num, _ = strconv.Atoi(v)
	} else if p.Kind == "page" {
		num = 1
	}
	for n := 1; ; n++ {
		resp, buf, _, err := s.body(ctx, cur, opts)
		if err != nil {
			return err
		}
		b := append([]byte(nil), trimBOM(buf.Bytes())...)
		s.putBuf(buf)
		decodeErr := func(err error) error {
			return &DecodeError{Method: cur.Method, URL: redactURL(resp.Request.URL, cfg.redact), StatusCode: resp.StatusCode, Body: bounded(b), Err: err}
		}
		items.SetZero()
		if raw, ok := jsonPath(b, p.Items); ok {
			if err := Unmarshal(raw, dst); err != nil {
				return decodeErr(err)
			}
		}
		if !visit() {
			return nil
		}
		if p.HasMore != "" {
			if raw, ok := jsonPath(b, p.HasMore); !ok || string(raw) != "true" {
				return nil
			}
		}
		var next string
		switch p.Kind {
		case "cursor", "url":
			path, from := p.Cursor, b
			if p.CursorItem != "" {
				path, from = p.CursorItem, lastItem(b, p.Items)
			}
			raw, ok := jsonPath(from, path)
			if ok {
				var sv any
				if err := json.Unmarshal(raw, &sv); err != nil {
					return decodeErr(err)
				}
				switch x := sv.(type) {
				case string:
					next = x
				case nil:
				default:
					next = string(raw)
				}
			}
		case "page":
			num++
			next = strconv.Itoa(num)
		default:
			num += items.Len()
			next = strconv.Itoa(num)
		}
		if next == "" || items.Len() == 0 {
			return nil
		}
		if seen[next] {
			return fmt.Errorf("%w: %s=%s", ErrPaginationLoop, p.Param, next)
		}
		seen[next] = true
		if cfg.maxPages > 0 && n >= cfg.maxPages {
			return fmt.Errorf("%w (%d)", ErrMaxPages, cfg.maxPages)
		}
		if p.Kind == "url" {
			u, err := resp.Request.URL.Parse(next)
			if err != nil {
				return decodeErr(fmt.Errorf("next page URL at %s: %w", p.Cursor, err))
			}
			if !inScope(cfg.trusted, u) {
				return fmt.Errorf("%w: %s", ErrCrossOriginLink, redactURL(u, cfg.redact))
			}
			cur = &Call{Method: http.MethodGet, Header: call.Header, Cookies: call.Cookies,
				Security: call.Security, ErrorModel: call.ErrorModel, abs: u}
			continue
		}
		cur = withQuery(call, p.Param, next)
	}
}

// withQuery returns a copy of call with the query parameter name set to
// value, replacing any value the call had for it.
func withQuery(call *Call, name, value string) *Call {
	c := *call
	c.Query = url.Values{}
	for k, v := range call.Query {
		c.Query[k] = v
	}
	c.Query.Set(name, value)
	prefix := escape(name, "") + "="
	c.rawQuery = nil
	for _, kv := range call.rawQuery {
		if !strings.HasPrefix(kv, prefix) {
			c.rawQuery = append(c.rawQuery, kv)
		}
	}
	return &c
}

// jsonPath returns the JSON value at a dotted path of object keys in b;
// "" is b itself.
func jsonPath(b []byte, path string) (json.RawMessage, bool) {
	raw := json.RawMessage(b)
	if path == "" {
		return raw, len(b) > 0
	}
	for path != "" {
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(raw, &obj); err != nil {
			return nil, false
		}
		key, rest := path, ""
		for {
			if v, ok := obj[key]; ok {
				raw, path = v, rest
				break
			}
			i := strings.LastIndexByte(key, '.')
			if i < 0 {
				return nil, false
			}
			key, rest = key[:i], path[i+1:]
		}
	}
	return raw, true
}

// lastItem returns the last element of the items array of page b, or nil.
func lastItem(b []byte, items string) []byte {
	raw, ok := jsonPath(b, items)
	if !ok {
		return nil
	}
	var all []json.RawMessage
	if json.Unmarshal(raw, &all) != nil || len(all) == 0 {
		return nil
	}
	return all[len(all)-1]
}
