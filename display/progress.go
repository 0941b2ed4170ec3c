package display

import (
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Progress is the state of a long computation as a rich value: an HTML bar
// for notebooks and a text bar for consoles and nbconvert.
type Progress struct {
	Fraction float64       // done, from 0 to 1
	Elapsed  time.Duration // wall time so far
	Text     string        // what is done, e.g. "120. ms of 1. s simulated"
}

const barWidth = 30

func (p Progress) parts() (pct string, frac float64, times string) {
	frac = p.Fraction
	if math.IsNaN(frac) || frac < 0 {
		frac = 0
	}
	frac = math.Min(frac, 1)
	pct = fmt.Sprintf("%3.0f%%", 100*frac)
	times = seconds(p.Elapsed) + " elapsed"
	if frac > 0 && frac < 1 {
		left := time.Duration(float64(p.Elapsed) * (1 - frac) / frac)
		times += ", ~" + seconds(left) + " left"
	}
	return pct, frac, times
}

// seconds formats a wall time rounded by round as Brian2 prints a time,
// the format of the simulated times in Text, so that a bar shows one
// number format: "850. ms", "1.2 s", "75. s".
func seconds(d time.Duration) string {
	d = round(d)
	num := func(x float64) string {
		s := strconv.FormatFloat(x, 'f', -1, 64)
		if !strings.Contains(s, ".") {
			s += "."
		}
		return s
	}
	if d > 0 && d < time.Second {
		return num(float64(d)/float64(time.Millisecond)) + " ms"
	}
	return num(d.Seconds()) + " s"
}

func round(d time.Duration) time.Duration {
	switch {
	case d >= 10*time.Second:
		return d.Round(time.Second)
	case d >= time.Second:
		return d.Round(100 * time.Millisecond)
	}
	return d.Round(time.Millisecond)
}

// String is the text bar: "[#########.....................]  30%  1.2 s
// elapsed, ~2.8 s left  300. ms of 1. s simulated".
func (p Progress) String() string {
	pct, frac, times := p.parts()
	n := int(frac*barWidth + 0.5)
	s := fmt.Sprintf("[%s%s] %s  %s", strings.Repeat("#", n), strings.Repeat(".", barWidth-n), pct, times)
	if p.Text != "" {
		s += "  " + p.Text
	}
	return s
}

// MIMEBundle shows the bar as HTML with the text bar as text/plain.
func (p Progress) MIMEBundle() map[string]any {
	pct, frac, times := p.parts()
	label := html.EscapeString(strings.TrimSpace(pct) + " · " + times)
	if p.Text != "" {
		label += " · " + html.EscapeString(p.Text)
	}
	h := fmt.Sprintf(`<div style="display:flex;align-items:center;gap:0.6em;font-family:sans-serif;font-size:13px">`+
		`<progress value="%.4f" max="1" style="width:22em"></progress><span>%s</span></div>`, frac, label)
	return map[string]any{"text/html": h, "text/plain": p.String()}
}

// ProgressBar shows a Progress that updates in place (through a
// display_id) once a computation has run for ShowAfter, at most every
// Every of its elapsed time, so that short runs show nothing and long ones
// do not flood the notebook. Report may be called from any goroutine.
type ProgressBar struct {
	ShowAfter time.Duration
	Every     time.Duration

	mu   sync.Mutex
	h    *Handle
	last time.Duration
}

// NewProgressBar returns a bar shown after one second and updated at most
// ten times a second.
func NewProgressBar() *ProgressBar {
	return &ProgressBar{ShowAfter: time.Second, Every: 100 * time.Millisecond}
}

// Report updates the bar with p.
func (b *ProgressBar) Report(p Progress) {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch {
	case b.h == nil && p.Elapsed >= b.ShowAfter && p.Fraction < 1:
		b.h = Show(p)
	case b.h != nil && p.Elapsed-b.last >= b.Every:
		b.h.Update(p)
	default:
		return
	}
	b.last = p.Elapsed
}

// Done shows the final state if the bar was shown at all.
func (b *ProgressBar) Done(p Progress) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.h != nil {
		b.h.Update(p)
		b.last = p.Elapsed
	}
}

// Shown reports whether the bar has appeared.
func (b *ProgressBar) Shown() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.h != nil
}
