package runtime

import (
	"bufio"
	"bytes"
	"io"
	"iter"
	"math"
	"strconv"
	"strings"
	"time"
)

// Event is one server-sent event (text/event-stream).
type Event struct {
	ID    string        // the last event ID seen, as the spec defines it
	Type  string        // the event field; "message" when absent
	Data  string        // data lines joined with "\n"
	Retry time.Duration // a retry field, 0 if none
}

// StreamError is yielded when the server sends an event of type "error"
// in the middle of a stream (after a 2xx status), so the failure is a
// typed error rather than a data event. The iteration ends there.
type StreamError struct {
	Event Event
}

// Error formats the event's data, bounded.
func (e *StreamError) Error() string {
	return "runtime: error event in stream: " + snippet([]byte(e.Event.Data), 200)
}

// MaxEventSize bounds one line of an event stream.
const MaxEventSize = 1 << 20

// Events returns an iterator over the server-sent events of resp, which
// it closes when the iteration ends (at the end of the stream, on an
// error, or when the loop breaks).
//
// For generated code.
func Events(resp *Response) iter.Seq2[Event, error] {
	return func(yield func(Event, error) bool) {
		defer resp.Body.Close()
		for ev, err := range ReadEvents(resp.Body) {
			if !yield(ev, err) {
				return
			}
		}
	}
}

// ReadEvents parses an event stream from r (WHATWG HTML "server-sent
// events": LF, CR or CRLF line ends, comments, multi-line data, id and
// retry fields). It does not close r.
func ReadEvents(r io.Reader) iter.Seq2[Event, error] {
	return func(yield func(Event, error) bool) {
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 0, 4096), MaxEventSize)
		sc.Split(scanLines)
		var ev Event
		var data strings.Builder
		hasData, first := false, true
		lastID := ""
		for sc.Scan() {
			line := sc.Bytes()
			if first {
				line = bytes.TrimPrefix(line, []byte("\xef\xbb\xbf"))
				first = false
			}
			if len(line) == 0 {
				if hasData {
					ev.Data, ev.ID = data.String(), lastID
					if ev.Type == "" {
						ev.Type = "message"
					}
					if ev.Type == "error" {
						yield(Event{}, &StreamError{Event: ev})
						return
					}
					if !yield(ev, nil) {
						return
					}
				}
				ev, hasData = Event{}, false
				data.Reset()
				continue
			}
			if line[0] == ':' {
				continue
			}
			field, value, _ := bytes.Cut(line, []byte(":"))
			value = bytes.TrimPrefix(value, []byte(" "))
			switch string(field) {
			case "data":
				if hasData {
					data.WriteByte('\n')
				}
				data.Write(value)
				hasData = true
			case "event":
				ev.Type = string(value)
			case "id":
				if !bytes.ContainsRune(value, 0) {
					lastID = string(value)
				}
			case "retry":
				if isDigits(string(value)) {
					// A value past what a Duration holds saturates.
					ms, err := strconv.ParseInt(string(value), 10, 64)
					if err != nil || ms > math.MaxInt64/int64(time.Millisecond) {
						ev.Retry = time.Duration(math.MaxInt64)
					} else {
						ev.Retry = time.Duration(ms) * time.Millisecond
					}
				}
			}
		}
		if err := sc.Err(); err != nil {
			yield(Event{}, err)
		}
	}
}

// scanLines splits on LF, CR or CRLF.
func scanLines(data []byte, atEOF bool) (int, []byte, error) {
	for i, c := range data {
		switch c {
		case '\n':
			return i + 1, data[:i], nil
		case '\r':
			if i+1 < len(data) {
				if data[i+1] == '\n' {
					return i + 2, data[:i], nil
				}
				return i + 1, data[:i], nil
			}
			if atEOF {
				return i + 1, data[:i], nil
			}
			return 0, nil, nil
		}
	}
	if atEOF && len(data) > 0 {
		return len(data), data, nil
	}
	return 0, nil, nil
}
