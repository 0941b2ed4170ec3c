package nsim

// Preparing a run checks and compiles every member's model strings, which
// takes seconds for models of tens of thousands of terms: it polls the
// run's context between members and between a group's stages, so that
// an interrupt stops it as it stops the steps.

// interrupted returns an *InterruptedError once the run's context is done.
func (p *runPlan) interrupted() error {
	if p.ctx == nil {
		return nil
	}
	if err := p.ctx.Err(); err != nil {
		return &InterruptedError{T: p.t0, Err: err}
	}
	return nil
}
