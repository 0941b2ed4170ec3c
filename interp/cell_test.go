package interp

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// cellCases are cells whose splitting and rewriting testdata/cells.golden
// records: for each chunk, its kind and the forms tried in order.
var cellCases = []struct{ name, code string }{
	{"statements", "x := 1\ny := x + 1"},
	{"trailing value", "x := 1\nx * 2"},
	{"trailing call", "strconv.Itoa(3)"},
	{"mixed", "import \"strings\"\nx := 1\nfunc f() int { return x }\ntype T struct{ A int }\nconst c = 2\nvar v = f()\nstrings.ToUpper(\"a\")"},
	{"method", "func (t *T) Get() int { return t.A }"},
	{"func literal call", "func() { fmt.Println(1) }()\nx := 2"},
	{"error check", "f()\ng(1, 2)\nx := 3"},
	{"comma-ok define", "v, ok := m[\"a\"]\nn, isInt := e.(int)"},
	{"comma-ok var", "var v, ok = m[\"a\"]"},
	{"comma-ok inside if", "if v, ok := m[k]; ok {\n\tfmt.Println(v)\n}"},
	{"type switch", "switch t := e.(type) {\ncase int:\n\tfmt.Println(t)\n}"},
	{"range int", "for i := range 10 {\n\tfmt.Println(i)\n}\nfor range len(s) {\n}"},
	{"range slice untouched", "for i := range xs {\n}"},
	{"go statement", "go work(i, j)\ngo func() { panic(1) }()\ngo println(\"x\")"},
	{"go in func", "func start() {\n\tfor i := 0; i < 3; i++ {\n\t\tgo work(i)\n\t}\n}"},
	{"min max float", "a := min(2.5, 1)\nb := max(x, 1.5)\nc := min(1, 2)"},
	{"println", "println(\"a\", 1)"},
	{"if header semicolon", "if x := f(); x > 0 {\n}\nz := 1"},
	{"labels and blocks", "outer:\nfor {\n\tbreak outer\n}\n{\n\ty := 1\n\t_ = y\n}"},
}

func TestPrepareCell(t *testing.T) {
	var b strings.Builder
	for _, c := range cellCases {
		p, err := prepareCell(c.code, nil, nil)
		fmt.Fprintf(&b, "=== %s\n", c.name)
		if err != nil {
			fmt.Fprintf(&b, "error: %v\n", err)
			continue
		}
		for _, im := range p.imports {
			fmt.Fprintf(&b, "import %s\n", im.Path.Value)
		}
		for _, ch := range p.chunks {
			fmt.Fprintf(&b, "--- %s\n", ch.kind)
			for i, a := range ch.attempts {
				fmt.Fprintf(&b, "[%d]%s\n", i, a.src)
			}
		}
	}
	golden(t, "testdata/cells.golden", b.String())
}

// Errors at cell positions, through the whole session.
func TestErrorGolden(t *testing.T) {
	cells := []string{
		"   fmt.Println(undefinedVar)",
		"x := 1\n\nfmt.Println(x + \"s\")",
		"func g() int {\n\treturn undefinedThing\n}",
		"a := 1\nfunc h() int {\n\treturn a +\n}",
		"y := 2\nfor {",
		"z := 1; w := z +* 2",
		"v, ok := map[int]int{}[1]\nok = v",
		"type Q struct{ A int }\nq := Q{B: 1}",
		"é := 1\n\tfmt.Println(é, ü)",
		"import \"no/such/pkg\"",
		"func boom() {\n\tvar m map[string]int\n\tm[\"a\"] = 1\n}\nboom()",
		"panic(fmt.Sprintf(\"bad %d\", 42))",
	}
	s := newSession(t)
	var b strings.Builder
	for _, c := range cells {
		r, _ := exec(s, c)
		fmt.Fprintf(&b, "=== %q\n", c)
		if r.Err == nil {
			fmt.Fprintf(&b, "no error\n")
			continue
		}
		fmt.Fprintf(&b, "%s: %s\n%s\n", r.Err.Name, r.Err.Value, strings.Join(r.Err.Traceback, "\n"))
	}
	golden(t, "testdata/errors.golden", b.String())
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (go test -update rewrites it); got:\n%s", path, got)
	}
}
