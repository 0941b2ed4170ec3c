package nsim

// Per-synapse arrays that exist only when something reads them (issue 12:
// memory per synapse). pre and post are the only index arrays every
// synapse has; their absolute copies alias them when the group starts at
// neuron 0, and the float copies of i and j and the delays are
// materialised (from pre, post and defDelay) the first time an
// expression, a monitor, a getter or a setter uses them, and kept in step
// with later Connects from then on.

// lazyArrays records which of the lazily built arrays exist.
type lazyArrays struct {
	withIJ    bool // iF, jF exist
	withDelay bool // delay exists; without it every synapse has defDelay
}

// syncArrays brings the absolute indices and the materialised arrays to
// s.n synapses, after Connect added synapses or a restore dropped some.
func (s *Synapses) syncArrays() {
	s.preA = absolute(s.preA, s.pre, s.src.lo)
	s.post0 = absolute(s.post0, s.post, s.tgt.lo)
	if s.withIJ {
		s.iF, s.jF = floats(s.iF, s.pre), floats(s.jF, s.post)
	}
	if s.withDelay {
		s.delay = filled(s.delay, s.n, s.defDelay)
	}
	for _, v := range s.vars {
		v.data = filled(v.data, s.n, 0)
	}
}

// needIJ materialises the float copies of i and j.
func (s *Synapses) needIJ() {
	if !s.withIJ {
		s.withIJ = true
		s.iF, s.jF = floats(nil, s.pre), floats(nil, s.post)
	}
}

// needDelay materialises the per-synapse delays.
func (s *Synapses) needDelay() {
	if !s.withDelay {
		s.withDelay = true
		s.delay = filled(nil, s.n, s.defDelay)
	}
}

// delayOf is synapse syn's delay, materialised or not.
func (s *Synapses) delayOf(syn int) float64 {
	if s.withDelay {
		return s.delay[syn]
	}
	return s.defDelay
}

// absolute returns rel shifted by lo, reusing dst's first elements (they
// are kept in step); rel itself when lo is 0.
func absolute(dst, rel []int32, lo int) []int32 {
	if lo == 0 {
		return rel
	}
	if len(dst) >= len(rel) {
		return dst[:len(rel)]
	}
	dst = withCap(dst, len(rel))
	for _, v := range rel[len(dst):] {
		dst = append(dst, v+int32(lo))
	}
	return dst
}

// floats returns the indices as floats, reusing dst's first elements.
func floats(dst []float64, ix []int32) []float64 {
	if len(dst) >= len(ix) {
		return dst[:len(ix)]
	}
	dst = withCap(dst, len(ix))
	for _, v := range ix[len(dst):] {
		dst = append(dst, float64(v))
	}
	return dst
}

// filled returns x cut or extended to n elements, new ones set to v.
func filled(x []float64, n int, v float64) []float64 {
	if len(x) >= n {
		return x[:n]
	}
	x = withCap(x, n)
	for len(x) < n {
		x = append(x, v)
	}
	return x
}
