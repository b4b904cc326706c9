package additional

// Copied next to the generated additional client by TestGolden.

import (
	"reflect"
	"testing"

	"github.com/genclient/genclient/runtime"
)

// The generated structs have no JSON methods: the runtime's codec, which
// the client decodes responses and encodes requests with, keeps the
// properties in the tagged map field.
func TestAdditionalProperties(t *testing.T) {
	var l Labels
	if err := runtime.Unmarshal([]byte(`{"id":"x","b":"2","a":"1"}`), &l); err != nil {
		t.Fatal(err)
	}
	if l.ID != "x" || !reflect.DeepEqual(l.AdditionalProperties, map[string]string{"a": "1", "b": "2"}) {
		t.Fatalf("decoded %+v", l)
	}
	out, err := runtime.Marshal(l)
	if err != nil || string(out) != `{"id":"x","a":"1","b":"2"}` {
		t.Errorf("encoded %s, %v", out, err)
	}
	l.AdditionalProperties["id"] = "shadow"
	if out, _ := runtime.Marshal(&l); string(out) != `{"id":"x","a":"1","b":"2"}` {
		t.Errorf("a declared name in AdditionalProperties leaked: %s", out)
	}
	var f Free
	if err := runtime.Unmarshal([]byte(`{"n":{"deep":[1]}}`), &f); err != nil || string(f.AdditionalProperties["n"]) != `{"deep":[1]}` {
		t.Errorf("free-form: %v %+v", err, f)
	}
	if out, _ := runtime.Marshal(Free{}); string(out) != `{}` {
		t.Errorf("empty encoded %s", out)
	}
	// Names match exactly: "ID" is not the declared "id".
	if err := runtime.Unmarshal([]byte(`{"id":"x","ID":"y"}`), &l); err != nil || l.ID != "x" || l.AdditionalProperties["ID"] != "y" {
		t.Errorf("case-folded name: %v %+v", err, l)
	}
}
