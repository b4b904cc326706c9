package runtime

import (
	"container/list"
	"encoding/binary"
	"errors"
	"net/http"
	"sync"
	"time"
)

// CacheStore keeps the entries of a session's HTTP cache (WithCache).
// Keys are 64 lower-case hex digits, usable as file names; values are
// bytes the cache encoded and decodes again, never modified once given
// to Set. Get reports a miss with false. A store that fails (a disk
// error, a value it cannot read) reports a miss and may drop a Set: the
// cache then asks the server. Implementations must be safe for
// concurrent use.
//
// Values hold response headers and bodies, which can be private: a disk
// store should create its files with mode 0600 in a directory of its
// own, write a value to a temporary file and rename it into place (so a
// crash leaves no half-written value), and bound its size itself. A
// store with a method MaxEntrySize() int64 bounds the responses the
// cache keeps in it (default 1 MiB).
type CacheStore interface {
	Get(key string) ([]byte, bool)
	Set(key string, value []byte)
	Delete(key string)
}

// MemoryCache is an in-memory CacheStore that drops the least recently
// used entries beyond a total size in bytes. It is safe for concurrent
// use.
type MemoryCache struct {
	mu   sync.Mutex
	max  int64
	size int64
	ll   *list.List // front: most recently used
	m    map[string]*list.Element
}

type memItem struct {
	key   string
	value []byte
}

// DefaultCacheSize is the size of the MemoryCache that WithCache(nil)
// makes.
const DefaultCacheSize = 32 << 20

// NewMemoryCache returns a MemoryCache holding at most maxBytes of keys
// and values (DefaultCacheSize when maxBytes <= 0).
func NewMemoryCache(maxBytes int64) *MemoryCache {
	if maxBytes <= 0 {
		maxBytes = DefaultCacheSize
	}
	return &MemoryCache{max: maxBytes, ll: list.New(), m: map[string]*list.Element{}}
}

// Get returns the value stored under key and marks it recently used.
func (c *MemoryCache) Get(key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.m[key]
	if !ok {
		return nil, false
	}
	c.ll.MoveToFront(el)
	return el.Value.(*memItem).value, true
}

// Set stores value under key, dropping the least recently used entries
// until the total fits. A value larger than the whole cache is not kept.
func (c *MemoryCache) Set(key string, value []byte) {
	n := int64(len(key) + len(value))
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.m[key]; ok {
		c.removeElement(el)
	}
	if n > c.max {
		return
	}
	c.m[key] = c.ll.PushFront(&memItem{key, value})
	c.size += n
	for c.size > c.max {
		c.removeElement(c.ll.Back())
	}
}

// Delete removes key.
func (c *MemoryCache) Delete(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.m[key]; ok {
		c.removeElement(el)
	}
}

func (c *MemoryCache) removeElement(el *list.Element) {
	it := el.Value.(*memItem)
	c.ll.Remove(el)
	delete(c.m, it.key)
	c.size -= int64(len(it.key) + len(it.value))
}

// Len returns the number of entries.
func (c *MemoryCache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.ll.Len()
}

// Size returns the bytes held, keys included.
func (c *MemoryCache) Size() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.size
}

// MaxEntrySize bounds a single response to a quarter of the cache.
func (c *MemoryCache) MaxEntrySize() int64 { return c.max / 4 }

// A stored response and the index of a URI's stored variants are
// encoded as a magic byte and a version, then varint-prefixed fields.
const (
	entryMagic = 'R'
	indexMagic = 'I'
	codecVer   = 1
)

type cacheEntry struct {
	reqTime, respTime time.Time
	status            int
	header            http.Header
	body              []byte
}

// cacheVariant is one stored response of a URI: for which credentials
// and which values of the request headers its Vary names.
type cacheVariant struct {
	key    string
	cred   string
	vary   []string // canonical header names
	values []string
}

type enc []byte

func (e enc) uint(v uint64) enc { return binary.AppendUvarint(e, v) }
func (e enc) int(v int64) enc   { return binary.AppendVarint(e, v) }
func (e enc) str(s string) enc  { return append(e.uint(uint64(len(s))), s...) }
func (e enc) strs(ss []string) enc {
	e = e.uint(uint64(len(ss)))
	for _, s := range ss {
		e = e.str(s)
	}
	return e
}

var errBadCacheValue = errors.New("runtime: malformed cache value")

type dec struct {
	b   []byte
	err error
}

func (d *dec) uint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err, d.b = errBadCacheValue, nil
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *dec) int() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.err, d.b = errBadCacheValue, nil
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *dec) bytes() []byte {
	n := d.uint()
	if n > uint64(len(d.b)) {
		d.err, d.b = errBadCacheValue, nil
		return nil
	}
	v := d.b[:n:n]
	d.b = d.b[n:]
	return v
}

func (d *dec) str() string { return string(d.bytes()) }

func (d *dec) strs() []string {
	n := d.uint()
	if n > uint64(len(d.b)) { // each string takes at least a byte
		d.err, d.b = errBadCacheValue, nil
		return nil
	}
	ss := make([]string, 0, n)
	for i := uint64(0); i < n && d.err == nil; i++ {
		ss = append(ss, d.str())
	}
	return ss
}

func (d *dec) header(magic byte) {
	if len(d.b) < 2 || d.b[0] != magic || d.b[1] != codecVer {
		d.err, d.b = errBadCacheValue, nil
		return
	}
	d.b = d.b[2:]
}

func encodeEntry(e *cacheEntry) []byte {
	b := enc{entryMagic, codecVer}
	b = b.int(e.reqTime.UnixNano()).int(e.respTime.UnixNano()).uint(uint64(e.status))
	b = b.uint(uint64(len(e.header)))
	for k, vs := range e.header {
		b = b.str(k).strs(vs)
	}
	b = b.str(string(e.body))
	return b
}

func decodeEntry(b []byte) (*cacheEntry, error) {
	d := &dec{b: b}
	d.header(entryMagic)
	e := &cacheEntry{}
	e.reqTime = time.Unix(0, d.int())
	e.respTime = time.Unix(0, d.int())
	e.status = int(d.uint())
	n := d.uint()
	if n > uint64(len(d.b)) {
		return nil, errBadCacheValue
	}
	e.header = make(http.Header, n)
	for i := uint64(0); i < n && d.err == nil; i++ {
		k := d.str()
		e.header[k] = d.strs()
	}
	e.body = d.bytes()
	if d.err != nil || len(d.b) != 0 || e.status < 100 || e.status > 999 {
		return nil, errBadCacheValue
	}
	return e, nil
}

func encodeIndex(vs []cacheVariant) []byte {
	b := enc{indexMagic, codecVer}
	b = b.uint(uint64(len(vs)))
	for _, v := range vs {
		b = b.str(v.key).str(v.cred).strs(v.vary).strs(v.values)
	}
	return b
}

func decodeIndex(b []byte) ([]cacheVariant, error) {
	d := &dec{b: b}
	d.header(indexMagic)
	n := d.uint()
	if n > uint64(len(d.b)) {
		return nil, errBadCacheValue
	}
	vs := make([]cacheVariant, 0, n)
	for i := uint64(0); i < n && d.err == nil; i++ {
		vs = append(vs, cacheVariant{key: d.str(), cred: d.str(), vary: d.strs(), values: d.strs()})
	}
	if d.err != nil || len(d.b) != 0 {
		return nil, errBadCacheValue
	}
	for _, v := range vs {
		if len(v.vary) != len(v.values) {
			return nil, errBadCacheValue
		}
	}
	return vs, nil
}
