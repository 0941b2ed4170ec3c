package worker

import (
	"bufio"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"time"
)

// The child's memory: a hard limit that ends a runaway cell in a crash
// report (and so in a FatalError that says "out of memory") before the
// machine swaps, and garbage handed back to the operating system once a
// cell has dropped it.

// limitEnv sets the child's hard memory limit: bytes, or a number with
// KiB, MiB, GiB, KB, MB or GB; "off" for none. A kernelspec sets it in
// its "env". The default is three quarters of the machine's memory, above
// nsim's default budget (half of it), so that objects the budget refuses
// get their clear error first.
const limitEnv = "GONSIM_MEMORY_LIMIT"

// memoryLimit is the hard limit the child applies, 0 for none.
func memoryLimit() int64 {
	v := strings.TrimSpace(os.Getenv(limitEnv))
	if v == "off" {
		return 0
	}
	if b, ok := parseBytes(v); ok && b > 0 {
		return b
	}
	return memTotal() / 4 * 3
}

// applyMemoryLimit limits the child's writable memory to limit bytes: the
// Go heap maps its memory writable when it grows, so a heap that would
// pass the limit fails to grow and the runtime dies with "fatal error:
// out of memory", which the Supervisor reports. The garbage collector is
// told of the limit too (at 90 %), so that collectable garbage does not
// end a cell that would fit.
func applyMemoryLimit(limit int64) error {
	if limit <= 0 {
		return nil
	}
	debug.SetMemoryLimit(limit / 10 * 9)
	return setDataLimit(uint64(limit))
}

func parseBytes(text string) (int64, bool) {
	t := strings.TrimSpace(text)
	scale := 1.0
	for _, u := range []struct {
		suffix string
		scale  float64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, scale = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.scale
			break
		}
	}
	x, err := strconv.ParseFloat(t, 64)
	if err != nil || !(x > 0) || x*scale > 1<<62 {
		return 0, false
	}
	return int64(x * scale), true
}

// memTotal is MemTotal of /proc/meminfo in bytes, 0 when unknown.
func memTotal() int64 {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) >= 2 && fields[0] == "MemTotal:" {
			if kb, err := strconv.ParseInt(fields[1], 10, 64); err == nil {
				return kb << 10
			}
		}
	}
	return 0
}

// Garbage goes back to the operating system when the session is idle:
// the runtime keeps freed heap mapped for minutes, and a cell that
// allocated and dropped a few hundred megabytes would leave the process
// at that size. Every releaseEvery, a session that ran no cell since the
// last look and has allocated releaseAfter bytes since the last release
// is collected and its free heap returned (debug.FreeOSMemory: a full
// collection, some milliseconds per 100 MB of live heap, paid only
// after allocating at least as much).
const (
	releaseEvery = time.Second
	releaseAfter = 16 << 20
)

// keepMemory runs for the life of the child.
func (s *Server) keepMemory() {
	released := allocated()
	lastCells := s.cells.Load()
	for range time.Tick(releaseEvery) {
		cells := s.cells.Load()
		// Not while a request is answered: a completion waits 40 ms at most.
		idle := s.running.Load() == 0 && s.busy.Load() == 0 && cells == lastCells
		lastCells = cells
		if a := allocated(); idle && a-released > releaseAfter {
			debug.FreeOSMemory()
			released = allocated()
		}
	}
}

// allocated is the bytes allocated on the heap since the process began.
func allocated() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}
