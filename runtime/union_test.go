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
		ID string `json:"id"`
	}
	var p plain
	extra, err := UnmarshalAdditional[int]([]byte(`{"id":"x","b":2,"a":1}`), &p, "id")
	if err != nil || p.ID != "x" || len(extra) != 2 || extra["a"] != 1 {
		t.Fatalf("%v %+v %v", err, p, extra)
	}
	b, err := MarshalAdditional(p, extra, "id")
	if err != nil || string(b) != `{"id":"x","a":1,"b":2}` {
		t.Errorf("%s %v", b, err)
	}
	if _, err := UnmarshalAdditional[int]([]byte(`{"id":"x","b":"no"}`), &p, "id"); err == nil {
		t.Error("a string decoded as an int property")
	}
	type empty struct{}
	if b, _ := MarshalAdditional(empty{}, map[string]int{"k": 1}); string(b) != `{"k":1}` {
		t.Errorf("empty struct: %s", b)
	}
	if extra, _ := UnmarshalAdditional[int]([]byte(`{}`), &p, "id", "other"); extra != nil {
		t.Errorf("no extra: %v", extra)
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
