package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/genclient/genclient/internal/testmod"
)

// official is a comparison of a generated client with an official,
// hand-written SDK of the same API: two small programs that make the
// same calls, one through each, built cold (fresh GOCACHE, standard
// library included) and again after an edit to their main.go.
type official struct {
	doc    string // the document, as -docs names it
	module string // the SDK's module path, required by the root go.mod
	// gen and sdk are the statements of main after "ctx :=
	// context.Background()": gen with the generated package imported as
	// api and a client c; sdk with the SDK's own imports.
	gen, sdk  string
	sdkImport string
}

// officials are the comparisons -official runs.
var officials = []official{{
	doc:    "dir:stripe.com.json",
	module: "github.com/stripe/stripe-go/v82",
	gen: `report(c.PostCustomers(ctx, &api.PostCustomersRequest{}))
	for _, err := range c.GetChargesAll(ctx, nil) {
		fmt.Println(edit, err)
		break
	}
	report(c.GetPaymentIntentsIntent(ctx, "pi_1", nil))
	report(c.PostRefunds(ctx, &api.PostRefundsRequest{}))
	report(c.PostSubscriptionsSubscriptionExposedID(ctx, "sub_1", &api.PostSubscriptionsSubscriptionExposedIDRequest{}))`,
	sdkImport: `stripe "github.com/stripe/stripe-go/v82"`,
	sdk: `c := stripe.NewClient(os.Getenv("STRIPE_KEY"))
	report(c.V1Customers.Create(ctx, &stripe.CustomerCreateParams{}))
	for _, err := range c.V1Charges.List(ctx, &stripe.ChargeListParams{}) {
		fmt.Println(edit, err)
		break
	}
	report(c.V1PaymentIntents.Retrieve(ctx, "pi_1", nil))
	report(c.V1Refunds.Create(ctx, &stripe.RefundCreateParams{}))
	report(c.V1Subscriptions.Update(ctx, "sub_1", &stripe.SubscriptionUpdateParams{}))`,
}}

// officialRow is one side of a comparison.
type officialRow struct {
	doc, client, status string
	cold, rebuild       cost
	binary              int64
}

const consumerHead = `package main

import (
	"context"
	"fmt"
	"os"

	%s
)

const edit = 0

func report[T any](v T, err error) { fmt.Println(edit, err != nil) }

func main() {
	ctx := context.Background()
`

// officials measures each comparison whose document is in ds.
func (m *measurer) officials(specs string) ([]officialRow, error) {
	var out []officialRow
	for _, o := range officials {
		ds, err := resolve(specs, o.doc)
		if err != nil {
			return nil, err
		}
		d := ds[0]
		pkg := pkgName(d.name)
		dir := filepath.Join(m.work, "official-"+pkg)
		gen := officialRow{doc: d.name, client: "genclient", status: "ok"}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
		if out, _, err := m.run(dir, nil, m.self, "-child-spec", d.path, "-child-dir", dir, "-child-pkg", pkg, "-calls", "0"); err != nil {
			gen.status = "generate: " + firstLine(out)
		} else {
			main := fmt.Sprintf(consumerHead, "api \"example.com/bench/"+pkg+"\"") +
				"\tc, err := api.NewClient(\"http://127.0.0.1:1\")\n\tif err != nil {\n\t\tfmt.Fprintln(os.Stderr, err)\n\t\tos.Exit(1)\n\t}\n\t" +
				o.gen + "\n}\n"
			m.consumer(dir, main, "example.com/bench", nil, &gen)
		}
		out = append(out, gen)

		sdkDir := filepath.Join(m.work, "official-sdk-"+pkg)
		version, err := requiredVersion(m.root, o.module)
		sdk := officialRow{doc: d.name, client: o.module + " " + version, status: "ok"}
		if err != nil {
			return nil, err
		}
		if err := os.MkdirAll(sdkDir, 0o755); err != nil {
			return nil, err
		}
		gomod := "module example.com/official\n\ngo 1.26\n\nrequire " + o.module + " " + version + "\n"
		main := fmt.Sprintf(consumerHead, o.sdkImport) + "\t" + o.sdk + "\n}\n"
		m.consumer(sdkDir, main, "", []byte(gomod), &sdk)
		out = append(out, sdk)
	}
	return out, nil
}

// consumer writes main into dir/consumer (and the module's go.mod: gomod,
// or the scratch module of the checkout named path), builds it cold and
// after an edit, and records the costs and the binary's size in r.
func (m *measurer) consumer(dir, main, path string, gomod []byte, r *officialRow) {
	fail := func(what string, err error) { r.status = what + ": " + err.Error() }
	if err := os.MkdirAll(filepath.Join(dir, "consumer"), 0o755); err != nil {
		fail("write", err)
		return
	}
	var err error
	if gomod == nil {
		err = testmod.Write(dir, path, m.root)
	} else if err = os.WriteFile(filepath.Join(dir, "go.mod"), gomod, 0o644); err == nil {
		err = os.WriteFile(filepath.Join(dir, "go.sum"), testmod.GoSum(m.root), 0o644)
	}
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, "consumer", "main.go"), []byte(main), 0o644)
	}
	if err != nil {
		fail("write", err)
		return
	}
	cache := filepath.Join(dir, "gocache")
	defer os.RemoveAll(cache)
	env := []string{"GOCACHE=" + cache, "GOFLAGS=-mod=mod", "GOWORK=off"}
	bin := filepath.Join(dir, "consumer.bin")
	out, c, err := m.build(dir, env, "-o", bin, "./consumer")
	if err != nil {
		r.status = "build: " + firstLine(out)
		return
	}
	r.cold = c
	if fi, err := os.Stat(bin); err == nil {
		r.binary = fi.Size()
	}
	if out, r.rebuild, err = m.rebuild(dir, env, main, bin); err != nil {
		r.status = "rebuild: " + firstLine(out)
	}
}

// requiredVersion returns the version of module the root go.mod requires.
func requiredVersion(root, module string) (string, error) {
	f, err := os.Open(filepath.Join(root, "go.mod"))
	if err != nil {
		return "", err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(strings.TrimPrefix(strings.TrimSpace(sc.Text()), "require "))
		if len(fields) >= 2 && fields[0] == module {
			return fields[1], nil
		}
	}
	return "", fmt.Errorf("the root go.mod does not require %s", module)
}

// printOfficials prints the comparisons.
func printOfficials(w io.Writer, rows []officialRow) {
	fmt.Fprintln(w, "\nthe same calls through the generated client and the official SDK (cold: fresh GOCACHE, standard library included)")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "document\tclient\tcold s\tcold cpu s\tcold MB\trebuild s\trebuild cpu s\tbinary KB\t")
	for _, r := range rows {
		if r.status != "ok" {
			fmt.Fprintf(tw, "%s\t%s\t%s\t\n", r.doc, r.client, r.status)
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\t%.1f\t%.1f\t%d\t%.2f\t%.2f\t%d\t\n", r.doc, r.client,
			r.cold.wall.Seconds(), r.cold.cpu.Seconds(), r.cold.rss>>20,
			r.rebuild.wall.Seconds(), r.rebuild.cpu.Seconds(), r.binary>>10)
	}
	tw.Flush()
}
