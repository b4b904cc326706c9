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
//
// For profiling, GENCLIENT_CPUPROFILE=FILE writes a CPU profile of the run
// to FILE.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"runtime/pprof"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	if name := os.Getenv("GENCLIENT_CPUPROFILE"); name != "" {
		f, err := os.Create(name)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "genclient: GENCLIENT_CPUPROFILE:", err)
			os.Exit(1)
		}
		defer f.Close()
	}
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	pprof.StopCPUProfile()
	stop()
	os.Exit(code)
}
