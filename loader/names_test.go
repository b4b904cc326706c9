package loader

import (
	"go/token"
	"slices"
	"testing"
)

// Names from any input are Go identifiers; exported ones start with an
// upper-case letter even when the input's first letter has none.
func TestNamesFromAnyInput(t *testing.T) {
	for _, tt := range []struct{ in, pascal, lower string }{
		{"\ufeffname", "Name", "name"},
		{"na\u200bme", "NaMe", "naMe"},
		{"\u202ename\u202c", "Name", "name"},
		{"a\x00b\x01c", "ABC", "aBC"},
		{"ß", "Xß", "ß"},
		{"ßeta", "Xßeta", "ßeta"},
		{"ªb", "Xªb", "ªb"},
		{"名前", "X名前", "名前"},
		{"émile", "Émile", "émile"},
		{"٣x", "N٣x", "n٣x"}, // an Arabic-Indic digit first
		{"!!!", "", ""},
		{"\ufeff", "", ""},
	} {
		got := pascal(tt.in)
		if got != tt.pascal {
			t.Errorf("pascal(%q) = %q, want %q", tt.in, got, tt.pascal)
		}
		if got != "" && (!token.IsIdentifier(got) || !token.IsExported(got)) {
			t.Errorf("pascal(%q) = %q is not an exported identifier", tt.in, got)
		}
		low := lowerCamel(tt.in)
		if low != tt.lower {
			t.Errorf("lowerCamel(%q) = %q, want %q", tt.in, low, tt.lower)
		}
		if low != "" && !token.IsIdentifier(low) {
			t.Errorf("lowerCamel(%q) = %q is not an identifier", tt.in, low)
		}
	}
}

// Field names never take the name of a method the generator declares,
// and names that differ only by invisible characters stay distinct.
func TestFieldNamesReserved(t *testing.T) {
	nm := newNamer()
	for _, tt := range []struct{ wire, want string }{
		{"MarshalJSON", "MarshalJSONField"},
		{"UnmarshalJSON", "UnmarshalJSONField"},
		{"String", "StringField"},
		{"valid", "ValidField"},
		{"raw", "Raw"},
		{"error", "Error"},
		{"name", "Name"},
		{"\ufeffname", "Name2"},
		{"na\u200bme", "NaMe"},
		{"!!!", "Field"},
		{"???", "Field2"},
		{"ß", "Xß"},
	} {
		if got := nm.fieldName(tt.wire); got != tt.want {
			t.Errorf("fieldName(%q) = %q, want %q", tt.wire, got, tt.want)
		}
	}
	args := newNamer()
	for _, tt := range []struct{ wire, want string }{
		{"!!!", "arg"}, {"\ufeff", "arg2"}, {"ß", "ß"}, {"名前", "名前"}, {"\ufeffq", "q"}, {"q", "q2"},
	} {
		if got := args.argName(tt.wire); got != tt.want {
			t.Errorf("argName(%q) = %q, want %q", tt.wire, got, tt.want)
		}
	}
}

// TestASCIIWords: the words of an ASCII string are those the rune-wise
// split gives, for every string of up to five characters of a set that
// takes in every case (lower, upper, digit, separators).
func TestASCIIWords(t *testing.T) {
	const chars = "aAzZ09m_-."
	var gen func(prefix string, n int)
	checked := 0
	gen = func(prefix string, n int) {
		if got, want := asciiWords(prefix), runeWords(prefix); !slices.Equal(got, want) || (got == nil) != (want == nil) {
			t.Fatalf("asciiWords(%q) = %q, want %q", prefix, got, want)
		}
		checked++
		if n == 0 {
			return
		}
		for i := range len(chars) {
			gen(prefix+chars[i:i+1], n-1)
		}
	}
	gen("", 5)
	for _, s := range []string{"getHTTPResponseCode", "IPv4Address", "x-ms-enum", "OData.nextLink", "microsoft.graph.user", "A1b2C3", "ALLCAPS", "snake_case_name"} {
		if got, want := asciiWords(s), runeWords(s); !slices.Equal(got, want) {
			t.Errorf("asciiWords(%q) = %q, want %q", s, got, want)
		}
	}
	if checked < 60000 {
		t.Fatalf("checked %d strings", checked)
	}
}
