package operations

// Copied next to the generated operations client by TestGolden: every
// assertion runs the generated methods against httptest.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/genclient/genclient/runtime"
)

// seen is what the server got for one request.
type seen struct {
	method, path, query, body, contentType string
	header                                 http.Header
	cookies                                []*http.Cookie
}

func setup(t *testing.T, h func(w http.ResponseWriter, r *http.Request), opts ...runtime.Option) (*Client, *seen, *atomic.Int32) {
	t.Helper()
	got := &seen{}
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		b, _ := io.ReadAll(r.Body)
		*got = seen{r.Method, r.URL.EscapedPath(), r.URL.RawQuery, string(b), r.Header.Get("Content-Type"), r.Header.Clone(), r.Cookies()}
		if h != nil {
			h(w, r)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(srv.Close)
	c, err := NewClient(srv.URL, append([]runtime.Option{runtime.WithRetry(runtime.RetryPolicy{MaxAttempts: 1})}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c, got, &n
}

func TestParameterStyles(t *testing.T) {
	c, got, _ := setup(t, nil)
	ctx := context.Background()
	err := c.Styles.Get(ctx, []string{"a", "b"}, "m/..", Rgb{R: runtime.Some(1), G: runtime.Some(2)}, StateOpen, &StylesGetParams{
		CSV:      []string{"x", "y,z"},
		Deep:     &Rgb{R: runtime.Some(100), B: runtime.Some(150)},
		Filter:   &StylesGetFilter{Q: runtime.Some("a b")},
		Pipe:     []int{1, 2},
		Reserved: runtime.Some("/a?b"),
		Space:    []string{"s", "t"},
		States:   []State{StateClosed},
		XColor:   &Rgb{R: runtime.Some(9)},
		IDs:      []int{7, 8},
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := "/styles/.a.b/;matrix=m%2F../R=1,G=2"; got.path != want {
		t.Errorf("path\n got %s\nwant %s", got.path, want)
	}
	wantQuery := "state=open&states=closed&csv=x,y%2Cz&deep[R]=100&deep[B]=150&filter=%7B%22q%22%3A%22a%20b%22%7D&pipe=1|2&reserved=/a?b&space=s%20t"
	if got.query != wantQuery {
		t.Errorf("query\n got %s\nwant %s", got.query, wantQuery)
	}
	if h := got.header.Get("X-Color"); h != "R=9" {
		t.Errorf("header X-Color %q", h)
	}
	var ids []string
	for _, ck := range got.cookies {
		if ck.Name == "ids" {
			ids = append(ids, ck.Value)
		}
	}
	if fmt.Sprint(ids) != "[7 8]" {
		t.Errorf("cookies %v", got.cookies)
	}
}

// TestBadArguments: each is a clear error before any I/O, never a panic.
func TestBadArguments(t *testing.T) {
	c, _, n := setup(t, nil)
	ctx := context.Background()
	obj := Rgb{R: runtime.Some(1)}
	if err := c.Styles.Get(ctx, nil, "m", obj, StateOpen, nil); !errors.Is(err, runtime.ErrEmptyPathParam) || !strings.Contains(err.Error(), `"label"`) {
		t.Errorf("nil list in the path: %v", err)
	}
	if err := c.Styles.Get(ctx, []string{"a"}, "m", obj, State("bogus"), nil); !errors.Is(err, runtime.ErrInvalidValue) || !strings.Contains(err.Error(), `state: invalid value "bogus"`) {
		t.Errorf("invalid enum: %v", err)
	}
	if err := c.Styles.Get(ctx, []string{"a"}, "m", obj, StateOpen, &StylesGetParams{States: []State{"nope"}}); !errors.Is(err, runtime.ErrInvalidValue) {
		t.Errorf("invalid enum in params: %v", err)
	}
	if _, err := c.Things.Get(ctx, ""); !errors.Is(err, runtime.ErrEmptyPathParam) {
		t.Errorf("empty path parameter: %v", err)
	}
	if err := c.Things.Upload(ctx, "1", ThingsUploadMultipart{}); !errors.Is(err, runtime.ErrRequired) {
		t.Errorf("missing file: %v", err)
	}
	if _, err := c.Things.CreateWithBody(ctx, "application/octet-stream", nil); !errors.Is(err, runtime.ErrRequired) {
		t.Errorf("nil reader: %v", err)
	}
	if n.Load() != 0 {
		t.Errorf("%d requests were sent", n.Load())
	}
	c2, got, _ := setup(t, func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte(`{"id":"x"}`)) })
	if _, err := c2.Things.Get(ctx, "../../admin"); err != nil || got.path != "/things/..%2F..%2Fadmin" {
		t.Errorf("../ in a path parameter reached %q (%v)", got.path, err)
	}
	if _, err := c2.Things.Get(ctx, ".."); err != nil || got.path != "/things/%2E%2E" {
		t.Errorf(".. reached %q (%v)", got.path, err)
	}
}

// TestBadResponses: HTML instead of JSON, a truncated body and an
// undeclared status are clear errors.
func TestBadResponses(t *testing.T) {
	ctx := context.Background()
	c, _, _ := setup(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/things/html":
			w.Header().Set("Content-Type", "text/html")
			_, _ = w.Write([]byte("<html><body>" + strings.Repeat("x", 10000) + "</body></html>"))
		case "/things/cut":
			w.Header().Set("Content-Length", "50")
			_, _ = w.Write([]byte(`{"id":`))
		case "/things/missing":
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(404)
			_, _ = w.Write([]byte(`{"message":"no such thing"}`))
		default:
			w.WriteHeader(http.StatusTeapot)
			_, _ = w.Write([]byte(`short and stout`))
		}
	})
	_, err := c.Things.Get(ctx, "html")
	var de *runtime.DecodeError
	if !errors.As(err, &de) || de.StatusCode != 200 || len(de.Body) > runtime.MaxErrorBody || !strings.HasPrefix(string(de.Body), "<html>") {
		t.Errorf("HTML body: %v", err)
	}
	var te *runtime.TransportError
	if _, err := c.Things.Get(ctx, "cut"); !errors.As(err, &te) {
		t.Errorf("truncated body: %v", err)
	}
	var ae *runtime.APIError
	if _, err := c.Things.Get(ctx, "missing"); !errors.As(err, &ae) || ae.StatusCode != 404 || modelMessage(ae) != "no such thing" {
		t.Errorf("declared error: %v", err)
	}
	if _, err := c.Things.Get(ctx, "teapot"); !errors.As(err, &ae) || ae.StatusCode != 418 {
		t.Errorf("unknown status: %v", err)
	}
}

func TestBodiesAndResults(t *testing.T) {
	ctx := context.Background()
	status := 200
	c, got, _ := setup(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Rate-Limit", "41")
		w.Header().Set("X-Request-ID", "req-1")
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		switch status {
		case 200:
			_, _ = w.Write([]byte(`{"id":"t1","name":"one"}`))
		case 202:
			_, _ = w.Write([]byte(`{"job":"j1"}`))
		default:
			_, _ = w.Write([]byte(`{"message":"bad name"}`))
		}
	}, WithBearer("tok"))
	var h ThingsCreateHeaders
	res, err := c.Things.Create(ctx, NewThing{Name: "one"}, runtime.WithResponseHeaders(&h))
	if err != nil || res.StatusCode != 200 || res.OK.ID != "t1" || res.Accepted != nil {
		t.Fatalf("200: %+v %v", res, err)
	}
	if h.XRateLimit != runtime.Some(41) || h.XRequestID.Value() != "req-1" {
		t.Errorf("headers %+v", h)
	}
	if got.contentType != "application/json" || got.body != `{"name":"one"}` || got.header.Get("Authorization") != "Bearer tok" {
		t.Errorf("JSON body %q %q %q", got.contentType, got.body, got.header.Get("Authorization"))
	}
	status = 202
	res, err = c.Things.CreateWithForm(ctx, NewThing{Name: "two", Metadata: map[string]string{"k": "v w"}})
	if err != nil || res.StatusCode != 202 || res.Accepted.Job.Value() != "j1" || res.OK != nil {
		t.Fatalf("202: %+v %v", res, err)
	}
	if got.contentType != "application/x-www-form-urlencoded" || got.body != "name=two&metadata[k]=v%20w" {
		t.Errorf("form body %q %q", got.contentType, got.body)
	}
	res, err = c.Things.CreateWithBody(ctx, "application/octet-stream", strings.NewReader("raw"))
	if err != nil || got.contentType != "application/octet-stream" || got.body != "raw" {
		t.Errorf("raw body %q %q %v", got.contentType, got.body, err)
	}
	status = 400
	var ae *runtime.APIError
	if _, err := c.Things.Create(ctx, NewThing{Name: ""}); !errors.As(err, &ae) || modelMessage(ae) != "bad name" {
		t.Errorf("default error: %v", err)
	}
}

func TestMultipartAndSecurity(t *testing.T) {
	ctx := context.Background()
	c, got, _ := setup(t, nil, WithBearer("tok"), WithKey("k1"), WithBasic("u", "p"))
	pr, pw := io.Pipe()
	go func() { _, _ = pw.Write([]byte("PNG...")); _ = pw.Close() }()
	err := c.Things.Upload(ctx, "7", ThingsUploadMultipart{
		Photo:   runtime.File{Name: "cat.png", ContentType: "image/png", Body: pr},
		Extra:   []runtime.File{{Name: "a.txt", Body: strings.NewReader("A")}},
		Caption: runtime.Some("a cat"),
		Tags:    []string{"x", "y"},
		Meta:    &Rgb{R: runtime.Some(1)},
	})
	if err != nil {
		t.Fatal(err)
	}
	_, params, _ := mime.ParseMediaType(got.contentType)
	r := multipart.NewReader(strings.NewReader(got.body), params["boundary"])
	var parts []string
	for {
		p, err := r.NextPart()
		if err != nil {
			break
		}
		b, _ := io.ReadAll(p)
		parts = append(parts, p.FormName()+"/"+p.FileName()+"/"+p.Header.Get("Content-Type")+"/"+string(b))
	}
	want := `[photo/cat.png/image/png/PNG... extra/a.txt/application/octet-stream/A caption///a cat tags///x tags///y meta//application/json/{"R":1}]`
	if fmt.Sprint(parts) != want {
		t.Errorf("parts\n got %v\nwant %s", parts, want)
	}
	// security: [{key, basic}, {oauth}]: the AND set is configured.
	if got.query != "api_key=k1" || !strings.HasPrefix(got.header.Get("Authorization"), "Basic ") {
		t.Errorf("AND requirement: query %q, Authorization %q", got.query, got.header.Get("Authorization"))
	}
	// Only half of the AND set: neither is sent, nor the default bearer.
	c2, got2, _ := setup(t, nil, WithBearer("tok"), WithKey("k1"))
	if err := c2.Things.Upload(ctx, "7", ThingsUploadMultipart{Photo: runtime.File{Body: strings.NewReader("x")}}); err != nil {
		t.Fatal(err)
	}
	if got2.query != "" || got2.header.Get("Authorization") != "" {
		t.Errorf("half an AND set sent query %q, Authorization %q", got2.query, got2.header.Get("Authorization"))
	}
	// security: [] sends nothing, even with credentials configured.
	resp, err := c.Things.Download(ctx, "7")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got.query != "" || got.header.Get("Authorization") != "" {
		t.Errorf("security [] sent query %q, Authorization %q", got.query, got.header.Get("Authorization"))
	}
	// An API key in a cookie.
	c3, got3, _ := setup(t, func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("echo")) }, WithToken("s3"), WithBearer("tok"))
	txt, err := c3.Things.PostNotes(ctx, "hello")
	if err != nil || txt != "echo" || got3.body != "hello" || got3.contentType != "text/plain" {
		t.Errorf("text: %q %v %q", txt, err, got3.body)
	}
	if len(got3.cookies) != 1 || got3.cookies[0].Name != "sid" || got3.cookies[0].Value != "s3" || got3.header.Get("Authorization") != "" {
		t.Errorf("cookie key: %v, Authorization %q", got3.cookies, got3.header.Get("Authorization"))
	}
}

func TestStreamAndPages(t *testing.T) {
	ctx := context.Background()
	tokens := runtime.TokenSourceFunc(func(context.Context) (*runtime.Token, error) {
		return &runtime.Token{AccessToken: runtime.NewSecret("code-tok")}, nil
	})
	c, got, _ := setup(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/events":
			w.Header().Set("Content-Type", "text/event-stream")
			_, _ = w.Write([]byte("data: {\"job\":\"a\"}\n\ndata: {\"job\":\"b\"}\n\n"))
		case "/things":
			switch r.URL.Query().Get("after") {
			case "":
				_, _ = w.Write([]byte(`{"data":[{"id":"1"},{"id":"2"}],"next":"c2"}`))
			case "c2":
				_, _ = w.Write([]byte(`{"data":[{"id":"3"}],"next":null}`))
			}
		}
	}, WithCode(tokens))
	var jobs []string
	for j, err := range c.Events(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		jobs = append(jobs, j.Job.Value())
	}
	if fmt.Sprint(jobs) != "[a b]" || got.header.Get("Authorization") != "Bearer code-tok" {
		t.Errorf("events %v, Authorization %q", jobs, got.header.Get("Authorization"))
	}
	var ids []string
	for th, err := range c.Things.ListAll(ctx, nil) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, th.ID)
	}
	if fmt.Sprint(ids) != "[1 2 3]" {
		t.Errorf("pages %v", ids)
	}
	if s := Servers(); len(s) != 2 || s[0] != DefaultServerURL || s[1] != "https://sandbox.ops.example.com/v2" {
		t.Errorf("Servers %v", s)
	}
	var payload ThingCreatedWebhookRequest // webhook payload types are generated
	_ = payload
}

// modelMessage is the message of the declared error model, "" if absent.
func modelMessage(e *runtime.APIError) string {
	if m, ok := e.Model.(*Error); ok {
		return m.Message.Value()
	}
	return fmt.Sprintf("model %T", e.Model)
}
