package runtime

import (
	"encoding/json"
	"strings"
	"testing"
)

type circle struct {
	Kind   string      `json:"kind"`
	Radius float64     `json:"radius"`
	Label  Opt[string] `json:"label,omitzero"`
}

type square struct {
	Kind string  `json:"kind"`
	Side float64 `json:"side"`
}

type hue string

func (c hue) Valid() bool { return c == "red" || c == "blue" }

func TestDecodeUnion(t *testing.T) {
	tests := []struct {
		name, in string
		want     string // "circle", "square", "tags", "hue", "" for an error
	}{
		{"required decides", `{"kind":"s","side":1}`, "square"},
		{"strict before lenient", `{"kind":"c","radius":1,"label":"x"}`, "circle"},
		{"lenient: a property the server added", `{"kind":"c","radius":1,"new":true}`, "circle"},
		{"array", `["a"]`, "tags"},
		{"documented enum value", `"red"`, "hue"},
		{"no variant", `{"kind":"x"}`, ""},
		{"wrong type", `true`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c *circle
			var s *square
			var tags []string
			var col *hue
			err := DecodeUnion([]byte(tt.in), "test: U", VariantPtr(&c), VariantPtr(&s), VariantVal(&tags), VariantPtr(&col))
			got := ""
			switch {
			case c != nil:
				got = "circle"
			case s != nil:
				got = "square"
			case tags != nil:
				got = "tags"
			case col != nil:
				got = "hue"
			}
			if got != tt.want {
				t.Errorf("decoded %q, want %q (err %v)", got, tt.want, err)
			}
			if (err != nil) != (tt.want == "") {
				t.Errorf("err = %v", err)
			}
			if err != nil && !strings.HasPrefix(err.Error(), "test: U: the value matches no variant") {
				t.Errorf("error text %q", err)
			}
		})
	}
}

func TestMarshalVariant(t *testing.T) {
	raw := json.RawMessage(`{"radius": 2, "kind":"c", "x":1}`)
	c := &circle{Kind: "c", Radius: 2}
	if b, _ := MarshalVariant(c, raw); string(b) != string(raw) {
		t.Errorf("unmodified: %s", b)
	}
	c.Radius = 3
	if b, _ := MarshalVariant(c, raw); string(b) != `{"kind":"c","radius":3}` {
		t.Errorf("modified: %s", b)
	}
	if _, err := MarshalUnset(nil, "test: U"); err == nil || err.Error() != "test: U: no variant set" {
		t.Errorf("unset: %v", err)
	}
}

func TestDiscriminator(t *testing.T) {
	if tag, err := Discriminator([]byte(`{"a":1,"kind":"dog"}`), "kind"); tag != "dog" || err != nil {
		t.Errorf("%q %v", tag, err)
	}
	if tag, err := Discriminator([]byte(`{"a":1}`), "kind"); tag != "" || err != nil {
		t.Errorf("absent: %q %v", tag, err)
	}
	if _, err := Discriminator([]byte(`{"kind":1}`), "kind"); err == nil {
		t.Error("a number tag decoded")
	}
	// A value that is not an object: the error says what was wanted, not
	// what encoding/json decoded into.
	for in, want := range map[string]string{
		`"dog"`: `the value is a JSON string, not an object with a discriminator "kind": "\"dog\""`,
		` [1] `: `the value is a JSON array, not an object with a discriminator "kind": "[1]"`,
	} {
		_, err := Discriminator([]byte(in), "kind")
		if err == nil || err.Error() != want || strings.Contains(err.Error(), "map[") {
			t.Errorf("Discriminator(%s): %v, want %s", in, err, want)
		}
	}
}

// Structs as generated: uA and uB keep unknown properties, uM declares
// additionalProperties.
type (
	uA struct {
		A       string  `json:"a,omitzero"`
		Unknown Unknown `json:"-" genclient:"unknown"`
	}
	uB struct {
		B       string  `json:"b,omitzero"`
		Unknown Unknown `json:"-" genclient:"unknown"`
	}
	uM struct {
		AdditionalProperties map[string]json.RawMessage `json:"-" genclient:"additional"`
	}
)

func TestUnionPrefersDeclared(t *testing.T) {
	// Both variants keep unknown properties; the strict pass picks the one
	// that declares every property, whatever the order.
	var pa *uA
	var pb *uB
	if err := DecodeUnion([]byte(`{"b":"x"}`), "pkg: U", VariantPtr(&pa), VariantPtr(&pb)); err != nil || pa != nil || pb == nil {
		t.Errorf("strict: %v %v %v", err, pa, pb)
	}
	// None declares "c": the lenient pass takes the first, keeping "c".
	pa, pb = nil, nil
	if err := DecodeUnion([]byte(`{"c":"x"}`), "pkg: U", VariantPtr(&pa), VariantPtr(&pb)); err != nil || pa == nil || pb != nil || pa.Unknown.String() != `{"c":"x"}` {
		t.Errorf("lenient: %v %v %v", err, pa, pb)
	}
	// A declared additionalProperties matches strictly.
	var pm *uM
	pa = nil
	if err := DecodeUnion([]byte(`{"c":"x"}`), "pkg: U", VariantPtr(&pa), VariantPtr(&pm)); err != nil || pa != nil || pm == nil {
		t.Errorf("declared additional: %v %v %v", err, pa, pm)
	}
}

func TestVariantWrongTarget(t *testing.T) {
	var s string
	if err := DecodeUnion([]byte(`"x"`), "pkg: U", VariantPtr(&s), VariantVal(nil)); err == nil {
		t.Error("a variant with a target of the wrong shape matched")
	}
	if b, err := MarshalVariant(s, []byte(`"y"`)); err != nil || string(b) != `""` {
		t.Errorf("MarshalVariant(non-pointer) = %s, %v", b, err)
	}
}

func TestMarshalTagged(t *testing.T) {
	type msg struct {
		Type string `json:"type"`
		Text string `json:"text,omitempty"`
	}
	type noTag struct {
		Text string `json:"text,omitempty"`
	}
	tests := []struct {
		name string
		v    any
		raw  json.RawMessage
		want string
	}{
		{"empty tag filled", &msg{Text: "hi"}, nil, `{"type":"message","text":"hi"}`},
		{"own tag kept", &msg{Type: "other"}, nil, `{"type":"other"}`},
		{"missing tag added", &noTag{Text: "x"}, nil, `{"type":"message","text":"x"}`},
		{"missing tag in empty object", &noTag{}, nil, `{"type":"message"}`},
		{"decoded value as received", &msg{Type: "message"}, json.RawMessage(`{ "type" : "message" }`), `{ "type" : "message" }`},
		{"not an object", &[]int{1}, nil, `[1]`},
	}
	for _, tc := range tests {
		got, err := MarshalTagged(tc.v, tc.raw, "type", "message")
		if err != nil || string(got) != tc.want {
			t.Errorf("%s: got %s (%v), want %s", tc.name, got, err, tc.want)
		}
	}
}

func TestOneVariant(t *testing.T) {
	if err := OneVariant("p: U", false, true, false); err != nil {
		t.Errorf("one set: %v", err)
	}
	if err := OneVariant("p: U", false, false); err != nil {
		t.Errorf("none set: %v", err)
	}
	err := OneVariant("p: U", true, false, true)
	if err == nil || err.Error() != "p: U: 2 variants set; set exactly one" {
		t.Errorf("two set: %v", err)
	}
}
