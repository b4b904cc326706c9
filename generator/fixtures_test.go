package generator

import "github.com/genclient/genclient/ir"

// Hand-built IR for the tests that do not go through the loader.

func prim(k ir.PrimKind) *ir.Primitive { return &ir.Primitive{Kind: k} }

func jsonContent(t ir.Type) []*ir.Content {
	return []*ir.Content{{MediaType: "application/json", Kind: ir.KindJSON, Type: t}}
}

// petstoreExpanded is the IR of /work/shared/specs/oai-petstore-expanded.
func petstoreExpanded() *ir.API {
	errT := &ir.Named{Name: "Error", Ref: "#/components/schemas/Error", Type: &ir.Struct{Fields: []*ir.Field{
		{Name: "Code", JSONName: "code", Type: prim(ir.Int32), Required: true},
		{Name: "Message", JSONName: "message", Type: prim(ir.String), Required: true},
	}}}
	newPet := &ir.Named{Name: "NewPet", Ref: "#/components/schemas/NewPet", Type: &ir.Struct{Fields: []*ir.Field{
		{Name: "Name", JSONName: "name", Type: prim(ir.String), Required: true},
		{Name: "Tag", JSONName: "tag", Type: prim(ir.String)},
	}}}
	pet := &ir.Named{Name: "Pet", Ref: "#/components/schemas/Pet", Type: &ir.Struct{Fields: []*ir.Field{
		{Name: "Name", JSONName: "name", Type: prim(ir.String), Required: true},
		{Name: "Tag", JSONName: "tag", Type: prim(ir.String)},
		{Name: "ID", JSONName: "id", Type: prim(ir.Int64), Required: true},
	}}}
	errResp := &ir.Response{Status: "default", Doc: ir.Doc{Description: "unexpected error"}, Contents: jsonContent(errT), IsError: true}
	idParam := &ir.Param{Name: "id", WireName: "id", In: ir.InPath, Required: true, Type: prim(ir.Int64), Style: "simple"}
	ops := []*ir.Operation{
		{Name: "AddPet", FullName: "AddPet", ID: "addPet", Method: "POST", Path: "/pets",
			Doc:       ir.Doc{Description: "Creates a new pet in the store. Duplicates are allowed"},
			Body:      &ir.Body{Required: true, Contents: jsonContent(newPet)},
			Responses: []*ir.Response{{Status: "200", Code: 200, Contents: jsonContent(pet)}, errResp}},
		{Name: "DeletePet", FullName: "DeletePet", ID: "deletePet", Method: "DELETE", Path: "/pets/{id}",
			Doc:    ir.Doc{Description: "deletes a single pet based on the ID supplied"},
			Params: []*ir.Param{idParam}, Idempotent: true,
			Responses: []*ir.Response{{Status: "204", Code: 204}, errResp}},
		{Name: "FindPetByID", FullName: "FindPetByID", ID: "find pet by id", Method: "GET", Path: "/pets/{id}",
			Doc:    ir.Doc{Description: "Returns a user based on a single ID, if the user does not have access to the pet"},
			Params: []*ir.Param{idParam}, Idempotent: true,
			Responses: []*ir.Response{{Status: "200", Code: 200, Contents: jsonContent(pet)}, errResp}},
		{Name: "FindPets", FullName: "FindPets", ID: "findPets", Method: "GET", Path: "/pets",
			Doc: ir.Doc{Description: "Returns all pets from the system that the user has access to"},
			Params: []*ir.Param{
				{Name: "Limit", WireName: "limit", In: ir.InQuery, Type: prim(ir.Int32), Style: "form", Explode: true,
					Doc: ir.Doc{Description: "maximum number of results to return"}},
				{Name: "Tags", WireName: "tags", In: ir.InQuery, Type: &ir.Array{Elem: prim(ir.String)}, Style: "form", Explode: true,
					Doc: ir.Doc{Description: "tags to filter by"}},
			},
			ParamsType: "FindPetsParams", Idempotent: true,
			Responses: []*ir.Response{{Status: "200", Code: 200, Contents: jsonContent(&ir.Array{Elem: pet})}, errResp}},
	}
	return &ir.API{
		Title: "Swagger Petstore", Version: "1.0.0",
		Doc:      ir.Doc{Description: "A sample API that uses a petstore as an example to demonstrate features in the OpenAPI 3.0 specification"},
		Servers:  []*ir.Server{{URL: "https://petstore.swagger.io/v2"}},
		Services: []*ir.Service{{Operations: ops}},
		Types:    []*ir.Named{errT, newPet, pet},
	}
}
