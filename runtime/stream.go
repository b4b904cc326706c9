package runtime

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"strings"
)

// This file reads JSON streams: a response body that is a sequence of JSON
// values, one per message, delivered as the server writes them.
// application/x-ndjson and application/jsonl put one value per line,
// application/json-seq (RFC 7464) starts each with the record separator
// 0x1E, application/stream+json separates them by whitespace. A
// gRPC-gateway stream (application/json, declared through
// x-stream-definitions) wraps each message as {"result": …} or
// {"error": …}. One reader handles every framing: whitespace and record
// separators between values are skipped, and a value may span lines.

// MaxMessageSize bounds one message of a JSON stream.
const MaxMessageSize = 16 << 20

// ErrMessageTooLarge is returned (wrapped) when one message of a JSON
// stream is longer than MaxMessageSize.
var ErrMessageTooLarge = errors.New("runtime: stream message larger than MaxMessageSize")

// StreamFormat says how the messages of a JSON stream are wrapped.
// The zero value reads each message as the value itself.
//
// For generated code.
type StreamFormat struct {
	// Envelope is set for a gRPC-gateway stream: each message is an
	// object whose "result" member holds the value and whose "error"
	// member, when present, ends the stream with a *MessageError.
	Envelope bool
	// ErrorModel returns a pointer to a fresh value to decode an
	// {"error": …} member into (MessageError.Model); nil keeps only the
	// raw error.
	ErrorModel func() any
}

// MessageError is yielded when a JSON stream reports an error in a message
// after its 2xx status ({"error": …} in a gRPC-gateway stream). The
// iteration ends there. Code, HTTPCode and Message are read from the
// gRPC-gateway's members ("grpc_code" or "code", "http_code", "message");
// Model holds the error decoded into the type the document declares.
type MessageError struct {
	Code     int    // the gRPC status code, 0 when absent
	HTTPCode int    // the HTTP status the gateway maps the error to, 0 when absent
	Message  string // the error's message
	Raw      json.RawMessage
	Model    any // a pointer to the declared error type, or nil
}

// Error formats the code and message, bounded.
func (e *MessageError) Error() string {
	msg := e.Message
	if msg == "" {
		msg = string(e.Raw)
	}
	s := "runtime: error message in stream"
	if e.Code != 0 {
		s += fmt.Sprintf(" (code %d)", e.Code)
	}
	return s + ": " + snippet([]byte(strings.TrimSpace(msg)), 200)
}

// JSONStream sends call and returns an iterator over the messages of its
// JSON stream response, each decoded into a T as it arrives; the body is
// never read whole. An error status, a transport error (a stalled body
// gives ErrReadIdleTimeout, a cancelled ctx its error), a message that
// does not decode (a *DecodeError) or an error message (a *MessageError)
// is yielded once and ends the iteration. The body is closed, and its
// connection released, when the iteration ends, also when the loop
// breaks.
//
// For generated code.
func JSONStream[T any](ctx context.Context, s *Session, call *Call, f StreamFormat, opts ...Option) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		resp, err := s.Do(ctx, call, opts...)
		if err != nil {
			yield(zero, err)
			return
		}
		defer resp.Body.Close()
		url := ""
		if resp.Request != nil {
			url = redactURL(resp.Request.URL, nil)
		}
		for raw, err := range ReadJSONStream(resp.Body) {
			if err != nil {
				if errors.Is(err, ErrMessageTooLarge) || errors.As(err, new(*json.SyntaxError)) {
					err = &DecodeError{Method: call.Method, URL: url, StatusCode: resp.StatusCode, Err: err}
				} else {
					err = &TransportError{Method: call.Method, URL: url, Sent: true, Timeout: isTimeout(err), Attempts: resp.Attempts, Err: err}
				}
				yield(zero, err)
				return
			}
			v, err := decodeMessage[T](raw, f)
			if err != nil {
				var me *MessageError
				if !errors.As(err, &me) {
					err = &DecodeError{Method: call.Method, URL: url, StatusCode: resp.StatusCode, Body: bounded(raw), Err: err}
				}
				yield(zero, err)
				return
			}
			if !yield(v, nil) {
				return
			}
		}
	}
}

// decodeMessage decodes one message, unwrapping a gRPC-gateway envelope.
func decodeMessage[T any](raw json.RawMessage, f StreamFormat) (T, error) {
	var v T
	if f.Envelope {
		var env struct {
			Result json.RawMessage `json:"result"`
			Error  json.RawMessage `json:"error"`
		}
		if err := json.Unmarshal(raw, &env); err != nil {
			return v, err
		}
		if len(env.Error) > 0 && !IsNull(env.Error) {
			return v, messageError(env.Error, f.ErrorModel)
		}
		raw = env.Result
		if len(raw) == 0 {
			return v, nil
		}
	}
	err := Unmarshal(raw, &v)
	return v, err
}

// messageError builds the error of an {"error": …} member.
func messageError(raw json.RawMessage, model func() any) *MessageError {
	e := &MessageError{Raw: append(json.RawMessage(nil), raw...)}
	var members map[string]json.RawMessage
	if json.Unmarshal(raw, &members) == nil {
		num := func(name string) (int, bool) {
			var n int
			v, ok := members[name]
			return n, ok && (json.Unmarshal(v, &n) == nil || unquoteInt(v, &n))
		}
		if n, ok := num("grpc_code"); ok {
			e.Code = n
		} else if n, ok := num("code"); ok {
			e.Code = n
		}
		e.HTTPCode, _ = num("http_code")
		_ = json.Unmarshal(members["message"], &e.Message)
	} else {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			e.Message = s
		}
	}
	if model != nil {
		if m := model(); m != nil && Unmarshal(raw, m) == nil {
			e.Model = m
		}
	}
	return e
}

// ReadJSONStream returns an iterator over the JSON values in r, each as it
// arrives: values separated by whitespace or newlines (NDJSON, JSON Lines,
// stream+json) or each preceded by the record separator 0x1E (RFC 7464
// JSON text sequences). A read error, a value that is not JSON or one
// longer than MaxMessageSize is yielded once and ends the iteration. It
// does not close r.
func ReadJSONStream(r io.Reader) iter.Seq2[json.RawMessage, error] {
	return func(yield func(json.RawMessage, error) bool) {
		br := &seqReader{r: r}
		dec := json.NewDecoder(br)
		br.dec = dec
		for {
			var raw json.RawMessage
			err := dec.Decode(&raw)
			if err == io.EOF {
				return
			}
			if err != nil {
				if errors.Is(err, io.ErrUnexpectedEOF) && br.err != nil {
					err = br.err
				}
				yield(nil, err)
				return
			}
			if !yield(raw, nil) {
				return
			}
		}
	}
}

// seqReader feeds a json.Decoder: it turns RFC 7464 record separators into
// spaces (0x1E may not appear in JSON text, not even in strings, so this
// changes no value) and bounds the size of the message being read.
type seqReader struct {
	r    io.Reader
	dec  *json.Decoder
	read int64
	err  error // the reader's own error, kept to report it over the decoder's
}

func (s *seqReader) Read(p []byte) (int, error) {
	pending := s.read - s.dec.InputOffset() // bytes of the message being read
	if pending > MaxMessageSize {
		s.err = ErrMessageTooLarge
		return 0, ErrMessageTooLarge
	}
	if room := MaxMessageSize - pending + 1; int64(len(p)) > room {
		p = p[:room]
	}
	n, err := s.r.Read(p)
	s.read += int64(n)
	for i := 0; i < n; {
		j := bytes.IndexByte(p[i:n], 0x1E)
		if j < 0 {
			break
		}
		p[i+j] = ' '
		i += j + 1
	}
	if err != nil && err != io.EOF {
		s.err = err
	}
	return n, err
}
