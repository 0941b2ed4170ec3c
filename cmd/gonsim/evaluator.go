package main

import (
	"io"

	"gonsim/interp"
	"gonsim/kernel"
)

// newEvaluator starts the yaegi session cells run in. It returns the
// writer for the kernel's log too: the session takes over fds 1 and 2 for
// the cells, and hands back the original stderr.
func newEvaluator() (kernel.Evaluator, io.Writer, string, error) {
	s, err := interp.New(interp.Options{})
	if err != nil {
		return nil, nil, "", err
	}
	return s, s.Log(), languageVersion(), nil
}

// languageVersion is language_info.version: the Go that cells are
// (what yaegi interprets), not the toolchain that built the kernel.
func languageVersion() string { return interp.LanguageVersion }
