package generator

import (
	"testing"

	"github.com/genclient/genclient/ir"
)

// kitchenSink exercises every IR shape the generator handles.
func kitchenSink() *ir.API {
	status := &ir.Named{Name: "PetStatus", Ref: "#/components/schemas/PetStatus", Doc: ir.Doc{Description: "The status of a pet in the store"},
		Type: &ir.Enum{Base: prim(ir.String), Values: []*ir.EnumValue{
			{Name: "PetStatusAvailable", Value: `"available"`},
			{Name: "PetStatusPending", Value: `"pending"`, Doc: ir.Doc{Description: "Reserved by a customer"}},
			{Name: "PetStatusSold", Value: `"sold"`},
		}}}
	level := &ir.Named{Name: "Level", Ref: "#/components/schemas/Level",
		Type: &ir.Enum{Base: prim(ir.Int64), Values: []*ir.EnumValue{{Name: "Level1", Value: "1"}, {Name: "Level2", Value: "2"}, {Name: "Level2Dup", Value: "2"}}}}
	stamp := &ir.Named{Name: "Stamp", Ref: "#/components/schemas/Stamp", Type: prim(ir.DateTime)}
	names := &ir.Named{Name: "Names", Ref: "#/components/schemas/Names", Type: &ir.Array{Elem: prim(ir.String)}}
	free := &ir.Named{Name: "Free", Ref: "#/components/schemas/Free", Type: &ir.Any{}}
	node := &ir.Named{Name: "Node", Ref: "#/components/schemas/Node", Doc: ir.Doc{Summary: "A tree node"}}
	node.Type = &ir.Struct{Fields: []*ir.Field{
		{Name: "Value", JSONName: "value", Type: prim(ir.String), Required: true},
		{Name: "Parent", JSONName: "parent", Type: node, Required: true},
		{Name: "Next", JSONName: "next", Type: &ir.Nullable{Elem: node}},
		{Name: "Children", JSONName: "children", Type: &ir.Array{Elem: node}},
		{Name: "Left", JSONName: "left", Type: node},
	}}
	owner := &ir.Named{Name: "Owner", Ref: "#/components/schemas/Owner", Type: &ir.Struct{
		Fields: []*ir.Field{
			{Name: "Name", JSONName: "name", Type: prim(ir.String), Required: true, Example: `"Ann"`},
			{Name: "Born", JSONName: "born", Type: prim(ir.Date)},
		},
		Additional: prim(ir.String),
	}}
	cat := &ir.Named{Name: "Cat", Ref: "#/components/schemas/Cat", Type: &ir.Struct{Fields: []*ir.Field{
		{Name: "PetType", JSONName: "petType", Type: prim(ir.String), Required: true},
		{Name: "Lives", JSONName: "lives", Type: prim(ir.Int)},
	}}}
	dog := &ir.Named{Name: "Dog", Ref: "#/components/schemas/Dog", Type: &ir.Struct{Fields: []*ir.Field{
		{Name: "PetType", JSONName: "petType", Type: prim(ir.String), Required: true},
		{Name: "Bark", JSONName: "bark", Type: prim(ir.Bool)},
	}}}
	animal := &ir.Named{Name: "Animal", Ref: "#/components/schemas/Animal", Type: &ir.Union{
		Discriminator: "petType",
		Variants: []*ir.Variant{
			{Name: "Cat", Type: cat, Values: []string{"Cat", "cat"}},
			{Name: "Dog", Type: dog, Values: []string{"Dog"}},
		}}}
	idOrName := &ir.Named{Name: "IDOrName", Ref: "#/components/schemas/IDOrName", Type: &ir.Union{Kind: ir.AnyOf,
		Variants: []*ir.Variant{
			{Name: "Int", Type: prim(ir.Int64)},
			{Name: "String", Type: prim(ir.String)},
			{Name: "Strings", Type: &ir.Array{Elem: prim(ir.String)}},
			{Name: "Owner", Type: owner},
		}}}
	pet := &ir.Named{Name: "Pet", Ref: "#/components/schemas/Pet", Doc: ir.Doc{Description: "A pet.\n\nPets live in the store.", Deprecated: true},
		Type: &ir.Struct{Fields: []*ir.Field{
			{Name: "ID", JSONName: "id", Type: prim(ir.Int64), Required: true, ReadOnly: true},
			{Name: "Name", JSONName: "name", Type: prim(ir.String), Required: true, Doc: ir.Doc{Description: "The pet's name"}},
			{Name: "Status", JSONName: "status", Type: status, Default: `"available"`},
			{Name: "Level", JSONName: "level", Type: level, Required: true},
			{Name: "Tags", JSONName: "tags", Type: names},
			{Name: "Born", JSONName: "born", Type: stamp},
			{Name: "Updated", JSONName: "updated", Type: &ir.Nullable{Elem: prim(ir.DateTime)}, Required: true},
			{Name: "Nick", JSONName: "nick", Type: &ir.Nullable{Elem: prim(ir.String)}},
			{Name: "Owner", JSONName: "owner", Type: owner},
			{Name: "Kind", JSONName: "kind", Type: animal},
			{Name: "Ref", JSONName: "ref", Type: idOrName, Required: true},
			{Name: "Extra", JSONName: "extra", Type: &ir.Any{}},
			{Name: "Meta", JSONName: "meta", Type: &ir.Map{Elem: &ir.Any{}}},
			{Name: "Photo", JSONName: "photo", Type: prim(ir.Bytes)},
			{Name: "Secret", JSONName: "secret", Type: prim(ir.String), WriteOnly: true},
			{Name: "Free", JSONName: "free", Type: free},
			{Name: "Weight", JSONName: "weight", Type: prim(ir.Float64), Doc: ir.Doc{Deprecated: true}},
		}}}
	newPet := &ir.Named{Name: "NewPet", Ref: "#/components/schemas/NewPet", Type: pet}
	apiErr := &ir.Named{Name: "Error", Ref: "#/components/schemas/Error", Type: &ir.Struct{Fields: []*ir.Field{
		{Name: "Message", JSONName: "message", Type: prim(ir.String), Required: true}}}}
	notFound := &ir.Named{Name: "NotFound", Ref: "#/components/schemas/NotFound", Type: &ir.Struct{Fields: []*ir.Field{
		{Name: "Resource", JSONName: "resource", Type: prim(ir.String)}}}}
	types := []*ir.Named{animal, cat, dog, apiErr, free, idOrName, level, names, newPet, node, notFound, owner, pet, status, stamp}

	bearer := []ir.Requirement{{{Scheme: "bearer"}}}
	petID := &ir.Param{Name: "petID", WireName: "petId", In: ir.InPath, Required: true, Type: prim(ir.Int64)}
	petsOps := []*ir.Operation{
		{Name: "Create", FullName: "PetsCreate", Method: "POST", Path: "/pets", Doc: ir.Doc{Summary: "Create a pet"},
			Params: []*ir.Param{
				{Name: "idempotencyKey", WireName: "Idempotency-Key", In: ir.InHeader, Required: true, Type: prim(ir.String)},
			},
			Idempotent: true,
			Body:       &ir.Body{Required: true, Contents: []*ir.Content{{MediaType: "application/merge-patch+json", Kind: ir.KindJSON, Type: newPet}}},
			Responses: []*ir.Response{
				{Status: "201", Code: 201, Contents: jsonContent(pet)},
				{Status: "404", Code: 404, IsError: true, Contents: jsonContent(notFound)},
				{Status: "4XX", IsError: true, Contents: jsonContent(apiErr)},
				{Status: "default", IsError: true, Contents: jsonContent(apiErr)},
			}},
		{Name: "Get", FullName: "PetsGet", Method: "GET", Path: "/pets/{petId}", Doc: ir.Doc{Summary: "Returns a pet", Deprecated: true, ExternalURL: "https://example.com/docs"},
			Params: []*ir.Param{petID,
				{Name: "Fields", WireName: "fields", In: ir.InQuery, Type: &ir.Array{Elem: prim(ir.String)}},
				{Name: "Trace", WireName: "X-Trace", In: ir.InHeader, Type: prim(ir.Bool)},
				{Name: "Session", WireName: "session", In: ir.InCookie, Type: prim(ir.String)},
				{Name: "Since", WireName: "since", In: ir.InQuery, Type: prim(ir.DateTime)},
				{Name: "Status", WireName: "status", In: ir.InQuery, Type: status},
			},
			ParamsType: "PetsGetParams", Security: []ir.Requirement{}, Idempotent: true,
			Responses: []*ir.Response{{Status: "200", Code: 200, Contents: jsonContent(pet)}}},
		{Name: "List", FullName: "PetsList", Method: "GET", Path: "/pets",
			Params: []*ir.Param{
				{Name: "Ids", WireName: "ids", In: ir.InQuery, Required: true, Type: &ir.Array{Elem: prim(ir.Int64)}},
				{Name: "Limit", WireName: "limit", In: ir.InQuery, Type: prim(ir.Int32)},
			},
			ParamsType: "PetsListParams", Idempotent: true,
			Pagination: &ir.Pagination{Kind: ir.PageLink, Item: pet},
			Responses:  []*ir.Response{{Status: "200", Code: 200, Contents: jsonContent(&ir.Array{Elem: pet})}}},
		{Name: "Photo", FullName: "PetsPhoto", Method: "GET", Path: "/pets/{petId}/photo",
			Params:    []*ir.Param{petID},
			Responses: []*ir.Response{{Status: "200", Code: 200, Contents: []*ir.Content{{MediaType: "image/png", Kind: ir.KindBinary, Type: prim(ir.Binary)}}}}},
		{Name: "Upload", FullName: "PetsUpload", Method: "PUT", Path: "/pets/{petId}/photo",
			Params:    []*ir.Param{petID},
			Body:      &ir.Body{Required: true, Contents: []*ir.Content{{MediaType: "image/*", Kind: ir.KindBinary, Type: prim(ir.Binary)}}},
			Responses: []*ir.Response{{Status: "204", Code: 204}}},
		{Name: "Form", FullName: "PetsForm", Method: "POST", Path: "/pets/{petId}/form",
			Params:    []*ir.Param{petID},
			Body:      &ir.Body{Contents: []*ir.Content{{MediaType: "application/x-www-form-urlencoded", Kind: ir.KindForm, Type: owner}}},
			Responses: []*ir.Response{{Status: "200", Code: 200, Contents: []*ir.Content{{MediaType: "text/plain", Kind: ir.KindText, Type: prim(ir.String)}}}}},
		{Name: "Multipart", FullName: "PetsMultipart", Method: "POST", Path: "/pets/multipart",
			Body:      &ir.Body{Required: true, Contents: []*ir.Content{{MediaType: "multipart/form-data", Kind: ir.KindMultipart, Type: owner}}},
			Responses: []*ir.Response{{Status: "200", Code: 200, Contents: jsonContent(nil)}}},
		{Name: "Patch", FullName: "PetsPatch", Method: "PATCH", Path: "/pets/{petId}",
			Params:    []*ir.Param{petID},
			Body:      &ir.Body{Contents: jsonContent(&ir.Map{Elem: prim(ir.String)})},
			Responses: []*ir.Response{{Status: "200", Code: 200, Contents: jsonContent(names)}}},
	}
	clientOps := []*ir.Operation{
		{Name: "Tree", FullName: "Tree", Method: "GET", Path: "/tree/{body}/{ctx}",
			Params: []*ir.Param{
				{Name: "body", WireName: "body", In: ir.InPath, Required: true, Type: prim(ir.String)},
				{Name: "ctx", WireName: "ctx", In: ir.InPath, Required: true, Type: level},
				{Name: "type", WireName: "type", In: ir.InQuery, Required: true, Type: prim(ir.String)},
			},
			Responses: []*ir.Response{{Status: "default", Contents: jsonContent(node)}}},
	}
	return &ir.API{
		Title: "Kitchen Sink", Version: "2.1",
		Servers: []*ir.Server{{URL: "https://{region}.example.com/{version}", Variables: []*ir.ServerVariable{
			{Name: "region", GoName: "Region", Default: "eu", Enum: []string{"eu", "us"}, Doc: ir.Doc{Description: "Where the data lives"}},
			{Name: "version", GoName: "Version", Default: "v1"},
		}}},
		Services: []*ir.Service{{Operations: clientOps}, {Name: "Pets", Tag: "pets", Doc: ir.Doc{Description: "Everything about pets"}, Operations: petsOps}},
		Types:    types,
		Schemes: []*ir.SecurityScheme{
			{Key: "apiKey", GoName: "APIKey", Kind: ir.SchemeAPIKey, In: ir.InHeader, ParamName: "X-API-Key"},
			{Key: "basic", GoName: "BasicAuth", Kind: ir.SchemeHTTPBasic},
			{Key: "bearer", GoName: "BearerAuth", Kind: ir.SchemeHTTPBearer, Doc: ir.Doc{Description: "A personal token"}},
			{Key: "other", GoName: "OtherAuth", Kind: ir.SchemeHTTPOther, HTTPScheme: "hoba"},
		},
		Security: append(bearer, ir.Requirement{{Scheme: "apiKey"}, {Scheme: "basic"}}),
	}
}

func TestKitchenSink(t *testing.T) {
	files, err := Generate(kitchenSink(), Config{Package: "kitchen"})
	if err != nil {
		t.Fatal(err)
	}
	compileCase(t, "kitchen", files)
	if testing.Verbose() {
		for _, f := range files {
			t.Logf("==== %s\n%s", f.Name, f.Content)
		}
	}
}
