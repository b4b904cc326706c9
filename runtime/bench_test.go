package runtime

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	goruntime "runtime"
	"strconv"
	"testing"
)

type benchPet struct {
	ID   int64    `json:"id"`
	Name string   `json:"name"`
	Tag  string   `json:"tag"`
	Tags []string `json:"tags"`
}

const benchBody = `{"id":42,"name":"Rex","tag":"dog","tags":["a","b","c"]}`

func benchServer(b *testing.B) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, benchBody)
	}))
	b.Cleanup(srv.Close)
	return srv
}

// BenchmarkGetJSON compares a decoded GET through a Session with the same
// call written by hand on net/http, on loopback.
func BenchmarkGetJSON(b *testing.B) {
	srv := benchServer(b)
	ctx := context.Background()
	b.Run("session", func(b *testing.B) {
		s, err := New(srv.URL, WithUserAgent("bench"))
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			p, err := Decode[benchPet](ctx, s, NewCall("GET", "/pets/{id}", 42))
			if err != nil || p.ID != 42 {
				b.Fatal(p, err)
			}
		}
	})
	b.Run("nethttp", func(b *testing.B) {
		c := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 32}}
		b.ReportAllocs()
		for b.Loop() {
			req, err := http.NewRequestWithContext(ctx, "GET", srv.URL+"/pets/"+strconv.Itoa(42), nil)
			if err != nil {
				b.Fatal(err)
			}
			req.Header.Set("Accept", "application/json")
			req.Header.Set("User-Agent", "bench")
			resp, err := c.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil || resp.StatusCode != 200 {
				b.Fatal(err)
			}
			var p benchPet
			if err := json.Unmarshal(body, &p); err != nil || p.ID != 42 {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkPaginate1000 walks 1,000 Link-chained pages per iteration and
// reports how much the live heap grew between page 100 and page 1,000.
func BenchmarkPaginate1000(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, _ := strconv.Atoi(r.URL.Query().Get("page"))
		if p < 999 {
			w.Header().Set("Link", fmt.Sprintf(`</items?page=%d&cursor=abcdefghijklmnop>; rel="next"`, p+1))
		}
		fmt.Fprintf(w, `[{"id":%d,"name":"pet","tag":"x"},{"id":%d,"name":"pet","tag":"y"}]`, 2*p, 2*p+1)
	}))
	b.Cleanup(srv.Close)
	s, _ := New(srv.URL)
	ctx := context.Background()
	var growth float64
	b.ReportAllocs()
	for b.Loop() {
		var ms goruntime.MemStats
		var at100 uint64
		pages := 0
		for _, err := range Pages[benchPet](ctx, s, NewCall("GET", "/items")) {
			if err != nil {
				b.Fatal(err)
			}
			pages++
			if pages == 100 {
				goruntime.GC()
				goruntime.ReadMemStats(&ms)
				at100 = ms.HeapAlloc
			}
			if pages == 1000 {
				goruntime.GC()
				goruntime.ReadMemStats(&ms)
				growth = float64(int64(ms.HeapAlloc) - int64(at100))
			}
		}
		if pages != 1000 {
			b.Fatalf("%d pages", pages)
		}
	}
	b.ReportMetric(growth, "heap-growth-B/900pages")
}

// BenchmarkGetJSONCache is BenchmarkGetJSON's session with WithCache: a
// fresh hit (no request) and a revalidation answered 304 every time.
func BenchmarkGetJSONCache(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"1"`)
		if r.URL.Path == "/fresh" {
			w.Header().Set("Cache-Control", "max-age=3600")
		} else if r.Header.Get("If-None-Match") == `"1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, benchBody)
	}))
	b.Cleanup(srv.Close)
	ctx := context.Background()
	for _, path := range []string{"/fresh", "/revalidate"} {
		b.Run(path[1:], func(b *testing.B) {
			s, err := New(srv.URL, WithUserAgent("bench"), WithCache(nil))
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				p, err := Decode[benchPet](ctx, s, NewCall("GET", path))
				if err != nil || p.ID != 42 {
					b.Fatal(p, err)
				}
			}
		})
	}
}

// BenchmarkBuildCall builds a request with optional parameters: Opts of
// basic types, an Opt of an enum type (told by reflection, see optKind)
// and a Nullable header.
func BenchmarkBuildCall(b *testing.B) {
	type status string
	b.ReportAllocs()
	for b.Loop() {
		c := NewCall("GET", "/pets/{id}", int64(7)).AddQuery("limit", Some(int32(5))).AddQuery("tag", None[string]()).
			AddQuery("q", Some("x")).AddQuery("status", Some(status("sold"))).SetHeader("X-N", NullableOf(int64(3)))
		if c.Err() != nil || c.Query.Get("status") != "sold" {
			b.Fatal(c.Err(), c.Query)
		}
	}
}
