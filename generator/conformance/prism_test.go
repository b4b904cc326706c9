package conformance

import (
	"bytes"
	"flag"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/genclient/genclient/generator/conformance/drive"
)

// prismVersion is the version .ci/run installs.
const prismVersion = "5.14.2"

var prismAll = flag.Bool("prism-all", false, "also run the heavy specs (figma, GitHub, OpenAI) against Prism: minutes more")

// prismKnownFailures names operations that fail against Prism for a
// reason outside genclient, keyed by "spec METHOD path", with the reason.
var prismKnownFailures = map[string]string{
	"figma PUT /v1/dev_resources": "the document's response requires links_created but does not declare it, " +
		"so Prism's example-based answer is invalid and Prism answers 500",
	"figma GET /v1/files/{file_key}":       "Prism takes minutes to generate the deeply recursive Node tree (called with a 10 s timeout)",
	"figma GET /v1/files/{file_key}/nodes": "Prism takes minutes to generate the deeply recursive Node tree (called with a 10 s timeout)",
	"openai POST /files": "Prism does not decode a multipart part sent as application/json (expires_after, an object), " +
		"as OpenAPI 3 prescribes for object properties, and rejects it",
	"openai POST /audio/transcriptions": "Prism reads the repeated parts of an array property (languages, include, ...) " +
		"as one value and rejects them as not an array",
	"openai POST /audio/speech": "Prism sends the document's declared Transfer-Encoding response header with its " +
		"schema's placeholder value (\"string\"), which is not valid HTTP: Go's transport rightly refuses the response",
}

// Redirects: Prism answers GitHub's download operations with the 302 of
// the document, whose Location example is a real GitHub host (no network
// here) or absent.
func init() {
	for _, op := range []string{
		"GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}",
		"GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs",
		"GET /repos/{owner}/{repo}/actions/runs/{run_id}/logs",
		"GET /repos/{owner}/{repo}/tarball/{ref}",
		"GET /repos/{owner}/{repo}/zipball/{ref}",
		"GET /orgs/{org}/migrations/{migration_id}/archive",
		"GET /user/migrations/{migration_id}/archive",
	} {
		prismKnownFailures["github-rest-api "+op] = "Prism's 302 points to the document's example host or nowhere; the client follows redirects"
	}
}

// TestPrism makes the same calls as TestConformance against Stoplight
// Prism (an independent validator): `prism mock --errors` answers a
// request that violates the document with an error status and an
// sl-violations header, and flags responses that violate it. Prism is
// found through $GENCLIENT_PRISM or where .ci/run installs it; without it
// the test is skipped, except under CI=true where that is a failure.
func TestPrism(t *testing.T) {
	if testing.Short() {
		t.Skip("conformance: skipped in -short mode")
	}
	prism := findPrism()
	if prism == "" {
		msg := "Prism not found: run `npm install --prefix .ci/prism @stoplight/prism-cli@" + prismVersion + "` (as .ci/run does) or set GENCLIENT_PRISM"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	all := prepareSuite(t)
	var table []string
	for _, p := range all {
		t.Run(p.name, func(t *testing.T) {
			if p.heavy && !*prismAll {
				t.Skipf("%s takes Prism minutes: run with -prism-all (.ci/run does)", p.name)
			}
			if p.err != nil {
				t.Fatalf("%s: %v", p.name, p.err)
			}
			srv := startPrism(t, prism, p.path)
			rep := runDriver(t, p, srv.url)
			if rep == nil {
				return
			}
			classifyPrism(rep)
			saved := knownFailures
			knownFailures = prismKnownFailures
			defer func() { knownFailures = saved }()
			table = append(table, check(t, p, rep, "prism"))
			if t.Failed() {
				t.Logf("Prism's log, violations only:\n%s", strings.Join(srv.errors(), "\n"))
			}
		})
	}
	t.Logf("results against Prism %s:\n%s", prismVersion, strings.Join(table, "\n"))
}

// classifyPrism marks the calls whose only problem is Prism's own answer:
// with --errors, Prism replaces a response it generated (from the
// document's examples or schemas) that violates the document by a 500
// and lists the violations, all located in "response", in sl-violations.
// The request was valid, so the call says nothing about genclient; it is
// reported as "prism-response", not as a failure.
var locationRE = regexp.MustCompile(`"location":\["([^"]*)"`)

func classifyPrism(rep *drive.Report) {
	for i, r := range rep.Results {
		if r.Outcome != "violation" {
			continue
		}
		onlyResponse := true
		for _, d := range r.Detail {
			if !strings.HasPrefix(d, "prism: ") {
				continue
			}
			// The header may be cut short ("Too many violations! [..."),
			// so read the locations' first elements, not the JSON.
			locs := locationRE.FindAllStringSubmatch(d, -1)
			if len(locs) == 0 {
				onlyResponse = false
			}
			for _, l := range locs {
				if l[1] != "response" {
					onlyResponse = false
				}
			}
		}
		if onlyResponse {
			rep.Results[i].Outcome = "prism-response"
		}
	}
}

func findPrism() string {
	if p := os.Getenv("GENCLIENT_PRISM"); p != "" {
		return p
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		return ""
	}
	p := filepath.Join(root, ".ci", "prism", "node_modules", ".bin", "prism")
	if _, err := os.Stat(p); err != nil {
		return ""
	}
	return p
}

type prismServer struct {
	url   string
	mu    sync.Mutex
	log   bytes.Buffer
	ready int // log offset once ready: earlier lines are the readiness probe's
}

func (s *prismServer) Write(b []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.log.Write(b)
}

func (s *prismServer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.log.String()
}

// errors returns the lines of Prism's log that report a violation.
func (s *prismServer) errors() []string {
	var out []string
	s.mu.Lock()
	log := s.log.String()[s.ready:]
	s.mu.Unlock()
	for _, line := range strings.Split(log, "\n") {
		if strings.Contains(line, "✖") && !strings.Contains(line, "[CALLBACK]") {
			out = append(out, strings.TrimSpace(line))
		}
	}
	return out
}

// startPrism starts `prism mock` on a free port for spec, waits until it
// answers (bounded) and stops it, by its PID, when t ends.
func startPrism(t *testing.T, prism, spec string) *prismServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	srv := &prismServer{url: "http://127.0.0.1:" + strconv.Itoa(port)}
	cmd := exec.Command(prism, "mock", "-h", "127.0.0.1", "-p", strconv.Itoa(port), "--errors", spec)
	cmd.Stdout, cmd.Stderr = srv, srv
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting Prism: %v", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill() // the process we started, by its PID
		<-exited
	})
	start := time.Now()
	deadline := start.Add(300 * time.Second) // figma takes Prism minutes on a busy machine
	for {
		select {
		case err := <-exited:
			exited <- err
			t.Fatalf("Prism exited before it was ready: %v\n%s", err, truncate(srv.String(), 4000))
		default:
		}
		if strings.Contains(srv.String(), "Prism is listening") {
			// A TCP connection, not a request: Prism would log a request
			// to no operation as an error.
			if c, err := net.DialTimeout("tcp", strings.TrimPrefix(srv.url, "http://"), 2*time.Second); err == nil {
				c.Close()
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("Prism not ready after %v:\n%s", time.Since(start).Round(time.Second), truncate(srv.String(), 4000))
		}
		time.Sleep(100 * time.Millisecond)
	}
	srv.mu.Lock()
	srv.ready = srv.log.Len()
	srv.mu.Unlock()
	t.Logf("Prism ready in %v", time.Since(start).Round(time.Millisecond))
	return srv
}
