package nsim

import (
	"context"
	"fmt"
	"math"
	"sort"
	"time"

	"gonsim/nsim/units"
)

// slot is a scheduling slot of one time step (SEMANTICS §2).
type slot int8

const (
	whenStart slot = iota
	whenGroups
	whenThresholds
	whenAfterThresholds // custom events (Brian2's after_thresholds)
	whenSynapses
	whenResets
	whenAfterResets // run_on_event code of custom events
	whenEnd
)

var slotNames = [...]string{"start", "groups", "thresholds", "after_thresholds", "synapses", "resets", "after_resets", "end"}

func (s slot) String() string { return slotNames[s] }

// op is one per-step operation (Brian2's CodeRunner): a state updater,
// thresholder, resetter, synaptic pathway or monitor.
type op struct {
	name  string
	when  slot
	order int
	dt    float64
	run   func(k int64, t float64)
}

// member is what a Network schedules: groups, synapses and monitors.
type member interface {
	Object
	base() *objBase
	// prepare readies the object for a run: it resolves external names,
	// compiles code and returns the ops to schedule. It must not allocate
	// recordings; those are sized through plan.
	prepare(p *runPlan) ([]*op, error)
}

// Object is anything that can be added to a Network: groups, synapses and
// monitors.
type Object interface {
	Name() string
	MIMEBundle() map[string]any
}

// objBase holds what all members share.
type objBase struct {
	name  string
	dt    float64 // 0: the default dt
	seed  uint64  // root of this object's random streams
	order int     // order within a scheduling slot
	deps  []member
}

func (b *objBase) base() *objBase { return b }

// Name returns the object's unique name, e.g. "neurongroup_1".
func (b *objBase) Name() string { return b.name }

func (b *objBase) clockDt() float64 {
	if b.dt > 0 {
		return b.dt
	}
	return defaultDt
}

// runPlan is what members see while preparing a run.
type runPlan struct {
	t0, t1  float64           // network time at start and end of the run
	steps   map[float64]int64 // dt → number of steps in this run
	memNeed []memClaim
	net     *Network
	members []member // the objects of the run, with those they depend on
	// err is set by an op that fails during the run (a network
	// operation's panic); the loop stops after the current step.
	err error
	ctx context.Context // the run's; preparation polls it (prepare.go)
}

type memClaim struct {
	obj    string
	bytes  int64 // what the recording holds after the run
	grows  int64 // what the run adds to it (claimed from the memory budget)
	detail string
	commit func() // allocates; called only when all claims fit
}

// nsteps is the number of steps a clock with this dt makes in the run.
func (p *runPlan) nsteps(dt float64) int64 {
	if n, ok := p.steps[dt]; ok {
		return n
	}
	n := calcStep(p.t1, dt) - calcStep(p.t0, dt)
	p.steps[dt] = n
	return n
}

// claim registers a recording of the given size; commit allocates it once
// every claim of the run is known to fit in the memory limit.
func (p *runPlan) claim(obj string, bytes, grows int64, detail string, commit func()) {
	p.memNeed = append(p.memNeed, memClaim{obj, bytes, grows, detail, commit})
}

// Progress describes a running simulation for a reporter set with
// SetReporter or (*Network).SetReporter.
type Progress struct {
	Fraction float64       // of the current run, 0…1
	Elapsed  time.Duration // wall time since the run started
	T        float64       // simulated time reached, seconds
	End      float64       // simulated time at which the run ends, seconds
	Done     bool          // the last report of a run
}

// Network is a set of objects simulated together. Most notebooks use the
// default network (StartScope, Run); Go programs can build their own.
type Network struct {
	objects  []member
	t        float64
	reporter func(Progress)
	sorted   []string // op names of the last run, in execution order
	snaps    map[string]*netSnapshot
	running  bool // a run is in progress (a network operation may call back)
}

// NewNetwork returns a network holding objs (more can be added with Add).
func NewNetwork(objs ...Object) (*Network, error) {
	n := &Network{}
	if err := n.Add(objs...); err != nil {
		return nil, err
	}
	return n, nil
}

// Add adds objects to the network; adding an object twice is harmless.
func (n *Network) Add(objs ...Object) error {
	for _, o := range objs {
		m, ok := o.(member)
		if !ok || o == nil {
			return &ArgError{"Network.Add", "", fmt.Sprintf("%T is not an nsim object", o)}
		}
		if !n.has(m) {
			n.objects = append(n.objects, m)
		}
	}
	return nil
}

func (n *Network) has(m member) bool {
	for _, o := range n.objects {
		if o == m {
			return true
		}
	}
	return false
}

// T returns the network's current time, the sum of the durations run so
// far (Brian2's net.t, which prints as "5. ms").
func (n *Network) T() units.Time { return units.Time(n.t) }

// SetReporter installs a progress callback for this network's runs; nil
// removes it. Without one, the package-level reporter is used.
func (n *Network) SetReporter(f func(Progress)) { n.reporter = f }

// Schedule lists the network's operations in the order they run within a
// step, as "slot order name", once a run has prepared them.
func (n *Network) Schedule() []string { return n.sorted }

// Run simulates the network for duration d (a time quantity), continuing
// from where the previous run stopped. It polls the package context set
// with SetContext.
func (n *Network) Run(d any) error {
	return n.RunContext(currentContext(), d)
}

// RunContext is Run with an explicit context: when ctx is cancelled the run
// stops after the current step and returns an *InterruptedError.
func (n *Network) RunContext(ctx context.Context, d any) error {
	dur, err := secondsArg("Run", "duration", d)
	if err != nil {
		return err
	}
	if !(dur >= 0) || math.IsInf(dur, 1) {
		return &ArgError{"Run", "duration", fmt.Sprintf("the duration must be a finite, non-negative time, got %s", formatSeconds(dur))}
	}
	if len(n.objects) == 0 {
		return ErrNoObjects
	}
	if n.running {
		return &ArgError{"Run", "", "the network is already running (Run called from a network operation?)"}
	}
	n.running = true
	defer func() { n.running = false }()
	members, err := n.closure()
	if err != nil {
		return err
	}
	plan := &runPlan{t0: n.t, t1: n.t + dur, steps: map[float64]int64{}, net: n, members: members, ctx: ctx}
	var ops []*op
	for _, m := range members {
		if err := plan.interrupted(); err != nil {
			return err
		}
		o, err := m.prepare(plan)
		if err != nil {
			return err
		}
		ops = append(ops, o...)
	}
	var total int64
	for _, c := range plan.memNeed {
		total += c.bytes
	}
	if total > memoryLimit {
		// Name the biggest claim: that is the one to change.
		big := plan.memNeed[0]
		for _, c := range plan.memNeed {
			if c.bytes > big.bytes {
				big = c
			}
		}
		detail := big.detail
		if len(plan.memNeed) > 1 {
			detail += fmt.Sprintf(" (all monitors of the run together: %s)", byteSize(total))
		}
		return &MemoryError{Object: big.obj, Need: big.bytes, Limit: memoryLimit, Detail: detail}
	}
	if err := plan.interrupted(); err != nil {
		return err
	}
	if err := plan.claimRecordings(); err != nil {
		return err
	}
	for _, c := range plan.memNeed {
		c.commit()
	}
	sort.SliceStable(ops, func(a, b int) bool {
		oa, ob := ops[a], ops[b]
		if oa.when != ob.when {
			return oa.when < ob.when
		}
		if oa.order != ob.order {
			return oa.order < ob.order
		}
		return oa.name < ob.name
	})
	n.sorted = n.sorted[:0]
	for _, o := range ops {
		n.sorted = append(n.sorted, fmt.Sprintf("%s %d %s", o.when, o.order, o.name))
	}
	return n.loop(ctx, ops, plan)
}

// closure returns the network's members plus what they depend on (the
// groups a monitor or synapse refers to are simulated with it).
func (n *Network) closure() ([]member, error) {
	var out []member
	seen := map[member]bool{}
	var add func(m member)
	add = func(m member) {
		if seen[m] {
			return
		}
		seen[m] = true
		out = append(out, m)
		for _, d := range m.base().deps {
			add(d)
		}
	}
	for _, m := range n.objects {
		add(m)
	}
	return out, nil
}

func (n *Network) loop(ctx context.Context, ops []*op, plan *runPlan) error {
	l := newStepLoop(n, ctx, ops, plan)
	takeFaults() // from evaluations outside a run (Brian2 gives NaN there too)
	var err error
	if len(l.clocks) == 1 {
		err = l.oneClock()
	} else {
		err = l.manyClocks()
	}
	if err != nil {
		return err
	}
	n.t, l.tNow = plan.t1, plan.t1
	l.progress(plan.t1, true)
	return l.nan.scan(plan.t1)
}
