package runtime

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// streamReader produces n bytes and counts how far the producer got, to
// show a multipart body is streamed, not buffered.
type streamReader struct {
	left int
	read *atomic.Int64
}

func (r *streamReader) Read(p []byte) (int, error) {
	if r.left == 0 {
		return 0, io.EOF
	}
	n := min(len(p), r.left)
	for i := range n {
		p[i] = 'z'
	}
	r.left -= n
	r.read.Add(int64(n))
	return n, nil
}

func TestMultipartStreamsAndReplays(t *testing.T) {
	checkGoroutines(t)
	const size = 8 << 20
	var produced atomic.Int64
	var opens atomic.Int32
	var calls atomic.Int32
	srv, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		mr := multipart.NewReader(r.Body, params["boundary"])
		var parts []string
		for {
			p, err := mr.NextPart()
			if err != nil {
				break
			}
			n, _ := io.Copy(io.Discard, p)
			parts = append(parts, fmt.Sprintf("%s:%s:%s:%d", p.FormName(), p.FileName(), p.Header.Get("Content-Type"), n))
		}
		if calls.Add(1) == 1 {
			w.WriteHeader(503)
			return
		}
		fmt.Fprintf(w, "%q", strings.Join(parts, ","))
	}))
	s, _ := newSession(t, srv.URL)
	body := MultipartBody(
		FieldPart("title", "hello"),
		FilePart("file", "big.bin", "application/x-test", size, func() (io.ReadCloser, error) {
			opens.Add(1)
			return io.NopCloser(&streamReader{left: size, read: &produced}), nil
		}),
	)
	if body.Len() <= size || !body.Replayable() {
		t.Fatalf("len %d", body.Len())
	}
	got, err := Decode[string](bg(), s, NewCall("PUT", "/upload").WithBody(body))
	if err != nil {
		t.Fatal(err)
	}
	if got != fmt.Sprintf("title:::5,file:big.bin:application/x-test:%d", size) || opens.Load() != 2 {
		t.Errorf("got %q, opens %d", got, opens.Load())
	}

	// ReaderPart: one shot, length unknown, not replayable.
	once := MultipartBody(FieldPart("a", "b"), ReaderPart("f", "x.txt", "", strings.NewReader("data")))
	if once.Len() != -1 || once.Replayable() {
		t.Error("ReaderPart body claims replayable")
	}
	calls.Store(1)
	if _, err := Decode[string](bg(), s, NewCall("POST", "/upload").WithBody(once)); err != nil {
		t.Fatal(err)
	}
	if _, err := once.Open(); !errors.Is(err, ErrBodyNotReplayable) {
		t.Errorf("second open: %v", err)
	}
	// A failing file stops the stream with its error.
	bad := MultipartBody(FilePart("f", "x", "", -1, func() (io.ReadCloser, error) { return nil, errors.New("disk gone") }))
	rc, _ := bad.Open()
	if _, err := io.ReadAll(rc); err == nil || !strings.Contains(err.Error(), "disk gone") {
		t.Errorf("failing part: %v", err)
	}
	// Closing the reader early ends the writer goroutine.
	early := MultipartBody(FilePart("f", "x", "", size, func() (io.ReadCloser, error) {
		return io.NopCloser(&streamReader{left: size, read: &produced}), nil
	}))
	rc, _ = early.Open()
	rc.Read(make([]byte, 10))
	rc.Close()
}

func TestBodies(t *testing.T) {
	srv, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		fmt.Fprintf(w, "%q", r.Header.Get("Content-Type")+" "+string(b))
	}))
	s, _ := newSession(t, srv.URL)
	for _, tc := range []struct {
		body Body
		want string
	}{
		{FormBody(url.Values{"a": {"1"}, "b": {"x y"}}), "application/x-www-form-urlencoded a=1&b=x+y"},
		{ReaderBody("text/plain", strings.NewReader("abc"), 3), "text/plain abc"},
		{ReaderBody("text/plain", bytes.NewBufferString("buf"), 3), "text/plain buf"},
		{BytesBody("", nil), " "},
	} {
		got, err := Decode[string](bg(), s, NewCall("POST", "/").WithBody(tc.body))
		if err != nil || got != tc.want {
			t.Errorf("got %q %v, want %q", got, err, tc.want)
		}
	}
	if _, err := JSONBody("application/json", func() {}); err == nil {
		t.Error("func encoded")
	}
	if err := NewCall("POST", "/").JSON(make(chan int)).Err(); err == nil {
		t.Error("chan encoded")
	}
}

func TestReadIdleTimeout(t *testing.T) {
	checkGoroutines(t)
	stall := make(chan struct{})
	defer close(stall)
	srv, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.(http.Flusher).Flush()
		for i := range 3 {
			fmt.Fprintf(w, "chunk%d\n", i)
			w.(http.Flusher).Flush()
		}
		if r.URL.Path == "/stall" {
			select {
			case <-stall:
			case <-r.Context().Done():
			}
		}
	}))
	s, clk := newSession(t, srv.URL)
	// A steady stream finishes: the idle timer never fires.
	resp, err := s.Do(bg(), NewCall("GET", "/steady"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || !strings.Contains(string(b), "chunk2") {
		t.Fatal(string(b), err)
	}
	// A stalled stream fails with ErrReadIdleTimeout once the timer fires.
	resp, err = s.Do(bg(), NewCall("GET", "/stall"))
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 100)
	got := 0
	for got < len("chunk0\nchunk1\nchunk2\n") {
		n, err := resp.Body.Read(buf)
		if err != nil {
			t.Fatal(err)
		}
		got += n
	}
	done := make(chan error, 1)
	go func() {
		_, err := resp.Body.Read(buf)
		done <- err
	}()
	for clk.pending() == 0 {
		time.Sleep(time.Millisecond) // the read arms the timer
	}
	clk.fireAll()
	if err := <-done; !errors.Is(err, ErrReadIdleTimeout) {
		t.Fatalf("err %v", err)
	}
	resp.Body.Close()
	// Decode reads whole bodies under the same timeout.
	go func() {
		_, err := Decode[string](bg(), s, NewCall("GET", "/stall"))
		done <- err
	}()
	for clk.pending() == 0 {
		time.Sleep(time.Millisecond)
	}
	clk.fireAll()
	var te *TransportError
	if err := <-done; !errors.Is(err, ErrReadIdleTimeout) || !errors.As(err, &te) || !te.Timeout {
		t.Fatalf("Decode: %v", err)
	}
}

func TestEvents(t *testing.T) {
	stream := "\xef\xbb\xbf: comment\r\nid: 1\r\nevent: greet\r\ndata: hello\r\ndata: world\r\n\r\n" +
		"data:no space\rretry: 1500\r\r" +
		"id\nevent: x\n\n" + // no data: not dispatched
		"data: {\"a\":1}\n\n" +
		"event: error\ndata: {\"message\":\"overloaded\"}\n\n" +
		"data: never\n\n"
	var got []Event
	var streamErr *StreamError
	for ev, err := range ReadEvents(strings.NewReader(stream)) {
		if err != nil {
			if !errors.As(err, &streamErr) {
				t.Fatal(err)
			}
			break
		}
		got = append(got, ev)
	}
	want := []Event{
		{ID: "1", Type: "greet", Data: "hello\nworld"},
		{ID: "1", Type: "message", Data: "no space", Retry: 1500 * time.Millisecond},
		{ID: "", Type: "message", Data: `{"a":1}`},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
	if streamErr == nil || !strings.Contains(streamErr.Error(), "overloaded") {
		t.Errorf("stream error %v", streamErr)
	}
	// Line longer than MaxEventSize.
	for _, err := range ReadEvents(strings.NewReader("data: " + strings.Repeat("x", MaxEventSize+1))) {
		if err == nil {
			t.Error("huge line accepted")
		}
	}
}

func TestGzipPassThrough(t *testing.T) {
	srv, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		io.WriteString(zw, `[1]`)
		zw.Close()
	}))
	s, _ := newSession(t, srv.URL)
	if v, err := Decode[[]int](bg(), s, NewCall("GET", "/")); err != nil || len(v) != 1 {
		t.Fatal(v, err)
	}
}
