package runtime

import (
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"
)

// Link is one link of an RFC 8288 Link header field, for one relation
// type: an element with rel="next last" gives two Links.
type Link struct {
	URL *url.URL // the target, resolved against the base URL
	Rel string   // one relation type, lower case; "" when the element has no rel
	// Anchor is the link's context when the element has an anchor
	// parameter (resolved against the base URL), else nil: the context is
	// the response's own URL.
	Anchor   *url.URL
	Title    string   // title* (RFC 8187) when present and decodable, else title
	Type     string   // the type parameter
	HrefLang []string // every hreflang parameter
	// Params holds every parameter by lower-case name, first occurrence
	// first; a parameter without a value maps to "".
	Params map[string][]string
}

// ParseLinks parses Link header field values (all lines of the field, as
// h.Values("Link") returns them) with the RFC 8288 grammar: commas and
// semicolons inside <...> or quoted strings are data, parameter names are
// case-insensitive, only the first rel counts, and a malformed element is
// skipped without losing the ones after it. Relative targets resolve
// against base, the URL of the response (after redirects); base may be
// nil.
func ParseLinks(base *url.URL, values ...string) []Link {
	var out []Link
	p := linkParser{s: strings.Join(values, ",")}
	for {
		target, params, ok, more := p.next()
		if ok {
			out = appendLinks(out, base, target, params)
		}
		if !more {
			return out
		}
	}
}

// NextLink returns the target of the Link header's rel="next" link whose
// context is the response itself (no anchor, or an anchor equal to base).
//
// For generated code.
func NextLink(h http.Header, base *url.URL) (*url.URL, bool) {
	vals := h.Values("Link")
	if len(vals) == 0 {
		return nil, false
	}
	for _, l := range ParseLinks(base, vals...) {
		if l.Rel == "next" && (l.Anchor == nil || base == nil || l.Anchor.String() == base.String()) {
			return l.URL, true
		}
	}
	return nil, false
}

type linkParam struct{ name, value string }

type linkParser struct {
	s string
	i int
}

func (p *linkParser) ows() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t') {
		p.i++
	}
}

// resync skips a malformed element: up to the next top-level comma
// (consumed) or the next '<' (kept, it starts a new element).
func (p *linkParser) resync() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ',':
			p.i++
			return
		case '<':
			return
		case '"':
			p.quoted()
			continue
		}
		p.i++
	}
}

// quoted reads a quoted-string starting at '"' and returns its value.
func (p *linkParser) quoted() string {
	p.i++ // opening quote
	var b strings.Builder
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '\\' && p.i+1 < len(p.s):
			b.WriteByte(p.s[p.i+1])
			p.i += 2
		case c == '"':
			p.i++
			return b.String()
		default:
			b.WriteByte(c)
			p.i++
		}
	}
	return b.String()
}

func isTchar(c byte) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return true
	}
	return strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
}

// next parses one element. ok reports a well-formed element; more
// reports whether input remains.
func (p *linkParser) next() (target string, params []linkParam, ok, more bool) {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t' || p.s[p.i] == ',') {
		p.i++
	}
	if p.i >= len(p.s) {
		return "", nil, false, false
	}
	if p.s[p.i] != '<' {
		p.resync()
		return "", nil, false, true
	}
	start := p.i + 1
	for j := start; ; j++ {
		if j >= len(p.s) {
			p.i = j
			return "", nil, false, false
		}
		c := p.s[j]
		if c == '>' {
			target, p.i = p.s[start:j], j+1
			break
		}
		if c == '<' {
			p.i = j
			return "", nil, false, true
		}
		if c == '"' || c == ' ' || c == '\t' {
			p.i = j
			p.resync()
			return "", nil, false, true
		}
	}
	for {
		p.ows()
		if p.i >= len(p.s) {
			return target, params, true, false
		}
		switch p.s[p.i] {
		case ',':
			p.i++
			return target, params, true, true
		case ';':
			p.i++
		default:
			p.resync()
			return "", nil, false, true
		}
		p.ows()
		n := p.i
		for p.i < len(p.s) && isTchar(p.s[p.i]) {
			p.i++
		}
		name := strings.ToLower(p.s[n:p.i])
		p.ows()
		value := ""
		if p.i < len(p.s) && p.s[p.i] == '=' {
			p.i++
			p.ows()
			if p.i < len(p.s) && p.s[p.i] == '"' {
				value = p.quoted()
			} else {
				v := p.i
				for p.i < len(p.s) && !strings.ContainsRune(";, \t\"<", rune(p.s[p.i])) {
					p.i++
				}
				value = p.s[v:p.i]
			}
		}
		if name == "" {
			if value != "" {
				p.resync()
				return "", nil, false, true
			}
			continue // a stray ';'
		}
		params = append(params, linkParam{name, value})
	}
}

func appendLinks(out []Link, base *url.URL, target string, params []linkParam) []Link {
	u, err := resolve(base, target)
	if err != nil {
		return out
	}
	l := Link{URL: u, Params: map[string][]string{}}
	var rel, title, titleStar string
	var hasRel, hasTitleStar bool
	for _, pr := range params {
		l.Params[pr.name] = append(l.Params[pr.name], pr.value)
		switch pr.name {
		case "rel":
			if !hasRel {
				rel, hasRel = pr.value, true
			}
		case "anchor":
			if l.Anchor == nil {
				if a, err := resolve(base, pr.value); err == nil {
					l.Anchor = a
				}
			}
		case "title":
			if title == "" {
				title = pr.value
			}
		case "title*":
			if v, ok := decodeExtValue(pr.value); ok && !hasTitleStar {
				titleStar, hasTitleStar = v, true
			}
		case "type":
			if l.Type == "" {
				l.Type = pr.value
			}
		case "hreflang":
			l.HrefLang = append(l.HrefLang, pr.value)
		}
	}
	l.Title = title
	if hasTitleStar {
		l.Title = titleStar
	}
	rels := strings.Fields(rel)
	if len(rels) == 0 {
		return append(out, l)
	}
	for _, r := range rels {
		c := l
		c.Rel = strings.ToLower(r)
		out = append(out, c)
	}
	return out
}

func resolve(base *url.URL, ref string) (*url.URL, error) {
	if base == nil {
		return url.Parse(ref)
	}
	return base.Parse(ref)
}

// decodeExtValue decodes an RFC 8187 ext-value: charset'lang'pct-encoded.
func decodeExtValue(v string) (string, bool) {
	charset, rest, ok := strings.Cut(v, "'")
	if !ok {
		return "", false
	}
	_, enc, ok := strings.Cut(rest, "'")
	if !ok {
		return "", false
	}
	raw, err := url.PathUnescape(enc)
	if err != nil {
		return "", false
	}
	switch strings.ToLower(charset) {
	case "utf-8":
		if !utf8.ValidString(raw) {
			return "", false
		}
		return raw, true
	case "iso-8859-1":
		r := make([]rune, 0, len(raw))
		for i := 0; i < len(raw); i++ {
			r = append(r, rune(raw[i]))
		}
		return string(r), true
	}
	return "", false
}
