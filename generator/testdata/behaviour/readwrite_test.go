package readwrite

// Copied next to the generated readwrite client by TestGolden.

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestDirections(t *testing.T) {
	tests := []struct {
		typ     any
		field   string
		present bool
	}{
		{Pet{}, "ID", true},          // readOnly: received
		{Pet{}, "Secret", false},     // writeOnly: never received
		{PetRequest2{}, "ID", false}, // readOnly: never sent
		{PetRequest2{}, "Secret", true},
		{OwnerRequest{}, "Created", false},
		{Owner{}, "Created", true},
		{Login{}, "LastSeen", false},   // only sent
		{Session{}, "Password", false}, // only received
	}
	for _, tt := range tests {
		typ := reflect.TypeOf(tt.typ)
		if _, ok := typ.FieldByName(tt.field); ok != tt.present {
			t.Errorf("%s.%s present = %v, want %v", typ.Name(), tt.field, ok, tt.present)
		}
	}
	// The request shape refers to the request shapes of what it reaches.
	if f, _ := reflect.TypeOf(PetRequest2{}).FieldByName("Owner"); f.Type != reflect.TypeOf(&OwnerRequest{}) {
		t.Errorf("PetRequest2.Owner is %v", f.Type)
	}
	// And the operation takes it.
	m, _ := reflect.TypeOf(&Client{}).MethodByName("AddPet")
	if m.Type.In(2) != reflect.TypeOf(PetRequest2{}) {
		t.Errorf("AddPet body is %v", m.Type.In(2))
	}
	b, _ := json.Marshal(PetRequest2{Name: "Rex"})
	if string(b) != `{"name":"Rex"}` {
		t.Errorf("request %s", b)
	}
}
