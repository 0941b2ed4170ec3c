package figure

import (
	"errors"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	pfont "gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
)

// fillGlyphs sets s in face f with its baseline's start at at as filled
// glyph outlines rather than as text: an SVG with its text as paths looks
// the same in every browser, whatever fonts the machine has. Advances and
// kerning are those Face.Width measures, so alignment is unchanged.
func fillGlyphs(c vg.Canvas, f pfont.Face, at vg.Point, s string) {
	var buf sfnt.Buffer
	upem := fixed.Int26_6(f.Face.UnitsPerEm())
	// Outlines and advances in font units, scaled to points.
	scale := float64(f.Font.Size) / float64(upem)
	x := 0.0
	var prev sfnt.GlyphIndex
	for i, r := range s {
		idx, err := f.Face.GlyphIndex(&buf, r)
		if err != nil {
			continue
		}
		if i > 0 {
			if k, err := f.Face.Kern(&buf, prev, idx, upem, font.HintingNone); err == nil {
				x += float64(k) * scale
			} else if !errors.Is(err, sfnt.ErrNotFound) {
				continue
			}
		}
		prev = idx
		segs, err := f.Face.LoadGlyph(&buf, idx, upem, nil)
		if err == nil && len(segs) > 0 {
			var p vg.Path
			pt := func(q fixed.Point26_6) vg.Point {
				// sfnt's y grows downwards.
				return vg.Point{X: at.X + vg.Length(x+float64(q.X)*scale), Y: at.Y - vg.Length(float64(q.Y)*scale)}
			}
			for _, sg := range segs {
				switch sg.Op {
				case sfnt.SegmentOpMoveTo:
					if len(p) > 0 {
						p.Close()
					}
					p.Move(pt(sg.Args[0]))
				case sfnt.SegmentOpLineTo:
					p.Line(pt(sg.Args[0]))
				case sfnt.SegmentOpQuadTo:
					p.QuadTo(pt(sg.Args[0]), pt(sg.Args[1]))
				case sfnt.SegmentOpCubeTo:
					p.CubeTo(pt(sg.Args[0]), pt(sg.Args[1]), pt(sg.Args[2]))
				}
			}
			p.Close()
			c.Fill(p)
		}
		if adv, err := f.Face.GlyphAdvance(&buf, idx, upem, font.HintingNone); err == nil {
			x += float64(adv) * scale
		}
	}
}
