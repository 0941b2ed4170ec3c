package nsim

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"sync"

	"gonsim/nsim/equations"
)

// The memory budget bounds what the objects of one scope (since the last
// StartScope) hold: group variables and synapses are counted when they
// are created, and one that would take the scope past the budget is
// refused before anything is allocated, with the bytes it needs. Without
// it, NeuronGroup(1e10, …) ends the process in the Go runtime, which no
// notebook can report. Recordings have their own per-run limit
// (SetMemoryLimit), checked when a run starts.
var budget struct {
	sync.Mutex
	limit, used int64
	set         bool // limit is known: SetMemoryBudget or the first look (limitLocked)
}

// limitLocked returns the budget, reading the default at the first look
// rather than at package initialisation: the worker sets its hard memory
// limit after the program started, and the default follows it.
func limitLocked() int64 {
	if !budget.set {
		budget.limit, budget.set = defaultBudget(), true
	}
	return budget.limit
}

// defaultBudget is the environment's GONSIM_MEMORY_BUDGET (bytes, or a
// number with KiB, MiB, GiB, KB, MB or GB; a kernelspec sets it in its
// "env"), else half of the machine's memory (MemTotal of /proc/meminfo),
// else 4 GiB; and at most three quarters of the process's hard memory
// limit (the worker's GONSIM_MEMORY_LIMIT), so that an object too big
// for the process is refused with a BudgetError instead of ending it.
func defaultBudget() int64 {
	if b, err := ParseBytes(os.Getenv("GONSIM_MEMORY_BUDGET")); err == nil && b > 0 {
		return b
	}
	b := int64(4 << 30)
	if total := memTotal(); total > 0 {
		b = total / 2
	}
	if hard := dataLimit(); hard > 0 {
		b = min(b, hard/4*3)
	}
	return b
}

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
			kb, err := strconv.ParseInt(fields[1], 10, 64)
			if err == nil {
				return kb << 10
			}
		}
	}
	return 0
}

// SetMemoryBudget sets how many bytes the groups, synapses, TimedArrays
// and monitor recordings of one scope may hold together (default: half of
// the machine's memory). A run claims what its monitors will record over
// its duration before it starts. Objects that
// already exist keep their memory; the next one is checked against the
// new budget.
func SetMemoryBudget(bytes int64) {
	budget.Lock()
	defer budget.Unlock()
	budget.limit, budget.set = bytes, true
}

// MemoryBudget returns the budget and the bytes the current scope's
// objects hold.
func MemoryBudget() (limit, used int64) {
	budget.Lock()
	defer budget.Unlock()
	return limitLocked(), budget.used
}

// resetBudget starts a new scope's count (StartScope).
func resetBudget() {
	budget.Lock()
	defer budget.Unlock()
	budget.used = 0
}

// BudgetError refuses an object whose memory would take the scope past the
// budget set with SetMemoryBudget. Nothing was allocated.
type BudgetError struct {
	Object string // e.g. "neurongroup"
	Detail string // what needs the memory, e.g. "10000000000 neurons × 3 variables"
	Need   int64  // bytes the object needs
	Used   int64  // bytes the scope's objects already hold
	Limit  int64  // the budget
}

func (e *BudgetError) Error() string {
	held := ""
	if e.Used > 0 {
		held = fmt.Sprintf(" (the scope's objects already hold %s)", byteSize(e.Used))
	}
	return fmt.Sprintf("%s: %s would need %s, more than the memory budget of %s allows%s; use fewer, or raise it with SetMemoryBudget",
		e.Object, e.Detail, byteSize(e.Need), byteSize(e.Limit), held)
}

// claimBudget counts need bytes against the budget, or returns a
// *BudgetError and counts nothing. need may be a float so that a product
// of large counts cannot overflow before it is compared.
func claimBudget(obj, detail string, need float64) error {
	budget.Lock()
	defer budget.Unlock()
	if limit := limitLocked(); need+float64(budget.used) > float64(limit) {
		return &BudgetError{Object: obj, Detail: detail, Need: int64(min(need, float64(math.MaxInt64))), Used: budget.used, Limit: limit}
	}
	budget.used += int64(need)
	return nil
}

// synapseBytes is what one synapse of s holds: its indices (pre, post:
// int32, with absolute copies for groups that do not start at 0), the
// float copies of i and j and the delays once they are materialised
// (synapses_lazy.go), its variables, and at most 8 bytes in each pathway
// (position in the rows, delay in steps).
func (s *Synapses) synapseBytes() float64 {
	b := 8 + 8*len(s.vars) + 8*len(s.pathways)
	if s.src.lo != 0 || s.tgt.lo != 0 {
		b += 8
	}
	if s.withIJ {
		b += 16
	}
	if s.withDelay || s.delayExpr != nil {
		b += 8
	}
	return float64(b)
}

// claimGroupBudget counts a group of n neurons of model m: one float per
// neuron for each stored variable, the index i, and lastspike and
// not_refractory when the model is refractory.
func claimGroupBudget(obj string, n int, m *equations.NeuronModel) error {
	vars := 1 // i
	for _, q := range m.Eqs.List {
		if q.Kind != equations.Subexpression && !q.Flags.Linked {
			vars++
		}
	}
	if m.Refractory.Kind != equations.NoRefractory {
		vars += 2
	}
	return claimBudget(obj, fmt.Sprintf("%d neurons × %d variables", n, vars), float64(n)*float64(vars)*8)
}

// fitsBudget is claimBudget's check without the count, for an estimate
// made before the exact number is known.
func fitsBudget(obj, detail string, need float64) error {
	budget.Lock()
	defer budget.Unlock()
	if limit := limitLocked(); need+float64(budget.used) > float64(limit) {
		return &BudgetError{Object: obj, Detail: detail, Need: int64(min(need, float64(math.MaxInt64))), Used: budget.used, Limit: limit}
	}
	return nil
}

// ParseBytes reads a size such as "512 MiB", "2GB" or "1048576".
func ParseBytes(text string) (int64, error) {
	t := strings.TrimSpace(text)
	scale := int64(1)
	for _, u := range []struct {
		suffix string
		scale  int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, scale = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.scale
			break
		}
	}
	x, err := strconv.ParseFloat(t, 64)
	if err != nil || !(x >= 0) || x*float64(scale) > float64(math.MaxInt64) {
		return 0, fmt.Errorf("%q is not a size in bytes (e.g. 512 MiB, 2GB)", text)
	}
	return int64(x * float64(scale)), nil
}
