// Package display makes rich values for notebooks: MIME bundles (HTML,
// Markdown, LaTeX, SVG, PNG, JSON, images), displays updated in place, and
// progress bars. Figures come from its sub-package figure, interactive
// widgets (sliders, Output areas, Interact's building blocks) from widget.
//
//	display.Show(display.Markdown("**Spikes:** 42"))
//	h := display.Show(display.Progress{Fraction: 0.1, Text: "starting"})
//	h.Update(display.Progress{Fraction: 1, Elapsed: 2 * time.Second, Text: "done"})
//
// Every value shows itself through the method
//
//	MIMEBundle() map[string]any   // MIME type → content; text/plain always present
//
// and, where useful, MIMEMetadata() map[string]any (a figure's PNG has
// twice the pixels of its display size, and says so there). Binary content
// (PNG) is base64; application/json is embedded as a value, with NaN and
// ±Inf turned into null.
//
// The package knows nothing of the kernel. The interpreter installs a
// publisher with SetPublisher (and SetClearer), the cell's context with
// SetContext, and shows the figures of a cell, collected by TakeFigures,
// when the cell ends. Without a publisher, Show prints the text/plain
// representation, as in this runnable example:
//
//	display.Show(display.HTML("<b>v</b> = −65 mV"))
//	// Output: v = −65 mV
package display
