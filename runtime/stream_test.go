package runtime

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
)

type msg struct {
	N int    `json:"n"`
	S string `json:"s,omitempty"`
}

func TestReadJSONStreamFramings(t *testing.T) {
	for _, tc := range []struct{ name, body string }{
		{"ndjson", "{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n"},
		{"ndjson crlf, no final newline", "{\"n\":1}\r\n{\"n\":2}\r\n{\"n\":3}"},
		{"json-seq", "\x1e{\"n\":1}\n\x1e{\"n\":2}\n\x1e{\"n\":3}\n"},
		{"stream+json pretty", "{\n  \"n\": 1\n}\n{\n  \"n\": 2\n} {\"n\":3}"},
		{"blank lines", "\n\n{\"n\":1}\n\n{\"n\":2}\n\n\n{\"n\":3}\n\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []int
			for raw, err := range ReadJSONStream(strings.NewReader(tc.body)) {
				if err != nil {
					t.Fatal(err)
				}
				var m msg
				if err := json.Unmarshal(raw, &m); err != nil {
					t.Fatal(err)
				}
				got = append(got, m.N)
			}
			if len(got) != 3 || got[0] != 1 || got[1] != 2 || got[2] != 3 {
				t.Errorf("got %v", got)
			}
		})
	}
}

func TestReadJSONStreamBad(t *testing.T) {
	var errs []error
	n := 0
	for _, err := range ReadJSONStream(strings.NewReader("{\"n\":1}\n{nope}\n{\"n\":3}\n")) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		n++
	}
	var se *json.SyntaxError
	if n != 1 || len(errs) != 1 || !errors.As(errs[0], &se) {
		t.Errorf("n=%d errs=%v", n, errs)
	}
	big := "{\"s\":\"" + strings.Repeat("x", MaxMessageSize+10) + "\"}"
	for _, err := range ReadJSONStream(strings.NewReader(big)) {
		if !errors.Is(err, ErrMessageTooLarge) {
			t.Errorf("large message: %v", err)
		}
	}
}

// TestJSONStreamArrival checks that each message is yielded as soon as
// the server has written it: the server writes the next message only after
// the client has received the previous one.
func TestJSONStreamArrival(t *testing.T) {
	next := make(chan bool)
	done := make(chan bool, 1)
	srv, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/x-ndjson")
		for i := 1; i <= 3; i++ {
			_, _ = w.Write([]byte(`{"result":{"n":` + string(rune('0'+i)) + "}}\n"))
			w.(http.Flusher).Flush()
			select {
			case <-next:
			case <-r.Context().Done():
				done <- true
				return
			}
		}
		// Keep the stream open: the client breaks out of its loop.
		<-r.Context().Done()
		done <- true
	}))
	s, _ := newSession(t, srv.URL)
	var got []int
	for m, err := range JSONStream[msg](context.Background(), s, NewCall("POST", "/watch"), StreamFormat{Envelope: true}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, m.N)
		if len(got) == 3 {
			break
		}
		next <- true
	}
	if len(got) != 3 || got[2] != 3 {
		t.Fatalf("got %v", got)
	}
	// The handler may be waiting for the next turn, or may already have
	// seen the request end when the loop broke; either way it then reports.
	select {
	case next <- true:
	case v := <-done:
		done <- v
	}
	select {
	case <-done: // the connection was released: the server saw the request end
	case <-time.After(10 * time.Second):
		t.Fatal("the server's request did not end after the loop broke")
	}
}

type streamErr struct {
	GRPCCode int    `json:"grpc_code"`
	Message  string `json:"message"`
}

func TestJSONStreamErrors(t *testing.T) {
	ctx := context.Background()
	s := stubSession(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/err":
			_, _ = w.Write([]byte("{\"result\":{\"n\":1}}\n{\"error\":{\"grpc_code\":5,\"http_code\":404,\"message\":\"etcdserver: requested lease not found\",\"http_status\":\"Not Found\"}}\n{\"result\":{\"n\":2}}\n"))
		case "/v2err":
			_, _ = w.Write([]byte("{\"error\":{\"code\":3,\"message\":\"bad\"}}\n"))
		case "/bad":
			_, _ = w.Write([]byte("{\"result\":{\"n\":\"one\"}}\n"))
		case "/plain":
			_, _ = w.Write([]byte("{\"n\":1}\n{\"n\":2}\n"))
		default:
			w.WriteHeader(503)
			_, _ = w.Write([]byte("{\"error\":\"down\"}\n"))
		}
	})
	var got []int
	var me *MessageError
	for m, err := range JSONStream[msg](ctx, s, NewCall("POST", "/err"), StreamFormat{Envelope: true, ErrorModel: func() any { return new(streamErr) }}) {
		if err != nil {
			if !errors.As(err, &me) {
				t.Fatalf("want a *MessageError, got %v", err)
			}
			continue
		}
		got = append(got, m.N)
	}
	if len(got) != 1 || me == nil || me.Code != 5 || me.HTTPCode != 404 || me.Message != "etcdserver: requested lease not found" {
		t.Fatalf("got %v, %+v", got, me)
	}
	if m, ok := me.Model.(*streamErr); !ok || m.GRPCCode != 5 {
		t.Errorf("model %#v", me.Model)
	}
	if want := "runtime: error message in stream (code 5): etcdserver: requested lease not found"; me.Error() != want {
		t.Errorf("Error() = %q", me.Error())
	}
	for _, err := range JSONStream[msg](ctx, s, NewCall("POST", "/v2err"), StreamFormat{Envelope: true}) {
		if !errors.As(err, &me) || me.Code != 3 || me.Message != "bad" || me.Model != nil {
			t.Errorf("v2 error: %v", err)
		}
	}
	var de *DecodeError
	for _, err := range JSONStream[msg](ctx, s, NewCall("POST", "/bad"), StreamFormat{Envelope: true}) {
		if !errors.As(err, &de) || !strings.Contains(string(de.Body), "one") {
			t.Errorf("bad message: %v", err)
		}
	}
	got = nil
	for m, err := range JSONStream[msg](ctx, s, NewCall("POST", "/plain"), StreamFormat{}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, m.N)
	}
	if len(got) != 2 || got[1] != 2 {
		t.Errorf("plain: %v", got)
	}
	var ae *APIError
	n := 0
	for _, err := range JSONStream[msg](ctx, s, NewCall("GET", "/503"), StreamFormat{Envelope: true}, WithRetry(RetryPolicy{MaxAttempts: 1})) {
		n++
		if !errors.As(err, &ae) || ae.StatusCode != 503 {
			t.Errorf("503: %v", err)
		}
	}
	if n != 1 {
		t.Errorf("503 yielded %d times", n)
	}
}

// TestJSONStreamStops checks that a stream that goes quiet ends with the
// read-idle timeout, and one whose context is cancelled ends with the
// context's error, both as a *TransportError, once.
func TestJSONStreamStops(t *testing.T) {
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	srv, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/x-ndjson")
		_, _ = w.Write([]byte("{\"n\":1}\n"))
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))

	s, clk := newSession(t, srv.URL)
	var errs []error
	for _, err := range JSONStream[msg](context.Background(), s, NewCall("GET", "/idle"), StreamFormat{}) {
		if err == nil {
			// The first message is in; the next read stalls until the
			// read-idle timer fires.
			go func() {
				for clk.pending() == 0 {
					time.Sleep(time.Millisecond)
				}
				clk.fireAll()
			}()
			continue
		}
		errs = append(errs, err)
	}
	var te *TransportError
	if len(errs) != 1 || !errors.As(errs[0], &te) || !te.Timeout || !errors.Is(errs[0], ErrReadIdleTimeout) {
		t.Fatalf("idle: %v", errs)
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	errs = nil
	for _, err := range JSONStream[msg](ctx, s, NewCall("GET", "/cancel"), StreamFormat{}) {
		if err == nil {
			cancel()
			continue
		}
		errs = append(errs, err)
	}
	if len(errs) != 1 || !errors.Is(errs[0], context.Canceled) {
		t.Fatalf("cancel: %v", errs)
	}
}
