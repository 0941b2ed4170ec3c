package widget

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// modelState is the state every model has: which JavaScript model and
// view render it.
func modelState(module, version, model, view string) map[string]any {
	viewModule, viewVersion := module, version
	if view == "StyleView" || view == "LayoutView" {
		viewModule, viewVersion = BaseModule, BaseVersion
	}
	return map[string]any{
		"_model_module": module, "_model_module_version": version, "_model_name": model,
		"_view_module": viewModule, "_view_module_version": viewVersion, "_view_name": view,
		"_view_count": nil,
	}
}

// aux is a model no Go code uses directly (layouts, styles).
type aux struct{ m *Model }

func (a *aux) Model() *Model              { return a.m }
func (a *aux) MIMEBundle() map[string]any { return a.m.viewBundle() }

func newAux(module, version, model, view string, extra map[string]any) *Model {
	s := modelState(module, version, model, view)
	for k, v := range extra {
		s[k] = v
	}
	a := &aux{}
	a.m = newModel(a, s)
	a.m.label = model
	a.m.open()
	return a.m
}

// domWidget creates the model of a control with its layout and style
// models, as ipywidgets does.
func domWidget(owner Widget, model, view, style string, styleState, state map[string]any) *Model {
	layout := newAux(BaseModule, BaseVersion, "LayoutModel", "LayoutView", nil)
	s := modelState(ControlsModule, ControlsVersion, model, view)
	s["_dom_classes"] = []any{}
	s["layout"] = layout.Ref()
	if style != "" {
		s["style"] = newAux(ControlsModule, ControlsVersion, style, "StyleView", styleState).Ref()
	}
	for k, v := range state {
		s[k] = v
	}
	m := newModel(owner, s)
	m.label = model
	m.open()
	return m
}

func describe(state map[string]any, description string) map[string]any {
	state["description"] = description
	state["description_tooltip"] = nil
	return state
}

// number reads a JSON number from the frontend.
func number(key string, v any) (float64, error) {
	f, ok := v.(float64)
	if !ok {
		if i, isInt := v.(int); isInt {
			return float64(i), nil
		}
		return 0, fmt.Errorf("%s must be a number, not %T %v", key, v, v)
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("%s must be finite, not %v", key, f)
	}
	return f, nil
}

func clamp(x, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, x)) }

// IntSlider is a slider over integers.
type IntSlider struct{ m *Model }

// NewIntSlider makes a slider from min to max in steps of 1, at value
// (clamped into the range).
func NewIntSlider(description string, value, min, max int) *IntSlider {
	if max < min {
		min, max = max, min
	}
	w := &IntSlider{}
	w.m = domWidget(w, "IntSliderModel", "IntSliderView", "SliderStyleModel",
		map[string]any{"description_width": "", "handle_color": nil},
		describe(map[string]any{
			"value": int(clamp(float64(value), float64(min), float64(max))), "min": min, "max": max, "step": 1,
			"orientation": "horizontal", "readout": true, "readout_format": "d",
			"continuous_update": true, "disabled": false,
		}, description))
	w.m.validate = w.check
	w.m.plain = func() string {
		return fmt.Sprintf("IntSlider(description=%q, value=%d, min=%d, max=%d)", description, w.Value(), w.m.Get("min"), w.m.Get("max"))
	}
	return w
}

func (w *IntSlider) check(key string, v any) (any, error) {
	switch key {
	case "value", "min", "max", "step":
		f, err := number(key, v)
		if err != nil {
			return nil, err
		}
		if key == "value" {
			f = clamp(f, float64(w.m.Get("min").(int)), float64(w.m.Get("max").(int)))
		}
		return int(math.Round(f)), nil
	}
	return v, nil
}

// Model implements Widget.
func (w *IntSlider) Model() *Model { return w.m }

// MIMEBundle shows the slider (text/plain: its description and value).
func (w *IntSlider) MIMEBundle() map[string]any { return w.m.viewBundle() }

// Value is the slider's position.
func (w *IntSlider) Value() int { return w.m.Get("value").(int) }

// SetValue moves the slider (clamped into its range).
func (w *IntSlider) SetValue(v int) {
	w.m.Set(map[string]any{"value": int(clamp(float64(v), float64(w.m.Get("min").(int)), float64(w.m.Get("max").(int))))})
}

// WithStep sets the step and returns the slider.
func (w *IntSlider) WithStep(step int) *IntSlider {
	w.m.Set(map[string]any{"step": step})
	return w
}

// Observe calls f after each change of the value.
func (w *IntSlider) Observe(f func(Change)) { w.m.Observe(f, "value") }

// FloatSlider is a slider over real numbers, optionally of a physical
// quantity shown in a unit.
type FloatSlider struct {
	m     *Model
	desc  string
	unit  string
	scale float64
}

// NewFloatSlider makes a slider from min to max in steps of step, at
// value (clamped into the range).
func NewFloatSlider(description string, value, min, max, step float64) *FloatSlider {
	return NewUnitSlider(description, "", 1, value, min, max, step)
}

// NewUnitSlider is NewFloatSlider for a quantity shown in unit, of size
// scale in SI units (ms: 1e-3): the description reads "tau (ms)", value,
// min, max and step are in that unit and SI gives the value in SI units.
func NewUnitSlider(description, unit string, scale, value, min, max, step float64) *FloatSlider {
	if max < min {
		min, max = max, min
	}
	if step <= 0 {
		step = (max - min) / 100
	}
	if scale == 0 {
		scale = 1
	}
	w := &FloatSlider{desc: description, unit: unit, scale: scale}
	w.m = domWidget(w, "FloatSliderModel", "FloatSliderView", "SliderStyleModel",
		map[string]any{"description_width": "", "handle_color": nil},
		describe(map[string]any{
			"value": clamp(value, min, max), "min": min, "max": max, "step": step,
			"orientation": "horizontal", "readout": true, "readout_format": readoutFormat(step),
			"continuous_update": true, "disabled": false,
		}, w.description()))
	w.m.validate = w.check
	w.m.plain = func() string {
		v := strconv.FormatFloat(w.Value(), 'g', -1, 64)
		if w.unit != "" {
			v += " " + w.unit
		}
		return fmt.Sprintf("FloatSlider(description=%q, value=%s)", w.desc, v)
	}
	return w
}

// readoutFormat shows as many decimals as the step has.
func readoutFormat(step float64) string {
	d := 0
	for d < 6 && math.Abs(step*math.Pow10(d)-math.Round(step*math.Pow10(d))) > 1e-9 {
		d++
	}
	return fmt.Sprintf(".%df", d)
}

// WithUnit shows the slider's numbers in a unit: the description reads
// "tau (ms)" and SI returns Value times scale (the unit's size in SI
// units, 1e-3 for ms).
func (w *FloatSlider) WithUnit(unit string, scale float64) *FloatSlider {
	w.unit, w.scale = unit, scale
	w.m.Set(map[string]any{"description": w.description()})
	return w
}

func (w *FloatSlider) description() string {
	if w.unit == "" {
		return w.desc
	}
	return fmt.Sprintf("%s (%s)", w.desc, w.unit)
}

func (w *FloatSlider) check(key string, v any) (any, error) {
	switch key {
	case "value", "min", "max", "step":
		f, err := number(key, v)
		if err != nil {
			return nil, err
		}
		if key == "value" {
			f = clamp(f, w.m.Get("min").(float64), w.m.Get("max").(float64))
		}
		return f, nil
	}
	return v, nil
}

// Model implements Widget.
func (w *FloatSlider) Model() *Model { return w.m }

// MIMEBundle shows the slider.
func (w *FloatSlider) MIMEBundle() map[string]any { return w.m.viewBundle() }

// Value is the slider's position, in its unit.
func (w *FloatSlider) Value() float64 { return w.m.Get("value").(float64) }

// SI is the value in SI units (Value times the unit's scale).
func (w *FloatSlider) SI() float64 { return w.Value() * w.scale }

// Unit is the unit shown and its size in SI units.
func (w *FloatSlider) Unit() (string, float64) { return w.unit, w.scale }

// SetValue moves the slider (clamped into its range), in its unit.
func (w *FloatSlider) SetValue(v float64) {
	w.m.Set(map[string]any{"value": clamp(v, w.m.Get("min").(float64), w.m.Get("max").(float64))})
}

// Observe calls f after each change of the value.
func (w *FloatSlider) Observe(f func(Change)) { w.m.Observe(f, "value") }

// Dropdown chooses one of several labels.
type Dropdown struct {
	m       *Model
	options []string
}

// NewDropdown makes a dropdown of options with value selected (the first
// option when value is not one).
func NewDropdown(description string, options []string, value string) *Dropdown {
	w := &Dropdown{options: append([]string(nil), options...)}
	index := any(nil)
	for i, o := range options {
		if o == value {
			index = i
			break
		}
	}
	if index == nil && len(options) > 0 {
		index = 0
	}
	labels := make([]any, len(options))
	for i, o := range options {
		labels[i] = o
	}
	w.m = domWidget(w, "DropdownModel", "DropdownView", "DescriptionStyleModel",
		map[string]any{"description_width": ""},
		describe(map[string]any{"_options_labels": labels, "index": index, "disabled": false}, description))
	w.m.validate = w.check
	w.m.plain = func() string { return fmt.Sprintf("Dropdown(description=%q, value=%q)", description, w.Value()) }
	return w
}

func (w *Dropdown) check(key string, v any) (any, error) {
	if key != "index" {
		return v, nil
	}
	if v == nil {
		return nil, nil
	}
	f, err := number(key, v)
	if err != nil {
		return nil, err
	}
	if f != math.Trunc(f) || f < 0 || int(f) >= len(w.options) {
		return nil, fmt.Errorf("index %v is not one of the %d options", v, len(w.options))
	}
	return int(f), nil
}

// Model implements Widget.
func (w *Dropdown) Model() *Model { return w.m }

// MIMEBundle shows the dropdown.
func (w *Dropdown) MIMEBundle() map[string]any { return w.m.viewBundle() }

// Index is the position of the selected option (-1 for none).
func (w *Dropdown) Index() int {
	if i, ok := w.m.Get("index").(int); ok {
		return i
	}
	return -1
}

// Value is the selected option ("" for none).
func (w *Dropdown) Value() string { return w.label(w.m.Get("index")) }

func (w *Dropdown) label(index any) string {
	if i, ok := index.(int); ok && i >= 0 && i < len(w.options) {
		return w.options[i]
	}
	return ""
}

// SetValue selects the option with that label; it reports false, and
// changes nothing, when there is none.
func (w *Dropdown) SetValue(v string) bool {
	for i, o := range w.options {
		if o == v {
			w.m.Set(map[string]any{"index": i})
			return true
		}
	}
	return false
}

// Observe calls f after each change of the selection, with the labels as
// the change's Old and New and Name "value".
func (w *Dropdown) Observe(f func(Change)) {
	w.m.Observe(func(c Change) {
		f(Change{Name: "value", Old: w.label(c.Old), New: w.label(c.New), Owner: w})
	}, "index")
}

// valueOfType is a validator that accepts for "value" only a T (what
// names it in the error) and anything for the other keys.
func valueOfType[T any](what string) func(key string, v any) (any, error) {
	return func(key string, v any) (any, error) {
		if _, ok := v.(T); key == "value" && !ok {
			return nil, fmt.Errorf("value must be %s, not %T %v", what, v, v)
		}
		return v, nil
	}
}

// Checkbox is a boolean.
type Checkbox struct{ m *Model }

// NewCheckbox makes a checkbox.
func NewCheckbox(description string, value bool) *Checkbox {
	w := &Checkbox{}
	w.m = domWidget(w, "CheckboxModel", "CheckboxView", "DescriptionStyleModel",
		map[string]any{"description_width": ""},
		describe(map[string]any{"value": value, "indent": true, "disabled": false}, description))
	w.m.validate = valueOfType[bool]("a boolean")
	w.m.plain = func() string { return fmt.Sprintf("Checkbox(description=%q, value=%v)", description, w.Value()) }
	return w
}

// Model implements Widget.
func (w *Checkbox) Model() *Model { return w.m }

// MIMEBundle shows the checkbox.
func (w *Checkbox) MIMEBundle() map[string]any { return w.m.viewBundle() }

// Value reports whether the box is checked.
func (w *Checkbox) Value() bool { return w.m.Get("value").(bool) }

// SetValue checks or unchecks the box.
func (w *Checkbox) SetValue(v bool) { w.m.Set(map[string]any{"value": v}) }

// Observe calls f after each change of the value.
func (w *Checkbox) Observe(f func(Change)) { w.m.Observe(f, "value") }

// Text is a line of text.
type Text struct{ m *Model }

// NewText makes a text box.
func NewText(description, value string) *Text {
	w := &Text{}
	w.m = domWidget(w, "TextModel", "TextView", "DescriptionStyleModel",
		map[string]any{"description_width": ""},
		describe(map[string]any{"value": value, "placeholder": "\u200b", "continuous_update": true, "disabled": false}, description))
	w.m.validate = valueOfType[string]("a string")
	w.m.plain = func() string { return fmt.Sprintf("Text(description=%q, value=%q)", description, w.Value()) }
	return w
}

// Model implements Widget.
func (w *Text) Model() *Model { return w.m }

// MIMEBundle shows the text box.
func (w *Text) MIMEBundle() map[string]any { return w.m.viewBundle() }

// Value is the text.
func (w *Text) Value() string { return w.m.Get("value").(string) }

// SetValue replaces the text.
func (w *Text) SetValue(v string) { w.m.Set(map[string]any{"value": v}) }

// Observe calls f after each change of the text.
func (w *Text) Observe(f func(Change)) { w.m.Observe(f, "value") }

// OnSubmit calls f with the text when the user presses Enter.
func (w *Text) OnSubmit(f func(value string)) {
	w.m.OnCustom(func(c map[string]any, _ [][]byte) {
		if c["event"] == "submit" {
			f(w.Value())
		}
	})
}

// Button is a push button.
type Button struct{ m *Model }

// NewButton makes a button.
func NewButton(description string) *Button {
	w := &Button{}
	w.m = domWidget(w, "ButtonModel", "ButtonView", "ButtonStyleModel",
		map[string]any{"button_color": nil, "font_weight": ""},
		map[string]any{"description": description, "tooltip": "", "disabled": false, "icon": "", "button_style": ""})
	w.m.plain = func() string { return fmt.Sprintf("Button(description=%q)", description) }
	return w
}

// Model implements Widget.
func (w *Button) Model() *Model { return w.m }

// MIMEBundle shows the button.
func (w *Button) MIMEBundle() map[string]any { return w.m.viewBundle() }

// OnClick calls f on each click.
func (w *Button) OnClick(f func()) {
	w.m.OnCustom(func(c map[string]any, _ [][]byte) {
		if c["event"] == "click" {
			f()
		}
	})
}

// Box lays widgets out in a row (HBox) or a column (VBox).
type Box struct {
	m        *Model
	children []Widget
}

// NewHBox puts children side by side.
func NewHBox(children ...Widget) *Box { return newBox("HBoxModel", "HBoxView", children) }

// NewVBox stacks children.
func NewVBox(children ...Widget) *Box { return newBox("VBoxModel", "VBoxView", children) }

func newBox(model, view string, children []Widget) *Box {
	refs := make([]any, 0, len(children))
	kept := make([]Widget, 0, len(children))
	for _, c := range children {
		if c == nil || c.Model() == nil {
			continue
		}
		refs = append(refs, c.Model().Ref())
		kept = append(kept, c)
	}
	w := &Box{children: kept}
	w.m = domWidget(w, model, view, "", nil, map[string]any{"children": refs, "box_style": ""})
	w.m.plain = func() string {
		parts := make([]string, len(w.children))
		for i, c := range w.children {
			parts[i] = c.Model().label
			if c.Model().plain != nil {
				parts[i] = c.Model().plain()
			}
		}
		return model[:4] + "(" + strings.Join(parts, ", ") + ")"
	}
	return w
}

// Model implements Widget.
func (w *Box) Model() *Model { return w.m }

// MIMEBundle shows the box.
func (w *Box) MIMEBundle() map[string]any { return w.m.viewBundle() }

// Children are the widgets in the box.
func (w *Box) Children() []Widget { return append([]Widget(nil), w.children...) }

// Play counts from min to max at a fixed interval, driven by the
// frontend (a play/pause/stop control); link it to a slider by observing
// it.
type Play struct{ m *Model }

// NewPlay makes a player that steps value from min to max by step every
// interval.
func NewPlay(value, min, max, step int, interval time.Duration) *Play {
	if max < min {
		min, max = max, min
	}
	if step <= 0 {
		step = 1
	}
	w := &Play{}
	w.m = domWidget(w, "PlayModel", "PlayView", "DescriptionStyleModel",
		map[string]any{"description_width": ""},
		describe(map[string]any{
			"value": int(clamp(float64(value), float64(min), float64(max))), "min": min, "max": max, "step": step,
			"interval": int(interval / time.Millisecond), "_playing": false, "_repeat": false,
			"show_repeat": true, "disabled": false,
		}, ""))
	w.m.validate = func(key string, v any) (any, error) {
		switch key {
		case "value", "min", "max", "step", "interval":
			f, err := number(key, v)
			if err != nil {
				return nil, err
			}
			if key == "value" {
				f = clamp(f, float64(w.m.Get("min").(int)), float64(w.m.Get("max").(int)))
			}
			return int(math.Round(f)), nil
		case "_playing", "_repeat":
			if _, ok := v.(bool); !ok {
				return nil, fmt.Errorf("%s must be a boolean, not %T %v", key, v, v)
			}
		}
		return v, nil
	}
	w.m.plain = func() string { return fmt.Sprintf("Play(value=%d, min=%d, max=%d)", w.Value(), min, max) }
	return w
}

// Model implements Widget.
func (w *Play) Model() *Model { return w.m }

// MIMEBundle shows the player.
func (w *Play) MIMEBundle() map[string]any { return w.m.viewBundle() }

// Value is the current count.
func (w *Play) Value() int { return w.m.Get("value").(int) }

// SetValue sets the count (clamped into the range).
func (w *Play) SetValue(v int) {
	w.m.Set(map[string]any{"value": int(clamp(float64(v), float64(w.m.Get("min").(int)), float64(w.m.Get("max").(int))))})
}

// Observe calls f after each change of the count.
func (w *Play) Observe(f func(Change)) { w.m.Observe(f, "value") }
