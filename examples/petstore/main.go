// Command petstore runs the generated petstore client against a real,
// in-process petstore server that validates every request and response
// against the OpenAPI document, and prints each step.
//
//	go run ./examples/petstore
//
// The client in ./petstore is generated from petstore-expanded.yaml and
// committed; regenerate it with `go generate ./examples/petstore`.
package main

//go:generate go run github.com/genclient/genclient/cmd/genclient -q -clean -out ./petstore -package petstore petstore-expanded.yaml

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/genclient/genclient/examples/petstore/petstore"
	"github.com/genclient/genclient/examples/petstore/server"
	"github.com/genclient/genclient/runtime"
)

//go:embed petstore-expanded.yaml
var spec []byte

func main() {
	if err := run(context.Background(), os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "petstore:", err)
		os.Exit(1)
	}
}

// run starts the server, drives the client through create, list, get,
// delete and a not-found error, and reports any spec violation the server
// saw.
func run(ctx context.Context, w io.Writer) error {
	srv, err := server.Start(spec)
	if err != nil {
		return err
	}
	defer srv.Close()
	fmt.Fprintf(w, "server: petstore listening at %s (validating against petstore-expanded.yaml)\n", srv.URL)

	c, err := petstore.NewClient(srv.URL)
	if err != nil {
		return err
	}

	fido, err := c.AddPet(ctx, petstore.NewPet{Name: "Fido", Tag: runtime.Some("dog")})
	if err != nil {
		return fmt.Errorf("create: %w", err)
	}
	fmt.Fprintf(w, "create: added pet %d %q (tag %s)\n", fido.ID, fido.Name, fido.Tag.Or("none"))
	tom, err := c.AddPet(ctx, petstore.NewPet{Name: "Tom"})
	if err != nil {
		return fmt.Errorf("create: %w", err)
	}
	fmt.Fprintf(w, "create: added pet %d %q (tag %s)\n", tom.ID, tom.Name, tom.Tag.Or("none"))

	all, err := c.FindPets(ctx, nil)
	if err != nil {
		return fmt.Errorf("list: %w", err)
	}
	fmt.Fprintf(w, "list: %d pets: %s\n", len(all), names(all))
	dogs, err := c.FindPets(ctx, &petstore.FindPetsParams{Tags: []string{"dog"}, Limit: runtime.Some[int32](10)})
	if err != nil {
		return fmt.Errorf("list dogs: %w", err)
	}
	fmt.Fprintf(w, "list: tags=dog limit=10: %d pet: %s\n", len(dogs), names(dogs))

	got, err := c.FindPetByID(ctx, tom.ID)
	if err != nil {
		return fmt.Errorf("get: %w", err)
	}
	fmt.Fprintf(w, "get: pet %d is %q\n", got.ID, got.Name)

	if err := c.DeletePet(ctx, tom.ID); err != nil {
		return fmt.Errorf("delete: %w", err)
	}
	fmt.Fprintf(w, "delete: removed pet %d\n", tom.ID)

	_, err = c.FindPetByID(ctx, tom.ID)
	var model *petstore.Error // the error model the document declares
	var apiErr *runtime.APIError
	if !errors.As(err, &model) || !errors.As(err, &apiErr) {
		return fmt.Errorf("get deleted pet: want a *petstore.Error in a *runtime.APIError, got %v", err)
	}
	fmt.Fprintf(w, "not found: %d %s: code=%d message=%q\n", apiErr.StatusCode, apiErr.Method, model.Code, model.Message)

	if v := srv.Violations(); len(v) > 0 {
		return fmt.Errorf("the server saw %d spec violations:\n%s", len(v), strings.Join(v, "\n"))
	}
	fmt.Fprintln(w, "server: every request and response matched the spec")
	return nil
}

func names(pets []petstore.Pet) string {
	var s []string
	for _, p := range pets {
		s = append(s, p.Name)
	}
	return strings.Join(s, ", ")
}
