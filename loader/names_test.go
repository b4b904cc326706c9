package loader

import (
	"go/token"
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
