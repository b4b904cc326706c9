package loader

import (
	"strconv"
	"strings"

	yaml "github.com/oasdiff/yaml3"
)

// srcLoc maps a location in the OpenAPI 3 document converted from Swagger
// 2.0 to where the user's 2.0 file has it, for doc comments and
// positions: components as rawPtr maps them, a response's
// content/{media type}/schema to the response's schema, and an
// operation's requestBody to its body (or formData) parameter. A location
// with no counterpart is returned as rawPtr gives it.
func (b *builder) srcLoc(l loc) loc {
	l = b.rawPtr(l)
	if !b.swagger {
		return l
	}
	ptr := l.ptr()
	toks := strings.Split(ptr, "/")[1:]
	for i := 0; i+3 < len(toks); i++ {
		switch {
		case toks[i] == "responses" && toks[i+2] == "content" && toks[i+3] != "" && i+4 < len(toks) && toks[i+4] == "schema":
			// .../responses/200/content/application~1json/schema/... → .../responses/200/schema/...
			toks = append(toks[:i+2:i+2], toks[i+4:]...)
		case toks[i] == "requestBody" && toks[i+1] == "content" && i+3 < len(toks) && toks[i+3] == "schema":
			op := b.rs.at(l.file, "/"+strings.Join(toks[:i], "/"))
			if p, rest, ok := b.bodyParam(op, toks[i+4:]); ok {
				return b.rs.at(l.file, p+rest)
			}
			return b.rs.at(l.file, "/"+strings.Join(toks[:i], "/"))
		case i == 0 && toks[0] == "components" && toks[1] == "requestBodies":
			// A top-level body parameter, converted to a request body.
			if len(toks) > 5 && toks[3] == "content" && toks[5] == "schema" {
				return b.rs.at(l.file, "/parameters/"+toks[2]+"/schema"+joinToks(toks[6:]))
			}
			return b.rs.at(l.file, "/parameters/"+toks[2])
		}
	}
	if p := "/" + strings.Join(toks, "/"); p != ptr {
		return b.rs.at(l.file, p)
	}
	return l
}

// bodyParam finds, in the 2.0 operation at op, the parameter its request
// body came from: the "in: body" parameter (its schema, then rest), or
// for a form the "in: formData" parameter named by rest ("properties",
// name, ...). Path-level parameters are searched too.
func (b *builder) bodyParam(op loc, rest []string) (string, string, bool) {
	form := ""
	if len(rest) >= 2 && rest[0] == "properties" {
		form = unescapeToken(rest[1])
	}
	opPtr := op.ptr()
	item := opPtr[:max(strings.LastIndexByte(opPtr, '/'), 0)]
	for _, base := range []string{opPtr, item} {
		n, _, ok := b.rs.lookup(op.file, base+"/parameters")
		if !ok || n.Kind != yaml.SequenceNode {
			continue
		}
		for i, p := range n.Content {
			ptr := base + "/parameters/" + strconv.Itoa(i)
			if ref := mapGet(p, "$ref"); ref != nil && strings.HasPrefix(ref.Value, "#/") {
				if t, _, ok := b.rs.lookup(op.file, ref.Value[1:]); ok {
					p, ptr = t, ref.Value[1:]
				}
			}
			in := mapGet(p, "in")
			if in == nil {
				continue
			}
			switch {
			case in.Value == "body" && form == "":
				return ptr + "/schema", joinToks(rest), true
			case in.Value == "formData" && form != "":
				if name := mapGet(p, "name"); name != nil && name.Value == form {
					return ptr, "", true
				}
			}
		}
	}
	return "", "", false
}

func joinToks(toks []string) string {
	if len(toks) == 0 {
		return ""
	}
	return "/" + strings.Join(toks, "/")
}
