package generator

import (
	doccomment "go/doc/comment"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/dave/jennifer/jen"

	"github.com/genclient/genclient/ir"
)

// comment renders paragraphs as one // comment block, empty paragraphs
// dropped, a blank // line between paragraphs. It returns nil when there
// is nothing to say.
//
//	// Pet is a pet.
//	//
//	// Deprecated: ...
func comment(paras ...string) *jen.Statement {
	text := commentText(paras...)
	if text == "" {
		return nil
	}
	return jen.Comment(text).Line()
}

// commentText is comment as text: "// "-prefixed lines, "" when empty.
func commentText(paras ...string) string {
	var lines []string
	for _, p := range paras {
		p = endSentence(cleanText(p))
		if p == "" {
			continue
		}
		if len(lines) > 0 {
			lines = append(lines, "//")
		}
		for _, l := range strings.Split(wrap(p, wrapWidth), "\n") {
			switch {
			case l == "":
				lines = append(lines, "//")
			case strings.HasPrefix(l, "\t"):
				lines = append(lines, "//"+l)
			default:
				lines = append(lines, "// "+l)
			}
		}
	}
	return canonicalComment(strings.Join(lines, "\n"))
}

// runOn appends the sentence s to the last paragraph of the
// documentation text when that paragraph is prose, else as a paragraph
// of its own: a parameter's one-line description and where it is sent
// take one comment line, not three.
func runOn(text, s string) string {
	text = endSentence(cleanText(text))
	if text == "" {
		return s
	}
	last := text[strings.LastIndex(text, "\n\n")+1:]
	prose := strings.HasSuffix(last, ".")
	for _, l := range strings.Split(strings.TrimPrefix(last, "\n"), "\n") {
		t := strings.TrimLeft(l, " \t")
		if t != l || strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "* ") || strings.HasPrefix(t, "#") || strings.HasPrefix(t, "+ ") || numbered(t) {
			prose = false
		}
	}
	if !prose {
		return text + "\n\n" + s
	}
	return text + " " + s
}

// numbered reports whether the line starts a numbered list item ("1. ",
// "2) ").
func numbered(l string) bool {
	i := 0
	for i < len(l) && l[i] >= '0' && l[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(l) && (l[i] == '.' || l[i] == ')') && l[i+1] == ' '
}

// canonicalComment returns the // comment text as gofmt leaves it: gofmt
// reformats doc comments with go/doc/comment, and one pass of that is not
// always final (a list item "  * x" becomes "  - x", then "   - x"; a
// loose list gains a blank line), so it is applied until nothing changes.
// The generated files are then gofmt-clean after the generator's own
// formatting, whatever the document's descriptions hold.
func canonicalComment(text string) string {
	for range 8 {
		if text == "" {
			break
		}
		next := reformatComment(text)
		if next == text {
			break
		}
		text = next
	}
	return text
}

// reformatComment is gofmt's doc comment pass (go/printer's
// formatDocComment) on a block of // lines.
func reformatComment(text string) string {
	var b strings.Builder
	for _, l := range strings.Split(text, "\n") {
		b.WriteString(strings.TrimPrefix(strings.TrimPrefix(l, "//"), " "))
		b.WriteByte('\n')
	}
	var p doccomment.Parser
	var pr doccomment.Printer
	out := strings.TrimSuffix(string(pr.Comment(p.Parse(b.String()))), "\n")
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		switch {
		case l == "":
			lines[i] = "//"
		case strings.HasPrefix(l, "\t"):
			lines[i] = "//" + l
		default:
			lines[i] = "// " + l
		}
	}
	return strings.Join(lines, "\n")
}

// endSentence adds a period to a paragraph of prose that ends in a letter
// or digit, so that it reads as a sentence and gofmt does not take a
// one-line paragraph for a heading. Code, lists, tables and doc link
// definitions are left alone.
func endSentence(p string) string {
	if p == "" {
		return p
	}
	last := p[strings.LastIndexByte(p, '\n')+1:]
	if strings.ContainsAny(last[:1], " \t-*+|#>") || strings.HasPrefix(p, "\t") || linkDefRE.MatchString(last) ||
		strings.HasPrefix(last, "Example: ") || strings.HasPrefix(last, "Default: ") {
		return p
	}
	r := p[len(p)-1]
	if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
		return p + "."
	}
	return p
}

// linkDefRE matches a doc link definition, "[text]: URL", which a period
// would break.
var linkDefRE = regexp.MustCompile(`^\[[^\]]+\]: \S+$`)

// cleanText normalises line ends, drops the characters dropInvisible
// drops, trims trailing space on each line and blank lines at both ends.
func cleanText(s string) string {
	s = dropInvisible(s)
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	return strings.Trim(strings.Join(lines, "\n"), "\n")
}

// dropInvisible removes from text taken from a document what Go source
// may not hold or should not show: NUL and the other control characters
// but tab, line feed and carriage return (the Go scanner rejects a NUL
// anywhere), byte-order marks (rejected anywhere but at the start of a
// file) and the bidirectional formatting marks that make code read
// differently from how it compiles. Invalid UTF-8 becomes U+FFFD.
func dropInvisible(s string) string {
	clean := true
	for _, r := range s {
		if invisible(r) || r == utf8.RuneError {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return strings.Map(func(r rune) rune {
		if invisible(r) {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

// invisible reports whether dropInvisible drops r.
func invisible(r rune) bool {
	switch {
	case r == '\t', r == '\n', r == '\r':
		return false
	case r < 0x20, r >= 0x7f && r < 0xa0: // C0 and C1 controls, DEL
		return true
	}
	switch r {
	case '\uFEFF', // byte-order mark, zero-width no-break space
		'\u061C', '\u200E', '\u200F', // bidi marks
		'\u202A', '\u202B', '\u202C', '\u202D', '\u202E', // bidi embeddings and overrides
		'\u2066', '\u2067', '\u2068', '\u2069': // bidi isolates
		return true
	}
	return false
}

// docParas returns the paragraphs of a declaration's comment: the summary
// led by the declared name, the description, then the Deprecated and
// external-docs paragraphs. what names the kind of element for the
// Deprecated paragraph ("operation", "type", "field").
func docParas(name string, d ir.Doc, what string) []string {
	var paras []string
	lead, rest := d.Summary, d.Description
	if lead == "" {
		lead, rest = firstPara(d.Description)
	}
	if lead != "" {
		paras = append(paras, leadWith(name, lead))
	}
	if rest != "" && cleanText(rest) != cleanText(lead) {
		paras = append(paras, rest)
	}
	if d.Deprecated {
		paras = append(paras, "Deprecated: the API marks this "+what+" as deprecated.")
	}
	if d.ExternalURL != "" {
		paras = append(paras, "See "+d.ExternalURL+".")
	}
	return paras
}

// firstPara splits the first paragraph off a description.
func firstPara(s string) (string, string) {
	s = cleanText(s)
	if i := strings.Index(s, "\n\n"); i >= 0 {
		return s[:i], strings.TrimLeft(s[i:], "\n")
	}
	return s, ""
}

// leadWith makes text the first sentence of name's doc comment. A
// summary that is a third-person verb phrase ("Returns all pets") reads
// as "FindPets returns all pets"; any other text is kept as written, led
// by the name only when it does not start with it already.
func leadWith(name, text string) string {
	text = cleanText(text)
	if after, ok := strings.CutPrefix(text, name+" "); ok {
		if second, _, _ := strings.Cut(after, " "); strings.HasSuffix(second, "s") || thirdPerson(name) == "" {
			return text // already "Name does X"
		}
	}
	first, rest, _ := strings.Cut(text, " ")
	if first == "" {
		return text
	}
	if thirdPersonVerb(strings.ToUpper(first[:1]) + first[1:]) {
		return name + " " + strings.ToLower(first[:1]) + text[1:]
	}
	if v := thirdPerson(first); v != "" && rest != "" {
		return name + " " + v + " " + rest
	}
	return text
}

// thirdPerson turns a capitalised imperative verb that starts a summary
// ("Add", "Find") into its third-person form ("adds", "finds"), or
// returns "" for any other word.
func thirdPerson(w string) string {
	switch w {
	case "Add", "Create", "Delete", "Remove", "Get", "List", "Update", "Find", "Place",
		"Upload", "Download", "Return", "Retrieve", "Fetch", "Set", "Send", "Replace",
		"Modify", "Check", "Start", "Stop", "Cancel", "Log", "Read", "Write", "Patch",
		"Put", "Post", "Edit", "Register", "Revoke", "Generate", "Search":
	default:
		return ""
	}
	w = strings.ToLower(w)
	switch {
	case strings.HasSuffix(w, "y"):
		return w[:len(w)-1] + "ies"
	case strings.HasSuffix(w, "ch"), strings.HasSuffix(w, "sh"), strings.HasSuffix(w, "s"), strings.HasSuffix(w, "x"):
		return w + "es"
	}
	return w + "s"
}

// wrapWidth is the width prose lines of comments are wrapped at.
const wrapWidth = 80

// wrap breaks the prose lines of p that are longer than width at spaces.
// Indented lines (code), list items, tables and headings are kept whole,
// and so is any word longer than the width, such as a URL.
func wrap(p string, width int) string {
	lines := strings.Split(p, "\n")
	var out []string
	for _, l := range lines {
		if len(l) <= width || strings.ContainsAny(l[:1], " \t-*+|#>") || isOrderedItem(l) {
			out = append(out, l)
			continue
		}
		cur := ""
		for _, w := range strings.Fields(l) {
			switch {
			case cur == "":
				cur = w
			case len(cur)+1+len(w) > width:
				out = append(out, cur)
				cur = w
			default:
				cur += " " + w
			}
		}
		out = append(out, cur)
	}
	return strings.Join(out, "\n")
}

// isOrderedItem reports whether l starts like "1. " or "2) ".
func isOrderedItem(l string) bool {
	i := 0
	for i < len(l) && l[i] >= '0' && l[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(l) && (l[i] == '.' || l[i] == ')') && l[i+1] == ' '
}

// thirdPersonVerb reports whether w is a capitalised verb like "Returns"
// or "Creates" that can follow a name as is.
func thirdPersonVerb(w string) bool {
	switch w {
	case "Returns", "Creates", "Deletes", "Updates", "Gets", "Lists", "Adds", "Removes",
		"Retrieves", "Fetches", "Finds", "Sets", "Sends", "Uploads", "Downloads",
		"Replaces", "Modifies", "Checks", "Starts", "Stops", "Cancels", "Searches",
		"Describes", "Represents", "Contains", "Holds", "Is", "Logs", "Places":
		return true
	}
	return false
}

// maxExample is the longest example (compact JSON) a comment quotes.
const maxExample = 200

// fieldNotes returns the extra lines of a field's comment: its default,
// example and direction.
func fieldNotes(f *ir.Field) string {
	var notes []string
	if f.Default != "" {
		notes = append(notes, "Default: "+f.Default)
	}
	if f.Example != "" && len(f.Example) <= maxExample {
		notes = append(notes, "Example: "+f.Example)
	}
	if f.Const != "" {
		notes = append(notes, "Always "+f.Const+".")
	}
	switch {
	case f.ReadOnly:
		notes = append(notes, "Read-only: set by the server in responses; not sent in requests by intent.")
	case f.WriteOnly:
		notes = append(notes, "Write-only: sent in requests; servers do not return it.")
	}
	return strings.Join(notes, "\n")
}
