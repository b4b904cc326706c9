package runtime

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	goruntime "runtime"
	"strconv"
	"testing"
)

// 14: Text decodes by the Content-Type charset, and detects it when none
// is given.
func TestTextCharsets(t *testing.T) {
	cases := []struct {
		name, ct string
		body     []byte
		want     string
	}{
		{"latin1", "text/plain; charset=ISO-8859-1", []byte("caf\xe9"), "café"},
		{"windows-1252", "text/plain; charset=windows-1252", []byte("\x93hi\x94 \x80"), "“hi” €"},
		{"quoted label", `text/html; charset="latin1"`, []byte("\xfcber"), "über"},
		{"koi8-r", "text/plain; charset=koi8-r", []byte("\xf0\xd2\xc9\xd7\xc5\xd4"), "Привет"},
		{"shift_jis", "text/plain; charset=Shift_JIS", []byte("\x93\xfa\x96\x7b"), "日本"},
		{"utf-8", "text/plain; charset=utf-8", []byte("café"), "café"},
		{"utf-8 BOM", "text/plain; charset=utf-8", []byte("\xef\xbb\xbfcafé"), "café"},
		{"utf-16 BOM wins", "text/plain; charset=iso-8859-1", []byte("\xff\xfeh\x00i\x00"), "hi"},
		{"utf-16be BOM", "text/plain", []byte("\xfe\xff\x00h\x00i"), "hi"},
		{"none, utf-8", "text/plain", []byte("naïve"), "naïve"},
		{"none, latin1", "text/plain", []byte("na\xefve"), "naïve"},
		{"no content type", "", []byte("na\xefve"), "naïve"},
		{"unknown charset", "text/plain; charset=x-unknown", []byte("a\xffb"), "a\xffb"},
	}
	srv, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, c := range cases {
			if r.URL.Query().Get("c") == c.name {
				w.Header()["Content-Type"] = []string{c.ct}
				w.Write(c.body)
			}
		}
	}))
	s, _ := newSession(t, srv.URL)
	for _, c := range cases {
		got, err := Text(bg(), s, NewCall("GET", "/").AddQuery("c", c.name))
		if err != nil || got != c.want {
			t.Errorf("%s: %q %v, want %q", c.name, got, err, c.want)
		}
	}
}

// 14: Text allocates about the body's size, not several times it.
func TestTextAllocatesOnce(t *testing.T) {
	body := bytes.Repeat([]byte("abcdefgh"), 32<<10) // 256 KiB
	srv, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.Write(body)
	}))
	s, _ := newSession(t, srv.URL)
	call := NewCall("GET", "/")
	if _, err := Text(bg(), s, call); err != nil { // warm the pool and the connection
		t.Fatal(err)
	}
	const n = 20
	var before, after goruntime.MemStats
	goruntime.ReadMemStats(&before)
	for range n {
		if got, err := Text(bg(), s, call); err != nil || len(got) != len(body) {
			t.Fatal(len(got), err)
		}
	}
	goruntime.ReadMemStats(&after)
	per := float64(after.TotalAlloc-before.TotalAlloc) / n / float64(len(body))
	t.Logf("Text allocates %.2f× the body", per)
	if per > 1.3 {
		t.Errorf("Text allocates %.2f× the body", per)
	}
}

// 18: a 304 to the caller's own conditional request is a typed result.
func TestNotModified(t *testing.T) {
	srv, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"v1"`)
		if r.Header.Get("If-None-Match") == `"v1"` || r.Header.Get("If-Modified-Since") != "" {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		io.WriteString(w, `{"v":1}`)
	}))
	s, _ := newSession(t, srv.URL)
	for _, h := range [][2]string{{"If-None-Match", `"v1"`}, {"If-Modified-Since", "Mon, 01 Jan 2024 00:00:00 GMT"}} {
		call := NewCall("GET", "/")
		call.SetHeader(h[0], h[1])
		_, err := Decode[map[string]int](bg(), s, call)
		var nm *NotModifiedError
		var apiErr *APIError
		if !errors.Is(err, ErrNotModified) || !errors.As(err, &nm) || nm.Header.Get("ETag") != `"v1"` || errors.As(err, &apiErr) {
			t.Fatalf("%s: %v", h[0], err)
		}
		for _, f := range []func() error{
			func() error { return Exec(bg(), s, call) },
			func() error { _, err := Text(bg(), s, call); return err },
		} {
			if err := f(); !errors.Is(err, ErrNotModified) {
				t.Fatalf("%s: %v", h[0], err)
			}
		}
		resp, err := s.Do(bg(), call)
		if err != nil || resp.StatusCode != 304 {
			t.Fatal(resp, err)
		}
		resp.Body.Close()
	}
	// Without a condition of the caller's, a 304 is an error status.
	srv2, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(304) }))
	s2, _ := newSession(t, srv2.URL)
	var apiErr *APIError
	if err := Exec(bg(), s2, NewCall("GET", "/")); !errors.As(err, &apiErr) || apiErr.StatusCode != 304 {
		t.Fatal(err)
	}
}
