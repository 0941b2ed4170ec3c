package units

import "testing"

// TestHalfDim: products, quotients and powers of dimensions with half
// exponents, their conversion back to a Dim and their printed units.
func TestHalfDim(t *testing.T) {
	noise := Half(DimTime).Div(Half(DimTime)).Div(HalfDim{0, 0, 1}) // s^-0.5
	tests := []struct {
		name string
		h    HalfDim
		dim  Dim // when integral
		ok   bool
		unit string
	}{
		{"volt", Half(DimVoltage), DimVoltage, true, "V"},
		{"dimensionless", HalfDim{}, Dim{}, true, "1"},
		{"noise", noise, Dim{}, false, "s^-0.5"},
		{"noise*noise", noise.Mul(noise), DimFrequency, true, "Hz"},
		{"V/noise", Half(DimVoltage).Div(noise), Dim{}, false, "m^2 kg s^-2.5 A^-1"},
		{"too large", HalfDim{2 * 128}, Dim{}, false, "m^128"},
	}
	for _, tt := range tests {
		d, ok := tt.h.Dim()
		if ok != tt.ok || ok && d != tt.dim {
			t.Errorf("%s: Dim() = %v, %v; want %v, %v", tt.name, d, ok, tt.dim, tt.ok)
		}
		if got := tt.h.Unit(); got != tt.unit {
			t.Errorf("%s: Unit() = %q, want %q", tt.name, got, tt.unit)
		}
		if got := tt.h.Dimensionless(); got != (tt.h == HalfDim{}) {
			t.Errorf("%s: Dimensionless() = %v", tt.name, got)
		}
	}
	pows := []struct {
		h    HalfDim
		x    float64
		want HalfDim
		bad  int
		ok   bool
	}{
		{Half(DimFrequency), 0.5, noise, 0, true},
		{noise, 2, Half(DimFrequency), 0, true},
		{Half(DimVoltage), 3, Half(DimVoltage.Mul(DimVoltage).Mul(DimVoltage)), 0, true},
		{noise, 0.5, HalfDim{}, 2, false},             // s^-0.25
		{Half(DimVoltage), 0.25, HalfDim{}, 1, false}, // m^0.5 is fine, kg^0.25 is not
		{Half(DimTime), 127, HalfDim{0, 0, 254}, 0, true},
		{Half(DimTime), 128, HalfDim{}, 2, false}, // does not fit a Dim
	}
	for _, p := range pows {
		got, bad, ok := p.h.Pow(p.x)
		if ok != p.ok || got != p.want || !ok && bad != p.bad {
			t.Errorf("%v.Pow(%v) = %v, %d, %v; want %v, %d, %v", p.h, p.x, got, bad, ok, p.want, p.bad, p.ok)
		}
	}
}
