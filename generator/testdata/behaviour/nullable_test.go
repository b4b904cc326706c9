package nullable

// Copied next to the generated nullable client by TestGolden.

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/genclient/genclient/runtime"
)

// A response's nulls are listed in NullFields and sent again as null.
func TestNullsRoundTrip(t *testing.T) {
	in := `{"id":1,"name":"n","note":null,"part":{},"when":"2020-01-02T03:04:05Z","label":null,"parent":null,"owner":null,` +
		`"aliases":["a",null],"scores":{"x":null,"y":1},"groups":[null,["g"]],"dims":null}`
	var v Thing
	if err := runtime.Unmarshal([]byte(in), &v); err != nil {
		t.Fatal(err)
	}
	if want := []string{"Note", "Label", "Parent", "Owner", "Dims"}; !reflect.DeepEqual(v.NullFields, want) {
		t.Errorf("NullFields %q, want %q", v.NullFields, want)
	}
	if v.Owner != nil || v.Parent != nil || len(v.Aliases) != 2 || v.Aliases[1] != nil || *v.Aliases[0] != "a" ||
		v.Scores["x"] != nil || *v.Scores["y"] != 1 || v.Groups[0] != nil {
		t.Errorf("decoded %+v", v)
	}
	out, err := runtime.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != in {
		t.Errorf("encoded again\n%s\nwant\n%s", out, in)
	}
}

func TestNullsSent(t *testing.T) {
	var body, query string
	hits := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits++
		b, _ := io.ReadAll(r.Body)
		body, query = string(b), r.URL.RawQuery
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"id":7,"name":"lamp","note":"n","part":{},"when":"2020-01-02T03:04:05Z","owner":null}`))
	}))
	defer srv.Close()
	c, err := NewClient(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	// Label and Parent cleared, Note set although listed (a value wins).
	got, err := c.UpdateThing(ctx, 7, &ThingRequest{Name: "lamp", Note: "n", NullFields: []string{"Label", "Parent", "Note"}},
		&UpdateThingParams{Since: runtime.Some("2020")})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"note":"n"`, `"label":null`, `"parent":null`, `"owner":null`} {
		if !strings.Contains(body, want) {
			t.Errorf("body %s lacks %s", body, want)
		}
	}
	if strings.Contains(body, `"dims"`) || query != "since=2020" {
		t.Errorf("body %s, query %q", body, query)
	}
	if got.ID != 7 || !reflect.DeepEqual(got.NullFields, []string{"Owner"}) {
		t.Errorf("result %+v", got)
	}
	// A name the struct does not have is an error before any I/O.
	if _, err := c.UpdateThing(ctx, 7, &ThingRequest{NullFields: []string{"Lable"}}, nil); err == nil || !strings.Contains(err.Error(), `"Lable"`) {
		t.Errorf("unknown NullFields name: %v", err)
	}
	if hits != 1 {
		t.Errorf("server called %d times, want 1", hits)
	}
}

// A property whose Go name is NullFields keeps it; the list is NullFields_.
func TestNullFieldsNameTaken(t *testing.T) {
	out, err := runtime.Marshal(Part{NullFields_: []string{"NullFields"}})
	if err != nil || string(out) != `{"nullFields":null}` {
		t.Fatalf("Marshal = %s, %v", out, err)
	}
	var p Part
	if err := runtime.Unmarshal([]byte(`{"nullFields":true}`), &p); err != nil || !p.NullFields.Value() || p.NullFields_ != nil {
		t.Fatalf("Unmarshal: %+v, %v", p, err)
	}
}
