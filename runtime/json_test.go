package runtime

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"
)

// Types covering what the codec handles itself and what it hands to
// encoding/json, for the tests that compare the two.
type (
	jsonKinds struct {
		B      bool                  `json:"b"`
		I      int                   `json:"i"`
		I8     int8                  `json:"i8,omitempty"`
		I32    int32                 `json:"i32"`
		U      uint                  `json:"u"`
		U16    uint16                `json:"u16,omitzero"`
		F32    float32               `json:"f32"`
		F64    float64               `json:"f64"`
		S      string                `json:"s"`
		Enum   jsonEnum              `json:"enum,omitempty"`
		Bytes  []byte                `json:"bytes"`
		Raw    json.RawMessage       `json:"raw,omitempty"`
		Num    json.Number           `json:"num,omitempty"`
		Slice  []int                 `json:"slice"`
		Arr    [2]string             `json:"arr"`
		Map    map[string]int        `json:"map,omitempty"`
		IntMap map[int]string        `json:"int_map,omitempty"`
		Ptr    *jsonKinds            `json:"ptr,omitempty"`
		Any    any                   `json:"any"`
		Opt    Opt[string]           `json:"opt,omitzero"`
		OptS   Opt[jsonSmall]        `json:"opt_s,omitzero"`
		Null   Nullable[int]         `json:"null,omitzero"`
		NullR  Nullable[string]      `json:"null_r"`
		Time   time.Time             `json:"time,omitzero"`
		TimeP  *time.Time            `json:"time_p,omitempty"`
		Date   Date                  `json:"date,omitzero"`
		OptD   Opt[Date]             `json:"opt_d,omitzero"`
		Small  jsonSmall             `json:"small"`
		Smalls []jsonSmall           `json:"smalls,omitempty"`
		SmallM map[string]*jsonSmall `json:"small_m,omitempty"`
		Embed  jsonEmbedding         `json:"embed"`
		Quoted jsonQuoted            `json:"quoted"`
		NoTag  string
		Dash   string `json:"-,"`
		Skip   string `json:"-"`
		hidden string
	}
	jsonEnum  string
	jsonSmall struct {
		A string `json:"a"`
		N int    `json:"n,omitempty"`
	}
	jsonEmbedding struct {
		jsonSmall
		C string `json:"c"`
	}
	jsonQuoted struct {
		N int64 `json:"n,string"`
	}

	// jsonKeep keeps unknown members, as a generated struct does.
	jsonKeep struct {
		Name    string     `json:"name"`
		Count   Opt[int]   `json:"count,omitzero"`
		Child   *jsonKeep  `json:"child,omitzero"`
		List    []jsonKeep `json:"list,omitzero"`
		Unknown Unknown    `json:"-" genclient:"unknown"`
	}
	// jsonKeepMap is jsonKeep keeping them in a map, as hand-written
	// structs may.
	jsonKeepMap struct {
		Name    string                     `json:"name"`
		Count   Opt[int]                   `json:"count,omitzero"`
		Child   *jsonKeepMap               `json:"child,omitzero"`
		List    []jsonKeepMap              `json:"list,omitzero"`
		Unknown map[string]json.RawMessage `json:"-" genclient:"unknown"`
	}
	// jsonLabels declares additionalProperties of a type.
	jsonLabels struct {
		ID     string            `json:"id"`
		Labels map[string]string `json:"-" genclient:"additional"`
	}
)

func jsonKindsValues() []jsonKinds {
	now := time.Date(2024, 2, 29, 12, 30, 0, 123, time.UTC)
	full := jsonKinds{
		B: true, I: -42, I8: 7, I32: math.MaxInt32, U: 1 << 40, U16: 9, F32: 3.25, F64: 1e21, S: "a<b>&c \"q\" \\ \n\t\b\f\x01 é \u2028 \xff",
		Enum: "on", Bytes: []byte("hello\x00"), Raw: json.RawMessage(` { "x" : [1, 2] } `), Num: "12.5e3",
		Slice: []int{1, 2, 3}, Arr: [2]string{"x", "y"}, Map: map[string]int{"b": 2, "a": 1, "<": 3}, IntMap: map[int]string{2: "b", 1: "a"},
		Ptr: &jsonKinds{S: "inner", Slice: []int{}}, Any: map[string]any{"k": []any{1.5, "s", nil, true}},
		Opt: Some(""), OptS: Some(jsonSmall{A: "s"}), Null: Null[int](), NullR: NullableOf("r"), Time: now, TimeP: &now,
		Date: Date{2024, 3, 1}, OptD: Some(Date{2020, 1, 2}), Small: jsonSmall{A: "a", N: 1},
		Smalls: []jsonSmall{{A: "1"}, {N: 2}}, SmallM: map[string]*jsonSmall{"z": {A: "z"}, "n": nil},
		Embed: jsonEmbedding{jsonSmall: jsonSmall{A: "e"}, C: "c"}, Quoted: jsonQuoted{N: 5}, NoTag: "nt", Dash: "d", Skip: "s",
	}
	return []jsonKinds{{}, full, {F64: 1e-7, F32: 1e-7}, {F64: 123456789.125, F32: -0.5, Any: "x"}}
}

// TestJSONEncodesAsEncodingJSON: Marshal writes what json.Marshal writes,
// byte for byte, for every kind of value.
func TestJSONEncodesAsEncodingJSON(t *testing.T) {
	for i, v := range jsonKindsValues() {
		for _, x := range []any{v, &v, []jsonKinds{v}, map[string]jsonKinds{"k": v}, any(v.Small), v.OptS, v.Null} {
			want, werr := json.Marshal(x)
			got, gerr := Marshal(x)
			if (werr != nil) != (gerr != nil) || !bytes.Equal(got, want) {
				t.Errorf("%d %T:\n got %s (%v)\nwant %s (%v)", i, x, got, gerr, want, werr)
			}
		}
	}
	for _, x := range []any{nil, math.NaN(), []any{math.Inf(1)}, json.RawMessage(`{bad`), json.Number("1x"), float32(1e-7), 1e20, -1e-300, "\u2029"} {
		want, werr := json.Marshal(x)
		got, gerr := Marshal(x)
		if (werr != nil) != (gerr != nil) || !bytes.Equal(got, want) {
			t.Errorf("%#v:\n got %s (%v)\nwant %s (%v)", x, got, gerr, want, werr)
		}
	}
}

// TestJSONDecodesAsEncodingJSON: Unmarshal fills what json.Unmarshal
// fills, from what json.Marshal wrote and from hand-written inputs.
func TestJSONDecodesAsEncodingJSON(t *testing.T) {
	var inputs []string
	for _, v := range jsonKindsValues() {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, string(b))
	}
	inputs = append(inputs,
		`{"i": 1.5, "s": "ok"}`, `{"i": "1x"}`, `{"i": "01"}`, `{"u": -1}`, `{"i8": 300}`, `{"s": 1, "b": true}`, `{"slice": null, "map": null, "ptr": null}`,
		`{"arr": ["a", "b", "c"]}`, `{"arr": ["a"]}`, `{"bytes": "!!"}`, `{"bytes": [1, 2]}`, `{"any": {"a": [1, {"b": null}]}}`,
		`{"opt": null, "null": null, "null_r": null}`, `{"date": "2024-13-01"}`, `{"time": "nope"}`, `{"num": "1.5"}`, `{"num": "x"}`,
		`{"small": [1]}`, `{"unknown": {"deep": [1, 2, {"x": "y"}]}, "s": "\ud83d\ude00 \ud800 \u00e9"}`, `{"embed": {"a": "x", "c": "y"}}`,
		`{"quoted": {"n": "12"}}`, `{"raw": null}`, `{"NoTag": "x", "-": "dash"}`, `{"notag": "y", "NOTAG": "z"}`, ` [1] `, `"str"`, `null`, `{"s": "a"} x`, `{"s": }`,
		`{"s": "a",}`, `{`, ``, `{"s": "\x01"}`, `{"s": "\q"}`, `{"f32": 1e40}`, `{"smalls": [{"a": "1"}, null, {"n": 3}]}`,
		`{"small_m": {"a": {"a": "b"}, "b": null}}`, `{"int_map": {"1": "x"}}`, `{"b": nul}`, `{"i": -}`, `{"i": 01}`,
	)
	for _, in := range inputs {
		var want, got jsonKinds
		werr := json.Unmarshal([]byte(in), &want)
		gerr := Unmarshal([]byte(in), &got)
		if (werr != nil) != (gerr != nil) {
			t.Errorf("%s: error %v, json.Unmarshal's %v", in, gerr, werr)
			continue
		}
		var ws *json.SyntaxError
		if errors.As(werr, &ws) {
			if gerr.Error() != werr.Error() {
				t.Errorf("%s: error %q, want %q", in, gerr, werr)
			}
			continue // encoding/json leaves the value untouched; Unmarshal may have filled part of it
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %+v\nwant %+v", in, got, want)
		}
	}
}

// TestJSONNamesAreCaseSensitive: a member whose name differs from a
// declared one only in case is not that property: it is kept as unknown,
// the field keeps its own member's value, and a re-encode gives the
// input back.
func TestJSONNamesAreCaseSensitive(t *testing.T) {
	in := `{"name":"a","NAME":"b","Count":2}`
	var v jsonKeep
	if err := Unmarshal([]byte(in), &v); err != nil {
		t.Fatal(err)
	}
	if v.Name != "a" || v.Count.IsSet() || v.Unknown.Len() != 2 || get(v.Unknown, "NAME") != `"b"` || get(v.Unknown, "Count") != "2" {
		t.Fatalf("got %+v", v)
	}
	out, err := Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"name":"a","Count":2,"NAME":"b"}`; string(out) != want {
		t.Errorf("re-encoded as %s, want %s", out, want)
	}
	v = jsonKeep{}
	if err := Unmarshal([]byte(`{"NAME":"b"}`), &v); err != nil || v.Name != "" || get(v.Unknown, "NAME") != `"b"` {
		t.Errorf("got %+v, %v", v, err)
	}
}

// TestJSONKeepsUnknownMembers: members a struct does not declare survive a
// decode and an encode, at every depth, after the declared ones in sorted
// order; a map of another type keeps declared additionalProperties.
func TestJSONKeepsUnknownMembers(t *testing.T) {
	in := `{"z":1,"name":"top","child":{"name":"c","x":{"deep":[1,{"a":null}]}},"list":[{"name":"l","y":"<&>"}],"a":" s p a c e "}`
	var v jsonKeep
	if err := Unmarshal([]byte(in), &v); err != nil {
		t.Fatal(err)
	}
	if v.Unknown.Len() != 2 || get(v.Child.Unknown, "x") != `{"deep":[1,{"a":null}]}` || get(v.List[0].Unknown, "y") != `"\u003c\u0026\u003e"` {
		t.Fatalf("got %+v", v)
	}
	out, err := Marshal(&v)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"name":"top","child":{"name":"c","x":{"deep":[1,{"a":null}]}},"list":[{"name":"l","y":"\u003c\u0026\u003e"}],"a":" s p a c e ","z":1}`
	if string(out) != want {
		t.Errorf("got  %s\nwant %s", out, want)
	}
	// A kept member named like a declared property is not encoded twice.
	v.Unknown.Set("name", json.RawMessage(`"dup"`))
	if out, _ := Marshal(v); strings.Count(string(out), `"name"`) != 3 {
		t.Errorf("declared name encoded from Unknown: %s", out)
	}
	// So does a map, with the same bytes.
	var m jsonKeepMap
	if err := Unmarshal([]byte(in), &m); err != nil {
		t.Fatal(err)
	}
	if out, err := Marshal(&m); err != nil || string(out) != want {
		t.Errorf("map: got %s, %v", out, err)
	}
	m.Unknown["name"] = json.RawMessage(`"dup"`)
	if out, _ := Marshal(m); strings.Count(string(out), `"name"`) != 3 {
		t.Errorf("declared name encoded from the map: %s", out)
	}

	var l jsonLabels
	if err := Unmarshal([]byte(`{"id":"1","a":"x","b":"y"}`), &l); err != nil || l.ID != "1" || len(l.Labels) != 2 || l.Labels["b"] != "y" {
		t.Fatalf("got %+v, %v", l, err)
	}
	if err := Unmarshal([]byte(`{"id":"1","a":2}`), &l); err == nil {
		t.Error("a member of the wrong type for additionalProperties decoded")
	}
	out, err = Marshal(jsonLabels{ID: "2", Labels: map[string]string{"y": "2", "x": "1"}})
	if err != nil || string(out) != `{"id":"2","x":"1","y":"2"}` {
		t.Errorf("got %s, %v", out, err)
	}
}

// TestJSONDepth: nesting beyond the limit is an error, not a crash, both
// ways.
func TestJSONDepth(t *testing.T) {
	deep := strings.Repeat("[", maxDepth+1) + strings.Repeat("]", maxDepth+1)
	var x any
	if err := Unmarshal([]byte(deep), &x); err == nil {
		t.Error("decoded past the depth limit")
	}
	var k jsonKeep
	if err := Unmarshal([]byte(`{"x":`+deep+`}`), &k); err == nil {
		t.Error("skipped past the depth limit")
	}
	c := &jsonKeep{Name: "loop"}
	c.Child = c
	if _, err := Marshal(c); err == nil {
		t.Error("encoded a cycle")
	}
}

// FuzzAdditional decodes any input into types that keep unknown members
// (nested, and with declared additionalProperties) and checks that the
// codec never panics, that what it decodes encodes again, that decoding
// and encoding that output gives it back byte for byte, and that every top-level
// member the struct does not declare is kept under its exact name.
//
//	go test -run x -fuzz FuzzAdditional -fuzztime 30s ./runtime
func FuzzAdditional(f *testing.F) {
	for _, s := range []string{
		`{"name":"a","NAME":"b","Count":2}`, `{"name":"x","count":3,"child":{"name":"c","z":[1,{"a":null}]}}`,
		`{"list":[{"name":"l","y":"<&>"}],"a":" s ","\u006eame":"esc"}`, `{"id":"1","a":"x","b":"y"}`,
		`{"name":"\ud83d\ude00\ud800","x":1e999}`, `{"":0,"name":null,"count":null}`, `[1]`, `null`, `{"a":`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		var k jsonKeep
		if err := Unmarshal(in, &k); err == nil {
			out, err := Marshal(k)
			if err != nil {
				t.Fatalf("%q decoded to %+v, which does not encode: %v", in, k, err)
			}
			var again jsonKeep
			if err := Unmarshal(out, &again); err != nil {
				t.Fatalf("%q → %s, which does not decode: %v", in, out, err)
			}
			if out2, err := Marshal(again); err != nil || !bytes.Equal(out2, out) {
				t.Fatalf("%q → %s → %s (%v)", in, out, out2, err)
			}
			var members map[string]json.RawMessage
			if Unmarshal(in, &members) == nil {
				for name := range members {
					if _, kept := k.Unknown.Get(name); !kept && name != "name" && name != "count" && name != "child" && name != "list" {
						t.Fatalf("%q: member %q is lost", in, name)
					}
				}
			}
			// Unknown keeps what a map keeps, and encodes it the same.
			var m jsonKeepMap
			if err := Unmarshal(in, &m); err != nil {
				t.Fatalf("%q: decodes into Unknown but not into a map: %v", in, err)
			}
			if mout, err := Marshal(m); err != nil || !bytes.Equal(mout, out) {
				t.Fatalf("%q: Unknown encodes as %s, a map as %s (%v)", in, out, mout, err)
			}
		} else if Unmarshal(in, new(jsonKeepMap)) == nil {
			t.Fatalf("%q: decodes into a map but not into Unknown: %v", in, err)
		}
		var l jsonLabels
		if err := Unmarshal(in, &l); err == nil {
			out, err := Marshal(l)
			var again jsonLabels
			if err != nil || Unmarshal(out, &again) != nil || !reflect.DeepEqual(again, l) {
				t.Fatalf("%q → %s (%v) → %+v, want %+v", in, out, err, again, l)
			}
		}
	})
}

// TestJSONQuotedFields: ",string" integers, plain or in Opt and Nullable,
// encode as JSON strings and decode from strings or bare numbers, without
// a method on the struct.
func TestJSONQuotedFields(t *testing.T) {
	v := quotedMsg{Revision: -5, Limit: Some[int64](10), ID: Some[uint64](18446744073709551615), Lease: Null[int64](),
		Small: Some[int8](-3), Plain: Some[int64](7), Name: Some("n"), Extra: map[string]string{"x": "y"}}
	b, err := Marshal(v)
	want := `{"revision":"-5","limit":"10","id":"18446744073709551615","lease":null,"small":"-3","plain":7,"name":"n","x":"y"}`
	if err != nil || string(b) != want {
		t.Errorf("got  %s (%v)\nwant %s", b, err, want)
	}
	var back quotedMsg
	if err := Unmarshal([]byte(`{"revision":"-5","limit":"10","id":"18446744073709551615","lease":"9","small":"-3","plain":"7","name":"n","x":"y"}`), &back); err != nil ||
		back.Revision != -5 || back.Limit.Value() != 10 || back.ID.Value() != 18446744073709551615 || back.Lease.Value() != 9 ||
		back.Small.Value() != -3 || back.Plain.Value() != 7 || back.Name.Value() != "n" || back.Extra["x"] != "y" {
		t.Errorf("decoded %+v, %v", back, err)
	}
	if err := Unmarshal([]byte(`{"limit":11,"revision":12}`), &back); err != nil || back.Limit.Value() != 11 || back.Revision != 12 {
		t.Errorf("bare numbers: %v %+v", err, back)
	}
	for _, bad := range []string{`{"limit":"ten"}`, `{"limit":"1e3"}`, `{"limit":" 1"}`, `{"small":"300"}`, `{"id":"-1"}`, `{"limit":"01"}`, `{"revision":"x"}`} {
		var x quotedMsg
		if err := Unmarshal([]byte(bad), &x); err == nil {
			t.Errorf("%s: no error, got %+v", bad, x)
		}
	}
}

// TestQuotedPointers: a pointer field tagged ",string" carries its
// pointee in a JSON string, decoded and encoded as encoding/json does.
func TestQuotedPointers(t *testing.T) {
	type msg struct {
		I  *int64   `json:"i,omitempty,string"`
		U  *uint32  `json:"u,omitempty,string"`
		F  *float64 `json:"f,omitempty,string"`
		B  *bool    `json:"b,omitempty,string"`
		S  *string  `json:"s,omitempty,string"`
		PP **int64  `json:"pp,omitempty,string"` // one pointer only: not quoted
	}
	i, u, f, b, s := int64(-9007199254740993), uint32(7), 1.5, true, `a"b`
	pi := &i
	v := msg{I: &i, U: &u, F: &f, B: &b, S: &s, PP: &pi}
	want, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := Marshal(v); err != nil || string(got) != string(want) {
		t.Errorf("Marshal: %s, want %s (%v)", got, want, err)
	}
	if string(want) != `{"i":"-9007199254740993","u":"7","f":"1.5","b":"true","s":"\"a\\\"b\"","pp":-9007199254740993}` {
		t.Errorf("encoding/json wrote %s", want)
	}
	if got, _ := Marshal(msg{}); string(got) != `{}` {
		t.Errorf("nil pointers: %s", got)
	}
	for _, in := range []string{
		string(want),
		`{"i":"42","u":"0","b":"false","s":"\"\""}`,
		`{"i":null,"u":"null"}`,
		`{"i":"x"}`,
		`{"u":"-1"}`,
	} {
		var got, std msg
		x := uint32(5)
		got.U, std.U = &x, new(uint32) // "null" clears a set pointer
		*std.U = 5
		err := Unmarshal([]byte(in), &got)
		stdErr := json.Unmarshal([]byte(in), &std)
		if (err != nil) != (stdErr != nil) {
			t.Errorf("%s: error %v, encoding/json %v", in, err, stdErr)
			continue
		}
		if err != nil {
			continue
		}
		g, _ := json.Marshal(got)
		w, _ := json.Marshal(std)
		if string(g) != string(w) {
			t.Errorf("%s: decoded %s, encoding/json %s", in, g, w)
		}
	}
	// A bare number is accepted too, as for plain fields: servers differ.
	var bare msg
	if err := Unmarshal([]byte(`{"i":12}`), &bare); err != nil || bare.I == nil || *bare.I != 12 {
		t.Errorf("bare number: %v %+v", err, bare)
	}
}

// get is u.Get(name) as a string.
func get(u Unknown, name string) string {
	raw, _ := u.Get(name)
	return string(raw)
}

// valueMarshaler has MarshalJSON on its value, as generated unions do.
type valueMarshaler struct{ s string }

func (v valueMarshaler) MarshalJSON() ([]byte, error) { return json.Marshal(v.s) }

// A nil pointer to a type whose MarshalJSON has a value receiver (a
// required nullable union field) encodes as null without calling it, as
// encoding/json does.
func TestJSONNilPointerToValueMarshaler(t *testing.T) {
	type holder struct {
		U *valueMarshaler   `json:"u"`
		L []*valueMarshaler `json:"l"`
	}
	for _, v := range []holder{{}, {U: &valueMarshaler{"x"}, L: []*valueMarshaler{nil, {"y"}}}} {
		got, err := Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := json.Marshal(v)
		if string(got) != string(want) {
			t.Errorf("Marshal = %s, want %s", got, want)
		}
	}
}

// nullsInner and nullsOuter are a generated struct with nullable fields of
// each kind and its NullFields.
type (
	nullsInner struct {
		X int `json:"x"`
	}
	nullsOuter struct {
		Name       string            `json:"name"`
		Note       Opt[string]       `json:"note,omitzero"`
		Inner      *nullsInner       `json:"inner,omitzero"`
		List       []int             `json:"list,omitzero"`
		Labels     map[string]string `json:"labels,omitzero"`
		Kind       jsonEnum          `json:"kind,omitzero"`
		Count      int               `json:"count"`
		NullFields []string          `json:"-" genclient:"nulls"`
	}
)

func TestJSONNullFields(t *testing.T) {
	in := `{"name":"a","note":null,"inner":null,"list":null,"labels":null,"kind":null,"count":null}`
	var v nullsOuter
	if err := Unmarshal([]byte(in), &v); err != nil {
		t.Fatal(err)
	}
	want := []string{"Note", "Inner", "List", "Labels", "Kind", "Count"}
	if !reflect.DeepEqual(v.NullFields, want) {
		t.Fatalf("decoded NullFields %q, want %q", v.NullFields, want)
	}
	if v.Note.IsSet() || v.Inner != nil || v.List != nil || v.Labels != nil || v.Kind != "" || v.Count != 0 {
		t.Fatalf("decoded %+v, want every listed field zero", v)
	}
	out, err := Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != in {
		t.Fatalf("re-encoded\n%s\nwant\n%s", out, in)
	}
	// A decode into a used value lists only what this object has as null.
	if err := Unmarshal([]byte(`{"name":"b","note":"n"}`), &v); err != nil {
		t.Fatal(err)
	}
	if v.NullFields != nil {
		t.Fatalf("NullFields %q after an object without nulls", v.NullFields)
	}

	for _, c := range []struct {
		v    nullsOuter
		want string
	}{
		{nullsOuter{Name: "a"}, `{"name":"a","count":0}`},
		{nullsOuter{Name: "a", NullFields: []string{"Inner", "Kind"}}, `{"name":"a","inner":null,"kind":null,"count":0}`},
		// A value set wins over its name in NullFields.
		{nullsOuter{Name: "a", Inner: &nullsInner{X: 1}, Count: 2, NullFields: []string{"Inner", "Count", "List"}}, `{"name":"a","inner":{"x":1},"list":null,"count":2}`},
		{nullsOuter{Name: "a", Note: Some(""), NullFields: []string{"Note"}}, `{"name":"a","note":"","count":0}`},
	} {
		out, err := Marshal(c.v)
		if err != nil {
			t.Fatal(err)
		}
		if string(out) != c.want {
			t.Errorf("Marshal(%+v) = %s, want %s", c.v, out, c.want)
		}
		// Not addressable: a map's value.
		out, err = Marshal(map[string]nullsOuter{"k": c.v})
		if err != nil {
			t.Fatal(err)
		}
		if want := `{"k":` + c.want + `}`; string(out) != want {
			t.Errorf("Marshal(map value %+v) = %s, want %s", c.v, out, want)
		}
	}

	_, err = Marshal(nullsOuter{NullFields: []string{"Nmae"}})
	if err == nil || !strings.Contains(err.Error(), `nullsOuter.NullFields names "Nmae", which is not a field of nullsOuter`) {
		t.Fatalf("Marshal with an unknown name in NullFields: %v", err)
	}
}
