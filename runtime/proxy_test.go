package runtime

import (
	"net/url"
	"testing"

	"golang.org/x/net/http/httpproxy"
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

func urlString(u *url.URL) string {
	if u == nil {
		return "<direct>"
	}
	return u.String()
}
