package apisguru

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"testing"
)

func TestUntarRefusesEscapes(t *testing.T) {
	for _, name := range []string{"../evil", "/abs", "package/../../evil"} {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		tw := tar.NewWriter(zw)
		tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: 1, Typeflag: tar.TypeReg})
		tw.Write([]byte("x"))
		tw.Close()
		zw.Close()
		dir := t.TempDir()
		tgz := filepath.Join(dir, "p.tgz")
		os.WriteFile(tgz, buf.Bytes(), 0o644)
		out := filepath.Join(dir, "out")
		os.Mkdir(out, 0o755)
		if err := untar(tgz, out); err == nil {
			t.Errorf("untar accepted %q", name)
		}
	}
}

func TestCacheDir(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", "/x/cache")
	if d, _ := CacheDir(); d != filepath.Join("/x/cache", "genclient") {
		t.Errorf("with XDG_CACHE_HOME: %s", d)
	}
	t.Setenv("XDG_CACHE_HOME", "")
	t.Setenv("HOME", "/x/home")
	if d, _ := CacheDir(); d != filepath.Join("/x/home", ".cache", "genclient") {
		t.Errorf("without XDG_CACHE_HOME: %s", d)
	}
}
