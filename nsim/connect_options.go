package nsim

import (
	"fmt"
	"strings"
)

// SkipIfInvalid makes Connect skip the pairs whose generated index lies
// outside the target group (Brian2's skip_if_invalid=True) instead of
// returning an error; sample(…, size=n) then takes at most all indices.
func SkipIfInvalid() Option {
	return Option{"SkipIfInvalid", func(c *config) error { c.skipInvalid = true; return nil }}
}

// NSyn sets the number of synapses Connect creates for each connected pair
// (Brian2's n=): an int ≥ 0, or a string expression of i, j and pre-/
// postsynaptic variables evaluated per pair ("1 + i % 2"). Copies(n) is
// the same for a fixed n ≥ 1.
func NSyn(n any) Option {
	return Option{"NSyn", func(c *config) error {
		switch n := n.(type) {
		case string:
			if strings.TrimSpace(n) == "" {
				return fmt.Errorf("empty expression for the number of synapses")
			}
		case int:
			if n < 0 {
				return fmt.Errorf("want a number of synapses ≥ 0, got %d", n)
			}
		default:
			return fmt.Errorf("want an int or a string expression, got %v (%T)", n, n)
		}
		c.nSyn = n
		return nil
	}}
}

// MultisynapticIndex adds a synaptic variable of that name to NewSynapses
// that numbers the synapses of one pre/post pair 0, 1, 2, … in creation
// order (Brian2's multisynaptic_index); strings may use it, e.g.
// SetExpr("delay", "(1 + 2*syn_k)*ms").
func MultisynapticIndex(name string) Option {
	return Option{"MultisynapticIndex", func(c *config) error {
		if !isIdentifier(name) {
			return fmt.Errorf("%q is not a valid variable name", name)
		}
		if name == "delay" {
			return fmt.Errorf("%q is the synapses' delay; choose another name", name)
		}
		c.multisynIdx = name
		return nil
	}}
}
