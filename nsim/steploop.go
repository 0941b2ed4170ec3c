package nsim

import (
	"context"
	"math"
	"time"
)

// clockRun is one clock of a run: its step, and the step it runs to.
type clockRun struct {
	dt     float64
	k, end int64
}

// stepLoop runs a plan's operations step by step: each clock's ops at
// that clock's times, polling for interrupts, reporting progress and
// ending the run at the first fault.
type stepLoop struct {
	n       *Network
	ctx     context.Context
	ops     []*op
	plan    *runPlan
	clocks  []*clockRun
	opClock []*clockRun // the clock of each op, without a map lookup per step
	nan     *nanWatch

	report     func(Progress)
	start      time.Time
	lastReport time.Time
	poll       int
	tNow       float64 // the time the run has reached
}

func newStepLoop(n *Network, ctx context.Context, ops []*op, plan *runPlan) *stepLoop {
	l := &stepLoop{n: n, ctx: ctx, ops: ops, plan: plan, opClock: make([]*clockRun, len(ops)),
		report: n.reporter, start: time.Now(), tNow: plan.t0}
	if l.report == nil {
		l.report = reporter
	}
	l.lastReport = l.start
	byDt := map[float64]*clockRun{}
	for x, o := range ops {
		c := byDt[o.dt]
		if c == nil {
			c = &clockRun{dt: o.dt, k: calcStep(plan.t0, o.dt), end: calcStep(plan.t1, o.dt)}
			byDt[o.dt] = c
			l.clocks = append(l.clocks, c)
		}
		l.opClock[x] = c
	}
	l.nan = newNanWatch(plan.members, plan.t0)
	return l
}

// oneClock is the loop when every op runs on the same clock.
func (l *stepLoop) oneClock() error {
	c := l.clocks[0]
	for ; c.k < c.end; c.k++ {
		if err := l.check(); err != nil {
			return err
		}
		t := float64(c.k) * c.dt
		for _, o := range l.ops {
			o.run(c.k, t)
		}
		l.tNow = float64(c.k+1) * c.dt
		if err := l.stepFault(t); err != nil {
			return err
		}
	}
	return nil
}

// manyClocks is the loop over several clocks: each step runs the ops of
// the clocks whose current time is the smallest.
func (l *stepLoop) manyClocks() error {
	for {
		tmin, minDt := l.earliest()
		if math.IsInf(tmin, 1) {
			return nil
		}
		if err := l.check(); err != nil {
			return err
		}
		due := func(c *clockRun) bool { return c.k < c.end && math.Abs(float64(c.k)*c.dt-tmin) < 1e-4*minDt }
		for x, o := range l.ops {
			if c := l.opClock[x]; due(c) {
				o.run(c.k, float64(c.k)*c.dt)
			}
		}
		next := math.Inf(1)
		for _, c := range l.clocks {
			if due(c) {
				c.k++
			}
			if c.k < c.end {
				next = math.Min(next, float64(c.k)*c.dt)
			}
		}
		l.tNow = math.Min(next, l.plan.t1)
		if err := l.stepFault(tmin); err != nil {
			return err
		}
	}
}

// earliest returns the smallest current time of the clocks not yet at
// their end (+Inf when all are), and that clock's dt.
func (l *stepLoop) earliest() (tmin, dt float64) {
	tmin = math.Inf(1)
	for _, c := range l.clocks {
		if c.k < c.end {
			if t := float64(c.k) * c.dt; t < tmin {
				tmin, dt = t, c.dt
			}
		}
	}
	return tmin, dt
}

// check polls the context before every step (a non-blocking receive), so
// a run stops within one step of a cancel; the wall-time check for
// progress reports costs more and is done every 8 steps.
func (l *stepLoop) check() error {
	select {
	case <-l.ctx.Done():
		return l.stop(&InterruptedError{T: l.tNow, Err: l.ctx.Err()})
	default:
	}
	if l.poll++; l.poll&7 != 0 {
		return nil
	}
	if l.report != nil && time.Since(l.lastReport) > 100*time.Millisecond {
		l.lastReport = time.Now()
		l.progress(l.tNow, false)
	}
	return nil
}

// stepFault ends the run after a step at t in which a variable became
// NaN or infinite, an operation failed (plan.err: a network operation's
// panic) or a model did (a 2-D TimedArray read out of range,
// timedarray.go).
func (l *stepLoop) stepFault(t float64) error {
	if err := l.nan.step(l.tNow); err != nil {
		return l.stop(err)
	}
	if l.plan.err != nil {
		return l.stop(l.plan.err)
	}
	if err := takeFaults(); err != nil {
		return l.stop(&StepError{T: t, Err: err})
	}
	return nil
}

// stop ends the run where it has got to, with err.
func (l *stepLoop) stop(err error) error {
	l.n.t = l.tNow
	l.progress(l.tNow, true)
	return err
}

func (l *stepLoop) progress(t float64, final bool) {
	if l.report == nil {
		return
	}
	f, span := 1.0, l.plan.t1-l.plan.t0
	if span > 0 {
		f = math.Min(1, (t-l.plan.t0)/span)
	}
	l.report(Progress{Fraction: f, Elapsed: time.Since(l.start), T: t, End: l.plan.t1, Done: final})
}
