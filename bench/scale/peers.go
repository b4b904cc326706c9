package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi2conv"

	"github.com/genclient/genclient/internal/testmod"
)

// peerTool is a generator compared with genclient. install is what go
// install fetches (through the module proxy) into the cache; generate
// writes the client package for spec into dir.
type peerTool struct {
	name, install string
	generate      func(m *measurer, bin, spec, dir, pkg string) error
}

// peerTools are genclient and its peers, genclient first.
var peerTools = []peerTool{
	{name: "genclient", generate: func(m *measurer, _, spec, dir, pkg string) error {
		if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
			return err
		}
		out, _, err := m.run(filepath.Dir(dir), nil, m.self, "-child-spec", spec, "-child-dir", filepath.Dir(dir),
			"-child-pkg", pkg, "-calls", "0")
		if err != nil {
			return fmt.Errorf("%s", firstLine(out))
		}
		return nil
	}},
	{name: "oapi-codegen", install: "github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen@v2.8.2",
		generate: func(m *measurer, bin, spec, dir, pkg string) error {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			out, _, err := m.run(dir, nil, bin, "-generate", "types,client", "-package", pkg, "-o", "client.go", spec)
			if err != nil {
				os.RemoveAll(dir)
				return fmt.Errorf("%s", firstLine(out))
			}
			return nil
		}},
	{name: "ogen", install: "github.com/ogen-go/ogen/cmd/ogen@v1.25.0",
		generate: func(m *measurer, bin, spec, dir, pkg string) error {
			// The client only (no server, no webhooks), operations ogen does
			// not implement skipped, as its users run it for a client.
			if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
				return err
			}
			cfg := filepath.Join(filepath.Dir(dir), "ogen.yml")
			if err := os.WriteFile(cfg, []byte("generator:\n  ignore_not_implemented: [\"all\"]\n"+
				"  features:\n    disable: [\"paths/server\", \"webhooks/server\", \"webhooks/client\"]\n"), 0o644); err != nil {
				return err
			}
			out, _, err := m.run(filepath.Dir(dir), nil, bin, "-package", pkg, "-target", dir, "-clean", "-config", cfg, spec)
			if err != nil {
				os.RemoveAll(dir)
				return fmt.Errorf("%s", lastLine(out))
			}
			return nil
		}},
}

// peerRow is one document compiled by each of peerTools.
type peerRow struct {
	name   string
	status []string // "ok" or why there is no number
	lines  []int
	cost   []cost
}

// peers generates every document with every tool into one scratch module
// and compiles each package alone, its dependencies already built.
func (m *measurer) peers(ds []doc) ([]peerRow, error) {
	bins := make([]string, len(peerTools))
	for i, t := range peerTools {
		if t.install == "" {
			continue
		}
		b, err := installTool(t)
		if err != nil {
			return nil, err
		}
		bins[i] = b
	}
	dir := filepath.Join(m.work, "peers")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	if err := testmod.Write(dir, "example.com/peers", m.root); err != nil {
		return nil, err
	}
	env := []string{"GOCACHE=" + filepath.Join(dir, "gocache"), "GOFLAGS=-mod=mod"}
	rows := make([]peerRow, len(ds))
	for k, d := range ds {
		r := peerRow{name: d.name, status: make([]string, len(peerTools)), lines: make([]int, len(peerTools)),
			cost: make([]cost, len(peerTools))}
		pkg := pkgName(d.name)
		v3, err := openAPI3(d.path, filepath.Join(dir, "specs", pkg+".json"))
		for i, t := range peerTools {
			spec := v3
			if i == 0 {
				spec = d.path // genclient reads 2.0 itself
			} else if err != nil {
				r.status[i] = "converting to OpenAPI 3: " + err.Error()
				continue
			}
			out := filepath.Join(dir, t.name, pkg)
			if err := t.generate(m, bins[i], spec, out, pkg); err != nil {
				r.status[i] = "generate: " + err.Error()
				continue
			}
			var lr row
			if err := lr.count(out); err != nil {
				r.status[i] = err.Error()
				continue
			}
			r.lines[i] = lr.lines
			r.status[i] = "ok"
		}
		rows[k] = r
	}
	if out, _, err := m.run(dir, env, "go", "mod", "tidy", "-e"); err != nil {
		return nil, fmt.Errorf("go mod tidy in the peers' module: %s", firstLine(out))
	}
	// Build every package once, so that the dependencies are in the
	// cache, then each again alone.
	for _, pass := range []string{"warm", "measure"} {
		for k := range rows {
			r := &rows[k]
			for i, t := range peerTools {
				if r.status[i] != "ok" {
					continue
				}
				path := "example.com/peers/" + t.name + "/" + pkgName(r.name)
				if pass == "warm" {
					if out, _, err := m.build(dir, env, path); err != nil {
						r.status[i] = "does not compile: " + firstLine(out)
					}
					continue
				}
				c, err := m.alone(dir, env, path)
				if err != nil {
					r.status[i] = err.Error()
					continue
				}
				r.cost[i] = c
			}
		}
	}
	return rows, nil
}

// installTool installs t with go install into the cache, once per
// version, and returns the binary's path.
func installTool(t peerTool) (string, error) {
	cache, err := os.UserCacheDir()
	if x := os.Getenv("XDG_CACHE_HOME"); x != "" {
		cache, err = x, nil
	}
	if err != nil {
		return "", err
	}
	_, version, _ := strings.Cut(t.install, "@")
	gobin := filepath.Join(cache, "genclient", "bench-tools", t.name+"-"+version)
	bin := filepath.Join(gobin, t.name)
	if _, err := os.Stat(bin); err == nil {
		return bin, nil
	}
	cmd := exec.Command("go", "install", t.install)
	cmd.Env = append(os.Environ(), "GOBIN="+gobin, "GOFLAGS=", "GOWORK=off")
	cmd.Dir = os.TempDir()
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go install %s: %v\n%s", t.install, err, out)
	}
	return bin, nil
}

// openAPI3 returns the path of the document in OpenAPI 3: the document
// itself, or for Swagger 2.0 in JSON its conversion by kin-openapi written
// to out (the peers read only OpenAPI 3).
func openAPI3(path, out string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	var probe struct {
		Swagger string `json:"swagger"`
	}
	if json.Unmarshal(b, &probe) != nil || probe.Swagger == "" {
		return path, nil // OpenAPI 3, or YAML the peers read themselves
	}
	var v2 openapi2.T
	if err := json.Unmarshal(b, &v2); err != nil {
		return "", err
	}
	v3, err := openapi2conv.ToV3(&v2)
	if err != nil {
		return "", err
	}
	j, err := json.Marshal(v3)
	if err != nil {
		return "", err
	}
	return out, write(out, j)
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}
