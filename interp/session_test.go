package interp

import (
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"reflect"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// blockReturned counts returns of testpkg.Block, a compiled call that
// ignores cancellation.
var blockReturned atomic.Int32

// gate holds testpkg.Gate until the test lets the cell go on;
// blockStarted says testpkg.Block2 was entered.
var (
	gate         = make(chan struct{})
	blockStarted = make(chan struct{}, 1)
)

func TestMain(m *testing.M) {
	// testpkg stands for a compiled project package.
	Symbols["gonsim/interp/testpkg/testpkg"] = map[string]reflect.Value{
		"WriteFD1": reflect.ValueOf(func(s string) { syscall.Write(1, []byte(s)) }),
		"WriteFD2": reflect.ValueOf(func(s string) { syscall.Write(2, []byte(s)) }),
		"Block": reflect.ValueOf(func(d time.Duration) {
			time.Sleep(d)
			blockReturned.Add(1)
		}),
		"Gate": reflect.ValueOf(func() { <-gate }),
		"Block2": reflect.ValueOf(func(d time.Duration) {
			blockStarted <- struct{}{}
			time.Sleep(d)
			blockReturned.Add(1)
		}),
		"GoPrint": reflect.ValueOf(func(s string) {
			done := make(chan bool)
			go func() { fmt.Println(s); close(done) }()
			<-done
		}),
	}
	os.Exit(m.Run())
}

// step is one cell of a scenario and what the notebook shows for it.
type step struct {
	code   string
	value  string // text/plain of execute_result; "" for none
	err    string // "ename: evalue" prefix; "" for success
	stdout string
	stderr string
}

func runSteps(t *testing.T, steps []step) {
	t.Helper()
	s := newSession(t)
	for i, st := range steps {
		r, out := exec(s, st.code)
		got := ""
		if r.Value != nil {
			got = r.Value["text/plain"].(string)
		}
		if got != st.value {
			t.Errorf("cell %d %q: value %q, want %q", i, st.code, got, st.value)
		}
		gotErr := ""
		if r.Err != nil {
			gotErr = r.Err.Name + ": " + r.Err.Value
		}
		if st.err == "" && gotErr != "" || !strings.HasPrefix(gotErr, st.err) {
			t.Errorf("cell %d %q: error %q, want %q", i, st.code, gotErr, st.err)
		}
		if o := out.text("stdout"); o != st.stdout {
			t.Errorf("cell %d %q: stdout %q, want %q", i, st.code, o, st.stdout)
		}
		if o := out.text("stderr"); o != st.stderr {
			t.Errorf("cell %d %q: stderr %q, want %q", i, st.code, o, st.stderr)
		}
	}
}

func TestCells(t *testing.T) {
	runSteps(t, []step{
		{code: "x := 6*7"},
		{code: "x", value: "42"},
		{code: "// mixed cell\nimport \"strings\"\ny := x + 1\nfunc double(n int) int { return 2 * n }\nconst c = 3\nz := double(y) + c\ntype P struct{ A, B int }\nstrings.Repeat(\"ab\", 2)", value: "abab"},
		{code: "z", value: "89"},
		{code: "P{1, 2}", value: "{1 2}"},
		{code: "fmt.Println(\"hi\")", stdout: "hi\n"}, // several results: not shown
		{code: "println(\"void\")", stderr: "void\n"}, // no result
		{code: "var e any = 3\nn, ok := e.(int)\nm := map[string]int{\"a\": 1}\nv, found := m[\"a\"]\nw, missing := m[\"b\"]\nfmt.Sprint(n+1, ok, v, found, w, missing)", value: "4 true 1 true 0 false"},
		{code: "if q, ok := m[\"a\"]; ok { fmt.Println(\"q\", q) }\nfor _, k := range []string{\"a\", \"b\"} { if _, ok := m[k]; !ok { fmt.Println(\"no\", k) } }\nswitch t := e.(type) { case int: fmt.Println(\"int\", t) }", stdout: "q 1\nno b\nint 3\n"},
		{code: "sum := 0\nfor i := range 5 { sum += i }\nfor range 2 { sum++ }\nfor i := range len(\"abc\") { sum += i * 100 }\nsum", value: "312"},
		{code: "min(3, 1, 2) + max(4, 9)", value: "10"},
		{code: "min(2.5, 1)", value: "1"},
		{code: "max(x, 50)", value: "50"},
		{code: "func() { fmt.Println(\"literal\") }()", stdout: "literal\n"},
		{code: "1 + 1", value: "2"}, // the literal call above does not run again
		{code: "strconv.Itoa(7) + \"!\"", value: "7!"},
		{code: "var nilErr error\nnilErr", value: "<nil>"},
		{code: "math.Sqrt(2) > 1.41", value: "true"},
		{code: "cm := map[string]int{\"a\": 1}\ncs := []int{1, 2}\nclear(cm)\nclear(cs)\nfmt.Sprint(len(cm), cs)", value: "0 [0 0]"},
		// Go 1.22 loop variables: each iteration's closure sees its own.
		{code: "var fs []func() int\nfor i := 0; i < 3; i++ { fs = append(fs, func() int { return i }) }\nfor _, s := range []int{10, 20} { fs = append(fs, func() int { return s }) }\nfor k := range 2 { fs = append(fs, func() int { return k }) }\nsum := 0\nfor _, f := range fs { sum = sum*100 + f() }\nsum", value: "10210200001"},
		{code: "func later() []int {\n\tvar out []int\n\tvar fs []func()\n\tfor i := 0; i < 3; i++ {\n\t\tfs = append(fs, func() { out = append(out, i) })\n\t}\n\tfor _, f := range fs {\n\t\tf()\n\t}\n\treturn out\n}\nlater()", value: "[0 1 2]"},
		{code: "n := 0\nfor i := 0; i < 10; i++ { if i == 2 { i += 5 }; n++; defer func() {}() }\nn", value: "5"},
		{code: "m := 0\nfor i := 0; i < 3; i++ { i := i; m += i }\nm", value: "3"},
		// a, b := f() in the body of a top-level for, if or switch
		{code: "func pair(k int) (int, int) { return k, k * k }\nfor k := 0; k < 3; k++ { a, b := pair(k); fmt.Println(a, b) }", stdout: "0 0\n1 1\n2 4\n"},
		{code: "if true { a, b := pair(2); fmt.Println(a, b) }\nswitch { case true: var a, b = pair(3); fmt.Println(a, b) }", stdout: "2 4\n3 9\n"},
		{code: "tot := 0\nfor k := range 3 { a, b := pair(k); tot += a + b }\ntot", value: "8"},
	})
}

func TestRerun(t *testing.T) {
	runSteps(t, []step{
		{code: "import \"strings\"\nimport \"fmt\"\nx := 1\nconst k = 1\nfunc f() int { return 1 }\ntype T struct{ A int }\nfunc (t T) Get() int { return t.A }"},
		{code: "import \"strings\"\nimport \"fmt\"\nx := 1\nconst k = 1\nfunc f() int { return 1 }\ntype T struct{ A int }\nfunc (t T) Get() int { return t.A }"},
		{code: "x := \"now a string\"\nconst k = 2\nfunc f() int { return 2 }\nfmt.Sprint(x, k, f(), T{5}.Get())", value: "now a string2 2 5"},
		{code: "type T struct {\n\tA int\n}"}, // the same type, laid out differently
		{code: "type T struct{ A, B int }", err: "RedefinitionError: type T is already declared with a different definition"},
		{code: "func (t T) Get() int { return -t.A }", err: "RedefinitionError: method T.Get is already declared with a different body"},
		{code: "func (t T) Twice() int { return 2 * t.A }\nT{4}.Twice()", value: "8"},
		{code: "T{3}.Get()", value: "3"},
	})
}

func TestErrorCalls(t *testing.T) {
	runSteps(t, []step{
		{code: "func check(ok bool) error { if ok { return nil }; return fmt.Errorf(\"check failed\") }"},
		{code: "check(true)\nfmt.Println(\"ran\")", stdout: "ran\n"},
		{code: "check(false)\nfmt.Println(\"not reached\")", err: "Error: check failed"},
		{code: "check(false)", err: "Error: check failed"},
		{code: "errors.New(\"a call with an error result\")", err: "Error: a call with an error result"},
		{code: "err := errors.New(\"a value\")\nerr", value: "a value"},
		{code: "Q(\"3*mV + 2*ms\")", err: "ParseError: Q(\"3*mV + 2*ms\")"},
	})
}

func TestCompileErrorPositions(t *testing.T) {
	cases := []struct{ code, want string }{
		{"   fmt.Println(undefinedVar)", "CompileError: 1:16: undefined: undefinedVar"},
		{"x := 1\n\nfmt.Println(x + \"s\")", "CompileError: 3:13: invalid operation: mismatched types int and untyped string"},
		{"func g() int {\n\treturn undefinedThing\n}", "CompileError: 2:9: undefined: undefinedThing"},
		{"a := 1\nfunc h() int {\n\treturn a +\n}", "SyntaxError: 4:1: expected operand, found '}'"},
		{"y := 2\nfor {", "SyntaxError: 2:6: expected '}', found 'EOF'"},
		{"z := 1\nv, ok := map[int]int{}[1]\nok = v", "CompileError: 3:6: cannot use type int as type bool in assignment"},
		{"import \"no/such/pkg\"", "ImportError: cannot import \"no/such/pkg\": cells can import the standard library and gonsim's packages only"},
	}
	s := newSession(t)
	for _, c := range cases {
		r, _ := exec(s, c.code)
		got := ""
		if r.Err != nil {
			got = r.Err.Name + ": " + r.Err.Value
		}
		if got != c.want {
			t.Errorf("%q:\n got %q\nwant %q", c.code, got, c.want)
		}
	}
}

// A failure at top level is reported at the line of the statement that
// failed, not at an earlier one (yaegi's trace names the first node of
// the code it ran).
func TestErrorLines(t *testing.T) {
	s := newSession(t)
	exec(s, "StartScope()\ninp := SpikeGeneratorGroup(1, []int{0}, []Time{1*ms})\nfunc bad(i int) int { return []int{}[i] }")
	cases := []struct{ code, want string }{
		{"g := NeuronGroup(1, \"dv/dt = -v/(10*ms) : 1\")\nS := Synapses(inp, g, OnPre(\"v += 1*mV\"))",
			"cell line 2:1 in top level: S := Synapses(inp, g, OnPre(\"v += 1*mV\"))"},
		{"NeuronGroup(1, \"dv/dt = -v/(10*ms) : 1\")\nSynapses(inp, g, OnPre(\"v += 1*mV\"))",
			"cell line 2:1 in top level: Synapses(inp, g, OnPre(\"v += 1*mV\"))"},
		{"g = NeuronGroup(1, \"dv/dt = -v/(10*ms) : 1\")\nfmt.Print()\nS = Synapses(inp, g, OnPre(\"v += 1*mV\"))",
			"cell line 3:1 in top level: S = Synapses(inp, g, OnPre(\"v += 1*mV\"))"},
		{"y := 1\nfmt.Print()\nvar m map[string]int\nm[\"a\"] = y", "cell line 4:1 in top level: m[\"a\"] = y"},
		{"y := 1\nfmt.Print()\nz := bad(y)", "cell line 3:1 in top level: z := bad(y)"},
		{"x := []int{}\nfor i := 0; i < 2; i++ {\n\tfmt.Print(x[5])\n}", "cell line 2:1 in top level: for i := 0"},
	}
	for _, c := range cases {
		r, _ := exec(s, c.code)
		if r.Err == nil {
			t.Errorf("%q: no error", c.code)
			continue
		}
		if tb := strings.Join(r.Err.Traceback, "\n"); !strings.Contains(tb, c.want) {
			t.Errorf("%q: traceback\n%s\nwant a line %q", c.code, tb, c.want)
		}
	}
}

func TestPanics(t *testing.T) {
	s := newSession(t)
	r, _ := exec(s, "func boom() {\n\tpanic(\"boom\")\n}")
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	r, _ = exec(s, "x := 1\n\nboom()")
	if r.Err == nil || r.Err.Name != "panic" || r.Err.Value != "boom" {
		t.Fatalf("got %+v", r.Err)
	}
	tb := strings.Join(r.Err.Traceback, "\n")
	for _, want := range []string{"earlier cell line 2:2 in boom: panic(\"boom\")", "cell line 3:1 in top level: boom()"} {
		if !strings.Contains(tb, want) {
			t.Errorf("traceback %q lacks %q", tb, want)
		}
	}
	r, _ = exec(s, "var m map[string]int\nm[\"a\"] = 1")
	if r.Err == nil || !strings.Contains(r.Err.Value, "nil map") {
		t.Errorf("nil map write: %+v", r.Err)
	}
	r, out := exec(s, "go func() { panic(\"in goroutine\") }()\ntime.Sleep(100 * time.Millisecond)\n\"survived\"")
	if plain(r) != "survived" || !strings.Contains(out.text("stderr"), "panic in goroutine (recovered by the kernel): in goroutine") {
		t.Errorf("goroutine panic: %q %+v %q", plain(r), r.Err, out.text("stderr"))
	}
	r, _ = exec(s, "func work(i int) { if i == 2 { panic(fmt.Sprint(\"worker \", i)) } }\nfor i := 0; i < 3; i++ { go work(i) }\ntime.Sleep(100 * time.Millisecond)")
	if r.Err != nil {
		t.Errorf("go work(i): %+v", r.Err)
	}
	r, _ = exec(s, "fmt.Println(\"before\")\nos.Exit(3)\nfmt.Println(\"after\")")
	if r.Err == nil || r.Err.Name != "Exit" || r.Err.Value != "os.Exit(3)" {
		t.Errorf("os.Exit: %+v", r.Err)
	}
	r, _ = exec(s, "log.Fatal(\"fatal\")")
	if r.Err == nil || !strings.Contains(r.Err.Value, "fatal") {
		t.Errorf("log.Fatal: %+v", r.Err)
	}
	r, _ = exec(s, "1 + 2")
	if plain(r) != "3" {
		t.Errorf("after panics: %q %+v", plain(r), r.Err)
	}
}

func TestOutputCapture(t *testing.T) {
	runSteps(t, []step{
		{
			code:   "fmt.Println(\"fmt\")\nfmt.Fprintln(os.Stdout, \"os.Stdout\")\nos.Stdout.WriteString(\"write\\n\")\ntestpkg.WriteFD1(\"fd1\\n\")\ntestpkg.GoPrint(\"compiled goroutine\")",
			stdout: "fmt\nos.Stdout\nwrite\nfd1\ncompiled goroutine\n",
		},
		{
			code:   "println(\"println\")\nfmt.Fprintln(os.Stderr, \"os.Stderr\")\ntestpkg.WriteFD2(\"fd2\\n\")\nlog.SetFlags(0)\nlog.Println(\"log\")",
			stderr: "println\nos.Stderr\nfd2\nlog\n",
		},
		{code: "fmt.Print(\"héllo wörld ✓\")", stdout: "héllo wörld ✓"},
	})
}

func TestManyLines(t *testing.T) {
	s := newSession(t)
	start := time.Now()
	r, out := exec(s, "for i := 0; i < 10000; i++ { fmt.Println(i) }")
	took := time.Since(start)
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	var want strings.Builder
	for i := 0; i < 10000; i++ {
		fmt.Fprintln(&want, i)
	}
	if got := out.text("stdout"); got != want.String() {
		t.Fatalf("10,000 lines arrived out of order or incomplete (%d bytes, want %d)", len(got), want.Len())
	}
	// Output is batched: a batch waits at most flushDelay for more. How
	// many batches 10,000 lines make depends on how fast the machine runs
	// the loop (one on a quiet machine, see tests/protocol's benchmark), so
	// the bound scales with the time the cell took; what does not depend
	// on timing, order and completeness, is checked above.
	if n, most := len(out.streams), 20+int(took/flushDelay); n > most {
		t.Errorf("10,000 lines took %d stream messages in %v, want at most %d (one per %v of the cell)", n, took, most, flushDelay)
	}
}

func TestLiveOutput(t *testing.T) {
	s := newSession(t)
	out := &fakeOutput{}
	done := make(chan struct{})
	go func() {
		s.Execute(context.Background(), "fmt.Println(\"first\")\ntestpkg.Gate()\nfmt.Println(\"second\")", out)
		close(done)
	}()
	// The cell is held in testpkg.Gate until its first line has reached
	// the notebook.
	deadline := time.Now().Add(10 * time.Second)
	for out.text("stdout") != "first\n" && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	got := out.text("stdout")
	gate <- struct{}{}
	<-done
	if got != "first\n" {
		t.Errorf("while the cell waits the notebook shows %q, want %q", got, "first\n")
	}
	if all := out.text("stdout"); all != "first\nsecond\n" {
		t.Errorf("at the end the notebook shows %q", all)
	}
}

func TestInterrupt(t *testing.T) {
	s := newSession(t)
	cases := []struct {
		name, code string
		max        time.Duration
	}{
		{"loop", "n := 0\nfor { n++ }", 5 * time.Second},
		{"sleep", "time.Sleep(time.Hour)\nfmt.Println(\"not reached\")", 5 * time.Second},
		{"channel", "ch := make(chan int)\n<-ch", 5 * time.Second},
		{"func", "func spin() { for {} }\nspin()", 5 * time.Second},
	}
	for _, c := range cases {
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(100*time.Millisecond, cancel)
		start := time.Now()
		out := &fakeOutput{}
		r := s.Execute(ctx, c.code, out)
		if d := time.Since(start); d > c.max {
			t.Errorf("%s: interrupt took %v", c.name, d)
		}
		if got := out.text("stdout"); got != "" {
			t.Errorf("%s: the statements after the interrupt ran and printed %q", c.name, got)
		}
		if r.Err == nil || r.Err.Name != "KeyboardInterrupt" {
			t.Errorf("%s: got %+v, want KeyboardInterrupt", c.name, r.Err)
		}
	}
	r, _ := exec(s, "n > 0")
	if plain(r) != "true" {
		t.Errorf("variables assigned before the interrupt: %q %+v", plain(r), r.Err)
	}
}

// A compiled call that ignores cancellation delays the interrupt, and
// the rest of the cancelled cell never runs, even when later cells run.
func TestInterruptDoesNotResume(t *testing.T) {
	s := newSession(t)
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-blockStarted // interrupt while the cell is inside the compiled call
		time.Sleep(20 * time.Millisecond)
		cancel()
	}()
	before := blockReturned.Load()
	r := s.Execute(ctx, "resumed := false\ntestpkg.Block2(400 * time.Millisecond)\nresumed = true\nfmt.Println(\"resumed\")", &fakeOutput{})
	if r.Err == nil || r.Err.Name != "KeyboardInterrupt" {
		t.Fatalf("got %+v", r.Err)
	}
	if blockReturned.Load() == before {
		t.Fatal("Execute returned while the cell was still inside a compiled call")
	}
	for i := 0; i < 3; i++ {
		r, out := exec(s, "resumed")
		if plain(r) != "false" || out.text("stdout") != "" {
			t.Fatalf("the cancelled cell resumed: %q %q", plain(r), out.text("stdout"))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestStdin(t *testing.T) {
	s := newSession(t)
	out := &fakeOutput{allow: true, inputs: []string{"Ada", "42 7", "line of text"}}
	r := s.Execute(context.Background(), "var name string\nfmt.Scanln(&name)\nvar a, b int\nfmt.Scanln(&a, &b)\nrd := bufio.NewReader(os.Stdin)\nl, _ := rd.ReadString('\\n')\nfmt.Sprint(name, a+b, strings.TrimSpace(l))", out)
	if r.Err != nil || plain(r) != "Ada49line of text" {
		t.Errorf("got %q %+v", plain(r), r.Err)
	}
	if len(out.prompts) != 3 {
		t.Errorf("%d input requests, want 3", len(out.prompts))
	}
	// Scan leaves the end of the line unread; the next cell does not get it.
	out = &fakeOutput{allow: true, inputs: []string{"5"}}
	if r := s.Execute(context.Background(), "var five int\nfmt.Scan(&five)", out); r.Err != nil {
		t.Fatal(r.Err)
	}
	// Not allowed: reads fail at once with EOF.
	start := time.Now()
	r, _ = exec(s, "var w string\n_, err := fmt.Scanln(&w)\n_, err2 := bufio.NewReader(os.Stdin).ReadString('\\n')\n_, err3 := os.Stdin.Read(make([]byte, 4))\nfmt.Sprint(err, err2, err3)")
	if plain(r) != "EOF EOF EOF" || time.Since(start) > 5*time.Second {
		t.Errorf("without stdin: %q %+v", plain(r), r.Err)
	}
}

func TestDisplayValues(t *testing.T) {
	s := newSession(t)
	r, _ := exec(s, "type Rich struct{ N int }\nfunc (r Rich) MIMEBundle() map[string]any { return map[string]any{\"text/plain\": fmt.Sprint(\"rich \", r.N), \"text/html\": \"<b>rich</b>\"} }\nRich{3}")
	if r.Err != nil || r.Value["text/html"] != "<b>rich</b>" || plain(r) != "rich 3" {
		t.Errorf("interpreted MIMEBundle: %+v %+v", r.Value, r.Err)
	}
	r, _ = exec(s, "type Named struct{ N int }\nfunc (n Named) String() string { return fmt.Sprint(\"named \", n.N) }\nNamed{4}")
	if plain(r) != "named 4" {
		t.Errorf("interpreted Stringer: %q", plain(r))
	}
	r, _ = exec(s, "type Celsius float64\nfunc (c Celsius) String() string { return fmt.Sprintf(\"%.1f°C\", float64(c)) }\nvar temp Celsius = 21.5\ntemp")
	if plain(r) != "21.5°C" {
		t.Errorf("interpreted named float with String: %q %+v", plain(r), r.Err)
	}
	r, _ = exec(s, "d := 1500 * time.Millisecond\nd")
	if plain(r) != "1.5s" {
		t.Errorf("compiled Stringer in a variable: %q", plain(r))
	}
	r, _ = exec(s, "img := image.NewRGBA(image.Rect(0, 0, 4, 3))\nimg")
	png, _ := base64.StdEncoding.DecodeString(fmt.Sprint(r.Value["image/png"]))
	if plain(r) != "<PNG image 4×3>" || !strings.HasPrefix(string(png), "\x89PNG") {
		t.Errorf("image: %q, %d bytes of PNG", plain(r), len(png))
	}
	r, _ = exec(s, "20 * mV")
	if plain(r) != "20. mV" || r.Value["text/latex"] == nil {
		t.Errorf("quantity: %+v", r.Value)
	}
}

func TestEvaluate(t *testing.T) {
	s := newSession(t)
	exec(s, "x := 21")
	b, err := s.Evaluate(context.Background(), "x * 2")
	if err != nil || b["text/plain"] != "42" {
		t.Errorf("Evaluate: %v %v", b, err)
	}
	if _, err := s.Evaluate(context.Background(), "nope"); err == nil {
		t.Error("Evaluate of an undefined name succeeded")
	}
}

func TestCompleteInspect(t *testing.T) {
	s := newSession(t)
	exec(s, "import \"strings\"\nmyVar := strings.Builder{}\nfunc myFunc(a int) int { return a }")
	completions := []struct {
		code   string
		cursor int
		want   []string
		start  int
	}{
		{"fmt.Prin", 8, []string{"Print", "Printf", "Println"}, 4},
		{"x := strings.TrimS", 18, []string{"TrimSpace", "TrimSuffix"}, 13},
		{"myV", 3, []string{"myVar"}, 0},
		{"my", 2, []string{"myFunc", "myVar"}, 0},
		{"fu", 2, []string{"func"}, 0},
		{"units.Millisec", 14, []string{"Millisecond", "Millisecond2", "Millisecond3"}, 6},
		{"tau := 3*msecond2", 17, []string{"msecond2"}, 9},
		{"é := myVar.Wri", 14, []string{"Write", "WriteByte", "WriteRune", "WriteString"}, 11},
		{"a := 1; aVeryLongName := 2; aVery", 33, []string{"aVeryLongName"}, 28},
	}
	for _, c := range completions {
		got := s.Complete(c.code, c.cursor)
		if strings.Join(got.Matches, " ") != strings.Join(c.want, " ") || got.CursorStart != c.start || got.CursorEnd != c.cursor {
			t.Errorf("Complete(%q, %d) = %+v, want %v from %d", c.code, c.cursor, got, c.want, c.start)
		}
	}
	inspects := []struct {
		code   string
		cursor int
		want   string
	}{
		{"strings.TrimSpace(s)", 10, "func TrimSpace(s string) string\n\nTrimSpace returns"},
		{"fmt.Println", 5, "func Println(a ...any) (n int, err error)"},
		{"x := Q(\"1*mV\")", 5, "func Q(expr string) Quantity\n\nQ evaluates"},
		{"units.Parse", 8, "func Parse(text string) (Quantity, error)"},
		{"myFunc(1)", 2, "func myFunc(a int) int"},
		{"myVar", 1, "var myVar strings.Builder"},
		{"len(x)", 1, "func len(v Type) int"},
		{"3 * mV", 5, "var mV units.Voltage = 1. mV"},
	}
	for _, c := range inspects {
		b, ok := s.Inspect(c.code, c.cursor, 0)
		got, _ := b["text/plain"].(string)
		if !ok || !strings.HasPrefix(got, c.want) {
			t.Errorf("Inspect(%q, %d) = %q, want prefix %q", c.code, c.cursor, got, c.want)
		}
		if ok && !strings.HasPrefix(b["text/markdown"].(string), "```go\n") {
			t.Errorf("Inspect(%q) markdown = %q", c.code, b["text/markdown"])
		}
	}
	if _, ok := s.Inspect("   ", 1, 0); ok {
		t.Error("Inspect of blanks found something")
	}
}

func TestIsComplete(t *testing.T) {
	s := newSession(t)
	cases := []struct{ code, status, indent string }{
		{"x := 1", "complete", ""},
		{"func f() {", "incomplete", "    "},
		{"if x {\n\tfor {", "incomplete", "        "},
		{"x := 1 +", "incomplete", "    "},
		{"s := `raw", "incomplete", ""},
		{"x := )", "invalid", ""},
		{"", "complete", ""},
	}
	for _, c := range cases {
		st, ind := s.IsComplete(c.code)
		if st != c.status || ind != c.indent {
			t.Errorf("IsComplete(%q) = %q %q, want %q %q", c.code, st, ind, c.status, c.indent)
		}
	}
}

func BenchmarkExecuteTrivial(b *testing.B) {
	s := newSession(b)
	exec(s, "x := 1")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if r, _ := exec(s, "x"); r.Err != nil {
			b.Fatal(r.Err)
		}
	}
}

func BenchmarkPrint10000Lines(b *testing.B) {
	s := newSession(b)
	b.ResetTimer()
	msgs := 0
	for i := 0; i < b.N; i++ {
		r, out := exec(s, "for i := 0; i < 10000; i++ { fmt.Println(i) }")
		if r.Err != nil {
			b.Fatal(r.Err)
		}
		msgs += len(out.streams)
	}
	b.ReportMetric(float64(msgs)/float64(b.N), "msgs/op")
}

// BenchmarkLoop10000NoOutput is the baseline of BenchmarkPrint10000Lines:
// the same interpreted loop formatting the same lines, printing nothing.
func BenchmarkLoop10000NoOutput(b *testing.B) {
	s := newSession(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if r, _ := exec(s, "for i := 0; i < 10000; i++ { fmt.Sprintln(i) }"); r.Err != nil {
			b.Fatal(r.Err)
		}
	}
}

// BenchmarkEvalBaseline is the baseline of BenchmarkExecuteTrivial: one
// bare yaegi evaluation of the same expression.
func BenchmarkEvalBaseline(b *testing.B) {
	s := newSession(b)
	<-s.ready
	exec(s, "x := 1")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.yi.Eval("x"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkNew(b *testing.B) {
	for i := 0; i < b.N; i++ {
		s, err := New(Options{})
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

// The prompt a cell prints reaches the notebook before the input request.
func TestStdinPrompt(t *testing.T) {
	s := newSession(t)
	out := &promptOutput{fakeOutput: fakeOutput{allow: true, inputs: []string{"Ada"}}}
	r := s.Execute(context.Background(), "fmt.Print(\"Name: \")\nvar name string\nfmt.Scanln(&name)\nname", out)
	if r.Err != nil || plain(r) != "Ada" {
		t.Fatalf("%q %+v", plain(r), r.Err)
	}
	if out.seen != "Name: " {
		t.Errorf("when input was requested the notebook showed %q, want the prompt", out.seen)
	}
}

type promptOutput struct {
	fakeOutput
	seen string
}

func (p *promptOutput) Input(prompt string, password bool) (string, error) {
	p.seen = p.text("stdout")
	return p.fakeOutput.Input(prompt, password)
}

func BenchmarkNewReturns(b *testing.B) {
	for i := 0; i < b.N; i++ {
		b.StartTimer()
		s, err := New(Options{})
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

// Output of a goroutine that outlives its cell is not lost: it arrives
// with the next cell.
func TestLateOutput(t *testing.T) {
	s := newSession(t)
	exec(s, "done := make(chan bool)\ngo func() { <-done; fmt.Println(\"late\") }()")
	r, out := exec(s, "done <- true\ntime.Sleep(50 * time.Millisecond)")
	if r.Err != nil || out.text("stdout") != "late\n" {
		t.Errorf("got %q %+v", out.text("stdout"), r.Err)
	}
	exec(s, "go func() { time.Sleep(30 * time.Millisecond); fmt.Println(\"after the cell\") }()")
	time.Sleep(200 * time.Millisecond)
	_, out = exec(s, "1")
	if got := out.text("stdout"); got != "after the cell\n" {
		t.Errorf("output between cells: got %q at the next cell", got)
	}
}
