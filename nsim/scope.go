package nsim

import (
	"context"
	"fmt"
	"os"
	"sync"
	"time"

	"gonsim/nsim/rng"
	"gonsim/nsim/units"
)

// Package-level state: the default network, naming, the ambient context,
// progress reporter, name resolver, random seed and memory limit. The
// notebook kernel runs one cell at a time, so a mutex suffices; compiled
// Go programs that use several goroutines should use explicit Networks.
var (
	mu          sync.Mutex
	defaultNet  = &Network{}
	names       = map[string]int{}
	ambientCtx  = context.Background()
	reporter    func(Progress)
	resolver    func(string) (any, bool)
	memoryLimit int64 = 1 << 30
	seedStream        = rng.New(uint64(time.Now().UnixNano()), 0)
)

// SetLogger installs the function that receives nsim's informational
// messages and warnings (level "INFO" or "WARNING"), such as the
// integration method chosen automatically. nil restores the default,
// which writes them to standard error.
func SetLogger(f func(level, msg string)) {
	mu.Lock()
	defer mu.Unlock()
	logger = f
}

var logger func(level, msg string)

func logf(level, format string, args ...any) {
	mu.Lock()
	f := logger
	mu.Unlock()
	msg := fmt.Sprintf(format, args...)
	if f == nil {
		fmt.Fprintf(os.Stderr, "%s %s\n", level, msg)
		return
	}
	f(level, msg)
}

// StartScope starts a new default network: objects created afterwards are
// simulated by Run, earlier ones are forgotten (Brian2's start_scope()).
// Names restart at "neurongroup", "synapses", …
func StartScope() {
	mu.Lock()
	defer mu.Unlock()
	defaultNet = &Network{}
	names = map[string]int{}
	resetBudget()
}

// Run simulates the objects created since the last StartScope for duration
// d (a time, e.g. 200*units.Millisecond), continuing from the previous
// Run. It stops early with an *InterruptedError when the context set with
// SetContext is cancelled.
func Run(d any) error {
	return defaultNet.RunContext(currentContext(), d)
}

// T returns the time reached by the default network (Brian2's
// defaultclock.t, which prints as "5. ms").
func T() units.Time { return units.Time(defaultNet.t) }

// DefaultNetwork returns the network Run uses.
func DefaultNetwork() *Network { return defaultNet }

// SetContext installs the context that Run polls; cancelling it stops a
// run within a step. nil restores context.Background().
func SetContext(ctx context.Context) {
	mu.Lock()
	defer mu.Unlock()
	if ctx == nil {
		ctx = context.Background()
	}
	ambientCtx = ctx
}

func currentContext() context.Context {
	mu.Lock()
	defer mu.Unlock()
	return ambientCtx
}

// SetReporter installs the progress callback of runs (nil removes it). It
// is called about every 100 ms of wall time during a run, and once at
// its end with Done set.
func SetReporter(f func(Progress)) {
	mu.Lock()
	defer mu.Unlock()
	reporter = f
}

// SetResolver installs the function that looks up names used in model
// strings that are neither model variables nor in the object's Namespace
// option nor local (see PushResolver). The notebook installs one that
// reads its global variables. The value may be a units.Quantifier,
// float64, int or bool. Asked for the empty name, f may return a
// []string of the names it knows, from which errors suggest the nearest.
func SetResolver(f func(name string) (any, bool)) {
	mu.Lock()
	defer mu.Unlock()
	resolver = f
}

// SetMemoryLimit sets how many bytes the recordings of one run may need in
// total (default 1 GiB). A run whose monitors would exceed it is refused
// before it starts.
func SetMemoryLimit(bytes int64) {
	mu.Lock()
	defer mu.Unlock()
	memoryLimit = bytes
}

// SetDefaultDt sets the time step of objects without a dt option, in
// seconds (or any time quantity). It returns an error for a non-positive
// or non-time value.
func SetDefaultDt(dt any) error {
	s, err := secondsArg("SetDefaultDt", "dt", dt)
	if err != nil {
		return err
	}
	if !(s > 0) {
		return &ArgError{"SetDefaultDt", "dt", fmt.Sprintf("dt must be positive, got %s", formatSeconds(s))}
	}
	mu.Lock()
	defer mu.Unlock()
	defaultDt = s
	return nil
}

// Seed makes the random numbers of objects created afterwards
// reproducible: the same seed, model and sequence of calls give the same
// results (Brian2's seed()).
func Seed(n int64) {
	mu.Lock()
	defer mu.Unlock()
	seedStream.Reset(uint64(n), 0x5eed)
}

// newSeed hands an object the root of its random streams.
func newSeed() uint64 {
	mu.Lock()
	defer mu.Unlock()
	return seedStream.Uint64()
}

// register names a new object and adds it to the default network. base is
// Brian2's class-derived name ("neurongroup"); explicit is the user's.
func register(m member, basename, explicit string) error {
	if err := registerName(m, basename, explicit); err != nil {
		return err
	}
	mu.Lock()
	defer mu.Unlock()
	defaultNet.objects = append(defaultNet.objects, m)
	return nil
}

// registerName names a new object without adding it to the default
// network: objects that run as part of another (a group's run_regularly).
func registerName(m member, basename, explicit string) error {
	mu.Lock()
	defer mu.Unlock()
	b := m.base()
	if explicit != "" {
		if _, taken := names[explicit]; taken {
			return &ArgError{"Name", "", fmt.Sprintf("an object named %q already exists in this scope", explicit)}
		}
		names[explicit] = 0
		b.name = explicit
	} else {
		for {
			c, seen := names[basename]
			if seen && c == 0 {
				c = 1 // the base name was taken explicitly
			}
			name := basename
			if seen {
				name = fmt.Sprintf("%s_%d", basename, c)
			}
			names[basename] = c + 1
			if _, taken := names[name]; !taken || name == basename {
				b.name = name
				if name != basename {
					names[name] = 0
				}
				break
			}
		}
	}
	return nil
}
