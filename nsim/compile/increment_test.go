package compile

import (
	"slices"
	"testing"

	"gonsim/nsim/expr"
)

// TestIncrement checks which blocks are uniform increments and that
// Ranges over CSR rows gives bit for bit what Run gives on the rows'
// elements, through an index, a mask, or neither.
func TestIncrement(t *testing.T) {
	start := []int32{0, 2, 2, 5, 6} // rows 0…3: elements 0-1, none, 2-4, 5
	rows := []int32{2, 0, 3, 2, 1}  // spikes, repeats included
	post := []int32{2, 0, 2, 1, 2, 0}
	mask := []float64{1, 0, 1}
	tests := []struct {
		code  string
		index bool
		mask  bool
		inc   bool
	}{
		{"v_post += 0.1*k", true, false, true},
		{"v_post -= k/3", true, true, true},
		{"v_post += k", false, false, true},
		{"v_post += k", false, true, true},
		{"v_post = k", true, false, false},
		{"v_post *= k", true, false, false},
		{"v_post += w", true, false, false},
		{"v_post += k; c = v_post", true, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			k, w, c := 0.7, make([]float64, 6), make([]float64, 6)
			scope := expr.Symbols{"v_post": {Kind: expr.Array}, "w": {Kind: expr.Array}, "c": {Kind: expr.Array}, "k": {Kind: expr.Scalar}}
			b, err := expr.CheckBlock(tt.code, scope)
			if err != nil {
				t.Fatal(err)
			}
			build := func(v *[]float64) *Program {
				p, err := Block(b, Env{Bind: func(s expr.Symbol) (Binding, error) {
					switch s.Name {
					case "w":
						return Binding{Data: &w}, nil
					case "c":
						return Binding{Data: &c}, nil
					case "k":
						return Binding{Ptr: &k}, nil
					}
					bd := Binding{Data: v}
					if tt.index {
						bd.Index = &post
					}
					if tt.mask {
						bd.Mask = &mask
					}
					return bd, nil
				}})
				if err != nil {
					t.Fatal(err)
				}
				return p
			}
			n := 6
			if tt.index {
				n = 3
			}
			want, got := make([]float64, n), make([]float64, n)
			if tt.mask && !tt.index {
				mask = []float64{1, 0, 1, 1, 0, 1}
			} else {
				mask = []float64{1, 0, 1}
			}
			var ids []int32
			for _, r := range rows {
				for q := start[r]; q < start[r+1]; q++ {
					ids = append(ids, q)
				}
			}
			build(&want).Run(ids)
			inc := build(&got).Increment()
			if (inc != nil) != tt.inc {
				t.Fatalf("Increment() = %v, want an increment: %v", inc, tt.inc)
			}
			if inc == nil {
				return
			}
			inc.Ranges(rows, start)
			if !slices.Equal(got, want) || slices.Equal(want, make([]float64, n)) {
				t.Errorf("Ranges gives %v, Run %v", got, want)
			}
		})
	}
}
