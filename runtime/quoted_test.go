package runtime

import (
	"encoding/json"
	"testing"
)

type quotedMsg struct {
	Revision int64             `json:"revision,string"`
	Limit    Opt[int64]        `json:"limit,omitzero,string"`
	ID       Opt[uint64]       `json:"id,omitzero,string"`
	Lease    Nullable[int64]   `json:"lease,omitzero,string"`
	Small    Opt[int8]         `json:"small,omitzero,string"`
	Plain    Opt[int64]        `json:"plain,omitzero"`
	Name     Opt[string]       `json:"name,omitzero,string"`
	Extra    map[string]string `json:"-"`
}

func (v quotedMsg) MarshalJSON() ([]byte, error) {
	type plain quotedMsg
	return MarshalAdditional(plain(v), v.Extra)
}

func TestQuotedIntegers(t *testing.T) {
	v := quotedMsg{Revision: -5, Limit: Some[int64](10), ID: Some[uint64](18446744073709551615), Lease: Null[int64](),
		Small: Some[int8](-3), Plain: Some[int64](7), Extra: map[string]string{"x": "y"}}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"revision":"-5","limit":"10","id":"18446744073709551615","lease":null,"small":"-3","plain":7,"x":"y"}`
	if string(b) != want {
		t.Errorf("got  %s\nwant %s", b, want)
	}
	// The runtime's own codec gives the same bytes.
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

// The codec writes ",string" numbers quoted and reads them quoted or bare,
// for plain, Opt, Nullable and pointer fields, in structs that keep
// unknown members (no JSON methods involved).
func TestCodecQuotedNumbers(t *testing.T) {
	type msg struct {
		A int64                      `json:"a,string"`
		B Opt[int64]                 `json:"b,omitzero,string"`
		C Nullable[uint64]           `json:"c,omitzero,string"`
		D *int32                     `json:"d,omitempty,string"`
		E Opt[float64]               `json:"e,omitzero,string"`
		X map[string]json.RawMessage `genclient:"unknown" json:"-"`
	}
	d := int32(-7)
	in := msg{A: 9007199254740993, B: Some[int64](-42), C: Null[uint64](), D: &d, E: Some(1.5)}
	b, err := Marshal(in)
	if want := `{"a":"9007199254740993","b":"-42","c":null,"d":"-7","e":"1.5"}`; err != nil || string(b) != want {
		t.Fatalf("Marshal = %s, %v; want %s", b, err, want)
	}
	var out msg
	if err := Unmarshal([]byte(`{"a":"9007199254740993","b":"-42","c":"18446744073709551615","d":-7,"e":"1.5","z":1}`), &out); err != nil {
		t.Fatal(err)
	}
	if out.A != 9007199254740993 || out.B.Or(0) != -42 || out.C.Or(0) != 18446744073709551615 || out.D == nil || *out.D != -7 ||
		out.E.Or(0) != 1.5 || string(out.X["z"]) != "1" {
		t.Fatalf("Unmarshal = %+v", out)
	}
	for _, bad := range []string{`{"a":"ten"}`, `{"b":"4 2"}`, `{"c":"-1"}`, `{"a":"1e400"}`, `{"b":true}`} {
		var m msg
		if err := Unmarshal([]byte(bad), &m); err == nil {
			t.Errorf("Unmarshal(%s) accepted: %+v", bad, m)
		}
	}
}
