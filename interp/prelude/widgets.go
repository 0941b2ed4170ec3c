package prelude

import (
	"fmt"
	"math"
	"reflect"
	"time"

	"gonsim/display/widget"
	"gonsim/nsim/units"
)

// Widget types under short names, so that cells can declare them.
type (
	Widget  = widget.Widget
	Change  = widget.Change
	Control = widget.Control
)

// IntSlider is a slider over the integers from min to max.
func IntSlider(description string, value, min, max int) *widget.IntSlider {
	return widget.NewIntSlider(description, value, min, max)
}

// FloatSlider is a slider from min to max in steps of step, at value.
// With quantities (10*ms, 1*ms, 50*ms, 1*ms) it shows its numbers in the
// unit Brian2 would print max in, named in its description ("tau (ms)"),
// and its SI method gives the SI value. Mixed dimensions end the cell.
func FloatSlider(description string, value, min, max, step any) *widget.FloatSlider {
	s, err := newSpan(description, min, max, step)
	if err == nil {
		err = s.from(value)
	}
	Fail(err)
	return s.slider()
}

// Dropdown chooses one of options; value is the one selected first.
func Dropdown(description string, options []string, value string) *widget.Dropdown {
	return widget.NewDropdown(description, options, value)
}

// Checkbox is a boolean control.
func Checkbox(description string, value bool) *widget.Checkbox {
	return widget.NewCheckbox(description, value)
}

// Button is a push button; OnClick registers what it does.
func Button(description string) *widget.Button { return widget.NewButton(description) }

// TextBox is a line of text (ipywidgets' Text; Text is the figure's).
func TextBox(description, value string) *widget.Text { return widget.NewText(description, value) }

// HBox shows widgets side by side.
func HBox(children ...widget.Widget) *widget.Box { return widget.NewHBox(children...) }

// VBox stacks widgets.
func VBox(children ...widget.Widget) *widget.Box { return widget.NewVBox(children...) }

// Output is an area for what callbacks print and plot (its Capture).
func Output() *widget.Output { return widget.NewOutput() }

// Play steps an integer from min to max every interval (a play button).
func Play(value, min, max, step int, interval time.Duration) *widget.Play {
	return widget.NewPlay(value, min, max, step, interval)
}

// Span is the range of a slider that Interact makes: Between(1*ms,
// 50*ms, 1*ms), optionally From a starting value (default: the middle,
// as ipywidgets' interact).
type Span struct {
	min, max, step, value any
	hasValue              bool
}

// Between is the range of an Interact slider; step defaults to a
// hundredth of the range (1 for integers).
func Between(min, max any, step ...any) Span {
	s := Span{min: min, max: max}
	if len(step) > 0 {
		s.step = step[0]
	}
	return s
}

// From sets the slider's starting value.
func (s Span) From(value any) Span {
	s.value, s.hasValue = value, true
	return s
}

// ParamNames names the parameters of the function given to Interact;
// the cell rewrite adds it to calls whose function is a literal, so the
// controls are labelled with the parameters' names.
type ParamNames []string

// span is a Span resolved to one dimension, in a display unit.
type span struct {
	name                  string
	dim                   units.Dim
	unit                  string
	scale                 float64
	min, max, step, value float64
	isInt                 bool
}

func newSpan(name string, min, max, step any) (*span, error) {
	qmin, err := units.Of(min)
	if err != nil {
		return nil, fmt.Errorf("slider %q: min: %w", name, err)
	}
	qmax, err := units.Of(max)
	if err != nil {
		return nil, fmt.Errorf("slider %q: max: %w", name, err)
	}
	if qmin.Dim != qmax.Dim {
		return nil, fmt.Errorf("slider %q: min %v and max %v have different dimensions", name, qmin, qmax)
	}
	s := &span{name: name, dim: qmin.Dim, scale: 1}
	if !qmax.Dim.IsDimensionless() {
		big := qmax
		if math.Abs(qmin.Value) > math.Abs(qmax.Value) {
			big = qmin
		}
		if u, ok := units.BestUnit(big); ok {
			s.unit, s.scale = u.Display, u.Scale
		} else {
			s.unit = qmax.Dim.String()
		}
	}
	s.min, s.max = qmin.Value/s.scale, qmax.Value/s.scale
	s.value = (s.min + s.max) / 2
	if step != nil {
		qs, err := units.Of(step)
		if err != nil {
			return nil, fmt.Errorf("slider %q: step: %w", name, err)
		}
		if qs.Dim != s.dim {
			return nil, fmt.Errorf("slider %q: step %v is not of the dimension of min and max (%v)", name, qs, qmin)
		}
		s.step = qs.Value / s.scale
	}
	return s, nil
}

func (s *span) from(value any) error {
	q, err := units.Of(value)
	if err != nil {
		return fmt.Errorf("slider %q: value: %w", s.name, err)
	}
	if q.Dim != s.dim {
		return fmt.Errorf("slider %q: value %v is not of the dimension of min and max", s.name, q)
	}
	s.value = q.Value / s.scale
	return nil
}

func (s *span) slider() *widget.FloatSlider {
	if s.step > 0 {
		s.value = s.min + math.Round((s.value-s.min)/s.step)*s.step
	}
	return widget.NewUnitSlider(s.name, s.unit, s.scale, s.value, s.min, s.max, s.step)
}

// Interact builds a control for each parameter of f and calls f with
// their values now and whenever one changes, showing what it prints
// and plots in an Output area below them, as ipywidgets' interact does:
//
//	Interact(func(tau Time, I Current) { ... }, Between(1*ms, 50*ms, 1*ms), Between(0*nA, 2*nA))
//
// One argument per parameter says how: a Span (Between) makes a slider
// (IntSlider for int parameters; FloatSlider for float64 and for
// quantities, whose dimension must match the parameter's type), a
// []string a Dropdown (string parameter), a bool a Checkbox, a string a
// TextBox, and a widget is used as it is. The result is the box to show.
// A mismatch ends the cell with an error naming the parameter.
func Interact(f any, args ...any) *widget.Box {
	box, err := interact(f, args)
	Fail(err)
	return box
}

// param is one parameter's control and how to read it as the parameter.
type param struct {
	ctl  widget.Control
	read func() reflect.Value
}

func interact(f any, args []any) (*widget.Box, error) {
	fv := reflect.ValueOf(f)
	if fv.Kind() != reflect.Func {
		return nil, fmt.Errorf("Interact: the first argument must be a function, not %T", f)
	}
	var names ParamNames
	if n := len(args); n > 0 {
		if pn, ok := args[n-1].(ParamNames); ok {
			names, args = pn, args[:n-1]
		}
	}
	ft := fv.Type()
	if ft.IsVariadic() {
		return nil, fmt.Errorf("Interact: a variadic function has no fixed parameters to make controls for")
	}
	if ft.NumIn() != len(args) {
		return nil, fmt.Errorf("Interact: the function has %d parameters but %d controls were given (one per parameter: Between(min, max, step), []string, bool, string or a widget)", ft.NumIn(), len(args))
	}
	params := make([]param, ft.NumIn())
	ctls := make([]widget.Control, ft.NumIn())
	for i := range params {
		name := fmt.Sprintf("arg%d", i)
		if i < len(names) {
			name = names[i]
		}
		p, err := control(name, ft.In(i), args[i])
		if err != nil {
			return nil, fmt.Errorf("Interact: parameter %d (%s %v): %w", i+1, name, ft.In(i), err)
		}
		params[i], ctls[i] = p, p.ctl
	}
	call := func() {
		in := make([]reflect.Value, len(params))
		for i, p := range params {
			in[i] = p.read()
		}
		fv.Call(in)
	}
	return widget.Interactive(call, ctls...), nil
}

var quantifier = reflect.TypeOf((*units.Quantifier)(nil)).Elem()

// control makes the control of one parameter of type t from its
// abbreviation a.
func control(name string, t reflect.Type, a any) (param, error) {
	switch a := a.(type) {
	case Span:
		return sliderFor(name, t, a)
	case []string:
		if t.Kind() != reflect.String {
			return param{}, fmt.Errorf("a list of options needs a string parameter")
		}
		if len(a) == 0 {
			return param{}, fmt.Errorf("the list of options is empty")
		}
		d := widget.NewDropdown(name, a, a[0])
		return param{d, func() reflect.Value { return reflect.ValueOf(d.Value()).Convert(t) }}, nil
	case bool:
		if t.Kind() != reflect.Bool {
			return param{}, fmt.Errorf("a bool makes a checkbox, which needs a bool parameter")
		}
		c := widget.NewCheckbox(name, a)
		return param{c, func() reflect.Value { return reflect.ValueOf(c.Value()).Convert(t) }}, nil
	case string:
		if t.Kind() != reflect.String {
			return param{}, fmt.Errorf("a string makes a text box, which needs a string parameter")
		}
		x := widget.NewText(name, a)
		return param{x, func() reflect.Value { return reflect.ValueOf(x.Value()).Convert(t) }}, nil
	case widget.Control:
		return widgetParam(t, a)
	}
	return param{}, fmt.Errorf("%T does not describe a control (use Between(min, max, step), a []string, a bool, a string or a widget)", a)
}

func sliderFor(name string, t reflect.Type, a Span) (param, error) {
	switch t.Kind() {
	case reflect.Int, reflect.Int64, reflect.Int32:
		lo, ok1 := a.min.(int)
		hi, ok2 := a.max.(int)
		if !ok1 || !ok2 {
			return param{}, fmt.Errorf("an int parameter needs int bounds, not %v and %v", a.min, a.max)
		}
		v := (lo + hi) / 2
		if x, ok := a.value.(int); ok && a.hasValue {
			v = x
		}
		s := widget.NewIntSlider(name, v, lo, hi)
		if st, ok := a.step.(int); ok && st > 0 {
			s.WithStep(st)
		}
		return param{s, func() reflect.Value { return reflect.ValueOf(s.Value()).Convert(t) }}, nil
	case reflect.Float64, reflect.Float32:
	default:
		return param{}, fmt.Errorf("a slider needs a number or quantity parameter")
	}
	sp, err := newSpan(name, a.min, a.max, a.step)
	if err != nil {
		return param{}, err
	}
	if a.hasValue {
		if err := sp.from(a.value); err != nil {
			return param{}, err
		}
	}
	if want := dimOf(t); want != sp.dim {
		return param{}, fmt.Errorf("the range %v … %v %s does not have the dimension of %v (%v)", sp.min, sp.max, sp.unit, t, want)
	}
	s := sp.slider()
	return param{s, func() reflect.Value { return reflect.ValueOf(s.SI()).Convert(t) }}, nil
}

// dimOf is the dimension of a float parameter type: a quantity type's,
// or none for plain floats.
func dimOf(t reflect.Type) units.Dim {
	if t.Implements(quantifier) {
		return reflect.Zero(t).Interface().(units.Quantifier).Q().Dim
	}
	return units.Dim{}
}

// widgetParam reads a given widget as the parameter.
func widgetParam(t reflect.Type, c widget.Control) (param, error) {
	var read func() any
	switch w := c.(type) {
	case *widget.IntSlider:
		read = func() any { return w.Value() }
	case *widget.FloatSlider:
		if dimOf(t) != (units.Dim{}) {
			read = func() any { return w.SI() }
		} else {
			read = func() any { return w.Value() }
		}
	case *widget.Dropdown:
		read = func() any { return w.Value() }
	case *widget.Checkbox:
		read = func() any { return w.Value() }
	case *widget.Text:
		read = func() any { return w.Value() }
	case *widget.Play:
		read = func() any { return w.Value() }
	default:
		return param{}, fmt.Errorf("%T has no value", c)
	}
	v := reflect.ValueOf(read())
	if !v.Type().ConvertibleTo(t) {
		return param{}, fmt.Errorf("the widget's %v value does not fit the parameter", v.Type())
	}
	return param{c, func() reflect.Value { return reflect.ValueOf(read()).Convert(t) }}, nil
}
