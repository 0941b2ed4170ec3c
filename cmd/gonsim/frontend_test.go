package main

import (
	"strings"
	"testing"
)

func TestIsConsole(t *testing.T) {
	for _, tc := range []struct {
		cmdline string
		want    bool
	}{
		{"/usr/bin/python3\x00/usr/bin/jupyter-console\x00--kernel\x00gonsim\x00", true},
		{"jupyter-console\x00", true},
		{"python3\x00-m\x00jupyter_console\x00--existing\x00", true},
		{"/usr/bin/python3\x00/usr/bin/jupyter-notebook\x00", false},
		{"/usr/bin/python3\x00/usr/bin/jupyter-nbconvert\x00--execute\x00console.ipynb\x00", false},
		{"/usr/bin/python3\x00-m\x00jupyter\x00console\x00", false}, // jupyter execs jupyter-console: never seen as the parent
		{"", false},
	} {
		if got := isConsole([]byte(tc.cmdline)); got != tc.want {
			t.Errorf("isConsole(%q) = %v, want %v", strings.ReplaceAll(tc.cmdline, "\x00", " "), got, tc.want)
		}
	}
}
