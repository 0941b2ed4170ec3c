package interp

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"go/scanner"
	"go/token"
	"log"
	"os"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	_ "unsafe" // for go:linkname

	yaegi "github.com/traefik/yaegi/interp"

	"gonsim/display"
	"gonsim/display/widget"
)

// yaegiStop is yaegi's own cancellation: it advances the run id that
// every interpreted loop and call checks and closes the channel that
// interpreted channel operations select on. EvalWithContext calls it
// but returns before the evaluation has ended, and the next Eval would
// revive a frame still blocked in a compiled call; calling it directly
// lets Execute wait for the evaluation to end. Pinned to yaegi v0.16.1.
//
//go:linkname yaegiStop github.com/traefik/yaegi/interp.(*Interpreter).stop
func yaegiStop(*yaegi.Interpreter)

var errAlreadyCaptured = errors.New("interp: another Session already captures stdout and stderr; Close it first")

// funcDef is where a cell declared a function, for tracebacks.
type funcDef struct {
	m    *posMap
	cell int
}

// Options configures a Session.
type Options struct {
	// Args is os.Args as cells see it (default: the kernel's os.Args).
	Args []string
	// Env is the environment cells see through os.Getenv (default:
	// the kernel's environment).
	Env []string
	// At, when set, is called with the byte offset in the cell of each
	// top-level statement as it starts, so that a supervisor can name
	// the line a cell was at when its process died.
	At func(offset int)
	// RuntimeStderr leaves file descriptor 2 to the process (os.Stderr
	// still goes to the cells): the runtime writes the first line of a
	// fatal error's report ("fatal error: stack overflow") only there, and
	// a supervisor reading the process's stderr needs it.
	RuntimeStderr bool
}

// Session is one notebook's Go interpreter. It implements
// Execute, Complete, Inspect, IsComplete and Evaluate, which a kernel
// adapts to its protocol. Only one Session may exist at a time in a process,
// because it owns the process's stdout and stderr while it lives.
type Session struct {
	yi  *yaegi.Interpreter
	cap *capture

	// cell state, read by compiled hooks from any goroutine
	mu    sync.Mutex
	ctx   context.Context
	sleep sleepContext // what ends the time.Sleep calls made during the cell
	at    func(offset int)
	out   Output
	value Bundle // execute_result of the running cell
	meta  Bundle
	fail  *Error   // a top-level call's non-nil error
	trace []string // yaegi's panic position lines
	// cell offsets of the top-level statement running now; -1 when unknown
	atStart, atEnd int

	stdin *stdinReader
	pkgs  map[string]map[string]reflect.Value // import path → symbols of every compiled package cells see

	// declarations made by earlier cells
	types, methods map[string]string  // name → source text
	funcs          map[string]funcDef // func name → where it was defined
	imported       map[string]string  // import name → path, imports made by cells
	cellCount      int
	curMap         *posMap       // map of the chunk running now
	progressAfter  time.Duration // when a run's progress bar appears; <0: display's default
	ready          chan struct{} // closed when the background part of New is done
	readyErr       error
	hooks          []func(context.Context) // install the cell's context in project packages (nil: between cells)
	locals         localFrames             // local variables for model strings (locals.go)
	units          *unitEnv                // the unit pass's view of the notebook (units.go)

	// widgets (widgets.go): the comm message being delivered
	comm   *widget.Message
	commOK bool
}

// New starts a session: it captures the process's stdout and stderr,
// then loads the standard library and the project's packages into a
// yaegi interpreter. The slow part (declaring the helpers and the
// prelude in the interpreter) continues in the background and the first
// Execute waits for it, so a kernel can answer kernel_info at once.
func New(opts Options) (*Session, error) {
	c, err := startCapture(opts.RuntimeStderr)
	if err != nil {
		return nil, err
	}
	// yaegi logs internal oddities ("nil type") with the standard
	// logger; those belong in the kernel's log, not in a cell.
	log.SetOutput(c.log)
	s := &Session{
		cap:           c,
		ctx:           context.Background(),
		types:         map[string]string{},
		methods:       map[string]string{},
		funcs:         map[string]funcDef{},
		imported:      map[string]string{},
		ready:         make(chan struct{}),
		progressAfter: -1,
		at:            opts.At,
	}
	s.stdin = &stdinReader{s: s}
	if opts.Env == nil {
		opts.Env = os.Environ()
	}
	if opts.Args == nil {
		opts.Args = os.Args
	}
	s.yi = yaegi.New(yaegi.Options{
		Stdin:  s.stdin,
		Stdout: memWriter{c.out},
		Stderr: &lineWriter{w: memWriter{c.err}, trace: s.addTrace},
		Args:   opts.Args,
		Env:    opts.Env,
	})
	go func() {
		defer close(s.ready)
		s.readyErr = s.setup()
	}()
	return s, nil
}

// Log is the kernel's own stderr (the process's original fd 2): fds 1
// and 2 belong to the cells while the Session lives.
func (s *Session) Log() *os.File { return s.cap.log }

// Close gives stdout and stderr back to the process.
func (s *Session) Close() error {
	<-s.ready
	s.cap.close()
	log.SetOutput(os.Stderr)
	return nil
}

// cellContext is the running cell's context (Background between cells).
func (s *Session) cellContext() context.Context {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ctx
}

func (s *Session) output() Output {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.out
}

func (s *Session) addTrace(line string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.trace = append(s.trace, line)
	return true
}

func (s *Session) setResult(b map[string]any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.value, s.meta = normalizeBundle(b), nil
}

func (s *Session) setFail(msg, typ string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	typ = errName(typ)
	s.fail = &Error{Name: typ, Value: firstLine(msg), Traceback: []string{typ + ": " + msg}}
}

// begin installs a cell's context and output.
func (s *Session) begin(ctx context.Context, out Output) {
	s.mu.Lock()
	s.ctx, s.out = ctx, out
	s.sleep = newSleepContext(ctx)
	s.value, s.meta, s.fail, s.trace = nil, nil, nil, nil
	s.cellCount++
	s.mu.Unlock()
	s.stdin.reset() // what a cell left unread is not the next cell's input
	for _, h := range s.hooks {
		h(ctx)
	}
	s.cap.st.attach(out)
	s.bindWidgets(ctx, out)
}

func (s *Session) end() {
	s.cap.sync()
	widget.Unbind()
	s.cap.st.attach(nil)
	s.mu.Lock()
	s.ctx, s.out = context.Background(), nil
	s.sleep.detach()
	s.mu.Unlock()
	for _, h := range s.hooks {
		h(nil)
	}
}

// Execute runs one cell (as a kernel calls it).
func (s *Session) Execute(ctx context.Context, code string, out Output) Result {
	<-s.ready
	if s.readyErr != nil {
		return Result{Err: &Error{Name: "KernelError", Value: s.readyErr.Error(), Traceback: []string{s.readyErr.Error()}}}
	}
	s.begin(ctx, out)
	defer s.end()
	err := s.run(ctx, code)
	s.cap.sync()
	s.showFigures(out)
	if err != nil {
		if ctx.Err() != nil && err.Name != "KeyboardInterrupt" {
			// The interrupt reached a compiled call (nsim.Run returns an
			// InterruptedError); report it as the interrupt it is.
			err = &Error{Name: "KeyboardInterrupt", Value: "interrupted", Traceback: append([]string{"KeyboardInterrupt: the cell was interrupted"}, err.Traceback...)}
		}
		return Result{Err: err}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return Result{Value: s.value, Metadata: s.meta}
}

// run executes code in the current cell state.
func (s *Session) run(ctx context.Context, code string) *Error {
	p, err := prepareCellWith(code, cellRewrites{isInt: s.isIntGlobal, shadowed: s.shadowsPrelude, units: s.unitPass})
	if err != nil {
		return compileError(code, err)
	}
	if e := s.checkRedefinitions(code, p); e != nil {
		return e
	}
	if e := s.doImports(ctx, code, p); e != nil {
		return e
	}
	for _, c := range p.chunks {
		if e := s.runChunk(ctx, code, c); e != nil {
			return e
		}
		for name, text := range c.types {
			s.types[name] = text
		}
		for name, text := range c.methods {
			s.methods[name] = text
		}
	}
	return nil
}

func (s *Session) runChunk(ctx context.Context, code string, c chunk) *Error {
	var m *posMap
	var err error
	var stopped bool
	if c.kind == valueChunk && c.ident != "" && s.showCompiled(c.ident, c.literal) {
		return nil
	}
	if c.kind == stmtChunk {
		s.setAt(-1, -1) // its statements mark themselves
	} else {
		s.setAt(c.start, c.end)
	}
	attempts := c.attempts
	for i, a := range attempts {
		m = a.m
		s.curMap = m
		err, stopped = s.eval(ctx, a.src)
		if err == nil || stopped || isPanic(err) && !strings.Contains(err.Error(), "CFG post-order panic") || i == len(attempts)-1 {
			break
		}
		// This form does not compile (no MIMEBundle method, a call
		// with no result); nothing of it ran: try the next.
	}
	if c.kind == valueChunk && err != nil && strings.Contains(err.Error(), "reflect.Value.Type on zero Value") {
		// yaegi cannot pass a nil interface value to the helper.
		err = nil
		s.setResult(map[string]any{"text/plain": "<nil>"})
	} else if c.kind == valueChunk && err != nil && strings.Contains(err.Error(), "on zero Value") {
		err = errors.New("the interpreter cannot display this value directly; assign it to a variable and show the variable")
	}
	if stopped {
		return &Error{Name: "KeyboardInterrupt", Value: "interrupted", Traceback: []string{"KeyboardInterrupt: the cell was interrupted"}}
	}
	if err != nil {
		return s.mapError(code, m, err)
	}
	for _, f := range c.funcs {
		s.funcs[f] = funcDef{m, s.cellCount}
	}
	s.mu.Lock()
	fail := s.fail
	s.mu.Unlock()
	if fail != nil {
		return fail
	}
	return nil
}

// setAt records which top-level statement of the cell runs (cell
// offsets [start, end)), for tracebacks.
func (s *Session) setAt(start, end int) {
	s.mu.Lock()
	s.atStart, s.atEnd = start, end
	s.mu.Unlock()
	if s.at != nil && start >= 0 {
		s.at(start)
	}
	s.locals.topLevel()
}

// eval runs src to its real end. On cancellation it stops yaegi (again
// every 20 ms, in case the evaluation had not yet installed the channel
// that stop closes) and still waits for the evaluation to end, so that
// nothing of the cell runs after Execute returns. The evaluation runs on
// the caller's goroutine; a watcher exists only once ctx is cancelled.
func (s *Session) eval(ctx context.Context, src string) (err error, stopped bool) {
	done := make(chan struct{})
	watched := make(chan struct{}) // closed when the watcher has returned
	unwatch := context.AfterFunc(ctx, func() {
		defer close(watched)
		s.stopUntil(done)
	})
	func() {
		defer func() {
			if r := recover(); r != nil {
				err = yaegi.Panic{Value: r}
			}
		}()
		_, err = s.yi.EvalWithContext(context.Background(), src)
	}()
	close(done)
	if !unwatch() {
		// The watcher ran: wait until it no longer calls stop, which
		// would otherwise cancel the next cell's evaluation.
		<-watched
	}
	// A sleep woken by the interrupt stops the evaluation itself, so
	// the evaluation can end before the watcher has started.
	if ctx.Err() != nil {
		return nil, true
	}
	return err, false
}

// stopUntil stops the interpreter every 20 ms until done is closed (a
// call into compiled code may be running and stop only when it returns),
// and says so in the notebook after 2 s.
func (s *Session) stopUntil(done <-chan struct{}) {
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	start := time.Now()
	warned := false
	for {
		stop(s.yi)
		select {
		case <-done:
			return
		case <-tick.C:
		}
		if !warned && time.Since(start) > 2*time.Second {
			warned = true
			fmt.Fprintln(s.cap.log, "interp: interrupted cell is still inside a compiled call; waiting for it to return")
			if out := s.output(); out != nil {
				out.Stream("stderr", "interrupt: waiting for a call into compiled code to return (it does not poll for interrupts)\n")
			}
		}
	}
}

// stop calls yaegi's stop; closing an already closed channel panics
// when the evaluation has not yet installed its own, which is harmless
// (eval retries every 20 ms until the evaluation ends). yaegi's stop
// reads its done channel without the lock EvalWithContext takes to set
// it: the race detector reports that read, the retry makes it harmless.
func stop(yi *yaegi.Interpreter) {
	defer func() { recover() }()
	yaegiStop(yi)
}

func isPanic(err error) bool {
	var p yaegi.Panic
	return errors.As(err, &p)
}

// doImports evaluates the cell's imports, skipping those already made.
func (s *Session) doImports(ctx context.Context, code string, p *prepared) *Error {
	var b strings.Builder
	var added []struct{ name, path string }
	for _, spec := range p.imports {
		path, _ := strconv.Unquote(spec.Path.Value)
		name := ""
		if spec.Name != nil {
			name = spec.Name.Name
		}
		key := name
		if key == "" {
			key = importName(path)
		}
		if key == "_" {
			continue
		}
		if key == "." {
			key = ". " + path
		}
		if s.imported[key] == path {
			continue
		}
		if name != "" {
			fmt.Fprintf(&b, "import %s %q\n", name, path)
		} else {
			fmt.Fprintf(&b, "import %q\n", path)
		}
		added = append(added, struct{ name, path string }{key, path})
	}
	if b.Len() == 0 {
		return nil
	}
	err, stopped := s.eval(ctx, b.String())
	if stopped {
		return &Error{Name: "KeyboardInterrupt", Value: "interrupted"}
	}
	if err != nil {
		msg := err.Error()
		if g := importFailure.FindStringSubmatch(msg); g != nil {
			msg = fmt.Sprintf("cannot import %q: cells can import the standard library and gonsim's packages only", g[1])
		}
		return &Error{Name: "ImportError", Value: msg, Traceback: []string{"ImportError: " + msg}}
	}
	for _, a := range added {
		s.imported[a.name] = a.path
	}
	return nil
}

// importName is the name an import path binds by default.
func importName(path string) string {
	name := path[strings.LastIndex(path, "/")+1:]
	if strings.HasPrefix(name, "go-") {
		name = name[3:]
	}
	if len(name) > 1 && name[0] == 'v' && strings.Trim(name[1:], "0123456789") == "" {
		// gopkg.in style major-version suffix
		rest := strings.TrimSuffix(path, "/"+name)
		name = rest[strings.LastIndex(rest, "/")+1:]
	}
	return name
}

// checkRedefinitions refuses a cell that changes a type or a method an
// earlier cell declared: yaegi would silently keep the old one.
func (s *Session) checkRedefinitions(code string, p *prepared) *Error {
	var msgs []string
	for _, c := range p.chunks {
		for name, text := range c.types {
			if old, ok := s.types[name]; ok && !sameDecl(old, text) {
				msgs = append(msgs, fmt.Sprintf("type %s is already declared with a different definition", name))
			}
		}
		for name, text := range c.methods {
			if old, ok := s.methods[name]; ok && !sameDecl(old, text) {
				msgs = append(msgs, fmt.Sprintf("method %s is already declared with a different body", name))
			}
		}
	}
	if len(msgs) == 0 {
		return nil
	}
	sort.Strings(msgs)
	v := strings.Join(msgs, "; ") + ": the interpreter cannot change a type or method once declared; restart the kernel to redefine it"
	return &Error{Name: "RedefinitionError", Value: v, Traceback: []string{"RedefinitionError: " + v}}
}

// sameDecl compares declarations up to layout and comments: the tokens
// are what count.
func sameDecl(a, b string) bool { return tokens(a) == tokens(b) }

func tokens(src string) string {
	var sc scanner.Scanner
	fs := token.NewFileSet()
	sc.Init(fs.AddFile("", -1, len(src)), []byte(src), nil, 0)
	var b strings.Builder
	for {
		_, tok, lit := sc.Scan()
		if tok == token.EOF {
			return b.String()
		}
		if tok == token.SEMICOLON && lit == "\n" {
			continue
		}
		b.WriteString(tok.String())
		b.WriteString(lit)
		b.WriteByte(' ')
	}
}

// isIntGlobal reports whether name is a notebook variable or constant of
// integer type (for the `for i := range n` rewrite).
func (s *Session) isIntGlobal(name string) bool {
	v, ok := s.yi.Globals()[name]
	if !ok || !v.IsValid() {
		return false
	}
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return true
	}
	// untyped integer constants are constant.Value
	return reflect.TypeOf(v.Interface()) != nil && strings.HasSuffix(reflect.TypeOf(v.Interface()).String(), "int64Val")
}

// showCompiled shows expr (names, literals and operators: evaluating it
// twice does no harm) as the execute_result when its value is of a
// compiled type, whose methods (MIMEBundle, String) the kernel can call
// itself: `x` or `1`, the commonest last lines, then cost one small
// evaluation instead of three compiles. It reports false, doing
// nothing, for anything else.
func (s *Session) showCompiled(expr string, literal bool) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	v, err := s.yi.Eval(expr)
	if err != nil || !v.IsValid() || !v.CanInterface() || !literal && !s.compiledType(v.Type()) {
		return false
	}
	x := v.Interface()
	if _, ok := x.(*display.Handle); ok {
		return true // a display's handle is not shown, as display() returns None
	}
	data, md := bundleOf(x, fmt.Sprint(x))
	s.mu.Lock()
	s.value, s.meta = normalizeBundle(data), md
	s.mu.Unlock()
	return true
}

// compiledType reports whether values of t keep their methods outside
// the interpreter: a named type of a compiled package, or a basic type
// when no cell has declared a named non-struct type (yaegi gives
// `type Celsius float64` the reflect type float64, without its methods).
func (s *Session) compiledType(t reflect.Type) bool {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array || t.Kind() == reflect.Map {
		t = t.Elem()
	}
	if t.PkgPath() != "" {
		return true
	}
	switch t.Kind() {
	case reflect.Struct, reflect.Interface, reflect.Func, reflect.Chan, reflect.UnsafePointer:
		return false
	}
	for _, text := range s.types {
		if f := strings.Fields(text); len(f) < 2 || !strings.HasPrefix(f[1], "struct") && !strings.HasPrefix(f[1], "interface") {
			return false
		}
	}
	return true
}

// Evaluate computes one user expression after a cell (as a kernel calls it).
func (s *Session) Evaluate(ctx context.Context, expr string) (Bundle, error) {
	<-s.ready
	if s.readyErr != nil {
		return nil, s.readyErr
	}
	s.begin(ctx, discard{})
	defer s.end()
	code := strings.TrimSpace(expr)
	if e := s.run(ctx, code); e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.value == nil {
		return Bundle{"text/plain": ""}, nil
	}
	return s.value, nil
}

// discard is the Output of user expressions: they are not expected to
// print, and what they print has nowhere to go.
type discard struct{}

func (discard) Stream(string, string)                {}
func (discard) Display(Bundle, Bundle, string, bool) {}
func (discard) Clear(bool)                           {}
func (discard) Input(string, bool) (string, error)   { return "", errEOF }

// normalizeBundle turns binary values into base64 and makes sure
// text/plain is present.
func normalizeBundle(b map[string]any) Bundle {
	out := Bundle{}
	for k, v := range b {
		if p, ok := v.([]byte); ok {
			if strings.HasPrefix(k, "text/") || strings.HasSuffix(k, "+xml") || strings.HasSuffix(k, "json") {
				out[k] = string(p)
			} else {
				out[k] = base64.StdEncoding.EncodeToString(p)
			}
			continue
		}
		out[k] = v
	}
	if _, ok := out["text/plain"]; !ok {
		out["text/plain"] = ""
	}
	return out
}
