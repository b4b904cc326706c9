package runtime

import (
	"encoding/json"
	"testing"
	"time"
)

type color int

func (c color) String() string { return [...]string{"red", "green"}[c] }

type named string

func TestOptNullableDate(t *testing.T) {
	type body struct {
		A Opt[int]         `json:"a,omitzero"`
		B Opt[string]      `json:"b,omitzero"`
		C Nullable[int]    `json:"c,omitzero"`
		D Nullable[string] `json:"d,omitzero"`
		E Nullable[bool]   `json:"e,omitzero"`
		F Date             `json:"f,omitzero"`
		G Opt[[]Date]      `json:"g,omitzero"`
	}
	in := body{A: Some(0), C: Null[int](), D: NullableOf("x"), F: DateOf(time.Date(2024, 2, 29, 12, 0, 0, 0, time.UTC))}
	b, err := json.Marshal(in)
	if err != nil || string(b) != `{"a":0,"c":null,"d":"x","f":"2024-02-29"}` {
		t.Fatalf("%s %v", b, err)
	}
	var out body
	if err := json.Unmarshal([]byte(`{"a":5,"b":null,"c":null,"d":"y","f":"2024-01-02","g":["2024-01-03"]}`), &out); err != nil {
		t.Fatal(err)
	}
	if v, ok := out.A.Get(); !ok || v != 5 || out.B.IsSet() || !out.C.IsNull() || !out.C.IsSet() || out.D.Value() != "y" || out.E.IsSet() || out.F.String() != "2024-01-02" || len(out.G.Value()) != 1 {
		t.Errorf("%+v", out)
	}
	if out.A.Or(1) != 5 || None[int]().Or(1) != 1 || *out.A.Ptr() != 5 || None[int]().Ptr() != nil || out.A.String() != "5" || None[int]().String() != "<absent>" {
		t.Error("Opt accessors")
	}
	if out.C.Or(3) != 3 || out.D.Or("z") != "y" || out.C.String() != "null" || out.E.String() != "<absent>" || out.D.String() != "y" {
		t.Error("Nullable accessors")
	}
	if v, ok := out.D.Get(); !ok || v != "y" {
		t.Error("Nullable Get")
	}
	if b, _ := None[int]().MarshalJSON(); string(b) != "null" {
		t.Error("absent Opt JSON")
	}
	if b, _ := (Nullable[int]{}).MarshalJSON(); string(b) != "null" {
		t.Error("absent Nullable JSON")
	}
	for _, bad := range []string{`{"a":"x"}`, `{"c":"x"}`, `{"f":"2024-13-01"}`, `{"f":3}`} {
		if err := json.Unmarshal([]byte(bad), &out); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
	d, _ := ParseDate("2024-03-01")
	if d.In(time.UTC).Day() != 1 || (Date{}).IsZero() != true || d.IsZero() {
		t.Error("Date")
	}
}

// jsonScalar stands for a generated union: a struct whose MarshalJSON
// writes its variant.
type jsonScalar struct{ raw string }

func (j jsonScalar) MarshalJSON() ([]byte, error) { return []byte(j.raw), nil }

func TestFormatParam(t *testing.T) {
	ts := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	n := 3
	var np *int
	for _, tc := range []struct {
		in   any
		want string
		ok   bool
	}{
		{"s", "s", true}, {true, "true", true}, {7, "7", true}, {int32(-1), "-1", true}, {int64(9), "9", true},
		{float32(1.5), "1.5", true}, {2.25, "2.25", true}, {ts, "2024-01-02T03:04:05Z", true},
		{Date{2024, 1, 2}, "2024-01-02", true}, {[]byte("hi"), "aGk=", true}, {Some(4), "4", true},
		{None[int](), "", false}, {Null[int](), "", false}, {color(1), "green", true}, {&n, "3", true},
		{np, "", false}, {nil, "", false}, {named("x"), "x", true}, {uint8(8), "8", true}, {int8(-8), "-8", true},
		{float64(1e21), "1000000000000000000000", true}, {json.Number("12"), "12", true},
		// Opt and Nullable are told by their type, before their String method.
		{NullableOf(int64(5)), "5", true}, {Some(color(1)), "green", true}, {None[color](), "", false},
		{Some(ts), "2024-01-02T03:04:05Z", true}, {Some(&n), "3", true}, {Some(np), "", false},
	} {
		got, ok, err := FormatParam(tc.in)
		if err != nil || ok != tc.ok || got != tc.want {
			t.Errorf("%#v: %q %v %v", tc.in, got, ok, err)
		}
	}
	if _, _, err := FormatParam(struct{}{}); err == nil {
		t.Error("struct formatted")
	}
	// A union of scalars (generated: MarshalJSON on a struct) is its
	// variant's scalar; an object or array variant is not a parameter.
	for _, tc := range []struct {
		in       string
		want     string
		ok, fail bool
	}{
		{`5`, "5", true, false}, {`"a b"`, "a b", true, false}, {`true`, "true", true, false},
		{`null`, "", false, false}, {`{"x":1}`, "", false, true}, {`[1]`, "", false, true}, {`{`, "", false, true},
	} {
		got, ok, err := FormatParam(jsonScalar{tc.in})
		if got != tc.want || ok != tc.ok || (err != nil) != tc.fail {
			t.Errorf("union %s: %q %v %v", tc.in, got, ok, err)
		}
	}
	if c := NewCall("GET", "/{u}", jsonScalar{`"x/y"`}).SetHeader("X-U", []jsonScalar{{`1`}, {`"b"`}}).AddCookie("u", jsonScalar{`false`}); c.Err() != nil ||
		c.Path != "/x%2Fy" || c.Header.Get("X-U") != "1,b" || c.Cookies[0].Value != "false" {
		t.Errorf("unions in path, header and cookie: %+v %v", c, c.Err())
	}
	c := NewCall("GET", "/{a}/{b}", ".", "..").AddQuery("ids", []int{1, 2}).AddQuery("none", []int(nil)).
		AddQuery("opt", Some([]string{"a"})).SetHeader("X-L", []int{1, 2}).SetHeader("X-N", None[int]()).
		AddCookie("ck", []string{"a", "b"}).AddCookie("none", np).Require("ok", 1)
	if c.Err() != nil || c.Path != "/%2E/%2E%2E" || c.Query.Encode() != "ids=1&ids=2&opt=a" || c.Header.Get("X-L") != "1,2" || c.Header.Get("X-N") != "" || len(c.Cookies) != 1 || c.Cookies[0].Value != "a,b" {
		t.Errorf("%+v %v", c, c.Err())
	}
	for _, bad := range []*Call{
		NewCall("GET", "/").SetHeader("x", struct{}{}), NewCall("GET", "/").AddCookie("x", struct{}{}),
		NewCall("GET", "/{a}", []int{}), NewCall("GET", "/").AddQuery("x", []any{struct{}{}}),
		NewCall("GET", "/{a}", struct{}{}), NewCall("GET", "/").Require("m", map[string]int(nil)),
	} {
		if bad.Err() == nil {
			t.Errorf("%v accepted", bad)
		}
	}
	if got := (&Call{Method: "GET", Path: "/x", Header: map[string][]string{"Authorization": {"secret"}}}).String(); got != "GET /x headers=Authorization" {
		t.Errorf("String %q", got)
	}
	var nilCall *Call
	if nilCall.String() != "<nil Call>" {
		t.Error("nil String")
	}
}
