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
	for _, tt := range []struct {
		prop string
		want []ir.Example
	}{
		{"name", []ir.Example{valid(`"Rex"`)}},
		{"age", []ir.Example{valid(`3`), {JSON: `"three"`, Invalid: "value must be an integer"}}},
		{"owner", []ir.Example{valid(`{"id":1}`)}}, // the referenced schema's
		{"plain", nil},
	} {
		if got := field(t, pet, tt.prop).Examples; !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Pet.%s examples %+v, want %+v", tt.prop, got, tt.want)
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

	// Without the check, field examples are listed unchecked and media
	// examples not at all.
	plain, err := Load(doc, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := field(t, findType(t, plain, "Pet"), "age").Examples, []ir.Example{valid(`3`), valid(`"three"`)}; !reflect.DeepEqual(got, want) {
		t.Errorf("unchecked Pet.age examples %+v, want %+v", got, want)
	}
	if got := field(t, findType(t, plain, "Pet"), "name").Examples; !reflect.DeepEqual(got, []ir.Example{valid(`"Rex"`)}) {
		t.Errorf("unchecked Pet.name examples %+v", got)
	}
	if ex := plain.Services[0].Operations[0].Body.Contents[0].Examples; ex != nil {
		t.Errorf("unchecked media examples %+v, want none", ex)
	}
}
