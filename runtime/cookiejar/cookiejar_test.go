package cookiejar

import (
	"net/http"
	"net/url"
	"testing"
)

func TestPublicSuffixRespected(t *testing.T) {
	jar, err := New()
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse("https://foo.co.uk/")
	jar.SetCookies(u, []*http.Cookie{{Name: "a", Value: "1", Domain: "co.uk"}, {Name: "b", Value: "2", Domain: "foo.co.uk"}})
	other, _ := url.Parse("https://bar.co.uk/")
	if got := jar.Cookies(other); len(got) != 0 {
		t.Errorf("cookie crossed the public suffix: %v", got)
	}
	if got := jar.Cookies(u); len(got) != 1 || got[0].Name != "b" {
		t.Errorf("own cookies: %v", got)
	}
}
