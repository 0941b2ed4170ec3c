package interp

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"image"
	"image/png"
	"io"
	"path"
	"reflect"
	"time"

	yaegi "github.com/traefik/yaegi/interp"

	"github.com/traefik/yaegi/stdlib"
	"gonsim/display"
)

// helperPath is the compiled package through which interpreted helpers
// report results to the Session.
const helperPath = "gonsim/interp/session"

// helpers is interpreted Go declared in every session. Values are shown
// by interpreted code because interpreted types lose their methods when
// they are passed to compiled code as any.
const helpers = `import (
	__gonsim "gonsim/interp/session"
	__gonsimPrelude "gonsim/interp/prelude"
	__fmt "fmt"
	__cmp "cmp"
	__os "os"
	__gonsimU "gonsim/nsim/units"
	__gonsimQ "gonsim/interp/internal/qops"
	__gonsimMath "math"
)

func __gonsimPrintln(a ...any) { __fmt.Fprintln(__os.Stderr, a...) }

func __gonsimValue(v any) { __gonsim.Value(v, __fmt.Sprint(v)) }

// Show displays v now (display_data), as a trailing expression would.
func Show(v any) { __gonsim.Show(v, __fmt.Sprint(v)) }

func __gonsimCall(vs ...any) {
	if len(vs) != 1 || vs[0] == nil {
		return
	}
	if e, ok := vs[0].(error); ok {
		__gonsim.Fail(e.Error(), __fmt.Sprintf("%T", e))
		return
	}
	__gonsim.Value(vs[0], __fmt.Sprint(vs[0]))
}

func __gonsimCheck(vs ...any) {
	if len(vs) == 1 && vs[0] != nil {
		if e, ok := vs[0].(error); ok {
			__gonsim.Fail(e.Error(), __fmt.Sprintf("%T", e))
		}
	}
}

func __gonsimGoPanic(r any) { __gonsim.GoPanic(__fmt.Sprint(r)) }

func min[__T __cmp.Ordered](x __T, y ...__T) __T {
	for _, v := range y {
		if v < x {
			x = v
		}
	}
	return x
}

func max[__T __cmp.Ordered](x __T, y ...__T) __T {
	for _, v := range y {
		if v > x {
			x = v
		}
	}
	return x
}
`

// symbols is the standard library as cells see it, with the session's
// interruptible time.Sleep and stdin-aware bufio constructors.
func (s *Session) symbols() yaegi.Exports {
	ex := yaegi.Exports{}
	for k, v := range stdlib.Symbols {
		ex[k] = v
	}
	override := func(key string, set map[string]reflect.Value) {
		m := map[string]reflect.Value{}
		for k, v := range ex[key] {
			m[k] = v
		}
		for k, v := range set {
			m[k] = v
		}
		ex[key] = m
	}
	override("time/time", map[string]reflect.Value{
		"Sleep": reflect.ValueOf(func(d time.Duration) {
			if d <= 0 {
				return
			}
			t := time.NewTimer(d)
			defer t.Stop()
			select {
			case <-t.C:
			case <-s.sleepDone():
				// Interrupted: stop the interpreter before returning, or
				// the statements after the sleep would run until eval's
				// watcher gets round to stopping it.
				stop(s.yi)
			}
		}),
	})
	override("bufio/bufio", map[string]reflect.Value{
		"NewReader":     reflect.ValueOf(func(r io.Reader) *bufio.Reader { return bufio.NewReader(s.stdinOr(r)) }),
		"NewReaderSize": reflect.ValueOf(func(r io.Reader, n int) *bufio.Reader { return bufio.NewReaderSize(s.stdinOr(r), n) }),
		"NewScanner":    reflect.ValueOf(func(r io.Reader) *bufio.Scanner { return bufio.NewScanner(s.stdinOr(r)) }),
	})
	ex[helperPath+"/session"] = map[string]reflect.Value{
		"Result": reflect.ValueOf(s.setResult),
		"Fail":   reflect.ValueOf(s.setFail),
		"Clear":  reflect.ValueOf(clearValue),
		"At":     reflect.ValueOf(s.setAt),
		"Locals": reflect.ValueOf(s.locals.set),
		"Frame":  reflect.ValueOf(s.locals.enter),
		"Value": reflect.ValueOf(func(v any, text string) {
			if _, ok := v.(*display.Handle); ok {
				return // display.Show(x) as the last line: shown once, as display_data
			}
			data, md := bundleOf(v, text)
			s.mu.Lock()
			s.value, s.meta = normalizeBundle(data), md
			s.mu.Unlock()
		}),
		"Show": reflect.ValueOf(func(v any, text string) {
			data, md := bundleOf(v, text)
			if out := s.output(); out != nil {
				out.Display(normalizeBundle(data), md, "", false)
			}
		}),
		"GoPanic": reflect.ValueOf(func(msg string) {
			if out := s.output(); out != nil {
				out.Stream("stderr", "panic in goroutine (recovered by the kernel): "+msg+"\n")
				return
			}
			fmt.Fprintln(s.cap.log, "interp: panic in a cell's goroutine after its cell ended:", msg)
		}),
	}
	for k, v := range s.widgetSymbols() {
		ex[helperPath+"/session"][k] = v
	}
	for k, v := range projectSymbols() {
		ex[k] = v
	}
	ex[qopsPath+"/qops"] = qopsSymbols()
	return ex
}

// setup loads the symbols and declares the helpers.
func (s *Session) setup() error {
	ex := s.symbols()
	s.pkgs = map[string]map[string]reflect.Value{}
	for k, v := range ex {
		s.pkgs[path.Dir(k)] = v
	}
	if err := s.yi.Use(ex); err != nil {
		return err
	}
	s.yi.ImportUsed()
	s.units = newUnitEnv(s.pkgs)
	if _, err := s.yi.EvalWithContext(context.Background(), helpers); err != nil {
		return fmt.Errorf("interp: declaring helpers: %w", err)
	}
	if err := s.setupProject(); err != nil {
		return err
	}
	return nil
}

// bundleOf is how a value shows: its MIMEBundle, an image as PNG, or
// text, the value as fmt prints it inside the interpreter (interpreted
// values reach compiled code without their methods, so the interpreter
// formats them).
func bundleOf(v any, text string) (data, metadata map[string]any) {
	if d, md, ok := display.Bundle(v); ok {
		return d, md
	}
	if img, ok := v.(image.Image); ok {
		return imageBundle(img), nil
	}
	return map[string]any{"text/plain": text}, nil
}

// clearValue is the clear builtin: it deletes a map's entries or zeroes
// a slice's elements.
func clearValue(x any) {
	v := reflect.ValueOf(x)
	switch v.Kind() {
	case reflect.Map:
		v.Clear()
	case reflect.Slice:
		v.Clear()
	default:
		panic(fmt.Sprintf("invalid argument: clear(%T): argument must be a map or a slice", x))
	}
}

// imageBundle renders an image as PNG.
func imageBundle(img image.Image) map[string]any {
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		return map[string]any{"text/plain": fmt.Sprintf("image %v (PNG encoding failed: %v)", img.Bounds(), err)}
	}
	r := img.Bounds()
	return map[string]any{
		"image/png":  base64.StdEncoding.EncodeToString(b.Bytes()),
		"text/plain": fmt.Sprintf("<image %dx%d>", r.Dx(), r.Dy()),
	}
}
