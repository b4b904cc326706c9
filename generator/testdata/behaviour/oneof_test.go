package oneof

// Copied next to the generated oneof client by TestGolden.

import (
	"encoding/json"
	"testing"
)

func TestDiscriminated(t *testing.T) {
	// Key order and an undeclared property survive an unmodified
	// round trip (encoding/json compacts whitespace).
	in := `{"lives":9,"kind":"kitty","toy":"ball"}`
	var p Pet
	if err := json.Unmarshal([]byte(in), &p); err != nil {
		t.Fatal(err)
	}
	if p.Cat == nil || p.Dog != nil || p.Cat.Lives.Value() != 9 {
		t.Fatalf("decoded %+v", p)
	}
	if out, _ := json.Marshal(p); string(out) != in {
		t.Errorf("unmodified re-encoding %s, want the input %s", out, in)
	}
	// A modified variant is encoded from its fields, the undeclared
	// property kept in AdditionalProperties included.
	p.Cat.Kind = "cat"
	if out, _ := json.Marshal(p); string(out) != `{"kind":"cat","lives":9,"toy":"ball"}` {
		t.Errorf("modified re-encoding %s", out)
	}
	var unknown Pet
	if err := json.Unmarshal([]byte(`{"kind":"bird"}`), &unknown); err != nil || unknown.Cat != nil || unknown.Dog != nil {
		t.Fatalf("unknown kind: %v %+v", err, unknown)
	}
	if out, _ := json.Marshal(unknown); string(out) != `{"kind":"bird"}` || string(unknown.Raw()) != `{"kind":"bird"}` {
		t.Errorf("unknown kind re-encoded as %s", out)
	}
	if _, err := json.Marshal(Pet{}); err == nil {
		t.Error("an empty union encoded without error")
	}
	if out, _ := json.Marshal(Pet{Dog: &Dog{Kind: "dog"}}); string(out) != `{"kind":"dog"}` {
		t.Errorf("built union encoded as %s", out)
	}
}

func TestUndiscriminated(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
	}{
		{`5`, "int"}, {`"abc"`, "string"}, {`["a","b"]`, "array"},
	} {
		var id ID
		if err := json.Unmarshal([]byte(tc.in), &id); err != nil {
			t.Fatalf("%s: %v", tc.in, err)
		}
		got := ""
		switch {
		case id.Int64 != nil:
			got = "int"
		case id.String != nil:
			got = "string"
		case id.StringArray != nil:
			got = "array"
		}
		if got != tc.want {
			t.Errorf("%s decoded as %s, want %s", tc.in, got, tc.want)
		}
	}
	var id ID
	if err := json.Unmarshal([]byte(`{"x":1}`), &id); err == nil {
		t.Errorf("an object decoded into ID: %+v", id)
	}
}
