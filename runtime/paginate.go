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
func All[T any](ctx context.Context, s *Session, call *Call, opts ...Option) iter.Seq2[T, error] {
	return AllFunc(ctx, s, call, func(p *[]T) []T { return *p }, opts...)
}

// AllFunc is All for APIs whose pages are JSON objects of type P that
// hold the items: items extracts them, such as
// func(p *ListPets) []Pet { return p.Items }.
func AllFunc[P, T any](ctx context.Context, s *Session, call *Call, items func(*P) []T, opts ...Option) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for page, err := range PagesFunc(ctx, s, call, items, opts...) {
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for _, it := range page.Items {
				if !yield(it, nil) {
					return
				}
			}
		}
	}
}

// Pages is like All but yields whole pages, with their URL, next link and
// headers.
func Pages[T any](ctx context.Context, s *Session, call *Call, opts ...Option) iter.Seq2[*Page[T], error] {
	return PagesFunc(ctx, s, call, func(p *[]T) []T { return *p }, opts...)
}

// PagesFunc is Pages for pages of type P holding their items.
func PagesFunc[P, T any](ctx context.Context, s *Session, call *Call, items func(*P) []T, opts ...Option) iter.Seq2[*Page[T], error] {
	return func(yield func(*Page[T], error) bool) {
		cfg, err := s.callConfig(opts)
		if err == nil && call == nil {
			err = errNilCall
		}
		if err != nil {
			yield(nil, err)
			return
		}
		seed := maphash.MakeSeed()
		seen := map[uint64]struct{}{}
		cur := call
		for n := 1; ; n++ {
			page, err := fetchPage(ctx, s, cur, cfg, items, opts)
			if err != nil {
				yield(nil, err)
				return
			}
			seen[maphash.String(seed, page.URL.String())] = struct{}{}
			next := page.Next
			if !yield(page, nil) || next == nil {
				return
			}
			switch {
			case !inScope(cfg.trusted, next):
				yield(nil, fmt.Errorf("%w: %s", ErrCrossOriginLink, redactURL(next, cfg.redact)))
				return
			case hasKey(seen, maphash.String(seed, next.String())):
				yield(nil, fmt.Errorf("%w: %s", ErrPaginationLoop, redactURL(next, cfg.redact)))
				return
			case cfg.maxPages > 0 && n >= cfg.maxPages:
				yield(nil, fmt.Errorf("%w (%d)", ErrMaxPages, cfg.maxPages))
				return
			}
			cur = &Call{
				Method: http.MethodGet, Header: call.Header, Cookies: call.Cookies,
				Security: call.Security, ErrorModel: call.ErrorModel, abs: next,
			}
		}
	}
}

func hasKey(m map[uint64]struct{}, k uint64) bool {
	_, ok := m[k]
	return ok
}

func fetchPage[P, T any](ctx context.Context, s *Session, call *Call, cfg *config, items func(*P) []T, opts []Option) (*Page[T], error) {
	resp, n, rcfg, cancel, err := s.do(ctx, call, opts)
	if err != nil {
		return nil, err
	}
	buf := s.getBuf()
	defer s.putBuf(buf)
	err = readBody(resp.Body, rcfg, buf)
	if cancel != nil {
		cancel()
	}
	u := resp.Request.URL
	if err != nil {
		return nil, &TransportError{Method: call.Method, URL: redactURL(u, cfg.redact), Sent: true, Timeout: isTimeout(err), Attempts: n, Err: err}
	}
	var p P
	if b := buf.Bytes(); len(b) > 0 && resp.StatusCode != http.StatusNoContent {
		if err := json.Unmarshal(b, &p); err != nil {
			return nil, &DecodeError{Method: call.Method, URL: redactURL(u, cfg.redact), StatusCode: resp.StatusCode, Body: bounded(b), Err: err}
		}
	}
	next, _ := NextLink(resp.Header, u)
	return &Page[T]{Items: items(&p), URL: u, Next: next, Header: resp.Header}, nil
}
