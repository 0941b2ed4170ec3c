package main

import (
	"context"

	"gonsim/display/widget"
	"gonsim/interp"
	"gonsim/kernel"
	"gonsim/worker"
)

// Comm messages (widgets) cross the same three boundaries as cells: the
// kernel's types, the worker protocol's and the session's. These are
// the conversions.

// Comm runs a frontend's comm message in the worker (kernel.Comms).
func (e *evaluator) Comm(ctx context.Context, m kernel.CommMessage, out kernel.Output) bool {
	cs, ok := e.s.(interface {
		Comm(context.Context, worker.CommMessage, worker.Output) bool
	})
	if !ok {
		return false
	}
	return cs.Comm(ctx, worker.CommMessage(m), kernelOutput{out})
}

// Comm implements worker.CommOutput.
func (o kernelOutput) Comm(m worker.CommMessage) {
	if co, ok := o.out.(kernel.CommOutput); ok {
		co.Comm(kernel.CommMessage(m))
	}
}

// ParentID implements worker.CommOutput.
func (o kernelOutput) ParentID() string {
	if co, ok := o.out.(kernel.CommOutput); ok {
		return co.ParentID()
	}
	return ""
}

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
