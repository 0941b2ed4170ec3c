package figure

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"strings"
)

// PixelDensity is the number of image pixels per figure dot: PNGs have
// twice the pixels of the figure's dpi and are shown at half size, so that
// they are sharp on high-density screens.
const PixelDensity = 2

var inline = struct{ format string }{"png"}

// InlineFormat chooses how figures show in the notebook: "png" (default),
// "svg", or "text": only the text/plain description ("<Figure size
// 640x480 with 1 Axes>"), for a terminal frontend such as jupyter console,
// which would otherwise open every figure in an external image viewer.
func InlineFormat(format string) error {
	switch format {
	case "png", "svg", "text":
		state.Lock()
		inline.format = format
		state.Unlock()
		return nil
	}
	return fmt.Errorf("InlineFormat(%q): want \"png\", \"svg\" or \"text\"", format)
}

// Image renders the figure at PixelDensity times its dpi.
func (f *Fig) Image() (*image.RGBA, error) { return f.ImageContext(ambient()) }

// ImageContext is Image with an explicit context: rendering stops with the
// context's error once it is cancelled.
func (f *Fig) ImageContext(ctx context.Context) (*image.RGBA, error) {
	if f.err != nil {
		return nil, f.err
	}
	ps, W, H := f.frame()
	s := newImageSurface(ctx, W/72, H/72, f.dpi*PixelDensity)
	if err := draw(ctx, s, ps, W, H); err != nil {
		return nil, err
	}
	return s.img, nil
}

// PNG renders the figure as a PNG at PixelDensity times its dpi.
func (f *Fig) PNG() ([]byte, error) { return f.PNGContext(ambient()) }

// PNGContext is PNG with an explicit context.
func (f *Fig) PNGContext(ctx context.Context) ([]byte, error) {
	img, err := f.ImageContext(ctx)
	if err != nil {
		return nil, err
	}
	return encodePNG(img)
}

// SVG renders the figure as an SVG document.
func (f *Fig) SVG() ([]byte, error) { return f.SVGContext(ambient()) }

// SVGContext is SVG with an explicit context.
func (f *Fig) SVGContext(ctx context.Context) ([]byte, error) {
	if f.err != nil {
		return nil, f.err
	}
	ps, W, H := f.frame()
	s := newSVGSurface(ctx, W/72, H/72)
	if err := draw(ctx, s, ps, W, H); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if _, err := s.c.WriteTo(&buf); err != nil {
		return nil, err
	}
	// Browsers without Liberation Sans would fall back to their default
	// font, often a serif, for the (invisible) text: name its metric twin
	// Arial and a generic family.
	// Text is drawn as glyph outlines, so it looks the same everywhere;
	// the text itself stays, invisible, for search and selection.
	out := bytes.ReplaceAll(buf.Bytes(), []byte(hiddenFill), []byte(noFill))
	return bytes.ReplaceAll(out, []byte("font-family:Liberation Sans;"),
		[]byte("font-family:'Liberation Sans',Arial,Helvetica,sans-serif;")), nil
}

// Savefig writes the current figure to a file, PNG or SVG by extension.
func Savefig(path string) error { return Gcf().Save(path) }

// Save writes the figure to a file, PNG or SVG by extension.
func (f *Fig) Save(path string) error {
	var b []byte
	var err error
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".png":
		b, err = f.PNG()
	case ".svg":
		b, err = f.SVG()
	default:
		return fmt.Errorf("Savefig(%q): unknown extension %q (want .png or .svg)", path, ext)
	}
	if err != nil {
		return fmt.Errorf("Savefig(%q): %w", path, err)
	}
	return os.WriteFile(path, b, 0o644)
}

// String describes the figure as matplotlib does: "<Figure size 1000x600
// with 6 Axes>".
func (f *Fig) String() string {
	n := 0
	for _, ax := range f.axes {
		if ax.err == nil {
			n++
		}
	}
	return fmt.Sprintf("<Figure size %.0fx%.0f with %d Axes>", f.w*f.dpi, f.h*f.dpi, n)
}

// MIMEBundle renders the figure for the notebook: image/png (base64) or
// image/svg+xml as chosen by InlineFormat, and text/plain. A figure that
// cannot be drawn (bad arguments, an interrupt) shows the reason as text.
func (f *Fig) MIMEBundle() map[string]any {
	data, _ := f.bundle(ambient())
	return data
}

// MIMEMetadata gives the PNG's display size in CSS pixels (its pixels
// divided by PixelDensity), so that it is shown sharp at the figure's size.
func (f *Fig) MIMEMetadata() map[string]any {
	_, md := f.bundle(nil)
	return md
}

// bundle returns the data and metadata; with a nil ctx only the metadata.
func (f *Fig) bundle(ctx context.Context) (data, md map[string]any) {
	state.Lock()
	format := inline.format
	state.Unlock()
	md = map[string]any{}
	if format == "png" && f.err == nil {
		_, W, H := f.frame()
		md["image/png"] = map[string]any{"width": int(W/72*f.dpi + 0.5), "height": int(H/72*f.dpi + 0.5)}
	}
	if ctx == nil {
		return nil, md
	}
	data = map[string]any{"text/plain": f.String()}
	if f.err != nil {
		data["text/plain"] = f.String() + ": " + f.err.Error()
		return data, md
	}
	if len(f.axes) == 0 || format == "text" {
		return data, md
	}
	switch format {
	case "svg":
		b, err := f.SVGContext(ctx)
		if err != nil {
			data["text/plain"] = f.String() + ": not drawn: " + err.Error()
			return data, md
		}
		data["image/svg+xml"] = string(b)
	default:
		b, err := f.PNGContext(ctx)
		if err != nil {
			data["text/plain"] = f.String() + ": not drawn: " + err.Error()
			return data, md
		}
		data["image/png"] = base64.StdEncoding.EncodeToString(b)
	}
	return data, md
}
