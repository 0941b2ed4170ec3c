package main

import (
	"context"
	"strings"

	"gonsim/kernel"
)

// TEMPORARY: until package interp has a constructor, main serves this
// echo evaluator so the kernel can be exercised end to end. It is removed
// when main switches to interp.New.
func newEvaluator() (kernel.Evaluator, string, error) {
	return echo{}, languageVersion(), nil
}

type echo struct{}

func (echo) Execute(ctx context.Context, code string, out kernel.Output) kernel.Result {
	code = strings.TrimSpace(code)
	switch {
	case strings.HasPrefix(code, "print "):
		out.Stream("stdout", strings.TrimPrefix(code, "print ")+"\n")
		return kernel.Result{}
	case strings.HasPrefix(code, "error "):
		return kernel.Result{Err: &kernel.Error{Name: "Error", Value: strings.TrimPrefix(code, "error "), Traceback: []string{code}}}
	}
	return kernel.Result{Value: kernel.Bundle{"text/plain": code}}
}

func (echo) Evaluate(ctx context.Context, expr string) (kernel.Bundle, error) {
	return kernel.Bundle{"text/plain": expr}, nil
}

func (echo) Complete(code string, cursor int) kernel.Completion {
	return kernel.Completion{Matches: []string{}, CursorStart: cursor, CursorEnd: cursor}
}

func (echo) Inspect(code string, cursor, detail int) (kernel.Bundle, bool) { return nil, false }

func (echo) IsComplete(code string) (string, string) { return "unknown", "" }
