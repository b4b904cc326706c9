package mock

import (
	"regexp"
	"regexp/syntax"
	"strings"
)

// fromPattern returns a short string that matches the regular expression
// pattern (unanchored, as JSON Schema's pattern is), or false when it
// cannot build one.
func fromPattern(pattern string) (string, bool) {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return "", false
	}
	var b strings.Builder
	if !build(&b, re.Simplify()) {
		return "", false
	}
	s := b.String()
	ok, _ := regexp.MatchString(pattern, s)
	return s, ok
}

func build(b *strings.Builder, re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine,
		syntax.OpBeginText, syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return true
	case syntax.OpLiteral:
		b.WriteString(string(re.Rune))
		return true
	case syntax.OpCharClass:
		b.WriteRune(pickRune(re.Rune))
		return true
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		b.WriteByte('a')
		return true
	case syntax.OpCapture:
		return build(b, re.Sub[0])
	case syntax.OpStar, syntax.OpQuest:
		return true
	case syntax.OpPlus:
		return build(b, re.Sub[0])
	case syntax.OpRepeat:
		for range max(re.Min, 1) {
			if !build(b, re.Sub[0]) {
				return false
			}
		}
		return true
	case syntax.OpConcat:
		for _, s := range re.Sub {
			if !build(b, s) {
				return false
			}
		}
		return true
	case syntax.OpAlternate:
		return build(b, re.Sub[0])
	}
	return false
}

// pickRune picks a readable rune from a class given as ranges: a letter
// or digit when the class has one.
func pickRune(ranges []rune) rune {
	for _, pref := range [][2]rune{{'a', 'z'}, {'A', 'Z'}, {'0', '9'}} {
		for i := 0; i+1 < len(ranges); i += 2 {
			lo, hi := ranges[i], ranges[i+1]
			if lo <= pref[1] && hi >= pref[0] {
				return max(lo, pref[0])
			}
		}
	}
	if len(ranges) > 0 {
		return ranges[0]
	}
	return 'a'
}
