package idn

import (
	"strings"
	"testing"

	"golang.org/x/net/idna"
)

// Punycode against RFC 3492 §7.1's samples and x/net's IDNA: a non-ASCII
// host lower-cased first, as the proxy does (IDNA's lookup maps case), an
// ASCII one as it is. Without lower-casing, every label is what x/net's
// Punycode profile (no mapping) gives, as the cookie jar and net/http's
// jar want.
func TestToASCII(t *testing.T) {
	cases := map[string]string{
		"bücher.de":         "xn--bcher-kva.de",
		"MÜNCHEN.de":        "xn--mnchen-3ya.de",
		"例え.テスト":            "xn--r8jz45g.xn--zckzah",
		"правительство.рф":  "xn--80aealotwbjpid2k.xn--p1ai",
		"straße.de":         "xn--strae-oqa.de",
		"ليهمابتكلموشعربي؟": "xn--egbpdaj6bu4bxfgehfvwxn",
		"他们为什么不说中文":         "xn--ihqwcrb4cv8a8dqg056pqjye",
		"3年b組金八先生":          "xn--3b-ww4c5e180e575a65lsy2b",
		"api.example.com":   "api.example.com",
		"API.Example.com":   "API.Example.com",
		"ñandú.example.com": "xn--and-6ma2c.example.com",
		"αβγ.example":       "xn--mxacd.example",
		"😀.example":         "xn--e28h.example",
	}
	for in, want := range cases {
		input := in
		if !IsASCII(in) {
			input = strings.ToLower(in)
		}
		if got, ok := ToASCII(input); got != want || !ok {
			t.Errorf("ToASCII(%q) = %q, %v, want %q", input, got, ok, want)
		}
		labels := strings.Split(in, ".")
		for i, l := range labels {
			if p, err := idna.Punycode.ToASCII(l); err == nil {
				labels[i] = p
			}
		}
		if got, _ := ToASCII(in); got != strings.Join(labels, ".") {
			t.Errorf("ToASCII(%q) = %q, x/net's Punycode profile gives %q", in, got, strings.Join(labels, "."))
		}
		if !IsASCII(in) {
			if idn, err := idna.Lookup.ToASCII(in); err == nil && idn != want {
				t.Errorf("the case %q disagrees with x/net's IDNA: %q", in, idn)
			}
		}
	}
}
