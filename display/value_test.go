package display

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"math"
	"reflect"
	"strings"
	"testing"
)

func tinyPNG(t *testing.T) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 3, 2))
	img.Set(1, 1, color.RGBA{255, 0, 0, 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestBundles(t *testing.T) {
	p := tinyPNG(t)
	b64 := base64.StdEncoding.EncodeToString(p)
	type S struct {
		Name  string  `json:"name"`
		Rate  float64 `json:"rate_hz"`
		Skip  int     `json:"-"`
		Empty string  `json:",omitempty"`
		inner int
	}
	tests := []struct {
		name  string
		v     Value
		want  map[string]any
		isErr bool
	}{
		{"html", HTML("<b>v</b> &lt; 1 <i>mV</i>"),
			map[string]any{"text/html": "<b>v</b> &lt; 1 <i>mV</i>", "text/plain": "v < 1 mV"}, false},
		{"markdown", Markdown("# Title"),
			map[string]any{"text/markdown": "# Title", "text/plain": "# Title"}, false},
		{"latex wrapped", LaTeX(`\tau \frac{dv}{dt} = -v`),
			map[string]any{"text/latex": `$$\tau \frac{dv}{dt} = -v$$`, "text/plain": `\tau \frac{dv}{dt} = -v`}, false},
		{"latex delimited", LaTeX(`$x^2$`),
			map[string]any{"text/latex": `$x^2$`, "text/plain": `$x^2$`}, false},
		{"svg", SVG(`<svg xmlns="http://www.w3.org/2000/svg" width="10pt" height="5pt"></svg>`),
			map[string]any{"image/svg+xml": `<svg xmlns="http://www.w3.org/2000/svg" width="10pt" height="5pt"></svg>`, "text/plain": "<SVG image 10pt×5pt>"}, false},
		{"png", PNG(p), map[string]any{"image/png": b64, "text/plain": "<PNG image 3×2>"}, false},
		{"image", Image(mustDecode(t, p)), map[string]any{"image/png": b64, "text/plain": "<PNG image 3×2>"}, false},
		{"json map", JSON(map[string]any{"a": 1.5, "b": math.NaN(), "c": []float64{1, math.Inf(1)}}),
			map[string]any{"application/json": map[string]any{"a": 1.5, "b": nil, "c": []any{1.0, nil}},
				"text/plain": "{\n  \"a\": 1.5,\n  \"b\": null,\n  \"c\": [\n    1,\n    null\n  ]\n}"}, false},
		{"json struct tags", JSON(S{Name: "LIF", Rate: math.Inf(-1), Skip: 3}),
			map[string]any{"application/json": map[string]any{"name": "LIF", "rate_hz": nil},
				"text/plain": "{\n  \"name\": \"LIF\",\n  \"rate_hz\": null\n}"}, false},
		{"json raw message", JSON(json.RawMessage(`{"x":[1,2]}`)),
			map[string]any{"application/json": map[string]any{"x": []any{1.0, 2.0}},
				"text/plain": "{\n  \"x\": [\n    1,\n    2\n  ]\n}"}, false},
		{"bad png", PNG([]byte("GIF89a")), nil, true},
		{"bad svg", SVG("hello"), nil, true},
		{"bad json", JSON(map[string]any{"f": func() {}}), nil, true},
		{"nil image", Image(nil), nil, true},
	}
	for _, tt := range tests {
		got := tt.v.MIMEBundle()
		if tt.isErr {
			if tt.v.Err() == nil {
				t.Errorf("%s: Err() = nil, want an error", tt.name)
			}
			if s, _ := got["text/plain"].(string); !strings.HasPrefix(s, "display.") || len(got) != 1 {
				t.Errorf("%s: bundle %v, want only a text/plain error naming the constructor", tt.name, got)
			}
			continue
		}
		if tt.v.Err() != nil {
			t.Errorf("%s: Err() = %v", tt.name, tt.v.Err())
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: MIMEBundle() =\n%#v\nwant\n%#v", tt.name, got, tt.want)
		}
		// Every bundle must survive the kernel's JSON encoding.
		if _, err := json.Marshal(got); err != nil {
			t.Errorf("%s: bundle is not JSON-encodable: %v", tt.name, err)
		}
	}
}

func mustDecode(t *testing.T, b []byte) image.Image {
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

type richNoText struct{}

func (richNoText) MIMEBundle() map[string]any { return map[string]any{"text/html": "<p>x</p>"} }

type richWithMeta struct{}

func (richWithMeta) MIMEBundle() map[string]any { return map[string]any{"text/plain": "m"} }
func (richWithMeta) MIMEMetadata() map[string]any {
	return map[string]any{"image/png": map[string]any{"width": 10}}
}

func TestBundleOfValues(t *testing.T) {
	tests := []struct {
		name   string
		x      any
		ok     bool
		plain  string
		hasMD  bool
		hasPNG bool
	}{
		{"plain int", 42, false, "", false, false},
		{"nil", nil, false, "", false, false},
		{"rich without text/plain gets one", richNoText{}, true, "<display.richNoText: text/html>", false, false},
		{"metadata is passed on", richWithMeta{}, true, "m", true, false},
		{"image.Image becomes PNG", image.NewGray(image.Rect(0, 0, 4, 4)), true, "<PNG image 4×4>", false, true},
	}
	for _, tt := range tests {
		data, md, ok := Bundle(tt.x)
		if ok != tt.ok {
			t.Errorf("%s: ok = %v, want %v", tt.name, ok, tt.ok)
			continue
		}
		if !ok {
			continue
		}
		if data["text/plain"] != tt.plain {
			t.Errorf("%s: text/plain = %q, want %q", tt.name, data["text/plain"], tt.plain)
		}
		if (md != nil) != tt.hasMD {
			t.Errorf("%s: metadata %v, want present=%v", tt.name, md, tt.hasMD)
		}
		if _, has := data["image/png"]; has != tt.hasPNG {
			t.Errorf("%s: image/png present=%v, want %v", tt.name, has, tt.hasPNG)
		}
	}
}
