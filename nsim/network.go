package nsim

import (
	"context"
	"fmt"
	"math"
	"sort"
	"time"
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

// T returns the network's current time in seconds: the sum of the
// durations run so far.
func (n *Network) T() float64 { return n.t }

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

type clockRun struct {
	dt     float64
	k, end int64
	ops    []*op
}

func (n *Network) loop(ctx context.Context, ops []*op, plan *runPlan) error {
	var clocks []*clockRun
	byDt := map[float64]*clockRun{}
	opClock := make([]*clockRun, len(ops)) // the clock of each op, without a map lookup per step
	for x, o := range ops {
		c := byDt[o.dt]
		if c == nil {
			c = &clockRun{dt: o.dt, k: calcStep(plan.t0, o.dt), end: calcStep(plan.t1, o.dt)}
			byDt[o.dt] = c
			clocks = append(clocks, c)
		}
		opClock[x] = c
	}
	report := n.reporter
	if report == nil {
		report = reporter
	}
	start := time.Now()
	lastReport := start
	done := ctx.Done()
	span := plan.t1 - plan.t0
	progress := func(t float64, final bool) {
		if report == nil {
			return
		}
		f := 1.0
		if span > 0 {
			f = math.Min(1, (t-plan.t0)/span)
		}
		report(Progress{Fraction: f, Elapsed: time.Since(start), T: t, End: plan.t1, Done: final})
	}
	var tNow float64 = plan.t0
	takeFaults() // from evaluations outside a run (Brian2 gives NaN there too)
	// stepFault ends the run after a step in which an operation failed
	// (plan.err: a network operation's panic) or a model did (a 2-D
	// TimedArray read out of range, timedarray.go).
	nan := newNanWatch(plan.members, plan.t0)
	stepFault := func(t float64) error {
		if err := nan.step(tNow); err != nil {
			n.t = tNow
			progress(tNow, true)
			return err
		}
		if plan.err != nil {
			n.t = tNow
			progress(tNow, true)
			return plan.err
		}
		if err := takeFaults(); err != nil {
			n.t = tNow
			progress(tNow, true)
			return &StepError{T: t, Err: err}
		}
		return nil
	}
	poll := 0
	// The context is polled before every step (a non-blocking receive),
	// so a run stops within one step of a cancel; the wall-time check for
	// progress reports costs more and is done every 8 steps.
	check := func() error {
		select {
		case <-done:
			n.t = tNow
			progress(tNow, true)
			return &InterruptedError{T: tNow, Err: ctx.Err()}
		default:
		}
		if poll++; poll&7 != 0 {
			return nil
		}
		if report != nil && time.Since(lastReport) > 100*time.Millisecond {
			lastReport = time.Now()
			progress(tNow, false)
		}
		return nil
	}
	if len(clocks) == 1 {
		c := clocks[0]
		for ; c.k < c.end; c.k++ {
			if err := check(); err != nil {
				return err
			}
			t := float64(c.k) * c.dt
			for _, o := range ops {
				o.run(c.k, t)
			}
			tNow = float64(c.k+1) * c.dt
			if err := stepFault(t); err != nil {
				return err
			}
		}
	} else {
		for {
			// The clocks with the smallest current time run this step.
			var tmin = math.Inf(1)
			var minDt float64
			for _, c := range clocks {
				if c.k < c.end {
					if t := float64(c.k) * c.dt; t < tmin {
						tmin, minDt = t, c.dt
					}
				}
			}
			if math.IsInf(tmin, 1) {
				break
			}
			if err := check(); err != nil {
				return err
			}
			for x, o := range ops {
				c := opClock[x]
				if c.k < c.end && math.Abs(float64(c.k)*c.dt-tmin) < 1e-4*minDt {
					o.run(c.k, float64(c.k)*c.dt)
				}
			}
			next := math.Inf(1)
			for _, c := range clocks {
				if c.k < c.end && math.Abs(float64(c.k)*c.dt-tmin) < 1e-4*minDt {
					c.k++
				}
				if c.k < c.end {
					next = math.Min(next, float64(c.k)*c.dt)
				}
			}
			tNow = math.Min(next, plan.t1)
			if err := stepFault(tmin); err != nil {
				return err
			}
		}
	}
	n.t = plan.t1
	tNow = plan.t1
	progress(plan.t1, true)
	return nan.scan(plan.t1)
}
