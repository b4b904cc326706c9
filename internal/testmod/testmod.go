// Package testmod writes the go.mod and go.sum of a scratch module that
// builds generated code against this checkout: the generator's module and
// the runtime's module (its own module since the runtime must not drag the
// generator's dependencies into an SDK) both replaced by their directories.
package testmod

import (
	"bytes"
	"os"
	"path/filepath"
)

// GoMod returns the go.mod of a module named path whose requirements on
// github.com/genclient/genclient and its runtime are replaced by the
// checkout at root.
func GoMod(path, root string) []byte {
	return []byte("module " + path + "\n\ngo 1.26\n\n" +
		"require (\n\tgithub.com/genclient/genclient v0.0.0\n\tgithub.com/genclient/genclient/runtime v0.0.0\n)\n\n" +
		"replace github.com/genclient/genclient => " + root + "\n\n" +
		"replace github.com/genclient/genclient/runtime => " + filepath.Join(root, "runtime") + "\n")
}

// GoSum returns the checksums of both modules' requirements, so that the
// scratch module needs no network for what the checkout already uses.
func GoSum(root string) []byte {
	var sum []byte
	for _, p := range []string{filepath.Join(root, "go.sum"), filepath.Join(root, "runtime", "go.sum")} {
		if b, err := os.ReadFile(p); err == nil {
			sum = append(sum, b...)
			if len(b) > 0 && !bytes.HasSuffix(b, []byte("\n")) {
				sum = append(sum, '\n')
			}
		}
	}
	return sum
}

// Write writes go.mod and go.sum of a module named path into dir.
func Write(dir, path, root string) error {
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), GoMod(path, root), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "go.sum"), GoSum(root), 0o644)
}
