package interp

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// at splits a cell written with a | at the cursor.
func at(cell string) (string, int) {
	i := strings.Index(cell, "|")
	return cell[:i] + cell[i+1:], utf8.RuneCountInString(cell[:i])
}

// Shift-Tab inside a call's parentheses, as a user presses it while
// writing the call.
func TestInspectInsideCall(t *testing.T) {
	s := newSession(t)
	if r, _ := exec(s, "P := PoissonGroup(10, 50*Hz)\nG := NeuronGroup(5, \"dv/dt = -v/(10*ms) : 1\")\nS := Synapses(P, G, OnPre(\"v += 0.1\"))"); r.Err != nil {
		t.Fatal(r.Err)
	}
	tests := []struct {
		cell string
		want []string // in the text/plain, in order
		not  string
	}{
		{"NeuronGroup(|", []string{"func NeuronGroup(n int, eqs string, opts ...Option) *nsim.NeuronGroup", "Options it accepts:", "  Threshold(cond string) — Threshold sets a group's spike condition"}, "OnPre("},
		{"G2 := NeuronGroup(10, |", []string{"func NeuronGroup(", "  Refractory(r any) —", "  Reset(code string) —"}, ""},
		{"G2 := NeuronGroup(10, \"dv/dt = -v/tau : 1\", Threshold(\"v > 1\"), |)", []string{"func NeuronGroup(", "Options it accepts:"}, ""},
		{"G2 := NeuronGroup(10, \"dv/dt = -v/tau : 1\", Threshold(\"v >| 1\"))", []string{"func Threshold(cond string) Option"}, "Options it accepts"},
		{"G2 := NeuronGroup(10, \"dv/dt = -v/tau : 1\", Thresh|old(\"v > 1\"))", []string{"func Threshold(cond string) Option"}, ""},
		{"S.Connect(|", []string{"func (s *Synapses) Connect(opts ...Option) error", "  Condition(cond string) —", "  P(p any) — P sets Connect's connection probability"}, "Threshold("},
		{"S.Connect(P(|))", []string{"func P(p any) Option"}, "var P"}, // P is the option, though a variable shadows it
		{"Synapses(P, G, |", []string{"func Synapses(src, tgt Group, opts ...Option) *nsim.Synapses", "  Delay(d any) —", "  OnPre(code string) —"}, "Threshold("},
		{"M := SpikeMonitor(G, |", []string{"func SpikeMonitor(", "  Record(idx ...int) —", "  Variables(names ...string) —"}, ""},
		{"fmt.Println(|", []string{"func Println(a ...any) (n int, err error)"}, ""},
		{"math.Sqrt(2|)", []string{"func Sqrt(x float64) float64"}, ""},
	}
	for _, tt := range tests {
		code, cur := at(tt.cell)
		b, ok := s.Inspect(code, cur, 0)
		if !ok {
			t.Errorf("Inspect(%q) found nothing", tt.cell)
			continue
		}
		text := b["text/plain"].(string)
		pos := 0
		for _, w := range tt.want {
			i := strings.Index(text[pos:], w)
			if i < 0 {
				t.Errorf("Inspect(%q) = %q, want %q (after offset %d)", tt.cell, text, w, pos)
				break
			}
			pos += i + len(w)
		}
		if tt.not != "" && strings.Contains(text, tt.not) {
			t.Errorf("Inspect(%q) = %q, should not contain %q", tt.cell, text, tt.not)
		}
	}
}

// Completion inside a call ranks the function's options and the cell's
// variables first; inside a model string it offers the model's names.
func TestCompleteInsideCall(t *testing.T) {
	s := newSession(t)
	if r, _ := exec(s, "tau := 10*ms\nRmem := 5\nG := NeuronGroup(5, \"dv/dt = -v/tau : 1\")"); r.Err != nil {
		t.Fatal(r.Err)
	}
	tests := []struct {
		cell  string
		first []string // the first matches, in order
		has   []string
		not   []string
	}{
		{"NeuronGroup(10, eqs, R|", []string{"Refractory", "Reset", "Rmem"}, []string{"Range", "Record"}, nil},
		{"S := Synapses(G, G, O|", []string{"OnPost", "OnPre", "Order"}, nil, nil},
		{"NeuronGroup(10, \"dv/dt = (v0 - v)/tau : volt\", Threshold(\"v > |", nil, []string{"v", "v0", "tau", "mV", "exp"}, []string{"fmt", "NeuronGroup", "strings"}},
		{"NeuronGroup(10, \"dv/dt = -v/tau : 1\", Reset(\"v = 0*m|", nil, []string{"mV", "ms", "mvolt"}, []string{"math", "make", "map"}},
		{"S := Synapses(G, G, OnPre(\"v_post += w|\"), Model(\"w : 1\"))", nil, []string{"w"}, []string{"wait"}},
	}
	for _, tt := range tests {
		code, cur := at(tt.cell)
		c := s.Complete(code, cur)
		for i, w := range tt.first {
			if i >= len(c.Matches) || c.Matches[i] != w {
				t.Errorf("Complete(%q) = %v, want it to start with %v", tt.cell, c.Matches, tt.first)
				break
			}
		}
		set := map[string]bool{}
		for _, m := range c.Matches {
			set[m] = true
		}
		for _, w := range tt.has {
			if !set[w] {
				t.Errorf("Complete(%q) = %v, want %q among them", tt.cell, c.Matches, w)
			}
		}
		for _, w := range tt.not {
			if set[w] {
				t.Errorf("Complete(%q) offers %q", tt.cell, w)
			}
		}
	}
}
