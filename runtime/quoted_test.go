package runtime

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"
)

// quotedMsg has integers carried as strings, plain and in Opt and
// Nullable, as the generator emits them: without JSON methods.
type quotedMsg struct {
	Revision int64             `json:"revision,string"`
	Limit    Opt[int64]        `json:"limit,omitzero,string"`
	ID       Opt[uint64]       `json:"id,omitzero,string"`
	Lease    Nullable[int64]   `json:"lease,omitzero,string"`
	Small    Opt[int8]         `json:"small,omitzero,string"`
	Plain    Opt[int64]        `json:"plain,omitzero"`
	Name     Opt[string]       `json:"name,omitzero,string"`
	Extra    map[string]string `json:"-" genclient:"additional"`
}

func TestQuotedIntegers(t *testing.T) {
	v := quotedMsg{Revision: -5, Limit: Some[int64](10), ID: Some[uint64](18446744073709551615), Lease: Null[int64](),
		Small: Some[int8](-3), Plain: Some[int64](7), Extra: map[string]string{"x": "y"}}
	want := `{"revision":"-5","limit":"10","id":"18446744073709551615","lease":null,"small":"-3","plain":7,"x":"y"}`
	if cb, err := Marshal(v); err != nil || string(cb) != want {
		t.Errorf("runtime.Marshal: %s, %v", cb, err)
	}
	var back quotedMsg
	if err := json.Unmarshal([]byte(`{"revision":"-5","limit":"10","id":"18446744073709551615","lease":"9","small":"-3","plain":"7"}`), &back); err != nil {
		t.Fatal(err)
	}
	var viaCodec quotedMsg
	if err := Unmarshal([]byte(`{"revision":"-5","limit":"10","id":"18446744073709551615","lease":"9","small":"-3","plain":"7"}`), &viaCodec); err != nil ||
		viaCodec.Revision != -5 || viaCodec.Limit.Value() != 10 || viaCodec.ID.Value() != 18446744073709551615 || viaCodec.Lease.Value() != 9 {
		t.Errorf("runtime.Unmarshal: %v %+v", err, viaCodec)
	}
	if back.Revision != -5 || back.Limit.Value() != 10 || back.ID.Value() != 18446744073709551615 || back.Lease.Value() != 9 || back.Small.Value() != -3 || back.Plain.Value() != 7 {
		t.Errorf("decoded %+v", back)
	}
	// A bare number decodes too: servers differ.
	if err := json.Unmarshal([]byte(`{"limit":11}`), &back); err != nil || back.Limit.Value() != 11 {
		t.Errorf("bare number: %v %+v", err, back)
	}
	for _, bad := range []string{`{"limit":"ten"}`, `{"limit":"1e3"}`, `{"limit":" 1"}`, `{"small":"300"}`, `{"id":"-1"}`, `{"limit":"01"}`} {
		var x quotedMsg
		if err := json.Unmarshal([]byte(bad), &x); err == nil {
			t.Errorf("%s: no error, got %+v", bad, x)
		}
	}
}

// quotedLists is how the generator emits lists and maps of integers that
// the document carries as strings ("type: string, format: int64" items).
type quotedLists struct {
	IDs    []int64            `json:"ids" genclient:"quoted"`
	Opt    []uint64           `json:"opt,omitempty" genclient:"quoted"`
	Counts map[string]int32   `json:"counts,omitempty" genclient:"quoted"`
	Nested [][]Opt[int64]     `json:"nested,omitempty" genclient:"quoted"`
	Nulls  []Nullable[uint32] `json:"nulls,omitempty" genclient:"quoted"`
	Plain  []int64            `json:"plain,omitempty"`
	Count  int64              `json:"count"`
}

// TestQuotedLists: every integer of a field tagged genclient:"quoted" is
// written as a JSON string and read back from one (or from a number); other
// fields are untouched.
func TestQuotedLists(t *testing.T) {
	v := quotedLists{
		IDs:    []int64{-9223372036854775808, 0, 9223372036854775807},
		Opt:    []uint64{18446744073709551615},
		Counts: map[string]int32{"a": 1, "b": -2},
		Nested: [][]Opt[int64]{{Some[int64](5), {}}},
		Nulls:  []Nullable[uint32]{Null[uint32](), NullableOf[uint32](7)},
		Plain:  []int64{1, 2},
		Count:  3,
	}
	b, err := Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"ids":["-9223372036854775808","0","9223372036854775807"],"opt":["18446744073709551615"],"counts":{"a":"1","b":"-2"},"nested":[["5",null]],"nulls":[null,"7"],"plain":[1,2],"count":3}`
	if string(b) != want {
		t.Fatalf("Marshal:\n got %s\nwant %s", b, want)
	}
	var got quotedLists
	if err := Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if again, _ := Marshal(got); string(again) != want {
		t.Errorf("round trip: %s", again)
	}
	// A server may send them as numbers too.
	var n quotedLists
	if err := Unmarshal([]byte(`{"ids":[1,"2"],"counts":{"a":3}}`), &n); err != nil || len(n.IDs) != 2 || n.IDs[1] != 2 || n.Counts["a"] != 3 {
		t.Errorf("numbers: %+v %v", n, err)
	}
	// Strings that are not integers of the element's size are type errors.
	for _, in := range []string{`{"ids":["1.5"]}`, `{"ids":["x"]}`, `{"ids":["9223372036854775808"]}`, `{"opt":["-1"]}`, `{"ids":[" 1"]}`} {
		var x quotedLists
		var te *json.UnmarshalTypeError
		if err := Unmarshal([]byte(in), &x); !errors.As(err, &te) {
			t.Errorf("%s: error %v, want a type error", in, err)
		}
	}
}

// TestQuotedPlainIntegers: an integer field the document declares as
// "type: integer" decodes when the server quotes it (proto3 JSON quotes
// 64-bit integers; the etcd gateway does), whether required, in a list or
// in a map; a union's strict decode still refuses it, so a quoted number
// keeps choosing a string variant.
func TestQuotedPlainIntegers(t *testing.T) {
	var v struct {
		Rev   int64            `json:"rev"`
		Revs  []int64          `json:"revs"`
		ByKey map[string]uint8 `json:"by_key"`
	}
	if err := Unmarshal([]byte(`{"rev":"42","revs":["-1",2],"by_key":{"a":"255"}}`), &v); err != nil ||
		v.Rev != 42 || len(v.Revs) != 2 || v.Revs[0] != -1 || v.ByKey["a"] != 255 {
		t.Fatalf("%+v %v", v, err)
	}
	var te *json.UnmarshalTypeError
	if err := Unmarshal([]byte(`{"by_key":{"a":"256"}}`), &v); !errors.As(err, &te) {
		t.Errorf("overflow: %v", err)
	}
	d := decoder{data: []byte(`{"rev":"42"}`), strict: true}
	var s struct {
		Rev int64 `json:"rev"`
	}
	if err := d.run(reflect.ValueOf(&s).Elem(), codecOf(reflect.TypeOf(s))); err == nil {
		t.Errorf("strict decode accepted a quoted integer: %+v", s)
	}
}
