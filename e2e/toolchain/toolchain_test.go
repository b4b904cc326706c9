// Package toolchain installs and runs genclient as a user does, with the
// go command alone: the checkout is published, as a release would be, to
// a module proxy in a temporary directory (both modules, at one version,
// the root's go.mod requiring the runtime at that version and without the
// development replace), and a fresh module then runs
//
//	go get -tool github.com/genclient/genclient/cmd/genclient@VERSION
//	go generate ./...   (//go:generate go tool genclient -config genclient.yaml)
//	go build ./...      (no go mod tidy)
//
// and, for an SDK published as its own module, genclient -module, go vet
// and go test with no go mod tidy (go.sum is generated), a go mod tidy
// that changes nothing, genclient -check; and go run and go install of
// genclient@VERSION.
//
// Everything else the go command needs comes from the local module cache
// (served as a file proxy) or the Go module proxy; the module cache used
// is temporary, so the published test versions never reach the real one.
package toolchain

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
	modzip "golang.org/x/mod/zip"
)

const (
	version = "v0.99.0" // the version the test publishes; never a real release
	genMod  = "github.com/genclient/genclient"
	rtMod   = "github.com/genclient/genclient/runtime"
)

// needTool skips the test when a program is missing, except under CI=true.
func needTool(t *testing.T, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not installed: %v", name, err)
		}
		t.Skipf("%s is not installed", name)
	}
}

func TestInstallAndGenerate(t *testing.T) {
	if testing.Short() {
		t.Skip("builds genclient from a fresh module cache (about a minute)")
	}
	needTool(t, "git")
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	proxy := filepath.Join(tmp, "proxy")
	publish(t, root, proxy)
	env := goEnv(t, tmp, proxy)

	// A fresh module installs the tool: the runtime comes with it.
	app := filepath.Join(tmp, "app")
	mkdir(t, app)
	run(t, app, env, "go", "mod", "init", "example.com/app")
	run(t, app, env, "go", "get", "-tool", genMod+"/cmd/genclient@"+version)
	gomod := read(t, filepath.Join(app, "go.mod"))
	for _, want := range []string{"tool " + genMod + "/cmd/genclient", rtMod + " " + version} {
		if !strings.Contains(gomod, want) {
			t.Fatalf("go get -tool left go.mod without %q:\n%s", want, gomod)
		}
	}
	if out := run(t, app, env, "go", "tool", "genclient", "-version"); !strings.Contains(out, "genclient "+version+" (runtime "+version+")") {
		t.Errorf("go tool genclient -version: %q", out)
	}

	// go generate with a config file, then go build with no go mod tidy.
	copyFile(t, filepath.Join(root, "testdata", "specs", "petstore-expanded.yaml"), filepath.Join(app, "petstore.yaml"))
	write(t, filepath.Join(app, "genclient.yaml"), "spec: petstore.yaml\nout: ./petstore\npackage: petstore\nclean: true\n")
	write(t, filepath.Join(app, "gen.go"), "package main\n\n//go:generate go tool genclient -config genclient.yaml\n")
	write(t, filepath.Join(app, "main.go"), `package main

import (
	"context"
	"fmt"

	"example.com/app/petstore"
	"github.com/genclient/genclient/runtime"
)

func main() {
	c, err := petstore.NewClient(petstore.DefaultServerURL, runtime.WithUserAgent("app/1.0"))
	if err != nil {
		panic(err)
	}
	_, err = c.FindPets(context.Background(), nil)
	fmt.Println(err != nil)
}
`)
	run(t, app, env, "go", "generate", "./...")
	run(t, app, env, "go", "build", "./...")
	run(t, app, env, "go", "vet", "./...")
	if got := read(t, filepath.Join(app, "go.mod")); got != gomod {
		t.Errorf("generate and build changed go.mod:\n%s\nwas:\n%s", got, gomod)
	}

	// An SDK module: the runtime at the release's version and go.sum as
	// generated, so go vet and go test (which compiles one example per
	// service) work with no go mod tidy; a go mod tidy then changes
	// nothing, and -check is clean.
	sdk := filepath.Join(tmp, "sdk")
	gen := []string{"tool", "genclient", "-module", "example.com/petstore-go", "-out", sdk, "-package", "petstore", "petstore.yaml"}
	run(t, app, env, "go", gen...)
	sdkMod := read(t, filepath.Join(sdk, "go.mod"))
	if !strings.Contains(sdkMod, "require "+rtMod+" "+version+"\n") || strings.Contains(sdkMod, "replace") {
		t.Errorf("the SDK's go.mod:\n%s", sdkMod)
	}
	sdkSum := read(t, filepath.Join(sdk, "go.sum"))
	if !strings.Contains(sdkSum, rtMod+" "+version+" h1:") {
		t.Errorf("the SDK's go.sum lacks the runtime's hash:\n%s", sdkSum)
	}
	readonly := append(env[:len(env):len(env)], "GOFLAGS=-modcacherw -mod=readonly")
	run(t, sdk, readonly, "go", "vet", "./...")
	run(t, sdk, readonly, "go", "test", "./...")
	run(t, sdk, env, "go", "mod", "tidy")
	if got := read(t, filepath.Join(sdk, "go.mod")); got != sdkMod {
		t.Errorf("go mod tidy changed the generated go.mod:\n%s\nwas:\n%s", got, sdkMod)
	}
	if got := read(t, filepath.Join(sdk, "go.sum")); got != sdkSum {
		t.Errorf("go mod tidy changed the generated go.sum:\n%s\nwas:\n%s", got, sdkSum)
	}
	run(t, app, env, "go", append(gen[:2:2], append([]string{"-check"}, gen[2:]...)...)...)
	run(t, sdk, env, "go", "vet", "./...")
	// Nothing of the generator: its go.mod names the runtime and the x/
	// modules the runtime's packages import, and its module graph has no
	// module of the generator's.
	tidied := read(t, filepath.Join(sdk, "go.mod"))
	list := run(t, sdk, env, "go", "list", "-m", "all")
	for _, bad := range []string{"kin-openapi", "jennifer", "yaml", "go-httpbin", "go-cmp", genMod + " "} {
		if strings.Contains(list, bad) || strings.Contains(tidied, bad) {
			t.Errorf("the SDK's module graph has %s:\n%s\n%s", bad, tidied, list)
		}
	}

	// One-off use and a binary, outside any module.
	out := filepath.Join(tmp, "out")
	mkdir(t, out)
	if got := run(t, out, env, "go", "run", genMod+"/cmd/genclient@"+version, "-version"); !strings.Contains(got, version) {
		t.Errorf("go run ...@%s -version: %q", version, got)
	}
	bin := filepath.Join(tmp, "bin")
	run(t, out, append(env, "GOBIN="+bin), "go", "install", genMod+"/cmd/genclient@"+version)
	if got := run(t, out, env, filepath.Join(bin, "genclient"), "-version"); !strings.Contains(got, version) {
		t.Errorf("installed genclient -version: %q", got)
	}
}

// goEnv is the environment of every go command: the temporary proxy
// first, then the local module cache as a proxy, then the Go module
// proxy; a temporary module cache; no checksum database (the published
// versions are the test's own).
func goEnv(t *testing.T, tmp, proxy string) []string {
	cache := strings.TrimSpace(run(t, "", os.Environ(), "go", "env", "GOMODCACHE"))
	goproxy := "file://" + filepath.ToSlash(proxy) + ",file://" + filepath.ToSlash(filepath.Join(cache, "cache", "download")) + ",https://proxy.golang.org"
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "GOPROXY", "GOMODCACHE", "GOFLAGS", "GOWORK", "GOSUMDB", "GONOSUMDB", "GOPRIVATE", "GONOPROXY", "GOTOOLCHAIN", "GOBIN":
			continue
		}
		env = append(env, kv)
	}
	return append(env, "GOPROXY="+goproxy, "GOMODCACHE="+filepath.Join(tmp, "modcache"), "GOFLAGS=-modcacherw",
		"GOWORK=off", "GOSUMDB=off", "GOTOOLCHAIN=local")
}

// publish writes both modules of the checkout at root to a file proxy, as
// a release publishes them: the files git would commit (tracked and
// untracked, not ignored), the root's go.mod requiring the runtime at the
// release's version without the development replace.
func publish(t *testing.T, root, proxy string) {
	t.Helper()
	files := strings.Split(strings.TrimSpace(run(t, root, os.Environ(), "git", "ls-files", "-co", "--exclude-standard")), "\n")
	var genFiles, rtFiles []string
	for _, f := range files {
		if st, err := os.Lstat(filepath.Join(root, f)); err != nil || !st.Mode().IsRegular() {
			continue // deleted in the work tree, or a symlink
		}
		if rest, ok := strings.CutPrefix(f, "runtime/"); ok {
			rtFiles = append(rtFiles, rest)
		} else {
			genFiles = append(genFiles, f)
		}
	}
	mf, err := modfile.Parse("go.mod", []byte(read(t, filepath.Join(root, "go.mod"))), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := mf.DropReplace(rtMod, ""); err != nil {
		t.Fatal(err)
	}
	if err := mf.AddRequire(rtMod, version); err != nil {
		t.Fatal(err)
	}
	mf.Cleanup()
	genGoMod, err := mf.Format()
	if err != nil {
		t.Fatal(err)
	}
	publishModule(t, proxy, genMod, root, genFiles, genGoMod)
	publishModule(t, proxy, rtMod, filepath.Join(root, "runtime"), rtFiles, []byte(read(t, filepath.Join(root, "runtime", "go.mod"))))
}

// publishModule writes the .info, .mod and .zip of path@version.
func publishModule(t *testing.T, proxy, path, dir string, names []string, gomod []byte) {
	t.Helper()
	at := filepath.Join(proxy, filepath.FromSlash(path), "@v")
	mkdir(t, at)
	write(t, filepath.Join(at, "list"), version+"\n")
	info, _ := json.Marshal(map[string]string{"Version": version, "Time": "2026-01-01T00:00:00Z"})
	write(t, filepath.Join(at, version+".info"), string(info))
	write(t, filepath.Join(at, version+".mod"), string(gomod))
	var files []modzip.File
	for _, n := range names {
		if n == "go.mod" {
			files = append(files, memFile{"go.mod", gomod})
			continue
		}
		files = append(files, diskFile{n, filepath.Join(dir, filepath.FromSlash(n))})
	}
	cf, err := modzip.CheckFiles(files)
	if err != nil && len(cf.Valid) == 0 {
		t.Fatal(err)
	}
	valid := map[string]bool{}
	for _, v := range cf.Valid {
		valid[v] = true
	}
	var keep []modzip.File
	for _, f := range files {
		if valid[f.Path()] {
			keep = append(keep, f)
		}
	}
	var b bytes.Buffer
	if err := modzip.Create(&b, module.Version{Path: path, Version: version}, keep); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(at, version+".zip"), b.String())
	if _, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len())); err != nil {
		t.Fatal(err)
	}
}

type diskFile struct{ path, disk string }

func (f diskFile) Path() string                 { return f.path }
func (f diskFile) Lstat() (fs.FileInfo, error)  { return os.Lstat(f.disk) }
func (f diskFile) Open() (io.ReadCloser, error) { return os.Open(f.disk) }

type memFile struct {
	path string
	data []byte
}

func (f memFile) Path() string                 { return f.path }
func (f memFile) Lstat() (fs.FileInfo, error)  { return memInfo{f}, nil }
func (f memFile) Open() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(f.data)), nil }

type memInfo struct{ f memFile }

func (i memInfo) Name() string       { return filepath.Base(i.f.path) }
func (i memInfo) Size() int64        { return int64(len(i.f.data)) }
func (i memInfo) Mode() fs.FileMode  { return 0o644 }
func (i memInfo) ModTime() time.Time { return time.Time{} }
func (i memInfo) IsDir() bool        { return false }
func (i memInfo) Sys() any           { return nil }

// run runs a command in dir and returns its standard output; a failure
// fails the test with the command's output.
func run(t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env = dir, env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) && !errors.Is(err, exec.ErrNotFound) {
			t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
		}
		t.Fatalf("%s %s (in %s): %v\n%s%s", name, strings.Join(args, " "), dir, err, stdout.String(), stderr.String())
	}
	return stdout.String() + stderr.String()
}

func mkdir(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func write(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	write(t, to, read(t, from))
}
