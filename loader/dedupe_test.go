package loader

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/genclient/genclient/ir"
)

// mergeSpec writes one titled schema out at many uses, in parameters and
// bodies, so that the order kin-openapi's maps hand them out in differs
// from load to load.
func mergeSpec() string {
	var b strings.Builder
	b.WriteString("openapi: \"3.0.3\"\ninfo: {title: T, version: \"1\"}\npaths:\n")
	for i := range 12 {
		fmt.Fprintf(&b, `  /r%d:
    get:
      operationId: list%d
      parameters:
        - name: created
          in: query
          style: deepObject
          schema:
            anyOf:
              - {title: range_query_specs, type: object, properties: {gt: {type: integer}, lt: {type: integer}}}
              - {type: string, enum: [""]}
      responses:
        "204": {description: ok}
    post:
      operationId: create%d
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                window: {title: range_query_specs, type: object, properties: {gt: {type: integer}, lt: {type: integer}}}
                other: {title: param, type: object, properties: {p%d: {type: string}}}
      responses:
        "204": {description: ok}
`, i, i, i, i%2)
	}
	return b.String()
}

// TestMergeInline: the 24 copies of range_query_specs are one type named
// by the title, whatever the load order; the two different schemas with
// the title param are merged each with its copies, and named after what
// the names of the copies have in common; so are the unions, with
// variants named by kind.
func TestMergeInline(t *testing.T) {
	var first []string
	for run := range 5 {
		api := loadString(t, mergeSpec())
		var names []string
		for _, n := range api.Types {
			names = append(names, n.Name)
		}
		if run == 0 {
			first = names
		} else if !slices.Equal(names, first) {
			t.Fatalf("load %d named the types\n%v\nload 0:\n%v", run, names, first)
		}
		rq := findType(t, api, "RangeQuerySpecs")
		uses := 0
		for _, s := range api.Services {
			for _, o := range s.Operations {
				if o.Body != nil {
					if f := field(t, findType(t, api, ir.StructOf(o.Body.Contents[0].Type).Fields[0].Type.(*ir.Named).Name), "gt"); f == nil {
						t.Fatal("no gt")
					}
					if ir.StructOf(o.Body.Contents[0].Type).Fields[0].Type == ir.Type(rq) {
						uses++
					}
				}
				for _, p := range o.Params {
					if n := p.Type.(*ir.Named).Name; n != "Created" {
						t.Errorf("parameter type %s, want the one union Created", n)
					}
					u := p.Type.(*ir.Named).Type.(*ir.Union)
					if u.Variants[0].Type == ir.Type(rq) {
						uses++
					}
					if v := u.Variants[1].Type.(*ir.Named).Name; v != p.Type.(*ir.Named).Name+"Empty" {
						t.Errorf("variant %s", v)
					}
				}
			}
		}
		if uses != 24 {
			t.Errorf("RangeQuerySpecs used %d times, want 24", uses)
		}
		if n := strings.Count(strings.Join(names, " "), "RangeQuerySpecs"); n != 1 {
			t.Errorf("%d types named like RangeQuerySpecs: %v", n, names)
		}
		var params []string
		for _, n := range names {
			if strings.Contains(n, "RequestOther") {
				params = append(params, n)
			}
		}
		// Two shapes, six copies each: each is one type, named by what its
		// copies' names have in common, the second (that name taken) with
		// its kind.
		if want := []string{"RequestOther", "RequestOtherObject"}; !slices.Equal(params, want) {
			t.Errorf("param types %v, want %v", params, want)
		}
		if rq.Doc.Summary != "" {
			t.Errorf("summary %q: the name says it", rq.Doc.Summary)
		}
	}
}

func TestMergedName(t *testing.T) {
	for _, tc := range []struct {
		cands []string
		want  string
	}{
		{[]string{"PostCustomersRequestMetadata", "PostChargesChargeRequestMetadata"}, "PostRequestMetadata"},
		{[]string{"AccountCapabilitiesCardPayments", "AccountCapabilitiesAcssDebitPayments"}, "AccountCapabilitiesPayments"},
		{[]string{"GetChargesCreated", "GetCustomersCreated", "ListInvoicesCreated"}, "Created"},
		{[]string{"PetOwner", "PetOwner"}, "PetOwner"},
		{[]string{"FooBar", "FooBarBar"}, "FooBar"},
		{[]string{"Alpha", "Beta"}, "Alpha"},
	} {
		if got := mergedName(tc.cands); got != tc.want {
			t.Errorf("mergedName(%q) = %q, want %q", tc.cands, got, tc.want)
		}
	}
}

func TestKeyedName(t *testing.T) {
	for _, tc := range []struct{ ptr, key, alt string }{
		{"/components/responses/service_unavailable/content/application~1json/schema", "ServiceUnavailable", "ServiceUnavailableResponse"},
		{"/components/requestBodies/PetBody/content/application~1json/schema", "PetBody", "PetBodyRequest"},
		{"/components/parameters/sort_order/schema", "SortOrder", "SortOrderParam"},
		{"/components/parameters/q/content/application~1json/schema", "Q", "QParam"},
		{"/components/headers/X-Rate/schema", "XRate", "XRateHeader"},
		{"/components/responses/NotFoundResponse/content/application~1json/schema", "NotFoundResponse", ""},
		{"/components/responses/x/content/application~1json/schema/items", "", ""},
		{"/components/schemas/Pet", "", ""},
		{"/paths/~1pets/get/responses/200/content/application~1json/schema", "", ""},
	} {
		k, a := keyedName(loc{"", newPtrTable().at(tc.ptr)})
		if k != tc.key || a != tc.alt {
			t.Errorf("keyedName(%s) = %q, %q; want %q, %q", tc.ptr, k, a, tc.key, tc.alt)
		}
	}
}

func TestTitleAndSingular(t *testing.T) {
	for in, want := range map[string]string{"range_query_specs": "RangeQuerySpecs", "AccountList": "AccountList",
		"io.example.Pet": "IoExamplePet", "The pet to add": "", "": ""} {
		if got := titleName(in); got != want {
			t.Errorf("titleName(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"Customers": "Customer", "BalanceTransactions": "BalanceTransaction",
		"Entries": "Entry", "Addresses": "Address", "Boxes": "Box", "Status": "Status", "Access": "Access",
		"Bonuses": "Bonus", "Responses": "Response", "Card": "Card"} {
		if got := singular(in); got != want {
			t.Errorf("singular(%q) = %q, want %q", in, got, want)
		}
	}
}
