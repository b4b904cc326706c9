package generator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/genclient/genclient/ir"
)

// jsonDiff is one difference between an example and its round trip.
type jsonDiff struct {
	path []string // object keys and array indexes from the root
	kind string   // "dropped", "added", "changed"
	want any      // the example's value at path (nil for added)
	// lossy is set by explain for a documented loss, with its reason.
	lossy string
}

func (d jsonDiff) String() string {
	p := "/" + strings.Join(d.path, "/")
	s := fmt.Sprintf("%s %s", p, d.kind)
	if d.lossy != "" {
		s += " (" + d.lossy + ")"
	}
	return s
}

// compareJSON compares two JSON documents semantically: object key order
// and number spelling (1, 1.0, 1e0) do not matter, and two strings that
// are the same RFC 3339 instant are equal (time.Time re-encodes
// "2020-01-01T00:00:00.000+00:00" as "2020-01-01T00:00:00Z").
func compareJSON(want, got []byte) []jsonDiff {
	w, err1 := decodeNumbers(want)
	g, err2 := decodeNumbers(got)
	if err1 != nil || err2 != nil {
		return []jsonDiff{{kind: fmt.Sprintf("changed (undecodable: %v %v)", err1, err2)}}
	}
	var diffs []jsonDiff
	diffJSON(nil, w, g, &diffs)
	return diffs
}

func decodeNumbers(b []byte) (any, error) {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	err := d.Decode(&v)
	return v, err
}

func diffJSON(path []string, w, g any, out *[]jsonDiff) {
	switch wv := w.(type) {
	case map[string]any:
		gv, ok := g.(map[string]any)
		if !ok {
			*out = append(*out, jsonDiff{path: path, kind: "changed", want: w})
			return
		}
		keys := make([]string, 0, len(wv)+len(gv))
		for k := range wv {
			keys = append(keys, k)
		}
		for k := range gv {
			if _, ok := wv[k]; !ok {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			p := append(path[:len(path):len(path)], k)
			wx, inW := wv[k]
			gx, inG := gv[k]
			switch {
			case !inG:
				*out = append(*out, jsonDiff{path: p, kind: "dropped", want: wx})
			case !inW:
				*out = append(*out, jsonDiff{path: p, kind: "added"})
			default:
				diffJSON(p, wx, gx, out)
			}
		}
	case []any:
		gv, ok := g.([]any)
		if !ok || len(gv) != len(wv) {
			*out = append(*out, jsonDiff{path: path, kind: "changed", want: w})
			return
		}
		for i := range wv {
			diffJSON(append(path[:len(path):len(path)], strconv.Itoa(i)), wv[i], gv[i], out)
		}
	case json.Number:
		gv, ok := g.(json.Number)
		if !ok || !sameNumber(wv, gv) {
			*out = append(*out, jsonDiff{path: path, kind: "changed", want: w})
		}
	case string:
		gv, ok := g.(string)
		if !ok || gv != wv && !sameInstant(wv, gv) {
			*out = append(*out, jsonDiff{path: path, kind: "changed", want: w})
		}
	default: // bool, nil
		if w != g {
			*out = append(*out, jsonDiff{path: path, kind: "changed", want: w})
		}
	}
}

func sameNumber(a, b json.Number) bool {
	x, _, err1 := big.ParseFloat(string(a), 10, 256, big.ToNearestEven)
	y, _, err2 := big.ParseFloat(string(b), 10, 256, big.ToNearestEven)
	return err1 == nil && err2 == nil && x.Cmp(y) == 0
}

func sameInstant(a, b string) bool {
	x, err1 := time.Parse(time.RFC3339Nano, a)
	y, err2 := time.Parse(time.RFC3339Nano, b)
	return err1 == nil && err2 == nil && x.Equal(y)
}

// explain marks the differences the generated types lose by design, given
// the type at the root of the example:
//   - a property the struct does not declare (no additionalProperties):
//     generated structs ignore unknown properties;
//   - a null for an optional property that is not nullable, in a struct
//     without NullFields (it has no nullable field): Opt and optional
//     pointers read null as absent;
//   - a writeOnly property of a type only received, or a readOnly one of
//     a type only sent, which leaves it out.
//
// It reports whether every difference is such a loss.
func explain(diffs []jsonDiff, root ir.Type) bool {
	all := true
	for i := range diffs {
		d := &diffs[i]
		if d.kind != "dropped" || len(d.path) == 0 {
			all = false
			continue
		}
		parent, ok := typeAt(root, d.path[:len(d.path)-1])
		if !ok {
			all = false
			continue
		}
		key := d.path[len(d.path)-1]
		var field *ir.Field
		for _, f := range parent.st.Fields {
			if f.JSONName == key {
				field = f
			}
		}
		switch {
		case field == nil && parent.st.Additional == nil:
			d.lossy = "property not declared by " + parent.name
		case field != nil && field.WriteOnly && parent.usage == ir.UsedInResponse:
			d.lossy = "writeOnly property of a type only received"
		case field != nil && field.ReadOnly && parent.usage == ir.UsedInRequest:
			d.lossy = "readOnly property of a type only sent"
		case field != nil && d.want == nil && !field.Required:
			if _, nullable := field.Type.(*ir.Nullable); !nullable && !hasNullable(parent.st) {
				d.lossy = "null for a non-nullable optional property"
			}
		}
		if d.lossy == "" {
			all = false
		}
	}
	return all
}

// hasNullable reports whether st has a field nullField counts, so that
// its Go struct has NullFields, which keeps every null it decodes.
func hasNullable(st *ir.Struct) bool {
	return slices.ContainsFunc(st.Fields, nullField)
}

// structAt is the struct found at a path, with its type's name and usage.
type structAt struct {
	st    *ir.Struct
	name  string
	usage ir.Usage
}

// typeAt follows path (keys and indexes) from the type root down to a
// struct; it fails through unions, whose JSON is kept verbatim.
func typeAt(root ir.Type, path []string) (structAt, bool) {
	t := root
	var cur structAt
	for i := 0; ; {
		switch x := t.(type) {
		case *ir.Named:
			cur.name, cur.usage = x.Name, x.Usage
			t = x.Type
			continue
		case *ir.Nullable:
			t = x.Elem
			continue
		}
		if i == len(path) {
			st, ok := t.(*ir.Struct)
			cur.st = st
			return cur, ok
		}
		switch x := t.(type) {
		case *ir.Struct:
			var next ir.Type
			for _, f := range x.Fields {
				if f.JSONName == path[i] {
					next = f.Type
				}
			}
			if next == nil {
				next = x.Additional
			}
			if next == nil {
				return cur, false
			}
			t = next
		case *ir.Array:
			t = x.Elem
		case *ir.Map:
			t = x.Elem
		default:
			return cur, false
		}
		i++
	}
}

// describeDiffs summarises up to three differences.
func describeDiffs(diffs []jsonDiff) string {
	var parts []string
	for i, d := range diffs {
		if i == 3 {
			parts = append(parts, fmt.Sprintf("and %d more", len(diffs)-3))
			break
		}
		parts = append(parts, d.String())
	}
	return strings.Join(parts, "; ")
}

func TestCompareJSON(t *testing.T) {
	tests := []struct {
		name, want, got string
		diffs           int
	}{
		{"order and numbers", `{"a":1.0,"b":[1,2]}`, `{"b":[1,2e0],"a":1}`, 0},
		{"instant", `{"t":"2020-01-01T00:00:00.000+00:00"}`, `{"t":"2020-01-01T00:00:00Z"}`, 0},
		{"dropped", `{"a":1,"x":2}`, `{"a":1}`, 1},
		{"added", `{}`, `{"a":0}`, 1},
		{"changed", `{"a":"x"}`, `{"a":"y"}`, 1},
		{"length", `[1,2]`, `[1]`, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if d := compareJSON([]byte(tt.want), []byte(tt.got)); len(d) != tt.diffs {
				t.Errorf("diffs %v, want %d", d, tt.diffs)
			}
		})
	}
}
