package config

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	yaml "github.com/oasdiff/yaml3"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

const sample = `# a full configuration
spec: stripe.json
out: ./stripe
package: stripe
module: example.com/stripe
runtime: example.com/fork/runtime
clean: true
quiet: false
drop-unknown: true
detect-pagination: false
group-by-path: true
form-arrays: brackets
overlays: [fix.yaml, more.yaml]
methods:
  GetCharges: ListCharges
  "GET /v1/customers": ListCustomers
types: {charge: Charge}
pagination:
  GetCharges: {style: cursor, param: starting_after, cursor_item: id, has_more: has_more, items: data}
  GetEvents: {off: true}
include: {tags: [Charges]}
exclude: {operations: [DeleteCharge]}
`

func TestParse(t *testing.T) {
	c, err := Parse("genclient.yaml", []byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	yes, no := true, false
	want := &Config{Spec: "stripe.json", Out: "./stripe", Package: "stripe", Module: "example.com/stripe",
		Runtime: "example.com/fork/runtime", Clean: &yes, Quiet: &no, DropUnknown: &yes, DetectPagination: &no, GroupByPath: &yes, FormArrays: "brackets",
		Overlays: []string{"fix.yaml", "more.yaml"},
		Methods:  map[string]string{"GetCharges": "ListCharges", "GET /v1/customers": "ListCustomers"},
		Types:    map[string]string{"charge": "Charge"},
		Pagination: map[string]Pagination{
			"GetCharges": {Style: "cursor", Param: "starting_after", CursorItem: "id", HasMore: "has_more", Items: "data"},
			"GetEvents":  {Off: true},
		},
		Include: &Selection{Tags: []string{"Charges"}},
		Exclude: &Selection{Operations: []string{"DeleteCharge"}},
	}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("Parse:\n%+v\nwant\n%+v", c, want)
	}
}

func TestErrors(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"unknown top-level key", "spec: a.yaml\noutt: x\n", `genclient.yaml:2:1: unknown key "outt" (known: `},
		{"unknown key in a rule", "pagination:\n  listPets:\n    style: cursor\n    parm: after\n", `genclient.yaml:4:5: unknown key "parm"`},
		{"unknown key in a selection", "exclude:\n  ops: [a]\n", `genclient.yaml:2:3: unknown key "ops" (known: operations, tags)`},
		{"bad style", "pagination:\n  listPets: {style: cursors}\n", `genclient.yaml:2:3: pagination of listPets: style "cursors" is not one of`},
		{"bad method name", "methods:\n  listPets: list\n", `genclient.yaml:2:3: methods: listPets: "list" is not an exported Go identifier`},
		{"bad form arrays", "form-arrays: json\n", `genclient.yaml:1:14: form-arrays "json" is not one of`},
		{"wrong type", "clean: maybe\n", `genclient.yaml:1:1: `},
		{"not a mapping", "- a\n", `genclient.yaml:1:1: want a mapping`},
		{"syntax", "spec: [a\n", `genclient.yaml: YAML syntax error: `},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("genclient.yaml", []byte(tc.in))
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("err = %v, want prefix %q", err, tc.want)
			}
		})
	}
}

func TestLoadMissing(t *testing.T) {
	if _, err := Load("testdata/none.yaml"); err == nil || err.Error() != "testdata/none.yaml: no such file" {
		t.Errorf("err = %v", err)
	}
}

// TestSchema checks that the published JSON Schema knows exactly the keys
// Parse knows, and that it accepts the sample and rejects an unknown key.
func TestSchema(t *testing.T) {
	var s struct {
		Properties map[string]any `json:"properties"`
		Defs       map[string]struct {
			Properties map[string]any `json:"properties"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(Schema, &s); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		props map[string]any
		t     reflect.Type
	}{
		{s.Properties, reflect.TypeOf(Config{})},
		{s.Defs["pagination"].Properties, reflect.TypeOf(Pagination{})},
		{s.Defs["selection"].Properties, reflect.TypeOf(Selection{})},
	} {
		var got, want []string
		for k := range tc.props {
			got = append(got, k)
		}
		for i := range tc.t.NumField() {
			if tag, _, _ := strings.Cut(tc.t.Field(i).Tag.Get("yaml"), ","); tag != "-" {
				want = append(want, tag)
			}
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s: schema has %v, Parse knows %v", tc.t, got, want)
		}
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(Schema))
	if err != nil {
		t.Fatal(err)
	}
	comp := jsonschema.NewCompiler()
	if err := comp.AddResource("genclient.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := comp.Compile("genclient.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	valid := func(src string) error {
		var v any
		if err := yaml.Unmarshal([]byte(src), &v); err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(v)
		inst, _ := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		return sch.Validate(inst)
	}
	if err := valid(sample); err != nil {
		t.Errorf("schema rejects the sample: %v", err)
	}
	if err := valid("pagination:\n  a: {style: cursor, parm: x}\n"); err == nil {
		t.Error("schema accepts an unknown key")
	}
}
