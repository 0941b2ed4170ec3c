package main

import (
	"context"

	"gonsim/display/widget"
	"gonsim/interp"
	"gonsim/worker"
)

// Comm messages (widgets) cross from the worker protocol's types to the
// session's here; the kernel's side is in cmd/gonsim/comm.go.

// Comm delivers a comm message to the session (worker.CommSession).
func (a session) Comm(ctx context.Context, m worker.CommMessage, out worker.Output) bool {
	return a.s.Comm(ctx, widget.Message(m), sessionOutput(out))
}

// sessionOutput gives the session a worker Output, with its comm side
// when it has one.
func sessionOutput(out worker.Output) interp.Output {
	if co, ok := out.(worker.CommOutput); ok {
		return commOutput{co}
	}
	return out
}

// commOutput is a worker.CommOutput as an interp.CommOutput.
type commOutput struct{ worker.CommOutput }

func (o commOutput) Comm(m widget.Message) { o.CommOutput.Comm(worker.CommMessage(m)) }
