//go:build !unix

package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// lockFile is the lock of an output directory where the system has no
// flock: created exclusively, removed when the run ends.
const lockFile = ".genclient.lock"

// lockDir takes the lock of dir by creating lockFile in it; exclusive is
// ignored (a -check run also excludes a writer). It does not wait: when
// the file exists it returns errBusy, naming the file to remove if no
// genclient run is left that holds it.
func lockDir(dir string, exclusive bool) (unlock func(), err error) {
	p := filepath.Join(dir, lockFile)
	f, err := os.OpenFile(p, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return nil, fmt.Errorf("%s: %w (if none is, remove %s)", dir, errBusy, p)
	}
	if err != nil {
		return nil, err
	}
	f.Close()
	return func() { os.Remove(p) }, nil
}
