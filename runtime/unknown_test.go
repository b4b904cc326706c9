package runtime

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"testing"
)

type unkInner struct {
	N       int     `json:"n"`
	Unknown Unknown `json:"-" genclient:"unknown"`
}

type unkOuter struct {
	Name    string     `json:"name"`
	Inner   unkInner   `json:"inner"`
	List    []unkInner `json:"list,omitzero"`
	Unknown Unknown    `json:"-" genclient:"unknown"`
}

// TestUnknownDecode: the members a struct does not declare are kept per
// object, nested ones apart from their parents', in name order (the last
// of a repeated name), names matching exactly, values compacted as
// Marshal writes them; encoding writes them after the declared fields.
func TestUnknownDecode(t *testing.T) {
	in := `{"z":1,"name":"a","NAME":"b","inner":{"n":1,"q":[1, 2],"n\u00e9":"x","p":{}},"b":true,"z":2,` +
		`"list":[{"n":2},{"a\"b":null,"n":3}],"a":"<&>"}`
	var v unkOuter
	if err := Unmarshal([]byte(in), &v); err != nil {
		t.Fatal(err)
	}
	if v.Name != "a" {
		t.Errorf("name %q: a case-folded name filled the field", v.Name)
	}
	check := func(what string, u Unknown, want string) {
		t.Helper()
		if u.String() != want {
			t.Errorf("%s: %s, want %s", what, u, want)
		}
	}
	check("outer", v.Unknown, `{"NAME":"b","a":"\u003c\u0026\u003e","b":true,"z":2}`)
	check("inner", v.Inner.Unknown, `{"né":"x","p":{},"q":[1,2]}`)
	check("list[0]", v.List[0].Unknown, `{}`)
	check("list[1]", v.List[1].Unknown, `{"a\"b":null}`)
	if v.Unknown.Len() != 4 || v.List[0].Unknown.Len() != 0 || v.List[0].Unknown.text != nil {
		t.Errorf("Len %d, %d", v.Unknown.Len(), v.List[0].Unknown.Len())
	}
	if raw, ok := v.Unknown.Get("NAME"); !ok || string(raw) != `"b"` {
		t.Errorf("Get NAME: %s %v", raw, ok)
	}
	if raw, ok := v.List[1].Unknown.Get(`a"b`); !ok || string(raw) != `null` {
		t.Errorf("Get escaped name: %s %v", raw, ok)
	}
	if _, ok := v.Unknown.Get("name"); ok {
		t.Error("Get found a declared name")
	}
	got := maps.Collect(v.Inner.Unknown.All())
	if len(got) != 3 || string(got["né"]) != `"x"` || string(got["q"]) != `[1,2]` {
		t.Errorf("All: %q", got)
	}
	var names []string
	for k := range v.Unknown.All() {
		names = append(names, k)
		if k == "a" {
			break
		}
	}
	if !slices.Equal(names, []string{"NAME", "a"}) {
		t.Errorf("All stopped early: %q", names)
	}
	out, err := Marshal(v)
	want := `{"name":"a","inner":{"n":1,"né":"x","p":{},"q":[1,2]},"list":[{"n":2},{"n":3,"a\"b":null}],` +
		`"NAME":"b","a":"\u003c\u0026\u003e","b":true,"z":2}`
	if err != nil || string(out) != want {
		t.Errorf("Marshal:\n%s\nwant\n%s (%v)", out, want, err)
	}
	// Decoding again replaces what was kept.
	if err := Unmarshal([]byte(`{"name":"c","inner":{"n":1}}`), &v); err != nil || v.Unknown.Len() != 0 || v.Inner.Unknown.Len() != 0 {
		t.Errorf("kept members survived a decode: %v %s %s", err, v.Unknown, v.Inner.Unknown)
	}
	// The text does not alias the input.
	buf := []byte(`{"name":"d","x":"kept"}`)
	if err := Unmarshal(buf, &v); err != nil {
		t.Fatal(err)
	}
	copy(buf, strings.Repeat(" ", len(buf)))
	if raw, _ := v.Unknown.Get("x"); string(raw) != `"kept"` {
		t.Errorf("aliases the input: %s", raw)
	}
}

func TestUnknownEdit(t *testing.T) {
	var u Unknown
	for _, kv := range [][2]string{{"m", `1`}, {"b", ` [ true ] `}, {"z", `"<"`}, {"m", `{"a":2}`}, {"a", ``}} {
		var raw json.RawMessage
		if kv[1] != "" {
			raw = json.RawMessage(kv[1])
		}
		if err := u.Set(kv[0], raw); err != nil {
			t.Fatal(err)
		}
	}
	if u.String() != `{"a":null,"b":[true],"m":{"a":2},"z":"\u003c"}` || u.Len() != 4 {
		t.Errorf("after Set: %s", u)
	}
	for _, bad := range []string{`{`, `1 2`, `tru`, ` `} {
		if err := u.Set("bad", json.RawMessage(bad)); err == nil {
			t.Errorf("Set accepted %q", bad)
		}
	}
	kept, _ := u.Get("m")
	u.Delete("m")
	u.Delete("absent")
	if u.String() != `{"a":null,"b":[true],"z":"\u003c"}` || string(kept) != `{"a":2}` {
		t.Errorf("after Delete: %s (a value taken before: %s)", u, kept)
	}
	for _, k := range []string{"a", "b", "z"} {
		u.Delete(k)
	}
	if u.Len() != 0 || u.text != nil || u.String() != "{}" {
		t.Errorf("emptied: %q", u.text)
	}
	// A declared name set by hand is not written twice.
	v := unkInner{N: 1}
	if err := v.Unknown.Set("n", json.RawMessage(`2`)); err != nil {
		t.Fatal(err)
	}
	if err := v.Unknown.Set("o", json.RawMessage(`3`)); err != nil {
		t.Fatal(err)
	}
	if out, err := Marshal(v); err != nil || string(out) != `{"n":1,"o":3}` {
		t.Errorf("declared name from Unknown: %s %v", out, err)
	}
	// A field's key inside an unknown member's value is only a value.
	var nested unkInner
	if err := Unmarshal([]byte(`{"o":{"n":2},"n":1}`), &nested); err != nil {
		t.Fatal(err)
	}
	if out, err := Marshal(nested); err != nil || string(out) != `{"n":1,"o":{"n":2}}` {
		t.Errorf("a field's key in a value: %s %v", out, err)
	}
	// The codec gives the same bytes as Set for the same members.
	var back unkInner
	if err := Unmarshal([]byte(`{"o":3,"n":1}`), &back); err != nil {
		t.Fatal(err)
	}
	var set Unknown
	set.Set("o", json.RawMessage(`3`))
	if back.Unknown.String() != set.String() {
		t.Errorf("decoded %s, set %s", back.Unknown, set)
	}
}

// TestUnknownErrors: malformed input is an error wherever unknown members
// are being gathered, and the next decode starts afresh.
func TestUnknownErrors(t *testing.T) {
	var v unkOuter
	for _, bad := range []string{`{"x":`, `{"x":1,`, `{"inner":{"q":[1,}}`, `{"x":tru}`} {
		if err := Unmarshal([]byte(bad), &v); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
	// The scratch a failed decode used is reusable.
	if err := Unmarshal([]byte(`{"a":1,"inner":{"b":2}}`), &v); err != nil || v.Unknown.String() != `{"a":1}` || v.Inner.Unknown.String() != `{"b":2}` {
		t.Errorf("after errors: %v %s %s", err, v.Unknown, v.Inner.Unknown)
	}
}
