// Command names counts the names of generated clients that show a naming
// problem, for before/after comparisons of the loader's naming rules:
//
//	go run ./bench/names [-specs ../shared/specs] [-dir DIR] [DOC ...]
//
// DOC is a name of corpus.tsv, "dir:" and a path inside the APIs.guru
// directory (DIR, by default the npm cache the other benchmarks fill), or
// "file:" and a path. Without DOC: github-rest-api, openai and
// dir:stripe.com.json. Per document it prints:
//
//   - types: the IR's named types (what bench/scale counts);
//   - decls: exported type declarations of the generated package;
//   - variantN: type names ending in Variant and a number
//     (GetChargesCreatedVariant1: an inline union member without a name);
//   - statusResp: type names ending in N, a status and Response
//     (ActivityListPublicEventsN503Response: named after an operation
//     and a status);
//   - digit: exported types, functions and methods whose name is another
//     name of the same scope (the package; the receiver's methods) plus a
//     number from 2 up (Get2 beside Get): the suffix that resolves a
//     collision (constants are left out: enum values end in digits of
//     their own, Gpt4o20240513 beside Gpt4o);
//   - services: the named services; methods: the operations of all
//     services; clientMethods: those that are methods of Client itself.
//
// -list prints the names counted in variantN, statusResp and digit,
// -methods every operation's document, Service.Method, method and path;
// -group-by-path loads as genclient -group-by-path does. A document that
// fails to load is reported and the others are still counted; the exit
// status is then 1.
package main

import (
	"cmp"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/genclient/genclient/generator"
	"github.com/genclient/genclient/internal/apisguru"
	"github.com/genclient/genclient/loader"
)

func main() {
	specs := flag.String("specs", "../shared/specs", "directory holding corpus.tsv")
	dir := flag.String("dir", defaultDir(), "the APIs.guru directory's api folder, for dir: documents")
	list := flag.Bool("list", false, "print the names counted")
	methods := flag.Bool("methods", false, "print every operation as Service.Method, its method and path")
	group := flag.Bool("group-by-path", false, "load with loader.Options.GroupByPath (genclient -group-by-path)")
	flag.Parse()
	docs := flag.Args()
	if len(docs) == 0 {
		docs = []string{"github-rest-api", "openai", "dir:stripe.com.json"}
	}
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "document\ttypes\tdecls\tvariantN\tstatusResp\tdigit\tservices\tmethods\tclientMethods\t")
	var lists []string
	failed := 0
	for _, d := range docs {
		path, err := resolve(d, *specs, *dir)
		if err != nil {
			fmt.Fprintln(os.Stderr, "names:", err)
			os.Exit(1)
		}
		c, err := count(path, loader.Options{GroupByPath: *group})
		if err != nil {
			// the other documents are still counted; the exit status says one failed
			fmt.Fprintf(os.Stderr, "names: %s: %v\n", d, err)
			failed++
			continue
		}
		if *methods {
			for _, o := range c.ops {
				lists = append(lists, d+"\t"+o)
			}
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t\n", d, c.types, c.decls, len(c.variantN), len(c.statusResp),
			len(c.digit), c.services, c.methods, c.clientMethods)
		if *list {
			for _, l := range []struct {
				what  string
				names []string
			}{{"variantN", c.variantN}, {"statusResp", c.statusResp}, {"digit", c.digit}} {
				for _, n := range l.names {
					lists = append(lists, d+"\t"+l.what+"\t"+n)
				}
			}
		}
	}
	tw.Flush()
	for _, l := range lists {
		fmt.Println(l)
	}
	if failed > 0 {
		fmt.Fprintf(os.Stderr, "names: %d of %d documents failed to load\n", failed, len(docs))
		os.Exit(1)
	}
}

// defaultDir is the cached directory's api folder (see internal/apisguru).
func defaultDir() string {
	dir, _ := apisguru.Dir() // a missing folder is reported when a dir: document is read
	return dir
}

// resolve finds the file of a document argument.
func resolve(d, specs, dir string) (string, error) {
	switch {
	case strings.HasPrefix(d, "dir:"):
		return filepath.Join(dir, strings.TrimPrefix(d, "dir:")), nil
	case strings.HasPrefix(d, "file:"):
		return strings.TrimPrefix(d, "file:"), nil
	}
	data, err := os.ReadFile(filepath.Join(specs, "corpus.tsv"))
	if err != nil {
		return "", err
	}
	for _, line := range strings.Split(string(data), "\n") {
		if name, doc, ok := strings.Cut(line, "\t"); ok && name == d {
			return filepath.Join(specs, doc), nil
		}
	}
	return "", fmt.Errorf("%s is not in corpus.tsv", d)
}

type counts struct {
	types, decls                     int
	variantN, statusResp, digit      []string
	services, methods, clientMethods int
	ops                              []string // "Service.Method GET /path"
}

var (
	variantRE = regexp.MustCompile(`Variant[0-9]+$`)
	statusRE  = regexp.MustCompile(`N[0-9][0-9X][0-9X]Response$`)
	digitsRE  = regexp.MustCompile(`[0-9]+$`)
)

func count(path string, opts loader.Options) (*counts, error) {
	api, err := loader.Load(path, opts)
	if err != nil {
		return nil, err
	}
	files, err := generator.Generate(api, generator.Config{Package: "client"})
	if err != nil {
		return nil, err
	}
	c := &counts{types: len(api.Types)}
	c.services = len(api.Services)
	for _, s := range api.Services {
		for _, o := range s.Operations {
			c.ops = append(c.ops, fmt.Sprintf("%s.%s\t%s %s", cmp.Or(s.Name, "Client"), o.Name, o.Method, o.Path))
		}
		c.methods += len(s.Operations)
		if s.Name == "" {
			c.services--
			c.clientMethods = len(s.Operations)
		}
	}
	pkg := map[string]bool{}         // package-level exported names
	consts := map[string]bool{}      // exported constants and variables
	methods := map[string][]string{} // receiver → method names
	var typeNames []string
	fset := token.NewFileSet()
	for _, f := range files {
		if !strings.HasSuffix(f.Name, ".go") {
			continue
		}
		af, err := parser.ParseFile(fset, f.Name, f.Content, parser.SkipObjectResolution)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", f.Name, err)
		}
		for _, d := range af.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if !d.Name.IsExported() {
					continue
				}
				if d.Recv == nil {
					pkg[d.Name.Name] = true
					continue
				}
				methods[recvName(d.Recv.List[0].Type)] = append(methods[recvName(d.Recv.List[0].Type)], d.Name.Name)
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						if s.Name.IsExported() {
							pkg[s.Name.Name] = true
							typeNames = append(typeNames, s.Name.Name)
						}
					case *ast.ValueSpec:
						for _, n := range s.Names {
							if n.IsExported() {
								pkg[n.Name] = true
								consts[n.Name] = true
							}
						}
					}
				}
			}
		}
	}
	c.decls = len(typeNames)
	for _, n := range typeNames {
		if variantRE.MatchString(n) {
			c.variantN = append(c.variantN, n)
		}
		if statusRE.MatchString(n) {
			c.statusResp = append(c.statusResp, n)
		}
	}
	collided := func(scope map[string]bool, n string) bool {
		base := digitsRE.ReplaceAllString(n, "")
		k, _ := strconv.Atoi(n[len(base):])
		return base != n && base != "" && k >= 2 && scope[base]
	}
	for n := range pkg {
		if !consts[n] && collided(pkg, n) {
			c.digit = append(c.digit, n)
		}
	}
	for recv, ms := range methods {
		scope := map[string]bool{}
		for _, m := range ms {
			scope[m] = true
		}
		for _, m := range ms {
			if collided(scope, m) {
				c.digit = append(c.digit, recv+"."+m)
			}
		}
	}
	slices.Sort(c.variantN)
	slices.Sort(c.statusResp)
	slices.Sort(c.digit)
	return c, nil
}

func recvName(e ast.Expr) string {
	if s, ok := e.(*ast.StarExpr); ok {
		e = s.X
	}
	if i, ok := e.(*ast.Ident); ok {
		return i.Name
	}
	return ""
}
