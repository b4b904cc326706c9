package runtime

import (
	"errors"
	"net"
	"net/netip"
	"net/url"
	"os"
	"strings"

	"github.com/genclient/genclient/runtime/internal/idn"
)

// envProxy is the proxy environment as New read it: HTTPS_PROXY for
// https URLs, HTTP_PROXY for http ones (refused under CGI, where a
// request header can set it: golang.org/s/cgihttpproxy), NO_PROXY for
// the hosts that go direct. Lower-case names win over upper-case ones.
// It decides as golang.org/x/net/http/httpproxy does (the differential
// test holds it to that), without that package's IDNA tables: a
// non-ASCII host is lower-cased and Punycode-encoded per label
// (idn.ToASCII).
type envProxy struct {
	http, https *url.URL
	cgi         bool
	all         bool // NO_PROXY=*
	nets        []netip.Prefix
	ips         []ipPort
	domains     []domainPort
}

type ipPort struct {
	ip   netip.Addr
	port string
}

// domainPort matches host when host ends with suffix (".example.com"),
// or equals it without its dot when exact is set (NO_PROXY named
// "example.com", not ".example.com" or "*.example.com").
type domainPort struct {
	suffix string
	port   string
	exact  bool
}

func proxyFromEnvironment() *envProxy {
	get := func(names ...string) string {
		for _, n := range names {
			if v := os.Getenv(n); v != "" {
				return v
			}
		}
		return ""
	}
	p := &envProxy{
		http:  parseEnvProxy(get("http_proxy", "HTTP_PROXY")),
		https: parseEnvProxy(get("https_proxy", "HTTPS_PROXY")),
		cgi:   os.Getenv("REQUEST_METHOD") != "",
	}
	p.parseNoProxy(get("no_proxy", "NO_PROXY"))
	return p
}

// parseEnvProxy reads a proxy variable: a URL, or a host[:port] taken
// as http://host[:port]. An unusable value is no proxy.
func parseEnvProxy(v string) *url.URL {
	if v == "" {
		return nil
	}
	u, err := url.Parse(v)
	if err != nil || u.Scheme == "" || u.Host == "" {
		if u2, err2 := url.Parse("http://" + v); err2 == nil {
			return u2
		}
	}
	if err != nil {
		return nil
	}
	return u
}

func (p *envProxy) parseNoProxy(list string) {
	for _, e := range strings.Split(list, ",") {
		e = strings.ToLower(strings.TrimSpace(e))
		if e == "" {
			continue
		}
		if e == "*" {
			p.all = true
			return
		}
		if _, n, err := net.ParseCIDR(e); err == nil {
			if pre, ok := prefixOf(n); ok {
				p.nets = append(p.nets, pre)
			}
			continue
		}
		host, port, err := net.SplitHostPort(e)
		if err != nil {
			host, port = e, ""
		} else {
			if host == "" {
				continue
			}
			host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
		}
		if ip := net.ParseIP(host); ip != nil {
			a, _ := netip.AddrFromSlice(ip)
			p.ips = append(p.ips, ipPort{a.Unmap(), port})
			continue
		}
		if host == "" {
			continue
		}
		if strings.HasPrefix(host, "*.") {
			host = host[1:]
		}
		d := domainPort{suffix: host, port: port}
		if !strings.HasPrefix(host, ".") {
			d.suffix, d.exact = "."+host, true
		}
		d.suffix, _ = lookupASCII(d.suffix)
		p.domains = append(p.domains, d)
	}
}

func prefixOf(n *net.IPNet) (netip.Prefix, bool) {
	a, ok := netip.AddrFromSlice(n.IP)
	if !ok {
		return netip.Prefix{}, false
	}
	bits, _ := n.Mask.Size()
	if a.Is4In6() && bits >= 96 {
		a, bits = a.Unmap(), bits-96
	}
	return netip.PrefixFrom(a.Unmap(), bits), true
}

// lookupASCII is IDNA's lookup as far as proxy matching needs it: a
// non-ASCII host lower-cased and Punycode-encoded, an ASCII one as it is.
func lookupASCII(h string) (string, bool) {
	if idn.IsASCII(h) {
		return h, true
	}
	return idn.ToASCII(strings.ToLower(h))
}

var errCGIProxy = errors.New("runtime: refusing to use HTTP_PROXY in a CGI environment (golang.org/s/cgihttpproxy)")

// proxyFor is the transport's Proxy for u.
func (p *envProxy) proxyFor(u *url.URL) (*url.URL, error) {
	var proxy *url.URL
	switch u.Scheme {
	case "https":
		proxy = p.https
	case "http":
		proxy = p.http
		if proxy != nil && p.cgi {
			return nil, errCGIProxy
		}
	}
	if proxy == nil || !p.useProxy(u) {
		return nil, nil
	}
	return proxy, nil
}

func (p *envProxy) useProxy(u *url.URL) bool {
	host, _ := lookupASCII(u.Hostname())
	port := u.Port()
	if port == "" {
		switch u.Scheme {
		case "http":
			port = "80"
		case "https":
			port = "443"
		case "socks5":
			port = "1080"
		}
	}
	if host == "localhost" {
		return false
	}
	ip, err := netip.ParseAddr(host)
	isIP := err == nil
	if isIP {
		ip = ip.Unmap().WithZone("")
		if ip.IsLoopback() {
			return false
		}
	}
	if p.all {
		return false
	}
	host = strings.ToLower(host)
	if isIP {
		for _, n := range p.nets {
			if n.Contains(ip) {
				return false
			}
		}
		for _, m := range p.ips {
			if m.ip == ip && (m.port == "" || m.port == port) {
				return false
			}
		}
		return true
	}
	for _, d := range p.domains {
		if (strings.HasSuffix(host, d.suffix) || d.exact && host == d.suffix[1:]) && (d.port == "" || d.port == port) {
			return false
		}
	}
	return true
}
