package loader

import (
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// writeFiles writes name → content under dir and returns dir.
func writeFiles(t *testing.T, dir string, files map[string]string) string {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// refDoc is an OpenAPI document whose one schema is a $ref to ref.
func refDoc(ref string) string {
	return `openapi: 3.0.3
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    Pet:
      $ref: '` + ref + `'
`
}

// loadErr loads path and returns the error text ("" when it loaded).
func loadErr(t *testing.T, path string, opts Options) string {
	t.Helper()
	_, err := Load(path, opts)
	if err == nil {
		return ""
	}
	return err.Error()
}

func TestRefSpecialFiles(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("fifos are unix")
	}
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.yaml"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "dir.yaml"), 0o755); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, MaxFileSize+1); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string]string{
		"fifo_ref.yaml": refDoc("fifo.yaml#/Pet"),
		"dir_ref.yaml":  refDoc("dir.yaml#/Pet"),
		"big_ref.yaml":  refDoc("big.yaml#/Pet"),
	})
	tests := []struct{ name, path, want string }{
		{"fifo target", "fifo_ref.yaml", `fifo_ref.yaml:7:13: $ref "fifo.yaml#/Pet": ` + dir + `/fifo.yaml: not a regular file (a fifo)`},
		{"directory target", "dir_ref.yaml", `dir_ref.yaml:7:13: $ref "dir.yaml#/Pet": ` + dir + `/dir.yaml: not a regular file (a directory)`},
		{"too big target", "big_ref.yaml", `big_ref.yaml:7:13: $ref "big.yaml#/Pet": ` + dir + `/big.yaml: file of 268435457 bytes is larger than the limit of 268435456`},
		{"fifo root", "fifo.yaml", dir + "/fifo.yaml: cannot read file: not a regular file (a fifo)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := loadErr(t, filepath.Join(dir, tt.path), Options{})
			want := tt.want
			if !strings.HasPrefix(want, dir) {
				want = dir + "/" + want
			}
			if got != want {
				t.Errorf("error\n got: %s\nwant: %s", got, want)
			}
		})
	}
}

func TestRefRoot(t *testing.T) {
	tmp := t.TempDir()
	writeFiles(t, tmp, map[string]string{
		"secret.yaml":         "Pet: {type: string}\n",
		"api/escape.yaml":     refDoc("../secret.yaml#/Pet"),
		"api/abs.yaml":        refDoc(filepath.ToSlash(filepath.Join(tmp, "secret.yaml")) + "#/Pet"),
		"api/proc.yaml":       refDoc("/proc/self/environ#/Pet"),
		"api/inside.yaml":     refDoc("models/pet.yaml#/Pet"),
		"api/models/pet.yaml": "Pet: {type: string}\n",
		"api/link.yaml":       refDoc("linked.yaml#/Pet"),
	})
	if err := os.Symlink(filepath.Join(tmp, "secret.yaml"), filepath.Join(tmp, "api", "linked.yaml")); err != nil {
		t.Skip("no symbolic links:", err)
	}
	api := filepath.Join(tmp, "api")
	real, _ := filepath.EvalSymlinks(api)
	outside := func(ref string) string {
		return `$ref "` + ref + `": `
	}
	tests := []struct {
		name, file string
		opts       Options
		want       string // a substring of the error; "" means it loads
	}{
		{"inside", "inside.yaml", Options{}, ""},
		{"dot-dot escape", "escape.yaml", Options{}, outside("../secret.yaml#/Pet") + tmp + "/secret.yaml: outside the reference root " + real + " (widen it with Options.RefRoot)"},
		{"absolute path", "abs.yaml", Options{RefRootFlag: "-ref-root"}, "outside the reference root " + real + " (widen it with -ref-root)"},
		{"proc", "proc.yaml", Options{}, "/proc/self/environ: outside the reference root"},
		{"symbolic link out", "link.yaml", Options{}, "linked.yaml: outside the reference root"},
		{"widened", "escape.yaml", Options{RefRoot: tmp}, ""},
		{"widened link", "link.yaml", Options{RefRoot: tmp}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := loadErr(t, filepath.Join(api, tt.file), tt.opts)
			if tt.want == "" {
				if got != "" {
					t.Fatalf("unexpected error: %s", got)
				}
				return
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("error\n got: %s\nwant: ...%s...", got, tt.want)
			}
			if !strings.HasPrefix(got, filepath.Join(api, tt.file)+":7:13: ") {
				t.Errorf("error not at the $ref: %s", got)
			}
		})
	}
}

func TestDefaultRefRoot(t *testing.T) {
	cwd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ doc, want string }{
		{"testdata/multi/root.yaml", cwd},                 // below the current directory
		{"../../x.yaml", filepath.Dir(filepath.Dir(cwd))}, // above it: the document's folder
		{"/elsewhere/x.yaml", "/elsewhere"},               // neither contains the other
	}
	for _, tt := range tests {
		got, err := defaultRefRoot(tt.doc)
		if err != nil {
			t.Fatal(err)
		}
		if got != tt.want {
			t.Errorf("defaultRefRoot(%q) = %s, want %s", tt.doc, got, tt.want)
		}
	}
}

func TestDescriptionWholeFileRef(t *testing.T) {
	dir := writeFiles(t, t.TempDir(), map[string]string{
		"token.txt": "s3cr3t-t0ken\n",
		"doc.yaml": `openapi: 3.0.3
info:
  title: t
  version: "1"
  description: {$ref: token.txt}
paths: {}
`,
	})
	api, err := Load(filepath.Join(dir, "doc.yaml"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(api.Doc.Description, "s3cr3t") {
		t.Errorf("description copied the file: %q", api.Doc.Description)
	}
	want := dir + `/doc.yaml:5:23: warning: description given as $ref "token.txt" to a whole file: not read, left empty (a $ref to text must point into a YAML or JSON document)`
	if len(api.Warnings) != 1 || api.Warnings[0].String() != want {
		t.Errorf("warnings %q, want [%s]", api.Warnings, want)
	}
}

func TestNestingLimits(t *testing.T) {
	deepJSON := `{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{},"x":` +
		strings.Repeat("[", MaxDepth) + strings.Repeat("]", MaxDepth) + `}`
	bomb := "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\nx:\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
	for i := 1; i < 9; i++ {
		bomb += "  a" + string(rune('0'+i)) + ": &a" + string(rune('0'+i)) + " [" +
			strings.Repeat("*a"+string(rune('0'+i-1))+", ", 9) + "*a" + string(rune('0'+i-1)) + "]\n"
	}
	dir := writeFiles(t, t.TempDir(), map[string]string{
		"deep.json": deepJSON,
		"recursive.yaml": `openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    A: &a
      type: object
      properties:
        self: *a
`,
		"bomb.yaml": bomb,
	})
	tests := []struct{ file, want string }{
		{"deep.json", "deep.json:1:10069: JSON syntax error: nested deeper than 10000 levels"},
		{"recursive.yaml", "recursive.yaml:9:15: recursive YAML alias *a: it refers to a node that contains it"},
		{"bomb.yaml", "bomb.yaml:10:47: YAML aliases expand the document by more than 1000000 nodes (the limit); the last: *a4"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			if got, want := loadErr(t, filepath.Join(dir, tt.file), Options{}), dir+"/"+tt.want; got != want {
				t.Errorf("error\n got: %s\nwant: %s", got, want)
			}
		})
	}
}

// nestedItemsDoc is a JSON document whose one schema is an array of arrays
// of ... of strings, depth arrays deep.
func nestedItemsDoc(depth int) []byte {
	var b strings.Builder
	b.WriteString(`{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{},"components":{"schemas":{"Deep":`)
	b.WriteString(strings.Repeat(`{"type":"array","items":`, depth))
	b.WriteString(`{"type":"string"}`)
	b.WriteString(strings.Repeat(`}`, depth))
	b.WriteString(`}}}`)
	return []byte(b.String())
}

// BenchmarkNestedItems loads a schema of nested items at growing depths:
// time and bytes per op grow in proportion to the depth (a node's
// location costs O(1), not the length of its pointer):
//
//	go test ./loader -run '^$' -bench NestedItems -benchmem
func BenchmarkNestedItems(b *testing.B) {
	for _, depth := range []int{2250, 4500, 9000} {
		path := filepath.Join(b.TempDir(), "deep.json")
		if err := os.WriteFile(path, nestedItemsDoc(depth), 0o644); err != nil {
			b.Fatal(err)
		}
		b.Run(strconv.Itoa(depth), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Load(path, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
