// Command floor is the kernel package serving an evaluator that runs
// nothing, its ports bound by kernel/early as gonsim's are: the start-up
// floor of a Go kernel over zmq4 (gonsim without its worker), measured
// beside gonsim by bench/kernelstart/run.
//
//	floor CONNECTION_FILE
package main

import (
	"context"
	"fmt"
	"net"
	"os"

	"gonsim/kernel"
	"gonsim/kernel/early"
)

func main() {
	ci, err := kernel.ReadConnectionFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
	cfg := kernel.Config{Implementation: "floor", Listeners: map[int]net.Listener{}}
	for port, f := range early.Take(os.Args[1]) {
		if l, err := net.FileListener(f); err == nil {
			cfg.Listeners[port] = l
		}
		f.Close()
	}
	if err := kernel.Serve(context.Background(), ci, nothing{}, cfg); err != nil {
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
