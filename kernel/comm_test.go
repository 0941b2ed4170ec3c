package kernel

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
)

// commFake is the fake Evaluator with comms: "open ID" in a cell opens
// comm ID (target "t", one buffer); the frontend may open target "echo";
// a comm_msg is echoed back with its buffers and parent, except
// {"loop": true}, which blocks until interrupted.
type commFake struct{ fake }

func (f *commFake) Execute(ctx context.Context, code string, out Output) Result {
	if id, ok := strings.CutPrefix(code, "open "); ok {
		out.(CommOutput).Comm(CommMessage{Type: "comm_open", CommID: id, TargetName: "t",
			Data: map[string]any{"state": map[string]any{"value": 1}}, Metadata: map[string]any{"version": "2.0.0"},
			Buffers: [][]byte{[]byte("buf")}})
		return Result{}
	}
	return f.fake.Execute(ctx, code, out)
}

func (f *commFake) Comm(ctx context.Context, m CommMessage, out Output) bool {
	switch m.Type {
	case "comm_open":
		return m.TargetName == "echo"
	case "comm_msg":
		if m.Data["loop"] == true {
			<-ctx.Done()
			out.Stream("stderr", "interrupted\n")
			return true
		}
		out.(CommOutput).Comm(CommMessage{Type: "comm_msg", CommID: m.CommID,
			Data:    map[string]any{"echo": m.Data, "parent": m.Parent, "buffers": len(m.Buffers)},
			Buffers: m.Buffers})
	}
	return true
}

// commRequest sends a comm message with buffers; it returns the msg_id.
func (h *harness) commRequest(msgType string, content any, buffers ...[]byte) string {
	hd := Header{MsgID: uuid.NewString(), Session: h.session, Username: "test",
		Date: time.Now().UTC().Format(time.RFC3339Nano), MsgType: msgType, Version: "5.3"}
	body, _ := json.Marshal(content)
	frames, err := h.signer.Encode(&Message{Header: hd, Content: body, Buffers: buffers})
	if err != nil {
		h.t.Fatal(err)
	}
	h.sendFrames(h.shell, frames)
	return hd.MsgID
}

func (h *harness) commInfo(target string) map[string]any {
	c := map[string]any{}
	if target != "" {
		c["target_name"] = target
	}
	id := h.request(h.shell, "comm_info_request", c)
	r := content(h.reply(h.shellCh, id))
	h.iopubUntilIdle(id)
	return r["comms"].(map[string]any)
}

func TestComms(t *testing.T) {
	h := startKernel(t, &commFake{}, "ipc")

	// A comm the session opens: on iopub with its metadata and buffer.
	id := h.execute("open c1", nil)
	h.reply(h.shellCh, id)
	got := h.iopubUntilIdle(id)
	if s := summary(got); s != "status:busy execute_input comm_open status:idle" {
		t.Fatalf("iopub = %s", s)
	}
	open := got[2]
	if c := content(open); c["comm_id"] != "c1" || c["target_name"] != "t" || open.Metadata["version"] != "2.0.0" ||
		len(open.Buffers) != 1 || string(open.Buffers[0]) != "buf" {
		t.Errorf("comm_open = %v %v %q", c, open.Metadata, open.Buffers)
	}
	if c := h.commInfo(""); len(c) != 1 || sprint(c["c1"]) != "map[target_name:t]" {
		t.Errorf("comm_info = %v", c)
	}
	if c := h.commInfo("other"); len(c) != 0 {
		t.Errorf("comm_info(other) = %v", c)
	}

	// A message to it reaches the session with its buffers; the answer
	// has the message as parent.
	id = h.commRequest("comm_msg", map[string]any{"comm_id": "c1", "data": map[string]any{"x": 1}}, []byte("b1"), []byte("b2"))
	got = h.iopubUntilIdle(id)
	if s := summary(got); s != "status:busy comm_msg status:idle" {
		t.Fatalf("iopub = %s", s)
	}
	if d := content(got[1])["data"].(map[string]any); d["parent"] != id || d["buffers"] != 2.0 || len(got[1].Buffers) != 2 {
		t.Errorf("echo = %v, %d buffers", d, len(got[1].Buffers))
	}

	// Bad input: logged and dropped, no answer but busy/idle.
	for _, bad := range []struct {
		typ     string
		content map[string]any
		log     string
	}{
		{"comm_msg", map[string]any{"comm_id": "nope", "data": map[string]any{}}, "unknown comm nope"},
		{"comm_msg", map[string]any{"comm_id": "c1", "data": "text"}, "data is not an object"},
		{"comm_msg", map[string]any{"data": map[string]any{}}, "without a comm_id"},
		{"comm_open", map[string]any{"comm_id": "c9", "data": map[string]any{}}, "without a target_name"},
		{"comm_close", map[string]any{"comm_id": "nope"}, "comm_close for unknown comm"},
	} {
		id := h.commRequest(bad.typ, bad.content)
		if s := summary(h.iopubUntilIdle(id)); s != "status:busy status:idle" {
			t.Errorf("%s %v: iopub = %s", bad.typ, bad.content, s)
		}
		if !strings.Contains(h.log.String(), bad.log) {
			t.Errorf("%s %v: log lacks %q:\n%s", bad.typ, bad.content, bad.log, h.log.String())
		}
	}

	// The frontend opens comms: a known target stays open, an unknown
	// one is closed at once.
	id = h.commRequest("comm_open", map[string]any{"comm_id": "e1", "target_name": "echo", "data": map[string]any{}})
	if s := summary(h.iopubUntilIdle(id)); s != "status:busy status:idle" {
		t.Errorf("open echo: iopub = %s", s)
	}
	id = h.commRequest("comm_open", map[string]any{"comm_id": "u1", "target_name": "unknown", "data": map[string]any{}})
	if s := summary(h.iopubUntilIdle(id)); s != "status:busy comm_close status:idle" {
		t.Errorf("open unknown: iopub = %s", s)
	}
	if c := h.commInfo(""); len(c) != 2 || c["e1"] == nil {
		t.Errorf("comm_info = %v", c)
	}
	id = h.commRequest("comm_close", map[string]any{"comm_id": "e1", "data": map[string]any{}})
	h.iopubUntilIdle(id)
	if c := h.commInfo(""); len(c) != 1 || c["e1"] != nil {
		t.Errorf("comm_info after close = %v", c)
	}

	// A handler that blocks is interrupted like a cell.
	id = h.commRequest("comm_msg", map[string]any{"comm_id": "c1", "data": map[string]any{"loop": true}})
	time.Sleep(100 * time.Millisecond)
	irq := h.request(h.control, "interrupt_request", map[string]any{})
	h.reply(h.controlCh, irq)
	if s := summary(h.iopubUntilIdle(id)); s != "status:busy stream:stderr status:idle" {
		t.Errorf("interrupted handler: iopub = %s", s)
	}
}

// TestCommOpenWithoutComms: an Evaluator without comms closes every comm.
func TestCommOpenWithoutComms(t *testing.T) {
	h := startKernel(t, &fake{}, "ipc")
	id := h.commRequest("comm_open", map[string]any{"comm_id": "c1", "target_name": "jupyter.widget", "data": map[string]any{}})
	if s := summary(h.iopubUntilIdle(id)); s != "status:busy comm_close status:idle" {
		t.Errorf("iopub = %s", s)
	}
}
