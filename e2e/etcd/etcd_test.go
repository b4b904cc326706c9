// Package etcd drives a client generated from etcd's own Swagger document
// (../shared/specs/etcd) against a real etcd server: unary calls, the
// gRPC-gateway streams (watch, lease keep-alive, snapshot), 64-bit
// integers sent as strings, bytes as base64, typed errors and auth tokens.
//
// The test starts etcd (Debian's etcd-server, 3.4) on 127.0.0.1 with a
// temporary data directory and free ports, generates the client into a
// scratch module, and runs the driver in testdata/ there: user code
// (driver_test.go, plain Go against the generated API) and a harness
// (harness_test.go) that checks every decoded value against the bytes the
// server sent. Without an etcd binary it skips, unless CI=true.
package etcd

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/genclient/genclient/generator"
	"github.com/genclient/genclient/internal/testmod"
	"github.com/genclient/genclient/loader"
)

// etcdBinary returns the etcd executable, skipping the test (failing it
// under CI=true) when there is none.
func etcdBinary(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("etcd")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("etcd not found (apt-get install etcd-server): %v", err)
		}
		t.Skip("etcd not installed (apt-get install etcd-server)")
	}
	return p
}

// specPath returns the etcd document named in ../shared/specs/corpus.tsv.
func specPath(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("GENCLIENT_SPECS")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "specs")
	}
	f, err := os.Open(filepath.Join(dir, "corpus.tsv"))
	if err != nil {
		t.Fatalf("the shared spec corpus is missing (want ../shared/specs beside the repository, or $GENCLIENT_SPECS): %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, root, ok := strings.Cut(sc.Text(), "\t")
		if ok && name == "etcd" {
			return filepath.Join(dir, filepath.FromSlash(strings.TrimSpace(root)))
		}
	}
	t.Fatalf("corpus.tsv in %s lists no etcd document", dir)
	return ""
}

// freePort returns a TCP port on 127.0.0.1 that was free a moment ago.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// startEtcd runs etcd on 127.0.0.1 with a temporary data directory and
// returns its client URL once it reports healthy; the server is stopped by
// its PID when the test ends.
func startEtcd(t *testing.T, bin string) string {
	t.Helper()
	dataDir := t.TempDir()
	if err := os.Chmod(dataDir, 0o700); err != nil { // etcd warns about a wider one
		t.Fatal(err)
	}
	client := fmt.Sprintf("http://127.0.0.1:%d", freePort(t))
	peer := fmt.Sprintf("http://127.0.0.1:%d", freePort(t))
	cmd := exec.Command(bin,
		"--name", "e2e", "--data-dir", dataDir,
		"--listen-client-urls", client, "--advertise-client-urls", client,
		"--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
		"--initial-cluster", "e2e="+peer, "--initial-cluster-state", "new",
		"--logger", "zap", "--log-outputs", "stderr", "--log-level", "error")
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	pid := cmd.Process.Pid
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = syscall.Kill(pid, syscall.SIGTERM)
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = syscall.Kill(pid, syscall.SIGKILL)
			<-done
		}
		if t.Failed() {
			t.Logf("etcd (pid %d) output:\n%s", pid, logs.String())
		}
	})
	deadline := time.Now().Add(30 * time.Second)
	for {
		select {
		case err := <-done:
			t.Fatalf("etcd exited: %v\n%s", err, logs.String())
		default:
		}
		if healthy(client) {
			return client
		}
		if time.Now().After(deadline) {
			t.Fatalf("etcd not healthy after 30s\n%s", logs.String())
		}
		time.Sleep(100 * time.Millisecond) // polling for start-up, not timing behaviour
	}
}

func healthy(base string) bool {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", base+"/health", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	var h struct {
		Health string `json:"health"`
	}
	return resp.StatusCode == 200 && json.NewDecoder(resp.Body).Decode(&h) == nil && h.Health == "true"
}

// generate writes the scratch module: the client generated from spec in
// etcd/, and the driver files of testdata/.
func generate(t *testing.T, spec string) string {
	t.Helper()
	api, err := loader.Load(spec, loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	files, err := generator.Generate(api, generator.Config{Package: "etcd"})
	if err != nil {
		t.Fatal(err)
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := testmod.Write(dir, "example.com/etcde2e", root); err != nil {
		t.Fatal(err)
	}
	write := func(name string, b []byte) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range files {
		write("etcd/"+f.Name, f.Content)
	}
	for _, name := range []string{"driver_test.go", "harness_test.go"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		write(name, b)
	}
	return dir
}

// TestUserCodeIsPlainGo checks that the driver's calls are what a user
// writes: the generated methods and types, no strconv, no hand-built
// requests or raw JSON.
func TestUserCodeIsPlainGo(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, filepath.Join("testdata", "driver_test.go"), nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	allowed := map[string]bool{"bytes": true, "context": true, "errors": true, "slices": true, "sync": true,
		"testing": true, "time": true, "example.com/etcde2e/etcd": true, "github.com/genclient/genclient/runtime": true}
	for _, imp := range f.Imports {
		p, _ := strconv.Unquote(imp.Path.Value)
		if !allowed[p] {
			t.Errorf("driver imports %s", p)
		}
	}
	banned := map[string]bool{"NewCall": true, "Do": true, "Decode": true, "JSONStream": true, "Exec": true, "RawMessage": true}
	ast.Inspect(f, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok && banned[sel.Sel.Name] {
			if id, ok := sel.X.(*ast.Ident); ok && id.Name == "runtime" {
				t.Errorf("%s: driver calls runtime.%s", fset.Position(sel.Pos()), sel.Sel.Name)
			}
		}
		return true
	})
	if n := strings.Count(fileText(t, "driver_test.go"), "\n"); n < 100 {
		t.Errorf("driver_test.go has %d lines: the driver is missing", n)
	}
}

func fileText(t *testing.T, name string) string {
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestEtcd generates the client, starts etcd and runs the driver.
func TestEtcd(t *testing.T) {
	bin := etcdBinary(t)
	spec := specPath(t)
	start := time.Now()
	dir := generate(t, spec)
	url := startEtcd(t, bin)
	t.Logf("generated and started etcd in %v", time.Since(start).Round(time.Millisecond))
	cmd := exec.Command("go", "test", "-count=1", "-v", ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "ETCD_URL="+url)
	out, err := cmd.CombinedOutput()
	t.Logf("driver (%v):\n%s", time.Since(start).Round(time.Millisecond), out)
	if err != nil {
		t.Fatalf("driver failed: %v", err)
	}
	for _, want := range []string{"--- PASS: TestKV", "--- PASS: TestWatch", "--- PASS: TestLease", "--- PASS: TestSnapshot", "--- PASS: TestAuth"} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("driver output lacks %q", want)
		}
	}
}
