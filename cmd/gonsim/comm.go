package main

import (
	"context"

	"gonsim/kernel"
	"gonsim/worker"
)

// Comm messages (widgets) cross the same boundaries as cells: the
// kernel's types to the worker protocol's here, those to the session's
// in cmd/gonsim-worker/comm.go.

// Comm runs a frontend's comm message in the worker (kernel.Comms).
func (e *evaluator) Comm(ctx context.Context, m kernel.CommMessage, out kernel.Output) bool {
	cs, ok := e.session().(interface {
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
