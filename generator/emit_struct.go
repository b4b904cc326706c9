package generator

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/dave/jennifer/jen"

	"github.com/genclient/genclient/ir"
)

// emitStruct emits a named object schema:
//
//	// Pet is a pet.
//	type Pet struct {
//		// Name of the pet.
//		Name string `json:"name"`
//		Tag  runtime.Opt[string] `json:"tag,omitzero"`
//		Owner *Person `json:"owner,omitzero"`
//		Nickname runtime.Opt[string] `json:"nickname,omitzero"`
//		AdditionalProperties map[string]string `genclient:"additional" json:"-"`
//		NullFields []string `genclient:"nulls" json:"-"`
//	}
//
// A nullable field is what it would be if it were not (see fieldType);
// NullFields lists the fields that are null, for the runtime's codec.
//
// The additional-properties field needs no JSON methods: the runtime's
// codec (runtime.Unmarshal, runtime.Marshal) fills and encodes the map
// field tagged genclient:"additional" (the schema declares
// additionalProperties) or the runtime.Unknown field tagged
// genclient:"unknown" (the schema is silent; it keeps what an API adds
// later).
//
// A type only sent (Usage == UsedInRequest) leaves out readOnly fields and
// one only received (UsedInResponse) writeOnly fields; the loader splits a
// type used both ways into Name and NameRequest (see loader's
// splitDirections). A type no operation uses keeps every field.
func (g *gen) emitStruct(n *ir.Named, s *ir.Struct) []jen.Code {
	g.current = "schema " + n.Name
	var fields []jen.Code
	var omitted, untagged, nulls []string
	comparable := !s.Unknown && s.Additional == nil
	for _, f := range s.Fields {
		if omitField(n, f) {
			omitted = append(omitted, "\""+f.JSONName+"\"")
			continue
		}
		if !validTagName(f.JSONName) {
			untagged = append(untagged, strconv.Quote(f.JSONName))
			continue
		}
		comparable = comparable && g.fieldComparable(f)
		if nullField(f) {
			nulls = append(nulls, f.Name)
		}
		tag := f.JSONName
		if !f.Required {
			tag += ",omitzero"
		}
		tags := map[string]string{"json": tag}
		if quoted(f.Type) {
			tags["json"] += ",string"
		} else if quotedItems(f.Type) {
			tags["genclient"] = "quoted"
		}
		fields = append(fields, jen.Add(comment(fieldDoc(f)...)).
			Id(f.Name).Add(g.fieldType(f)).Tag(tags))
	}
	switch {
	case s.Unknown:
		fields = append(fields, jen.Add(comment(
			additionalName(s)+" holds the properties the schema does not declare, by name: those an API adds later survive a decode and an encode.",
		)).Id(additionalName(s)).Qual(g.rt, "Unknown").
			Tag(map[string]string{"json": "-", "genclient": "unknown"}))
	case s.Additional != nil:
		fields = append(fields, jen.Add(comment(
			additionalName(s)+" holds the properties the schema does not declare, by name.",
		)).Id(additionalName(s)).Map(jen.String()).Add(g.valueType(s.Additional)).
			Tag(map[string]string{"json": "-", "genclient": "additional"}))
	}
	if len(nulls) > 0 {
		comparable = false
		name := nullsName(s)
		fields = append(fields, jen.Add(comment(
			name+" names the fields that are JSON null: those listed are sent as null unless set, and a decode lists those that came as null. Nullable: "+
				listNames(nulls)+".",
		)).Id(name).Index().String().
			Tag(map[string]string{"json": "-", "genclient": "nulls"}))
	}
	paras := typeDoc(n)
	if len(omitted) > 0 {
		what, dir := "read-only", "sent in requests"
		if n.Usage == ir.UsedInResponse {
			what, dir = "write-only", "received in responses"
		}
		list := "the " + what + " property " + omitted[0] + " is"
		if len(omitted) > 1 {
			list = "the " + what + " properties " + strings.Join(omitted, ", ") + " are"
		}
		paras = append(paras, "It is the shape "+dir+": "+list+" left out.")
	}
	if s.Closed {
		paras = append(paras, "The schema allows no other properties (additionalProperties: false).")
	}
	if len(untagged) > 0 {
		fate := "they are not decoded or sent"
		if s.Additional != nil {
			fate = "they are kept in " + additionalName(s)
		}
		paras = append(paras, "The properties "+strings.Join(untagged, ", ")+" have names a Go struct tag cannot hold; "+fate+".")
	}
	fields = noEquality(comparable, fields) // see fieldComparable
	decl := jen.Add(comment(paras...)).
		Type().Id(n.Name).Struct(fields...)
	return []jen.Code{decl}
}

// omitField reports whether f is left out of n because it travels the
// other way only.
func omitField(n *ir.Named, f *ir.Field) bool {
	switch n.Usage {
	case ir.UsedInRequest:
		return f.ReadOnly
	case ir.UsedInResponse:
		return f.WriteOnly
	}
	return false
}

// validTagName reports whether encoding/json accepts name in a struct tag
// (its isValidTag): otherwise it would silently use the Go field name.
func validTagName(name string) bool {
	if name == "" {
		return false
	}
	for _, c := range name {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c):
		case !unicode.IsLetter(c) && !unicode.IsDigit(c):
			return false
		}
	}
	return true
}

// fieldDoc returns the paragraphs of a field's comment.
func fieldDoc(f *ir.Field) []string {
	d := f.Doc
	paras := []string{cleanText(joinNonEmpty(d.Summary, d.Description))}
	paras = append(paras, fieldNotes(f))
	if d.Deprecated {
		paras = append(paras, "Deprecated: the API marks this field as deprecated.")
	}
	if d.ExternalURL != "" {
		paras = append(paras, "See "+d.ExternalURL+".")
	}
	return paras
}

func joinNonEmpty(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "" || cleanText(a) == cleanText(b):
		return a
	}
	return a + "\n\n" + b
}

// additionalName is the name of the field that keeps undeclared
// properties: AdditionalProperties, unless a declared field has it.
func additionalName(s *ir.Struct) string { return freeFieldName(s, "AdditionalProperties") }

// nullsName is the name of s's NullFields field.
func nullsName(s *ir.Struct) string { return freeFieldName(s, "NullFields") }

// freeFieldName is name, or name with underscores after it until no
// property's field of s has it.
func freeFieldName(s *ir.Struct, name string) string {
	for taken := true; taken; {
		taken = false
		for _, f := range s.Fields {
			if f.Name == name {
				name += "_"
				taken = true
			}
		}
	}
	return name
}

// listNames writes "A", "A and B" or "A, B and C".
func listNames(names []string) string {
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// typeDoc returns the paragraphs of a named type's comment; a type the
// document does not describe is described by its origin.
func typeDoc(n *ir.Named) []string {
	paras := docParas(n.Name, n.Doc, "type")
	if n.Doc.Summary == "" && n.Doc.Description == "" {
		if name, ok := strings.CutPrefix(n.Ref, "#/components/schemas/"); ok {
			paras = append([]string{n.Name + " is the schema \"" + name + "\" of the API."}, paras...)
		} else if name, ok := strings.CutPrefix(n.Ref, "#/definitions/"); ok {
			paras = append([]string{n.Name + " is the definition \"" + name + "\" of the API."}, paras...)
		} else if n.Ref != "" {
			paras = append([]string{n.Name + " is the inline schema at " + n.Ref + "."}, paras...)
		}
	}
	return paras
}

// fieldComparable reports whether the Go type of f supports ==. A struct
// whose fields all do gets a first field `_ [0]func()`, which takes the
// == away: the compiler then writes no equality function for it (one per
// struct, a sixth of a package's code), and no API sends a struct one would
// compare as a whole. Structs with a slice, a map or raw JSON have none
// already.
func (g *gen) fieldComparable(f *ir.Field) bool {
	t := unquoted(f.Type)
	if e := notNull(t); e != t {
		if f.Required && shapeOf(e) == shapeStruct {
			return true // a pointer (see fieldType)
		}
		t = e
	}
	if f.Required && g.ptrFields[f] || !f.Required && shapeOf(t) == shapeStruct {
		return true // a pointer
	}
	return typeComparable(t)
}

// typeComparable reports whether valueType(t) supports ==. A named struct
// does not: it either holds a field that does not or starts with
// `_ [0]func()`.
func typeComparable(t ir.Type) bool {
	for range 64 {
		switch x := t.(type) {
		case *ir.Primitive:
			return x.Kind != ir.Bytes
		case *ir.Nullable:
			t = x.Elem
			continue
		case *ir.Named:
			switch x.Type.(type) {
			case *ir.Struct, *ir.Union, *ir.Any:
				return false
			case *ir.Enum:
				return true
			}
			t = x.Type
			continue
		}
		return false // arrays, maps, free-form JSON
	}
	return false
}
