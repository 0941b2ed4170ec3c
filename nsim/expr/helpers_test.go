package expr

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"gonsim/nsim/syntax"
	"gonsim/nsim/units"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from golden file; got:\n%s", path, got)
	}
}

var (
	dimV   = units.DimVoltage
	dimS   = units.DimConductance
	dimT   = units.DimTime
	dimA   = units.DimCurrent
	dimF   = units.DimCapacitance
	dimHz  = units.DimFrequency
	dimVps = units.DimVoltage.Div(units.DimTime)
)

// testScope is an HH-like neuron: arrays v, m, n, h, ge, gi, I, x, w; flag
// b; constants of the seed; t, dt scalars; i index.
func testScope() Symbols {
	c := func(v float64, d units.Dim) Symbol { return Symbol{Kind: Constant, Dim: d, Value: v, ReadOnly: true} }
	return Symbols{
		"v": {Kind: Array, Dim: dimV}, "m": {Kind: Array}, "n": {Kind: Array}, "h": {Kind: Array},
		"ge": {Kind: Array, Dim: dimS}, "gi": {Kind: Array, Dim: dimS}, "I": {Kind: Array, Dim: dimA},
		"x": {Kind: Array}, "w": {Kind: Array}, "b": {Kind: Array, Bool: true},
		"t": {Kind: Scalar, Dim: dimT, ReadOnly: true}, "dt": {Kind: Scalar, Dim: dimT, ReadOnly: true},
		"i": {Kind: Index, ReadOnly: true}, "N": {Kind: Constant, Value: 10, ReadOnly: true},
		"gl": c(1e-8, dimS), "Cm": c(2e-10, dimF), "El": c(-0.065, dimV), "EK": c(-0.09, dimV), "ENa": c(0.05, dimV),
		"g_na": c(2e-5, dimS), "g_kd": c(6e-6, dimS), "VT": c(-0.063, dimV), "taue": c(0.005, dimT), "taui": c(0.01, dimT),
		"Ee": c(0, dimV), "Ei": c(-0.08, dimV), "tau": c(0.01, dimT), "sigma": c(0.03, units.Dim{}),
		"tref": {Kind: Array, Dim: dimT},
	}
}

func mustCombine(t *testing.T, op syntax.Op, a, b *Expr) *Expr {
	t.Helper()
	e, err := Combine(op, a, b)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func isInf(x float64) bool { return x > 1e308 }
