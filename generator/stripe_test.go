package generator

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/genclient/genclient/internal/apisguru"
	"github.com/genclient/genclient/internal/testmod"
	"github.com/genclient/genclient/ir"
	"github.com/genclient/genclient/loader"
)

// TestStripeLists checks that Stripe's lists, which the document
// describes only by their shape (has_more beside data, a starting_after
// parameter), iterate: on the whole document every such list gets an
// iterator that sends the last item's id; and a client of two of them,
// compiled with a test that ranges over ChargesAll against a server,
// walks every page; the SDK module's examples are one per service.
func TestStripeLists(t *testing.T) {
	if testing.Short() {
		t.Skip("loads Stripe's 2.5 MB document")
	}
	doc := apisguru.Doc(t, "stripe.com.json")
	api, err := loader.Load(doc, loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	lists, paged := 0, 0
	for _, s := range api.Services {
		for _, o := range s.Operations {
			if !stripeList(o) {
				continue
			}
			lists++
			if p := o.Pagination; p != nil && p.Kind == ir.PageCursor && p.Param == "starting_after" && p.CursorItem == "id" && p.HasMore == "has_more" && p.ItemsPath == "data" {
				paged++
			} else {
				t.Errorf("%s %s: pagination %+v", o.Method, o.Path, o.Pagination)
			}
		}
	}
	if lists < 50 || paged != lists {
		t.Errorf("%d of %d Stripe lists paginate", paged, lists)
	}
	t.Logf("%d Stripe lists paginate", paged)

	// The SDK module of the whole document: one Example_{service} per
	// service (Stripe's document has no tags: one, Example_client, which
	// ranges over the first list).
	whole, err := Generate(api, Config{Package: "stripe", Module: "github.com/acme/stripe-go"})
	if err != nil {
		t.Fatal(err)
	}
	checkExamples(t, api, whole)

	small, err := loader.Load(doc, loader.Options{Edits: &loader.Edits{Include: loader.Selection{Operations: []string{"GetCharges", "GetCustomers"}}}})
	if err != nil {
		t.Fatal(err)
	}
	files, err := Generate(small, Config{Package: "stripe"})
	if err != nil {
		t.Fatal(err)
	}
	behaviour, err := os.ReadFile(filepath.Join("testdata", "behaviour", "stripe_lists.go.txt"))
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, File{Name: "lists_test.go", Content: behaviour})
	// and its SDK module's examples, compiled and vetted by go test.
	mfiles, err := Generate(small, Config{Package: "stripe", Module: "github.com/acme/stripe-go"})
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, checkExamples(t, small, mfiles))
	dir := t.TempDir()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	if err := testmod.Write(dir, "example.com/stripe", root); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, f.Name), f.Content, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command("go", "test", "-count=1", ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go test of the Stripe client: %v\n%s", err, out)
	}
}

// stripeList reports whether o has the shape of a Stripe list: a GET
// with a starting_after parameter whose 200 body has has_more and data.
func stripeList(o *ir.Operation) bool {
	if o.Method != "GET" {
		return false
	}
	after := false
	for _, p := range o.Params {
		after = after || p.In == ir.InQuery && p.WireName == "starting_after"
	}
	if !after {
		return false
	}
	for _, r := range o.Responses {
		if r.Code != 200 || len(r.Contents) == 0 {
			continue
		}
		s := ir.StructOf(r.Contents[0].Type)
		if s == nil {
			return false
		}
		has := map[string]bool{}
		for _, f := range s.Fields {
			has[f.JSONName] = true
		}
		return has["has_more"] && has["data"]
	}
	return false
}
