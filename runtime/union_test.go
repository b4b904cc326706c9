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
}

func TestAdditional(t *testing.T) {
	type plain struct {
		ID    string         `json:"id"`
		Extra map[string]int `json:"-"`
	}
	var p plain
	if err := UnmarshalAdditional([]byte(`{"id":"x","b":2,"a":1}`), &p, &p.Extra); err != nil || p.ID != "x" || len(p.Extra) != 2 || p.Extra["a"] != 1 {
		t.Fatalf("%v %+v", err, p)
	}
	b, err := MarshalAdditional(p, p.Extra)
	if err != nil || string(b) != `{"id":"x","a":1,"b":2}` {
		t.Errorf("%s %v", b, err)
	}
	if err := UnmarshalAdditional([]byte(`{"id":"x","b":"no"}`), &p, &p.Extra); err == nil {
		t.Error("a string decoded as an int property")
	}
	type empty struct{}
	if b, _ := MarshalAdditional(empty{}, map[string]int{"k": 1}); string(b) != `{"k":1}` {
		t.Errorf("empty struct: %s", b)
	}
	p.Extra = map[string]int{"stale": 1}
	if err := UnmarshalAdditional([]byte(`{}`), &p, &p.Extra); err != nil || p.Extra != nil {
		t.Errorf("no extra: %v %v", p.Extra, err)
	}
	// A declared key set in the map is not encoded twice.
	if b, _ := MarshalAdditional(plain{ID: "x"}, map[string]int{"id": 1}); string(b) != `{"id":"x"}` {
		t.Errorf("declared key from the map: %s", b)
	}
	if err := UnmarshalAdditional([]byte(`{}`), &p, p.Extra); err == nil {
		t.Error("extra given as a map, not a pointer, was accepted")
	}
}

func TestAdditionalRaw(t *testing.T) {
	type plain struct {
		ID      int                        `json:"id"`
		Unknown map[string]json.RawMessage `json:"-" genclient:"unknown"`
	}
	in := []byte(` { "id" : 1 , "n\u00e9w" : {"a":[1,"}]\""]} , "big":12345678901234567890,"s":"x\"y","t":true,"z":null } `)
	var p plain
	if err := UnmarshalAdditional(in, &p, &p.Unknown); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"néw": `{"a":[1,"}]\""]}`, "big": "12345678901234567890", "s": `"x\"y"`, "t": "true", "z": "null"}
	if len(p.Unknown) != len(want) {
		t.Fatalf("got %d members: %q", len(p.Unknown), p.Unknown)
	}
	for k, v := range want {
		if string(p.Unknown[k]) != v {
			t.Errorf("%q = %s, want %s", k, p.Unknown[k], v)
		}
	}
	b, err := MarshalAdditional(&p, p.Unknown)
	if err != nil || string(b) != `{"id":1,"big":12345678901234567890,"néw":{"a":[1,"}]\""]},"s":"x\"y","t":true,"z":null}` {
		t.Errorf("%s %v", b, err)
	}
	// The raw values are copies: the input buffer may be reused.
	for i := range in {
		in[i] = ' '
	}
	if string(p.Unknown["t"]) != "true" {
		t.Error("a raw value aliases the input")
	}
	if err := UnmarshalAdditional([]byte(`null`), &p, &p.Unknown); err != nil || p.ID != 1 || len(p.Unknown) != 5 {
		t.Errorf("null changed the value: %+v %v", p, err)
	}
	if err := UnmarshalAdditional([]byte(`{"id":`), &p, &p.Unknown); err == nil {
		t.Error("truncated JSON accepted")
	}
}

// Structs as generated: uA and uB keep unknown properties, uM declares
// additionalProperties.
type (
	uA struct {
		A       string                     `json:"a,omitzero"`
		Unknown map[string]json.RawMessage `json:"-" genclient:"unknown"`
	}
	uB struct {
		B       string                     `json:"b,omitzero"`
		Unknown map[string]json.RawMessage `json:"-" genclient:"unknown"`
	}
	uM struct {
		AdditionalProperties map[string]json.RawMessage `json:"-"`
	}
)

func (v *uA) UnmarshalJSON(b []byte) error {
	type plain uA
	return UnmarshalAdditional(b, (*plain)(v), &v.Unknown)
}

func (v *uB) UnmarshalJSON(b []byte) error {
	type plain uB
	return UnmarshalAdditional(b, (*plain)(v), &v.Unknown)
}

func (v *uM) UnmarshalJSON(b []byte) error {
	type plain uM
	return UnmarshalAdditional(b, (*plain)(v), &v.AdditionalProperties)
}

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
	if err := DecodeUnion([]byte(`{"c":"x"}`), "pkg: U", VariantPtr(&pa), VariantPtr(&pb)); err != nil || pa == nil || pb != nil || string(pa.Unknown["c"]) != `"x"` {
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
