package main

import (
	"fmt"
	"io"
	"text/tabwriter"
)

func printRows(w io.Writer, rows []row) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "document\tops\ttypes\tfuncs\tlines\tfiles\tgen s\tgen MB\tcold s\tcold cpu s\tcold MB\t"+
		"pkg s\tpkg cpu s\tpkg MB\trebuild s\trebuild cpu s\texport KB\tarchive KB\tbinary KB\t")
	for _, r := range rows {
		if r.status != "ok" {
			fmt.Fprintf(tw, "%s\t(failed, see below)\t\n", r.name)
			continue
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%.1f\t%d\t%.1f\t%.1f\t%d\t%.2f\t%.2f\t%d\t%.2f\t%.2f\t%d\t%d\t%d\t\n",
			r.name, r.gen.Ops, r.typeDecls, r.funcs, r.lines, r.files,
			r.genCost.wall.Seconds(), r.genCost.rss>>20,
			r.cold.wall.Seconds(), r.cold.cpu.Seconds(), r.cold.rss>>20,
			r.pkg.wall.Seconds(), r.pkg.cpu.Seconds(), r.pkg.rss>>20,
			r.rebuild.wall.Seconds(), r.rebuild.cpu.Seconds(),
			r.export>>10, r.archive>>10, r.binary>>10)
	}
	tw.Flush()
	for _, r := range rows {
		if r.status != "ok" {
			fmt.Fprintf(w, "\n%s: %s\n", r.name, r.status)
		}
	}
	n := 0
	for _, r := range rows {
		for _, s := range r.gen.Skipped {
			if n == 0 {
				fmt.Fprintln(w, "\nskipped (loader warnings \"skipped ...\"):")
			}
			n++
			fmt.Fprintf(w, "  %s: %s\n", r.name, s)
		}
	}
}

func printPeers(w io.Writer, rows []peerRow) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "\ndocument\t")
	for _, t := range peerTools {
		fmt.Fprintf(tw, "%s lines\t%s cpu s\t%s MB\t", t.name, t.name, t.name)
	}
	fmt.Fprintln(tw, "vs faster peer cpu\tvs faster peer MB\t")
	var notes []string
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t", r.name)
		for i, t := range peerTools {
			if r.status[i] != "ok" {
				fmt.Fprintf(tw, "%d\t-\t-\t", r.lines[i])
				notes = append(notes, fmt.Sprintf("  %s, %s: %s", r.name, t.name, r.status[i]))
				continue
			}
			fmt.Fprintf(tw, "%d\t%.2f\t%d\t", r.lines[i], r.cost[i].cpu.Seconds(), r.cost[i].rss>>20)
		}
		s, mb := r.ratios()
		fmt.Fprintf(tw, "%s\t%s\t\n", s, mb)
	}
	tw.Flush()
	if len(notes) > 0 {
		fmt.Fprintln(w, "\nnot measured:")
		for _, n := range notes {
			fmt.Fprintln(w, n)
		}
	}
}

// ratios returns genclient's compile CPU time and memory as fractions of
// the faster peer's (the peer whose compile took less CPU), or "-" when genclient's or
// both peers' packages did not compile.
func (r peerRow) ratios() (string, string) {
	if r.status[0] != "ok" {
		return "-", "-"
	}
	best := -1
	for i := 1; i < len(peerTools); i++ {
		if r.status[i] == "ok" && (best < 0 || r.cost[i].cpu < r.cost[best].cpu) {
			best = i
		}
	}
	if best < 0 {
		return "-", "-"
	}
	return fmt.Sprintf("%.2f", r.cost[0].cpu.Seconds()/r.cost[best].cpu.Seconds()),
		fmt.Sprintf("%.2f", float64(r.cost[0].rss)/float64(r.cost[best].rss))
}
