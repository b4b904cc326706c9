package runtime

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// WithCache gives the session a private HTTP cache (RFC 9111) for GET
// and HEAD, kept in store (nil: a MemoryCache of DefaultCacheSize).
// Valid only in New; sessions derived with With share it.
//
//   - A fresh stored response (Cache-Control max-age, else Expires minus
//     Date, less its Age) is returned without a request. no-cache,
//     must-revalidate and a response without freshness information are
//     revalidated on every use; no freshness is guessed from
//     Last-Modified, and a stale response is never served, not even when
//     the server cannot be reached.
//   - A stale one is revalidated: the session sends If-None-Match (its
//     ETag) and If-Modified-Since (its Last-Modified) itself, and a 304
//     returns the stored body as the 200 it was, with the headers of the
//     304 merged in and stored (GitHub does not count such requests
//     against the rate limit).
//   - Vary is honoured: one entry per value of the headers it names;
//     Vary: * is not stored. Responses for different credentials
//     (Authorization, Cookie, API-key headers and query parameters,
//     every name WithRedactNames adds) never share an entry. Requests
//     signed per attempt (SigV4, a SignerFunc) bypass the cache.
//   - no-store is never stored; a request's Cache-Control: no-cache (or
//     max-age=0) revalidates, no-store bypasses the cache. A response is
//     stored only once its whole body was read: a call cancelled or
//     failed midway stores nothing. Set-Cookie is not stored.
//   - A successful (2xx, 3xx) POST, PUT, PATCH, DELETE or other unsafe
//     method invalidates what is stored for its URI, and for its
//     Location and Content-Location on the same host.
//   - A 304 to the caller's own If-None-Match or If-Modified-Since is
//     still a NotModifiedError; when a fresh stored response matches
//     them it is given without a request.
//
// Responses carry a Cache-Status header (RFC 9211): "genclient; hit",
// "genclient; fwd=stale; fwd-status=304" after a revalidation, or
// "genclient; fwd=uri-miss" (or vary-miss, request, bypass). Stored
// statuses: 200, 203, 204, 300, 301, 308, 404, 410.
func WithCache(store CacheStore) Option {
	return func(cfg *config) error {
		if err := newOnly(cfg, "WithCache"); err != nil {
			return err
		}
		if store == nil {
			store = NewMemoryCache(0)
		}
		cfg.newCache = func(clock Clock) roundTripCache { return newHTTPCache(store, clock) }
		return nil
	}
}

// roundTripCache is the cache as the credentials' transport sees it:
// an interface, so that a program that never calls WithCache links none
// of it.
type roundTripCache interface {
	roundTrip(req *http.Request, next http.RoundTripper, names map[string]bool) (*http.Response, error)
	bypass(req *http.Request, next http.RoundTripper, names map[string]bool) (*http.Response, error)
}

const (
	defaultMaxCacheEntry = 1 << 20
	maxVariants          = 16 // stored responses per URI; the oldest goes
	cacheStatusName      = "Cache-Status"
)

// httpCache is the session's cache, between the credentials and the
// pool: it sees every hop with its final credentials.
type httpCache struct {
	store    CacheStore
	clock    Clock
	maxEntry int64
	locks    [32]sync.Mutex // writers of one URI's index, by key
}

func newHTTPCache(store CacheStore, clock Clock) *httpCache {
	c := &httpCache{store: store, clock: clock, maxEntry: defaultMaxCacheEntry}
	if m, ok := store.(interface{ MaxEntrySize() int64 }); ok {
		c.maxEntry = m.MaxEntrySize()
	}
	return c
}

func (c *httpCache) lock(primary string) *sync.Mutex {
	m := &c.locks[(int(primary[0])<<8|int(primary[1]))%len(c.locks)]
	m.Lock()
	return m
}

func cacheableMethod(m string) bool { return m == http.MethodGet || m == http.MethodHead }

func safeMethod(m string) bool {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodTrace:
		return true
	}
	return false
}

// bypass sends req past the cache; an unsafe method still invalidates.
func (c *httpCache) bypass(req *http.Request, next http.RoundTripper, names map[string]bool) (*http.Response, error) {
	resp, err := next.RoundTrip(req)
	if err == nil {
		c.afterUnsafe(req, resp, names)
		if cacheableMethod(req.Method) {
			setCacheStatus(resp, "fwd=bypass")
		}
	}
	return resp, err
}

func (c *httpCache) afterUnsafe(req *http.Request, resp *http.Response, names map[string]bool) {
	if safeMethod(req.Method) || resp.StatusCode >= 400 {
		return
	}
	c.invalidate(req.URL, names)
	for _, h := range []string{"Location", "Content-Location"} {
		if v := resp.Header.Get(h); v != "" {
			if u, err := req.URL.Parse(v); err == nil && strings.EqualFold(u.Host, req.URL.Host) {
				c.invalidate(u, names)
			}
		}
	}
}

// invalidate drops every stored response of u, for every credential.
func (c *httpCache) invalidate(u *url.URL, names map[string]bool) {
	norm, _ := cacheURL(u, names)
	for _, m := range []string{http.MethodGet, http.MethodHead} {
		p := primaryKey(m, norm)
		mu := c.lock(p)
		if b, ok := c.store.Get(p); ok {
			c.store.Delete(p)
			if vs, err := decodeIndex(b); err == nil {
				for _, v := range vs {
					c.store.Delete(v.key)
				}
			}
		}
		mu.Unlock()
	}
}

func hashKey(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(strconv.Itoa(len(p))))
		h.Write([]byte{':'})
		h.Write([]byte(p))
	}
	return hex.EncodeToString(h.Sum(nil))
}

func primaryKey(method, norm string) string { return hashKey("uri", method, norm) }

// cacheURL returns the URI a response is stored under, without the
// query parameters that carry credentials, and those parameters.
func cacheURL(u *url.URL, names map[string]bool) (norm string, credQuery []string) {
	q := u.RawQuery
	if q != "" {
		parts := strings.Split(q, "&")
		kept := parts[:0]
		for _, kv := range parts {
			k, _, _ := strings.Cut(kv, "=")
			if name, err := url.QueryUnescape(k); err == nil && isRedacted(names, name) {
				credQuery = append(credQuery, kv)
				continue
			}
			kept = append(kept, kv)
		}
		q = strings.Join(kept, "&")
	}
	return strings.ToLower(u.Scheme) + "://" + strings.ToLower(u.Host) + u.EscapedPath() + "?" + q, credQuery
}

// credential identifies who asks: a hash of every header and query
// parameter that carries a credential, and of the URL's userinfo; ""
// for an anonymous request.
func credential(req *http.Request, credQuery []string, names map[string]bool) string {
	var parts []string
	for k, vs := range req.Header {
		if isRedacted(names, k) {
			parts = append(parts, "h:"+strings.ToLower(k)+"="+strings.Join(vs, "\n"))
		}
	}
	for _, kv := range credQuery {
		parts = append(parts, "q:"+kv)
	}
	if req.URL.User != nil {
		parts = append(parts, "u:"+req.URL.User.String())
	}
	if len(parts) == 0 {
		return ""
	}
	slices.Sort(parts)
	return hashKey(parts...)
}

// varyValues are the request's values of the headers a Vary names,
// normalised as RFC 9111 §4.1 allows (joined, spaces trimmed).
func varyValues(h http.Header, names []string) []string {
	vals := make([]string, len(names))
	for i, n := range names {
		vs := h.Values(n)
		for j := range vs {
			vs[j] = strings.TrimSpace(vs[j])
		}
		vals[i] = strings.Join(vs, ", ")
	}
	return vals
}

// varyNames parses the Vary lines of a response; star reports "*".
func varyNames(h http.Header) (names []string, star bool) {
	for _, line := range h["Vary"] {
		for _, n := range strings.Split(line, ",") {
			n = strings.TrimSpace(n)
			switch n {
			case "":
			case "*":
				star = true
			default:
				names = append(names, http.CanonicalHeaderKey(n))
			}
		}
	}
	slices.Sort(names)
	return slices.Compact(names), star
}

// lookupKey is what identifies a request in the cache.
type lookupKey struct {
	primary, norm, cred string
}

// lookup returns the most recently stored response matching req.
func (c *httpCache) lookup(k lookupKey, req *http.Request) (*cacheEntry, *cacheVariant, bool) {
	b, ok := c.store.Get(k.primary)
	if !ok {
		return nil, nil, false
	}
	vs, err := decodeIndex(b)
	if err != nil {
		return nil, nil, false
	}
	for i := len(vs) - 1; i >= 0; i-- {
		v := &vs[i]
		if v.cred != k.cred || !slices.Equal(varyValues(req.Header, v.vary), v.values) {
			continue
		}
		eb, ok := c.store.Get(v.key)
		if !ok {
			return nil, nil, true
		}
		e, err := decodeEntry(eb)
		if err != nil {
			return nil, nil, true
		}
		return e, v, true
	}
	return nil, nil, true
}

// roundTrip answers req from the cache, revalidates, or forwards it and
// stores the response. names are the session's extra redacted names.
func (c *httpCache) roundTrip(req *http.Request, next http.RoundTripper, names map[string]bool) (*http.Response, error) {
	if !cacheableMethod(req.Method) {
		return c.bypass(req, next, names)
	}
	reqCC := parseCacheControl(req.Header["Cache-Control"])
	if reqCC.noStore || req.Header.Get("Range") != "" {
		return c.bypass(req, next, names)
	}
	norm, credQuery := cacheURL(req.URL, names)
	k := lookupKey{primary: primaryKey(req.Method, norm), norm: norm, cred: credential(req, credQuery, names)}
	ent, variant, known := c.lookup(k, req)
	now := c.clock.Now()
	callerCond := conditional(req)
	status := "fwd=uri-miss"
	if known {
		status = "fwd=vary-miss"
	}
	if ent != nil {
		noCache := reqCC.noCache || reqCC.hasMaxAge && reqCC.maxAge == 0 ||
			len(req.Header["Cache-Control"]) == 0 && strings.EqualFold(req.Header.Get("Pragma"), "no-cache")
		age := currentAge(ent.header, ent.reqTime, ent.respTime, now)
		fresh := freshness(ent.header, ent.respTime) > age
		if reqCC.hasMaxAge && age > time.Duration(reqCC.maxAge)*time.Second {
			fresh = false
		}
		switch {
		case fresh && !noCache && callerCond && ent.matches(req):
			return ent.response(req, http.StatusNotModified, age, "hit"), nil
		case fresh && !noCache:
			return ent.response(req, ent.status, age, "hit"), nil
		case noCache:
			status = "fwd=request"
		default:
			status = "fwd=stale"
		}
	}
	out := req
	validating := false
	if ent != nil && !callerCond {
		etag, lm := ent.header.Get("Etag"), ent.header.Get("Last-Modified")
		if etag != "" || lm != "" {
			out = req.Clone(req.Context())
			if etag != "" {
				out.Header.Set("If-None-Match", etag)
			}
			if lm != "" {
				out.Header.Set("If-Modified-Since", lm)
			}
			validating = true
		}
	}
	resp, err := next.RoundTrip(out)
	if err != nil {
		return nil, err
	}
	respTime := c.clock.Now()
	if resp.StatusCode == http.StatusNotModified && ent != nil && (validating || callerCond && ent.matches(req)) && sameValidator(resp.Header, ent.header) {
		ent.update(resp.Header, now, respTime)
		drainClose(resp.Body)
		c.put(k, variant, ent)
		if callerCond {
			r := ent.response(req, http.StatusNotModified, currentAge(ent.header, ent.reqTime, ent.respTime, respTime), status+"; fwd-status=304")
			return r, nil
		}
		return ent.response(req, ent.status, currentAge(ent.header, ent.reqTime, ent.respTime, respTime), status+"; fwd-status=304"), nil
	}
	if resp.StatusCode == http.StatusNotModified && validating {
		// The 304 is about another representation than the one
		// stored: ask again without conditions.
		drainClose(resp.Body)
		now = c.clock.Now()
		if resp, err = next.RoundTrip(req); err != nil {
			return nil, err
		}
		respTime = c.clock.Now()
	}
	setCacheStatus(resp, status+"; fwd-status="+strconv.Itoa(resp.StatusCode))
	c.maybeStore(k, req, resp, now, respTime)
	return resp, nil
}

func setCacheStatus(resp *http.Response, s string) {
	if resp.Header == nil {
		resp.Header = http.Header{}
	}
	resp.Header.Set(cacheStatusName, "genclient; "+s)
}

func drainClose(rc io.ReadCloser) {
	if rc != nil {
		_, _ = io.CopyN(io.Discard, rc, 4<<10)
		_ = rc.Close()
	}
}

// sameValidator reports whether a 304 is about the stored response: its
// ETag, when it has one, is the stored one (weak comparison).
func sameValidator(h304, stored http.Header) bool {
	e := h304.Get("Etag")
	return e == "" || weakETag(e) == weakETag(stored.Get("Etag"))
}

func weakETag(e string) string { return strings.TrimPrefix(strings.TrimSpace(e), "W/") }

// matches evaluates the caller's If-None-Match (else If-Modified-Since)
// against a stored response (RFC 9110 §13.2.2): true means 304.
func (e *cacheEntry) matches(req *http.Request) bool {
	if inm := req.Header.Values("If-None-Match"); len(inm) > 0 {
		etag := weakETag(e.header.Get("Etag"))
		for _, line := range inm {
			for _, t := range strings.Split(line, ",") {
				t = strings.TrimSpace(t)
				if t == "*" || etag != "" && weakETag(t) == etag {
					return true
				}
			}
		}
		return false
	}
	ims, err := http.ParseTime(req.Header.Get("If-Modified-Since"))
	if err != nil {
		return false
	}
	lm, err := http.ParseTime(e.header.Get("Last-Modified"))
	return err == nil && !lm.After(ims)
}

// response is a stored response as the answer to req.
func (e *cacheEntry) response(req *http.Request, status int, age time.Duration, cacheStatus string) *http.Response {
	h := e.header.Clone()
	h.Set("Age", strconv.FormatInt(int64(age/time.Second), 10))
	h.Set(cacheStatusName, "genclient; "+cacheStatus)
	resp := &http.Response{
		Status: strconv.Itoa(status) + " " + http.StatusText(status), StatusCode: status,
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: h, Request: req, Body: http.NoBody,
	}
	if status == http.StatusNotModified || req.Method == http.MethodHead {
		resp.ContentLength = 0
		if cl, err := strconv.ParseInt(h.Get("Content-Length"), 10, 64); err == nil && req.Method == http.MethodHead {
			resp.ContentLength = cl
		}
		return resp
	}
	resp.ContentLength = int64(len(e.body))
	h.Set("Content-Length", strconv.Itoa(len(e.body)))
	if len(e.body) > 0 {
		resp.Body = io.NopCloser(bytes.NewReader(e.body))
	}
	return resp
}

// notStored are the headers a stored response does not keep, or does
// not take from a 304 (RFC 9111 §3.1, §3.2).
var notStored = map[string]bool{
	"Connection": true, "Keep-Alive": true, "Proxy-Connection": true, "Te": true, "Trailer": true,
	"Transfer-Encoding": true, "Upgrade": true, "Proxy-Authenticate": true, "Set-Cookie": true,
	cacheStatusName: true,
}

var notUpdated = map[string]bool{"Content-Length": true, "Content-Encoding": true, "Content-Range": true}

func storedHeader(h http.Header) http.Header {
	out := make(http.Header, len(h))
	for k, vs := range h {
		if !notStored[k] {
			out[k] = slices.Clone(vs)
		}
	}
	return out
}

// update merges the header of a 304 into e (RFC 9111 §3.2); the
// response's age starts again.
func (e *cacheEntry) update(h304 http.Header, reqTime, respTime time.Time) {
	delete(e.header, "Age") // the 304's, if any, is the age now
	for k, vs := range h304 {
		if !notStored[k] && !notUpdated[k] {
			e.header[k] = slices.Clone(vs)
		}
	}
	e.reqTime, e.respTime = reqTime, respTime
}

var cacheableStatus = map[int]bool{200: true, 203: true, 204: true, 300: true, 301: true, 308: true, 404: true, 410: true}

// storable reports whether resp may be stored, and with which Vary names.
func storable(resp *http.Response) ([]string, bool) {
	if !cacheableStatus[resp.StatusCode] {
		return nil, false
	}
	cc := parseCacheControl(resp.Header["Cache-Control"])
	if cc.noStore {
		return nil, false
	}
	vary, star := varyNames(resp.Header)
	if star {
		return nil, false
	}
	useful := cc.hasMaxAge || cc.noCache || resp.Header.Get("Expires") != "" ||
		resp.Header.Get("Etag") != "" || resp.Header.Get("Last-Modified") != ""
	return vary, useful
}

// maybeStore arranges for resp to be stored once its body was read to
// the end; a no-store response drops what is stored for the URI.
func (c *httpCache) maybeStore(k lookupKey, req *http.Request, resp *http.Response, reqTime, respTime time.Time) {
	vary, ok := storable(resp)
	if !ok {
		if parseCacheControl(resp.Header["Cache-Control"]).noStore {
			c.dropVariant(k, req)
		}
		return
	}
	ent := &cacheEntry{reqTime: reqTime, respTime: respTime, status: resp.StatusCode, header: storedHeader(resp.Header)}
	v := &cacheVariant{cred: k.cred, vary: vary, values: varyValues(req.Header, vary)}
	if req.Method == http.MethodHead || resp.Body == nil || resp.Body == http.NoBody || resp.ContentLength == 0 {
		c.put(k, v, ent)
		return
	}
	if resp.ContentLength > c.maxEntry {
		return
	}
	resp.Body = &cacheFill{rc: resp.Body, limit: c.maxEntry, length: resp.ContentLength, done: func(body []byte) {
		ent.body = body
		c.put(k, v, ent)
	}}
}

// put stores ent as the variant v of k's URI, replacing the variants it
// supersedes.
func (c *httpCache) put(k lookupKey, v *cacheVariant, ent *cacheEntry) {
	parts := append([]string{"entry", k.primary, v.cred}, v.vary...)
	v.key = hashKey(append(parts, v.values...)...)
	mu := c.lock(k.primary)
	defer mu.Unlock()
	var vs []cacheVariant
	if b, ok := c.store.Get(k.primary); ok {
		vs, _ = decodeIndex(b)
	}
	vs = slices.DeleteFunc(vs, func(o cacheVariant) bool { return o.key == v.key })
	if len(vs) >= maxVariants {
		c.store.Delete(vs[0].key)
		vs = vs[1:]
	}
	vs = append(vs, *v)
	c.store.Set(v.key, encodeEntry(ent))
	c.store.Set(k.primary, encodeIndex(vs))
}

// dropVariant removes the stored responses req would be given.
func (c *httpCache) dropVariant(k lookupKey, req *http.Request) {
	mu := c.lock(k.primary)
	defer mu.Unlock()
	b, ok := c.store.Get(k.primary)
	if !ok {
		return
	}
	vs, err := decodeIndex(b)
	if err != nil {
		c.store.Delete(k.primary)
		return
	}
	vs = slices.DeleteFunc(vs, func(o cacheVariant) bool {
		if o.cred == k.cred && slices.Equal(varyValues(req.Header, o.vary), o.values) {
			c.store.Delete(o.key)
			return true
		}
		return false
	})
	if len(vs) == 0 {
		c.store.Delete(k.primary)
		return
	}
	c.store.Set(k.primary, encodeIndex(vs))
}

// cacheFill copies a body as it is read and stores it when the read
// reaches its end; a body closed early, failing or too large is not
// stored.
type cacheFill struct {
	rc     io.ReadCloser
	buf    []byte
	limit  int64
	length int64 // Content-Length, -1 if unknown
	done   func([]byte)
	mu     sync.Mutex // Close may come from another goroutine (a read-idle timeout)
	over   bool
	failed bool
	stored bool
}

func (f *cacheFill) Read(p []byte) (int, error) {
	n, err := f.rc.Read(p)
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.over && !f.failed {
		if int64(len(f.buf)+n) > f.limit {
			f.over, f.buf = true, nil
		} else {
			f.buf = append(f.buf, p[:n]...)
		}
	}
	switch {
	case err == io.EOF:
		f.commit()
	case err != nil:
		f.failed = true
	}
	return n, err
}

func (f *cacheFill) commit() {
	if f.stored || f.over || f.failed || f.length >= 0 && int64(len(f.buf)) != f.length {
		return
	}
	f.stored = true
	f.done(f.buf)
}

// Close stores a body read to its declared length even if the reader
// stopped before seeing EOF (a gzip reader does).
func (f *cacheFill) Close() error {
	f.mu.Lock()
	if f.length >= 0 {
		f.commit()
	}
	f.failed = true // nothing read after Close is stored
	f.mu.Unlock()
	return f.rc.Close()
}
