package interp

import "reflect"

// Symbols holds the exported symbols of the project's packages, filled
// by the files that `go generate` writes with yaegi extract.
var Symbols = map[string]map[string]reflect.Value{}
