package conformance

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/genclient/genclient/generator/conformance/drive"
)

// knownFailures names the operations that cannot pass, keyed by
// "spec METHOD path", with the reason. It is never silent: each entry is
// logged, and an entry that passes is reported so it can be removed.
var knownFailures = map[string]string{}

// TestConformance calls every operation of each spec's generated client
// against the validating mock server (package mock): every request and
// every response must match the document, every call must succeed and
// decode the response.
func TestConformance(t *testing.T) {
	if testing.Short() {
		t.Skip("conformance: skipped in -short mode")
	}
	all := prepareSuite(t)
	var table []string
	for _, p := range all {
		t.Run(p.name, func(t *testing.T) {
			rep := runDriver(t, p, "")
			if rep == nil {
				return
			}
			table = append(table, check(t, p, rep, "mock"))
			var kinds []string
			for _, k := range sortedKeys(p.bodies) {
				kinds = append(kinds, fmt.Sprintf("%s %d", k, p.bodies[k]))
			}
			t.Logf("request bodies sent, by kind: %s", strings.Join(kinds, ", "))
			if len(p.others) > 0 {
				t.Logf("alternative request media types the generated methods do not send (%d): %s", len(p.others), strings.Join(p.others, "; "))
			}
		})
	}
	t.Logf("results against the validating mock:\n%s", strings.Join(table, "\n"))
}

// runDriver runs p's driver against target ("" for the mock) and returns
// its report, or nil after failing t.
func runDriver(t *testing.T, p *prepared, target string) *drive.Report {
	t.Helper()
	if p.err != nil {
		t.Fatalf("%s: %v", p.name, p.err)
	}
	for _, pr := range p.problems {
		t.Errorf("harness: %s", pr)
	}
	report := filepath.Join(filepath.Dir(p.planFile), p.pkg()+"-"+map[bool]string{true: "mock", false: "prism"}[target == ""]+".report.json")
	args := []string{"-client", p.pkg(), "-plan", p.planFile, "-report", report}
	if target != "" {
		args = append(args, "-target", target)
		var quick []string
		for k := range prismKnownFailures {
			if op, ok := strings.CutPrefix(k, p.name+" "); ok {
				quick = append(quick, op)
			}
		}
		sort.Strings(quick)
		args = append(args, "-quick", strings.Join(quick, "\n"))
	}
	start := time.Now()
	cmd := exec.Command(p.bin, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("driver: %v\n%s", err, truncate(out.String(), 4000))
	}
	t.Logf("driver ran in %v", time.Since(start).Round(time.Millisecond))
	b, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	var rep drive.Report
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	return &rep
}

// check fails t for every result that is not ok and not a known failure,
// and returns one row of the summary table.
func check(t *testing.T, p *prepared, rep *drive.Report, target string) string {
	t.Helper()
	ok, failed, known, prismResp := 0, 0, 0, 0
	reasons := map[string]int{}
	for _, r := range rep.Results {
		key := p.name + " " + r.Key
		why, isKnown := knownFailures[key]
		switch {
		case r.Outcome == "ok" && isKnown:
			ok++
			t.Logf("known failure now passes, remove it from knownFailures: %s", key)
		case r.Outcome == "ok":
			ok++
		case r.Outcome == "prism-response":
			prismResp++
			t.Logf("%s %s: Prism's own response violates the document (not a client problem): %s", r.Key, r.Call, truncate(strings.Join(r.Detail, "; "), 400))
		case isKnown:
			known++
			t.Logf("known failure %s (%s): %s", key, why, strings.Join(r.Detail, "; "))
		default:
			failed++
			reasons[r.Outcome]++
			t.Errorf("%s %s [%s]: %s", r.Key, r.Call, r.Outcome, truncate(strings.Join(r.Detail, "; "), 3000))
		}
	}
	for _, n := range rep.Notes {
		t.Logf("not validated: %s", n)
	}
	for _, e := range rep.Extra {
		failed++
		t.Errorf("%s", e)
	}
	if p.min > 0 && ok < p.min {
		t.Errorf("%d operations passed against %s, want at least %d", ok, target, p.min)
	}
	var rs []string
	for k, n := range reasons {
		rs = append(rs, fmt.Sprintf("%s %d", k, n))
	}
	sort.Strings(rs)
	if prismResp > 0 {
		rs = append(rs, fmt.Sprintf("(prism's own response invalid: %d)", prismResp))
	}
	return fmt.Sprintf("%-22s %-5s called %4d  ok %4d  failed %4d  known %3d  %s", p.name, target, len(rep.Results), ok, failed, known, strings.Join(rs, ", "))
}
