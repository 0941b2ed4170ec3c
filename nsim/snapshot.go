package nsim

import (
	"fmt"
	"sort"
	"strings"

	"gonsim/nsim/rng"
)

// Snapshots (Brian2's store/restore).
//
// A snapshot is a copy of everything a later run depends on: the network's
// time, every member's state arrays, monitor recordings, spike queues,
// generator positions and random streams. Adding a kind of object is one
// method: a member whose run state lives outside its configuration
// implements snapshotter; Store calls it for every member of the network
// (dependencies included) and Restore calls the function it returned.
// Members without run state (network operations, run_regularly) do not
// implement it, as in Brian2. Implemented here by NeuronGroup, Synapses,
// SpikeGeneratorGroup, PoissonGroup, PoissonInput, StateMonitor,
// EventMonitor (so SpikeMonitor) and PopulationRateMonitor. Restore refuses a snapshot whose snapshotters
// differ from the network's (objects added or removed since), as Brian2
// does.
//
// Rules for a snapshot method:
//   - copy flat arrays with one allocation each (append(nil, x...)), never
//     per element, and copy them back in place on restore (the copies stay
//     intact, so one snapshot can be restored many times);
//   - slices that the object only ever replaces, never writes into (e.g.
//     a SpikeGeneratorGroup's pattern), may be kept by reference;
//   - random streams are saved always but written back only when random is
//     true (Brian2's restore_random_state); see saveStreams/loadStreams;
//   - whatever prepare recomputes from the restored state at the next run
//     (compiled kernels, per-neuron synapse lists, cursors derived from t)
//     need not be saved.
type snapshotter interface {
	// snapshot copies the member's run state and returns the function
	// that puts it back; random says to restore its random streams too.
	snapshot() (restore func(random bool))
}

// netSnapshot is one named snapshot of a Network.
type netSnapshot struct {
	t       float64
	seed    rng.Stream // the package's seed stream (objects created later)
	members map[member]func(random bool)
}

// DefaultSnapshot is the name Store and Restore use when given none, as in
// Brian2.
const DefaultSnapshot = "default"

// Store saves the state of the default network under name (default
// "default"): time, variables, monitors' recordings, spike queues and
// random streams (Brian2's store()). Storing again under a name replaces
// that snapshot.
func Store(name ...string) error { return defaultNet.Store(name...) }

// Restore puts the default network back in the state saved by Store under
// name (default "default"). Random streams are not rewound, so random
// numbers stay independent between runs, as with Brian2's restore();
// RestoreRandom rewinds them too.
func Restore(name ...string) error { return defaultNet.Restore(name...) }

// RestoreRandom is Restore that also rewinds every random stream to its
// stored state (Brian2's restore(restore_random_state=True)): a run after
// it draws the same random numbers as the run after Store did.
func RestoreRandom(name ...string) error { return defaultNet.RestoreRandom(name...) }

// Collect lists the objects of the default network: those created since
// the last StartScope (Brian2's collect()).
func Collect() []Object {
	out := make([]Object, len(defaultNet.objects))
	for k, m := range defaultNet.objects {
		out[k] = m
	}
	return out
}

func snapshotName(fn string, name []string) (string, error) {
	switch len(name) {
	case 0:
		return DefaultSnapshot, nil
	case 1:
		if name[0] == "" {
			return "", &ArgError{fn, "name", "empty snapshot name"}
		}
		return name[0], nil
	}
	return "", &ArgError{fn, "name", fmt.Sprintf("one snapshot name at most, got %d: %q", len(name), name)}
}

// Store saves the network's state under name (default "default"); see the
// package-level Store.
func (n *Network) Store(name ...string) error {
	key, err := snapshotName("Store", name)
	if err != nil {
		return err
	}
	if n.running {
		return &ArgError{"Store", "", "the network is running (Store called from a network operation?); store before or after Run"}
	}
	members, _ := n.closure()
	s := &netSnapshot{t: n.t, members: map[member]func(bool){}}
	mu.Lock()
	s.seed = *seedStream
	mu.Unlock()
	for _, m := range members {
		if sn, ok := m.(snapshotter); ok {
			s.members[m] = sn.snapshot()
		}
	}
	if n.snaps == nil {
		n.snaps = map[string]*netSnapshot{}
	}
	n.snaps[key] = s
	return nil
}

// Restore puts the network back in the state stored under name; random
// streams keep their current state. See the package-level Restore.
func (n *Network) Restore(name ...string) error { return n.restore("Restore", false, name) }

// RestoreRandom is Restore that also rewinds the random streams.
func (n *Network) RestoreRandom(name ...string) error { return n.restore("RestoreRandom", true, name) }

// restore checks that the snapshot fits the network (the same stateful
// objects, as Brian2 requires) before changing anything, so that an
// error leaves the network as it was.
func (n *Network) restore(fn string, random bool, name []string) error {
	key, err := snapshotName(fn, name)
	if err != nil {
		return err
	}
	if n.running {
		return &ArgError{fn, "", "the network is running (called from a network operation?); restore before or after Run"}
	}
	s, ok := n.snaps[key]
	if !ok {
		return &ArgError{fn, "name", fmt.Sprintf("no snapshot named %q (%s)", key, n.storedList())}
	}
	members, _ := n.closure()
	var added, missing []string
	present := map[member]bool{}
	for _, m := range members {
		if _, ok := m.(snapshotter); !ok {
			continue
		}
		present[m] = true
		if s.members[m] == nil {
			added = append(added, m.Name())
		}
	}
	for m := range s.members {
		if !present[m] {
			missing = append(missing, m.Name())
		}
	}
	if len(added) > 0 || len(missing) > 0 {
		sort.Strings(added)
		sort.Strings(missing)
		var parts []string
		if len(added) > 0 {
			parts = append(parts, "not stored: "+strings.Join(added, ", "))
		}
		if len(missing) > 0 {
			parts = append(parts, "stored but no longer in the network: "+strings.Join(missing, ", "))
		}
		return &ArgError{fn, "name", fmt.Sprintf("snapshot %q does not fit the network (%s)", key, strings.Join(parts, "; "))}
	}
	n.t = s.t
	for _, m := range members {
		if r := s.members[m]; r != nil {
			r(random)
		}
	}
	if random {
		mu.Lock()
		*seedStream = s.seed
		mu.Unlock()
	}
	return nil
}

// storedList describes the stored snapshots for an error message.
func (n *Network) storedList() string {
	if len(n.snaps) == 0 {
		return "nothing has been stored"
	}
	keys := make([]string, 0, len(n.snaps))
	for k := range n.snaps {
		keys = append(keys, fmt.Sprintf("%q", k))
	}
	sort.Strings(keys)
	return "stored: " + strings.Join(keys, ", ")
}

// Snapshots lists the names of the stored snapshots, sorted.
func (n *Network) Snapshots() []string {
	keys := make([]string, 0, len(n.snaps))
	for k := range n.snaps {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// saveStreams copies the states of random streams.
func saveStreams(ss []*rng.Stream) []rng.Stream {
	out := make([]rng.Stream, len(ss))
	for k, s := range ss {
		out[k] = *s
	}
	return out
}

// loadStreams rewinds streams to saved states. Streams created after the
// snapshot are dropped, so that the next run creates them afresh, as
// they were at the snapshot's time (not yet drawn from).
func loadStreams(ss []*rng.Stream, saved []rng.Stream) []*rng.Stream {
	if len(ss) > len(saved) {
		ss = ss[:len(saved)]
	}
	for k := range ss {
		*ss[k] = saved[k]
	}
	return ss
}

// restoreFloats copies saved back into dst, reusing dst's memory.
func restoreFloats(dst, saved []float64) []float64 { return append(dst[:0], saved...) }

func (g *NeuronGroup) snapshot() func(bool) {
	type saved struct {
		v    *variable
		data []float64
	}
	var vars []saved
	for _, v := range g.vars {
		if v.data != nil {
			vars = append(vars, saved{v, append([]float64(nil), v.data...)})
		}
	}
	spikes := append([]int32(nil), g.spikes...)
	links := make(map[string]*link, len(g.links))
	for k, l := range g.links {
		links[k] = l
	}
	linkList := append([]*link(nil), g.linkList...)
	streams := saveStreams(g.updStreams)
	var thrRand *rng.Stream
	if g.rand.s != nil {
		s := *g.rand.s
		thrRand = &s
	}
	initRuns := g.initRuns
	return func(random bool) {
		for _, s := range vars {
			copy(s.v.data, s.data) // a group's size never changes
		}
		g.spikes = append(g.spikes[:0], spikes...)
		g.links = make(map[string]*link, len(links))
		for k, l := range links {
			g.links[k] = l
		}
		g.linkList = append(g.linkList[:0], linkList...)
		if random {
			g.updStreams = loadStreams(g.updStreams, streams)
			if thrRand == nil {
				g.rand.s = nil
			} else if g.rand.s != nil {
				*g.rand.s = *thrRand
			}
			g.initRuns = initRuns
		}
	}
}

func (s *Synapses) snapshot() func(bool) {
	type saved struct {
		v    *variable
		data []float64
	}
	var vars []saved
	for _, v := range s.vars {
		vars = append(vars, saved{v, append([]float64(nil), v.data...)})
	}
	n := s.n
	delay, withDelay := append([]float64(nil), s.delay...), s.withDelay
	defDelay := s.defDelay
	queues := make(map[string]queueState, len(s.pathways))
	for _, pw := range s.pathways {
		queues[pw.name] = pw.saveQueue()
	}
	streams := saveStreams(s.updStreams)
	conn := s.conn
	return func(random bool) {
		// Connect only appends, so the first n synapses are the stored ones.
		s.truncate(n)
		for _, sv := range vars {
			sv.v.data = restoreFloats(sv.v.data, sv.data)
		}
		s.defDelay = defDelay
		switch {
		case withDelay:
			s.delay = restoreFloats(s.delay, delay)
		case s.withDelay: // materialised since: every synapse had defDelay
			s.delay = filled(s.delay[:0], n, defDelay)
		}
		for _, pw := range s.pathways {
			pw.loadQueue(queues[pw.name], random)
		}
		if random {
			s.updStreams = loadStreams(s.updStreams, streams)
			for _, pw := range s.pathways {
				if q, ok := queues[pw.name]; ok {
					*pw.rand.s = q.rand
				}
			}
			s.conn = conn
		}
	}
}

// truncate drops the synapses created after the first n.
func (s *Synapses) truncate(n int) {
	if s.n <= n {
		return
	}
	s.pre, s.post = s.pre[:n], s.post[:n]
	s.n, s.nF = n, float64(n)
	s.syncArrays()
}

// queueState is a pathway's spike queue, flattened: the events of ring
// slot (cur+d) mod len are flat[off[d]:off[d+1]].
type queueState struct {
	off  []int32
	flat []int32
	rand rng.Stream
}

func (pw *pathway) saveQueue() queueState {
	q := queueState{off: make([]int32, 1, len(pw.ring)+1), rand: *pw.rand.s}
	total := 0
	for _, ev := range pw.ring {
		total += len(ev)
	}
	q.flat = make([]int32, 0, total)
	for d := range pw.ring {
		q.flat = append(q.flat, pw.ring[(pw.cur+d)%len(pw.ring)]...)
		q.off = append(q.off, int32(len(q.flat)))
	}
	return q
}

// loadQueue puts back a saved queue; a zero queueState (a pathway that did
// not exist yet when the snapshot was taken) empties the queue.
func (pw *pathway) loadQueue(q queueState, random bool) {
	L := len(q.off) - 1
	if L < 0 {
		for k := range pw.ring {
			pw.ring[k] = pw.ring[k][:0]
		}
		pw.cur = 0
		if random {
			// As new: the stream prepare gives a pathway it creates.
			id := uint64(0)
			if strings.HasSuffix(pw.name, "_post") {
				id = 1
			}
			pw.rand.s.Reset(pw.s.seed, 1<<42+id)
		}
		return
	}
	if len(pw.ring) != L {
		pw.ring = make([][]int32, L)
	}
	for d := 0; d < L; d++ {
		pw.ring[d] = append(pw.ring[d][:0], q.flat[q.off[d]:q.off[d+1]]...)
	}
	pw.cur = 0
}

func (g *SpikeGeneratorGroup) snapshot() func(bool) {
	// SetSpikes replaces indices and times, never writes into them.
	indices, times := g.indices, g.times
	emitted := g.emittedUpTo
	spikes := append([]int32(nil), g.spikes...)
	return func(bool) {
		g.indices, g.times = indices, times
		g.emittedUpTo = emitted
		g.spikes = append(g.spikes[:0], spikes...)
	}
}

func (g *PoissonGroup) snapshot() func(bool) {
	streams := saveStreams(g.streams)
	spikes := append([]int32(nil), g.spikes...)
	geo := g.geo.save()
	return func(random bool) {
		g.spikes = append(g.spikes[:0], spikes...)
		if random {
			g.streams = loadStreams(g.streams, streams)
		}
		g.geo.load(geo, random)
	}
}

// geoState is the run state of constant-rate Poisson sampling.
type geoState struct {
	rs   *rng.Stream // nil: not drawn from yet
	next []int64
	dt   float64
}

func (s *geometricSpikes) save() geoState {
	st := geoState{next: append([]int64(nil), s.next...), dt: s.dt}
	if s.rs != nil {
		r := *s.rs
		st.rs = &r
	}
	return st
}

// load puts back the pending spike steps and the stream when random.
// Otherwise the pending steps, which were drawn from the stream, are
// drawn anew at the next run (from its first step: the gaps are
// geometric, so memoryless), which keeps the input independent of the
// stored run, as Brian2's restore() without restore_random_state does.
func (s *geometricSpikes) load(st geoState, random bool) {
	if !random {
		for i := range s.next {
			if s.next[i] != never {
				s.next[i] = -1
			}
		}
		return
	}
	if st.rs == nil {
		s.rs, s.next, s.dt = nil, nil, 0
		return
	}
	if s.rs == nil {
		s.rs = new(rng.Stream)
	}
	*s.rs = *st.rs
	s.next = append(s.next[:0], st.next...)
	s.dt = st.dt
}

func (m *StateMonitor) snapshot() func(bool) {
	t := append([]float64(nil), m.t...)
	data := make([][]float64, len(m.data))
	for k, d := range m.data {
		data[k] = append([]float64(nil), d...)
	}
	return func(bool) {
		m.t = restoreFloats(m.t, t)
		for k := range m.data {
			m.data[k] = restoreFloats(m.data[k], data[k])
		}
	}
}

// snapshot saves an EventMonitor's (and so a SpikeMonitor's) recordings.
func (m *EventMonitor) snapshot() func(bool) {
	i := append([]int32(nil), m.i...)
	t := append([]float64(nil), m.t...)
	vals := make([][]float64, len(m.vals))
	for k, v := range m.vals {
		vals[k] = append([]float64(nil), v...)
	}
	count := append([]int(nil), m.count...)
	return func(bool) {
		m.i = append(m.i[:0], i...)
		m.t = restoreFloats(m.t, t)
		for k := range m.vals {
			m.vals[k] = restoreFloats(m.vals[k], vals[k])
		}
		copy(m.count, count)
	}
}

// snapshot saves the input's random stream, its only run state.
func (p *PoissonInput) snapshot() func(bool) {
	var saved *rng.Stream
	if p.rs != nil {
		s := *p.rs
		saved = &s
	}
	return func(random bool) {
		if !random {
			return
		}
		if saved == nil {
			p.rs = nil // as new: the next run creates it
		} else if p.rs != nil {
			*p.rs = *saved
		}
	}
}

func (m *PopulationRateMonitor) snapshot() func(bool) {
	t := append([]float64(nil), m.t...)
	rate := append([]float64(nil), m.rate...)
	return func(bool) {
		m.t = restoreFloats(m.t, t)
		m.rate = restoreFloats(m.rate, rate)
	}
}
