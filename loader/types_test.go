package loader

import (
	"reflect"
	"testing"

	"github.com/genclient/genclient/ir"
)

// describe renders a use-site type compactly for comparisons.
func describe(t ir.Type) string {
	switch x := t.(type) {
	case *ir.Named:
		return x.Name
	case *ir.Primitive:
		return primNames[x.Kind]
	case *ir.Array:
		return "[]" + describe(x.Elem)
	case *ir.Map:
		return "map[" + describe(x.Elem) + "]"
	case *ir.Nullable:
		return "?" + describe(x.Elem)
	case *ir.Any:
		return "any"
	case nil:
		return "nil"
	}
	return reflect.TypeOf(t).String()
}

func loadTypes(t *testing.T, path string) *ir.API {
	t.Helper()
	api, err := Load(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return api
}

func TestTypeMapping(t *testing.T) {
	api := loadTypes(t, "testdata/types/types.yaml")
	pet := findType(t, api, "Pet")
	tests := []struct{ prop, name, typ string }{
		{"pet_id", "PetID", "Int64"},
		{"html_url", "HTMLURL", "String"},
		{"i32", "I32", "Int32"},
		{"i", "I", "Int"},
		{"f32", "F32", "Float32"},
		{"f64", "F64", "Float64"},
		{"when", "When", "DateTime"},
		{"day", "Day", "Date"},
		{"uid", "UID", "UUID"},
		{"raw", "Raw", "Bytes"},
		{"file", "File", "Binary"},
		{"ok", "Ok", "Bool"},
		{"nick", "Nick", "?String"},
		{"owner", "Owner", "PetOwner"},
		{"tags", "Tags", "[]PetTagsItem"},
		{"labels", "Labels", "map[String]"},
		{"free", "Free", "map[any]"},
		{"anything", "Anything", "any"},
		{"+1", "Plus1", "Int"},
		{"-1", "Minus1", "Int"},
		{"@type", "AtType", "String"},
		{"type", "Type", "String"},
		{"next", "Next", "Pet"},
		{"kind", "Kind", "?Kind"},
		{"maybe_kind", "MaybeKind", "?Kind"},
	}
	for _, tt := range tests {
		t.Run(tt.prop, func(t *testing.T) {
			f := field(t, pet, tt.prop)
			if f.Name != tt.name || describe(f.Type) != tt.typ {
				t.Errorf("field %q = %s %s, want %s %s", tt.prop, f.Name, describe(f.Type), tt.name, tt.typ)
			}
		})
	}
	if f := field(t, pet, "pet_id"); !f.Required || !f.ReadOnly {
		t.Errorf("pet_id required=%v readOnly=%v", f.Required, f.ReadOnly)
	}
	if f := field(t, pet, "ok"); f.Default != "true" {
		t.Errorf("ok default = %q", f.Default)
	}
}

func TestEnumAndNames(t *testing.T) {
	api := loadTypes(t, "testdata/types/types.yaml")
	kind := findType(t, api, "Kind")
	e, ok := kind.Type.(*ir.Enum)
	if !ok {
		t.Fatalf("Kind is %T", kind.Type)
	}
	var got []string
	for _, v := range e.Values {
		got = append(got, v.Name+"="+v.Value)
	}
	want := []string{`KindCat="cat"`, `KindDog="dog"`, `KindValue2=""`, `KindBigDog="big-dog"`}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("enum values %q, want %q", got, want)
	}
	state := findType(t, api, "IssuesListForRepoState")
	if v := state.Type.(*ir.Enum).Values[0].Name; v != "IssuesListForRepoStateOpen" {
		t.Errorf("state constant %s", v)
	}
	findType(t, api, "RepoSearchResultItem")
	findType(t, api, "Client2") // "Client" is the generator's
	findType(t, api, "PetAddRequest")
	findType(t, api, "PetAddResponse")
}

func TestComposition(t *testing.T) {
	api := loadTypes(t, "testdata/types/types.yaml")
	derived := findType(t, api, "Derived").Type.(*ir.Struct)
	var got []string
	for _, f := range derived.Fields {
		got = append(got, f.JSONName+":"+describe(f.Type)+map[bool]string{true: "!", false: ""}[f.Required])
	}
	if want := []string{"a:String!", "b:Int", "c:String!"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Derived fields %q, want %q", got, want)
	}
	if hasType(api, "Alias") {
		t.Error("allOf of one $ref should be that type, not a new one")
	}
	closed := findType(t, api, "Closed").Type.(*ir.Struct)
	open := findType(t, api, "Open").Type.(*ir.Struct)
	if !closed.Closed || describe(open.Additional) != "Int" {
		t.Errorf("closed=%v open.Additional=%s", closed.Closed, describe(open.Additional))
	}
	animal := findType(t, api, "Animal").Type.(*ir.Union)
	if animal.Discriminator != "kind" || len(animal.Variants) != 2 {
		t.Fatalf("Animal = %+v", animal)
	}
	if v := animal.Variants[0]; v.Name != "Cat" || !reflect.DeepEqual(v.Values, []string{"cat", "kitty"}) {
		t.Errorf("variant 0 = %s %q", v.Name, v.Values)
	}
	if v := animal.Variants[1]; v.Name != "Dog" || !reflect.DeepEqual(v.Values, []string{"Dog"}) {
		t.Errorf("variant 1 = %s %q", v.Name, v.Values)
	}
	ios := findType(t, api, "IntOrString").Type.(*ir.Union)
	if len(ios.Variants) != 2 || ios.Variants[0].Name != "Int" || ios.Variants[1].Name != "String" {
		t.Errorf("IntOrString variants %+v", ios.Variants)
	}
	no := findType(t, api, "NullableOne")
	if d := describe(field(t, no, "x").Type); d != "?Cat" {
		t.Errorf("oneOf [Cat, null] = %s", d)
	}
	if d := describe(field(t, no, "y").Type); d != "NullableOneY" {
		t.Errorf("anyOf = %s", d)
	}
	tree := findType(t, api, "Tree")
	if d := describe(field(t, tree, "children").Type); d != "[]Tree" {
		t.Errorf("recursive = %s", d)
	}
}

func hasType(api *ir.API, name string) bool {
	for _, n := range api.Types {
		if n.Name == name {
			return true
		}
	}
	return false
}

func TestOperations(t *testing.T) {
	api := loadTypes(t, "testdata/types/types.yaml")
	var issues *ir.Service
	for _, s := range api.Services {
		if s.Name == "Issues" {
			issues = s
		}
	}
	if issues == nil || len(issues.Operations) != 1 {
		t.Fatalf("no Issues service with one operation")
	}
	op := issues.Operations[0]
	if op.Name != "ListForRepo" || op.FullName != "IssuesListForRepo" || op.ParamsType != "IssuesListForRepoParams" {
		t.Errorf("names %s %s %s", op.Name, op.FullName, op.ParamsType)
	}
	var params []string
	for _, p := range op.Params {
		params = append(params, p.In.String()+":"+p.WireName+"="+p.Name)
	}
	want := []string{"path:owner=owner", "path:repo=repo", "query:state=State", "query:type=type_", "header:X-Trace=XTrace"}
	if !reflect.DeepEqual(params, want) {
		t.Errorf("params %q, want %q", params, want)
	}
	if op.Pagination == nil || describe(op.Pagination.Item) != "Pet" || !op.Idempotent {
		t.Errorf("pagination %+v idempotent %v", op.Pagination, op.Idempotent)
	}
	if len(op.Responses) != 2 || op.Responses[1].Status != "404" || !op.Responses[1].IsError {
		t.Errorf("responses %+v", op.Responses)
	}
	var add *ir.Operation
	for _, s := range api.Services {
		if s.Name == "Pet" {
			add = s.Operations[0]
		}
	}
	if add == nil || add.Name != "Add" {
		t.Fatalf("addPet under Pet: %+v", add)
	}
	var mts []string
	for _, c := range add.Body.Contents {
		mts = append(mts, c.MediaType)
	}
	if want := []string{"application/json", "application/vnd.api+json", "text/plain"}; !reflect.DeepEqual(mts, want) {
		t.Errorf("body media types %q", mts)
	}
	if u := findType(t, api, "PetAddRequest").Usage; u != ir.UsedInRequest {
		t.Errorf("PetAddRequest usage %v", u)
	}
	// Pet is used both ways and has a readOnly field: it is split into Pet
	// (responses) and PetRequest (requests), see splitDirections.
	if u := findType(t, api, "Pet").Usage; u != ir.UsedInResponse {
		t.Errorf("Pet usage %v", u)
	}
	req := findType(t, api, "PetRequest")
	if req.Usage != ir.UsedInRequest || !field(t, req, "pet_id").ReadOnly {
		t.Errorf("PetRequest usage %v", req.Usage)
	}
	if d := describe(add.Body.Contents[0].Type); d != "PetAddRequest" {
		t.Errorf("body = %s", d)
	}
}

func TestOpenAPI31(t *testing.T) {
	api := loadTypes(t, "testdata/types/v31.yaml")
	if len(api.Warnings) != 0 {
		t.Errorf("warnings %v", api.Warnings)
	}
	thing := findType(t, api, "Thing")
	if d := describe(field(t, thing, "name").Type); d != "?String" {
		t.Errorf("type [string, null] = %s", d)
	}
	if f := field(t, thing, "version"); f.Const != "2" || describe(f.Type) != "Int" {
		t.Errorf("const field %s %s", f.Const, describe(f.Type))
	}
	if d := describe(field(t, thing, "multi").Type); d != "ThingMulti" {
		t.Errorf("multi = %s", d)
	}
	if d := describe(field(t, thing, "inner").Type); d != "String" {
		t.Errorf("$defs ref = %s", d)
	}
	if thing.Example != `{"name":"a"}` {
		t.Errorf("example %s", thing.Example)
	}
	if len(api.Webhooks) != 1 || api.Webhooks[0].Name != "NewPet" {
		t.Fatalf("webhooks %+v", api.Webhooks)
	}
	findType(t, api, "NewPetWebhookRequest")
}

func TestDropUnknown(t *testing.T) {
	for _, drop := range []bool{false, true} {
		api, err := Load("testdata/types/types.yaml", Options{DropUnknown: drop})
		if err != nil {
			t.Fatal(err)
		}
		pet := findType(t, api, "Pet").Type.(*ir.Struct)
		if _, isAny := pet.Additional.(*ir.Any); isAny == drop || pet.Unknown == drop {
			t.Errorf("DropUnknown=%v: Pet.Additional = %#v, Unknown %v", drop, pet.Additional, pet.Unknown)
		}
		if closed := findType(t, api, "Closed").Type.(*ir.Struct); closed.Additional != nil || !closed.Closed || closed.Unknown {
			t.Errorf("DropUnknown=%v: Closed opened: %#v", drop, closed)
		}
	}
}

// TestCompositionCycles loads schemas that reach themselves through allOf:
// both once hung the loader (see testdata/types/cycles.yaml).
func TestCompositionCycles(t *testing.T) {
	api := loadTypes(t, "testdata/types/cycles.yaml")
	self := findType(t, api, "Self")
	var got []string
	for _, f := range self.Type.(*ir.Struct).Fields {
		got = append(got, f.JSONName+":"+describe(f.Type))
	}
	if want := []string{"a:String", "child:SelfChild"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Self fields %q, want %q", got, want)
	}
	child := findType(t, api, "SelfChild")
	got = nil
	for _, f := range child.Type.(*ir.Struct).Fields {
		got = append(got, f.JSONName+":"+describe(f.Type))
	}
	if want := []string{"a:String", "child:SelfChild", "b:Int"}; !reflect.DeepEqual(got, want) {
		t.Errorf("SelfChild fields %q, want %q", got, want)
	}
	if d := describe(findType(t, api, "Dict").Type); d != "map[DictValue]" {
		t.Errorf("Dict = %s, want map[DictValue]", d)
	}
	if d := describe(findType(t, api, "DictValue").Type.(*ir.Struct).Additional); d != "DictValue" {
		t.Errorf("DictValue's additional properties are %s, want DictValue", d)
	}
}

// TestEnumFit checks that an integer enum whose values do not fit its
// kind becomes int64, warning only when a declared format was broken,
// and that one that fits keeps its kind.
func TestEnumFit(t *testing.T) {
	api := loadTypes(t, "testdata/types/enums.yaml")
	for name, want := range map[string]string{"Small": "Int64", "Wide": "Int64", "Fits": "Int16"} {
		e, ok := findType(t, api, name).Type.(*ir.Enum)
		if !ok {
			t.Errorf("%s is %T, want an enum", name, findType(t, api, name).Type)
			continue
		}
		if got := primNames[e.Base.Kind]; got != want {
			t.Errorf("%s's base is %s, want %s", name, got, want)
		}
		if len(e.Values) != 2 {
			t.Errorf("%s has %d values, want 2", name, len(e.Values))
		}
	}
	want := []string{`testdata/types/enums.yaml:27:7: warning: enum value -1 does not fit format "uint8": the type is int64`}
	if got := warningTexts(api); !reflect.DeepEqual(got, want) {
		t.Errorf("warnings\n%q\nwant\n%q", got, want)
	}
}

// TestVariantNames checks that a union's variant never takes the name of
// one of the union's JSON methods.
func TestVariantNames(t *testing.T) {
	api := loadTypes(t, "testdata/types/enums.yaml")
	u, ok := findType(t, api, "Either").Type.(*ir.Union)
	if !ok {
		t.Fatalf("Either is %T, want a union", findType(t, api, "Either").Type)
	}
	var got []string
	for _, v := range u.Variants {
		got = append(got, v.Name)
	}
	if want := []string{"MarshalJSONVariant", "Int"}; !reflect.DeepEqual(got, want) {
		t.Errorf("variants %q, want %q", got, want)
	}
}
