package loader

import (
	"fmt"
	"html"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/genclient/genclient/ir"
)

// htmlTagRE finds the HTML tags htmlToDoc rewrites. Only these: a
// description also writes placeholders in angle brackets ("<owner>",
// "<currency>"), which stay as written.
var htmlTagRE = regexp.MustCompile(`(?i)<(/?)(p|br|a|ul|ol|li|code|pre|strong|b|em|i|u|s|del|span|div|h[1-6]|blockquote|tt|kbd|sup|sub|small)(\s[^<>]*)?\s*/?>`)

// hrefRE finds the href attribute of an <a> tag.
var hrefRE = regexp.MustCompile(`(?i)\bhref\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)`)

// htmlToDoc turns the HTML of a description (as Stripe's are written)
// into Go doc comment syntax: <p>, <div> and headings become paragraphs,
// <br> a line break, <ul> and <ol> lists "  - item" and "  1. item",
// <pre> a code block (indented), <code> backquotes, a link to an absolute
// URL a doc link ([text] with its definition "[text]: URL" at the end;
// text only for a relative URL, which go doc cannot link), and other
// inline tags (<strong>, <em>, ...) their text. Character references are
// decoded (&amp; → &, &#39; → '). Text without those tags or references
// is returned unchanged.
func htmlToDoc(s string) string {
	if !strings.Contains(s, "&") && !htmlTagRE.MatchString(s) {
		return s
	}
	var out strings.Builder
	type list struct {
		ordered bool
		n       int
	}
	var lists []list
	pre := 0
	type link struct {
		href  string
		start int
	}
	var links []link
	defs := map[string]string{} // lower-case text → URL
	var defOrder []string
	write := func(text string) {
		if pre > 0 {
			for i, l := range strings.Split(text, "\n") {
				if i > 0 {
					out.WriteString("\n\t")
				}
				out.WriteString(l)
			}
			return
		}
		out.WriteString(text)
	}
	para := func() { out.WriteString("\n\n") }
	last := 0
	for _, m := range htmlTagRE.FindAllStringSubmatchIndex(s, -1) {
		text := s[last:m[0]]
		last = m[1]
		if strings.TrimSpace(text) == "" && strings.Contains(text, "\n") && pre == 0 {
			text = "" // the layout of the HTML source
		}
		write(html.UnescapeString(text))
		closing := m[3] > m[2]
		tag := strings.ToLower(s[m[4]:m[5]])
		attrs := ""
		if m[6] >= 0 {
			attrs = s[m[6]:m[7]]
		}
		switch tag {
		case "p", "div", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6":
			if pre == 0 {
				para()
			}
		case "br":
			write("\n")
		case "ul", "ol":
			if closing {
				if len(lists) > 0 {
					lists = lists[:len(lists)-1]
				}
			} else {
				lists = append(lists, list{ordered: tag == "ol"})
			}
			para()
		case "li":
			if closing || len(lists) == 0 {
				break
			}
			l := &lists[len(lists)-1]
			l.n++
			out.WriteString("\n" + strings.Repeat("  ", len(lists)))
			if l.ordered {
				out.WriteString(strconv.Itoa(l.n) + ". ")
			} else {
				out.WriteString("- ")
			}
		case "pre":
			if closing {
				if pre > 0 {
					pre--
				}
				para()
			} else {
				para()
				out.WriteString("\t")
				pre++
			}
		case "code", "tt", "kbd":
			if pre == 0 {
				out.WriteString("`")
			}
		case "a":
			if !closing {
				href := ""
				if h := hrefRE.FindStringSubmatch(attrs); h != nil {
					href = html.UnescapeString(strings.Trim(h[1], `"'`))
				}
				links = append(links, link{href: href, start: out.Len()})
				break
			}
			if len(links) == 0 {
				break
			}
			l := links[len(links)-1]
			links = links[:len(links)-1]
			if u, err := url.Parse(l.href); err != nil || !u.IsAbs() || strings.ContainsAny(l.href, " \t\n") {
				break // text only
			}
			done := out.String()
			text := strings.Join(strings.Fields(done[l.start:]), " ")
			switch key := strings.ToLower(text); {
			case text == "":
				out.WriteString(l.href)
			case text == l.href || strings.ContainsAny(text, "[]`"):
				if text != l.href {
					out.WriteString(" (" + l.href + ")")
				}
			case defs[key] != "" && defs[key] != l.href:
				out.WriteString(" (" + l.href + ")")
			default:
				if defs[key] == "" {
					defs[key] = l.href
					defOrder = append(defOrder, text)
				}
				rest := done[l.start:]
				out.Reset()
				out.WriteString(done[:l.start] + "[" + strings.TrimSpace(rest) + "]")
			}
		}
	}
	write(html.UnescapeString(s[last:]))
	text := tidy(out.String())
	if len(defOrder) > 0 {
		var b strings.Builder
		b.WriteString(text)
		b.WriteString("\n")
		for _, t := range defOrder {
			fmt.Fprintf(&b, "\n[%s]: %s", t, defs[strings.ToLower(t)])
		}
		text = b.String()
	}
	return text
}

// tidy trims trailing space from lines and leading space from lines of
// prose, and keeps at most one blank line in a row and none at the ends.
func tidy(s string) string {
	lines := strings.Split(s, "\n")
	var out []string
	blank := false
	for _, l := range lines {
		l = strings.TrimRight(l, " \t")
		if !strings.HasPrefix(l, "\t") && !strings.HasPrefix(strings.TrimLeft(l, " "), "- ") && !isOrderedItem(strings.TrimLeft(l, " ")) {
			l = strings.TrimLeft(l, " ")
		}
		if l == "" || l == "\t" {
			blank = len(out) > 0
			continue
		}
		if blank {
			out = append(out, "")
			blank = false
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// isOrderedItem reports whether l starts like "1. ".
func isOrderedItem(l string) bool {
	i := 0
	for i < len(l) && l[i] >= '0' && l[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(l) && l[i] == '.' && l[i+1] == ' '
}

// docsToGo rewrites every documentation text of the API with htmlToDoc.
func (b *builder) docsToGo() {
	d := func(doc *ir.Doc) {
		doc.Summary = htmlToDoc(doc.Summary)
		doc.Description = htmlToDoc(doc.Description)
	}
	api := b.api
	d(&api.Doc)
	for _, s := range api.Servers {
		d(&s.Doc)
		for _, v := range s.Variables {
			d(&v.Doc)
		}
	}
	for _, s := range api.Schemes {
		d(&s.Doc)
	}
	ops := allOperations(api)
	for _, s := range api.Services {
		d(&s.Doc)
	}
	for _, o := range ops {
		d(&o.Doc)
		for _, p := range o.Params {
			d(&p.Doc)
		}
		if o.Body != nil {
			d(&o.Body.Doc)
		}
		for _, r := range o.Responses {
			d(&r.Doc)
			for _, h := range r.Headers {
				d(&h.Doc)
			}
		}
	}
	seen := map[*ir.Doc]bool{}
	for _, n := range api.Types {
		if !seen[&n.Doc] {
			seen[&n.Doc] = true
			d(&n.Doc)
		}
		switch t := n.Type.(type) {
		case *ir.Struct:
			for _, f := range t.Fields {
				if !seen[&f.Doc] {
					seen[&f.Doc] = true
					d(&f.Doc)
				}
			}
		case *ir.Enum:
			for _, v := range t.Values {
				if !seen[&v.Doc] {
					seen[&v.Doc] = true
					d(&v.Doc)
				}
			}
		}
	}
}

// allOperations lists the operations and webhooks of api.
func allOperations(api *ir.API) []*ir.Operation {
	var out []*ir.Operation
	for _, s := range api.Services {
		out = append(out, s.Operations...)
	}
	return append(out, api.Webhooks...)
}
