// Package qs checks the runtime's form and deepObject encodings with an
// independent parser real servers use: the qs npm package, which Express
// uses to parse query strings and form bodies. qs is installed by .ci/run
// (npm install --prefix .ci/qs qs); without it (and node) the test skips,
// and fails when CI=true.
package qs

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/genclient/genclient/runtime"
)

// qsDir finds the node_modules folder holding qs: $GENCLIENT_QS, else
// .ci/qs/node_modules at the repository root.
func qsDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("GENCLIENT_QS")
	if dir == "" {
		dir = filepath.Join("..", "..", ".ci", "qs", "node_modules")
	}
	_, err := os.Stat(filepath.Join(dir, "qs", "package.json"))
	_, nodeErr := exec.LookPath("node")
	if err != nil || nodeErr != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("qs or node missing (run .ci/run's qs section): %v %v", err, nodeErr)
		}
		t.Skip("qs or node missing: npm install --prefix .ci/qs qs")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

// parse runs qs.parse on each input with opts and returns the results as
// JSON values.
func parse(t *testing.T, dir string, opts string, inputs []string) []any {
	t.Helper()
	in, _ := json.Marshal(inputs)
	script := `const qs = require(process.argv[1] + "/qs");
let data = ""; process.stdin.on("data", d => data += d).on("end", () => {
  const opts = JSON.parse(process.argv[2]);
  process.stdout.write(JSON.stringify(JSON.parse(data).map(s => qs.parse(s, opts))));
});`
	cmd := exec.Command("node", "-e", script, dir, opts)
	cmd.Stdin = bytes.NewReader(in)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var res []any
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("qs output %q: %v", out, err)
	}
	return res
}

type price struct {
	Price    string `json:"price"`
	Quantity int    `json:"quantity"`
}

type adjust struct {
	Enabled bool  `json:"enabled"`
	Steps   []int `json:"steps,omitempty"`
}

type lineItem struct {
	Price      string            `json:"price"`
	Quantity   int               `json:"quantity"`
	TaxRates   []string          `json:"tax_rates,omitempty"`
	Adjustable *adjust           `json:"adjustable_quantity,omitempty"`
	Metadata   map[string]string `json:"metadata,omitempty"`
}

type session struct {
	Mode      string              `json:"mode"`
	LineItems []lineItem          `json:"line_items"`
	Expand    []string            `json:"expand,omitempty"`
	Metadata  map[string]string   `json:"metadata,omitempty"`
	Matrix    [][]price           `json:"matrix,omitempty"`
	Note      runtime.Opt[string] `json:"note,omitzero"`
}

var checkout = session{
	Mode: "payment",
	LineItems: []lineItem{
		{Price: "price_1Mo", Quantity: 2, TaxRates: []string{"txr_1", "txr_2"}, Metadata: map[string]string{"sku": "a&b=c"}},
		{Price: "price 2", Quantity: 1, Adjustable: &adjust{Enabled: true, Steps: []int{1, 5}}},
	},
	Expand:   []string{"customer", "line_items.data.price"},
	Metadata: map[string]string{"order": "6735", "a b": "ü[x]"},
	Matrix:   [][]price{{{"p1", 1}}, {{"p2", 2}, {"p3", 3}}},
	Note:     runtime.Some("hi+there"),
}

// want is the value qs should parse: v's JSON with every scalar as text,
// as qs (like every form parser) returns them.
func want(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var x any
	if err := json.Unmarshal(b, &x); err != nil {
		t.Fatal(err)
	}
	return texts(x)
}

func texts(x any) any {
	switch v := x.(type) {
	case map[string]any:
		for k, e := range v {
			v[k] = texts(e)
		}
		return v
	case []any:
		for i, e := range v {
			v[i] = texts(e)
		}
		return v
	case bool, float64:
		b, _ := json.Marshal(v)
		return string(b)
	}
	return x
}

func formText(t *testing.T, v any, enc map[string]runtime.Encoding) string {
	t.Helper()
	b, err := runtime.FormOf(v, enc)
	if err != nil {
		t.Fatal(err)
	}
	rc, err := b.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	out, _ := io.ReadAll(rc)
	return string(out)
}

func queryText(t *testing.T, c *runtime.Call) string {
	t.Helper()
	if c.Err() != nil {
		t.Fatal(c.Err())
	}
	_, q, _ := strings.Cut(c.String(), "?")
	return q
}

func deepEnc(arrays runtime.ArrayFormat, names ...string) map[string]runtime.Encoding {
	m := map[string]runtime.Encoding{}
	for _, n := range names {
		m[n] = runtime.Encoding{Style: runtime.StyleDeepObject, Explode: true, Arrays: arrays}
	}
	return m
}

// TestQSParsesWhatWeSend encodes nested values (arrays of objects holding
// arrays and maps, arrays of arrays, escapes) as form bodies and
// deepObject query parameters and checks that qs parses back exactly the
// value meant.
func TestQSParsesWhatWeSend(t *testing.T) {
	dir := qsDir(t)
	full := want(t, checkout)
	type tc struct {
		name string
		text string
		opts string
		want any
	}
	var cases []tc
	// Stripe's document: every nested property is deepObject.
	cases = append(cases, tc{"form deepObject indexed",
		formText(t, checkout, deepEnc(runtime.ArraysIndexed, "line_items", "expand", "metadata", "matrix")),
		`{"depth":20,"arrayLimit":100}`, full})
	// No encoding at all: nested values nest the same way by default.
	cases = append(cases, tc{"form without encodings",
		formText(t, checkout, nil), `{"depth":20,"arrayLimit":100,"duplicates":"combine"}`, full})
	cases = append(cases, tc{"form deepObject brackets (scalar lists)",
		formText(t, map[string]any{"expand": checkout.Expand, "ids": []int{3, 1, 2}}, deepEnc(runtime.ArraysBrackets, "expand", "ids")),
		`{}`, want(t, map[string]any{"expand": checkout.Expand, "ids": []int{3, 1, 2}})})
	cases = append(cases, tc{"form deepObject repeat",
		formText(t, map[string]any{"expand": checkout.Expand, "meta": checkout.Metadata}, deepEnc(runtime.ArraysRepeat, "expand", "meta")),
		`{"duplicates":"combine"}`, want(t, map[string]any{"expand": checkout.Expand, "meta": checkout.Metadata})})
	cases = append(cases, tc{"form deepObject comma",
		formText(t, map[string]any{"expand": checkout.Expand, "ids": []int{3, 1, 2}}, deepEnc(runtime.ArraysComma, "expand", "ids")),
		`{"comma":true}`, want(t, map[string]any{"expand": checkout.Expand, "ids": []int{3, 1, 2}})})
	for _, f := range []runtime.ArrayFormat{runtime.ArraysIndexed, runtime.ArraysBrackets} {
		c := runtime.NewCall("GET", "/v1/customers").
			AddQueryEncoded("expand", checkout.Expand, runtime.Encoding{Style: runtime.StyleDeepObject, Explode: true, Arrays: f}).
			AddQueryEncoded("created", map[string]int{"gte": 1, "lt": 9}, runtime.Encoding{Style: runtime.StyleDeepObject, Explode: true, Arrays: f}).
			AddQueryStyle("limit", 3, runtime.StyleForm, true, false)
		cases = append(cases, tc{"query deepObject " + string(f), queryText(t, c), `{}`,
			want(t, map[string]any{"expand": checkout.Expand, "created": map[string]int{"gte": 1, "lt": 9}, "limit": 3})})
	}
	c := runtime.NewCall("GET", "/v1/items").
		AddQueryStyle("line_items", checkout.LineItems, runtime.StyleDeepObject, true, false)
	cases = append(cases, tc{"query deepObject array of objects", queryText(t, c), `{"depth":20}`,
		want(t, map[string]any{"line_items": checkout.LineItems})})

	got := make([]any, len(cases))
	// One node run per distinct option set.
	byOpts := map[string][]int{}
	for i, c := range cases {
		byOpts[c.opts] = append(byOpts[c.opts], i)
	}
	for opts, idx := range byOpts {
		var in []string
		for _, i := range idx {
			in = append(in, cases[i].text)
		}
		res := parse(t, dir, opts, in)
		for j, i := range idx {
			got[i] = res[j]
		}
	}
	for i, c := range cases {
		if !reflect.DeepEqual(got[i], c.want) {
			g, _ := json.Marshal(got[i])
			w, _ := json.Marshal(c.want)
			t.Errorf("%s:\nsent %s\nqs   %s\nwant %s", c.name, c.text, g, w)
		}
	}
}
