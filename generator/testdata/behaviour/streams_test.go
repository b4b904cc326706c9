package streams

// Copied next to the generated streams client by TestGolden.

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/genclient/genclient/runtime"
)

func setup(t *testing.T, h http.HandlerFunc) (*Client, *string) {
	t.Helper()
	var body string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		body = string(b)
		h(w, r)
	}))
	t.Cleanup(srv.Close)
	c, err := NewClient(srv.URL, runtime.WithRetry(runtime.RetryPolicy{MaxAttempts: 1}))
	if err != nil {
		t.Fatal(err)
	}
	return c, &body
}

func TestNDJSONWithQuotedIntegers(t *testing.T) {
	c, _ := setup(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.RawQuery != "since=9007199254740993" || r.Header.Get("Accept") != "application/x-ndjson" {
			t.Errorf("query %q, accept %q", r.URL.RawQuery, r.Header.Get("Accept"))
		}
		w.Header().Set("Content-Type", "application/x-ndjson")
		_, _ = io.WriteString(w, `{"seq":"18446744073709551615","offset":"-3","code":"7","level":-2,"tags":["1","2"]}`+"\n"+`{"seq":"2"}`+"\n")
	})
	var got []Event
	for ev, err := range c.TailEvents(context.Background(), &TailEventsParams{Since: runtime.Some[int64](9007199254740993)}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, ev)
	}
	if len(got) != 2 || got[0].Seq != 18446744073709551615 || got[0].Offset.Value() != -3 || got[0].Code.Value() != 7 ||
		got[0].Level.Value() != -2 || len(got[0].Tags) != 2 || got[0].Tags[1] != 2 || got[1].Seq != 2 || got[1].Offset.IsSet() {
		t.Fatalf("got %+v", got)
	}
	b, err := runtime.Marshal(got[0]) // the client's codec: generated structs have no JSON methods
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"seq":"18446744073709551615","offset":"-3","level":-2,"code":"7","tags":["1","2"]}`; string(b) != want {
		t.Errorf("encoded %s, want %s", b, want)
	}
	var bad Event
	if err := runtime.Unmarshal([]byte(`{"seq":"ten"}`), &bad); err == nil {
		t.Errorf("a quoted non-integer decoded: %+v", bad)
	}
}

func TestErrorModels(t *testing.T) {
	status := 404
	c, _ := setup(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, `{"code":"12","message":"nope"}`+"\n")
	})
	for _, tc := range []struct {
		status int
		model  bool
	}{{404, false}, {400, true}, {503, false}} {
		status = tc.status
		for _, err := range c.TailEvents(context.Background(), nil) {
			var ae *runtime.APIError
			if !errors.As(err, &ae) || ae.StatusCode != tc.status {
				t.Fatalf("%d: %v", tc.status, err)
			}
			p, ok := ae.Model.(*Problem)
			if ok != tc.model || ok && (p.Code.Value() != 12 || p.Message.Value() != "nope") {
				t.Errorf("%d: model %#v", tc.status, ae.Model)
			}
		}
	}
}

func TestJSONSeqAndLines(t *testing.T) {
	c, _ := setup(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/records" {
			_, _ = io.WriteString(w, "\x1e{\"seq\":\"1\"}\n\x1e{\"seq\":\"2\"}\n")
			return
		}
		_, _ = io.WriteString(w, "{\"a\":1}\n[2]\n")
	})
	var seqs []uint64
	for ev, err := range c.Records(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		seqs = append(seqs, ev.Seq)
	}
	if len(seqs) != 2 || seqs[1] != 2 {
		t.Errorf("records %v", seqs)
	}
	var lines []string
	for raw, err := range c.Lines(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, string(raw))
	}
	if len(lines) != 2 || lines[0] != `{"a":1}` || lines[1] != "[2]" {
		t.Errorf("lines %q", lines)
	}
}

func TestEnvelopeAndEmptyBody(t *testing.T) {
	c, body := setup(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, `{"result":{"seq":"5"}}`+"\n"+`{"error":{"code":"13","message":"broken"}}`+"\n")
	})
	var got []Event
	var me *runtime.MessageError
	for ev, err := range c.Results(context.Background(), Empty{}) {
		if err != nil {
			if !errors.As(err, &me) {
				t.Fatal(err)
			}
			continue
		}
		got = append(got, ev)
	}
	if *body != "{}" {
		t.Errorf("an empty request object sent %q, want {}", *body)
	}
	if len(got) != 1 || got[0].Seq != 5 || me == nil || me.Message != "broken" {
		t.Fatalf("got %+v, %v", got, me)
	}
	if p, ok := me.Model.(*Problem); !ok || p.Code.Value() != 13 {
		t.Errorf("model %#v", me.Model)
	}
}
