package etcde2e

// The harness of the etcd driver: a client whose middleware records the
// bytes of every request and response, and checks that a decoded value
// (or every message of a stream) encodes back to what the server sent,
// member for member. The calls themselves are in driver_test.go.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"reflect"
	"sync"
	"testing"

	"example.com/etcde2e/etcd"
	"github.com/genclient/genclient/runtime"
)

// exchange is one request and its response, as bytes on the wire.
type exchange struct {
	request []byte
	mu      sync.Mutex
	body    bytes.Buffer // the response body, filled as the client reads it
}

func (e *exchange) response() []byte {
	e.mu.Lock()
	defer e.mu.Unlock()
	return bytes.Clone(e.body.Bytes())
}

// recorder keeps the exchanges of each request path, in order.
type recorder struct {
	mu     sync.Mutex
	byPath map[string][]*exchange
}

type teeBody struct {
	rc io.ReadCloser
	ex *exchange
}

func (b *teeBody) Read(p []byte) (int, error) {
	n, err := b.rc.Read(p)
	b.ex.mu.Lock()
	b.ex.body.Write(p[:n])
	b.ex.mu.Unlock()
	return n, err
}

func (b *teeBody) Close() error { return b.rc.Close() }

func (r *recorder) middleware(next http.RoundTripper) http.RoundTripper {
	return runtime.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
		ex := &exchange{}
		if req.GetBody != nil {
			if body, err := req.GetBody(); err == nil {
				ex.request, _ = io.ReadAll(body)
				body.Close()
			}
		}
		resp, err := next.RoundTrip(req)
		if err != nil {
			return nil, err
		}
		resp.Body = &teeBody{rc: resp.Body, ex: ex}
		r.mu.Lock()
		r.byPath[req.URL.Path] = append(r.byPath[req.URL.Path], ex)
		r.mu.Unlock()
		return resp, nil
	})
}

// last returns the latest exchange on path.
func (r *recorder) last(t *testing.T, path string) *exchange {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	exs := r.byPath[path]
	if len(exs) == 0 {
		t.Fatalf("no request to %s was recorded", path)
	}
	return exs[len(exs)-1]
}

// newClient returns a client of the etcd at $ETCD_URL (set by the test in
// e2e/etcd, which starts the server) and its recorder.
func newClient(t *testing.T, opts ...runtime.Option) (*etcd.Client, *recorder) {
	t.Helper()
	url := os.Getenv("ETCD_URL")
	if url == "" {
		t.Skip("ETCD_URL not set: run through e2e/etcd's TestEtcd")
	}
	rec := &recorder{byPath: map[string][]*exchange{}}
	c, err := etcd.NewClient(url, append([]runtime.Option{runtime.WithMiddleware(rec.middleware)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c, rec
}

// tree parses JSON keeping numbers as written.
func tree(t *testing.T, b []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, b)
	}
	return v
}

// same reports whether v, encoded as the client encodes (runtime.Marshal),
// is the JSON raw, member for member.
func same(t *testing.T, raw []byte, v any) error {
	t.Helper()
	enc, err := runtime.Marshal(v)
	if err != nil {
		return err
	}
	if !reflect.DeepEqual(tree(t, raw), tree(t, enc)) {
		return fmt.Errorf("decoded value differs from the server's bytes\nserver:  %s\ndecoded: %s", bytes.TrimSpace(raw), enc)
	}
	return nil
}

// check fails the test unless v is what the server sent in the latest
// response on path.
func check(t *testing.T, rec *recorder, path string, v any) {
	t.Helper()
	if err := same(t, rec.last(t, path).response(), v); err != nil {
		t.Errorf("%s: %v", path, err)
	}
}

// checkStream fails the test unless msgs are the "result" members of the
// first messages of the latest stream on path, one for one.
func checkStream[T any](t *testing.T, rec *recorder, path string, msgs []T) {
	t.Helper()
	raw := rec.last(t, path).response()
	dec := json.NewDecoder(bytes.NewReader(raw))
	for i, m := range msgs {
		var env struct {
			Result json.RawMessage `json:"result"`
		}
		if err := dec.Decode(&env); err != nil {
			t.Fatalf("%s: message %d of the server's stream: %v", path, i, err)
		}
		if err := same(t, env.Result, m); err != nil {
			t.Errorf("%s: message %d: %v", path, i, err)
		}
	}
	if len(msgs) == 0 {
		t.Errorf("%s: no message", path)
	}
}

// sent returns the request body of the latest request on path.
func sent(t *testing.T, rec *recorder, path string) string {
	t.Helper()
	return string(rec.last(t, path).request)
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
