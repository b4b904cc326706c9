// Package idn turns internationalized host names into the ASCII form DNS
// and cookies use, for the runtime (the proxy environment) and its cookie
// jar, without x/net's IDNA tables.
package idn

import "strings"

// ToASCII gives a host name as DNS sees it: each label that is not ASCII
// Punycode-encoded after "xn--" (RFC 3492, RFC 5891), the others as they
// are. Case is the caller's: for a lower-case host in normalization form
// C this is what IDNA's lookup gives. It reports false, with h as it is,
// when a label cannot be encoded (one so long that Punycode overflows).
func ToASCII(h string) (string, bool) {
	if IsASCII(h) {
		return h, true
	}
	labels := strings.Split(h, ".")
	for i, l := range labels {
		if IsASCII(l) {
			continue
		}
		enc, ok := punycode(l)
		if !ok {
			return h, false
		}
		labels[i] = "xn--" + enc
	}
	return strings.Join(labels, "."), true
}

// IsASCII reports whether s is all ASCII.
func IsASCII(s string) bool {
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
