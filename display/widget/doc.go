// Package widget is Jupyter's interactive widgets for Go cells: sliders,
// dropdowns, checkboxes, buttons, text boxes, boxes, Output areas and a
// Play control, whose state the notebook and the Go session keep in
// sync over comms, and whose changes call Go functions.
//
//	tau := widget.NewFloatSlider("tau", 10, 1, 50, 1).WithUnit("ms", 1e-3)
//	out := widget.NewOutput()
//	tau.Observe(func(c widget.Change) {
//		out.Capture(true, func() { fmt.Println("tau =", tau.SI(), "s") })
//	})
//	display.Show(widget.NewVBox(tau, out))
//
// The package speaks the Jupyter widget message protocol version 2.0.0
// and names the JavaScript models of ipywidgets 7 (see the Module
// constants), which the JupyterLab widget managers render (3.x natively,
// 5.x through its ipywidgets 7 compatibility). Debian's classic Notebook
// extension (jupyter-js-widgets 2.1, ipywidgets 6) speaks the earlier
// protocol and shows the text/plain fallback instead.
//
// The package knows nothing of the kernel: the session binds a Host
// (where comm messages go, the request's msg_id, how to flush printed
// output) while it runs a cell or a widget's callback, and hands the
// frontend's comm messages to Deliver. Callbacks run on the goroutine
// that calls Deliver, one at a time, with the notebook's state; a
// panicking callback is reported on standard error (inside the Output
// area that captures it) and the widget keeps working.
//
// Updates made by Go code are coalesced: a widget sends its changed
// state at most every CoalesceInterval while a request runs, and the
// rest when the request ends, so a loop setting a value thousands of
// times a second does not flood the notebook.
package widget
