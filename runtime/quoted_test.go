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
