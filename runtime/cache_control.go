package runtime

import (
	"net/http"
	"strings"
	"time"
)

// cacheControl is what the cache uses of a Cache-Control header (RFC
// 9111 §5.2). private, public, s-maxage and proxy-revalidate concern
// shared caches and are ignored; so are stale-while-revalidate and
// stale-if-error, since this cache never serves a stale response.
type cacheControl struct {
	noStore, noCache, mustRevalidate bool
	hasMaxAge                        bool
	maxAge                           int64 // seconds
}

// maxDelta is where delta-seconds saturate (RFC 9111 §1.2.2).
const maxDelta = 1 << 31

// parseCacheControl reads every Cache-Control line. Directive names are
// case-insensitive and arguments may be quoted; no-cache with field
// names counts as plain no-cache, a repeated max-age keeps the smallest,
// and a max-age that is not a number is 0 (stale), the conservative
// reading.
func parseCacheControl(lines []string) cacheControl {
	var cc cacheControl
	for _, line := range lines {
		for s := line; s != ""; {
			var name, arg string
			name, arg, s = nextDirective(s)
			switch strings.ToLower(name) {
			case "no-store":
				cc.noStore = true
			case "no-cache":
				cc.noCache = true
			case "must-revalidate":
				cc.mustRevalidate = true
			case "max-age":
				v, ok := parseDelta(arg)
				if !ok {
					v = 0
				}
				if !cc.hasMaxAge || v < cc.maxAge {
					cc.maxAge = v
				}
				cc.hasMaxAge = true
			}
		}
	}
	return cc
}

// nextDirective splits the first directive off s: its name, its argument
// (unquoted) and the rest after the next comma.
func nextDirective(s string) (name, arg, rest string) {
	s = strings.TrimLeft(s, " \t,")
	i := strings.IndexAny(s, "=,")
	if i < 0 {
		return strings.TrimSpace(s), "", ""
	}
	name = strings.TrimSpace(s[:i])
	if s[i] == ',' {
		return name, "", s[i+1:]
	}
	s = strings.TrimLeft(s[i+1:], " \t")
	if strings.HasPrefix(s, `"`) {
		var b strings.Builder
		j := 1
		for ; j < len(s) && s[j] != '"'; j++ {
			if s[j] == '\\' && j+1 < len(s) {
				j++
			}
			b.WriteByte(s[j])
		}
		s = s[min(j+1, len(s)):]
		if k := strings.IndexByte(s, ','); k >= 0 {
			return name, b.String(), s[k+1:]
		}
		return name, b.String(), ""
	}
	if k := strings.IndexByte(s, ','); k >= 0 {
		return name, strings.TrimSpace(s[:k]), s[k+1:]
	}
	return name, strings.TrimSpace(s), ""
}

// parseDelta reads delta-seconds: digits only, saturating at 2^31.
func parseDelta(s string) (int64, bool) {
	if s == "" {
		return 0, false
	}
	var v int64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		if v < maxDelta {
			v = v*10 + int64(c-'0')
		}
	}
	return min(v, maxDelta), true
}

// freshness returns how long a stored response is fresh for (RFC 9111
// §4.2.1): max-age, else Expires minus Date. No-cache, an invalid
// Expires and a response with neither are stale at once: no heuristic
// freshness is guessed from Last-Modified.
func freshness(h http.Header, respTime time.Time) time.Duration {
	cc := parseCacheControl(h["Cache-Control"])
	if cc.noCache {
		return 0
	}
	if cc.hasMaxAge {
		return time.Duration(cc.maxAge) * time.Second
	}
	exp := h.Get("Expires")
	if exp == "" {
		return 0
	}
	t, err := http.ParseTime(exp)
	if err != nil {
		return 0
	}
	date := respTime
	if d, err := http.ParseTime(h.Get("Date")); err == nil {
		date = d
	}
	return max(t.Sub(date), 0)
}

// currentAge is RFC 9111 §4.2.3's current_age of a response requested
// at reqTime, received at respTime, at now. An Age header that is not
// a number makes the response as old as can be.
func currentAge(h http.Header, reqTime, respTime, now time.Time) time.Duration {
	var ageValue time.Duration
	if a := h.Get("Age"); a != "" {
		v, ok := parseDelta(strings.TrimSpace(a))
		if !ok {
			v = maxDelta
		}
		ageValue = time.Duration(v) * time.Second
	}
	apparent := time.Duration(0)
	if d, err := http.ParseTime(h.Get("Date")); err == nil {
		apparent = max(respTime.Sub(d), 0)
	}
	corrected := ageValue + max(respTime.Sub(reqTime), 0)
	return max(apparent, corrected) + max(now.Sub(respTime), 0)
}
