package expr

import (
	"errors"

	"gonsim/nsim/syntax"
	"gonsim/nsim/units"
)

// Temporary bodies so the API can be committed; replaced by the real ones.

var errTODO = errors.New("expr: not implemented yet")

type opcode uint8

const opConst opcode = 0

type dim2 [7]int8

func fromDim(d units.Dim) dim2 { return dim2{} }

type node struct {
	op     opcode
	val    float64
	dim    dim2
	isBool bool
}

func (n *node) String() string   { return "" }
func (n *node) names() []string  { return nil }
func (n *node) uses(string) bool { return false }
func (n *node) noise() []string  { return nil }

type checker struct {
	text  string
	scope Scope
	syms  map[string]Symbol
	errs  ErrorList
}

func (c *checker) check(n *syntax.Node) *node { return &node{} }

func (e *Expr) setDim() error                           { return nil }
func (e *Expr) expect(units.Dim, string) error          { return errTODO }
func (e *Expr) expectBool(string) error                 { return errTODO }
func substitute(*Expr, map[string]*Expr) (*Expr, error) { return nil, errTODO }
func linear(*Expr, string) (*Expr, *Expr, error)        { return nil, nil, errTODO }
func combine(syntax.Op, *Expr, *Expr) (*Expr, error)    { return nil, errTODO }
func apply(string, ...*Expr) (*Expr, error)             { return nil, errTODO }
func functionNames() []string                           { return nil }

type program struct{}

func (p *program) evalRange([]float64, int)              {}
func (p *program) evalIndices([]float64, []int32)        {}
func (p *program) evalAt(int) float64                    { return 0 }
func (p *program) sel(int, []int32) []int32              { return nil }
func compile(*Expr, Env) (*Kernel, error)                { return nil, errTODO }
func checkBlock(string, int, int, Scope) (*Block, error) { return nil, errTODO }

type blockProgram struct{}

func (p *blockProgram) run([]int32)              {}
func (p *blockProgram) runAll(int)               {}
func compileBlock(*Block, Env) (*Program, error) { return nil, errTODO }
