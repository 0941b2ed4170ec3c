package interp

import (
	"path"
	"reflect"
	"strings"

	"github.com/traefik/yaegi/stdlib"

	"gonsim/interp/internal/qops"
)

// unitPass runs the unit pass on a cell (prepareCell's hook) and keeps
// the cell's declarations for the cells after it.
func (s *Session) unitPass(code string, items []item) ([]edit, error) {
	if s.units == nil {
		return nil, nil
	}
	imported := map[string]string{}
	for name, p := range s.imported {
		if !strings.HasPrefix(name, ". ") {
			imported[name] = p
		}
	}
	es, a, err := s.units.unitEdits(code, items, imported)
	if err != nil {
		return nil, err
	}
	if a != nil {
		s.units.record(a)
	}
	return es, nil
}

// qopsSymbols is package qops for yaegi (the rewritten cells call it).
func qopsSymbols() map[string]reflect.Value {
	return map[string]reflect.Value{
		"Mul": reflect.ValueOf(qops.Mul), "Div": reflect.ValueOf(qops.Div),
		"MulH": reflect.ValueOf(qops.MulH), "DivH": reflect.ValueOf(qops.DivH),
		"Add": reflect.ValueOf(qops.Add), "Sub": reflect.ValueOf(qops.Sub), "Mod": reflect.ValueOf(qops.Mod),
		"AddH": reflect.ValueOf(qops.AddH), "SubH": reflect.ValueOf(qops.SubH), "ModH": reflect.ValueOf(qops.ModH),
		"Cmp": reflect.ValueOf(qops.Cmp), "ModF": reflect.ValueOf(qops.ModF), "Value": reflect.ValueOf(qops.Value),
		"Dimensionless": reflect.ValueOf(qops.Dimensionless),
		"Sqrt":          reflect.ValueOf(qops.Sqrt), "SqrtH": reflect.ValueOf(qops.SqrtH),
		"Abs": reflect.ValueOf(qops.Abs), "AbsH": reflect.ValueOf(qops.AbsH),
		"Pow": reflect.ValueOf(qops.Pow), "PowH": reflect.ValueOf(qops.PowH),
	}
}

// unitFuncs are Brian2's math functions under their lowercase names in
// the prelude. The unit pass rewrites their calls by the argument's
// unit; these run where it does not (a function value, f := exp).
func unitFuncs() map[string]reflect.Value {
	m := map[string]reflect.Value{
		"sqrt": reflect.ValueOf(qops.Sqrt),
		"abs":  reflect.ValueOf(qops.Abs),
		"pow":  reflect.ValueOf(qops.Pow),
	}
	for name := range qops.Funcs {
		if name == "log" {
			continue // the log package keeps its name; math.Log(x) or Q("log(x)")
		}
		fn := name
		m[name] = reflect.ValueOf(func(x any) float64 { return qops.Dimensionless(fn, x) })
	}
	return m
}

// projectSymbolsWithStdlib are the symbols a session loads, without a
// session (for tests of the unit pass).
func projectSymbolsWithStdlib() map[string]map[string]reflect.Value {
	out := map[string]map[string]reflect.Value{}
	for k, v := range stdlib.Symbols {
		out[path.Dir(k)] = v
	}
	for k, v := range projectSymbols() {
		out[path.Dir(k)] = v
	}
	out[qopsPath] = qopsSymbols()
	return out
}
