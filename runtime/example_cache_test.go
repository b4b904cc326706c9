package runtime_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync/atomic"

	"github.com/genclient/genclient/runtime"
)

// diskStore is a CacheStore that keeps one file per key in a directory
// of its own. Keys are hex digits, so they are safe file names; values
// are written to a temporary file and renamed into place, with mode
// 0600 since they hold response headers and bodies. A real store would
// also bound its size (say, by removing the oldest files).
type diskStore struct{ dir string }

func (d diskStore) Get(key string) ([]byte, bool) {
	b, err := os.ReadFile(filepath.Join(d.dir, key))
	return b, err == nil // a read error is a miss
}

func (d diskStore) Set(key string, value []byte) {
	f, err := os.CreateTemp(d.dir, key+".tmp*") // CreateTemp uses mode 0600
	if err != nil {
		return // a failed write is dropped: the cache asks the server
	}
	_, werr := f.Write(value)
	if cerr := f.Close(); werr != nil || cerr != nil {
		os.Remove(f.Name())
		return
	}
	if os.Rename(f.Name(), filepath.Join(d.dir, key)) != nil {
		os.Remove(f.Name())
	}
}

func (d diskStore) Delete(key string) { os.Remove(filepath.Join(d.dir, key)) }

// A cache on disk survives the process: a second session, as a new
// process would build it, answers from the files without a request.
func ExampleCacheStore() {
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Cache-Control", "max-age=3600")
		w.Header().Set("ETag", `"v1"`)
		io.WriteString(w, `{"id":1,"name":"Rex"}`)
	}))
	defer srv.Close()

	dir, _ := os.MkdirTemp("", "cache")
	defer os.RemoveAll(dir)
	for i := 0; i < 2; i++ {
		s, _ := runtime.New(srv.URL, runtime.WithCache(diskStore{dir}))
		p, err := runtime.Decode[pet](context.Background(), s, runtime.NewCall("GET", "/pets/1"))
		fmt.Println(p.Name, err, hits.Load())
	}
	// Output:
	// Rex <nil> 1
	// Rex <nil> 1
}
