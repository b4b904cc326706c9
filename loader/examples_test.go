package loader

import (
	"reflect"
	"testing"

	"github.com/genclient/genclient/ir"
)

func TestFieldAndMediaExamples(t *testing.T) {
	const doc = "testdata/examples/examples.yaml"
	checked, err := Load(doc, Options{CheckExamples: true})
	if err != nil {
		t.Fatal(err)
	}
	pet := findType(t, checked, "Pet")
	valid := func(js string) ir.Example { return ir.Example{JSON: js} }
	part := func(p, js string) ir.Example { return ir.Example{Part: p, JSON: js} }
	for _, tt := range []struct {
		prop string
		want []ir.Example
	}{
		{"name", []ir.Example{valid(`"Rex"`)}},
		{"age", []ir.Example{valid(`3`), {JSON: `"three"`, Invalid: "value must be an integer"}}},
		{"owner", []ir.Example{valid(`{"id":1}`)}}, // the referenced schema's
		{"plain", nil},
		// Examples of items become arrays of one item, checked against
		// the property's schema: an item of the wrong type, or an array
		// too short for it, is invalid.
		{"tags", []ir.Example{valid(`["a","b"]`), part("items", `["cute"]`),
			{Part: "items", JSON: `[7]`, Invalid: `Error at "/0": value must be a string`}}},
		{"pair", []ir.Example{{Part: "items", JSON: `[1]`, Invalid: "minimum number of items is 2"}}},
		{"matrix", []ir.Example{part("items", `[[1,2]]`), part("items/items", `[[3]]`)}},
		{"labels", []ir.Example{part("additionalProperties/items", `{"key":["red"]}`)}},
		// The one variant besides null is the property's type.
		{"nick", []ir.Example{part("anyOf/0", `"Rexy"`)}},
		// An enum has a named type, which lists the example.
		{"kinds", nil},
		// Owner lists {"id":1} but not the example beside the $ref.
		{"owners", []ir.Example{part("items", `[{"id":2}]`)}},
	} {
		if got := field(t, pet, tt.prop).Examples; !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Pet.%s examples %+v, want %+v", tt.prop, got, tt.want)
		}
	}
	for _, tt := range []struct {
		name string
		want []ir.Example
	}{
		{"Names", []ir.Example{part("items", `["Rex"]`)}},
		{"Grid", []ir.Example{part("additionalProperties", `{"key":5}`)}},
		// Variants: the string's own, none of Names (a named type), the
		// inline array's items.
		{"NameOrNames", []ir.Example{part("oneOf/0", `"Rex"`), part("oneOf/2/items", `[9]`)}},
		{"PetKindsItem", []ir.Example{valid(`"dog"`)}},
		{"StringOrInts", []ir.Example{part("items", `[4]`)}},
	} {
		if got := findType(t, checked, tt.name).Examples; !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s examples %+v, want %+v", tt.name, got, tt.want)
		}
	}

	op := checked.Services[0].Operations[0]
	if got, want := op.Body.Contents[0].Examples, []ir.Example{valid(`{"age":3,"name":"Rex"}`)}; !reflect.DeepEqual(got, want) {
		t.Errorf("request examples %+v, want %+v", got, want)
	}
	got := op.Responses[0].Contents[0].Examples
	want := []ir.Example{
		{Name: "bad", JSON: `{"name":7}`, Invalid: `Error at "/name": value must be a string`},
		{Name: "old", JSON: `{"age":969,"name":"Methuselah"}`},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("response examples %+v, want %+v", got, want)
	}
	names := findOp(t, checked, "ListNames")
	if got, want := names.Responses[0].Contents[0].Examples, []ir.Example{part("items", `["Rex"]`)}; !reflect.DeepEqual(got, want) {
		t.Errorf("inline array response examples %+v, want %+v", got, want)
	}

	// Without the check, field examples are listed unchecked, media
	// examples not at all, and none is made from a part.
	plain, err := Load(doc, Options{})
	if err != nil {
		t.Fatal(err)
	}
	plainPet := findType(t, plain, "Pet")
	if got, want := field(t, plainPet, "age").Examples, []ir.Example{valid(`3`), valid(`"three"`)}; !reflect.DeepEqual(got, want) {
		t.Errorf("unchecked Pet.age examples %+v, want %+v", got, want)
	}
	if got := field(t, plainPet, "name").Examples; !reflect.DeepEqual(got, []ir.Example{valid(`"Rex"`)}) {
		t.Errorf("unchecked Pet.name examples %+v", got)
	}
	if got := field(t, plainPet, "tags").Examples; !reflect.DeepEqual(got, []ir.Example{valid(`["a","b"]`)}) {
		t.Errorf("unchecked Pet.tags examples %+v", got)
	}
	for _, p := range []string{"pair", "matrix", "labels", "nick"} {
		if got := field(t, plainPet, p).Examples; got != nil {
			t.Errorf("unchecked Pet.%s examples %+v, want none", p, got)
		}
	}
	for _, n := range []string{"Names", "Grid", "NameOrNames"} {
		if got := findType(t, plain, n).Examples; got != nil {
			t.Errorf("unchecked %s examples %+v, want none", n, got)
		}
	}
	if ex := plain.Services[0].Operations[0].Body.Contents[0].Examples; ex != nil {
		t.Errorf("unchecked media examples %+v, want none", ex)
	}
}

// findOp returns the operation of api whose Go name is name.
func findOp(t *testing.T, api *ir.API, name string) *ir.Operation {
	t.Helper()
	for _, s := range api.Services {
		for _, o := range s.Operations {
			if o.Name == name {
				return o
			}
		}
	}
	t.Fatalf("no operation %s", name)
	return nil
}

// TestSelfComposedExamples: an example of a schema that is its own oneOf,
// anyOf, allOf or not (directly, through another schema, or inside the
// schema checked) is listed unchecked, with why; validating it never
// returns (kin-openapi's validator overflows the stack, which no recover
// stops). A schema recursive through its properties is still checked.
func TestSelfComposedExamples(t *testing.T) {
	api, err := Load("testdata/examples/selfcomposed.yaml", Options{CheckExamples: true})
	if err != nil {
		t.Fatal(err)
	}
	const unchecked = "not checked: the schema holds one that is its own oneOf, anyOf, allOf or not, which no value can be validated against"
	for _, tt := range []struct {
		name string
		want []ir.Example
	}{
		{"Loop", []ir.Example{{JSON: `5`, Invalid: unchecked}}},
		// Ping, allOf Pong and nothing else, is Pong; its example is
		// listed as that of Pong's variant.
		{"Pong", []ir.Example{{JSON: `{}`, Part: "anyOf/0", Invalid: unchecked}}},
		{"Tree", []ir.Example{{JSON: `{"name":7}`, Invalid: `Error at "/name": value must be a string`}}},
	} {
		if got := findType(t, api, tt.name).Examples; !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s examples %+v, want %+v", tt.name, got, tt.want)
		}
	}
	// The response's schema holds Loop in a property.
	got := findOp(t, api, "GetA").Responses[0].Contents[0].Examples
	want := []ir.Example{{JSON: `{"loop":5,"tree":{"children":[{"name":"leaf"}],"name":"root"}}`, Invalid: unchecked}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("response examples %+v, want %+v", got, want)
	}
}
