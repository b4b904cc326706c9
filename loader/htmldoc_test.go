package loader

import "testing"

func TestHTMLToDoc(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain <owner>/<repo> & text", "plain <owner>/<repo> & text"},
		{"<p>Creates a customer.</p><p>See <a href=\"https://stripe.com/docs/api\">the API</a>.</p>",
			"Creates a customer.\n\nSee [the API].\n\n[the API]: https://stripe.com/docs/api"},
		{"<p>Use <code>expand[]</code> &amp; more&#39;s.</p>", "Use `expand[]` & more's."},
		{"Either:<ul><li>one</li><li>two <strong>bold</strong></li></ul>Done.", "Either:\n\n  - one\n  - two bold\n\nDone."},
		{"Steps<ol><li>a</li><li>b</li></ol>", "Steps\n\n  1. a\n  2. b"},
		{"Read <a href=\"/docs/expand\">expanding</a> first.", "Read expanding first."},
		{"Code:<pre>x := 1\ny := 2</pre>after", "Code:\n\n\tx := 1\n\ty := 2\n\nafter"},
		{"one<br>two", "one\ntwo"},
		{"<a href=\"https://a.example\">x</a> and <a href=\"https://b.example\">x</a>",
			"[x] and x (https://b.example)\n\n[x]: https://a.example"},
		{"Amount in <currency>, &lt;p&gt; stays text", "Amount in <currency>, <p> stays text"},
	} {
		if got := htmlToDoc(tc.in); got != tc.want {
			t.Errorf("htmlToDoc(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}
