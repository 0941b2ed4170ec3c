package qops

import (
	"fmt"

	"gonsim/interp/prelude"
	"gonsim/nsim/units"
)

// The arithmetic of arrays written with Go's operators in a cell
// (1 - exp(-M.T()/tau), S.Get("w")/gmax, v[v > 0*mV]): interp's unit pass
// rewrites them into these calls, which compute element by element in
// compiled Go (package units) and end the cell with the error when units
// or lengths do not match, as numpy with Brian2's units would raise.

// array is x as an array when it is one, or a slice of numbers (a
// SpikeMonitor's Count(), numpy's integer arrays).
func array(x any) (units.Array, bool) {
	switch x := x.(type) {
	case units.Array:
		return x, true
	case []float64:
		return units.ArrayOf(x...), true
	case []int:
		v := make([]float64, len(x))
		for i, n := range x {
			v[i] = float64(n)
		}
		return units.NewArray(v, units.Dim{}), true
	}
	return units.Array{}, false
}

type arrayOp func(units.Array, any) (units.Array, error)

// forward computes a op y for an array a; reverse computes x op a.
var (
	forward = map[string]arrayOp{"+": units.Array.Add, "-": units.Array.Sub, "*": units.Array.Mul, "/": units.Array.Div}
	reverse = map[string]arrayOp{"+": units.Array.Add, "-": units.Array.RSub, "*": units.Array.Mul, "/": units.Array.RDiv}
)

// Arr returns x op y ("+", "-", "*", "/") where x or y is an array and
// the other an array, a quantity or a number.
func Arr(x any, op string, y any) units.Array {
	a, other, swapped := arrayFirst(x, y)
	ops := forward
	if swapped {
		ops = reverse
	}
	f, known := ops[op]
	if !known {
		prelude.Fail(fmt.Errorf("the operator %s is not defined on arrays", op))
	}
	r, err := f(a, other)
	prelude.Fail(err)
	return r
}

// arrayFirst returns the array operand of x op y first (swapped when it
// is y), and the other operand as an array when it is one.
func arrayFirst(x, y any) (a units.Array, other any, swapped bool) {
	a, ok := array(x)
	if b, isArr := array(y); isArr {
		y = b
	}
	if !ok {
		return y.(units.Array), x, true
	}
	return a, y, false
}

// compare maps a comparison to its Array method; mirrored is the same
// comparison with the operands swapped (5*mV < v is v > 5*mV).
var (
	compare  = map[string]func(units.Array, any) (units.Mask, error){"<": units.Array.Lt, "<=": units.Array.Le, ">": units.Array.Gt, ">=": units.Array.Ge, "==": units.Array.Eq, "!=": units.Array.Ne}
	mirrored = map[string]string{"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}
)

// ArrCmp returns the mask of x op y ("<", "<=", ">", ">=", "==", "!=").
func ArrCmp(x any, op string, y any) units.Mask {
	a, other, swapped := arrayFirst(x, y)
	if swapped {
		op = mirrored[op]
	}
	f, known := compare[op]
	if !known {
		prelude.Fail(fmt.Errorf("the comparison %s is not defined on arrays", op))
	}
	m, err := f(a, other)
	prelude.Fail(err)
	return m
}

// MaskOp combines two masks element by element: "&" (or "&&") and "|"
// (or "||"), numpy's a & b and a | b.
func MaskOp(x units.Mask, op string, y units.Mask) units.Mask {
	var m units.Mask
	var err error
	if op == "&" || op == "&&" {
		m, err = x.And(y)
	} else {
		m, err = x.Or(y)
	}
	prelude.Fail(err)
	return m
}

// Where returns the values of a where m is true (numpy's a[m]).
func Where(a units.Array, m units.Mask) units.Array {
	r, err := a.Where(m)
	prelude.Fail(err)
	return r
}

// Index returns a[i] with a's unit; a negative i counts from the end,
// as in numpy. Out of range ends the cell.
func Index(a units.Array, i int) units.Quantity {
	prelude.Fail(a.Err())
	j := i
	if j < 0 {
		j += a.Len()
	}
	if j < 0 || j >= a.Len() {
		prelude.Fail(fmt.Errorf("index %d is out of bounds for an array of %d values", i, a.Len()))
	}
	return a.Index(j)
}

// Slice returns a[i:j] (j < 0 for a[i:]; negative bounds count from the
// end, as in numpy, and are clipped to the array).
func Slice(a units.Array, i, j int, open bool) units.Array {
	prelude.Fail(a.Err())
	n := a.Len()
	if open {
		j = n
	}
	clip := func(k int) int {
		if k < 0 {
			k += n
		}
		return min(max(k, 0), n)
	}
	i, j = clip(i), clip(j)
	if j < i {
		j = i
	}
	return a.Slice(i, j)
}

// ArrFunc applies Brian2's function fn (a key of Funcs, or "sqrt",
// "abs") to every value of a: the units rules are exp's, sqrt's, abs's.
func ArrFunc(fn string, x any) units.Array {
	a, _ := array(x)
	var r units.Array
	var err error
	switch fn {
	case "sqrt":
		r, err = a.Sqrt()
	case "abs":
		r = a.Abs()
		err = r.Err()
	case "exp":
		r, err = a.Exp()
	case "log":
		r, err = a.Log()
	case "log10":
		r, err = a.Log10()
	case "sin":
		r, err = a.Sin()
	case "cos":
		r, err = a.Cos()
	case "tanh":
		r, err = a.Tanh()
	default:
		f, ok := Funcs[fn]
		if !ok {
			err = fmt.Errorf("%s is not defined on arrays", fn)
			break
		}
		if !a.Dim().IsDimensionless() {
			err = fmt.Errorf("%s expects a dimensionless argument but got %s (unit is %s)", fn, a, a.Dim().Unit())
			break
		}
		v := a.Floats()
		for i := range v {
			v[i] = f(v[i])
		}
		r = units.ArrayOf(v...)
	}
	prelude.Fail(err)
	return r
}

// ArrPow returns a**y (Brian2's a**y: y has no unit).
func ArrPow(x any, y any) units.Array {
	a, _ := array(x)
	e := exponent(y)
	r, err := a.Pow(e)
	prelude.Fail(err)
	return r
}
