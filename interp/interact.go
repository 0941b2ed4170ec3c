package interp

import (
	"fmt"
	"go/ast"
	"strings"
)

// interactNames passes the parameter names of a function literal given
// to Interact, which reflection cannot see, as a last argument:
//
//	Interact(func(tau Time, I Current) {…}, a, b)
//	Interact(func(tau Time, I Current) {…}, a, b, ParamNames{"tau", "I"})
//
// so that the controls are labelled as in ipywidgets.
func (r rewriter) interactNames(c *ast.CallExpr) []edit {
	id, ok := c.Fun.(*ast.Ident)
	if !ok || id.Name != "Interact" || len(c.Args) == 0 || c.Ellipsis.IsValid() {
		return nil
	}
	lit, ok := c.Args[0].(*ast.FuncLit)
	if !ok || lit.Type.Params == nil {
		return nil
	}
	var names []string
	for _, f := range lit.Type.Params.List {
		for _, n := range f.Names {
			names = append(names, fmt.Sprintf("%q", n.Name))
		}
	}
	if len(names) == 0 {
		return nil
	}
	at := r.off(c.Rparen)
	sep := ", "
	if strings.HasSuffix(strings.TrimRight(r.code[:at], " \t\r\n"), ",") {
		sep = " "
	}
	return []edit{{start: at, end: at, text: sep + "ParamNames{" + strings.Join(names, ", ") + "}"}}
}
