package kernel

import (
	"encoding/json"
	"fmt"
	"log"
	"runtime/debug"
	"strings"
	"time"

	"github.com/go-zeromq/zmq4"
)

// request is one shell or control message being handled.
type request struct {
	k       *Kernel
	sock    zmq4.Socket
	channel string
	msg     *Message
}

// reply answers the request on its own socket.
func (r *request) reply(msgType string, content any) {
	h := r.k.header(msgType)
	if err := r.k.send(r.sock, r.msg.Identities, r.msg.RawHeader, h, content); err != nil && r.k.ctx.Err() == nil {
		r.k.logf("%s: reply %s: %v", r.channel, msgType, err)
	}
}

// publish sends an iopub message whose parent is this request.
func (r *request) publish(msgType string, content any) {
	r.k.publish(r.msg.RawHeader, msgType, content)
}

// decode unmarshals the request's content into v; a failure is logged and
// reported as false so the handler can give up on the message.
func (r *request) decode(v any) bool {
	if err := json.Unmarshal(r.msg.Content, v); err != nil {
		r.k.logf("%s: dropped %s: content: %v", r.channel, r.msg.Header.MsgType, err)
		return false
	}
	return true
}

type handler func(*Kernel, *request)

// handlers maps request types to their handlers; shellOnly ones use the
// Evaluator or the execution state, which belong to the shell goroutine.
var handlers map[string]handler

var shellOnly = map[string]bool{
	"execute_request":     true,
	"complete_request":    true,
	"inspect_request":     true,
	"is_complete_request": true,
	"history_request":     true,
	"comm_open":           true,
	"comm_msg":            true,
	"comm_close":          true,
}

func init() {
	handlers = map[string]handler{
		"kernel_info_request": (*Kernel).kernelInfo,
		"execute_request":     (*Kernel).execute,
		"complete_request":    (*Kernel).complete,
		"inspect_request":     (*Kernel).inspect,
		"is_complete_request": (*Kernel).isComplete,
		"history_request":     (*Kernel).historyRequest,
		"comm_info_request":   (*Kernel).commInfo,
		"comm_open":           (*Kernel).commOpen,
		"comm_msg":            (*Kernel).commMsg,
		"comm_close":          (*Kernel).commClose,
		"interrupt_request":   (*Kernel).interruptRequest,
		"shutdown_request":    (*Kernel).shutdownRequest,
	}
}

// dispatch handles one request between a busy and an idle status. This is
// the only place that publishes them, so no handler can forget: clients
// (wait_for_ready, JupyterLab) wait for the idle that follows a reply.
func (k *Kernel) dispatch(r *request) {
	typ := r.msg.Header.MsgType
	if r.channel == "shell" && typ == "execute_request" && k.aborts(r.msg) {
		r.publish("status", map[string]any{"execution_state": "busy"})
		// Aborted cells get ipykernel's reply, without an execution
		// count: Notebook then leaves their prompt empty (In [ ]).
		r.reply("execute_reply", map[string]any{"status": "aborted"})
		r.publish("status", map[string]any{"execution_state": "idle"})
		return
	}
	h, ok := handlers[typ]
	switch {
	case !ok:
		k.logf("%s: dropped message of unknown type %q", r.channel, typ)
		h = func(*Kernel, *request) {}
	case r.channel == "control" && shellOnly[typ]:
		k.logf("control: dropped %q, which belongs on shell", typ)
		h = func(*Kernel, *request) {}
	}
	r.publish("status", map[string]any{"execution_state": "busy"})
	k.safely(r, h)
	r.publish("status", map[string]any{"execution_state": "idle"})
}

// safely runs a handler; a panic (a bug in the kernel or the Evaluator) is
// logged and the kernel goes on serving.
func (k *Kernel) safely(r *request, h handler) {
	defer func() {
		if p := recover(); p != nil {
			k.logf("%s: %s handler panicked: %v\n%s", r.channel, r.msg.Header.MsgType, p, debug.Stack())
		}
	}()
	h(k, r)
}

func (k *Kernel) kernelInfo(r *request) {
	links := k.cfg.HelpLinks
	if links == nil {
		links = []HelpLink{}
	}
	r.reply("kernel_info_reply", map[string]any{
		"status":                 "ok",
		"protocol_version":       ProtocolVersion,
		"implementation":         k.cfg.Implementation,
		"implementation_version": k.cfg.ImplementationVersion,
		"language_info": map[string]any{
			"name":               "go",
			"version":            k.cfg.LanguageVersion,
			"mimetype":           "text/x-go",
			"file_extension":     ".go",
			"pygments_lexer":     "go",
			"codemirror_mode":    "go",
			"nbconvert_exporter": "script",
		},
		"banner":     k.cfg.Banner,
		"help_links": links,
		"debugger":   false,
	})
}

// guard turns a panic of an Evaluator method into an error reply's
// content, so one bad completion cannot take the kernel down.
func (k *Kernel) guard(r *request, fail *map[string]any) {
	if p := recover(); p != nil {
		k.logf("%s: evaluator panicked in %s: %v\n%s", r.channel, r.msg.Header.MsgType, p, debug.Stack())
		*fail = errorContent(&Error{Name: "panic", Value: fmt.Sprint(p), Traceback: []string{fmt.Sprint(p)}})
	}
}

func errorContent(e *Error) map[string]any {
	tb := e.Traceback
	if tb == nil {
		tb = []string{}
	}
	return map[string]any{"status": "error", "ename": e.Name, "evalue": e.Value, "traceback": tb}
}

func (k *Kernel) complete(r *request) {
	var c struct {
		Code      string `json:"code"`
		CursorPos *int   `json:"cursor_pos"`
	}
	if !r.decode(&c) {
		return
	}
	cursor := cursorIn(c.Code, c.CursorPos)
	var fail map[string]any
	comp := func() (comp Completion) {
		defer k.guard(r, &fail)
		return k.ev.Complete(c.Code, cursor)
	}()
	if fail != nil {
		r.reply("complete_reply", fail)
		return
	}
	if comp.Matches == nil {
		comp.Matches = []string{}
		comp.CursorStart, comp.CursorEnd = cursor, cursor
	}
	r.reply("complete_reply", map[string]any{
		"status":       "ok",
		"matches":      comp.Matches,
		"cursor_start": comp.CursorStart,
		"cursor_end":   comp.CursorEnd,
		"metadata":     map[string]any{},
	})
}

func (k *Kernel) inspect(r *request) {
	var c struct {
		Code        string `json:"code"`
		CursorPos   *int   `json:"cursor_pos"`
		DetailLevel int    `json:"detail_level"`
	}
	if !r.decode(&c) {
		return
	}
	cursor := cursorIn(c.Code, c.CursorPos)
	var fail map[string]any
	data, found := func() (Bundle, bool) {
		defer k.guard(r, &fail)
		return k.ev.Inspect(c.Code, cursor, c.DetailLevel)
	}()
	if fail != nil {
		r.reply("inspect_reply", fail)
		return
	}
	if !found || data == nil {
		data, found = Bundle{}, false
	}
	r.reply("inspect_reply", map[string]any{
		"status": "ok", "found": found, "data": data, "metadata": map[string]any{},
	})
}

func (k *Kernel) isComplete(r *request) {
	var c struct {
		Code string `json:"code"`
	}
	if !r.decode(&c) {
		return
	}
	var fail map[string]any
	status, indent := func() (string, string) {
		defer k.guard(r, &fail)
		return k.ev.IsComplete(c.Code)
	}()
	if fail != nil {
		r.reply("is_complete_reply", fail)
		return
	}
	switch status {
	case "complete", "invalid", "unknown":
		r.reply("is_complete_reply", map[string]any{"status": status})
	case "incomplete":
		r.reply("is_complete_reply", map[string]any{"status": status, "indent": indent})
	default:
		k.logf("evaluator: IsComplete returned status %q; replying unknown", status)
		r.reply("is_complete_reply", map[string]any{"status": "unknown"})
	}
}

func (k *Kernel) interruptRequest(r *request) {
	k.Interrupt()
	r.reply("interrupt_reply", map[string]any{"status": "ok"})
}

func (k *Kernel) shutdownRequest(r *request) {
	var c struct {
		Restart bool `json:"restart"`
	}
	if !r.decode(&c) {
		return
	}
	content := map[string]any{"status": "ok", "restart": c.Restart}
	r.reply("shutdown_reply", content)
	// ipykernel also broadcasts the reply, so every client learns of it.
	r.publish("shutdown_reply", content)
	// Shut down after dispatch published idle (Shutdown only signals).
	defer k.Shutdown()
}

func runeLen(s string) int { return len([]rune(s)) }

// logWriter adapts the kernel log for zmq4's *log.Logger.
type logWriter struct{ logf func(string, ...any) }

func (w logWriter) Write(p []byte) (int, error) {
	w.logf("%s", strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

func newLogger(logf func(string, ...any)) *log.Logger {
	return log.New(logWriter{logf}, "zmq4: ", 0)
}

// abortGrace bounds how late a request stamped before an error reply may
// arrive and still be aborted; it also bounds the harm of a frontend
// whose clock runs behind the kernel's.
const abortGrace = 500 * time.Millisecond

// aborts reports whether an execute_request falls under the last
// stop_on_error: it reached the kernel before the error reply went out,
// or its client stamped it before then and it arrived soon after. The
// second case is Notebook's Run All against a fast kernel: the failing
// cell can be answered before the later cells' requests even arrive,
// though they were sent long before the user could see the error. A
// request the client made after seeing the error reply runs.
func (k *Kernel) aborts(m *Message) bool {
	if k.abortBefore.IsZero() {
		return false
	}
	if m.received.Before(k.abortBefore) {
		return true
	}
	sent, err := time.Parse(time.RFC3339Nano, m.Header.Date)
	return err == nil && sent.Before(k.abortBefore) && m.received.Sub(k.abortBefore) < abortGrace
}

// cursorIn is a request's cursor_pos (a rune offset) in code; a missing or
// out-of-range one means the end of the code.
func cursorIn(code string, pos *int) int {
	end := runeLen(code)
	if pos != nil && *pos >= 0 && *pos <= end {
		return *pos
	}
	return end
}

// shellQuiet is how long the shell socket must have been silent before an
// error reply with stop_on_error goes out, and settleMax bounds the wait.
// Notebook's Run All sends one request per cell from a loop that also
// renders each cell; on a busy machine a cell that fails within
// milliseconds is answered while that loop is still sending, and the
// later requests, stamped after the reply, would run. The client cannot
// have seen a reply it has not received, so waiting for the burst to end
// costs nothing but this delay, and only when the error came fast.
const (
	shellQuiet = 100 * time.Millisecond
	settleMax  = 2 * time.Second
)

// settleShell waits until no shell message has arrived for shellQuiet, or
// settleMax has passed.
func (k *Kernel) settleShell() {
	deadline := time.Now().Add(settleMax)
	for {
		now := time.Now()
		wait := shellQuiet - now.Sub(time.Unix(0, k.lastArrival.Load()))
		if wait <= 0 || !now.Before(deadline) {
			return
		}
		select {
		case <-time.After(min(wait, deadline.Sub(now))):
		case <-k.done:
			return
		}
	}
}
