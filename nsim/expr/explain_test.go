package expr

import "testing"

// params is a user scope that explains itself, as nsim's does.
type params map[string]float64

func (p params) Lookup(name string) (Symbol, bool) {
	v, ok := p[name]
	return Symbol{Name: name, Kind: Constant, Value: v, ReadOnly: true}, ok
}

func (p params) Explain(string) (string, []string) {
	var known []string
	for k := range p {
		known = append(known, k)
	}
	return "not a parameter", known
}

// The message of an unresolved name says where each scope of the chain
// looked and suggests the nearest name any of them knows, else a unit.
func TestUnresolvedMessage(t *testing.T) {
	model := Symbols{"v": {Kind: Array}, "w_syn": {Kind: Array}, "t": {Kind: Scalar, Dim: dimT}}
	user := params{"tau": 0.01, "tau_m": 0.02, "Vth": 1}
	for _, tt := range []struct {
		in    string
		scope Scope
		want  string
	}{
		{"taux", Chain(model, user), `unknown name "taux": not a model variable, not a parameter (did you mean "tau"?)`},
		{"tau_n", Chain(model, user), `unknown name "tau_n": not a model variable, not a parameter (did you mean "tau_m"?)`},
		{"w_sin", Chain(model, Symbols{"delay": {}}, user), `unknown name "w_sin": not a model variable, not a parameter (did you mean "w_syn"?)`},
		{"vth", Chain(model, user), `unknown name "vth": not a model variable, not a parameter (did you mean "Vth"?)`},
		{"T", Chain(model, user), `unknown name "T": not a model variable, not a parameter`}, // too short to guess
		{"omega", Chain(model, user), `unknown name "omega": not a model variable, not a parameter`},
		{"mvolts", Chain(model, user), `unknown name "mvolts": not a model variable, not a parameter (did you mean the unit "mvolt"?)`},
		{"alpha", ScopeFunc(user.Lookup), `unknown name "alpha"`}, // no Explain: nothing to add
		{"alpha", nil, `unknown name "alpha"`},
	} {
		_, err := Check(tt.in, tt.scope)
		l := Errors(err)
		if len(l) != 1 || l[0].Kind != UnresolvedName || l[0].Culprit != tt.in {
			t.Errorf("%s: got %v, want one unresolved name", tt.in, err)
			continue
		}
		if l[0].Msg != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.in, l[0].Msg, tt.want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		d    int
	}{
		{"", "", 0}, {"tau", "tau", 0}, {"tau", "", 3}, {"", "ab", 2},
		{"tau", "tua", 1}, {"taum", "tau", 1}, {"tau_m", "tau_n", 1},
		{"kitten", "sitting", 3}, {"ab", "ba", 1}, {"abc", "ca", 3}, {"µs", "us", 1},
	} {
		if d := editDistance(tt.a, tt.b); d != tt.d {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, d, tt.d)
		}
	}
}
