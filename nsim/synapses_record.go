package nsim

import (
	"fmt"
	"sort"
	"strings"

	"gonsim/nsim/compile"
	"gonsim/nsim/units"
)

// All is the wildcard of Synapses.Indices: any pre- or postsynaptic
// neuron (Brian2's ":" in S[i, :] and S.indices[:, j]).
const All int = -1

// Indices returns, in ascending order, the indices of the synapses from
// presynaptic neuron i to postsynaptic neuron j (Brian2's S.indices[i, j]);
// either may be All. Indices outside the groups match no synapse. The
// result can be passed to Record to monitor those synapses.
func (s *Synapses) Indices(i, j int) []int {
	out := []int{}
	for k := 0; k < s.n; k++ {
		if (i == All || int(s.pre[k]) == i) && (j == All || int(s.post[k]) == j) {
			out = append(out, k)
		}
	}
	return out
}

func (s *Synapses) recSource() recSource { return recSource{s, 0, s.name, "synapse", s.dt} }

// reader lets a StateMonitor record a synaptic variable, "delay", or a
// subexpression of the model (element k is synapse k).
func (s *Synapses) reader(name string, lo int) (varReader, units.Dim, error) {
	if v, ok := s.vars[name]; ok {
		return gather(&v.data), v.dim, nil
	}
	if name == "delay" {
		s.needDelay()
		return gather(&s.delay), timeDim, nil
	}
	e := s.model.Subexpr[name]
	if e == nil {
		names := []string{"delay"}
		for n := range s.vars {
			names = append(names, n)
		}
		for n := range s.model.Subexpr {
			names = append(names, n)
		}
		sort.Strings(names)
		return nil, units.Dim{}, fmt.Errorf("%s has no synaptic variable %q (it has %s)", s.name, name, strings.Join(names, ", "))
	}
	k, err := compile.Expr(e, compile.Env{Bind: s.bind, DT: &s.dtN})
	if err != nil {
		return nil, units.Dim{}, err
	}
	return func(dst []float64, idx []int32) { k.EvalIndices(dst, idx) }, e.Dim, nil
}

// gather reads (*d)[idx[k]] into dst[k]; d is re-read each time because
// Connect grows the arrays.
func gather(d *[]float64) varReader {
	return func(dst []float64, idx []int32) {
		data := *d
		for k, i := range idx {
			dst[k] = data[i]
		}
	}
}
