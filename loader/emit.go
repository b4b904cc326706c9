package loader

import (
	"bytes"
	"math"
	"strconv"
	"unicode/utf8"

	yaml "github.com/oasdiff/yaml3"
)

// writeJSON writes the value n as JSON. YAML scalars are typed by their
// resolved tag; keys are always strings; aliases are followed and merge keys
// ("<<") expanded.
func writeJSON(b *bytes.Buffer, n *yaml.Node) {
	n = deref(n)
	if n == nil {
		b.WriteString("null")
		return
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) > 0 {
			writeJSON(b, n.Content[0])
			return
		}
		b.WriteString("null")
	case yaml.MappingNode:
		b.WriteByte('{')
		first := true
		writeMapping(b, n, &first)
		b.WriteByte('}')
	case yaml.SequenceNode:
		b.WriteByte('[')
		for i, c := range n.Content {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSON(b, c)
		}
		b.WriteByte(']')
	default:
		writeScalar(b, n)
	}
}

// writeMapping writes the members of mapping n, without braces.
func writeMapping(b *bytes.Buffer, n *yaml.Node, first *bool) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := deref(n.Content[i]), n.Content[i+1]
		if k.Value == "<<" && k.Style == 0 && k.ShortTag() == "!!merge" {
			for _, m := range mergeSources(v) {
				writeMapping(b, m, first)
			}
			continue
		}
		if !*first {
			b.WriteByte(',')
		}
		*first = false
		writeString(b, k.Value)
		b.WriteByte(':')
		writeJSON(b, v)
	}
}

// mergeSources returns the mappings a YAML merge key refers to.
func mergeSources(v *yaml.Node) []*yaml.Node {
	v = deref(v)
	if v.Kind == yaml.MappingNode {
		return []*yaml.Node{v}
	}
	var out []*yaml.Node
	for _, c := range v.Content {
		if c = deref(c); c.Kind == yaml.MappingNode {
			out = append(out, c)
		}
	}
	return out
}

func writeScalar(b *bytes.Buffer, n *yaml.Node) {
	switch n.ShortTag() {
	case "!!null":
		b.WriteString("null")
	case "!!bool":
		if v, err := strconv.ParseBool(n.Value); err == nil {
			b.WriteString(strconv.FormatBool(v))
			return
		}
		writeString(b, n.Value)
	case "!!int":
		if n.Style == yaml.DoubleQuotedStyle || isPlainDecimal(n.Value) {
			b.WriteString(n.Value)
			return
		}
		if v, err := strconv.ParseInt(n.Value, 0, 64); err == nil {
			b.WriteString(strconv.FormatInt(v, 10))
			return
		}
		writeString(b, n.Value)
	case "!!float":
		v, err := strconv.ParseFloat(n.Value, 64)
		if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
			writeString(b, n.Value)
			return
		}
		if n.Style == yaml.DoubleQuotedStyle {
			b.WriteString(n.Value)
			return
		}
		b.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
	default:
		writeString(b, n.Value)
	}
}

// isPlainDecimal reports whether s is an integer JSON accepts as written.
func isPlainDecimal(s string) bool {
	if s == "" {
		return false
	}
	if s[0] == '-' {
		s = s[1:]
	}
	if s == "" || (len(s) > 1 && s[0] == '0') {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

const hexDigits = "0123456789abcdef"

// writeString writes s as a JSON string.
func writeString(b *bytes.Buffer, s string) {
	b.WriteByte('"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				b.WriteString(s[start:i])
				b.WriteString(`\ufffd`)
				i++
				start = i
				continue
			}
			i += size
			continue
		}
		b.WriteString(s[start:i])
		switch c {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		default:
			b.WriteString(`\u00`)
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&0xF])
		}
		i++
		start = i
	}
	b.WriteString(s[start:])
	b.WriteByte('"')
}
