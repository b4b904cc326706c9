// Command genclient generates a typed Go client package from an OpenAPI
// 3.0, 3.1 or Swagger 2.0 document.
//
// Usage:
//
//	genclient [flags] SPEC
//
// Typical use from a consumer package:
//
//	//go:generate go run github.com/genclient/genclient/cmd/genclient -out . -package petstore petstore.yaml
//
// Exit codes: 0 success, 1 a spec or generation error (or, with -check,
// generated files that differ), 2 a usage error.
package main

import (
	"context"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
