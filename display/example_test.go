package display_test

import (
	"time"

	"gonsim/display"
)

func Example() {
	display.Show(display.HTML("<b>v</b> = −65 mV"))
	display.Show(display.Markdown("**Spikes:** 42"))
	h := display.Show(display.Progress{Fraction: 0.25, Elapsed: time.Second, Text: "250. ms of 1. s simulated"})
	h.Update(display.Progress{Fraction: 1, Elapsed: 4 * time.Second})
	// Output:
	// v = −65 mV
	// **Spikes:** 42
	// [########......................]  25%  1. s elapsed, ~3. s left  250. ms of 1. s simulated
	// [##############################] 100%  4. s elapsed
}
