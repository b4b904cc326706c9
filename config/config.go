// Package config reads genclient.yaml, the configuration file of one
// generated client: the document, where the client goes, and the settings
// that adapt a document genclient cannot edit (a vendor's) without
// touching it: overlays, Go names, pagination rules, which operations to
// keep.
//
//	# yaml-language-server: $schema=https://raw.githubusercontent.com/genclient/genclient/main/config/genclient.schema.json
//	spec: stripe.json
//	out: ./stripe
//	package: stripe
//	overlays: [stripe-fixes.yaml]
//	methods: {GetCharges: ListCharges}
//	types: {charge: Charge}
//	pagination:
//	  GetCharges: {style: cursor, param: starting_after, cursor_item: id, has_more: has_more, items: data}
//	exclude: {tags: [Internal]}
//
// Every key the command line has is a key here too, spelled as the flag
// (drop-unknown); a flag given on the command line wins over the file.
// Relative paths in the file are relative to the file's directory. An
// unknown key is an error at its line, so a typo never passes silently.
// The JSON Schema for editors is Schema (genclient.schema.json beside
// this file).
package config

import (
	_ "embed"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"

	yaml "github.com/oasdiff/yaml3"
)

// Schema is the JSON Schema (draft 2020-12) of genclient.yaml.
//
//go:embed genclient.schema.json
var Schema []byte

// Config is one genclient.yaml. Pointer fields are nil when the file does
// not set them, so that a flag's default never overrides the file.
type Config struct {
	// Spec is the OpenAPI document (the SPEC argument).
	Spec string `yaml:"spec"`
	// Out is the output directory (-out).
	Out string `yaml:"out"`
	// Package is the Go package name (-package).
	Package string `yaml:"package"`
	// Module makes the output a module of its own with this path (-module).
	Module string `yaml:"module"`
	// Runtime is the import path of the runtime package (-runtime).
	Runtime string `yaml:"runtime"`
	// Clean removes generated files that are no longer generated (-clean).
	Clean *bool `yaml:"clean"`
	// Quiet prints no warnings (-q).
	Quiet *bool `yaml:"quiet"`
	// DropUnknown drops undeclared response properties (-drop-unknown).
	DropUnknown *bool `yaml:"drop-unknown"`
	// DetectPagination turns the detection of body-cursor pagination on
	// or off (-detect-pagination; on by default).
	DetectPagination *bool `yaml:"detect-pagination"`
	// GroupByPath groups the operations of a document without tags into
	// services by the first segment of their path (-group-by-path).
	GroupByPath *bool `yaml:"group-by-path"`
	// FormArrays is how lists in deepObject parameters and form bodies
	// are sent: indexed, brackets, repeat or comma (-form-arrays).
	FormArrays string `yaml:"form-arrays"`
	// Overlays are OpenAPI Overlay 1.0 documents applied in order before
	// loading (-overlay, repeatable; the flag's come after the file's).
	Overlays []string `yaml:"overlays"`

	// Methods maps an operation (its operationId, or "METHOD /path") to
	// the Go method name it gets.
	Methods map[string]string `yaml:"methods"`
	// Types maps a component schema (its name under components.schemas,
	// or definitions in Swagger 2.0) to the Go type name it gets.
	Types map[string]string `yaml:"types"`
	// Pagination maps an operation to its pagination rule, as if the
	// document declared it with x-pagination.
	Pagination map[string]Pagination `yaml:"pagination"`
	// Include keeps only the operations it selects (when it selects
	// anything); Exclude then removes the ones it selects.
	Include *Selection `yaml:"include"`
	Exclude *Selection `yaml:"exclude"`

	// Dir is the directory of the file, which relative paths are
	// relative to; set by Load, not read from the file.
	Dir string `yaml:"-"`
}

// Pagination is one pagination rule: the keys of x-pagination.
type Pagination struct {
	Style      string `yaml:"style" json:"style,omitempty"`             // cursor, offset, page, link or url
	Param      string `yaml:"param" json:"param,omitempty"`             // the query parameter that selects the page
	Cursor     string `yaml:"cursor" json:"cursor,omitempty"`           // cursor or url: dotted path of the next cursor (URL) in the body
	CursorItem string `yaml:"cursor_item" json:"cursor_item,omitempty"` // cursor: the property of the last item that is the next cursor
	HasMore    string `yaml:"has_more" json:"has_more,omitempty"`       // dotted path of a boolean: false ends the iteration
	Items      string `yaml:"items" json:"items,omitempty"`             // dotted path of the items array
	Off        bool   `yaml:"off" json:"-"`                             // turn pagination off for the operation
}

// Selection selects operations by operationId ("METHOD /path" for those
// without one) or by tag.
type Selection struct {
	Operations []string `yaml:"operations"`
	Tags       []string `yaml:"tags"`
}

// Empty reports whether s selects nothing.
func (s *Selection) Empty() bool { return s == nil || len(s.Operations) == 0 && len(s.Tags) == 0 }

// Error is a problem in a configuration file, at a line.
type Error struct {
	File      string
	Line, Col int
	Msg       string
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
}

// Load reads the configuration file at path.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, &Error{File: path, Msg: "no such file"}
		}
		return nil, &Error{File: path, Msg: err.Error()}
	}
	c, err := Parse(path, data)
	if err != nil {
		return nil, err
	}
	c.Dir = filepath.Dir(path)
	return c, nil
}

// Parse decodes a configuration file's content; name is used in errors.
func Parse(name string, data []byte) (*Config, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, &Error{File: name, Msg: "YAML syntax error: " + strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	c := &Config{}
	if len(doc.Content) == 0 {
		return c, nil
	}
	root := doc.Content[0]
	if err := checkKeys(name, root, reflect.TypeOf(c).Elem()); err != nil {
		return nil, err
	}
	if err := root.Decode(c); err != nil {
		return nil, &Error{File: name, Line: root.Line, Col: root.Column, Msg: strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	if err := c.check(name, root); err != nil {
		return nil, err
	}
	return c, nil
}

// checkKeys reports the first key of n that t (a struct type, or a map or
// slice of them) has no field for, at its line.
func checkKeys(file string, n *yaml.Node, t reflect.Type) error {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			return nil
		}
		for i := 1; i < len(n.Content); i += 2 {
			if err := checkKeys(file, n.Content[i], t.Elem()); err != nil {
				return err
			}
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			return nil
		}
		for _, e := range n.Content {
			if err := checkKeys(file, e, t.Elem()); err != nil {
				return err
			}
		}
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			return &Error{File: file, Line: n.Line, Col: n.Column, Msg: "want a mapping"}
		}
		fields := map[string]reflect.Type{}
		var names []string
		for i := range t.NumField() {
			f := t.Field(i)
			tag, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if tag == "" || tag == "-" {
				continue
			}
			fields[tag] = f.Type
			names = append(names, tag)
		}
		slices.Sort(names)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			ft, ok := fields[k.Value]
			if !ok {
				return &Error{File: file, Line: k.Line, Col: k.Column,
					Msg: fmt.Sprintf("unknown key %q (known: %s)", k.Value, strings.Join(names, ", "))}
			}
			if err := checkKeys(file, n.Content[i+1], ft); err != nil {
				return err
			}
		}
	}
	return nil
}

// pagination styles a rule may name.
var styles = []string{"cursor", "offset", "page", "link", "url"}

// check validates values that decoding accepts but that mean nothing.
func (c *Config) check(file string, root *yaml.Node) error {
	at := func(key string, msg string) error {
		n := valueOf(root, key)
		if n == nil {
			n = root
		}
		return &Error{File: file, Line: n.Line, Col: n.Column, Msg: msg}
	}
	for op, p := range c.Pagination {
		if p.Off {
			continue
		}
		if !slices.Contains(styles, p.Style) {
			return at("pagination", fmt.Sprintf("pagination of %s: style %q is not one of %s", op, p.Style, strings.Join(styles, ", ")))
		}
	}
	if c.FormArrays != "" && !slices.Contains([]string{"indexed", "brackets", "repeat", "comma"}, c.FormArrays) {
		return at("form-arrays", fmt.Sprintf("form-arrays %q is not one of indexed, brackets, repeat, comma", c.FormArrays))
	}
	for k, v := range c.Methods {
		if !isIdent(v) {
			return at("methods", fmt.Sprintf("methods: %s: %q is not an exported Go identifier", k, v))
		}
	}
	for k, v := range c.Types {
		if !isIdent(v) {
			return at("types", fmt.Sprintf("types: %s: %q is not an exported Go identifier", k, v))
		}
	}
	return nil
}

// valueOf returns the value of key in mapping n.
func valueOf(n *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// isIdent reports whether s is an exported Go identifier.
func isIdent(s string) bool {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	for _, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// Path resolves a path written in the file against its directory.
func (c *Config) Path(p string) string {
	if p == "" || filepath.IsAbs(p) || c.Dir == "" {
		return p
	}
	return filepath.Join(c.Dir, p)
}
