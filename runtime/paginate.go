package runtime

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"iter"
	"net/http"
	"net/url"
	"reflect"
)

// Pagination errors.
var (
	// ErrPaginationLoop is returned when a next link points to a page
	// already fetched (a server echoing the same cursor).
	ErrPaginationLoop = errors.New("runtime: pagination loop: next link repeats a page already fetched")
	// ErrCrossOriginLink is returned when a next link leaves the trusted
	// origins (see WithTrustedOrigins).
	ErrCrossOriginLink = errors.New("runtime: next link points to an untrusted origin")
	// ErrMaxPages is returned when WithMaxPages stopped the iteration
	// while more pages remained.
	ErrMaxPages = errors.New("runtime: more pages remain after MaxPages")
)

// Page is one page of a paginated list.
type Page[T any] struct {
	Items  []T
	URL    *url.URL    // the page's URL, after redirects
	Next   *url.URL    // the rel="next" target, or nil on the last page
	Header http.Header // the response header
}

// All returns an iterator over the items of every page of call: each 2xx
// page is decoded as a JSON array of T and the RFC 8288 Link rel="next"
// is followed. Each page is its own Do under ctx (retries and credentials
// apply per page); only one page is held in memory. The iteration ends
// after the last page, after the first error (yielded once), or when the
// loop body breaks; no response body stays open in any case.
//
// A next link to an origin outside the trusted ones yields
// ErrCrossOriginLink; one to a page already fetched yields
// ErrPaginationLoop; WithMaxPages bounds the pages.
//
// It is AllPaged with Paging{Kind: "link"}, which is what generated code
// now calls (one entry point per item type); All stays for code generated
// earlier.
//
// For generated code.
func All[T any](ctx context.Context, s *Session, call *Call, opts ...Option) iter.Seq2[T, error] {
	return AllPaged[T](ctx, s, call, Paging{Kind: "link"}, opts...)
}

// AllAt is All for APIs whose pages are JSON objects holding the items
// in the property items (a dotted path, as in Paging.Items): a page
// without it has none. It is AllPaged with Paging{Kind: "link", Items:
// items}.
//
// For generated code.
func AllAt[T any](ctx context.Context, s *Session, call *Call, items string, opts ...Option) iter.Seq2[T, error] {
	return AllPaged[T](ctx, s, call, Paging{Kind: "link", Items: items}, opts...)
}

// pullPages turns paginate's callback into a pull: each call of next
// fetches the next page, decodes its items into dst (a *[]T) and reports
// whether there was one, or the error that ended the iteration; stop
// ends it early (its response bodies are closed). The caller must call
// stop.
func (s *Session) pullPages(ctx context.Context, call *Call, p *Paging, opts []Option, dst any) (next func() (bool, error), stop func()) {
	pull, stop := iter.Pull2(func(yield func(bool, error) bool) {
		if err := s.paginate(ctx, call, p, opts, dst, func() bool { return yield(true, nil) }); err != nil {
			yield(false, err)
		}
	})
	return func() (bool, error) {
		more, err, _ := pull() // false, nil once the pages are done
		return more, err
	}, stop
}

// paginate fetches the pages of call one by one, as p says, decodes the
// items of each into dst (a *[]T) and calls visit, which returns false to
// stop. It returns the first error.
func (s *Session) paginate(ctx context.Context, call *Call, p *Paging, opts []Option, dst any, visit func() bool) error {
	if p.Kind != "link" {
		return s.walkPaged(ctx, call, *p, opts, dst, visit)
	}
	items := p.Items
	return s.walkPages(ctx, call, opts, func(pg *rawPage) (bool, error) {
		reflect.ValueOf(dst).Elem().SetZero()
		if items == "" {
			if err := pg.decode(dst); err != nil {
				return false, err
			}
			return visit(), nil
		}
		if len(pg.body) == 0 || pg.status == http.StatusNoContent {
			return visit(), nil
		}
		b := trimBOM(pg.body)
		raw, ok := jsonPath(b, items)
		if !ok {
			// No items; a body that is not a JSON object is an error.
			var obj map[string]json.RawMessage
			if err := Unmarshal(b, &obj); err != nil {
				return false, pg.decodeError(err)
			}
			return visit(), nil
		}
		if err := Unmarshal(raw, dst); err != nil {
			return false, pg.decodeError(err)
		}
		return visit(), nil
	})
}

// AllFunc is All for APIs whose pages are JSON objects of type P that
// hold the items: items extracts them, such as
// func(p *ListPets) []Pet { return p.Items }.
//
// For generated code.
func AllFunc[P, T any](ctx context.Context, s *Session, call *Call, items func(*P) []T, opts ...Option) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		err := s.walkPages(ctx, call, opts, func(pg *rawPage) (bool, error) {
			var p P
			if err := pg.decode(&p); err != nil {
				return false, err
			}
			for _, it := range items(&p) {
				if !yield(it, nil) {
					return false, nil
				}
			}
			return true, nil
		})
		if err != nil {
			var zero T
			yield(zero, err)
		}
	}
}

// Pages is like All but yields whole pages, with their URL, next link and
// headers.
//
// For generated code.
func Pages[T any](ctx context.Context, s *Session, call *Call, opts ...Option) iter.Seq2[*Page[T], error] {
	return PagesFunc(ctx, s, call, func(p *[]T) []T { return *p }, opts...)
}

// PagesFunc is Pages for pages of type P holding their items.
//
// For generated code.
func PagesFunc[P, T any](ctx context.Context, s *Session, call *Call, items func(*P) []T, opts ...Option) iter.Seq2[*Page[T], error] {
	return func(yield func(*Page[T], error) bool) {
		err := s.walkPages(ctx, call, opts, func(pg *rawPage) (bool, error) {
			var p P
			if err := pg.decode(&p); err != nil {
				return false, err
			}
			return yield(&Page[T]{Items: items(&p), URL: pg.url, Next: pg.next, Header: pg.header}, nil), nil
		})
		if err != nil {
			yield(nil, err)
		}
	}
}

// rawPage is one fetched page before decoding.
type rawPage struct {
	body      []byte // valid only during the visit
	status    int
	url, next *url.URL
	header    http.Header
	method    string
	redact    map[string]bool
}

// decode unmarshals the page's JSON body into v; an empty body or a 204
// leaves v as it is.
func (pg *rawPage) decode(v any) error {
	if len(pg.body) == 0 || pg.status == http.StatusNoContent {
		return nil
	}
	if err := Unmarshal(trimBOM(pg.body), v); err != nil {
		return pg.decodeError(err)
	}
	return nil
}

// decodeError is the error of a page whose body does not decode.
func (pg *rawPage) decodeError(err error) error {
	return &DecodeError{Method: pg.method, URL: redactURL(pg.url, pg.redact), StatusCode: pg.status, Body: bounded(pg.body), Err: err}
}

// walkPages fetches the pages of call one by one and hands each to visit,
// which returns false to stop; it is the part of pagination that does not
// depend on the item type, so generic instantiations stay small. It
// returns the first error of a fetch, of visit, or of the next link
// (cross-origin, loop, MaxPages).
func (s *Session) walkPages(ctx context.Context, call *Call, opts []Option, visit func(*rawPage) (bool, error)) error {
	cfg, err := s.callConfig(opts)
	if err == nil && call == nil {
		err = errNilCall
	}
	if err != nil {
		return err
	}
	seed := maphash.MakeSeed()
	seen := map[uint64]struct{}{}
	cur := call
	for n := 1; ; n++ {
		next, more, err := s.fetchPage(ctx, cur, cfg, opts, seen, seed, visit)
		if err != nil || !more || next == nil {
			return err
		}
		switch {
		case !inScope(cfg.trusted, next):
			return fmt.Errorf("%w: %s", ErrCrossOriginLink, redactURL(next, cfg.redact))
		case hasKey(seen, maphash.String(seed, next.String())):
			return fmt.Errorf("%w: %s", ErrPaginationLoop, redactURL(next, cfg.redact))
		case cfg.maxPages > 0 && n >= cfg.maxPages:
			return fmt.Errorf("%w (%d)", ErrMaxPages, cfg.maxPages)
		}
		cur = &Call{
			Method: http.MethodGet, Header: call.Header, Cookies: call.Cookies,
			Security: call.Security, ErrorModel: call.ErrorModel, abs: next,
		}
	}
}

func hasKey(m map[uint64]struct{}, k uint64) bool {
	_, ok := m[k]
	return ok
}

// fetchPage fetches one page, records its URL in seen and visits it. It
// returns the page's next link and whether visit wants more.
func (s *Session) fetchPage(ctx context.Context, call *Call, cfg *config, opts []Option, seen map[uint64]struct{}, seed maphash.Seed, visit func(*rawPage) (bool, error)) (*url.URL, bool, error) {
	resp, n, rcfg, cancel, err := s.do(ctx, call, opts)
	if err != nil {
		return nil, false, err
	}
	buf := s.getBuf()
	defer s.putBuf(buf)
	err = readBody(resp.Body, rcfg, buf)
	if cancel != nil {
		cancel()
	}
	u := resp.Request.URL
	if err != nil {
		return nil, false, &TransportError{Method: call.Method, URL: redactURL(u, cfg.redact), Sent: true, Timeout: isTimeout(err), Attempts: n, Err: err}
	}
	// Record the link followed as well as where redirects led, and
	// refuse a page reached again through a redirect before yielding it.
	if call.abs != nil {
		seen[maphash.String(seed, call.abs.String())] = struct{}{}
	}
	final := maphash.String(seed, u.String())
	if call.abs != nil && u.String() != call.abs.String() && hasKey(seen, final) {
		return nil, false, fmt.Errorf("%w: %s", ErrPaginationLoop, redactURL(u, cfg.redact))
	}
	seen[final] = struct{}{}
	next, _ := NextLink(resp.Header, u)
	more, err := visit(&rawPage{body: buf.Bytes(), status: resp.StatusCode, url: u, next: next, header: resp.Header, method: call.Method, redact: cfg.redact})
	return next, more, err
}
