package expr

import (
	"testing"

	"gonsim/nsim/units"
)

// TestBuiltins: the table gives each built-in name its dimension, and the
// symbols made from it are read-only with that dimension.
func TestBuiltins(t *testing.T) {
	tests := []struct {
		name     string
		dim      units.Dim
		isBool   bool
		reserved bool
	}{
		{"t", units.DimTime, false, true},
		{"dt", units.DimTime, false, true},
		{"i", units.Dim{}, false, true},
		{"j", units.Dim{}, false, true},
		{"N", units.Dim{}, false, true},
		{"lastspike", units.DimTime, false, true},
		{"not_refractory", units.Dim{}, true, true},
		{"lastupdate", units.DimTime, false, false},
	}
	for _, tt := range tests {
		b, ok := Builtin(tt.name)
		if !ok || b.Reserved != tt.reserved || b.Meaning == "" {
			t.Errorf("Builtin(%q) = %+v, %v", tt.name, b, ok)
			continue
		}
		s := b.Symbol(Array, "ref")
		if s.Name != tt.name || s.Dim != tt.dim || s.Bool != tt.isBool || !s.ReadOnly || s.Ref != "ref" {
			t.Errorf("%s: symbol %+v, want dimension %v, Bool %v", tt.name, s, tt.dim, tt.isBool)
		}
	}
	if b, ok := Builtin("xi"); !ok || b.Dim.Unit() != "s^-0.5" {
		t.Errorf("xi: %+v, %v", b, ok)
	}
	if _, ok := Builtin("v"); ok {
		t.Error(`Builtin("v") found`)
	}
}
