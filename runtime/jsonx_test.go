package runtime

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// Types shaped like generated ones: benchUser keeps unknown properties,
// benchUserPlain is the same without (loader.Options.DropUnknown).
type (
	benchUser struct {
		Login     string      `json:"login"`
		ID        int64       `json:"id"`
		NodeID    string      `json:"node_id"`
		AvatarURL string      `json:"avatar_url"`
		HTMLURL   string      `json:"html_url"`
		Type      string      `json:"type"`
		SiteAdmin bool        `json:"site_admin"`
		Name      Opt[string] `json:"name,omitzero"`
		Unknown   Unknown     `json:"-" genclient:"unknown"`
	}
	benchRepo struct {
		ID          int64            `json:"id"`
		Name        string           `json:"name"`
		FullName    string           `json:"full_name"`
		Private     bool             `json:"private"`
		Owner       benchUser        `json:"owner"`
		Description Nullable[string] `json:"description,omitzero"`
		Fork        bool             `json:"fork"`
		URL         string           `json:"url"`
		Topics      []string         `json:"topics,omitzero"`
		Stars       int              `json:"stargazers_count"`
		Unknown     Unknown          `json:"-" genclient:"unknown"`
	}
	benchUserPlain struct {
		Login     string      `json:"login"`
		ID        int64       `json:"id"`
		NodeID    string      `json:"node_id"`
		AvatarURL string      `json:"avatar_url"`
		HTMLURL   string      `json:"html_url"`
		Type      string      `json:"type"`
		SiteAdmin bool        `json:"site_admin"`
		Name      Opt[string] `json:"name,omitzero"`
	}
	benchRepoPlain struct {
		ID          int64            `json:"id"`
		Name        string           `json:"name"`
		FullName    string           `json:"full_name"`
		Private     bool             `json:"private"`
		Owner       benchUserPlain   `json:"owner"`
		Description Nullable[string] `json:"description,omitzero"`
		Fork        bool             `json:"fork"`
		URL         string           `json:"url"`
		Topics      []string         `json:"topics,omitzero"`
		Stars       int              `json:"stargazers_count"`
	}
)

// benchRepos is a page of n repositories as an API sends it: every
// property declared, or, with extra, two more per object that the
// client does not know.
func benchRepos(n int, extra bool) []byte {
	more := ""
	if extra {
		more = `,"new_flag":true,"new_obj":{"a":[1,2,3],"b":"c"}`
	}
	var b strings.Builder
	b.WriteByte('[')
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id":%d,"name":"repo%d","full_name":"octocat/repo%d","private":false,`+
			`"owner":{"login":"octocat","id":1,"node_id":"MDQ6VXNlcjE=","avatar_url":"https://avatars.example.com/u/1?v=4",`+
			`"html_url":"https://example.com/octocat","type":"User","site_admin":false,"name":"The Octocat"%s},`+
			`"description":"This is repository number %d, with a description of some length.","fork":false,`+
			`"url":"https://api.example.com/repos/octocat/repo%d","topics":["go","openapi","json"],"stargazers_count":%d%s}`,
			i, i, i, more, i, i, i*7, more)
	}
	b.WriteByte(']')
	return []byte(b.String())
}

func TestAdditionalNested(t *testing.T) {
	in := benchRepos(2, true)
	var repos []benchRepo
	if err := Unmarshal(in, &repos); err != nil {
		t.Fatal(err)
	}
	flag, _ := repos[1].Owner.Unknown.Get("new_flag")
	obj, _ := repos[0].Unknown.Get("new_obj")
	if len(repos) != 2 || repos[1].Owner.Login != "octocat" || string(flag) != "true" ||
		string(obj) != `{"a":[1,2,3],"b":"c"}` || repos[0].Unknown.Len() != 2 {
		t.Fatalf("%+v", repos)
	}
	out, err := Marshal(repos)
	if err != nil {
		t.Fatal(err)
	}
	var a, b any
	if json.Unmarshal(in, &a) != nil || json.Unmarshal(out, &b) != nil || fmt.Sprint(a) != fmt.Sprint(b) {
		t.Errorf("round trip differs:\n%s\n%s", in, out)
	}
}

// scalarInputs are JSON texts, valid and not, for decodeScalar.
var scalarInputs = []string{
	`"abc"`, `""`, `"a\"b"`, `"a\\b"`, `"é"`, `"a` + "\x01" + `"`, `"a"b"`, `"`, `"x`, `x"`,
	`true`, `false`, `tru`, `null`, `TRUE`,
	`0`, `-0`, `1`, `-1`, `01`, `+1`, `1.0`, `1e3`, `-`, `--1`, `1-`, ` 1`, `1 `,
	`2147483647`, `2147483648`, `-2147483648`, `-2147483649`,
	`9223372036854775807`, `9223372036854775808`, `-9223372036854775808`, `-9223372036854775809`,
	`99999999999999999999999`, `0.5`, `-0.5`, `.5`, `-.5`, `1.`, `1.e5`, `1e`, `1e+`, `1E-7`, `1.5e+300`,
	`1e400`, `0x10`, `Inf`, `NaN`, `1_0`, `00`, `0.0`, `[1]`, `{}`,
}

// checkScalar checks decodeScalar against json.Unmarshal on in: when it
// decodes, json.Unmarshal must accept in and give the same value; when it
// declines, the target must be unchanged.
func checkScalar[T comparable](t *testing.T, in string) {
	var fast, slow, zero T
	if !decodeScalar([]byte(in), &fast) {
		if fast != zero {
			t.Errorf("%T %q: declined but wrote %v", fast, in, fast)
		}
		return
	}
	if err := json.Unmarshal([]byte(in), &slow); err != nil {
		t.Errorf("%T %q: decoded %v where json.Unmarshal fails: %v", fast, in, fast, err)
	} else if fast != slow {
		t.Errorf("%T %q: decoded %v, json.Unmarshal %v", fast, in, fast, slow)
	}
}

func TestDecodeScalar(t *testing.T) {
	for _, in := range scalarInputs {
		checkScalar[string](t, in)
		checkScalar[bool](t, in)
		checkScalar[int](t, in)
		checkScalar[int32](t, in)
		checkScalar[int64](t, in)
		checkScalar[float64](t, in)
	}
	// The fast path is taken where it should be.
	var s string
	var n int64
	var i32 int32
	var f float64
	if !decodeScalar([]byte(`"plain"`), &s) || !decodeScalar([]byte(`-9223372036854775808`), &n) ||
		!decodeScalar([]byte(`-2147483648`), &i32) || !decodeScalar([]byte(`-1.5e-3`), &f) ||
		s != "plain" || n != -9223372036854775808 || i32 != -2147483648 || f != -1.5e-3 {
		t.Errorf("fast path not taken: %q %d %d %g", s, n, i32, f)
	}
	var u uint
	if decodeScalar([]byte(`1`), &u) {
		t.Error("an unsupported type decoded")
	}
	// Through Opt and Nullable: the fast path and the fallback agree.
	var o Opt[string]
	if err := json.Unmarshal([]byte(`"a\u00e9"`), &o); err != nil || o.Value() != "aé" {
		t.Errorf("escaped string: %v %v", o, err)
	}
	var nb Nullable[int32]
	if err := json.Unmarshal([]byte(`2147483648`), &nb); err == nil {
		t.Error("int32 overflow accepted")
	}
}

func FuzzDecodeScalar(f *testing.F) {
	for _, in := range scalarInputs {
		f.Add(in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		checkScalar[string](t, in)
		checkScalar[bool](t, in)
		checkScalar[int](t, in)
		checkScalar[int32](t, in)
		checkScalar[int64](t, in)
		checkScalar[float64](t, in)
	})
}
