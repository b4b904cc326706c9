package loader

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/genclient/genclient/ir"
)

func TestErrors(t *testing.T) {
	tests := []struct {
		name, path, want string
	}{
		{"yaml syntax", "testdata/errors/yaml_syntax.yaml",
			"testdata/errors/yaml_syntax.yaml:7:5: YAML syntax error: did not find expected ',' or ']'"},
		{"yaml mapping", "testdata/errors/yaml_mapping.yaml",
			"testdata/errors/yaml_mapping.yaml:7:7: YAML syntax error: mapping values are not allowed in this context"},
		{"json syntax", "testdata/errors/json_syntax.json",
			`testdata/errors/json_syntax.json:5:19: JSON syntax error: invalid character '}' looking for beginning of value`},
		{"unresolved local ref", "testdata/errors/unresolved_local.yaml",
			`testdata/errors/unresolved_local.yaml:13:23: unresolved $ref "#/components/schemas/Nope"`},
		{"unresolved ref in other file", "testdata/errors/unresolved_other.yaml",
			`testdata/errors/other.yaml:5:13: unresolved $ref "#/Owner"`},
		// A's properties are B's and B's are A's: inlining them never ends
		{"properties refs in a cycle", "testdata/errors/splice_cycle.yaml",
			`testdata/errors/splice_cycle.yaml:9:26: properties given as $ref "#/components/schemas/A" refers to an object that holds it` + "\n" +
				`testdata/errors/splice_cycle.yaml:9:26: $ref "#/components/schemas/A" in a map of schemas (properties): OpenAPI refers only to single objects`},
		{"missing file", "testdata/errors/nope.yaml",
			"testdata/errors/nope.yaml: cannot read file: no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(tt.path, Options{})
			if err == nil {
				t.Fatal("no error")
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("error\n got: %s\nwant: %s", got, tt.want)
			}
		})
	}
}

func TestWarnings(t *testing.T) {
	api, err := Load("testdata/warnings/warnings.yaml", Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"testdata/warnings/warnings.yaml:26:11: warning: type array [string null] is OpenAPI 3.1; accepted in 3.0.3",
		"testdata/warnings/warnings.yaml:5:5: warning: operation GET /pets has no operationId: named GetPets",
		`testdata/warnings/warnings.yaml:24:11: warning: unknown string format "shoe-size": treated as string`,
	}
	var got []string
	for _, w := range api.Warnings {
		got = append(got, w.String())
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("warnings\n got: %q\nwant: %q", got, want)
	}
	// Invalid examples are accepted silently: they are kept, not validated.
	pet := findType(t, api, "Pet")
	if pet.Example != `{"id":"not a number"}` {
		t.Errorf("example = %s", pet.Example)
	}
	if f := field(t, pet, "nick"); !isNullable(f.Type, ir.String) {
		t.Errorf("nick type %#v, want nullable string", f.Type)
	}
}

func TestNames(t *testing.T) {
	tests := []struct{ in, pascal, lower string }{
		{"pet_id", "PetID", "petID"},
		{"html_url", "HTMLURL", "htmlURL"},
		{"repo-search-result-item", "RepoSearchResultItem", "repoSearchResultItem"},
		{"petId", "PetID", "petID"},
		{"XMLHttpRequest", "XMLHTTPRequest", "xmlHTTPRequest"},
		{"ssh_key_ids", "SSHKeyIDs", "sshKeyIDs"},
		{"+1", "Plus1", "n1"},
		{"-1", "Minus1", "n1"},
		{"2fa", "N2fa", "n2fa"},
		{"URL", "URL", "url"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := pascal(tt.in); got != tt.pascal {
				t.Errorf("pascal(%q) = %q, want %q", tt.in, got, tt.pascal)
			}
			if got := lowerCamel(tt.in); got != tt.lower {
				t.Errorf("lowerCamel(%q) = %q, want %q", tt.in, got, tt.lower)
			}
		})
	}
}

func TestUnstutter(t *testing.T) {
	tests := []struct{ name, svc, want string }{
		{"IssuesListForRepo", "Issues", "ListForRepo"},
		{"AddPet", "Pet", "Add"},
		{"ListPets", "Pet", "List"},
		{"FindPetsByTags", "Pet", "FindPetsByTags"},
		{"ListCoreV1NamespacedPod", "CoreV1", "ListNamespacedPod"},
		{"ConnectCoreV1DeleteNodeProxy", "CoreV1", "ConnectDeleteNodeProxy"},
		{"GetAPIVersions", "Core", "GetAPIVersions"},
		{"Pet", "Pet", "Pet"},
		{"GetUser", "", "GetUser"},
	}
	for _, tt := range tests {
		t.Run(tt.name+"/"+tt.svc, func(t *testing.T) {
			if got := unstutter(tt.name, tt.svc); got != tt.want {
				t.Errorf("unstutter(%q, %q) = %q, want %q", tt.name, tt.svc, got, tt.want)
			}
		})
	}
}

func TestArgAndFieldNames(t *testing.T) {
	nm := newNamer()
	for _, tt := range []struct{ wire, want string }{
		{"type", "type_"}, {"ctx", "ctx_"}, {"url", "url_"}, {"pet_id", "petID"}, {"petId", "petID2"}, {"len", "len_"},
	} {
		if got := nm.argName(tt.wire); got != tt.want {
			t.Errorf("argName(%q) = %q, want %q", tt.wire, got, tt.want)
		}
	}
	fields := newNamer()
	for _, tt := range []struct{ wire, want string }{
		{"type", "Type"}, {"@type", "AtType"}, {"$ref", "Ref"}, {"ID", "ID"}, {"id", "ID2"},
	} {
		if got := fields.fieldName(tt.wire); got != tt.want {
			t.Errorf("fieldName(%q) = %q, want %q", tt.wire, got, tt.want)
		}
	}
}

func TestDeterministic(t *testing.T) {
	a, err := Load("testdata/types/types.yaml", Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Load("testdata/types/types.yaml", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Error("two loads differ")
	}
}

// findType returns the named type name.
func findType(t *testing.T, api *ir.API, name string) *ir.Named {
	t.Helper()
	for _, n := range api.Types {
		if n.Name == name {
			return n
		}
	}
	var names []string
	for _, n := range api.Types {
		names = append(names, n.Name)
	}
	t.Fatalf("no type %s in %s", name, strings.Join(names, " "))
	return nil
}

// field returns the field with JSON name json of the struct n.
func field(t *testing.T, n *ir.Named, json string) *ir.Field {
	t.Helper()
	st, ok := n.Type.(*ir.Struct)
	if !ok {
		t.Fatalf("%s is %T, not a struct", n.Name, n.Type)
	}
	for _, f := range st.Fields {
		if f.JSONName == json {
			return f
		}
	}
	t.Fatalf("%s has no field %q", n.Name, json)
	return nil
}

func isNullable(t ir.Type, k ir.PrimKind) bool {
	n, ok := t.(*ir.Nullable)
	if !ok {
		return false
	}
	p, ok := n.Elem.(*ir.Primitive)
	return ok && p.Kind == k
}

func TestComponentHints(t *testing.T) {
	keys := []string{
		"io.k8s.api.core.v1.Pod",
		"io.k8s.api.batch.v1.CronJob",
		"io.k8s.api.batch.v1beta1.CronJob",
		"io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta",
		"account.updated",
		"repo-search-result-item",
		"Pet",
		"com.example.Pet",
	}
	want := map[string]string{
		"io.k8s.api.core.v1.Pod":                          "Pod",
		"io.k8s.api.batch.v1.CronJob":                     "V1CronJob",
		"io.k8s.api.batch.v1beta1.CronJob":                "V1beta1CronJob",
		"io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta": "ObjectMeta",
		"account.updated":                                 "AccountUpdated",
		"repo-search-result-item":                         "RepoSearchResultItem",
		"Pet":                                             "Pet",
		"com.example.Pet":                                 "ExamplePet",
	}
	got := componentHints(keys)
	for k, w := range want {
		if got[k] != w {
			t.Errorf("componentHints[%q] = %q, want %q", k, got[k], w)
		}
	}
}

// TestYAMLReaderErrorsArePositioned: the errors yaml3 reports without a
// line (bad UTF-8, characters YAML does not allow, marks on the first line,
// unknown anchors) point at the offending character or construct.
func TestYAMLReaderErrorsArePositioned(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct{ data, want string }{
		{"openapi: 3.0.0\ninfo:\n  title: \"a\x01b\"\n", ":3:12: YAML syntax error: control characters are not allowed"},
		{"openapi: 3.0.0\ninfo:\n  title: a\xff\xfeb\n", ":3:11: YAML syntax error: invalid leading UTF-8 octet"},
		{"openapi: 3.0.0\ninfo:\n  title: é\x7f\n", ":3:11: YAML syntax error: control characters are not allowed"},
		// yaml3 prints no line for a mark on the first line.
		{"%a\n", ":1:1: YAML syntax error: found unknown directive name"},
		{"  openapi: \"3.0.0", ":1:3: YAML syntax error: found unexpected end of stream"},
		{"  openapi: \"3.0.0\n", ":2:1: YAML syntax error: found unexpected end of stream"},
		// nor any position for an alias to an unknown anchor.
		{"openapi: 3.0.0\ninfo: {title: *t, version: *v}\n", ":2:15: YAML syntax error: unknown anchor 't' referenced"},
		// a line yaml3 names that is blank: column 1.
		{"openapi: 3.0.0\ninfo:\n\n  title: \"a\n", ":4:3: YAML syntax error: found unexpected end of stream"},
	} {
		p := filepath.Join(dir, "doc.yaml")
		if err := os.WriteFile(p, []byte(tc.data), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Load(p, Options{})
		if err == nil || err.Error() != p+tc.want {
			t.Errorf("%q: error %v, want %s%s", tc.data, err, p, tc.want)
		}
	}
	if l, c := unreadableAt([]byte("a: b\n\tc: é\n")); l != 0 || c != 0 {
		t.Errorf("a readable document: %d:%d", l, c)
	}
}

// TestDerivedNamesInTaggedServices checks how operations without
// operationId are named in a tagged service: by their verb where the path
// is the service's resource (a collection or one item of it, under any
// parents), with the parents after For where two paths reach the
// resource, and by the words of method and path otherwise, never
// stripped of the words at their end (GetAppsAppID for the keys of an
// app would name the app).
func TestDerivedNamesInTaggedServices(t *testing.T) {
	api := loadString(t, `
openapi: 3.0.3
info: {title: T, version: "1"}
paths:
  /apps/{app_id}/keys:
    get: {tags: [keys], responses: {"204": {description: ok}}}
    post: {tags: [keys], responses: {"204": {description: ok}}}
  /apps/{app_id}/keys/{key_id}:
    get: {tags: [keys], responses: {"204": {description: ok}}}
    put: {tags: [keys], responses: {"204": {description: ok}}}
    patch: {tags: [keys], responses: {"204": {description: ok}}}
    delete: {tags: [keys], responses: {"204": {description: ok}}}
  /apps/{app_id}/keys/{key_id}/revoke:
    post: {tags: [keys], responses: {"204": {description: ok}}}
  /apps/{app_id}/keys/{key_id}/usages:
    get: {tags: [keys], responses: {"204": {description: ok}}}
  /apps/{app_id}/keys/{key_id}/grants:
    get: {tags: [keys], responses: {"200": {description: ok, content: {application/json: {schema: {type: array, items: {type: string}}}}}}}
  /apps/{app_id}/keys/{key_id}/usages/{day}:
    get: {tags: [keys], responses: {"204": {description: ok}}}
  /apps/{app_id}/keys/{key_id}/stats:
    get: {tags: [keys], responses: {"204": {description: ok}}}
  /apps/{app_id}/keys/{key_id}/rotate:
    post: {tags: [keys], operationId: revoke, responses: {"204": {description: ok}}}
    head: {tags: [keys], responses: {"204": {description: ok}}}
  /apps/{app_id}/api_keys:
    get: {tags: [keys], responses: {"204": {description: ok}}}
  /v2/apps:
    get: {tags: [Apps], responses: {"204": {description: ok}}}
  /accounts/{account_id}/apps:
    get: {tags: [Apps], responses: {"204": {description: ok}}}
  /apps/{id}:
    delete: {tags: [Apps], responses: {"204": {description: ok}}}
    post: {tags: [Apps], operationId: deleteApp, responses: {"204": {description: ok}}}
  /orgs/{org}/apps/{id}:
    delete: {tags: [Apps], responses: {"204": {description: ok}}}
  /teams/{team}/apps/{id}:
    delete: {tags: [Apps], responses: {"204": {description: ok}}}
  /issue:
    get: {tags: [issue], responses: {"204": {description: ok}}}
    post: {tags: [issue], responses: {"204": {description: ok}}}
  /issue/{issueId}:
    get: {tags: [issue], responses: {"204": {description: ok}}}
  /issue/count:
    get: {tags: [issue], responses: {"204": {description: ok}}}
  /status:
    get: {tags: [status], responses: {"204": {description: ok}}}
    post: {tags: [status], responses: {"204": {description: ok}}}
  /me:
    get: {tags: [tokens], responses: {"204": {description: ok}}}
`)
	got := serviceMethods(api)
	want := map[string]string{
		"GET /apps/{app_id}/keys":             "Keys.List",
		"POST /apps/{app_id}/keys":            "Keys.Create",
		"GET /apps/{app_id}/keys/{key_id}":    "Keys.Get",
		"PUT /apps/{app_id}/keys/{key_id}":    "Keys.Replace",
		"PATCH /apps/{app_id}/keys/{key_id}":  "Keys.Update",
		"DELETE /apps/{app_id}/keys/{key_id}": "Keys.Delete",
		// below the resource, the words of the rest of the path
		"GET /apps/{app_id}/keys/{key_id}/usages":       "Keys.ListUsages",
		"GET /apps/{app_id}/keys/{key_id}/usages/{day}": "Keys.GetUsage",
		"GET /apps/{app_id}/keys/{key_id}/stats":        "Keys.GetStats",
		"GET /apps/{app_id}/keys/{key_id}/grants":       "Keys.ListGrants",
		// an action is named by its verb, after For its parents where an
		// operationId has the verb
		"POST /apps/{app_id}/keys/{key_id}/revoke": "Keys.RevokeForApp",
		"POST /apps/{app_id}/keys/{key_id}/rotate": "Keys.Revoke",
		"HEAD /apps/{app_id}/keys/{key_id}/rotate": "Keys.HeadAppsAppIDKeysKeyIDRotate",
		"GET /apps/{app_id}/api_keys":              "Keys.GetAppsAppIDAPIKeys",
		// two lists of apps: the one with parents says whose
		"GET /v2/apps":                    "Apps.List",
		"GET /accounts/{account_id}/apps": "Apps.ListForAccount",
		// deleteApp holds Delete: the verb alone would need a number
		"DELETE /apps/{id}":              "Apps.DeleteAppsID",
		"POST /apps/{id}":                "Apps.Delete",
		"DELETE /orgs/{org}/apps/{id}":   "Apps.DeleteForOrg",
		"DELETE /teams/{team}/apps/{id}": "Apps.DeleteForTeam",
		// a singular resource: a list when it has items below it
		"GET /issue":           "Issue.List",
		"POST /issue":          "Issue.Create",
		"GET /issue/{issueId}": "Issue.Get",
		"GET /issue/count":     "Issue.Count",
		// a singular resource without items is one thing, and a POST to it is no Create
		"GET /status":  "Status.Get",
		"POST /status": "Status.PostStatus",
		"GET /me":      "Tokens.GetMe",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("names\n got: %v\nwant: %v", got, want)
	}
	var warned []string
	for _, w := range api.Warnings {
		if strings.Contains(w.Message, "GET /apps/{app_id}/keys has no operationId") {
			warned = append(warned, w.Message)
		}
	}
	if want := []string{"operation GET /apps/{app_id}/keys has no operationId: named Keys.List"}; !reflect.DeepEqual(warned, want) {
		t.Errorf("warning = %q, want %q", warned, want)
	}
}

// TestGroupByPathNames checks Options.GroupByPath: an untagged document's
// operations go to the service of their first segment after any version,
// named REST-style after method and the rest of the path (resourceName's
// table), and a segment without a word ("~") gives no empty name.
func TestGroupByPathNames(t *testing.T) {
	p := filepath.Join(t.TempDir(), "spec.yaml")
	spec := `
openapi: 3.0.3
info: {title: T, version: "1"}
paths:
  /v1/customers:
    get: {operationId: GetCustomers, responses: {"204": {description: ok}}}
    post: {operationId: PostCustomers, responses: {"204": {description: ok}}}
  /v1/customers/{customer}:
    get: {operationId: GetCustomersCustomer, responses: {"204": {description: ok}}}
    post: {operationId: PostCustomersCustomer, responses: {"204": {description: ok}}}
    delete: {operationId: DeleteCustomersCustomer, responses: {"204": {description: ok}}}
  /v1/customers/{customer}/sources:
    get: {operationId: a, responses: {"204": {description: ok}}}
  /v1/customers/{customer}/sources/{id}:
    get: {operationId: b, responses: {"204": {description: ok}}}
  /v1/customers/{customer}/sources/{id}/verify:
    post: {operationId: c, responses: {"204": {description: ok}}}
  /v1/customers/{customer}/cash_balance:
    get: {operationId: d, responses: {"204": {description: ok}}}
  /v1/customers/search:
    get: {operationId: e, responses: {"204": {description: ok}}}
  /v1/charges/{charge}/capture:
    post: {operationId: f, responses: {"204": {description: ok}}}
  /v1/balance:
    get: {operationId: g, responses: {"204": {description: ok}}}
  /v1/users/~/keys:
    get: {operationId: h, responses: {"204": {description: ok}}}
  /v1/users/~/-:
    post: {operationId: i, responses: {"204": {description: ok}}}
  /v1/users/{user}/settings:
    get: {operationId: j, responses: {"200": {description: ok, content: {application/json: {schema: {type: object, properties: {tags: {type: array, items: {type: string}}, theme: {type: string}}}}}}}}
  /v1/users/{user}/messages:
    get: {operationId: k, responses: {"200": {description: ok, content: {application/json: {schema: {type: object, properties: {messages: {type: array, items: {type: string}}, next: {type: string}}}}}}}}
  /v1/sessions/{session}/line_items:
    get: {operationId: l, responses: {"200": {description: ok, content: {application/json: {schema: {type: object, properties: {data: {type: array, items: {type: string}}, has_more: {type: boolean}}}}}}}}
  /v1/events:
    get: {operationId: m, responses: {"200": {description: ok, content: {application/json: {schema: {type: array, items: {type: string}}}}}}}
  /v1/media/{id}.json:
    get: {operationId: o, responses: {"200": {description: ok, content: {application/json: {schema: {type: array, items: {type: string}}}}}}}
  /v1/events/stats:
    get: {operationId: n, responses: {"200": {description: ok, content: {text/csv: {schema: {type: array, items: {type: string}}}}}}}
`
	if err := os.WriteFile(p, []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	api, err := Load(p, Options{GroupByPath: true})
	if err != nil {
		t.Fatal(err)
	}
	got := serviceMethods(api)
	want := map[string]string{
		"GET /v1/customers":                                 "Customers.List",
		"POST /v1/customers":                                "Customers.Create",
		"GET /v1/customers/{customer}":                      "Customers.Get",
		"POST /v1/customers/{customer}":                     "Customers.Update",
		"DELETE /v1/customers/{customer}":                   "Customers.Delete",
		"GET /v1/customers/{customer}/sources":              "Customers.ListSources",
		"GET /v1/customers/{customer}/sources/{id}":         "Customers.GetSource",
		"POST /v1/customers/{customer}/sources/{id}/verify": "Customers.VerifySource",
		"GET /v1/customers/{customer}/cash_balance":         "Customers.GetCashBalance",
		"GET /v1/customers/search":                          "Customers.Search",
		"POST /v1/charges/{charge}/capture":                 "Charges.Capture",
		"GET /v1/balance":                                   "Balance.Get",
		"GET /v1/users/~/keys":                              "Users.GetKeys",
		"POST /v1/users/~/-":                                "Users.Create",
		// a plural answered by a list (an array, or an object whose only
		// array is the list) is a List; answered by anything else, a Get
		"GET /v1/users/{user}/settings":         "Users.GetSettings",
		"GET /v1/users/{user}/messages":         "Users.ListMessages",
		"GET /v1/sessions/{session}/line_items": "Sessions.ListLineItems",
		"GET /v1/events":                        "Events.List",
		"GET /v1/media/{id}.json":               "Media.Get", // the extension names nothing
		"GET /v1/events/stats":                  "Events.GetStats",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("names\n got: %v\nwant: %v", got, want)
	}
}

// serviceMethods maps "METHOD /path" to "Service.Method" for every operation
// of api.
func serviceMethods(api *ir.API) map[string]string {
	got := map[string]string{}
	for _, s := range api.Services {
		for _, o := range s.Operations {
			got[o.Method+" "+o.Path] = s.Name + "." + o.Name
		}
	}
	return got
}

// TestDuplicateParams: a list that declares one parameter twice keeps the
// first with a warning at the second; an operation's parameter still
// overrides the path item's of the same name, and the same name in
// another location is another parameter.
func TestDuplicateParams(t *testing.T) {
	api, err := Load("testdata/warnings/duplicate-params.yaml", Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range api.Warnings {
		got = append(got, w.String())
	}
	want := []string{`testdata/warnings/duplicate-params.yaml:13:11: warning: operation ListPets: parameter "limit" in query is declared twice in one list (first at line 10): this one is ignored`}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("warnings\n got: %q\nwant: %q", got, want)
	}
	op := api.Services[0].Operations[0]
	var ins []string
	for _, p := range op.Params {
		ins = append(ins, p.In.String()+" "+p.WireName)
		if p.In == ir.InQuery {
			if prim, ok := p.Type.(*ir.Primitive); !ok || prim.Kind != ir.Int || p.ContentType != "" {
				t.Errorf("query limit: type %#v, content %q; want the first declaration's integer", p.Type, p.ContentType)
			}
		}
	}
	if want := []string{"query limit", "header limit"}; !reflect.DeepEqual(ins, want) {
		t.Errorf("parameters %q, want %q", ins, want)
	}
}
