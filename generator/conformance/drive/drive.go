package drive

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"reflect"
	"strings"
	"time"

	"github.com/genclient/genclient/generator/conformance/mock"
	"github.com/genclient/genclient/runtime"
)

// NewClientFunc wraps a generated package's NewClient.
type NewClientFunc func(serverURL string, opts ...runtime.Option) (any, error)

// Timeouts of one call. Prism generates some large responses slowly, the
// more so on a busy machine; the operations known to fail against it
// (-quick) get the short one.
const (
	callTimeout  = 60 * time.Second
	quickTimeout = 10 * time.Second
)

// quickOps holds the keys of -quick.
var quickOps = map[string]bool{}

// Main is the whole driver program: it reads -plan, calls every operation
// of the client named -client against the mock (or -target, a Prism URL)
// and writes -report. clients maps names to the generated packages'
// NewClient.
func Main(clients map[string]NewClientFunc) {
	name := flag.String("client", "", "which client to drive (optional when there is one)")
	planPath := flag.String("plan", "", "plan file (JSON)")
	reportPath := flag.String("report", "", "report file to write (JSON)")
	target := flag.String("target", "", "base URL of an external mock (Prism); empty starts the validating mock")
	quick := flag.String("quick", "", "newline-separated operation keys known to fail (slowly): they get "+quickTimeout.String()+", not "+callTimeout.String())
	flag.Parse()
	for _, k := range strings.Split(*quick, "\n") {
		if k != "" {
			quickOps[k] = true
		}
	}
	newClient := clients[*name]
	if *name == "" && len(clients) == 1 {
		for _, f := range clients {
			newClient = f
		}
	}
	if newClient == nil {
		fmt.Fprintf(os.Stderr, "driver: no client %q\n", *name)
		os.Exit(2)
	}
	if err := run(newClient, *planPath, *reportPath, *target); err != nil {
		fmt.Fprintln(os.Stderr, "driver:", err)
		os.Exit(1)
	}
}

func run(newClient NewClientFunc, planPath, reportPath, target string) error {
	b, err := os.ReadFile(planPath)
	if err != nil {
		return err
	}
	var plan Plan
	if err := json.Unmarshal(b, &plan); err != nil {
		return fmt.Errorf("plan: %w", err)
	}
	var srv *mock.Server
	if target == "" {
		doc, err := mock.LoadDoc(plan.Spec)
		if err != nil {
			return err
		}
		if srv, err = mock.Start(doc); err != nil {
			return err
		}
		defer srv.Close()
		target = srv.URL
	}
	opts := []runtime.Option{runtime.WithTimeout(callTimeout), runtime.WithNoRetry()}
	for _, s := range plan.Schemes {
		if a := credential(s); a != nil {
			opts = append(opts, runtime.WithCredential(s.Key, a))
		}
	}
	client, err := newClient(target, opts...)
	if err != nil {
		return fmt.Errorf("NewClient: %w", err)
	}
	rep := Report{Target: target}
	for _, op := range plan.Ops {
		rep.Results = append(rep.Results, call(client, op, srv))
	}
	if srv != nil {
		rep.Notes = srv.Notes()
	}
	out, err := json.MarshalIndent(rep, "", "\t")
	if err != nil {
		return err
	}
	return os.WriteFile(reportPath, out, 0o644)
}

// credential returns placeholder credentials for a scheme.
func credential(s Scheme) runtime.Auth {
	switch s.Type {
	case "basic":
		return runtime.BasicAuth("user", "pass")
	case "bearer", "oauth2", "openIdConnect":
		return runtime.BearerToken("token")
	case "apiKey":
		return runtime.APIKey(s.In, s.Name, "key")
	case "digest":
		return runtime.DigestAuth("user", "pass")
	case "other":
		scheme := s.HTTPScheme
		return runtime.SignerFunc(func(r *http.Request) error {
			r.Header.Set("Authorization", scheme+" token")
			return nil
		})
	}
	return nil
}

var (
	ctxType      = reflect.TypeFor[context.Context]()
	responseType = reflect.TypeFor[*runtime.Response]()
	errorType    = reflect.TypeFor[error]()
)

// call makes one planned call and classifies the outcome.
func call(client any, op Op, srv *mock.Server) (res Result) {
	res = Result{Key: op.Key, Call: strings.TrimPrefix(op.Service+"."+op.Method, ".")}
	defer func() {
		if p := recover(); p != nil {
			res.Outcome, res.Detail = "client", append(res.Detail, fmt.Sprintf("panic: %v", p))
		}
	}()
	recv := reflect.ValueOf(client)
	if op.Service != "" {
		f := recv.Elem().FieldByName(op.Service)
		if !f.IsValid() {
			return fail(res, "signature", "client has no service field %s", op.Service)
		}
		recv = f
	}
	m := recv.MethodByName(op.Method)
	if !m.IsValid() {
		return fail(res, "signature", "%s has no method %s", recv.Type(), op.Method)
	}
	in, err := arguments(m.Type(), op)
	if err != nil {
		return fail(res, "signature", "%v", err)
	}
	var slViolations []string
	hook := runtime.WithResponseHook(func(r *http.Response) {
		slViolations = append(slViolations, r.Header.Values("sl-violations")...)
	})
	in = append(in, reflect.ValueOf(hook))
	if quickOps[op.Key] {
		in = append(in, reflect.ValueOf(runtime.WithTimeout(quickTimeout)))
	}
	before, hits := 0, 0
	if srv != nil {
		before, hits = len(srv.Violations()), len(srv.Hits())
	}
	outs := m.Call(in)
	if len(outs) == 1 && outs[0].Kind() == reflect.Func && outs[0].Type().CanSeq2() {
		// A stream (text/event-stream, JSON Lines): iter.Seq2[T, error],
		// drained here; its first error is the call's.
		n := 0
		for _, e := range outs[0].Seq2() {
			if !e.IsNil() {
				res.Outcome = "client"
				res.Detail = append(res.Detail, "error: "+e.Interface().(error).Error())
				break
			}
			n++
		}
		if res.Outcome == "" && op.WantBody && n == 0 {
			res.Outcome, res.Detail = "client", append(res.Detail, "the stream yielded nothing, though the server sent a body")
		}
	} else if e := outs[len(outs)-1]; op.WantError != 0 {
		var ae *runtime.APIError
		switch {
		case e.IsNil():
			res.Outcome = "client"
			res.Detail = append(res.Detail, fmt.Sprintf("the server answered %d, a documented error, and the call succeeded", op.WantError))
		case !errors.As(e.Interface().(error), &ae) || ae.StatusCode != op.WantError:
			res.Outcome = "client"
			res.Detail = append(res.Detail, fmt.Sprintf("the server answered %d, a documented error; want a *runtime.APIError with that status, got: %v", op.WantError, e.Interface()))
		}
	} else if !e.IsNil() {
		res.Outcome = "client"
		res.Detail = append(res.Detail, "error: "+e.Interface().(error).Error())
	} else if len(outs) == 2 {
		if msg := checkResult(outs[0], op.WantBody); msg != "" {
			res.Outcome, res.Detail = "client", append(res.Detail, msg)
		}
	}
	for _, v := range slViolations {
		res.Outcome, res.Detail = "violation", append(res.Detail, "prism: "+v)
	}
	if srv != nil {
		for _, v := range srv.Violations()[before:] {
			res.Outcome, res.Detail = "violation", append(res.Detail, v.String())
		}
		got := srv.Hits()[hits:]
		if len(got) == 0 && res.Outcome == "" {
			res.Outcome, res.Detail = "client", append(res.Detail, "no request reached the mock")
		}
		want, _, _ := strings.Cut(op.Key, "?") // OpenAI's "/responses?beta=true" path keys
		for _, h := range got {
			if h != want {
				res.Outcome, res.Detail = "client", append(res.Detail, "request routed to "+h)
			}
		}
	}
	if res.Outcome == "" {
		res.Outcome = "ok"
	}
	return res
}

func fail(res Result, outcome, format string, args ...any) Result {
	res.Outcome = outcome
	res.Detail = append(res.Detail, fmt.Sprintf(format, args...))
	return res
}

// arguments builds the context, the planned arguments and the params
// struct; the caller appends options.
func arguments(mt reflect.Type, op Op) ([]reflect.Value, error) {
	if !mt.IsVariadic() || mt.NumIn() < 2 || mt.In(0) != ctxType {
		return nil, fmt.Errorf("method %s: want (ctx, ..., ...runtime.Option)", mt)
	}
	want := len(op.Args) + 2
	if op.ParamsType != "" {
		want++
	}
	if mt.NumIn() != want {
		return nil, fmt.Errorf("method %s takes %d arguments, the plan has ctx + %d args%s + opts (%s)",
			mt, mt.NumIn(), len(op.Args), map[bool]string{true: " + params", false: ""}[op.ParamsType != ""], argNames(op))
	}
	in := []reflect.Value{reflect.ValueOf(context.Background())}
	for i, a := range op.Args {
		v, err := build(mt.In(i+1), a)
		if err != nil {
			return nil, err
		}
		in = append(in, v)
	}
	if op.ParamsType != "" {
		pt := mt.In(len(op.Args) + 1)
		if pt.Kind() != reflect.Pointer || pt.Elem().Kind() != reflect.Struct || pt.Elem().Name() != op.ParamsType {
			return nil, fmt.Errorf("params argument is %s, want *%s", pt, op.ParamsType)
		}
		p := reflect.New(pt.Elem())
		for name, raw := range op.Params {
			f := p.Elem().FieldByName(name)
			if !f.IsValid() {
				return nil, fmt.Errorf("%s has no field %s", op.ParamsType, name)
			}
			var x any
			_ = json.Unmarshal(raw, &x)
			if err := fill(f, x, nil, name); err != nil {
				return nil, fmt.Errorf("%s.%s: %w", op.ParamsType, name, err)
			}
		}
		in = append(in, p)
	}
	return in, nil
}

func argNames(op Op) string {
	var names []string
	for _, a := range op.Args {
		names = append(names, a.Role+" "+a.Name)
	}
	return strings.Join(names, ", ")
}

// checkResult drains a streamed result and reports a zero result when the
// server sent a body.
func checkResult(r reflect.Value, wantBody bool) string {
	if r.Type() == responseType {
		resp := r.Interface().(*runtime.Response)
		if resp == nil {
			return "nil *runtime.Response"
		}
		n, err := io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if err != nil {
			return "reading the body: " + err.Error()
		}
		if wantBody && n == 0 {
			return "empty body"
		}
		return ""
	}
	if rc, ok := r.Interface().(io.ReadCloser); ok && rc != nil {
		_, err := io.Copy(io.Discard, rc)
		rc.Close()
		if err != nil {
			return "reading the body: " + err.Error()
		}
		return ""
	}
	if r.Type().Implements(errorType) {
		return ""
	}
	if wantBody && r.IsZero() {
		return fmt.Sprintf("result %s is the zero value, though the server sent a body", r.Type())
	}
	return ""
}
