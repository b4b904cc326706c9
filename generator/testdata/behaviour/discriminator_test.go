package discriminator

// Copied next to the generated discriminator client by TestGolden.

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestDiscriminatorWithoutMapping(t *testing.T) {
	in := `{ "side": 2, "shapeType": "Square", "extra": [1, 2] }`
	var s Shape
	if err := json.Unmarshal([]byte(in), &s); err != nil {
		t.Fatal(err)
	}
	if s.Square == nil || s.Circle != nil || s.Square.Side != 2 {
		t.Fatalf("decoded %+v", s)
	}
	// Byte-exact through MarshalJSON; through json.Marshal, compacted.
	if b, _ := s.MarshalJSON(); string(b) != in {
		t.Errorf("MarshalJSON = %s, want the input", b)
	}
	var compact bytes.Buffer
	json.Compact(&compact, []byte(in))
	if b, _ := json.Marshal(s); string(b) != compact.String() {
		t.Errorf("json.Marshal = %s, want %s", b, compact.String())
	}
	var unknown Shape
	if err := json.Unmarshal([]byte(`{"shapeType":"Hexagon","n":6}`), &unknown); err != nil {
		t.Fatal(err)
	}
	if unknown.Circle != nil || unknown.Square != nil || string(unknown.Raw()) != `{"shapeType":"Hexagon","n":6}` {
		t.Errorf("unknown tag: %+v", unknown)
	}
	built, _ := json.Marshal(Shape{Circle: &Circle{ShapeType: "Circle", Radius: 1.5}})
	if string(built) != `{"shapeType":"Circle","radius":1.5}` {
		t.Errorf("built %s", built)
	}
}

func TestStrictMatching(t *testing.T) {
	tests := []struct {
		name, in string
		email    bool
		phone    bool
	}{
		{"email by required property", `{"address":"a@b.c"}`, true, false},
		{"phone though email comes first", `{"number":"123","label":"home"}`, false, true},
		{"strict beats lenient", `{"number":"1","label":"x"}`, false, true},
		{"lenient when the server adds a property", `{"address":"a@b.c","verified":true}`, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c Contact
			if err := json.Unmarshal([]byte(tt.in), &c); err != nil {
				t.Fatal(err)
			}
			if (c.Email != nil) != tt.email || (c.Phone != nil) != tt.phone {
				t.Errorf("decoded %+v", c)
			}
			if b, _ := json.Marshal(c); string(b) != tt.in {
				t.Errorf("round trip %s", b)
			}
		})
	}
	var c Contact
	err := json.Unmarshal([]byte(`{"label":"no address, no number"}`), &c)
	if err == nil || !strings.Contains(err.Error(), "matches no variant") {
		t.Errorf("no variant: err = %v", err)
	}
	if err := json.Unmarshal([]byte(`42`), &c); err == nil {
		t.Error("a number decoded as a contact")
	}
}

func TestEnumVariantAndUnknownValues(t *testing.T) {
	var s Size
	if err := json.Unmarshal([]byte(`"large"`), &s); err != nil || s.Preset == nil || *s.Preset != PresetLarge {
		t.Fatalf("preset: %v %+v", err, s)
	}
	if err := json.Unmarshal([]byte(`{"w":1,"h":2}`), &s); err != nil || s.Preset != nil || s.SizeObject == nil {
		t.Fatalf("object: %v %+v", err, s)
	}
	// An enum value the API adds later decodes; Valid tells it apart.
	var p Preset
	if err := json.Unmarshal([]byte(`"huge"`), &p); err != nil || p.Valid() {
		t.Errorf("unknown enum value: %v valid=%v", err, p.Valid())
	}
	if err := json.Unmarshal([]byte(`"huge"`), &s); err != nil || s.Preset == nil || *s.Preset != "huge" {
		t.Errorf("unknown enum value in a union: %v %+v", err, s)
	}
	for _, v := range []Preset{PresetSmall, PresetLarge} {
		if !v.Valid() {
			t.Errorf("%q not valid", v)
		}
	}
}
