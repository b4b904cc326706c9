package runtime

import (
	"errors"
	"mime"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding"
)

// WithCharsets decodes text responses (Text) in charsets beyond the
// built-in ones: lookup gives the encoding of a charset label. Built in
// are UTF-8, UTF-16 and windows-1252 under each of their WHATWG labels
// (latin1, iso-8859-1 and us-ascii among them, as browsers read them);
// golang.org/x/text/encoding/htmlindex.Get knows every other WHATWG
// label:
//
//	runtime.WithCharsets(htmlindex.Get)
//
// Without it, a body in another charset is returned as its bytes. The
// tables of every legacy charset weigh about 170 KB, which a program
// carries only when it asks for them this way.
func WithCharsets(lookup func(label string) (encoding.Encoding, error)) Option {
	return func(cfg *config) error {
		if lookup == nil {
			return errors.New("runtime: WithCharsets: nil lookup")
		}
		cfg.charsets = lookup
		return nil
	}
}

// decodeText decodes a text body to UTF-8 from the charset of
// contentType, detecting it when none is given: a byte-order mark, then
// valid UTF-8, else windows-1252 (WHATWG "decode").
func decodeText(b string, contentType string, lookup func(string) (encoding.Encoding, error)) string {
	if cs, ok := bomCharset(b); ok {
		return cs.decode(b)
	}
	label := ""
	if contentType != "" {
		if _, params, err := mime.ParseMediaType(contentType); err == nil {
			label = strings.ToLower(strings.Trim(params["charset"], " \t\n\f\r"))
		}
	}
	if label == "" {
		if utf8.ValidString(b) {
			return b
		}
		return csWindows1252.decode(b)
	}
	if cs, ok := builtinCharsets[label]; ok {
		return cs.decode(b)
	}
	if lookup == nil {
		return b
	}
	enc, err := lookup(label)
	if err != nil || enc == nil {
		return b // an unknown charset: the bytes as they are
	}
	out, err := enc.NewDecoder().String(b)
	if err != nil {
		return b
	}
	return out
}

type charset uint8

const (
	csUTF8    charset = iota // a label: the bytes as they are
	csUTF8BOM                // after a byte-order mark: invalid bytes replaced
	csUTF16LE
	csUTF16BE
	csWindows1252
)

// builtinCharsets are the WHATWG Encoding Standard's labels of the
// built-in charsets.
var builtinCharsets = map[string]charset{
	"unicode-1-1-utf-8": csUTF8, "unicode11utf8": csUTF8, "unicode20utf8": csUTF8,
	"utf-8": csUTF8, "utf8": csUTF8, "x-unicode20utf8": csUTF8,

	"csunicode": csUTF16LE, "iso-10646-ucs-2": csUTF16LE, "ucs-2": csUTF16LE, "unicode": csUTF16LE,
	"unicodefeff": csUTF16LE, "utf-16": csUTF16LE, "utf-16le": csUTF16LE,
	"unicodefffe": csUTF16BE, "utf-16be": csUTF16BE,

	"ansi_x3.4-1968": csWindows1252, "ascii": csWindows1252, "cp1252": csWindows1252, "cp819": csWindows1252,
	"csisolatin1": csWindows1252, "ibm819": csWindows1252, "iso-8859-1": csWindows1252, "iso-ir-100": csWindows1252,
	"iso8859-1": csWindows1252, "iso88591": csWindows1252, "iso_8859-1": csWindows1252, "iso_8859-1:1987": csWindows1252,
	"l1": csWindows1252, "latin1": csWindows1252, "us-ascii": csWindows1252, "windows-1252": csWindows1252,
	"x-cp1252": csWindows1252,
}

// bomCharset reads a UTF-8 or UTF-16 byte-order mark, which wins over
// any label (WHATWG "decode").
func bomCharset(b string) (charset, bool) {
	switch {
	case strings.HasPrefix(b, "\xef\xbb\xbf"):
		return csUTF8BOM, true
	case strings.HasPrefix(b, "\xfe\xff"):
		return csUTF16BE, true
	case strings.HasPrefix(b, "\xff\xfe"):
		return csUTF16LE, true
	}
	return 0, false
}

// cp1252 holds windows-1252's characters for 0x80 to 0x9f; the rest of
// the bytes are their own code points (ISO-8859-1).
var cp1252 = [32]rune{
	'€', 0x81, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0x8d, 'Ž', 0x8f,
	0x90, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0x9d, 'ž', 'Ÿ',
}

func (cs charset) decode(b string) string {
	if cs == csUTF8 {
		return b
	}
	var sb strings.Builder
	sb.Grow(len(b) + len(b)/4)
	switch cs {
	case csUTF8BOM:
		b = strings.TrimPrefix(b, "\xef\xbb\xbf")
		for len(b) > 0 {
			r, n := utf8.DecodeRuneInString(b)
			sb.WriteRune(r) // RuneError for each invalid byte
			b = b[n:]
		}
	case csUTF16LE, csUTF16BE:
		if cs == csUTF16LE {
			b = strings.TrimPrefix(b, "\xff\xfe")
		} else {
			b = strings.TrimPrefix(b, "\xfe\xff")
		}
		unit := func(i int) uint16 {
			if cs == csUTF16LE {
				return uint16(b[i]) | uint16(b[i+1])<<8
			}
			return uint16(b[i])<<8 | uint16(b[i+1])
		}
		i := 0
		for ; i+1 < len(b); i += 2 {
			u := unit(i)
			switch {
			case utf16.IsSurrogate(rune(u)) && u < 0xdc00 && i+3 < len(b):
				if r := utf16.DecodeRune(rune(u), rune(unit(i+2))); r != utf8.RuneError {
					sb.WriteRune(r)
					i += 2
					continue
				}
				sb.WriteRune(utf8.RuneError)
			case utf16.IsSurrogate(rune(u)):
				sb.WriteRune(utf8.RuneError)
			default:
				sb.WriteRune(rune(u))
			}
		}
		if i < len(b) {
			sb.WriteRune(utf8.RuneError) // an odd byte at the end
		}
	case csWindows1252:
		for i := 0; i < len(b); i++ {
			c := b[i]
			switch {
			case c < 0x80:
				sb.WriteByte(c)
			case c < 0xa0:
				sb.WriteRune(cp1252[c-0x80])
			default:
				sb.WriteRune(rune(c))
			}
		}
	}
	return sb.String()
}
