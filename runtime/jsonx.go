package runtime

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
)

// MarshalAdditional encodes the struct v (a copy of a generated struct
// without its JSON methods) and adds the entries of extra whose keys are
// not among the declared properties known, in sorted key order. Generated
// structs with additionalProperties call it from MarshalJSON.
func MarshalAdditional[T any](v any, extra map[string]T, known ...string) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil || len(extra) == 0 || len(b) < 2 || b[len(b)-1] != '}' {
		return b, err
	}
	keys := make([]string, 0, len(extra))
	for k := range extra {
		if !slices.Contains(known, k) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	out := bytes.NewBuffer(b[: len(b)-1 : len(b)-1])
	for i, k := range keys {
		vb, err := json.Marshal(extra[k])
		if err != nil {
			return nil, fmt.Errorf("property %q: %w", k, err)
		}
		if i > 0 || len(b) > 2 {
			out.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		out.Write(kb)
		out.WriteByte(':')
		out.Write(vb)
	}
	out.WriteByte('}')
	return out.Bytes(), nil
}

// UnmarshalAdditional decodes the object b into the struct v (a pointer to
// a copy of a generated struct without its JSON methods) and returns its
// properties that are not among the declared ones, known, or nil when it
// has none.
func UnmarshalAdditional[T any](b []byte, v any, known ...string) (map[string]T, error) {
	if err := json.Unmarshal(b, v); err != nil {
		return nil, err
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(b, &all); err != nil {
		return nil, err
	}
	var extra map[string]T
	for k, raw := range all {
		if slices.Contains(known, k) {
			continue
		}
		var x T
		if err := json.Unmarshal(raw, &x); err != nil {
			return nil, fmt.Errorf("property %q: %w", k, err)
		}
		if extra == nil {
			extra = make(map[string]T, max(len(all)-len(known), 1))
		}
		extra[k] = x
	}
	return extra, nil
}
