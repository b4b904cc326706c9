package loader

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// initialisms are words written in upper case in Go identifiers.
var initialisms = map[string]bool{
	"ACL": true, "API": true, "ASCII": true, "CPU": true, "CSS": true, "CSV": true, "DNS": true,
	"EOF": true, "GUID": true, "HTML": true, "HTTP": true, "HTTPS": true, "ID": true, "IP": true,
	"JSON": true, "JWT": true, "LHS": true, "OS": true, "QPS": true, "RAM": true, "RHS": true,
	"RPC": true, "SHA": true, "SLA": true, "SMTP": true, "SQL": true, "SSH": true, "SSL": true,
	"TCP": true, "TLS": true, "TTL": true, "UDP": true, "UI": true, "UID": true, "UUID": true,
	"URI": true, "URL": true, "UTF8": true, "VM": true, "VPC": true, "XML": true, "XMPP": true,
	"XSRF": true, "XSS": true,
}

// goKeywords and predeclared identifiers may not be used as names.
var goKeywords = map[string]bool{
	"break": true, "case": true, "chan": true, "const": true, "continue": true, "default": true,
	"defer": true, "else": true, "fallthrough": true, "for": true, "func": true, "go": true,
	"goto": true, "if": true, "import": true, "interface": true, "map": true, "package": true,
	"range": true, "return": true, "select": true, "struct": true, "switch": true, "type": true,
	"var": true,
}

var predeclared = map[string]bool{
	"any": true, "append": true, "bool": true, "byte": true, "cap": true, "clear": true,
	"close": true, "comparable": true, "complex": true, "complex128": true, "complex64": true,
	"copy": true, "delete": true, "error": true, "false": true, "float32": true, "float64": true,
	"imag": true, "int": true, "int16": true, "int32": true, "int64": true, "int8": true,
	"iota": true, "len": true, "make": true, "max": true, "min": true, "new": true, "nil": true,
	"panic": true, "print": true, "println": true, "real": true, "recover": true, "rune": true,
	"string": true, "true": true, "uint": true, "uint16": true, "uint32": true, "uint64": true,
	"uint8": true, "uintptr": true,
}

// argReserved are names the generator uses inside methods.
var argReserved = map[string]bool{
	"ctx": true, "opts": true, "params": true, "body": true, "call": true, "c": true, "s": true,
	"err": true, "resp": true, "runtime": true, "context": true, "http": true, "json": true,
	"time": true, "url": true, "io": true, "iter": true, "fmt": true, "errors": true, "strconv": true,
}

// methodNames are the names of methods the generator declares (JSON
// encoding, an enum's Valid) or may declare (String); a field may not be
// named like one, or a struct would have a field and a method of one name.
var methodNames = map[string]bool{
	"MarshalJSON": true, "UnmarshalJSON": true, "String": true, "Valid": true,
}

// words splits s into words at non-alphanumerics and case changes:
// "petId" → [pet Id], "HTMLURL" → [HTMLURL], "XMLHttp" → [XML Http].
func words(s string) []string {
	if isASCII(s) {
		return asciiWords(s)
	}
	return runeWords(s)
}

// runeWords is words for any s.
func runeWords(s string) []string {
	var out []string
	rs := []rune(s)
	start := -1
	for i, r := range rs {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			if start >= 0 {
				out = append(out, string(rs[start:i]))
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
			continue
		}
		prev := rs[i-1]
		lowerToUpper := unicode.IsUpper(r) && (unicode.IsLower(prev) || unicode.IsDigit(prev))
		acronymEnd := unicode.IsUpper(r) && unicode.IsUpper(prev) && i+1 < len(rs) && unicode.IsLower(rs[i+1])
		if lowerToUpper || acronymEnd {
			out = append(out, string(rs[start:i]))
			start = i
		}
	}
	if start >= 0 {
		out = append(out, string(rs[start:]))
	}
	return out
}

// asciiWords is words for an ASCII s (most names), whose words are
// substrings of s: no conversion to runes and back.
func asciiWords(s string) []string {
	out := make([]string, 0, 4)
	start := -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isASCIILetterOrDigit(c) {
			if start >= 0 {
				out = append(out, s[start:i])
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
			continue
		}
		prev := s[i-1]
		upper := 'A' <= c && c <= 'Z'
		lowerToUpper := upper && ('a' <= prev && prev <= 'z' || '0' <= prev && prev <= '9')
		acronymEnd := upper && 'A' <= prev && prev <= 'Z' && i+1 < len(s) && 'a' <= s[i+1] && s[i+1] <= 'z'
		if lowerToUpper || acronymEnd {
			out = append(out, s[start:i])
			start = i
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func isASCIILetterOrDigit(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// wordCase writes one word for an exported identifier.
func wordCase(w string) string {
	u := strings.ToUpper(w)
	if initialisms[u] {
		return u
	}
	if strings.HasSuffix(u, "S") && len(u) > 2 && initialisms[u[:len(u)-1]] {
		return u[:len(u)-1] + "s" // IDs, URLs
	}
	rs := []rune(w)
	if len(rs) > 1 && isAllUpper(w) {
		return string(rs[0]) + strings.ToLower(string(rs[1:]))
	}
	rs[0] = unicode.ToUpper(rs[0])
	return string(rs)
}

func isAllUpper(s string) bool {
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// pascal turns s into an exported Go identifier ("" if s has no letters or
// digits): "pet_id" → "PetID", "html_url" → "HTMLURL", "+1" → "Plus1".
// A leading digit gets the prefix "N", a leading letter that has no upper
// case ("ß", "ª", "名") the prefix "X": Go exports only names that start
// with an upper-case letter.
func pascal(s string) string {
	out := pascalWords(s)
	if out == "" {
		return ""
	}
	switch r, _ := utf8.DecodeRuneInString(out); {
	case unicode.IsDigit(r):
		out = "N" + out
	case !unicode.IsUpper(r):
		out = "X" + out
	}
	return out
}

// pascalWords joins the words of s in Go case, spelling a leading "+" as
// "Plus" and a leading "-" before a digit as "Minus"; the result may start
// with a digit.
func pascalWords(s string) string {
	var b strings.Builder
	switch {
	case strings.HasPrefix(s, "+"):
		b.WriteString("Plus")
	case strings.HasPrefix(s, "-") && len(s) > 1 && s[1] >= '0' && s[1] <= '9':
		b.WriteString("Minus")
	}
	for _, w := range words(s) {
		b.WriteString(wordCase(w))
	}
	return b.String()
}

// lowerCamel turns s into an unexported identifier: "pet_id" → "petID",
// "URL" → "url", "HTMLURL" → "htmlURL".
func lowerCamel(s string) string {
	ws := words(s)
	if len(ws) == 0 {
		return ""
	}
	var b strings.Builder
	for i, w := range ws {
		if i == 0 {
			b.WriteString(strings.ToLower(w))
			continue
		}
		b.WriteString(wordCase(w))
	}
	out := b.String()
	if r, _ := utf8.DecodeRuneInString(out); unicode.IsDigit(r) {
		out = "n" + out
	}
	return out
}

// namer hands out names unique within one scope. A name already taken gets
// the smallest numeric suffix from 2 up that makes it unique.
type namer struct {
	taken map[string]bool
}

func newNamer(reserved ...string) *namer {
	n := &namer{taken: map[string]bool{}}
	for _, r := range reserved {
		n.taken[r] = true
	}
	return n
}

// free reports whether name is not taken.
func (n *namer) free(name string) bool { return !n.taken[name] }

// reserve marks name as taken.
func (n *namer) reserve(name string) { n.taken[name] = true }

// name returns base if free, else base2, base3, ...; and marks it taken.
func (n *namer) name(base string) string {
	if !n.taken[base] {
		n.taken[base] = true
		return base
	}
	for i := 2; ; i++ {
		c := base + strconv.Itoa(i)
		if !n.taken[c] {
			n.taken[c] = true
			return c
		}
	}
}

// argName returns a method argument name for wire name w, unique in n and
// never a keyword, predeclared identifier or name the generator uses.
func (n *namer) argName(w string) string {
	base := lowerCamel(w)
	if base == "" {
		base = "arg"
	}
	for goKeywords[base] || predeclared[base] || argReserved[base] {
		base += "_"
	}
	return n.name(base)
}

// fieldName returns an exported field name for wire name w, unique in n.
// A leading "@" or "$" is dropped unless that collides, then spelled out.
// A name the generator declares a method by (methodNames) gets the suffix
// "Field": "MarshalJSON" → "MarshalJSONField".
func (n *namer) fieldName(w string) string {
	base := pascal(w)
	if base == "" {
		base = "Field"
	}
	if methodNames[base] {
		base += "Field"
	}
	if (strings.HasPrefix(w, "@") || strings.HasPrefix(w, "$")) && n.taken[base] {
		base = map[byte]string{'@': "At", '$': "Dollar"}[w[0]] + base
	}
	return n.name(base)
}
