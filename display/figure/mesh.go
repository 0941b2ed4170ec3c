package figure

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"math"
	"sort"

	"gonum.org/v1/plot/vg"
)

// mesh is an Imshow image or a Pcolormesh: a grid of values painted
// through a colormap, cell (i, j) spanning xe[j]..xe[j+1] and
// ye[i]..ye[i+1] in data coordinates.
type mesh struct {
	z      [][]float64
	xe, ye []float64
	nrm    norm
	alpha  float64
}

// meshDraw is a mesh placed on a surface: edges in points.
type meshDraw struct {
	z      [][]float64
	xe, ye []float64
	nrm    norm
	alpha  float64
}

// Imshow shows a two-dimensional array (rows of values) as an image
// through a colormap, as matplotlib's imshow: row 0 at the top, cell
// centres on the indices, equal aspect. Options: Cmap (default
// "viridis"), Vmin, Vmax, Extent(left, right, bottom, top), Origin
// ("upper" or "lower"), Aspect ("equal", "auto" or a number), Alpha.
// NaN cells are left transparent. Colorbar shows the scale.
func Imshow(z any, opts ...any) error { return Gca().Imshow(z, opts...) }

// Imshow is the axes' version of the package-level Imshow.
func (ax *Axes) Imshow(z any, opts ...any) error {
	if ax.err != nil {
		return ax.err
	}
	p, err := parseArgs("Imshow", opts, "Cmap", "Vmin", "Vmax", "Extent", "Origin", "Aspect", "Alpha")
	if err != nil {
		return err
	}
	zs, err := grid("Imshow", z)
	if err != nil {
		return err
	}
	m, n := len(zs), len(zs[0])
	k := &p.kind
	ext := [4]float64{-0.5, float64(n) - 0.5, float64(m) - 0.5, -0.5}
	if k.origin == "lower" {
		ext[2], ext[3] = ext[3], ext[2]
	}
	if k.extent != nil {
		ext = *k.extent
	}
	// Row 0 is at the top (y = ext[3]) with origin "upper", at the bottom
	// (ext[2]) with "lower".
	y0, y1 := ext[3], ext[2]
	if k.origin == "lower" {
		y0, y1 = ext[2], ext[3]
	}
	me := &mesh{z: zs, xe: linspace(ext[0], ext[1], n), ye: linspace(y0, y1, m), alpha: 1}
	ax.addMesh(me, p)
	ax.yinvert = ext[2] > ext[3]
	ax.aspect = 1
	if k.aspect != nil {
		ax.aspect = *k.aspect
	}
	return nil
}

// Pcolormesh draws a grid of values through a colormap on the current
// axes, as matplotlib's pcolormesh: x and y are the cells' edges (one
// more than columns and rows of c) or their centres (as many), nil for
// 0, 1, ... c's rows are y, its columns x. Options: Cmap, Vmin, Vmax,
// Alpha.
func Pcolormesh(x, y, c any, opts ...any) error { return Gca().Pcolormesh(x, y, c, opts...) }

// Pcolormesh is the axes' version of the package-level Pcolormesh.
func (ax *Axes) Pcolormesh(x, y, c any, opts ...any) error {
	if ax.err != nil {
		return ax.err
	}
	p, err := parseArgs("Pcolormesh", opts, "Cmap", "Vmin", "Vmax", "Alpha")
	if err != nil {
		return err
	}
	zs, err := grid("Pcolormesh", c)
	if err != nil {
		return err
	}
	xe, err := meshEdges("x", x, len(zs[0]))
	if err != nil {
		return fmt.Errorf("Pcolormesh: %w", err)
	}
	ye, err := meshEdges("y", y, len(zs))
	if err != nil {
		return fmt.Errorf("Pcolormesh: %w", err)
	}
	ax.addMesh(&mesh{z: zs, xe: xe, ye: ye, alpha: 1}, p)
	return nil
}

func (ax *Axes) addMesh(me *mesh, p *props) {
	k := &p.kind
	cm := k.cmap
	if cm == nil {
		cm, _ = lookupCmap(defaultCmap)
	}
	me.nrm = autoNorm(cm, k.vmin, k.vmax, me.z...)
	if p.alpha != nil {
		me.alpha = *p.alpha
	}
	ax.meshes = append(ax.meshes, me)
	ax.fig.mappable = &mappable{ax: ax, nrm: me.nrm}
	ax.mappable = ax.fig.mappable
}

// grid reads a two-dimensional array of equal rows.
func grid(fn string, z any) ([][]float64, error) {
	if _, ok := z.(Floatser); ok {
		return nil, fmt.Errorf("%s: want rows of values ([][]float64), got one row (%T)", fn, z)
	}
	zs, err := rows(z)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", fn, err)
	}
	if len(zs) == 0 || len(zs[0]) == 0 {
		return nil, fmt.Errorf("%s: no values (%d rows)", fn, len(zs))
	}
	if len(zs) == 1 {
		if _, ok := z.([]float64); ok {
			return nil, fmt.Errorf("%s: want rows of values ([][]float64), got one row ([]float64)", fn)
		}
	}
	for i, r := range zs {
		if len(r) != len(zs[0]) {
			return nil, fmt.Errorf("%s: row %d has %d values but row 0 has %d", fn, i, len(r), len(zs[0]))
		}
	}
	return zs, nil
}

// meshEdges reads Pcolormesh's coordinates along one axis of n cells:
// n+1 edges, or n centres (matplotlib's shading "nearest": edges half way
// between them), or nil for edges at 0, 1, ..., n.
func meshEdges(name string, v any, n int) ([]float64, error) {
	if v == nil {
		return linspace(0, float64(n), n), nil
	}
	var c []float64
	if rs, ok := v.([][]float64); ok && len(rs) > 0 {
		// A meshgrid: x repeats its first row, y its first column.
		if name == "x" {
			c = append([]float64(nil), rs[0]...)
		} else {
			for _, r := range rs {
				if len(r) == 0 {
					return nil, fmt.Errorf("y: empty row")
				}
				c = append(c, r[0])
			}
		}
	} else {
		var err error
		if c, err = floats(v); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	for i, e := range c {
		if !finite(e) {
			return nil, fmt.Errorf("%s[%d] is %g; coordinates must be finite", name, i, e)
		}
	}
	if !monotonic(c) {
		return nil, fmt.Errorf("%s must increase or decrease", name)
	}
	switch len(c) {
	case n + 1:
		return c, nil
	case n:
		if n == 1 {
			return []float64{c[0] - 0.5, c[0] + 0.5}, nil
		}
		e := make([]float64, n+1)
		for i := 1; i < n; i++ {
			e[i] = (c[i-1] + c[i]) / 2
		}
		e[0] = c[0] - (e[1] - c[0])
		e[n] = c[n-1] + (c[n-1] - e[n-1])
		return e, nil
	}
	return nil, fmt.Errorf("%s has %d values; want %d edges or %d centres", name, len(c), n+1, n)
}

func monotonic(c []float64) bool {
	up, down := true, true
	for i := 1; i < len(c); i++ {
		up = up && c[i] > c[i-1]
		down = down && c[i] < c[i-1]
	}
	return up || down
}

// meshRange widens [lo, hi] to the meshes' extents along x or y.
func (ax *Axes) meshRange(x bool, lo, hi float64, sc *scale) (float64, float64) {
	for _, me := range ax.meshes {
		e := me.ye
		if x {
			e = me.xe
		}
		for _, v := range []float64{e[0], e[len(e)-1]} {
			if sc.valid(v) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	return lo, hi
}

// meshSticky lists the meshes' outer edges: the autoscaling margin does
// not cross them, as matplotlib's images and meshes' sticky edges.
func (ax *Axes) meshSticky(x bool) []float64 {
	var st []float64
	for _, me := range ax.meshes {
		e := me.ye
		if x {
			e = me.xe
		}
		st = append(st, e[0], e[len(e)-1])
	}
	return st
}

func (p *panel) drawMeshes(ctx context.Context, s surface) error {
	for _, me := range p.ax.meshes {
		d := &meshDraw{z: me.z, nrm: me.nrm, alpha: me.alpha,
			xe: make([]float64, len(me.xe)), ye: make([]float64, len(me.ye))}
		for i, v := range me.xe {
			d.xe[i] = p.xpos(v)
		}
		for i, v := range me.ye {
			d.ye[i] = p.ypos(v)
		}
		if err := s.mesh(d); err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	return nil
}

func (r *imageSurface) mesh(d *meshDraw) error {
	return paintMesh(r.ctx, r.img, r.mask.Clip(), r.s, 0, 0, d)
}

// mesh on SVG embeds the mesh as an image of two pixels per point.
func (v *svgSurface) mesh(d *meshDraw) error {
	x0, x1 := math.Min(d.xe[0], d.xe[len(d.xe)-1]), math.Max(d.xe[0], d.xe[len(d.xe)-1])
	y0, y1 := math.Min(d.ye[0], d.ye[len(d.ye)-1]), math.Max(d.ye[0], d.ye[len(d.ye)-1])
	if c := v.clp; c != nil {
		x0, x1 = math.Max(x0, c.x), math.Min(x1, c.x+c.w)
		y0, y1 = math.Max(y0, c.y), math.Min(y1, c.y+c.h)
	}
	if x1 <= x0 || y1 <= y0 {
		return nil
	}
	const s = 2
	w, h := int(math.Ceil((x1-x0)*s)), int(math.Ceil((y1-y0)*s))
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	if err := paintMesh(v.ctx, img, img.Rect, s, x0, y0, d); err != nil {
		return err
	}
	v.c.DrawImage(vg.Rectangle{Min: vgPoint(pt{x0, y0 + float64(h)/s}, v.H), Max: vgPoint(pt{x0 + float64(w)/s, y0}, v.H)}, img)
	return nil
}

// paintMesh paints d onto dst, whose pixel (0, 0) is at (ox, oy) points,
// s pixels per point, within clip. Each pixel takes the cell under its
// centre, or, where cells are smaller than pixels, the mean of the
// (non-NaN) cells it spans, so that a large image is averaged rather
// than sampled; the mean goes through the colormap, as matplotlib
// resamples data before colour-mapping.
func paintMesh(ctx context.Context, dst *image.RGBA, clip image.Rectangle, s, ox, oy float64, d *meshDraw) error {
	cols := cellSpans(d.xe, clip.Min.X, clip.Max.X, s, ox)
	rws := cellSpans(d.ye, clip.Min.Y, clip.Max.Y, s, oy)
	for py := clip.Min.Y; py < clip.Max.Y; py++ {
		ra := rws[py-clip.Min.Y]
		if ra[0] < 0 {
			continue
		}
		if py%64 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		pix := dst.Pix[(py-dst.Rect.Min.Y)*dst.Stride:]
		for px := clip.Min.X; px < clip.Max.X; px++ {
			ca := cols[px-clip.Min.X]
			if ca[0] < 0 {
				continue
			}
			v := d.z[ra[0]][ca[0]]
			if ra[1] > ra[0] || ca[1] > ca[0] {
				v = blockMean(d.z, ra, ca)
			}
			c := d.nrm.color(v)
			c.A = uint8(float64(c.A)*d.alpha + 0.5)
			if c.A == 0 {
				continue
			}
			q := pix[4*(px-dst.Rect.Min.X):][:4:4]
			blend(q, c)
		}
	}
	return nil
}

func blend(q []uint8, c color.NRGBA) {
	if c.A == 255 {
		q[0], q[1], q[2], q[3] = c.R, c.G, c.B, 255
		return
	}
	a := uint32(c.A)
	na := 255 - a
	q[0] = uint8((uint32(c.R)*a + uint32(q[0])*na + 127) / 255)
	q[1] = uint8((uint32(c.G)*a + uint32(q[1])*na + 127) / 255)
	q[2] = uint8((uint32(c.B)*a + uint32(q[2])*na + 127) / 255)
	q[3] = uint8(a + (uint32(q[3])*na+127)/255)
}

func blockMean(z [][]float64, ra, ca [2]int) float64 {
	sum, n := 0.0, 0
	for i := ra[0]; i <= ra[1]; i++ {
		row := z[i][ca[0] : ca[1]+1]
		for _, v := range row {
			if v == v {
				sum += v
				n++
			}
		}
	}
	if n == 0 {
		return math.NaN()
	}
	return sum / float64(n)
}

// cellSpans gives, for each pixel from p0 to p1 along an axis, the first
// and last cell it shows ({-1, -1} outside the mesh): the cell under its
// centre, or the cells whose centres lie in the pixel when there are
// several. e are the cells' edges in points, increasing or decreasing.
func cellSpans(e []float64, p0, p1 int, s, o float64) [][2]int {
	n := len(e) - 1
	// Cell centre and edge positions in pixels, increasing.
	pos := make([]float64, len(e))
	for i, v := range e {
		pos[i] = (v - o) * s
	}
	rev := pos[n] < pos[0]
	if rev {
		for i, j := 0, n; i < j; i, j = i+1, j-1 {
			pos[i], pos[j] = pos[j], pos[i]
		}
	}
	cell := func(k int) int { // cell k of the increasing order
		if rev {
			return n - 1 - k
		}
		return k
	}
	out := make([][2]int, p1-p0)
	for i := range out {
		px := float64(p0 + i)
		c := px + 0.5
		if c < pos[0] || c >= pos[n] {
			out[i] = [2]int{-1, -1}
			continue
		}
		k := sort.SearchFloat64s(pos, c) // first edge >= c
		if k == 0 || pos[k] > c {
			k--
		}
		a, b := k, k
		// Cells whose centres fall in [px, px+1).
		for a > 0 && (pos[a-1]+pos[a])/2 >= px {
			a--
		}
		for b < n-1 && (pos[b+1]+pos[b+2])/2 < px+1 {
			b++
		}
		if a == b || (pos[a]+pos[a+1])/2 < px || (pos[b]+pos[b+1])/2 >= px+1 {
			out[i] = [2]int{cell(k), cell(k)}
			continue
		}
		ca, cb := cell(a), cell(b)
		out[i] = [2]int{min(ca, cb), max(ca, cb)}
	}
	return out
}
