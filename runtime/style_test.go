package runtime

import (
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
)

// rgb is an object parameter as a generated struct: serialized by its
// JSON names in field order.
type rgb struct {
	R int `json:"R"`
	G int `json:"G"`
	B int `json:"B"`
}

var (
	styleString = "blue"
	styleArray  = []string{"blue", "black", "brown"}
	styleObject = rgb{100, 200, 150}
)

// TestStyleExamples is the "Style Examples" table of the OpenAPI
// specification (3.0.3 §4.7.12.4; 3.1 §4.8.12.4), for every style and
// explode value.
func TestStyleExamples(t *testing.T) {
	type row struct {
		style              string
		explode            bool
		str, array, object string
	}
	path := []row{
		{"simple", false, "blue", "blue,black,brown", "R,100,G,200,B,150"},
		{"simple", true, "blue", "blue,black,brown", "R=100,G=200,B=150"},
		{"label", false, ".blue", ".blue,black,brown", ".R,100,G,200,B,150"},
		{"label", true, ".blue", ".blue.black.brown", ".R=100.G=200.B=150"},
		{"matrix", false, ";color=blue", ";color=blue,black,brown", ";color=R,100,G,200,B,150"},
		{"matrix", true, ";color=blue", ";color=blue;color=black;color=brown", ";R=100;G=200;B=150"},
	}
	for _, r := range path {
		for i, v := range []any{styleString, styleArray, styleObject} {
			want := []string{r.str, r.array, r.object}[i]
			call := NewCall("GET", "/x/{color}", PathStyle("color", v, r.style, r.explode))
			if call.Err() != nil || call.Path != "/x/"+want {
				t.Errorf("path %s explode=%v %T: got %q (%v), want %q", r.style, r.explode, v, call.Path, call.Err(), "/x/"+want)
			}
		}
	}
	query := []row{
		{"form", false, "color=blue", "color=blue,black,brown", "color=R,100,G,200,B,150"},
		{"form", true, "color=blue", "color=blue&color=black&color=brown", "R=100&G=200&B=150"},
		{"spaceDelimited", false, "color=blue", "color=blue%20black%20brown", "color=R%20100%20G%20200%20B%20150"},
		{"spaceDelimited", true, "color=blue", "color=blue&color=black&color=brown", "R=100&G=200&B=150"},
		{"pipeDelimited", false, "color=blue", "color=blue|black|brown", "color=R|100|G|200|B|150"},
		{"pipeDelimited", true, "color=blue", "color=blue&color=black&color=brown", "R=100&G=200&B=150"},
		{"deepObject", true, "color=blue", "color[0]=blue&color[1]=black&color[2]=brown", "color[R]=100&color[G]=200&color[B]=150"},
	}
	for _, r := range query {
		for i, v := range []any{styleString, styleArray, styleObject} {
			want := []string{r.str, r.array, r.object}[i]
			call := NewCall("GET", "/x").AddQueryStyle("color", v, r.style, r.explode, false)
			if got := call.encodedQuery(); call.Err() != nil || got != want {
				t.Errorf("query %s explode=%v %T: got %q (%v), want %q", r.style, r.explode, v, got, call.Err(), want)
			}
		}
	}
	for _, r := range []row{
		{"simple", false, "blue", "blue,black,brown", "R,100,G,200,B,150"},
		{"simple", true, "blue", "blue,black,brown", "R=100,G=200,B=150"},
	} {
		for i, v := range []any{styleString, styleArray, styleObject} {
			want := []string{r.str, r.array, r.object}[i]
			call := NewCall("GET", "/x").SetHeaderStyle("X-Color", v, r.explode)
			if got := call.Header.Get("X-Color"); got != want {
				t.Errorf("header explode=%v %T: got %q, want %q", r.explode, v, got, want)
			}
		}
	}
	cookies := []struct {
		explode bool
		v       any
		want    string
	}{
		{false, styleString, "color=blue"},
		{true, styleString, "color=blue"},
		{false, styleArray, `color="blue,black,brown"`},
		{true, styleArray, "color=blue; color=black; color=brown"},
		{false, styleObject, `color="R,100,G,200,B,150"`},
		{true, styleObject, "R=100; G=200; B=150"},
	}
	for _, c := range cookies {
		call := NewCall("GET", "/x").AddCookieStyle("color", c.v, c.explode)
		if call.Err() != nil {
			t.Fatal(call.Err())
		}
		req, _ := http.NewRequest("GET", "http://h/", nil)
		for _, ck := range call.Cookies {
			req.AddCookie(ck)
		}
		if got := req.Header.Get("Cookie"); got != c.want {
			t.Errorf("cookie explode=%v %T: got %q, want %q", c.explode, c.v, got, c.want)
		}
	}
}

// TestCookieEscaping: bytes a cookie value cannot hold are
// percent-encoded, as the form style does and cookie parsers that decode
// (Express's, PHP's) read them; net/http would drop them silently (a JSON
// value lost its quotes). Plain values are sent as they are.
func TestCookieEscaping(t *testing.T) {
	tests := []struct {
		name string
		call *Call
		want string
	}{
		{"json", NewCall("GET", "/").AddCookieStyle("m", JSONParam(map[string]any{"a": "b c"}), true), `m={%22a%22:%22b%20c%22}`},
		{"token", NewCall("GET", "/").AddCookieStyle("t", "abc-1.2_x~!#$&'()*/:<=>?@[]^`{|}", false), "t=abc-1.2_x~!#$&'()*/:<=>?@[]^`{|}"},
		{"reserved", NewCall("GET", "/").AddCookieStyle("t", `a;b\c"d%e+f g`, false), `t=a%3Bb%5Cc%22d%25e%2Bf%20g`},
		{"non-ascii", NewCall("GET", "/").AddCookie("t", "€uro"), `t=%E2%82%ACuro`},
		{"list items", NewCall("GET", "/").AddCookie("t", []string{"a,b", "c"}), `t="a%2Cb,c"`},
		{"exploded", NewCall("GET", "/").AddCookieStyle("t", []string{"a b", "c"}, true), `t=a%20b; t=c`},
	}
	for _, tt := range tests {
		if tt.call.Err() != nil {
			t.Fatalf("%s: %v", tt.name, tt.call.Err())
		}
		req, _ := http.NewRequest("GET", "http://h/", nil)
		for _, ck := range tt.call.Cookies {
			req.AddCookie(ck)
		}
		if got := req.Header.Get("Cookie"); got != tt.want {
			t.Errorf("%s: Cookie %s, want %s", tt.name, got, tt.want)
		}
	}
	// The caller's slice is not changed.
	vals := []string{"a b"}
	NewCall("GET", "/").AddCookie("t", vals)
	if vals[0] != "a b" {
		t.Errorf("AddCookie changed its argument: %q", vals)
	}
}

func TestStyleEscaping(t *testing.T) {
	tests := []struct {
		name string
		call *Call
		want string
	}{
		{"path dot-dot", NewCall("GET", "/a/{x}/b", PathStyle("x", "..", "simple", false)), "/a/%2E%2E/b"},
		{"path slash", NewCall("GET", "/a/{x}", PathStyle("x", "../../admin", "simple", false)), "/a/..%2F..%2Fadmin"},
		{"label dot", NewCall("GET", "/a/{x}", PathStyle("x", ".", "label", false)), "/a/.%2E"},
		{"label empty", NewCall("GET", "/a/{x}", PathStyle("x", "", "label", false)), "/a/%2E"},
		{"matrix semicolon", NewCall("GET", "/a/{x}", PathStyle("x", "a;b=c", "matrix", false)), "/a/;x=a%3Bb%3Dc"},
		{"simple list comma", NewCall("GET", "/a/{x}", []string{"a,b", "c"}), "/a/a%2Cb,c"},
		{"simple object map", NewCall("GET", "/a/{x}", map[string]int{"b": 2, "a": 1}), "/a/a,1,b,2"},
	}
	for _, tt := range tests {
		if tt.call.Err() != nil || tt.call.Path != tt.want {
			t.Errorf("%s: got %q (%v), want %q", tt.name, tt.call.Path, tt.call.Err(), tt.want)
		}
	}
	if err := NewCall("GET", "/a/{x}", PathStyle("x", []string{}, "simple", false)).Err(); !errors.Is(err, ErrEmptyPathParam) {
		t.Errorf("empty list: %v", err)
	}
	if err := NewCall("GET", "/a/{x}", PathStyle("x", None[string](), "simple", false)).Err(); !errors.Is(err, ErrEmptyPathParam) {
		t.Errorf("absent: %v", err)
	}
	if err := NewCall("GET", "/a/{x}", PathStyle("x", "v", "form", false)).Err(); err == nil {
		t.Error("form accepted as a path style")
	}
	q := NewCall("GET", "/").
		AddQueryStyle("r", "a/b?c=d&e#f+g h", "form", true, true).
		AddQueryStyle("n", "a/b&c", "form", true, false).
		AddQueryStyle("absent", None[int](), "form", true, false).
		AddQueryStyle("f", JSONParam(map[string]any{"k": []int{1}}), "form", true, false).
		AddQueryStyle("g", JSONParam(Opt[int]{}), "form", true, false)
	if got, want := q.encodedQuery(), "r=a/b?c%3Dd%26e%23f%2Bg%20h&n=a%2Fb%26c&f=%7B%22k%22%3A%5B1%5D%7D"; got != want {
		t.Errorf("reserved and JSON: got %q, want %q", got, want)
	}
	if err := NewCall("GET", "/").AddQueryStyle("x", []int{1}, "matrix", false, false).Err(); err == nil {
		t.Error("matrix accepted as a query style")
	}
	deep := NewCall("GET", "/").AddQueryStyle("filter", map[string]any{"a": map[string]any{"b": 1}, "l": []string{"x", "y"}}, "deepObject", true, false)
	if got, want := deep.encodedQuery(), "filter[a][b]=1&filter[l][0]=x&filter[l][1]=y"; got != want {
		t.Errorf("nested deepObject: got %q, want %q", got, want)
	}
	if got := NewCall("GET", "/").AddQuery("a", 1).AddQueryStyle("b", []int{1, 2}, "pipeDelimited", false, false).String(); got != "GET /?a=1&b=1|2" {
		t.Errorf("String: %q", got)
	}
}

type stripeParams struct {
	Amount   int               `json:"amount"`
	Metadata map[string]string `json:"metadata,omitempty"`
	Expand   []string          `json:"expand,omitempty"`
	Shipping *struct {
		Name string `json:"name"`
	} `json:"shipping,omitempty"`
	Note Opt[string] `json:"note,omitzero"`
}

func TestFormOf(t *testing.T) {
	v := stripeParams{Amount: 2000, Metadata: map[string]string{"order": "6735", "a b": "c&d"}, Expand: []string{"customer", "invoice"}}
	v.Shipping = &struct {
		Name string `json:"name"`
	}{"Jenny Rosen"}
	b, err := FormOf(v, map[string]Encoding{
		"metadata": {Style: "deepObject", Explode: true},
		"shipping": {Style: "deepObject", Explode: true},
		"expand":   {Style: "deepObject", Explode: true},
	})
	if err != nil {
		t.Fatal(err)
	}
	rc, _ := b.Open()
	got, _ := io.ReadAll(rc)
	want := "amount=2000&metadata[a%20b]=c%26d&metadata[order]=6735&expand[0]=customer&expand[1]=invoice&shipping[name]=Jenny%20Rosen"
	if string(got) != want || b.ContentType() != "application/x-www-form-urlencoded" {
		t.Errorf("got %s\nwant %s", got, want)
	}
	b, err = FormOf(map[string]any{"doc": map[string]int{"x": 1}, "tags": []string{"a", "b"}}, map[string]Encoding{
		"doc": {ContentType: "application/json"}, "tags": {Style: "form", Explode: false},
	})
	if err != nil {
		t.Fatal(err)
	}
	rc, _ = b.Open()
	got, _ = io.ReadAll(rc)
	if want := "doc=%7B%22x%22%3A1%7D&tags=a,b"; string(got) != want {
		t.Errorf("got %s, want %s", got, want)
	}
	if _, err := FormOf([]int{1}, nil); err == nil {
		t.Error("a list accepted as a form body")
	}
	if err := NewCall("POST", "/").Form(func() {}, nil).Err(); err == nil {
		t.Error("a func accepted as a form body")
	}
	if c := NewCall("POST", "/").Form(stripeParams{}, nil); c.Err() != nil || c.Body == nil {
		t.Errorf("Form: %v", c.Err())
	}
}

func TestMultipartFile(t *testing.T) {
	pr, pw := io.Pipe()
	go func() { _, _ = pw.Write([]byte("streamed")); _ = pw.Close() }()
	m := NewMultipart().
		File("file", File{Name: "a.txt", ContentType: "text/plain", Body: pr}).
		File("absent", File{}).
		Files("more", []File{{Name: "b.bin", Body: strings.NewReader("bb")}}).
		Field("note", Some("hi")).
		Field("tags", []string{"x", "y"}).
		Field("meta", map[string]int{"n": 1}).
		Field("none", None[string]()).
		Field("empty", "").
		OptionalField("mode", testEnum("fast")).
		OptionalField("unset", testEnum("")).
		OptionalField("nil", nil)
	call := NewCall("POST", "/").Multipart(m)
	if call.Err() != nil {
		t.Fatal(call.Err())
	}
	if call.Body.Replayable() {
		t.Error("a body with a piped file is replayable")
	}
	rc, err := call.Body.Open()
	if err != nil {
		t.Fatal(err)
	}
	_, params, _ := mime.ParseMediaType(call.Body.ContentType())
	r := multipart.NewReader(rc, params["boundary"])
	var got []string
	for {
		p, err := r.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(p)
		got = append(got, p.FormName()+"|"+p.FileName()+"|"+p.Header.Get("Content-Type")+"|"+string(b))
	}
	want := []string{"file|a.txt|text/plain|streamed", "more|b.bin|application/octet-stream|bb", "note|||hi", "tags|||x", "tags|||y", `meta||application/json|{"n":1}`,
		"empty|||", "mode|||fast"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("parts:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if err := NewCall("POST", "/").Multipart(NewMultipart().Field("f", func() {})).Err(); err == nil {
		t.Error("a func accepted as a field")
	}
}

// testEnum is a string enum as generated code declares one.
type testEnum string
