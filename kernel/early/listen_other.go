//go:build !linux

package early

import "os"

// listen is Linux-only; elsewhere the kernel binds as usual.
func listen([4]byte, int) (*os.File, error) { return nil, errNoBind }

// inherited is Linux-only too (cmd/gonsim-launch is).
func inherited() map[endpoint]*os.File { return nil }
