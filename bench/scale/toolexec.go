package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// toolRun is one run of the compiler or the linker, as the -toolexec
// wrapper logs it.
type toolRun struct {
	Tool string        `json:"tool"` // "compile", "link", ...
	Pkg  string        `json:"pkg"`  // the -p argument: the package's import path
	Wall time.Duration `json:"wall"`
	CPU  time.Duration `json:"cpu"`
	RSS  int64         `json:"rss"`
}

// wrap is the -toolexec wrapper: it runs the tool args, then appends its
// cost to the log file, and returns the tool's exit code.
func wrap(log string, args []string) int {
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	start := time.Now()
	err := cmd.Run()
	r := toolRun{Tool: strings.TrimSuffix(filepath.Base(args[0]), ".exe"), Wall: time.Since(start)}
	if ps := cmd.ProcessState; ps != nil {
		r.CPU = ps.UserTime() + ps.SystemTime()
		if ru, ok := ps.SysUsage().(*syscall.Rusage); ok && ru != nil {
			r.RSS = ru.Maxrss * 1024
		}
	}
	for i, a := range args {
		if a == "-p" && i+1 < len(args) {
			r.Pkg = args[i+1]
		}
	}
	if r.Pkg != "" {
		if b, jerr := json.Marshal(r); jerr == nil {
			if f, ferr := os.OpenFile(log, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644); ferr == nil {
				f.Write(append(b, '\n')) // one small write: appends do not interleave
				f.Close()
			}
		}
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	if err != nil {
		os.Stderr.WriteString(err.Error() + "\n")
		return 1
	}
	return 0
}

// lastRun returns the last logged run of tool for the package pkg.
func lastRun(log, tool, pkg string) (toolRun, bool) {
	var last toolRun
	found := false
	f, err := os.Open(log)
	if err != nil {
		return last, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var r toolRun
		if json.Unmarshal(sc.Bytes(), &r) == nil && r.Tool == tool && r.Pkg == pkg {
			last, found = r, true
		}
	}
	return last, found
}
