package runtime_test

import (
	"context"
	"encoding/pem"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"

	"github.com/genclient/genclient/runtime"
)

type pet struct {
	ID   int    `json:"id"`
	Name string `json:"name"`
}

// A session with credentials keyed by the spec's security scheme names.
// Calls pick the first requirement whose schemes are all configured.
func Example_auth() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-API-Key") != "k-123" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		fmt.Fprint(w, `{"id":42,"name":"Rex"}`)
	}))
	defer srv.Close()

	s, err := runtime.New(srv.URL,
		runtime.WithCredential("api_key", runtime.APIKey("header", "X-API-Key", "k-123")),
		runtime.WithDefaultSecurity(runtime.Requirement{"oauth"}, runtime.Requirement{"api_key"}),
	)
	if err != nil {
		panic(err)
	}
	p, err := runtime.Decode[pet](context.Background(), s, runtime.NewCall("GET", "/pets/{id}", 42))
	fmt.Println(p.Name, err)

	// A call with an empty security requirement sends no credentials.
	noAuth := runtime.NewCall("GET", "/pets/{id}", 42)
	noAuth.Security = []runtime.Requirement{}
	_, err = runtime.Decode[pet](context.Background(), s, noAuth)
	var apiErr *runtime.APIError
	fmt.Println(errors.As(err, &apiErr), apiErr.StatusCode)
	// Output:
	// Rex <nil>
	// true 401
}

// Retries follow the decision table: a GET is retried on 503, honouring
// Retry-After; a POST is not (a 503 without Retry-After may come after
// the server acted), unless it carries an idempotency key.
func Example_retries() {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1)%2 == 1 {
			if r.Method == "GET" {
				w.Header().Set("Retry-After", "0")
			}
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		fmt.Fprint(w, `{"id":1,"name":"Tom"}`)
	}))
	defer srv.Close()

	s, _ := runtime.New(srv.URL, runtime.WithRetry(runtime.RetryPolicy{MaxAttempts: 4}))
	ctx := context.Background()

	p, err := runtime.Decode[pet](ctx, s, runtime.NewCall("GET", "/pets/1"))
	fmt.Println(p.Name, err, calls.Load())

	err = runtime.Exec(ctx, s, runtime.NewCall("POST", "/pets").JSON(pet{Name: "Tom"}))
	var apiErr *runtime.APIError
	errors.As(err, &apiErr)
	fmt.Println(apiErr.StatusCode, apiErr.Attempts, calls.Load())

	calls.Store(0)

	err = runtime.Exec(ctx, s, runtime.NewCall("POST", "/pets").JSON(pet{Name: "Tom"}), runtime.WithIdempotencyKey(""))
	fmt.Println(err, calls.Load())
	// Output:
	// Tom <nil> 2
	// 503 1 3
	// <nil> 2
}

// All follows Link: rel="next" lazily, one page in memory at a time.
func Example_pagination() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Query().Get("page") {
		case "":
			w.Header().Set("Link", `</pets?page=2>; rel="next"`)
			fmt.Fprint(w, `[{"id":1,"name":"a"},{"id":2,"name":"b"}]`)
		case "2":
			fmt.Fprint(w, `[{"id":3,"name":"c"}]`)
		}
	}))
	defer srv.Close()

	s, _ := runtime.New(srv.URL)
	for p, err := range runtime.All[pet](context.Background(), s, runtime.NewCall("GET", "/pets")) {
		if err != nil {
			fmt.Println(err)
			break
		}
		fmt.Println(p.ID, p.Name)
	}
	// Output:
	// 1 a
	// 2 b
	// 3 c
}

// TLS with a private CA given as PEM; without it, verification fails.
func Example_tls() {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"id":7,"name":"secure"}`)
	}))
	defer srv.Close()
	caPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})

	s, err := runtime.New(srv.URL, runtime.WithTLS(runtime.TLSOptions{CAPEM: caPEM}))
	if err != nil {
		panic(err)
	}
	p, err := runtime.Decode[pet](context.Background(), s, runtime.NewCall("GET", "/pets/7"))
	fmt.Println(p.Name, err)

	plain, _ := runtime.New(srv.URL, runtime.WithNoRetry())
	_, err = runtime.Decode[pet](context.Background(), plain, runtime.NewCall("GET", "/pets/7"))
	var te *runtime.TransportError
	fmt.Println(errors.As(err, &te), te.Sent)

	_, err = runtime.New(srv.URL, runtime.WithTLS(runtime.TLSOptions{CAPEM: []byte("junk")}))
	fmt.Println(err)
	// Output:
	// secure <nil>
	// true false
	// runtime: TLS: CAPEM holds no PEM certificate
}
