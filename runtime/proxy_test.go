package runtime

import (
	"net/url"
	"testing"

	"golang.org/x/net/http/httpproxy"
	"golang.org/x/net/idna"
)

// The session reads the proxy environment itself (at New, and without
// x/net's IDNA tables in every binary); it must decide as httpproxy
// does, for every pair of NO_PROXY list and request URL here.
func TestEnvProxyMatchesHTTPProxy(t *testing.T) {
	proxies := [][2]string{
		{"http://hp:3128", "https://sp:3129"},
		{"hp:3128", "sp"},
		{"", "socks5://s:1080"},
		{"http://hp", ""},
	}
	noProxies := []string{
		"", "*", "example.com", ".example.com", "*.example.com", "example.com:8443",
		"EXAMPLE.com , other.org", "10.0.0.0/8", "192.168.1.1", "192.168.1.1:8080",
		"[::1]:80", "2001:db8::/32", "2001:db8::1", "[2001:db8::2]:443", "::ffff:10.0.0.0/104",
		"bücher.de", ".xn--bcher-kva.de", "*foo.com", ":80", "[]:80", "localhost", ",,", " ",
		"münchen.example", "xn--mnchen-3ya.example:443", "*.*.example.com",
	}
	urls := []string{
		"https://example.com/", "https://api.example.com/x", "https://example.com:8443/",
		"http://example.com/", "http://EXAMPLE.COM/", "https://notexample.com/",
		"https://other.org/", "http://10.1.2.3/", "http://11.1.2.3:80/", "http://192.168.1.1/",
		"http://192.168.1.1:8080/", "http://[::1]/", "http://localhost:9000/", "https://LOCALHOST/",
		"http://127.0.0.1:5/", "http://127.1.2.3/", "https://[2001:db8::1]/", "https://[2001:db8::2]/",
		"https://[2001:db9::2]/", "http://[::ffff:10.1.1.1]/", "https://bücher.de/", "https://BÜCHER.de/",
		"https://shop.bücher.de/", "https://xn--bcher-kva.de/", "https://münchen.example/",
		"https://a.münchen.example/", "https://xfoo.com/", "https://foo.com/", "ftp://example.com/",
		"https://[fe80::1%25eth0]/", "https://x.y.example.com:443/", "https://éé.example.com/",
	}
	for _, pr := range proxies {
		for _, np := range noProxies {
			want := (&httpproxy.Config{HTTPProxy: pr[0], HTTPSProxy: pr[1], NoProxy: np}).ProxyFunc()
			got := &envProxy{http: parseEnvProxy(pr[0]), https: parseEnvProxy(pr[1])}
			got.parseNoProxy(np)
			for _, raw := range urls {
				u, err := url.Parse(raw)
				if err != nil {
					t.Fatal(err)
				}
				w, werr := want(u)
				g, gerr := got.proxyFor(u)
				if (werr != nil) != (gerr != nil) || urlString(w) != urlString(g) {
					t.Errorf("HTTP_PROXY=%q HTTPS_PROXY=%q NO_PROXY=%q %s: got %v, %v; httpproxy gives %v, %v", pr[0], pr[1], np, raw, g, gerr, w, werr)
				}
			}
		}
	}
}

func TestEnvProxyCGI(t *testing.T) {
	t.Setenv("HTTP_PROXY", "http://hp:1")
	t.Setenv("http_proxy", "")
	t.Setenv("REQUEST_METHOD", "GET")
	p := proxyFromEnvironment()
	if _, err := p.proxyFor(&url.URL{Scheme: "http", Host: "api.example.com"}); err != errCGIProxy {
		t.Fatalf("HTTP_PROXY under CGI: err %v, want the refusal", err)
	}
	t.Setenv("https_proxy", "http://lower:2")
	t.Setenv("HTTPS_PROXY", "http://upper:3")
	p = proxyFromEnvironment()
	if u, err := p.proxyFor(&url.URL{Scheme: "https", Host: "api.example.com"}); err != nil || u.Host != "lower:2" {
		t.Fatalf("https under CGI: %v, %v; want the lower-case https_proxy", u, err)
	}
}

// Punycode against RFC 3492 §7.1's samples and x/net's IDNA.
func TestASCIIHost(t *testing.T) {
	cases := map[string]string{
		"bücher.de":         "xn--bcher-kva.de",
		"MÜNCHEN.de":        "xn--mnchen-3ya.de",
		"例え.テスト":            "xn--r8jz45g.xn--zckzah",
		"правительство.рф":  "xn--80aealotwbjpid2k.xn--p1ai",
		"straße.de":         "xn--strae-oqa.de",
		"ليهمابتكلموشعربي؟": "xn--egbpdaj6bu4bxfgehfvwxn",
		"他们为什么不说中文":         "xn--ihqwcrb4cv8a8dqg056pqjye",
		"3年b組金八先生":          "xn--3b-ww4c5e180e575a65lsy2b",
		"api.example.com":   "api.example.com",
		"API.Example.com":   "API.Example.com",
		"ñandú.example.com": "xn--and-6ma2c.example.com",
		"αβγ.example":       "xn--mxacd.example",
		"😀.example":         "xn--e28h.example",
	}
	for in, want := range cases {
		if got := asciiHost(in); got != want {
			t.Errorf("asciiHost(%q) = %q, want %q", in, got, want)
		}
		if !isASCIIString(in) {
			if idn, err := idna.Lookup.ToASCII(in); err == nil && idn != want {
				t.Errorf("the case %q disagrees with x/net's IDNA: %q", in, idn)
			}
		}
	}
}

func urlString(u *url.URL) string {
	if u == nil {
		return "<direct>"
	}
	return u.String()
}
