// Command floor is the kernel package serving an evaluator that runs
// nothing: the start-up floor of a Go kernel over zmq4, measured beside
// gonsim by bench/kernelstart/run.
//
//	floor CONNECTION_FILE
package main

import (
	"context"
	"fmt"
	"os"

	"gonsim/kernel"
)

func main() {
	ci, err := kernel.ReadConnectionFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
	if err := kernel.Serve(context.Background(), ci, nothing{}, kernel.Config{Implementation: "floor"}); err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
}

// nothing is an Evaluator whose cells do nothing.
type nothing struct{}

func (nothing) Execute(context.Context, string, kernel.Output) kernel.Result { return kernel.Result{} }
func (nothing) Evaluate(context.Context, string) (kernel.Bundle, error)      { return nil, nil }
func (nothing) Complete(code string, cursor int) kernel.Completion {
	return kernel.Completion{CursorStart: cursor, CursorEnd: cursor}
}
func (nothing) Inspect(string, int, int) (kernel.Bundle, bool) { return nil, false }
func (nothing) IsComplete(string) (string, string)             { return "complete", "" }
