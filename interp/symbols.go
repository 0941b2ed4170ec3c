package interp

import "reflect"

// The symbol tables of the project's packages are written by yaegi
// extract; the doc table by internal/gendoc. Re-run after an API change:
//
//	go generate ./interp/...
//
// yaegi extract tags its output with the Go version that ran it
// (//go:build go1.26), which is the version this module requires.
//
//go:generate go run github.com/traefik/yaegi/cmd/yaegi extract -name interp gonsim/nsim gonsim/nsim/units gonsim/display gonsim/display/figure gonsim/display/widget gonsim/interp/prelude
//go:generate go run ./internal/gendoc -o docs_gen.go gonsim/nsim=../nsim gonsim/nsim/units=../nsim/units gonsim/display=../display gonsim/display/figure=../display/figure gonsim/display/widget=../display/widget gonsim/interp/prelude=./prelude

// Symbols holds the exported symbols of the project's packages, filled
// by the generated files' init functions.
var Symbols = map[string]map[string]reflect.Value{}
