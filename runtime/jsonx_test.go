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
		Login     string                     `json:"login"`
		ID        int64                      `json:"id"`
		NodeID    string                     `json:"node_id"`
		AvatarURL string                     `json:"avatar_url"`
		HTMLURL   string                     `json:"html_url"`
		Type      string                     `json:"type"`
		SiteAdmin bool                       `json:"site_admin"`
		Name      Opt[string]                `json:"name,omitzero"`
		Unknown   map[string]json.RawMessage `json:"-" genclient:"unknown"`
	}
	benchRepo struct {
		ID          int64                      `json:"id"`
		Name        string                     `json:"name"`
		FullName    string                     `json:"full_name"`
		Private     bool                       `json:"private"`
		Owner       benchUser                  `json:"owner"`
		Description Nullable[string]           `json:"description,omitzero"`
		Fork        bool                       `json:"fork"`
		URL         string                     `json:"url"`
		Topics      []string                   `json:"topics,omitzero"`
		Stars       int                        `json:"stargazers_count"`
		Unknown     map[string]json.RawMessage `json:"-" genclient:"unknown"`
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

func (v benchUser) MarshalJSON() ([]byte, error) {
	type plain benchUser
	return MarshalAdditional(plain(v), v.Unknown)
}

func (v *benchUser) UnmarshalJSON(b []byte) error {
	type plain benchUser
	return UnmarshalAdditional(b, (*plain)(v), &v.Unknown)
}

func (v benchRepo) MarshalJSON() ([]byte, error) {
	type plain benchRepo
	return MarshalAdditional(plain(v), v.Unknown)
}

func (v *benchRepo) UnmarshalJSON(b []byte) error {
	type plain benchRepo
	return UnmarshalAdditional(b, (*plain)(v), &v.Unknown)
}

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
	if err := json.Unmarshal(in, &repos); err != nil {
		t.Fatal(err)
	}
	if len(repos) != 2 || repos[1].Owner.Login != "octocat" || string(repos[1].Owner.Unknown["new_flag"]) != "true" ||
		string(repos[0].Unknown["new_obj"]) != `{"a":[1,2,3],"b":"c"}` || len(repos[0].Unknown) != 2 {
		t.Fatalf("%+v", repos)
	}
	out, err := json.Marshal(repos)
	if err != nil {
		t.Fatal(err)
	}
	var a, b any
	if json.Unmarshal(in, &a) != nil || json.Unmarshal(out, &b) != nil || fmt.Sprint(a) != fmt.Sprint(b) {
		t.Errorf("round trip differs:\n%s\n%s", in, out)
	}
}

// BenchmarkDecodeRepos measures what keeping unknown properties costs a
// decode of a page of 30 repositories, against the same types without
// (plain) and with responses that carry unknown properties (extra).
//
//	go test -run x -bench DecodeRepos -benchmem ./runtime
func BenchmarkDecodeRepos(b *testing.B) {
	for _, c := range []struct {
		name  string
		extra bool
		into  func() any
	}{
		{"plain", false, func() any { return new([]benchRepoPlain) }},
		{"keep", false, func() any { return new([]benchRepo) }},
		{"keep-extra", true, func() any { return new([]benchRepo) }},
	} {
		in := benchRepos(30, c.extra)
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			b.ReportAllocs()
			for b.Loop() {
				if err := json.Unmarshal(in, c.into()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
