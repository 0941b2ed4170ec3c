package display

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html"
	"image"
	"image/png"
	"math"
	"reflect"
	"regexp"
	"sort"
	"strings"

	"gonsim/display/figure"
)

// Value is a ready-made rich value: a MIME bundle and its metadata. The
// constructors HTML, Markdown, SVG, PNG, LaTeX, JSON and Image make them.
// A constructor given bad input returns a Value whose text/plain states the
// problem and whose Err reports it.
type Value struct {
	data map[string]any
	meta map[string]any
	err  error
}

// MIMEBundle returns the value's representations keyed by MIME type;
// text/plain is always present.
func (v Value) MIMEBundle() map[string]any { return clone(v.data) }

// MIMEMetadata returns display metadata keyed by MIME type, or nil.
func (v Value) MIMEMetadata() map[string]any { return clone(v.meta) }

// Err reports the bad input the value was made from, if any.
func (v Value) Err() error { return v.err }

// String returns the text/plain representation.
func (v Value) String() string { s, _ := v.data["text/plain"].(string); return s }

func clone(m map[string]any) map[string]any {
	if m == nil {
		return nil
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func bad(err error) Value {
	return Value{data: map[string]any{"text/plain": err.Error()}, err: err}
}

var tags = regexp.MustCompile(`(?s)<[^>]*>`)

// HTML shows s as HTML; consoles get the text without tags.
func HTML(s string) Value {
	plain := html.UnescapeString(tags.ReplaceAllString(s, ""))
	plain = strings.Join(strings.Fields(plain), " ")
	return Value{data: map[string]any{"text/html": s, "text/plain": plain}}
}

// Markdown shows s as Markdown; consoles get s itself.
func Markdown(s string) Value {
	return Value{data: map[string]any{"text/markdown": s, "text/plain": s}}
}

// LaTeX shows s as math. Without delimiters ($, $$, \[ or \begin) it is
// wrapped in $$...$$ so that the notebook typesets it as display math.
func LaTeX(s string) Value {
	t := strings.TrimSpace(s)
	if !strings.HasPrefix(t, "$") && !strings.HasPrefix(t, `\[`) && !strings.HasPrefix(t, `\(`) && !strings.HasPrefix(t, `\begin`) {
		t = "$$" + t + "$$"
	}
	return Value{data: map[string]any{"text/latex": t, "text/plain": s}}
}

var svgSize = regexp.MustCompile(`<svg[^>]*?\swidth="([^"]+)"[^>]*?\sheight="([^"]+)"`)

// SVG shows an SVG document.
func SVG(s string) Value {
	if !strings.Contains(s, "<svg") {
		return bad(fmt.Errorf("display.SVG: not an SVG document (no <svg element in %q)", abbrev(s)))
	}
	plain := "<SVG image>"
	if m := svgSize.FindStringSubmatch(s); m != nil {
		plain = fmt.Sprintf("<SVG image %s×%s>", m[1], m[2])
	}
	return Value{data: map[string]any{"image/svg+xml": s, "text/plain": plain}}
}

// PNG shows PNG-encoded bytes.
func PNG(b []byte) Value {
	cfg, err := png.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		return bad(fmt.Errorf("display.PNG: not a PNG image (%d bytes): %v", len(b), err))
	}
	return Value{data: map[string]any{
		"image/png":  base64.StdEncoding.EncodeToString(b),
		"text/plain": fmt.Sprintf("<PNG image %d×%d>", cfg.Width, cfg.Height),
	}}
}

// Image shows an image, encoded as PNG.
func Image(img image.Image) Value {
	if img == nil {
		return bad(fmt.Errorf("display.Image: nil image"))
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return bad(fmt.Errorf("display.Image: %v", err))
	}
	return PNG(buf.Bytes())
}

// JSON shows v as application/json (an explorable tree in JupyterLab) with
// indented JSON as text/plain. NaN and ±Inf, which JSON cannot carry,
// become null.
func JSON(v any) Value {
	clean, err := sanitize(reflect.ValueOf(v), 0)
	if err != nil {
		return bad(fmt.Errorf("display.JSON: %v", err))
	}
	text, err := json.MarshalIndent(clean, "", "  ")
	if err != nil {
		return bad(fmt.Errorf("display.JSON: %v", err))
	}
	return Value{data: map[string]any{"application/json": clean, "text/plain": string(text)}}
}

var marshalerType = reflect.TypeFor[json.Marshaler]()

// sanitize turns v into plain JSON values (maps, slices, strings, numbers,
// bools, nil), following encoding/json's rules for struct fields and
// replacing non-finite floats by nil.
func sanitize(v reflect.Value, depth int) (any, error) {
	if depth > 100 {
		return nil, fmt.Errorf("value nested more than 100 levels (a cycle?)")
	}
	if !v.IsValid() {
		return nil, nil
	}
	if v.Type().Implements(marshalerType) && !(v.Kind() == reflect.Pointer && v.IsNil()) {
		b, err := v.Interface().(json.Marshaler).MarshalJSON()
		if err != nil {
			return nil, err
		}
		var out any
		err = json.Unmarshal(b, &out)
		return out, err
	}
	switch v.Kind() {
	case reflect.Float32, reflect.Float64:
		f := v.Float()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, nil
		}
		return f, nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int(), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint(), nil
	case reflect.Bool:
		return v.Bool(), nil
	case reflect.String:
		return v.String(), nil
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil, nil
		}
		return sanitize(v.Elem(), depth+1)
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			return nil, nil
		}
		out := make([]any, v.Len())
		for i := range out {
			e, err := sanitize(v.Index(i), depth+1)
			if err != nil {
				return nil, fmt.Errorf("[%d]: %w", i, err)
			}
			out[i] = e
		}
		return out, nil
	case reflect.Map:
		if v.IsNil() {
			return nil, nil
		}
		out := make(map[string]any, v.Len())
		it := v.MapRange()
		for it.Next() {
			k := it.Key()
			var key string
			switch k.Kind() {
			case reflect.String:
				key = k.String()
			case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
				reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
				key = fmt.Sprint(k.Interface())
			default:
				return nil, fmt.Errorf("map key of type %s cannot be a JSON key", k.Type())
			}
			e, err := sanitize(it.Value(), depth+1)
			if err != nil {
				return nil, fmt.Errorf("[%q]: %w", key, err)
			}
			out[key] = e
		}
		return out, nil
	case reflect.Struct:
		out := map[string]any{}
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			sf := t.Field(i)
			if !sf.IsExported() {
				continue
			}
			name, opts, _ := strings.Cut(sf.Tag.Get("json"), ",")
			if name == "-" && opts == "" {
				continue
			}
			if name == "" {
				name = sf.Name
			}
			fv := v.Field(i)
			if strings.Contains(opts, "omitempty") && fv.IsZero() {
				continue
			}
			e, err := sanitize(fv, depth+1)
			if err != nil {
				return nil, fmt.Errorf(".%s: %w", sf.Name, err)
			}
			out[name] = e
		}
		return out, nil
	}
	return nil, fmt.Errorf("a %s cannot be shown as JSON", v.Type())
}

func abbrev(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// mimeBundler is the contract of rich values (docs/architecture.md).
type mimeBundler interface{ MIMEBundle() map[string]any }

type mimeMetadataer interface{ MIMEMetadata() map[string]any }

// Bundle returns what a value shows in the notebook: the MIME bundle and
// metadata of a rich value (one with a MIMEBundle method) or of an
// image.Image. ok is false for other values, which interp prints with fmt.
// A rich value's bundle always gets text/plain. A figure shown this way
// (a cell ending with Gcf(), say) is closed, so that it is not shown a
// second time at the end of the cell.
func Bundle(x any) (data, metadata map[string]any, ok bool) {
	switch v := x.(type) {
	case nil:
		return nil, nil, false
	case *figure.Fig:
		defer v.Close()
		return v.MIMEBundle(), v.MIMEMetadata(), true
	case mimeBundler:
		data = v.MIMEBundle()
		if data == nil {
			data = map[string]any{}
		}
		if _, ok := data["text/plain"]; !ok {
			data["text/plain"] = plainFallback(x, data)
		}
		if m, ok := x.(mimeMetadataer); ok {
			metadata = m.MIMEMetadata()
		}
		return data, metadata, true
	case image.Image:
		val := Image(v)
		return val.MIMEBundle(), nil, true
	}
	return nil, nil, false
}

func plainFallback(x any, data map[string]any) string {
	types := make([]string, 0, len(data))
	for k := range data {
		types = append(types, k)
	}
	sort.Strings(types)
	return fmt.Sprintf("<%T: %s>", x, strings.Join(types, ", "))
}
