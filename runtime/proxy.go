package runtime

import (
	"errors"
	"net"
	"net/netip"
	"net/url"
	"os"
	"strings"
)

// envProxy is the proxy environment as New read it: HTTPS_PROXY for
// https URLs, HTTP_PROXY for http ones (refused under CGI, where a
// request header can set it: golang.org/s/cgihttpproxy), NO_PROXY for
// the hosts that go direct. Lower-case names win over upper-case ones.
// It decides as golang.org/x/net/http/httpproxy does (the differential
// test holds it to that), without that package's IDNA tables: a
// non-ASCII host is lower-cased and Punycode-encoded per label, which is
// what IDNA's lookup gives for every host already in normalization form
// C.
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
		d.suffix = asciiHost(d.suffix)
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
	host := asciiHost(u.Hostname())
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

// asciiHost gives a host name as DNS sees it: an ASCII one as it is, else
// each label lower-cased and, when not ASCII, Punycode-encoded after
// "xn--" (RFC 3492, RFC 5891). A label that cannot be encoded leaves the
// host as it is.
func asciiHost(h string) string {
	if isASCIIString(h) {
		return h
	}
	labels := strings.Split(strings.ToLower(h), ".")
	for i, l := range labels {
		if isASCIIString(l) {
			continue
		}
		enc, ok := punycode(l)
		if !ok {
			return h
		}
		labels[i] = "xn--" + enc
	}
	return strings.Join(labels, ".")
}

func isASCIIString(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// punycode encodes s by RFC 3492 §6.3 with its parameters for IDNA.
func punycode(s string) (string, bool) {
	const (
		base, tmin, tmax, skew, damp = 36, 1, 26, 38, 700
		initialBias, initialN        = 72, 128
	)
	runes := []rune(s)
	out := make([]byte, 0, len(s)+8)
	for _, r := range runes {
		if r < 0x80 {
			out = append(out, byte(r))
		}
	}
	b := len(out)
	h := b
	if b > 0 {
		out = append(out, '-')
	}
	digit := func(d int) byte {
		if d < 26 {
			return byte('a' + d)
		}
		return byte('0' + d - 26)
	}
	adapt := func(delta, points int, first bool) int {
		if first {
			delta /= damp
		} else {
			delta /= 2
		}
		delta += delta / points
		k := 0
		for delta > ((base-tmin)*tmax)/2 {
			delta /= base - tmin
			k += base
		}
		return k + (base-tmin+1)*delta/(delta+skew)
	}
	n, delta, bias := initialN, 0, initialBias
	for h < len(runes) {
		m := int(^uint32(0) >> 1)
		for _, r := range runes {
			if int(r) >= n && int(r) < m {
				m = int(r)
			}
		}
		if (m-n)*(h+1) > (1<<31-1)-delta {
			return "", false
		}
		delta += (m - n) * (h + 1)
		n = m
		for _, r := range runes {
			if int(r) < n {
				delta++
			}
			if int(r) != n {
				continue
			}
			q := delta
			for k := base; ; k += base {
				t := k - bias
				if t < tmin {
					t = tmin
				} else if t > tmax {
					t = tmax
				}
				if q < t {
					break
				}
				out = append(out, digit(t+(q-t)%(base-t)))
				q = (q - t) / (base - t)
			}
			out = append(out, digit(q))
			bias = adapt(delta, h+1, h == b)
			delta = 0
			h++
		}
		delta++
		n++
	}
	return string(out), true
}
