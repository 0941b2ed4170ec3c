package widget

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sort"
	"sync"
	"time"

	"github.com/google/uuid"
)

// Host is what the session lends the widgets while it handles a request
// (a cell, or a frontend's comm message).
type Host struct {
	// Send publishes a comm message to the frontends.
	Send func(Message)
	// Parent is the msg_id of the request: an Output area captures the
	// outputs whose parent it is.
	Parent string
	// Flush shows what Go code has produced so far (printed text, new
	// figures) before the next message is sent; may be nil.
	Flush func()
	// Log receives messages that were dropped (default os.Stderr).
	Log io.Writer
	// Context is the request's: once it is cancelled (an interrupt),
	// Output areas say so when their callback returns.
	Context context.Context
}

var host struct {
	sync.Mutex
	h *Host
}

// Bind installs h for the request that starts; widgets created before
// any host was bound are announced to the frontend now.
func Bind(h *Host) {
	host.Lock()
	host.h = h
	host.Unlock()
	for _, m := range all() {
		m.open()
	}
}

// Unbind ends the request: pending coalesced updates are sent, then
// messages wait for the next Bind.
func Unbind() {
	for _, m := range all() {
		m.flush()
	}
	host.Lock()
	host.h = nil
	host.Unlock()
}

func current() *Host {
	host.Lock()
	defer host.Unlock()
	return host.h
}

func send(m Message) bool {
	h := current()
	if h == nil || h.Send == nil {
		return false
	}
	h.Send(m)
	return true
}

func flushOutput() {
	if h := current(); h != nil && h.Flush != nil {
		h.Flush()
	}
}

func logf(format string, args ...any) {
	var w io.Writer = os.Stderr
	if h := current(); h != nil && h.Log != nil {
		w = h.Log
	}
	fmt.Fprintf(w, "widget: "+format+"\n", args...)
}

// registry holds the live models by id.
var registry struct {
	sync.Mutex
	m map[string]*Model
}

func all() []*Model {
	registry.Lock()
	defer registry.Unlock()
	ms := make([]*Model, 0, len(registry.m))
	for _, m := range registry.m {
		ms = append(ms, m)
	}
	// Creation order: a box's children must exist before the box.
	sort.Slice(ms, func(i, j int) bool { return ms[i].seq < ms[j].seq })
	return ms
}

func lookup(id string) *Model {
	registry.Lock()
	defer registry.Unlock()
	return registry.m[id]
}

var seq struct {
	sync.Mutex
	n uint64
}

// Change is a change of one state key, as Observe callbacks get it.
type Change struct {
	Name     string // the state key ("value")
	Old, New any
	Owner    Widget
}

// Widget is anything that has a model: every type of this package.
type Widget interface {
	Model() *Model
	MIMEBundle() map[string]any
}

// Model is the state of a widget shared with the frontend, and its
// callbacks. Its methods are safe for concurrent use.
type Model struct {
	id    string
	seq   uint64
	label string // for messages and text/plain, e.g. `IntSlider(description="n", value=3)`
	owner Widget

	mu        sync.Mutex
	state     map[string]any
	pending   map[string]any // changed by Go, not yet sent
	lastSent  time.Time
	opened    bool
	closed    bool
	validate  func(key string, v any) (any, error) // frontend values → Go values
	observers []observer
	customs   []func(content map[string]any, buffers [][]byte)
	plain     func() string
}

type observer struct {
	names map[string]bool // nil: every key
	f     func(Change)
}

// newModel registers a model with its initial state and announces it
// when a host is bound.
func newModel(owner Widget, state map[string]any) *Model {
	seq.Lock()
	seq.n++
	n := seq.n
	seq.Unlock()
	m := &Model{id: uuid.NewString(), seq: n, owner: owner, state: state}
	registry.Lock()
	if registry.m == nil {
		registry.m = map[string]*Model{}
	}
	registry.m[m.id] = m
	registry.Unlock()
	return m
}

// ID is the model id (the comm id).
func (m *Model) ID() string { return m.id }

// Ref is how other models' state refers to this one.
func (m *Model) Ref() string { return "IPY_MODEL_" + m.id }

// Get returns a state value.
func (m *Model) Get(key string) any {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.state[key]
}

// State returns a copy of the whole state.
func (m *Model) State() map[string]any {
	m.mu.Lock()
	defer m.mu.Unlock()
	return copyState(m.state)
}

func copyState(s map[string]any) map[string]any {
	out := make(map[string]any, len(s))
	for k, v := range s {
		out[k] = v
	}
	return out
}

// open sends the comm_open with the full state, once.
func (m *Model) open() {
	m.mu.Lock()
	if m.opened || m.closed || current() == nil {
		m.mu.Unlock()
		return
	}
	m.opened = true
	state := copyState(m.state)
	m.pending = nil
	m.lastSent = time.Now()
	m.mu.Unlock()
	send(Message{Type: "comm_open", CommID: m.id, TargetName: Target, Metadata: versionMeta(),
		Data: map[string]any{"state": state, "buffer_paths": []any{}}})
}

// Set changes state keys from Go: the observers of each key that
// changed run, and the frontend is updated (coalesced, see
// CoalesceInterval).
func (m *Model) Set(kv map[string]any) {
	changes := m.apply(kv, true)
	m.notify(changes)
}

// apply stores kv and returns the changes; fromGo marks them to be sent.
func (m *Model) apply(kv map[string]any, fromGo bool) []Change {
	m.mu.Lock()
	var changes []Change
	keys := make([]string, 0, len(kv))
	for k := range kv {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v, old := kv[k], m.state[k]
		if fmt.Sprint(old) == fmt.Sprint(v) && sameKind(old, v) {
			continue
		}
		m.state[k] = v
		if fromGo {
			if m.pending == nil {
				m.pending = map[string]any{}
			}
			m.pending[k] = v
		}
		changes = append(changes, Change{Name: k, Old: old, New: v, Owner: m.owner})
	}
	due := fromGo && len(m.pending) > 0 && time.Since(m.lastSent) >= CoalesceInterval
	m.mu.Unlock()
	if due {
		m.flush()
	}
	return changes
}

func sameKind(a, b any) bool { return fmt.Sprintf("%T", a) == fmt.Sprintf("%T", b) }

// flush sends the pending state now.
func (m *Model) flush() {
	m.mu.Lock()
	if !m.opened || m.closed || len(m.pending) == 0 || current() == nil {
		m.mu.Unlock()
		return
	}
	state := m.pending
	m.pending = nil
	m.lastSent = time.Now()
	m.mu.Unlock()
	m.sendState(state)
}

func (m *Model) sendState(state map[string]any) {
	send(Message{Type: "comm_msg", CommID: m.id, Metadata: versionMeta(),
		Data: map[string]any{"method": "update", "state": state, "buffer_paths": []any{}}})
}

// Observe calls f after each change of the named state keys (every key
// when none is named; widgets with a value usually observe "value"),
// whether the frontend or Go made it.
func (m *Model) Observe(f func(Change), names ...string) {
	o := observer{f: f}
	if len(names) > 0 {
		o.names = map[string]bool{}
		for _, n := range names {
			o.names[n] = true
		}
	}
	m.mu.Lock()
	m.observers = append(m.observers, o)
	m.mu.Unlock()
}

// OnCustom calls f for each custom message of the frontend (a button's
// click is one).
func (m *Model) OnCustom(f func(content map[string]any, buffers [][]byte)) {
	m.mu.Lock()
	m.customs = append(m.customs, f)
	m.mu.Unlock()
}

func (m *Model) notify(changes []Change) {
	if len(changes) == 0 {
		return
	}
	m.mu.Lock()
	obs := append([]observer(nil), m.observers...)
	m.mu.Unlock()
	for _, c := range changes {
		for _, o := range obs {
			if o.names == nil || o.names[c.Name] {
				c := c
				guard(m, "Observe", func() { o.f(c) })
			}
		}
	}
}

// guard runs a callback; a panic is reported on standard error (so in
// the Output area that captures it), with the callback's stack, and
// does not leave the widget broken.
func guard(m *Model, what string, f func()) {
	defer func() {
		if p := recover(); p != nil {
			fmt.Fprintf(os.Stderr, "panic in %s callback of %s: %v\n", what, m.label, p)
			logf("%s callback of %s panicked: %v\n%s", what, m.label, p, debug.Stack())
		}
	}()
	f()
}

// Close closes the widget's comm: its views disappear and it no longer
// gets messages.
func (m *Model) Close() {
	m.mu.Lock()
	was := m.opened && !m.closed
	m.closed = true
	m.mu.Unlock()
	registry.Lock()
	delete(registry.m, m.id)
	registry.Unlock()
	if was {
		send(Message{Type: "comm_close", CommID: m.id, Data: map[string]any{}})
	}
}

// viewBundle is the display of a widget: its view for widget managers
// and a text fallback for the rest.
func (m *Model) viewBundle() map[string]any {
	m.open()
	plain := m.label
	if m.plain != nil {
		plain = m.plain()
	}
	return map[string]any{
		ViewMIME:     map[string]any{"version_major": 2, "version_minor": 0, "model_id": m.id},
		"text/plain": plain,
	}
}
