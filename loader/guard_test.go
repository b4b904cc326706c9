package loader

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/genclient/genclient/ir"
)

// opNames lists the operations of api as "Service.Name".
func opNames(api *ir.API) []string {
	var out []string
	for _, s := range api.Services {
		for _, o := range s.Operations {
			out = append(out, s.Name+"."+o.Name)
		}
	}
	return out
}

func warningTexts(api *ir.API) []string {
	var out []string
	for _, w := range api.Warnings {
		out = append(out, w.String())
	}
	return out
}

// TestSkipUnsupportedOperation checks that an operation the loader cannot
// support is skipped with a warning naming it, and only it: the other
// operation of its service stays and an emptied service goes.
func TestSkipUnsupportedOperation(t *testing.T) {
	api, err := Load("testdata/skip/skip.yaml", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := opNames(api), []string{"Pets.Add"}; !reflect.DeepEqual(got, want) {
		t.Errorf("operations = %q, want %q", got, want)
	}
	want := []string{
		"testdata/skip/skip.yaml:31:5: warning: operation GET /owners has no operationId: named Owners.List",
		`testdata/skip/skip.yaml:31:5: warning: skipped operation GET /owners: parameter "token" is in "body", which is not supported (at testdata/skip/skip.yaml:34:11)`,
		`testdata/skip/skip.yaml:5:5: warning: skipped operation GET /pets (listPets): parameter "filter" is in "querystring", which is not supported (at testdata/skip/skip.yaml:9:11)`,
	}
	if got := warningTexts(api); !reflect.DeepEqual(got, want) {
		t.Errorf("warnings\n got: %q\nwant: %q", got, want)
	}
}

// TestSkipOperationOnInternalError panics inside one operation's
// conversion through convertHook: the panic is recovered, the operation
// skipped with a warning, the types made for it discarded, and the rest of
// the API loads.
func TestSkipOperationOnInternalError(t *testing.T) {
	full := loadTypes(t, "testdata/types/types.yaml")
	hook := func(o *ir.Operation) {
		if o.ID == "addPet" {
			var m map[string]int
			m["boom"]++ // assignment to entry in nil map
		}
	}
	api, err := Load("testdata/types/types.yaml", Options{convertHook: hook})
	if err != nil {
		t.Fatal(err)
	}
	var skipped []string
	for _, w := range api.Warnings {
		if strings.Contains(w.Message, "skipped operation") {
			skipped = append(skipped, w.String())
		}
	}
	if len(skipped) != 1 || !strings.Contains(skipped[0], "skipped operation POST /pets (addPet): internal error: assignment to entry in nil map (in loader.TestSkipOperationOnInternalError.func1)") {
		t.Fatalf("skip warnings = %q", skipped)
	}
	for _, n := range api.Types {
		if n.Name == "PetAddRequest" || n.Name == "PetAddResponse" {
			t.Errorf("type %s of the skipped operation was kept", n.Name)
		}
	}
	names := opNames(api)
	if slices.ContainsFunc(names, func(n string) bool { return strings.HasSuffix(n, ".Add") || strings.HasSuffix(n, ".AddPet") }) {
		t.Errorf("addPet still present: %q", names)
	}
	if got, want := len(names), len(opNames(full))-1; got != want {
		t.Errorf("%d operations loaded, want %d: %q", got, want, names)
	}
}

// TestIgnoredKeywords checks the positioned warning, once per schema, for
// each JSON Schema keyword that is accepted but ignored.
func TestIgnoredKeywords(t *testing.T) {
	api, err := Load("testdata/skip/keywords.yaml", Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"testdata/skip/keywords.yaml:24:5: warning: JSON Schema keyword dependentSchemas accepted but ignored: generated types do not check it",
		"testdata/skip/keywords.yaml:9:5: warning: JSON Schema keywords if, then, else accepted but ignored: generated types do not check it",
		"testdata/skip/keywords.yaml:6:5: warning: JSON Schema keyword not accepted but ignored: generated types do not check it",
		"testdata/skip/keywords.yaml:16:5: warning: JSON Schema keyword patternProperties accepted but ignored: generated types do not check it",
		"testdata/skip/keywords.yaml:20:5: warning: JSON Schema keyword prefixItems accepted but ignored: generated types do not check it",
		"testdata/skip/keywords.yaml:30:5: warning: JSON Schema keyword unevaluatedProperties accepted but ignored: generated types do not check it",
	}
	if got := warningTexts(api); !reflect.DeepEqual(got, want) {
		t.Errorf("warnings\n got: %q\nwant: %q", got, want)
	}
}

// TestMultiFile loads a document split over several files (bundled for
// kin-openapi): types keep their own files' positions and names, and the
// operation-level $refs of one file make one warning.
func TestMultiFile(t *testing.T) {
	api, err := Load("testdata/multi/root.yaml", Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`testdata/multi/root.yaml:20:13: warning: normalised 2 operation-level $refs in this file; the first: operation post given as $ref "ops.yaml#/addPet" (not allowed by OpenAPI): inlined`,
		`testdata/multi/ops.yaml:2:3: warning: duplicate operationId "addPet" (first at testdata/multi/ops.yaml:2:3): renamed`,
		`testdata/multi/common.yaml:17:3: warning: unknown string format "shoe-size": treated as string`,
	}
	if got := warningTexts(api); !reflect.DeepEqual(got, want) {
		t.Errorf("warnings\n got: %q\nwant: %q", got, want)
	}
	var got []string
	for _, n := range api.Types {
		got = append(got, n.Name+" "+n.Ref+" "+n.Pos.String())
	}
	wantTypes := []string{
		"Error #/components/schemas/Error testdata/multi/root.yaml:25:5",
		"Error2 common.yaml#/Error testdata/multi/common.yaml:10:1",
		"Pet schemas/pet.yaml# testdata/multi/schemas/pet.yaml:1:1",
	}
	if !reflect.DeepEqual(got, wantTypes) {
		t.Errorf("types\n got: %q\nwant: %q", got, wantTypes)
	}
	e2 := findType(t, api, "Error2")
	if f := field(t, e2, "back"); describe(f.Type) != "Error" {
		t.Errorf("back = %s, want Error", describe(f.Type))
	}
	if f := field(t, findType(t, api, "Pet"), "owner"); describe(f.Type) != "Error2" {
		t.Errorf("owner = %s, want Error2", describe(f.Type))
	}
	if got := opNames(api); len(got) != 3 {
		t.Errorf("operations %q", got)
	}
}

// TestIteratorNameReserved checks that {Name}All stays free for the
// iterator of a paginated operation: "listAll" next to a paginated "list"
// is renamed, with a warning.
func TestIteratorNameReserved(t *testing.T) {
	api, err := Load("testdata/skip/iter.yaml", Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, s := range api.Services {
		for _, o := range s.Operations {
			got[o.ID] = s.Name + "." + o.Name
			if o.ID == "list" && o.Pagination == nil {
				t.Error("list is not paginated")
			}
		}
	}
	want := map[string]string{"list": "Pets.List", "listAll": "Pets.ListAll2"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("names = %v, want %v", got, want)
	}
	if ops := api.Services[0].Operations; len(ops) != 2 || ops[0].Name != "List" || ops[1].Name != "ListAll2" {
		t.Errorf("operations not sorted by name")
	}
	wantW := []string{"testdata/skip/iter.yaml:17:5: warning: operation GET /pets/all (listAll): method name ListAll is the iterator of a paginated operation: renamed ListAll2"}
	if got := warningTexts(api); !reflect.DeepEqual(got, wantW) {
		t.Errorf("warnings\n got: %q\nwant: %q", got, wantW)
	}
}
