package widget

import "time"

// The protocol and model versions this package emits, in one place. They
// are ipywidgets 7's: every widget manager since then renders them.
const (
	ProtocolVersion = "2.0.0" // Jupyter widget message protocol (comm metadata "version")
	BaseModule      = "@jupyter-widgets/base"
	BaseVersion     = "1.2.0"
	ControlsModule  = "@jupyter-widgets/controls"
	ControlsVersion = "1.5.0"
	OutputModule    = "@jupyter-widgets/output"
	OutputVersion   = "1.0.0"

	// Target is the comm target of widget models; ControlTarget the one
	// a frontend opens to fetch every model's state at once.
	Target        = "jupyter.widget"
	ControlTarget = "jupyter.widget.control"
	// ViewMIME is the MIME type of a widget's view in a display_data.
	ViewMIME = "application/vnd.jupyter.widget-view+json"
)

// CoalesceInterval is the least time between two state updates a widget
// sends while Go code changes it (the rest is sent when it has passed,
// or when the request ends).
const CoalesceInterval = 20 * time.Millisecond

// Message is one comm message, to or from the frontend.
type Message struct {
	Type       string         // "comm_open", "comm_msg" or "comm_close"
	CommID     string         // the widget's model id
	TargetName string         // comm_open: Target
	Data       map[string]any // the content's data
	Metadata   map[string]any
	Buffers    [][]byte
	Parent     string // msg_id of the request (set by the session on messages it delivers)
}

func versionMeta() map[string]any { return map[string]any{"version": ProtocolVersion} }
