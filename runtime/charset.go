package runtime

import (
	"mime"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
)

// decodeText decodes a text body to UTF-8 from the charset of
// contentType (WHATWG labels: "latin1" and "iso-8859-1" are
// windows-1252, as browsers read them), detecting it when none is given:
// a byte-order mark, then valid UTF-8, else windows-1252.
func decodeText(b string, contentType string) string {
	if enc, ok := bomEncoding(b); ok {
		return decodeWith(enc, b)
	}
	label := ""
	if contentType != "" {
		if _, params, err := mime.ParseMediaType(contentType); err == nil {
			label = strings.TrimSpace(params["charset"])
		}
	}
	if label == "" {
		if utf8.ValidString(b) {
			return b
		}
		return decodeWith(charmap.Windows1252, b)
	}
	enc, err := htmlindex.Get(label)
	if err != nil {
		return b // an unknown charset: the bytes as they are
	}
	if enc == unicode.UTF8 {
		return b
	}
	return decodeWith(enc, b)
}

// bomEncoding reads a UTF-8 or UTF-16 byte-order mark, which wins over
// any label (WHATWG "decode").
func bomEncoding(b string) (encoding.Encoding, bool) {
	switch {
	case strings.HasPrefix(b, "\xef\xbb\xbf"):
		return unicode.UTF8BOM, true
	case strings.HasPrefix(b, "\xfe\xff"):
		return unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), true
	case strings.HasPrefix(b, "\xff\xfe"):
		return unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), true
	}
	return nil, false
}

func decodeWith(enc encoding.Encoding, b string) string {
	out, err := enc.NewDecoder().String(b)
	if err != nil {
		return b
	}
	return out
}
