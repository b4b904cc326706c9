package templates

// Require is one requirement of a go.mod; Sum and GoModSum are its lines
// in go.sum: the h1: hashes of the module's files and of its go.mod.
type Require struct{ Path, Version, Sum, GoModSum string }

// RuntimeGoVersion is the go directive of the runtime module
// (runtime/go.mod) this genclient was built with, and RuntimeRequires the
// modules that provide the packages the runtime package imports, at the
// versions runtime/go.mod requires: a generated SDK's go.mod declares the
// same go version and lists these as indirect requirements, exactly as go
// mod tidy writes them, so that -check stays clean after a go mod tidy;
// its go.sum has their hashes, as runtime/go.sum has them. RuntimeGoModSum
// is the hash of runtime/go.mod itself, as go.sum records it. (x/oauth2 is only imported by runtime/oauth2compat, and x/net by runtime/cookiejar, which
// generated code does not import.) TestRuntimeRequires keeps both true.
const RuntimeGoVersion = "1.24.0"

// RuntimeRequires: see RuntimeGoVersion.
var RuntimeRequires = []Require{
	{"golang.org/x/text", "v0.34.0", "h1:oL/Qq0Kdaqxa1KbNeMKwQq0reLCCaFtqu2eNuSeNHbk=", "h1:homfLqTYRFyVYemLBFl5GgL/DWEiH5wcsQ5gSh1yziA="},
}

// RuntimeTestRequires are the further modules the runtime package's
// tests import (x/net: the proxy test holds the runtime to x/net's
// httpproxy). go mod tidy records their hashes in an SDK's go.sum, though
// not in its go.mod.
var RuntimeTestRequires = []Require{
	{"golang.org/x/net", "v0.50.0", "h1:ucWh9eiCGyDR3vtzso0WMQinm2Dnt8cFMuQa9K33J60=", "h1:UgoSli3F/pBgdJBHCTc+tp3gmrU4XswgGRgtnwWTfyM="},
}

// RuntimeGoModSum: see RuntimeGoVersion.
const RuntimeGoModSum = "h1:5qKK76UOUhW6WafSnszCtR20kcwVPWPjp5a60Jcew/M="
