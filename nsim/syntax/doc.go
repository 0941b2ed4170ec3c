// Package syntax parses Brian2 expression and statement text into positioned
// syntax trees.
//
//	n, err := syntax.ParseExpr("-v/(15*ms) + I")
//	// n is a *Node tree; every node knows its line, column and source span.
//
// The grammar is the subset of Python that Brian2 accepts in model strings:
//
//	expr    = or
//	or      = and { "or" and }
//	and     = not { "and" not }
//	not     = "not" not | compare
//	compare = sum [ ("<" | "<=" | ">" | ">=" | "==" | "!=") sum ]
//	sum     = term { ("+" | "-") term }
//	term    = unary { ("*" | "/" | "//" | "%") unary }
//	unary   = ("-" | "+") unary | power
//	power   = atom [ "**" unary ]
//	atom    = number | name | name "(" [ expr { "," expr } ] ")" | "(" expr ")"
//
// Statement blocks are sequences of `name op expr` with op one of = += -= *= /=,
// separated by newlines or semicolons; `#` starts a comment. A newline inside
// parentheses, or after a binary operator at the end of a line, continues the
// expression (as the seed's multi-line equations are written).
//
// ParseGenerator parses Brian2's generator syntax for connect's j,
// "k for k in range(i-2, i+3) if k >= 0", into its element, iteration
// variable, range/sample arguments and condition.
//
// The package knows nothing about units or values: nsim/units evaluates
// constant trees and nsim/expr checks and compiles them.
package syntax
