// Command gonsim is the Go (gonsim) Jupyter kernel: Jupyter starts it with
// the path of a connection file, and it serves Go cells until a
// shutdown_request.
//
//	gonsim [--version] [--help] CONNECTION_FILE
package main

// The kernelspec logos are drawn by mklogo (see its doc).
//go:generate go run ./mklogo -o ../../kernelspec

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"strconv"
	"syscall"
	"time"

	"gonsim/kernel"
)

// version is the kernel's version; release builds set it with
// -ldflags "-X main.version=...".
var version = "0.1.0-dev"

const usage = `usage: gonsim [--version] [--help] CONNECTION_FILE
       gonsim export [-o DIR] NOTEBOOK.ipynb     (see gonsim export -h)
       gonsim sweep NOTEBOOK.ipynb NAME=V1,V2... (see gonsim sweep -h)

gonsim is a Jupyter kernel for Go with a spiking neural network simulator.
Jupyter starts it through its kernelspec (kernel.json) with the path of a
connection file; it then serves the Jupyter messaging protocol %s on the
five sockets the file names until it is asked to shut down.

SIGINT interrupts the running cell; it does not stop the kernel.
Cells run in a child process ("gonsim worker") that the kernel restarts
when it dies; the kernel process itself runs no user code.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 1 && args[0] == "worker" {
		return runWorker()
	}
	if len(args) > 0 && args[0] == "export" {
		return runExport(args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "sweep" {
		return runSweep(args[1:], stdout, stderr)
	}
	fs := flag.NewFlagSet("gonsim", flag.ContinueOnError)
	fs.SetOutput(stderr)
	showVersion := fs.Bool("version", false, "print the version and exit")
	fs.Usage = func() {} // --help is answered below, on stdout
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			fmt.Fprintf(stdout, usage, kernel.ProtocolVersion)
			return 0
		}
		fmt.Fprintln(stderr, "gonsim: see --help")
		return 2
	}
	if *showVersion {
		fmt.Fprintf(stdout, "gonsim %s (%s, Jupyter protocol %s)\n", version, runtime.Version(), kernel.ProtocolVersion)
		return 0
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "gonsim: want exactly one argument, the connection file (see --help)")
		return 2
	}
	// jupyter_client sends SIGINT to interrupt (and before shutting a
	// kernel down); Go's default would kill the process. Trap it before
	// anything slow happens; it becomes an interrupt once the kernel runs.
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)

	ci, err := kernel.ReadConnectionFile(fs.Arg(0))
	if err != nil {
		fmt.Fprintln(stderr, "gonsim:", err)
		return 1
	}
	defaultFigures() // before the worker starts: it inherits the environment
	ev, err := newEvaluator()
	if err != nil {
		fmt.Fprintln(stderr, "gonsim:", err)
		return 1
	}
	defer ev.Close()
	logw, langVersion := stderr, languageVersion()
	k, err := kernel.New(ci, ev, kernel.Config{
		Implementation:        "gonsim",
		ImplementationVersion: version,
		LanguageVersion:       langVersion,
		Log:                   logw,
		Banner:                fmt.Sprintf("gonsim %s — Go %s cells with a spiking neural network simulator (kernel built with %s)", version, langVersion, runtime.Version()),
		HelpLinks: []kernel.HelpLink{
			{Text: "Go documentation", URL: "https://go.dev/doc/"},
			{Text: "Go standard library", URL: "https://pkg.go.dev/std"},
			{Text: "Brian2 documentation", URL: "https://brian2.readthedocs.io/"},
		},
	})
	if err != nil {
		fmt.Fprintln(stderr, "gonsim:", err)
		return 1
	}

	go func() {
		for s := range sigs {
			if s == syscall.SIGTERM {
				k.Shutdown()
				continue
			}
			k.Interrupt()
		}
	}()
	go watchParent(os.Getenv("JPY_PARENT_PID"), time.Second, k.Shutdown)
	if err := k.Run(context.Background()); err != nil {
		fmt.Fprintln(stderr, "gonsim:", err)
		return 1
	}
	return 0
}

// watchParent calls shutdown when the process that launched the kernel
// is gone, as ipykernel's parent poller does: jupyter_client puts its pid
// in JPY_PARENT_PID, and a frontend that dies without a shutdown_request
// (a killed console, an nbconvert timeout) would otherwise leave the
// kernel running forever. The check is the parent pid changing (the
// kernel was re-parented).
func watchParent(parent string, every time.Duration, shutdown func()) {
	pid, err := strconv.Atoi(parent)
	if err != nil || pid <= 1 || os.Getppid() != pid {
		return // not launched by a Jupyter client, or not its direct child
	}
	for range time.Tick(every) {
		if os.Getppid() != pid {
			shutdown()
			return
		}
	}
}
