package petstoreexpanded

// This file is copied next to the generated petstore-expanded client by
// generator's TestGolden and run with go test in the compile module.

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/genclient/genclient/runtime"
)

type recorded struct {
	method, path, query, contentType, userAgent string
	body                                        string
}

func setup(t *testing.T, handler func(w http.ResponseWriter, r *http.Request)) (*Client, *recorded) {
	t.Helper()
	rec := &recorded{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		*rec = recorded{r.Method, r.URL.EscapedPath(), r.URL.RawQuery, r.Header.Get("Content-Type"), r.Header.Get("User-Agent"), string(b)}
		w.Header().Set("Content-Type", "application/json")
		handler(w, r)
	}))
	t.Cleanup(srv.Close)
	c, err := NewClient(srv.URL + "/v2")
	if err != nil {
		t.Fatal(err)
	}
	return c, rec
}

func TestFindPets(t *testing.T) {
	c, rec := setup(t, func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `[{"id":1,"name":"Rex","tag":"dog"},{"id":2,"name":"Tom"}]`)
	})
	pets, err := c.FindPets(context.Background(), &FindPetsParams{Tags: []string{"a", "b c"}, Limit: runtime.Some[int32](0)})
	if err != nil {
		t.Fatal(err)
	}
	if rec.method != "GET" || rec.path != "/v2/pets" || rec.query != "limit=0&tags=a&tags=b+c" {
		t.Errorf("sent %s %s?%s", rec.method, rec.path, rec.query)
	}
	if rec.userAgent != "Swagger-Petstore/1.0.0 genclient" {
		t.Errorf("User-Agent %q", rec.userAgent)
	}
	if len(pets) != 2 || pets[0].ID != 1 || pets[0].Tag.Value() != "dog" || pets[1].Tag.IsSet() {
		t.Errorf("decoded %+v", pets)
	}
	if _, err := c.FindPets(context.Background(), nil); err != nil || rec.query != "" {
		t.Errorf("nil params: err %v, query %q", err, rec.query)
	}
}

func TestAddPet(t *testing.T) {
	c, rec := setup(t, func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `{"id":7,"name":"Rex"}`)
	})
	pet, err := c.AddPet(context.Background(), NewPet{Name: "Rex"})
	if err != nil {
		t.Fatal(err)
	}
	if rec.method != "POST" || rec.path != "/v2/pets" || rec.contentType != "application/json" || rec.body != `{"name":"Rex"}` {
		t.Errorf("sent %s %s %s %s", rec.method, rec.path, rec.contentType, rec.body)
	}
	if pet.ID != 7 || pet.Name != "Rex" {
		t.Errorf("decoded %+v", pet)
	}
	if _, err := c.AddPet(context.Background(), NewPet{Name: "Rex", Tag: runtime.Some("")}); err != nil || rec.body != `{"name":"Rex","tag":""}` {
		t.Errorf("empty tag: err %v, body %s", err, rec.body)
	}
}

func TestFindPetByIDError(t *testing.T) {
	c, rec := setup(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNotFound)
		json.NewEncoder(w).Encode(Error{Code: 404, Message: "no such pet"})
	})
	_, err := c.FindPetByID(context.Background(), 42)
	var apiErr *runtime.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("error %T %v, want *runtime.APIError", err, err)
	}
	if rec.path != "/v2/pets/42" || apiErr.StatusCode != 404 {
		t.Errorf("path %s, status %d", rec.path, apiErr.StatusCode)
	}
	model, ok := apiErr.Model.(*Error)
	if !ok || model.Code != 404 || model.Message != "no such pet" {
		t.Errorf("model %#v", apiErr.Model)
	}
}

func TestDeletePet(t *testing.T) {
	c, rec := setup(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})
	if err := c.DeletePet(context.Background(), 3); err != nil {
		t.Fatal(err)
	}
	if rec.method != "DELETE" || rec.path != "/v2/pets/3" || rec.body != "" {
		t.Errorf("sent %s %s %q", rec.method, rec.path, rec.body)
	}
}
