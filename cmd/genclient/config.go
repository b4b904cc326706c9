package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/genclient/genclient/config"
	"github.com/genclient/genclient/generator"
	"github.com/genclient/genclient/loader"
)

// fileFlags are the flags that bring in settings from files: -config and
// -overlay, plus -detect-pagination, which the configuration file also
// holds.
type fileFlags struct {
	fs       *flag.FlagSet
	o        *options
	config   string
	overlays listFlag
}

// listFlag is a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

// addFileFlags defines -config, -overlay and -detect-pagination on fs.
func addFileFlags(fs *flag.FlagSet, o *options) *fileFlags {
	ff := &fileFlags{fs: fs, o: o}
	fs.StringVar(&ff.config, "config", "", "read settings from this genclient.yaml `file` (flags given here win over it)")
	fs.Var(&ff.overlays, "overlay", "apply this OpenAPI Overlay `file` to the document before loading (repeatable; after the config file's)")
	fs.BoolVar(&o.detect, "detect-pagination", true, "detect body-cursor pagination (has_more, next_cursor, nextLink, ...) and print one line per operation it paginates")
	return ff
}

// apply reads the configuration file, if any, into the options the
// command line did not set, and appends the -overlay files.
func (ff *fileFlags) apply() error {
	o := ff.o
	set := map[string]bool{}
	ff.fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if ff.config != "" {
		c, err := config.Load(ff.config)
		if err != nil {
			return err
		}
		str := func(flag string, dst *string, v string) {
			if !set[flag] && v != "" {
				*dst = v
			}
		}
		boolean := func(flag string, dst *bool, v *bool) {
			if !set[flag] && v != nil {
				*dst = *v
			}
		}
		o.spec = c.Path(c.Spec)
		str("out", &o.out, c.Path(c.Out))
		str("package", &o.pkg, c.Package)
		str("module", &o.module, c.Module)
		str("runtime", &o.runtime, c.Runtime)
		str("form-arrays", &o.formArrays, c.FormArrays)
		boolean("clean", &o.clean, c.Clean)
		boolean("q", &o.quiet, c.Quiet)
		boolean("drop-unknown", &o.drop, c.DropUnknown)
		boolean("detect-pagination", &o.detect, c.DetectPagination)
		for _, ov := range c.Overlays {
			o.overlays = append(o.overlays, c.Path(ov))
		}
		o.edits = edits(c)
	}
	o.overlays = append(o.overlays, ff.overlays...)
	return nil
}

// edits converts the configuration's document edits for the loader.
func edits(c *config.Config) *loader.Edits {
	ed := &loader.Edits{Methods: c.Methods, Types: c.Types}
	for op, p := range c.Pagination {
		if ed.Pagination == nil {
			ed.Pagination = map[string]loader.PaginationRule{}
		}
		ed.Pagination[op] = loader.PaginationRule{Style: p.Style, Param: p.Param, Cursor: p.Cursor,
			CursorItem: p.CursorItem, HasMore: p.HasMore, Items: p.Items, Off: p.Off}
	}
	if c.Include != nil {
		ed.Include = loader.Selection{Operations: c.Include.Operations, Tags: c.Include.Tags}
	}
	if c.Exclude != nil {
		ed.Exclude = loader.Selection{Operations: c.Exclude.Operations, Tags: c.Exclude.Tags}
	}
	if len(ed.Methods) == 0 && len(ed.Types) == 0 && len(ed.Pagination) == 0 && c.Include.Empty() && c.Exclude.Empty() {
		return nil
	}
	return ed
}

// loaderOptions are the loader's options for o.
func (o *options) loaderOptions() loader.Options {
	return loader.Options{DropUnknown: o.drop, Overlays: o.overlays, Edits: o.edits, NoDetectPagination: !o.detect,
		RefRoot: o.refRoot, RefRootFlag: "-ref-root"}
}

// generatorConfig is the generator's configuration for o. For a module
// written by a development build, it says on stderr that go.mod needs a
// replace (unless -q).
func (o *options) generatorConfig(stderr io.Writer) generator.Config {
	_, rt := versions()
	if o.module != "" && rt == "" && o.runtime == "" && !o.quiet && !o.check {
		fmt.Fprintf(stderr, "genclient: note: a development build of genclient knows no published version of %s; "+
			"the go.mod written requires a version that does not exist: run go mod edit -replace %s=/path/to/genclient/runtime in %s\n",
			runtimePath, runtimePath, o.out)
	}
	return generator.Config{Package: o.pkg, Module: o.module, RuntimeImport: o.runtime, FormArrays: o.formArrays, RuntimeVersion: rt, RuntimeSum: runtimeSum()}
}
