package syntax_test

import (
	"fmt"

	"gonsim/nsim/syntax"
)

func Example() {
	n, _ := syntax.ParseExpr("-v/(15*ms) + I")
	fmt.Println(n, n.Kind == syntax.Binary, n.Args[1].Pos)
	_, err := syntax.ParseExpr("(v - 1")
	fmt.Println(err)
	// Output:
	// -v/(15*ms) + I true 1:14
	// 1:7: syntax error: expected ")", found end of text
	// (v - 1
	//       ^
}
