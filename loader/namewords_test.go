package loader

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestNamePaths checks the paths that name operations: format extensions,
// a leading "api" or "rest" and versions are left out only where the path
// stays apart from every other path of the document.
func TestNamePaths(t *testing.T) {
	paths := []string{
		"/api/v1/accounts",
		"/api/v1/accounts/{id}",
		"/api/v1/search",
		"/api/v2/search",
		"/rest/api/3/issue",
		"/v2/account_stages.json",
		"/v2/account_stages/{id}.json",
		"/users.json",
		"/users.xml",
		"/aliases/v2/{trackingId}",
		"/c2c/v4/drivers",
		"/c2c/v3/drivers",
		"/pages/2/items",
		"/jobs",
		"/jobs/",
		"/api",
		"/api/{id}",
		"/v1/{id}.json",
		"/v1/x/{id}",
		"/v1/x/v2/{id}",
	}
	want := map[string]string{
		"/api/v1/accounts":             "/accounts",
		"/api/v1/accounts/{id}":        "/accounts/{id}",
		"/api/v1/search":               "/v1/search", // beside /api/v2/search
		"/api/v2/search":               "/v2/search",
		"/rest/api/3/issue":            "/issue",
		"/v2/account_stages.json":      "/account_stages",
		"/v2/account_stages/{id}.json": "/account_stages/{id}",
		"/users.json":                  "/users.json", // beside /users.xml
		"/users.xml":                   "/users.xml",
		"/aliases/v2/{trackingId}":     "/aliases/{trackingId}",
		"/c2c/v4/drivers":              "/c2c/v4/drivers", // beside v3
		"/c2c/v3/drivers":              "/c2c/v3/drivers",
		"/pages/2/items":               "/pages/2/items", // a number inside is no version
		"/jobs":                        "/jobs",
		"/jobs/":                       "/jobs/",
		"/api":                         "/api", // nothing would be left
		"/api/{id}":                    "/api/{id}",
		"/v1/{id}.json":                "/v1/{id}",
		"/v1/x/{id}":                   "/x/{id}",
		"/v1/x/v2/{id}":                "/x/v2/{id}", // /x/{id} is taken
	}
	if got := namePaths(paths); !reflect.DeepEqual(got, want) {
		for p, w := range want {
			if got[p] != w {
				t.Errorf("namePath(%q) = %q, want %q", p, got[p], w)
			}
		}
	}
}

// TestNamesFromNamePaths checks the names the shortened paths give to
// operations without operationId: in a tagged service, in the client of
// an untagged document, and grouped by path.
func TestNamesFromNamePaths(t *testing.T) {
	dir := t.TempDir()
	tagged := filepath.Join(dir, "tagged.yaml")
	untagged := filepath.Join(dir, "untagged.yaml")
	write := func(p, spec string) {
		if err := os.WriteFile(p, []byte(spec), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	list := `{"200": {description: ok, content: {application/json: {schema: {type: array, items: {type: string}}}}}}`
	write(tagged, `
openapi: 3.0.3
info: {title: T, version: "1"}
paths:
  /v2/account_stages.json:
    get: {tags: [AccountStages], responses: `+list+`}
  /v2/account_stages/{id}.json:
    get: {tags: [AccountStages], responses: {"204": {description: ok}}}
  /aliases/v2/{trackingId}:
    delete: {tags: [Aliases], responses: {"204": {description: ok}}}
  /api/v1/conversations/{id}/read:
    post: {tags: [Conversations], responses: {"204": {description: ok}}}
`)
	write(untagged, `
openapi: 3.0.3
info: {title: T, version: "1"}
paths:
  /api/v1/announcements/{id}/reactions/{name}:
    delete: {responses: {"204": {description: ok}}}
  /api/v1/search:
    get: {responses: {"204": {description: ok}}}
  /api/v2/search:
    get: {responses: {"204": {description: ok}}}
  /api/v1/accounts:
    get: {responses: `+list+`}
  /api/v1/accounts/{id}:
    get: {responses: {"204": {description: ok}}}
`)
	for _, tt := range []struct {
		spec string
		opts Options
		want map[string]string
	}{
		{tagged, Options{}, map[string]string{
			"GET /v2/account_stages.json":          "AccountStages.List",
			"GET /v2/account_stages/{id}.json":     "AccountStages.Get",
			"DELETE /aliases/v2/{trackingId}":      "Aliases.Delete",
			"POST /api/v1/conversations/{id}/read": "Conversations.Read",
		}},
		{untagged, Options{}, map[string]string{
			"DELETE /api/v1/announcements/{id}/reactions/{name}": ".DeleteAnnouncementsIDReactionsName",
			"GET /api/v1/search":        ".GetV1Search",
			"GET /api/v2/search":        ".GetV2Search",
			"GET /api/v1/accounts":      ".GetAccounts",
			"GET /api/v1/accounts/{id}": ".GetAccountsID",
		}},
		{untagged, Options{GroupByPath: true}, map[string]string{
			"DELETE /api/v1/announcements/{id}/reactions/{name}": "Announcements.DeleteReaction",
			// the versions tell them apart
			"GET /api/v1/search":        "Search.GetV1",
			"GET /api/v2/search":        "Search.GetV2",
			"GET /api/v1/accounts":      "Accounts.List",
			"GET /api/v1/accounts/{id}": "Accounts.Get",
		}},
	} {
		api, err := Load(tt.spec, tt.opts)
		if err != nil {
			t.Fatal(err)
		}
		if got := serviceMethods(api); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s %+v:\n got: %v\nwant: %v", filepath.Base(tt.spec), tt.opts, got, tt.want)
		}
	}
}

// TestRouteNames checks that an operationId made of a function's name,
// the path and the method, as FastAPI makes them up, names the operation
// by the function, unless two operations of a service would share it.
func TestRouteNames(t *testing.T) {
	for _, tt := range []struct{ id, method, path, want string }{
		{"list_courses_v1_courses_get", "GET", "/v1/courses", "list_courses"},
		{"get_application_api_v1_app__app_id___get", "GET", "/api/v1/app/{app_id}/", "get_application"},
		{"createThing_things_post", "POST", "/things", "createThing"},
		{"list_courses_v1_courses_get", "POST", "/v1/courses", ""}, // another method
		{"list_courses_v1_courses", "GET", "/v1/courses", ""},
		{"_v1_courses_get", "GET", "/v1/courses", ""}, // nothing would be left
		{"listCourses", "GET", "/v1/courses", ""},
		{"naïve_café_get", "GET", "/café", "naïve"},
	} {
		if got := routeName(tt.id, tt.method, tt.path); got != tt.want {
			t.Errorf("routeName(%q, %s %s) = %q, want %q", tt.id, tt.method, tt.path, got, tt.want)
		}
	}

	p := filepath.Join(t.TempDir(), "spec.yaml")
	spec := `
openapi: 3.1.0
info: {title: T, version: "1"}
paths:
  /v1/courses:
    get: {tags: [Courses], operationId: list_courses_v1_courses_get, responses: {"204": {description: ok}}}
  /v1/courses/regions:
    get: {tags: [Courses], operationId: list_regions_v1_courses_regions_get, responses: {"204": {description: ok}}}
  /api/v1/app/{app_id}/:
    get: {tags: [Application], operationId: get_application_api_v1_app__app_id___get, responses: {"204": {description: ok}}}
  /getToken:
    get: {tags: [Auth], operationId: make_token_getToken_get, responses: {"204": {description: ok}}}
    post: {tags: [Auth], operationId: make_token_getToken_post, responses: {"204": {description: ok}}}
`
	if err := os.WriteFile(p, []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	api, err := Load(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"GET /v1/courses":           "Courses.List",
		"GET /v1/courses/regions":   "Courses.ListRegions",
		"GET /api/v1/app/{app_id}/": "Application.Get",
		// one function for two methods: the whole operationIds
		"GET /getToken":  "Auth.MakeTokenGetTokenGet",
		"POST /getToken": "Auth.MakeTokenGetTokenPost",
	}
	if got := serviceMethods(api); !reflect.DeepEqual(got, want) {
		t.Errorf("names\n got: %v\nwant: %v", got, want)
	}
}

// TestIDPrefix checks that the dotted words every operationId of a
// document starts with (Google's API name) are left out of the names, and
// only when every operationId has them.
func TestIDPrefix(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		ids  [3]string
		want map[string]string
	}{
		{[3]string{"aiplatform.projects.locations.list", "aiplatform.projects.get", "aiplatform.publishers.models.get"}, map[string]string{
			"GET /a": "Projects.LocationsList", "GET /b": "Projects.Get", "GET /c": "Publishers.ModelsGet",
		}},
		{[3]string{"app.api.endpoints.GCR.calculate_flux", "app.api.endpoints.GCR.calculate_dose", "app.api.endpoints.list"}, map[string]string{
			"GET /a": "Projects.GcrCalculateFlux", "GET /b": "Projects.GcrCalculateDose", "GET /c": "Publishers.List",
		}},
		// a dot inside a version is no word's end
		{[3]string{"resource__1.0_artist_get", "resource__1.0_city_get", "resource__1.0_search_get"}, map[string]string{
			"GET /a": "Projects.Resource10ArtistGet", "GET /b": "Projects.Resource10CityGet", "GET /c": "Publishers.Resource10SearchGet",
		}},
		{[3]string{"aiplatform.projects.locations.list", "aiplatform.projects.get", "getModel"}, map[string]string{
			"GET /a": "Projects.AiplatformProjectsLocationsList", "GET /b": "Projects.AiplatformProjectsGet", "GET /c": "Publishers.GetModel",
		}},
	} {
		spec := fmt.Sprintf(`
openapi: 3.0.3
info: {title: T, version: "1"}
paths:
  /a: {get: {tags: [projects], operationId: %s, responses: {"204": {description: ok}}}}
  /b: {get: {tags: [projects], operationId: %s, responses: {"204": {description: ok}}}}
  /c: {get: {tags: [publishers], operationId: %s, responses: {"204": {description: ok}}}}
`, tt.ids[0], tt.ids[1], tt.ids[2])
		p := filepath.Join(dir, "spec.yaml")
		if err := os.WriteFile(p, []byte(spec), 0o644); err != nil {
			t.Fatal(err)
		}
		api, err := Load(p, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := serviceMethods(api); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%v:\n got: %v\nwant: %v", tt.ids, got, tt.want)
		}
	}
}
