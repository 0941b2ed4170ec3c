package kernel

import (
	"context"
	"encoding/json"
	"sync"
)

// CommMessage is one comm_open, comm_msg or comm_close, in either
// direction. The kernel speaks the comm protocol; what a comm means (a
// widget) belongs to the session behind the Evaluator.
type CommMessage struct {
	Type       string         // "comm_open", "comm_msg" or "comm_close"
	CommID     string         // the comm's id (a UUID)
	TargetName string         // comm_open: the target the comm is for
	Data       map[string]any // the content's data
	Metadata   map[string]any // the message's metadata (widgets put their protocol version here)
	Buffers    [][]byte       // binary buffers after the content
	// Parent is the msg_id of the request the message belongs to (the
	// frontend's comm message itself, or the cell that sent it): widget
	// Output areas capture the outputs whose parent it is.
	Parent string
}

// Comms is implemented by an Evaluator whose session has comm targets
// (widgets). The kernel hands it every comm message of a comm it knows
// of, and comm_opens; the other messages are logged and dropped.
type Comms interface {
	// Comm delivers a message from the frontend, between a busy and an
	// idle status and interruptible like a cell (ctx). What the session
	// shows meanwhile goes to out, which is a CommOutput. For a
	// comm_open, ok reports whether the session has the target; the
	// kernel closes the comm when not.
	Comm(ctx context.Context, m CommMessage, out Output) (ok bool)
}

// CommOutput is the Output the kernel gives to Execute and Comm: it also
// carries comm messages from the session to the frontends and says which
// request the output belongs to.
type CommOutput interface {
	Output
	// Comm publishes m on iopub (Parent is ignored: the request's is used).
	Comm(m CommMessage)
	// ParentID is the msg_id of the request being handled.
	ParentID() string
}

// comms is the kernel's table of open comms: comm id → target name, for
// comm_info and to drop messages for comms that do not exist.
type comms struct {
	mu     sync.Mutex
	target map[string]string
}

func (c *comms) open(id, target string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.target == nil {
		c.target = map[string]string{}
	}
	c.target[id] = target
}

func (c *comms) close(id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.target, id)
}

func (c *comms) lookup(id string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	t, ok := c.target[id]
	return t, ok
}

// list is comm_info_reply's comms, of one target or (target "") all.
func (c *comms) list(target string) map[string]any {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := map[string]any{}
	for id, t := range c.target {
		if target == "" || t == target {
			out[id] = map[string]any{"target_name": t}
		}
	}
	return out
}

// clear forgets every comm: a restarted session has none.
func (c *comms) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.target = nil
}

func (k *Kernel) commInfo(r *request) {
	var c struct {
		TargetName string `json:"target_name"`
	}
	if !r.decode(&c) {
		return
	}
	r.reply("comm_info_reply", map[string]any{"status": "ok", "comms": k.comms.list(c.TargetName)})
}

// commContent is the content of the three comm messages.
type commContent struct {
	CommID     string          `json:"comm_id"`
	TargetName string          `json:"target_name"`
	Data       json.RawMessage `json:"data"`
}

// decodeComm reads a frontend's comm message; malformed ones (no comm
// id, data not an object, comm_open without a target) are logged and
// dropped, as ipykernel's comm manager does.
func (r *request) decodeComm() (CommMessage, bool) {
	typ := r.msg.Header.MsgType
	var c commContent
	if !r.decode(&c) {
		return CommMessage{}, false
	}
	var data map[string]any
	if len(c.Data) > 0 && string(c.Data) != "null" {
		if err := json.Unmarshal(c.Data, &data); err != nil {
			r.k.logf("shell: dropped %s for comm %q: data is not an object: %v", typ, c.CommID, err)
			return CommMessage{}, false
		}
	}
	if data == nil {
		data = map[string]any{}
	}
	switch {
	case c.CommID == "":
		r.k.logf("shell: dropped %s without a comm_id", typ)
		return CommMessage{}, false
	case typ == "comm_open" && c.TargetName == "":
		r.k.logf("shell: dropped comm_open of comm %s without a target_name", c.CommID)
		return CommMessage{}, false
	}
	return CommMessage{Type: typ, CommID: c.CommID, TargetName: c.TargetName, Data: data,
		Metadata: r.msg.Metadata, Buffers: r.msg.Buffers, Parent: r.msg.Header.MsgID}, true
}

// commOpen hands a frontend's comm_open to the session; a target the
// session does not have gets the protocol's answer, an immediate
// comm_close.
func (k *Kernel) commOpen(r *request) {
	m, ok := r.decodeComm()
	if !ok {
		return
	}
	if k.deliver(r, m) {
		k.comms.open(m.CommID, m.TargetName)
		return
	}
	k.logf("shell: no comm target %q; closing comm %s", m.TargetName, m.CommID)
	r.publish("comm_close", map[string]any{"comm_id": m.CommID, "data": map[string]any{}})
}

// commMsg hands a message of an open comm to the session.
func (k *Kernel) commMsg(r *request) {
	m, ok := r.decodeComm()
	if !ok {
		return
	}
	if _, open := k.comms.lookup(m.CommID); !open {
		k.logf("shell: dropped comm_msg for unknown comm %s", m.CommID)
		return
	}
	k.deliver(r, m)
}

// commClose forgets a comm and tells the session.
func (k *Kernel) commClose(r *request) {
	m, ok := r.decodeComm()
	if !ok {
		return
	}
	if _, open := k.comms.lookup(m.CommID); !open {
		k.logf("shell: dropped comm_close for unknown comm %s", m.CommID)
		return
	}
	k.comms.close(m.CommID)
	k.deliver(r, m)
}

// deliver runs the session's comm handler as a cell runs: interruptible,
// its output published with the comm message as parent.
func (k *Kernel) deliver(r *request, m CommMessage) bool {
	cs, ok := k.ev.(Comms)
	if !ok {
		return false
	}
	ctx, cancel := context.WithCancel(k.ctx)
	defer cancel()
	k.cellMu.Lock()
	k.cancelCell, k.interrupts = cancel, 0
	k.cellMu.Unlock()
	defer func() {
		k.cellMu.Lock()
		k.cancelCell = nil
		k.cellMu.Unlock()
	}()
	out := newCellOutput(ctx, r, false, false)
	defer out.flush()
	var fail map[string]any
	func() {
		defer k.guard(r, &fail)
		ok = cs.Comm(ctx, m, out)
	}()
	if fail != nil {
		k.logf("shell: %s for comm %s: %v", m.Type, m.CommID, fail["evalue"])
		return false
	}
	return ok
}

// Comm implements CommOutput.
func (o *cellOutput) Comm(m CommMessage) {
	switch m.Type {
	case "comm_open":
		o.k.comms.open(m.CommID, m.TargetName)
	case "comm_close":
		o.k.comms.close(m.CommID)
	case "comm_msg":
	default:
		o.k.logf("evaluator: dropped comm message of type %q", m.Type)
		return
	}
	data := m.Data
	if data == nil {
		data = map[string]any{}
	}
	content := map[string]any{"comm_id": m.CommID, "data": data}
	if m.Type == "comm_open" {
		content["target_name"] = m.TargetName
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	o.flushLocked(true)
	// Comm messages are state, not output: a silent cell still sends them.
	o.k.publishWith(o.req.msg.RawHeader, m.Type, content, m.Metadata, m.Buffers)
}

// ParentID implements CommOutput.
func (o *cellOutput) ParentID() string { return o.req.msg.Header.MsgID }
