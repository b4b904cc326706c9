package drive

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"unsafe"

	"github.com/genclient/genclient/runtime"
)

var (
	readerType = reflect.TypeFor[io.Reader]()
	valuesType = reflect.TypeFor[url.Values]()
	partsType  = reflect.TypeFor[[]runtime.Part]()
	partType   = reflect.TypeFor[runtime.Part]()
	fileType   = reflect.TypeFor[runtime.File]()
	bytesType  = reflect.TypeFor[[]byte]()
)

// build returns a value of type t holding the planned argument a.
func build(t reflect.Type, a Arg) (reflect.Value, error) {
	v := reflect.New(t).Elem()
	var x any
	if err := json.Unmarshal(a.Value, &x); err != nil {
		return v, fmt.Errorf("%s: bad planned value: %w", a.Name, err)
	}
	switch {
	case t == valuesType:
		v.Set(reflect.ValueOf(formValues(x)))
		return v, nil
	case t == partsType:
		v.Set(reflect.ValueOf(parts(x, a.Files)))
		return v, nil
	case t == bytesType && a.Kind != "" && a.Kind != "json":
		v.SetBytes(rawBytes(x))
		return v, nil
	case t.Kind() == reflect.String && a.Kind != "" && a.Kind != "json":
		if s, ok := x.(string); ok {
			v.SetString(s)
			return v, nil
		}
	}
	if err := fillTop(v, x, a); err != nil {
		return v, fmt.Errorf("%s (%s): %w", a.Name, t, err)
	}
	return v, nil
}

// fillTop fills a body argument; a struct without json tags gets its
// fields by the plan's wire-name map.
func fillTop(v reflect.Value, x any, a Arg) error {
	t := v.Type()
	st := t
	if st.Kind() == reflect.Pointer {
		st = st.Elem()
	}
	m, isObj := x.(map[string]any)
	if len(a.Fields) == 0 || !isObj || st.Kind() != reflect.Struct || isWrapper(st) {
		return fill(v, x, a.Files, "")
	}
	target := v
	if t.Kind() == reflect.Pointer {
		target = reflect.New(st)
		v.Set(target)
		target = target.Elem()
	}
	var missing []string
	for _, wire := range sortedKeys(m) {
		f := target.FieldByName(a.Fields[wire])
		if a.Fields[wire] == "" || !f.IsValid() {
			missing = append(missing, wire)
			continue
		}
		if err := fill(f, m[wire], a.Files, wire); err != nil {
			return fmt.Errorf("%s: %w", a.Fields[wire], err)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("%s has no field for %s", st, strings.Join(missing, ", "))
	}
	return nil
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// fill sets v to x. It tries encoding/json first; when that fails (a
// struct holding readers or files), it walks the value itself.
func fill(v reflect.Value, x any, files map[string]string, prop string) error {
	t := v.Type()
	switch {
	case t == readerType:
		v.Set(reflect.ValueOf(bytes.NewReader(rawBytes(x))))
		return nil
	case t == fileType:
		v.Set(reflect.ValueOf(runtime.File{Name: "upload.bin", ContentType: files[prop], Body: bytes.NewReader(rawBytes(x))}))
		return nil
	case t == partType:
		return fmt.Errorf("a single runtime.Part is not supported")
	}
	raw, _ := json.Marshal(x)
	if runtime.Unmarshal(raw, v.Addr().Interface()) == nil && !(isUnion(t) && noVariant(v)) {
		return nil
	}
	if isUnion(t) {
		// A value the union's decoder does not take (a discriminated
		// union gets a string its untyped variant accepts): set the
		// first variant that holds it, as a caller would.
		v.SetZero()
		for i := range t.NumField() {
			if !t.Field(i).IsExported() {
				continue
			}
			f := reflect.New(t.Field(i).Type).Elem()
			if fill(f, x, files, prop) == nil {
				v.Field(i).Set(f)
				return nil
			}
		}
		return fmt.Errorf("no variant of %s holds %s", t, raw)
	}
	switch t.Kind() {
	case reflect.Pointer:
		p := reflect.New(t.Elem())
		if err := fill(p.Elem(), x, files, prop); err != nil {
			return err
		}
		v.Set(p)
		return nil
	case reflect.Slice:
		xs, ok := x.([]any)
		if !ok {
			xs = []any{x}
		}
		s := reflect.MakeSlice(t, len(xs), len(xs))
		for i, e := range xs {
			if err := fill(s.Index(i), e, files, prop); err != nil {
				return fmt.Errorf("[%d]: %w", i, err)
			}
		}
		v.Set(s)
		return nil
	case reflect.Map:
		m, ok := x.(map[string]any)
		if !ok || t.Key().Kind() != reflect.String {
			return fmt.Errorf("cannot set %s from %s", t, raw)
		}
		out := reflect.MakeMapWithSize(t, len(m))
		for _, k := range sortedKeys(m) {
			e := reflect.New(t.Elem()).Elem()
			if err := fill(e, m[k], files, prop); err != nil {
				return fmt.Errorf("[%q]: %w", k, err)
			}
			out.SetMapIndex(reflect.ValueOf(k).Convert(t.Key()), e)
		}
		v.Set(out)
		return nil
	case reflect.Struct:
		if isWrapper(t) {
			return fillWrapper(v, x, files, prop)
		}
		m, ok := x.(map[string]any)
		if !ok {
			return fmt.Errorf("cannot set %s from %T", t, x)
		}
		return fillStruct(v, m, files)
	}
	return fmt.Errorf("cannot set %s from %s", t, raw)
}

// isUnion reports a generated union: a struct of variant fields with an
// unexported raw json.RawMessage and its own MarshalJSON.
func isUnion(t reflect.Type) bool {
	if t.Kind() != reflect.Struct {
		return false
	}
	f, ok := t.FieldByName("raw")
	_, marshals := t.MethodByName("MarshalJSON")
	return ok && !f.IsExported() && f.Type == reflect.TypeFor[json.RawMessage]() && marshals
}

// noVariant reports a union value with no variant and no raw value.
func noVariant(v reflect.Value) bool {
	for i := range v.NumField() {
		if !v.Field(i).IsZero() {
			return false
		}
	}
	return true
}

// isWrapper reports a runtime.Opt or runtime.Nullable.
func isWrapper(t reflect.Type) bool {
	return t.PkgPath() == "github.com/genclient/genclient/runtime" &&
		(strings.HasPrefix(t.Name(), "Opt[") || strings.HasPrefix(t.Name(), "Nullable["))
}

// fillWrapper sets an Opt or Nullable whose element encoding/json cannot
// decode (an io.Reader, a runtime.File) through its unexported fields.
func fillWrapper(v reflect.Value, x any, files map[string]string, prop string) error {
	val := v.FieldByName("value")
	if !val.IsValid() {
		return fmt.Errorf("%s: no value field", v.Type())
	}
	val = reflect.NewAt(val.Type(), unsafe.Pointer(val.UnsafeAddr())).Elem()
	if err := fill(val, x, files, prop); err != nil {
		return err
	}
	if f := v.FieldByName("set"); f.IsValid() {
		reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem().SetBool(true)
		return nil
	}
	if f := v.FieldByName("state"); f.IsValid() {
		f = reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem()
		f.SetUint(2)
		return nil
	}
	return fmt.Errorf("%s: no presence field", v.Type())
}

func fillStruct(v reflect.Value, m map[string]any, files map[string]string) error {
	t := v.Type()
	seen := map[string]bool{}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		x, ok := m[name]
		if !ok {
			continue
		}
		seen[name] = true
		if err := fill(v.Field(i), x, files, name); err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
	}
	var missing []string
	for k := range m {
		if !seen[k] {
			missing = append(missing, k)
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return fmt.Errorf("%s has no field for %s", t, strings.Join(missing, ", "))
	}
	return nil
}

// rawBytes is a planned binary value: the text of a string, or JSON.
func rawBytes(x any) []byte {
	if s, ok := x.(string); ok {
		return []byte(s)
	}
	b, _ := json.Marshal(x)
	return b
}

func scalarText(x any) string {
	switch y := x.(type) {
	case string:
		return y
	case float64:
		return strconv.FormatFloat(y, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(y)
	case nil:
		return ""
	}
	b, _ := json.Marshal(x)
	return string(b)
}

func formValues(x any) url.Values {
	out := url.Values{}
	m, _ := x.(map[string]any)
	for k, v := range m {
		if xs, ok := v.([]any); ok {
			for _, e := range xs {
				out.Add(k, scalarText(e))
			}
			continue
		}
		out.Set(k, scalarText(v))
	}
	return out
}

func parts(x any, files map[string]string) []runtime.Part {
	m, _ := x.(map[string]any)
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []runtime.Part
	for _, k := range keys {
		v := m[k]
		if ct, ok := files[k]; ok {
			b := rawBytes(v)
			out = append(out, runtime.FilePart(k, "upload.bin", ct, int64(len(b)), func() (io.ReadCloser, error) {
				return io.NopCloser(bytes.NewReader(b)), nil
			}))
			continue
		}
		if xs, ok := v.([]any); ok {
			for _, e := range xs {
				out = append(out, runtime.FieldPart(k, scalarText(e)))
			}
			continue
		}
		out = append(out, runtime.FieldPart(k, scalarText(v)))
	}
	return out
}
