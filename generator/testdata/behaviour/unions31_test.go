package unions31

// Copied next to the generated unions31 client by TestGolden.

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestDiscriminatorFromVariantConst(t *testing.T) {
	for _, tc := range []struct {
		in   string
		pick func(OutputItem) bool
	}{
		{`{"type":"message","text":"hi"}`, func(u OutputItem) bool { return u.OutputMessage != nil && u.OutputMessage.Text == "hi" }},
		{`{"type":"function_call","name":"f"}`, func(u OutputItem) bool { return u.FunctionCall != nil && u.FunctionCall.Name == "f" }},
		{`{"type":"reasoning","summary":"s"}`, func(u OutputItem) bool { return u.Reasoning != nil && u.Reasoning.Summary.Value() == "s" }},
	} {
		var u OutputItem
		if err := json.Unmarshal([]byte(tc.in), &u); err != nil || !tc.pick(u) {
			t.Errorf("%s: decoded %+v (%v)", tc.in, u, err)
		}
		if _, unknown := u.Unknown(); unknown {
			t.Errorf("%s: reported unknown", tc.in)
		}
	}
}

func TestUnknownTagKept(t *testing.T) {
	in := `{ "type" : "web_search_call", "id": 1 }`
	var u OutputItem
	if err := json.Unmarshal([]byte(in), &u); err != nil {
		t.Fatal(err)
	}
	tag, ok := u.Unknown()
	if !ok || tag != "web_search_call" || u.OutputMessage != nil || u.FunctionCall != nil || u.Reasoning != nil {
		t.Errorf("Unknown() = %q, %v; %+v", tag, ok, u)
	}
	out, err := u.MarshalJSON()
	if err != nil || string(out) != in {
		t.Errorf("re-encoded %s (%v), want %s", out, err, in)
	}
}

func TestMarshalFillsTagAndChecksVariants(t *testing.T) {
	b, err := json.Marshal(NewOutputItemOutputMessage(OutputMessage{Text: "hi"}))
	if err != nil || string(b) != `{"type":"message","text":"hi"}` {
		t.Errorf("message: %s (%v)", b, err)
	}
	b, err = json.Marshal(NewOutputItemFunctionCall(FunctionCall{Name: "f"}))
	if err != nil || string(b) != `{"type":"function_call","name":"f"}` {
		t.Errorf("function call: %s (%v)", b, err)
	}
	b, err = json.Marshal(NewOutputItemReasoning(Reasoning{}))
	if err != nil || string(b) != `{"type":"reasoning"}` {
		t.Errorf("reasoning: %s (%v)", b, err)
	}
	if _, err := json.Marshal(OutputItem{}); err == nil || !strings.Contains(err.Error(), "no variant set") {
		t.Errorf("zero variants: %v", err)
	}
	two := OutputItem{OutputMessage: &OutputMessage{}, FunctionCall: &FunctionCall{}}
	if _, err := json.Marshal(two); err == nil || !strings.Contains(err.Error(), "2 variants set") {
		t.Errorf("two variants: %v", err)
	}
}

func TestConstOneOfIsEnum(t *testing.T) {
	var l Level = LevelVerbose
	if l != 1 || LevelDefault != 0 || LevelQuiet != 2 || !l.Valid() || Level(7).Valid() {
		t.Errorf("level constants: %v %v %v", LevelDefault, LevelVerbose, LevelQuiet)
	}
	if ColorRed != "#f00" || ColorGreen != "#0f0" {
		t.Errorf("x-enum-varnames: %q %q", ColorRed, ColorGreen)
	}
}
