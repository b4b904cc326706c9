package loader

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/genclient/genclient/ir"
	yaml "github.com/oasdiff/yaml3"
)

const overlayDir = "testdata/overlay/"

// opNames lists Service.Operation names of an API.
func ovOpNames(api *ir.API) []string {
	var out []string
	for _, s := range api.Services {
		for _, o := range s.Operations {
			out = append(out, s.Name+"."+o.Name)
		}
	}
	slices.Sort(out)
	return out
}

func ovFindOp(api *ir.API, id string) *ir.Operation {
	for _, s := range api.Services {
		for _, o := range s.Operations {
			if o.ID == id {
				return o
			}
		}
	}
	return nil
}

func TestOverlayPagination(t *testing.T) {
	api, err := Load(overlayDir+"api.yaml", Options{Overlays: []string{overlayDir + "paginate.yaml"}, NoDetectPagination: true})
	if err != nil {
		t.Fatal(err)
	}
	p := ovFindOp(api, "listItems").Pagination
	if p == nil || p.Kind != ir.PageCursor || p.Param != "after" || p.CursorPath != "next" || p.ItemsPath != "data" {
		t.Fatalf("pagination = %+v", p)
	}
	// Without the overlay the same document does not paginate.
	api, err = Load(overlayDir+"api.yaml", Options{NoDetectPagination: true})
	if err != nil {
		t.Fatal(err)
	}
	if p := ovFindOp(api, "listItems").Pagination; p != nil {
		t.Errorf("without overlay: pagination = %+v", p)
	}
}

func TestOverlayRenameAndRemove(t *testing.T) {
	api, err := Load(overlayDir+"api.yaml", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ovOpNames(api), []string{"Admin.DeleteItem", "Items.Get", "Items.List"}; !slices.Equal(got, want) {
		t.Fatalf("plain: %v, want %v", got, want)
	}
	api, err = Load(overlayDir+"api.yaml", Options{Overlays: []string{overlayDir + "rename.yaml", overlayDir + "remove.yaml"}})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ovOpNames(api), []string{"Items.Fetch", "Items.List"}; !slices.Equal(got, want) {
		t.Errorf("overlaid: %v, want %v", got, want)
	}
	var types []string
	for _, n := range api.Types {
		types = append(types, n.Name)
	}
	if !slices.Contains(types, "Product") || slices.Contains(types, "Item") {
		t.Errorf("types = %v, want Product instead of Item", types)
	}
	var warns []string
	for _, w := range api.Warnings {
		warns = append(warns, w.String())
	}
	want := "testdata/overlay/remove.yaml:6:13: warning: overlay action 2: target $.paths['/nothing'] selects nothing"
	if !slices.Contains(warns, want) {
		t.Errorf("warnings %q lack %q", warns, want)
	}
}

// TestOverlayPositions checks that an error in what an overlay adds is
// reported in the overlay's file, and an overlay's own errors at their line.
func TestOverlayPositions(t *testing.T) {
	for _, tc := range []struct{ overlay, want string }{
		{"badref.yaml", `testdata/overlay/badref.yaml:7:15: unresolved $ref "#/components/schemas/Owner"`},
		{"badpath.yaml", `testdata/overlay/badpath.yaml:4:13: overlay action 1: JSONPath "$.paths[0:1]" at offset 9: array slices are not supported`},
		{"api.yaml", `testdata/overlay/api.yaml: an overlay cannot be the document itself`},
		{"paginate.yaml/none", `testdata/overlay/paginate.yaml/none: cannot read file: `},
	} {
		_, err := Load(overlayDir+"api.yaml", Options{Overlays: []string{overlayDir + tc.overlay}})
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%s: err = %v\nwant %s", tc.overlay, err, tc.want)
		}
	}
}

func TestEdits(t *testing.T) {
	ed := &Edits{
		Methods:    map[string]string{"GET /items/{id}": "Fetch"},
		Types:      map[string]string{"item": "Product"},
		Pagination: map[string]PaginationRule{"listItems": {Style: "cursor", Param: "after", Cursor: "next", Items: "data"}},
		Exclude:    Selection{Tags: []string{"admin"}},
	}
	api, err := Load(overlayDir+"api.yaml", Options{Edits: ed})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ovOpNames(api), []string{"Items.Fetch", "Items.List"}; !slices.Equal(got, want) {
		t.Errorf("ops = %v, want %v", got, want)
	}
	if p := ovFindOp(api, "listItems").Pagination; p == nil || p.Kind != ir.PageCursor {
		t.Errorf("pagination = %+v", p)
	}
	api, err = Load(overlayDir+"api.yaml", Options{Edits: &Edits{Include: Selection{Operations: []string{"getItem"}}}})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ovOpNames(api), []string{"Items.Get"}; !slices.Equal(got, want) {
		t.Errorf("include: ops = %v, want %v", got, want)
	}
	for _, tc := range []struct {
		ed   Edits
		want string
	}{
		{Edits{Methods: map[string]string{"nope": "X"}}, `testdata/overlay/api.yaml: methods: "nope": no such operation`},
		{Edits{Types: map[string]string{"Nope": "X"}}, `testdata/overlay/api.yaml: types: "Nope": no such component schema`},
		{Edits{Exclude: Selection{Tags: []string{"items", "admin"}}}, `testdata/overlay/api.yaml: include and exclude leave no operation`},
	} {
		_, err := Load(overlayDir+"api.yaml", Options{Edits: &tc.ed})
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("err = %v, want %s", err, tc.want)
		}
	}
}

func TestJSONPath(t *testing.T) {
	const doc = `
store:
  book:
    - {category: reference, author: Rees, price: 8.95}
    - {category: fiction, author: Waugh, price: 12.99, isbn: x}
    - {category: fiction, author: Tolkien, price: 22.99, tags: [epic, old]}
  bicycle: {color: red, price: 399}
"a.b": {"c'd": 1}
`
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(doc), &n); err != nil {
		t.Fatal(err)
	}
	root := n.Content[0]
	for _, tc := range []struct{ q, want string }{
		{`$.store.book[*].author`, "Rees Waugh Tolkien"},
		{`$['store']["book"][0].author`, "Rees"},
		{`$.store.book[-1].author`, "Tolkien"},
		{`$.store.book[0, 2].author`, "Rees Tolkien"},
		{`$..author`, "Rees Waugh Tolkien"},
		{`$..price`, "8.95 12.99 22.99 399"},
		{`$.store.*.color`, "red"},
		{`$.store.book[?@.isbn].author`, "Waugh"},
		{`$.store.book[?!@.isbn].author`, "Rees Tolkien"},
		{`$.store.book[?@.price < 10].author`, "Rees"},
		{`$.store.book[?@.price >= 12.99 && @.category == 'fiction'].author`, "Waugh Tolkien"},
		{`$.store.book[?(@.author == "Rees" || @.author == 'Tolkien')].price`, "8.95 22.99"},
		{`$.store.book[?@.tags[?@ == 'epic']].author`, "Tolkien"},
		{`$.store.book[?@.missing == null].author`, ""},
		{`$.store.book[?@.missing != 'x'].author`, "Rees Waugh Tolkien"},
		{`$['a.b']['c\'d']`, "1"},
		{`$..[?@.color == 'red'].price`, "399"},
		{`$.nothing.here`, ""},
	} {
		q, err := parseJSONPath(tc.q)
		if err != nil {
			t.Errorf("%s: %v", tc.q, err)
			continue
		}
		var got []string
		for _, m := range q.selectFrom(root) {
			got = append(got, m.node.Value)
		}
		if s := strings.Join(got, " "); s != tc.want {
			t.Errorf("%s = %q, want %q", tc.q, s, tc.want)
		}
	}
	for _, q := range []string{`store`, `$.`, `$[`, `$['a'`, `$[?@.a == ]`, `$[1:2]`, `$[?length(@) > 1]`, `$[?@..a == 1]`, `$[?'a']`, `$.a b`} {
		if _, err := parseJSONPath(q); err == nil {
			t.Errorf("%s: no error", q)
		}
	}
}

func TestDetectPaginationReported(t *testing.T) {
	spec := filepath.Join(t.TempDir(), "spec.yaml")
	os.WriteFile(spec, []byte(`openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /books:
    get:
      operationId: listBooks
      parameters:
        - {name: page_token, in: query, schema: {type: string}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  books: {type: array, items: {type: string}}
                  meta: {type: object, properties: {next_page_token: {type: string}}}
`), 0o644)
	api, err := Load(spec, Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := ovFindOp(api, "listBooks").Pagination
	if p == nil || p.Kind != ir.PageCursor || p.Param != "page_token" || p.CursorPath != "meta.next_page_token" || p.ItemsPath != "books" || !p.Detected {
		t.Fatalf("pagination = %+v", p)
	}
	want := spec + ":5:5: warning: operation ListBooks: pagination detected: ListBooksAll follows page_token=<meta.next_page_token> (x-pagination: false turns it off)"
	if len(api.Warnings) != 1 || api.Warnings[0].String() != want {
		t.Errorf("warnings %v\nwant %s", api.Warnings, want)
	}
	api, err = Load(spec, Options{NoDetectPagination: true})
	if err != nil {
		t.Fatal(err)
	}
	if p := ovFindOp(api, "listBooks").Pagination; p != nil || len(api.Warnings) != 0 {
		t.Errorf("NoDetectPagination: %+v %v", p, api.Warnings)
	}
}
