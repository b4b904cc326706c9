package additional

// Copied next to the generated additional client by TestGolden.

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestAdditionalProperties(t *testing.T) {
	var l Labels
	if err := json.Unmarshal([]byte(`{"id":"x","b":"2","a":"1"}`), &l); err != nil {
		t.Fatal(err)
	}
	if l.ID != "x" || !reflect.DeepEqual(l.AdditionalProperties, map[string]string{"a": "1", "b": "2"}) {
		t.Fatalf("decoded %+v", l)
	}
	out, err := json.Marshal(l)
	if err != nil || string(out) != `{"id":"x","a":"1","b":"2"}` {
		t.Errorf("encoded %s, %v", out, err)
	}
	l.AdditionalProperties["id"] = "shadow"
	if out, _ := json.Marshal(&l); string(out) != `{"id":"x","a":"1","b":"2"}` {
		t.Errorf("a declared name in AdditionalProperties leaked: %s", out)
	}
	var f Free
	if err := json.Unmarshal([]byte(`{"n":{"deep":[1]}}`), &f); err != nil || string(f.AdditionalProperties["n"]) != `{"deep":[1]}` {
		t.Errorf("free-form: %v %+v", err, f)
	}
	if out, _ := json.Marshal(Free{}); string(out) != `{}` {
		t.Errorf("empty encoded %s", out)
	}
}
