package runtime

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"net/http"
	goruntime "runtime"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
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
		{"utf-16le label", "text/plain; charset=UTF-16LE", []byte("h\x00i\x00\x3d\xd8\x00\xde"), "hi😀"},
		{"us-ascii label", "text/plain; charset=us-ascii", []byte("\x80"), "€"},
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
	s, _ := newSession(t, srv.URL, WithCharsets(htmlindex.Get))
	for _, c := range cases {
		got, err := Text(bg(), s, NewCall("GET", "/").AddQuery("c", c.name))
		if err != nil || got != c.want {
			t.Errorf("%s: %q %v, want %q", c.name, got, err, c.want)
		}
	}
	// Without WithCharsets the built-in charsets decode the same; the
	// others give their bytes.
	plain, _ := newSession(t, srv.URL)
	for _, c := range cases {
		want := c.want
		if c.name == "koi8-r" || c.name == "shift_jis" {
			want = string(c.body)
		}
		got, err := Text(bg(), plain, NewCall("GET", "/").AddQuery("c", c.name))
		if err != nil || got != want {
			t.Errorf("%s without WithCharsets: %q %v, want %q", c.name, got, err, want)
		}
	}
	if _, err := New(srv.URL, WithCharsets(nil)); err == nil {
		t.Error("WithCharsets(nil) accepted")
	}
}

// The built-in charsets are x/text's for each of their WHATWG labels:
// the label resolves to the same encoding in htmlindex, and every body
// decodes as x/text decodes it (by label, by byte-order mark, and with no
// charset at all).
func TestBuiltinCharsetsMatchXText(t *testing.T) {
	all := make([]byte, 256)
	for i := range all {
		all[i] = byte(i)
	}
	bodies := []string{
		"", "a", "plain ascii", string(all), string(all[0x80:]), "caf\xc3\xa9", "caf\xe9", "\xc3", "\xed\xa0\x80",
		"\xef\xbb\xbf", "\xef\xbb\xbfok\xff", "\xff\xfe", "\xff\xfeh\x00i", "\xfe\xff\x00h\x00i\x00",
		"h\x00i\x00", "\x3d\xd8\x00\xde", "\x3d\xd8", "\x3d\xd8a\x00", "\x00\xdcb\x00", "\xd8\x3d\xde\x00x",
		"\x00\xd8\x00\xd8\x00\xdc",
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		b := make([]byte, rng.IntN(40))
		for i := range b {
			b[i] = byte(rng.IntN(256))
			if rng.IntN(3) == 0 {
				b[i] = []byte{0x00, 0xd8, 0xdc, 0xde, 0xff, 0xfe, 0xef, 0xbb, 0xbf}[rng.IntN(9)]
			}
		}
		bodies = append(bodies, string(b))
	}
	labels := []string{""}
	for l := range builtinCharsets {
		labels = append(labels, l)
	}
	for _, l := range labels {
		ct := "text/plain"
		if l != "" {
			ct += `; charset="` + strings.ToUpper(l) + `"`
		}
		for _, b := range bodies {
			got := decodeText(b, ct, nil)
			want := xtextDecode(t, b, l)
			if trailAfterNonLead(b, l) {
				// x/text turns such a pair of units into one U+FFFD;
				// the WHATWG decoder (and ours) gives one per unit
				// (the cases of TestUTF16Unpaired).
				continue
			}
			if got != want {
				t.Errorf("charset %q, body %q: %q, x/text gives %q", l, b, got, want)
			}
		}
	}
}

// trailAfterNonLead says whether b, read as UTF-16 in the byte order that
// label or its byte-order mark gives, holds a trail surrogate right after
// a unit that is a surrogate but not a lead.
func trailAfterNonLead(b, label string) bool {
	be := label == "utf-16be" || label == "unicodefffe"
	switch {
	case strings.HasPrefix(b, "\xfe\xff"):
		be, b = true, b[2:]
	case strings.HasPrefix(b, "\xff\xfe"):
		be, b = false, b[2:]
	case strings.HasPrefix(b, "\xef\xbb\xbf"):
		return false
	default:
		if cs, ok := builtinCharsets[label]; !ok || cs != csUTF16LE && cs != csUTF16BE {
			return false
		}
	}
	unit := func(i int) uint16 {
		if be {
			return uint16(b[i])<<8 | uint16(b[i+1])
		}
		return uint16(b[i]) | uint16(b[i+1])<<8
	}
	for i := 0; i+3 < len(b); i += 2 {
		u, v := unit(i), unit(i+2)
		if u >= 0xd800 && u <= 0xdfff && v >= 0xdc00 && v <= 0xdfff {
			if u >= 0xdc00 {
				return true
			}
			i += 2 // a pair
		}
	}
	return false
}

// An unpaired surrogate is one U+FFFD per unit (WHATWG), an odd last byte
// one more.
func TestUTF16Unpaired(t *testing.T) {
	for in, want := range map[string]string{
		"\x00\xdc\x00\xdc":         "\ufffd\ufffd",
		"\x00\xd8\x00\xd8\x00\xdc": "\ufffd\U00010000",
		"\x00\xd8a\x00":            "\ufffda",
		"\x00\xd8":                 "\ufffd",
		"a\x00b":                   "a\ufffd",
		"\x3d\xd8\x00\xde":         "😀",
	} {
		if got := decodeText(in, "text/plain; charset=utf-16le", nil); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}

// xtextDecode is decodeText as it was with x/text's htmlindex for every
// label.
func xtextDecode(t *testing.T, b, label string) string {
	dec := func(enc encoding.Encoding) string {
		out, err := enc.NewDecoder().String(b)
		if err != nil {
			return b
		}
		return out
	}
	switch {
	case strings.HasPrefix(b, "\xef\xbb\xbf"):
		return dec(unicode.UTF8BOM)
	case strings.HasPrefix(b, "\xfe\xff"):
		return dec(unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM))
	case strings.HasPrefix(b, "\xff\xfe"):
		return dec(unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM))
	}
	if label == "" {
		if utf8.ValidString(b) {
			return b
		}
		return whatwg1252(b)
	}
	enc, err := htmlindex.Get(label)
	if err != nil {
		t.Fatalf("htmlindex does not know the label %q", label)
	}
	switch enc {
	case unicode.UTF8:
		return b
	case charmap.Windows1252:
		return whatwg1252(b)
	}
	return dec(enc)
}

// whatwg1252 is x/text's windows-1252, except for the five bytes it has no
// character for (0x81, 0x8d, 0x8f, 0x90, 0x9d): x/text gives U+FFFD,
// the WHATWG index (and browsers) the C1 control of the same number.
func whatwg1252(b string) string {
	var sb strings.Builder
	for i := 0; i < len(b); i++ {
		switch c := b[i]; c {
		case 0x81, 0x8d, 0x8f, 0x90, 0x9d:
			sb.WriteRune(rune(c))
		default:
			sb.WriteRune(charmap.Windows1252.DecodeByte(c))
		}
	}
	return sb.String()
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

// The built-in decoders against x/text's on 64 KiB of text.
func BenchmarkDecodeText(b *testing.B) {
	latin := strings.Repeat("caf\xe9 \x93quoted\x94 na\xefve ", 4096)
	var u16 strings.Builder
	for _, r := range strings.Repeat("hi 😀 é ", 4096) {
		var buf [2]byte
		if r >= 0x10000 {
			r1, r2 := utf16.EncodeRune(r)
			for _, u := range []rune{r1, r2} {
				buf[0], buf[1] = byte(u), byte(u>>8)
				u16.Write(buf[:2])
			}
			continue
		}
		buf[0], buf[1] = byte(r), byte(r>>8)
		u16.Write(buf[:2])
	}
	for _, c := range []struct {
		name, body, label string
		enc               encoding.Encoding
	}{
		{"windows-1252", latin, "windows-1252", charmap.Windows1252},
		{"utf-16le", u16.String(), "utf-16le", unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)},
	} {
		b.Run(c.name+"/builtin", func(b *testing.B) {
			b.SetBytes(int64(len(c.body)))
			for b.Loop() {
				decodeText(c.body, "text/plain; charset="+c.label, nil)
			}
		})
		b.Run(c.name+"/x-text", func(b *testing.B) {
			b.SetBytes(int64(len(c.body)))
			for b.Loop() {
				c.enc.NewDecoder().String(c.body)
			}
		})
	}
}
