package main

import (
	"fmt"
	"strings"
	"testing"
)

func TestSampleIsDeterministicAndSpread(t *testing.T) {
	var all []string
	for i := range 2639 {
		all = append(all, fmt.Sprintf("api%04d.json", i))
	}
	a, err := choose(all, &options{sample: 250})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := choose(all, &options{sample: 250})
	if len(a) != 250 {
		t.Fatalf("sample of %d documents", len(a))
	}
	for i := range a {
		if a[i].rel != b[i].rel {
			t.Fatalf("two samples differ at %d: %s, %s", i, a[i].rel, b[i].rel)
		}
	}
	if a[0].rel != all[0] || a[249].rel != all[249*2639/250] {
		t.Errorf("sample runs from %s to %s", a[0].rel, a[249].rel)
	}
	sizes := map[string]int64{all[0]: 50 << 20}
	if big, _ := choose(all, &options{sample: 250, sampleMax: 4 << 20, sizes: sizes}); big[0].rel == all[0] {
		t.Errorf("the sample holds %s, larger than -samplemax", all[0])
	}
	only, _ := choose(all, &options{only: "api000,api2638"})
	if len(only) != 11 {
		t.Errorf("-only api000,api2638 picks %d documents, want 11", len(only))
	}
	if _, err := choose(all, &options{hard: true}); err == nil && len(listLines(hardList)) > 0 {
		t.Error("a hard list naming documents the package lacks is accepted")
	}
}

func TestHardAndUnreadableListsParse(t *testing.T) {
	for _, l := range listLines(hardList) {
		if !strings.HasSuffix(l, ".json") || strings.ContainsAny(l, " \t") {
			t.Errorf("hard.txt: %q is not a document path", l)
		}
	}
	for p, e := range parseUnreadable(unreadableList) {
		if !strings.HasPrefix(e, p+":") {
			t.Errorf("unreadable.txt: the error for %s does not start with its position: %q", p, e)
		}
	}
}

func TestPkgDirs(t *testing.T) {
	taken := map[string]bool{}
	for in, want := range map[string]string{
		"1forge.com.json":                          "p_1forge_com",
		"amadeus.com/amadeus-safe-place-.json":     "p_amadeus_com_amadeus_safe_place_",
		"vtex.local/Orders-API-(PII-version).json": "p_vtex_local_orders_api__pii_version_",
	} {
		if got := pkgDir(in, taken); got != want {
			t.Errorf("pkgDir(%q) = %q, want %q", in, got, want)
		}
	}
	if got := pkgDir("1forge.com.json", taken); got != "p_1forge_com_2" {
		t.Errorf("a second 1forge.com.json gets %q", got)
	}
}

func TestAttribute(t *testing.T) {
	a, b, c := &doc{pkgDir: "p_a"}, &doc{pkgDir: "p_b"}, &doc{pkgDir: "p_c"}
	byDir := map[string]*doc{"p_a": a, "p_b": b, "p_c": c}
	out := "# example.com/directory/p_a\n" +
		"p_a/types.go:3:2: undefined: Foo\n" +
		"p_a/types.go:4:2: undefined: Bar\n" +
		"# example.com/directory/p_c\n" +
		"vet: p_c/client.go:10:1: something\n"
	if n := attribute(out, byDir); n != 2 {
		t.Errorf("attribute gave %d errors, want 2", n)
	}
	if a.err != "p_a/types.go:3:2: undefined: Foo" || b.err != "" || c.err != "vet: p_c/client.go:10:1: something" {
		t.Errorf("errors: a %q, b %q, c %q", a.err, b.err, c.err)
	}
}

func TestVerdict(t *testing.T) {
	for _, tt := range []struct {
		d    doc
		want string
	}{
		{doc{stage: "ok"}, "ok"},
		{doc{stage: "generated"}, "generated"},
		{doc{stage: "build", err: "x"}, "FAIL"},
		{doc{stage: "load", err: "a.json:3:4: no such file", expected: "a.json:3:4: no such file"}, "unreadable"},
		{doc{stage: "load", err: "a.json:1:1: no such file", expected: "a.json:3:4: no such file"}, "FAIL"},
		{doc{stage: "ok", expected: "a.json:3:4: no such file"}, "FAIL"},
	} {
		if got := tt.d.verdict(); got != tt.want {
			t.Errorf("verdict of %+v = %s, want %s", tt.d, got, tt.want)
		}
	}
}
