package compile

import "gonsim/nsim/expr"

// Rand is the random stream of a group: *rand.Rand from math/rand/v2
// implements it. rand() uses Float64, randn() and xi use NormFloat64.
type Rand interface {
	Float64() float64
	NormFloat64() float64
}

// Binding tells a kernel where a symbol's values live. Pointers to slices
// are held, not the slices, so that a group can grow (synapses connected
// later) without recompiling.
type Binding struct {
	// Data holds an Array symbol's values. Element k reads (*Data)[k], or
	// (*Data)[(*Index)[k]] if Index is set.
	Data  *[]float64
	Index *[]int32
	// Ptr holds a Scalar symbol's value.
	Ptr *float64
	// Mask, for a statement target only, makes writes conditional: element
	// k writes only where Mask (indexed like Data) is non-zero. This gives
	// Brian2's (unless refractory) behaviour for synaptic writes.
	Mask *[]float64
}

// Env is what compiled code needs from the caller.
type Env struct {
	// Bind returns the binding of an Array or Scalar symbol.
	Bind func(sym expr.Symbol) (Binding, error)
	// Rand is required if the code calls rand() or randn() or uses xi.
	Rand Rand
	// DT is required if the code uses xi: each element draws
	// NormFloat64()/sqrt(*DT), so that dt*xi has variance dt (Euler–Maruyama).
	// If Bind returns an Array binding for a noise name, those values are
	// used instead (to share one draw between equations).
	DT *float64
	// Stop, when set, is polled while a large expression compiles (every
	// few thousand nodes); a non-nil error ends the compilation with it,
	// so that an interrupt stops the preparation of a huge model.
	Stop func() error
}

// Kernel is a compiled expression. It evaluates blocks of elements with
// tight loops; it is not safe for concurrent use (it owns scratch buffers).
type Kernel struct {
	prog *program
}

// Expr compiles a checked expression.
func Expr(e *expr.Expr, env Env) (*Kernel, error) { return compileExpr(e, env) }

// Eval writes the value of elements 0…len(dst)-1 into dst.
func (k *Kernel) Eval(dst []float64) { k.prog.evalRange(dst, 0) }

// EvalRange writes elements lo…lo+len(dst)-1 into dst.
func (k *Kernel) EvalRange(dst []float64, lo int) { k.prog.evalRange(dst, lo) }

// EvalIndices writes element idx[m] into dst[m].
func (k *Kernel) EvalIndices(dst []float64, idx []int32) { k.prog.evalIndices(dst, idx) }

// EvalAt returns the value of element i.
func (k *Kernel) EvalAt(i int) float64 { return k.prog.evalAt(i) }

// Select appends to out the elements of 0…n-1 where the kernel is non-zero
// (true), in increasing order, and returns it: a threshold test.
func (k *Kernel) Select(n int, out []int32) []int32 { return k.prog.sel(0, n, out) }

// SelectRange is Select over the elements lo…hi-1 (indices in out are
// absolute), so that workers can test disjoint ranges with their own
// kernels.
func (k *Kernel) SelectRange(lo, hi int, out []int32) []int32 { return k.prog.sel(lo, hi, out) }

// Program is a compiled statement block.
type Program struct {
	p *blockProgram
}

// Block compiles a checked statement block.
func Block(b *expr.Block, env Env) (*Program, error) { return compileBlock(b, env) }

// Run executes the block for each element of idx in order, as Brian2 does:
// statements run in sequence for an element, and repeated target indices
// (several synapses onto one neuron) accumulate.
func (p *Program) Run(idx []int32) { p.p.run(idx) }

// RunAll executes the block for elements 0…n-1.
func (p *Program) RunAll(n int) { p.p.runAll(n) }
