package nsim

import (
	"fmt"
	"html"
	"strings"
)

// Remove takes objects out of the network (Brian2's Network.remove). The
// objects they depend on stay simulated while something else in the
// network needs them. Removing an object that is not in the network is an
// error; nothing is removed then.
func (n *Network) Remove(objs ...Object) error {
	for _, o := range objs {
		m, ok := o.(member)
		if !ok || o == nil {
			return &ArgError{"Network.Remove", "", fmt.Sprintf("%T is not an nsim object", o)}
		}
		if !n.has(m) {
			return &ArgError{"Network.Remove", "", fmt.Sprintf("%s is not in the network (it holds %s)", o.Name(), strings.Join(n.names(), ", "))}
		}
	}
	for _, o := range objs {
		m := o.(member)
		for k, x := range n.objects {
			if x == m {
				n.objects = append(n.objects[:k], n.objects[k+1:]...)
				break
			}
		}
	}
	return nil
}

// Objects returns the objects added to the network, in the order added
// (the objects they depend on are simulated with them).
func (n *Network) Objects() []Object {
	out := make([]Object, len(n.objects))
	for k, m := range n.objects {
		out[k] = m
	}
	return out
}

func (n *Network) names() []string {
	out := make([]string, len(n.objects))
	for k, m := range n.objects {
		out[k] = m.Name()
	}
	return out
}

// kindOf is the kind of an object, e.g. "NeuronGroup" or "SpikeMonitor"
// (a SpikeMonitor is simulated as its EventMonitor).
func kindOf(o Object) string {
	if m, ok := o.(*EventMonitor); ok {
		return m.kind
	}
	s := fmt.Sprintf("%T", o)
	return s[strings.LastIndex(s, ".")+1:]
}

// String describes the network: time, objects (with those simulated
// because others depend on them), the schedule of the last run and the
// stored snapshots.
func (n *Network) String() string {
	var b strings.Builder
	members, _ := n.closure()
	fmt.Fprintf(&b, "Network at t = %s with %d object(s)", showTime(n.t), len(n.objects))
	for _, m := range members {
		extra := ""
		if !n.has(m) {
			extra = " (simulated as a dependency)"
		}
		fmt.Fprintf(&b, "\n  %s '%s'%s", kindOf(m), m.Name(), extra)
	}
	if len(n.sorted) > 0 {
		b.WriteString("\nschedule of the last run (slot order name):")
		for _, s := range n.sorted {
			b.WriteString("\n  " + s)
		}
	}
	if len(n.snaps) > 0 {
		b.WriteString("\nsnapshots: " + strings.Join(n.Snapshots(), ", "))
	}
	return b.String()
}

// MIMEBundle shows the network: time, objects, schedule, snapshots.
func (n *Network) MIMEBundle() map[string]any {
	if n == nil {
		return nilBundle()
	}
	var b strings.Builder
	esc := html.EscapeString
	members, _ := n.closure()
	fmt.Fprintf(&b, `<div class="gonsim-object"><div><b>Network</b> at t = %s with %d object(s)</div>`+"\n<table>\n", esc(showTime(n.t)), len(n.objects))
	b.WriteString("<tr>" + thLeft + "object</th>" + thLeft + "kind</th></tr>\n")
	for _, m := range members {
		extra := ""
		if !n.has(m) {
			extra = " <i>(dependency)</i>"
		}
		fmt.Fprintf(&b, "<tr>%s<code>%s</code>%s</td>%s%s</td></tr>\n", tdLeft, esc(m.Name()), extra, tdLeft, kindOf(m))
	}
	b.WriteString("</table>\n")
	if len(n.sorted) > 0 {
		b.WriteString("<div>schedule of the last run (slot order name):</div>\n<ol>\n")
		for _, s := range n.sorted {
			fmt.Fprintf(&b, "<li><code>%s</code></li>\n", esc(s))
		}
		b.WriteString("</ol>\n")
	}
	if len(n.snaps) > 0 {
		fmt.Fprintf(&b, "<div>snapshots: %s</div>\n", esc(strings.Join(n.Snapshots(), ", ")))
	}
	b.WriteString("</div>")
	return map[string]any{"text/plain": n.String(), "text/html": b.String()}
}
