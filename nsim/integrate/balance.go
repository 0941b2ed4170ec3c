package integrate

import "math"

// expmBalanced is expm with diagonal balancing (Parlett–Reinsch, radix
// 2): equations coupling variables of very different scales (v in volt
// driven by Rm·I with Rm = 100 MΩ) give a matrix whose norm is ~1e6
// while its eigenvalues are ~1e-2; scaling and squaring then loses about
// 1e-10 per step. With D a diagonal of powers of two,
// e^A = D·e^{D⁻¹AD}·D⁻¹ exactly, and D⁻¹AD has balanced rows and columns.
func expmBalanced(A [][]float64) [][]float64 {
	n := len(A)
	B := zeros(n, n)
	for i := range A {
		copy(B[i], A[i])
	}
	d := make([]float64, n)
	for i := range d {
		d[i] = 1
	}
	// At most 64 sweeps: each accepted scaling lowers the sum of the
	// norms by 5 %, so the loop ends long before.
	for sweep, changed := 0, true; changed && sweep < 64; sweep++ {
		changed = false
		for i := 0; i < n; i++ {
			var c, r float64 // off-diagonal column and row norms
			for j := 0; j < n; j++ {
				if j != i {
					c += math.Abs(B[j][i])
					r += math.Abs(B[i][j])
				}
			}
			if c == 0 || r == 0 {
				continue
			}
			s, f := c+r, 1.0
			for c < r/2 {
				c, r, f = c*2, r/2, f*2
			}
			for c >= r*2 {
				c, r, f = c/2, r*2, f/2
			}
			if c+r >= 0.95*s {
				continue
			}
			changed = true
			d[i] *= f
			for j := 0; j < n; j++ {
				B[i][j] /= f
				B[j][i] *= f
			}
		}
	}
	E := expm(B)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			E[i][j] *= d[i] / d[j]
		}
	}
	return E
}
