package loader

import (
	"strings"

	"github.com/genclient/genclient/ir"
)

// Error is a problem that makes a correct client impossible, at a position
// in the document.
type Error struct {
	Pos ir.Pos
	Msg string
}

// Error returns "file:line:col: msg" (parts of the position that are
// unknown are left out).
func (e *Error) Error() string {
	if e.Pos == (ir.Pos{}) {
		return "loader: " + e.Msg
	}
	return e.Pos.String() + ": " + e.Msg
}

// ErrorList is several errors, in the order they were found.
type ErrorList []*Error

// Error returns the errors, one per line.
func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap returns the errors, for errors.As and errors.Is.
func (l ErrorList) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}
