package nsim

import "gonsim/nsim/integrate"

// coupledStep is the per-element exact step of coupled linear equations
// with per-element coefficients (integrate.Coupled): the scheme's stages
// fill the coefficient arrays, then each element's propagator maps its
// states to their new values.
type coupledStep struct {
	c    *integrate.Coupled
	coef [][]float64 // the coefficient temporaries; nil for a zero
}

// coupledBuf is one worker's memory for the coupled step.
type coupledBuf struct {
	coef, x, out []float64
	scratch      *integrate.CoupledScratch
}

func (u *stateUpdater) setCoupled(c *integrate.Coupled) {
	c.Reserve(u.n)
	cs := &coupledStep{c: c}
	for _, name := range c.Coef {
		cs.coef = append(cs.coef, u.temps[name]) // nil for ""
	}
	u.coupled = cs
}

func (cs *coupledStep) newBuf() *coupledBuf {
	n := cs.c.Size()
	return &coupledBuf{coef: make([]float64, len(cs.coef)), x: make([]float64, n), out: make([]float64, n), scratch: cs.c.NewScratch()}
}

// apply overwrites the new values of elements lo…hi-1.
func (u *stateUpdater) applyCoupled(b *coupledBuf, lo, hi int) {
	cs := u.coupled
	for k := lo; k < hi; k++ {
		for j, arr := range cs.coef {
			b.coef[j] = 0
			if arr != nil {
				b.coef[j] = arr[k]
			}
		}
		for j, v := range u.states {
			b.x[j] = v.data[k]
		}
		cs.c.Step(k, b.coef, b.x, b.out, b.scratch)
		for j, v := range b.out {
			u.newVals[j][k] = v
		}
	}
}
