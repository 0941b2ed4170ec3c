package figure

import (
	"reflect"
	"strings"
	"testing"

	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"
)

// symbols exposes the pyplot API to yaegi as interp/prelude will (there
// with generated tables).
func symbols() interp.Exports {
	m := map[string]reflect.Value{}
	for name, v := range map[string]any{
		"Figure": Figure, "Subplot": Subplot, "Plot": Plot, "Axhline": Axhline, "Axvline": Axvline,
		"Xlabel": Xlabel, "Ylabel": Ylabel, "Title": Title, "Xlim": Xlim, "Ylim": Ylim,
		"Xticks": Xticks, "Yticks": Yticks, "SetFrameOn": SetFrameOn, "Legend": Legend,
		"TightLayout": TightLayout, "Gcf": Gcf, "Gca": Gca,
		"Color": Color, "LS": LS, "LW": LW, "Alpha": Alpha, "Label": Label, "Marker": Marker,
		"MS": MS, "MFC": MFC, "MEC": MEC, "MEW": MEW, "FontSize": FontSize, "Sharey": Sharey,
		"Sharex": Sharex, "Loc": Loc,
	} {
		m[name] = reflect.ValueOf(v)
	}
	m["Axes"] = reflect.ValueOf((*Axes)(nil))
	m["Fig"] = reflect.ValueOf((*Fig)(nil))
	m["Option"] = reflect.ValueOf((*Option)(nil))
	return interp.Exports{"gonsim/display/figure/figure": m}
}

// The API works from interpreted cells: options through ...any, the
// Subplot/Sharey idiom, Xticks(nil), methods on axes, errors as values.
func TestInterpretedCell(t *testing.T) {
	reset()
	defer reset()
	i := interp.New(interp.Options{})
	if err := i.Use(stdlib.Symbols); err != nil {
		t.Fatal(err)
	}
	if err := i.Use(symbols()); err != nil {
		t.Fatal(err)
	}
	cell := `
import . "gonsim/display/figure"

var t, v [][]float64
func cell() error {
	x := []float64{0, 1, 2, 3}
	rows := [][]float64{{0, 1, 0, 1}, {1, 0, 1, 0}}
	Figure(10, 6)
	axTop := Subplot(321)
	Plot(x, rows, "-k", Alpha(0.05))
	axTop.SetFrameOn(false)
	Xticks(nil)
	Yticks(nil)
	Subplot(322, Sharey(axTop))
	Plot(x, []float64{3, 2, 1, 0}, "o", Color("r"), MFC("none"), MS(10))
	Axhline(-60, LS("--"), Color("g"))
	Ylabel("Input current $I$", FontSize(12))
	TightLayout()
	return Plot(x, []float64{1, 2})
}
`
	if _, err := i.Eval(cell); err != nil {
		t.Fatal(err)
	}
	v, err := i.Eval("cell()")
	if err != nil {
		t.Fatal(err)
	}
	if e, _ := v.Interface().(error); e == nil || !strings.Contains(e.Error(), "x has 4 values but y has 2") {
		t.Errorf("cell returned %v, want the length error", v)
	}
	f := Gcf()
	if f.String() != "<Figure size 1000x600 with 2 Axes>" || len(f.axes[0].lines) != 2 || f.axes[1].ygroup != f.axes[0].ygroup {
		t.Errorf("figure after the cell: %s", f)
	}
	if _, err := f.PNG(); err != nil {
		t.Error(err)
	}
}
