package standalone

import (
	"reflect"
	"sort"
	"sync"

	"gonsim/nsim"
	"gonsim/nsim/units"
)

// Names in model strings. In a notebook they are read from the
// notebook's variables and the Go locals of the calling code (see package
// interp); an exported program registers its cell variables with Vars as
// they are defined, and the exporter inserts the same Locals and Frame
// calls the kernel's cell rewrite inserts.

var names struct {
	sync.Mutex
	globals map[string]reflect.Value // the current variable of each notebook name
	frames  []*frame                 // frames[0] is the top level's
}

type frame struct {
	f   func(string) (any, bool)
	pop func()
}

func noop() {}

// Vars registers notebook variables for model strings: pairs of a name
// and a pointer to the variable, Vars("tau", &tau). A later registration
// of a name replaces the earlier one, as a cell that redefines a variable
// replaces it in the notebook.
func Vars(pairs ...any) {
	names.Lock()
	defer names.Unlock()
	if names.globals == nil {
		names.globals = map[string]reflect.Value{}
	}
	for i := 0; i+1 < len(pairs); i += 2 {
		name, _ := pairs[i].(string)
		v := reflect.ValueOf(pairs[i+1])
		if name == "" || v.Kind() != reflect.Pointer {
			panic("standalone: Vars wants name, pointer pairs")
		}
		names.globals[name] = v.Elem()
	}
}

// global reads a notebook variable (nsim's resolver of global names); the
// empty name lists them.
func global(name string) (any, bool) {
	names.Lock()
	defer names.Unlock()
	if name == "" {
		var all []string
		for k := range names.globals {
			all = append(all, k)
		}
		sort.Strings(all)
		return all, true
	}
	v, ok := names.globals[name]
	if !ok {
		return nil, false
	}
	return v.Interface(), true
}

// lookup is Q's: a local of the innermost frame, else a notebook variable.
func lookup(name string) (any, bool) {
	names.Lock()
	var f func(string) (any, bool)
	if n := len(names.frames); n > 0 {
		f = names.frames[n-1].f
	}
	names.Unlock()
	if f != nil {
		if v, ok := f(name); ok {
			return v, true
		}
	}
	return global(name)
}

// Frame starts the frame of a function that calls functions reading
// model strings, without locals until it installs some; the result ends
// it: `defer standalone.Frame()()`.
func Frame() func() {
	fr := &frame{pop: nsim.PushResolver(nil)}
	names.Lock()
	if len(names.frames) == 0 {
		names.frames = []*frame{{pop: noop}}
	}
	names.frames = append(names.frames, fr)
	names.Unlock()
	return func() {
		names.Lock()
		for i := len(names.frames) - 1; i > 0; i-- {
			if names.frames[i] == fr {
				names.frames = append(names.frames[:i], names.frames[i+1:]...)
				break
			}
		}
		names.Unlock()
		fr.pop()
	}
}

// Locals installs the Go locals in scope at a call that reads model
// strings, names[i] holding values[i], in the innermost frame.
func Locals(localNames []string, values []any) {
	var f func(string) (any, bool)
	if len(localNames) > 0 && len(localNames) == len(values) {
		f = func(name string) (any, bool) {
			if name == "" {
				return localNames, true
			}
			for i, n := range localNames {
				if n == name {
					return values[i], true
				}
			}
			return nil, false
		}
	}
	names.Lock()
	defer names.Unlock()
	if len(names.frames) == 0 {
		names.frames = []*frame{{pop: noop}}
	}
	fr := names.frames[len(names.frames)-1]
	fr.pop()
	fr.f, fr.pop = f, noop
	if f != nil {
		fr.pop = nsim.PushResolver(f)
	}
}

// TopLevel drops the locals of the top level: the exporter calls it after
// a top-level statement whose blocks installed some, since a top-level
// statement of a cell starts without locals.
func TopLevel() { topLevel() }

func topLevel() {
	names.Lock()
	defer names.Unlock()
	if len(names.frames) > 0 && names.frames[0].f != nil {
		names.frames[0].pop()
		names.frames[0].f, names.frames[0].pop = nil, noop
	}
}

// Consts registers notebook constants for model strings: pairs of a name
// and the value, Consts("N", N).
func Consts(pairs ...any) {
	names.Lock()
	defer names.Unlock()
	if names.globals == nil {
		names.globals = map[string]reflect.Value{}
	}
	for i := 0; i+1 < len(pairs); i += 2 {
		name, _ := pairs[i].(string)
		names.globals[name] = reflect.ValueOf(pairs[i+1])
	}
}

// Unit is the Brian2 unit of that name as a quantity, for the unit names
// that have no typed float in package units (umetre2 and the like).
func Unit(name string) units.Quantity {
	for _, u := range units.Units() {
		if u.Name == name {
			return u.Q()
		}
	}
	panic("standalone: no unit " + name)
}
