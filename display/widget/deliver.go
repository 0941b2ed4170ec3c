package widget

import (
	"fmt"
	"sort"
	"sync"
)

// Deliver handles a comm message from the frontend while a Host is
// bound; the callbacks it triggers run before it returns. For a
// comm_open it reports whether the target is this package's (only the
// control comm can be opened from the frontend). Messages for unknown
// comms and malformed ones are logged and dropped.
func Deliver(msg Message) bool {
	switch msg.Type {
	case "comm_open":
		if msg.TargetName == ControlTarget {
			control.Lock()
			control.ids[msg.CommID] = true
			control.Unlock()
			return true
		}
		logf("no comm target %q for comm %s", msg.TargetName, msg.CommID)
		return false
	case "comm_close":
		control.Lock()
		delete(control.ids, msg.CommID)
		control.Unlock()
		if m := lookup(msg.CommID); m != nil {
			m.mu.Lock()
			m.closed = true
			m.mu.Unlock()
			registry.Lock()
			delete(registry.m, m.id)
			registry.Unlock()
		}
		return true
	case "comm_msg":
	default:
		logf("dropped comm message of type %q", msg.Type)
		return false
	}
	control.Lock()
	isControl := control.ids[msg.CommID]
	control.Unlock()
	if isControl {
		controlMsg(msg)
		return true
	}
	m := lookup(msg.CommID)
	if m == nil {
		logf("dropped comm_msg for unknown widget %s", msg.CommID)
		return false
	}
	method, _ := msg.Data["method"].(string)
	switch method {
	case "update", "backbone":
		state, ok := msg.Data["state"].(map[string]any)
		if !ok {
			state, ok = msg.Data["sync_data"].(map[string]any)
		}
		if !ok {
			logf("dropped update of %s: no state object", m.label)
			return false
		}
		m.update(state)
	case "request_state":
		m.mu.Lock()
		state := copyState(m.state)
		m.pending = nil
		m.mu.Unlock()
		m.sendState(state)
	case "custom":
		content, ok := msg.Data["content"].(map[string]any)
		if !ok {
			logf("dropped custom message of %s: no content object", m.label)
			return false
		}
		m.mu.Lock()
		cs := append([]func(map[string]any, [][]byte){}, m.customs...)
		m.mu.Unlock()
		for _, f := range cs {
			guard(m, "custom", func() { f(content, msg.Buffers) })
		}
	default:
		logf("dropped comm_msg of %s with method %q", m.label, method)
		return false
	}
	return true
}

// update applies a frontend's state: each key is checked (a value of the
// wrong type is dropped and the frontend gets the Go value back; one out
// of range is clamped and sent back), then observers run.
func (m *Model) update(state map[string]any) {
	checked := map[string]any{}
	corrected := map[string]any{}
	keys := make([]string, 0, len(state))
	for k := range state {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := state[k]
		if m.validate != nil {
			w, err := m.validate(k, v)
			if err != nil {
				logf("dropped %s of %s from the frontend: %v", k, m.label, err)
				corrected[k] = m.Get(k)
				continue
			}
			if fmt.Sprint(w) != fmt.Sprint(v) {
				corrected[k] = w
			}
			v = w
		}
		checked[k] = v
	}
	changes := m.apply(checked, false)
	if len(corrected) > 0 {
		m.sendState(corrected)
	}
	m.notify(changes)
}

// control is the state of the frontends' control comms.
var control = struct {
	sync.Mutex
	ids map[string]bool
}{ids: map[string]bool{}}

// controlMsg answers request_states with every model's full state.
func controlMsg(msg Message) {
	if method, _ := msg.Data["method"].(string); method != "request_states" {
		logf("dropped control message with method %q", method)
		return
	}
	states := map[string]any{}
	for _, m := range all() {
		s := m.State()
		states[m.id] = map[string]any{
			"model_name": s["_model_name"], "model_module": s["_model_module"],
			"model_module_version": s["_model_module_version"], "state": s,
		}
	}
	send(Message{Type: "comm_msg", CommID: msg.CommID, Metadata: versionMeta(),
		Data: map[string]any{"method": "update_states", "states": states, "buffer_paths": map[string]any{}}})
}
