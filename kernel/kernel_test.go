package kernel

import (
	"context"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"
)

func TestExecuteMessageOrder(t *testing.T) {
	for _, transport := range []string{"ipc", "tcp"} {
		t.Run(transport, func(t *testing.T) {
			h := startKernel(t, &fake{}, transport)
			id := h.execute("value 42", nil)
			rep := h.reply(h.shellCh, id)
			got := h.iopubUntilIdle(id)
			want := "status:busy execute_input stream:stdout execute_result status:idle"
			if s := summary(got); s != want {
				t.Fatalf("iopub = %s\nwant    %s", s, want)
			}
			// The reply must already be out when idle is published: with
			// one client reading both, a late reply would still be queued.
			if c := content(rep); c["status"] != "ok" || c["execution_count"] != 1.0 {
				t.Errorf("reply = %v", c)
			}
			if c := content(got[1]); c["code"] != "value 42" || c["execution_count"] != 1.0 {
				t.Errorf("execute_input = %v", c)
			}
			res := content(got[3])
			if res["execution_count"] != 1.0 || res["data"].(map[string]any)["text/plain"] != "42" {
				t.Errorf("execute_result = %v", res)
			}
			if rep.Header.Session != got[0].Header.Session || rep.Header.Version != "5.3" || rep.Header.Date == "" {
				t.Errorf("reply header = %+v", rep.Header)
			}
		})
	}
}

func TestErrorCell(t *testing.T) {
	h := startKernel(t, &fake{}, "ipc")
	id := h.execute("fail boom", nil)
	rep := content(h.reply(h.shellCh, id))
	got := h.iopubUntilIdle(id)
	if s, want := summary(got), "status:busy execute_input stream:stdout error status:idle"; s != want {
		t.Fatalf("iopub = %s, want %s", s, want)
	}
	if rep["status"] != "error" || rep["ename"] != "RuntimeError" || rep["evalue"] != "boom" || rep["execution_count"] != 1.0 {
		t.Errorf("reply = %v", rep)
	}
	e := content(got[3])
	if e["ename"] != "RuntimeError" || fmt.Sprint(e["traceback"]) != "[cell:1: boom]" {
		t.Errorf("error = %v", e)
	}
}

// TestExecutionCount follows ipykernel: stored cells (failed ones too)
// advance the count, silent and store_history=false ones do not, blank
// cells run nothing.
func TestExecutionCount(t *testing.T) {
	h := startKernel(t, &fake{}, "ipc")
	steps := []struct {
		code      string
		extra     map[string]any
		input     any // execute_input's count, nil when none is published
		reply     float64
		nextInput float64
	}{
		{"out a", nil, 1.0, 1, 2},
		{"fail x", map[string]any{"stop_on_error": false}, 2.0, 2, 3},
		{"out b", map[string]any{"silent": true}, nil, 2, 3},
		{"out c", map[string]any{"store_history": false}, 3.0, 2, 3},
		{"   \n", nil, 3.0, 2, 3},
		{"", map[string]any{"silent": true}, nil, 2, 3},
		{"value v", nil, 3.0, 3, 4},
	}
	for _, s := range steps {
		id := h.execute(s.code, s.extra)
		rep := content(h.reply(h.shellCh, id))
		if rep["execution_count"] != s.reply {
			t.Errorf("%q %v: reply count %v, want %v", s.code, s.extra, rep["execution_count"], s.reply)
		}
		var input any
		for _, m := range h.iopubUntilIdle(id) {
			if m.Header.MsgType == "execute_input" {
				input = content(m)["execution_count"]
			}
		}
		if input != s.input {
			t.Errorf("%q %v: execute_input count %v, want %v", s.code, s.extra, input, s.input)
		}
	}
}

func TestSilentPublishesNothing(t *testing.T) {
	h := startKernel(t, &fake{}, "ipc")
	id := h.execute("value 1", map[string]any{"silent": true})
	h.reply(h.shellCh, id)
	if s := summary(h.iopubUntilIdle(id)); s != "status:busy status:idle" {
		t.Errorf("silent iopub = %s", s)
	}
}

func TestStopOnError(t *testing.T) {
	f := &fake{}
	h := startKernel(t, f, "ipc")
	first := h.execute("slowfail 200ms", nil)
	queued := []string{h.execute("value 1", nil), h.execute("value 2", map[string]any{"stop_on_error": false})}
	info := h.request(h.shell, "kernel_info_request", map[string]any{})
	last := h.execute("value 3", nil)

	if c := content(h.reply(h.shellCh, first)); c["status"] != "error" {
		t.Fatalf("first reply = %v", c)
	}
	for _, id := range queued {
		if c := content(h.reply(h.shellCh, id)); c["status"] != "aborted" {
			t.Errorf("queued reply = %v, want aborted", c)
		}
		if s := summary(h.iopubUntilIdle(id)); s != "status:busy status:idle" {
			t.Errorf("aborted cell iopub = %s", s)
		}
	}
	if c := content(h.reply(h.shellCh, info)); c["status"] != "ok" {
		t.Errorf("kernel_info in the aborted queue = %v", c)
	}
	if c := content(h.reply(h.shellCh, last)); c["status"] != "aborted" {
		t.Errorf("last queued reply = %v", c)
	}
	if n := f.executed.Load(); n != 1 {
		t.Errorf("%d cells ran, want only the failing one", n)
	}
	// The queue drained, the next request runs.
	id := h.execute("value 4", nil)
	if c := content(h.reply(h.shellCh, id)); c["status"] != "ok" || c["execution_count"] != 2.0 {
		t.Errorf("after the abort: %v", c)
	}

	// stop_on_error false on the failing cell aborts nothing.
	first = h.execute("slowfail 100ms", map[string]any{"stop_on_error": false})
	next := h.execute("value 5", nil)
	h.reply(h.shellCh, first)
	if c := content(h.reply(h.shellCh, next)); c["status"] != "ok" {
		t.Errorf("after stop_on_error=false failure: %v", c)
	}
}

func TestInterruptAndControlWhileRunning(t *testing.T) {
	h := startKernel(t, &fake{}, "ipc")
	id := h.execute("sleep", nil)
	queued := h.execute("value after", nil)
	time.Sleep(50 * time.Millisecond)

	// Control and heartbeat answer while the cell blocks the shell.
	info := h.request(h.control, "kernel_info_request", map[string]any{})
	if c := content(h.reply(h.controlCh, info)); c["status"] != "ok" {
		t.Errorf("control kernel_info = %v", c)
	}
	if err := h.hb.Send(zmqMsg("ping")); err != nil {
		t.Fatal(err)
	}
	if m, err := h.hb.Recv(); err != nil || string(m.Frames[0]) != "ping" {
		t.Errorf("heartbeat = %v, %v", m, err)
	}

	irq := h.request(h.control, "interrupt_request", map[string]any{})
	if c := content(h.reply(h.controlCh, irq)); c["status"] != "ok" {
		t.Errorf("interrupt_reply = %v", c)
	}
	if c := content(h.reply(h.shellCh, id)); c["status"] != "error" || c["ename"] != "KeyboardInterrupt" {
		t.Errorf("interrupted reply = %v", c)
	}
	// As in ipykernel, the interrupt error aborts what was queued.
	if c := content(h.reply(h.shellCh, queued)); c["status"] != "aborted" {
		t.Errorf("queued after interrupt = %v", c)
	}
	// An interrupt with nothing running is harmless.
	irq = h.request(h.control, "interrupt_request", map[string]any{})
	h.reply(h.controlCh, irq)
	id = h.execute("value ok", nil)
	if c := content(h.reply(h.shellCh, id)); c["status"] != "ok" {
		t.Errorf("after interrupt = %v", c)
	}
}

// An Evaluator that finishes a cell despite the interrupt still reports
// it, so the user sees why queued cells were aborted.
func TestInterruptIgnoredByEvaluator(t *testing.T) {
	h := startKernel(t, &fake{}, "ipc")
	id := h.execute("finish", nil)
	time.Sleep(50 * time.Millisecond)
	h.k.Interrupt() // what SIGINT does in main
	if c := content(h.reply(h.shellCh, id)); c["ename"] != "KeyboardInterrupt" {
		t.Errorf("reply = %v", c)
	}
}

func TestStdin(t *testing.T) {
	h := startKernel(t, &fake{}, "ipc")
	id := h.execute("input name?", nil)
	req := recv(t, h.stdinCh, "input_request", 5*time.Second)
	if c := content(req); req.Header.MsgType != "input_request" || c["prompt"] != "name?" || c["password"] != false || parentID(req) != id {
		t.Fatalf("input_request = %s %v (parent %s)", req.Header.MsgType, c, parentID(req))
	}
	h.sendFrames(h.stdin, h.replyTo(req, "input_reply", map[string]any{"value": "Ada"}))
	if c := content(h.reply(h.shellCh, id)); c["status"] != "ok" {
		t.Errorf("reply = %v", c)
	}
	var text string
	for _, m := range h.iopubUntilIdle(id) {
		if m.Header.MsgType == "stream" {
			text += content(m)["text"].(string)
		}
	}
	if text != "got Ada\n" {
		t.Errorf("stdout = %q", text)
	}

	// Without allow_stdin, reads fail at once.
	id = h.execute("input x", map[string]any{"allow_stdin": false})
	if c := content(h.reply(h.shellCh, id)); c["ename"] != "EOF" {
		t.Errorf("no-stdin reply = %v", c)
	}

	// A read is interruptible.
	id = h.execute("input wait", nil)
	recv(t, h.stdinCh, "input_request", 5*time.Second)
	irq := h.request(h.control, "interrupt_request", map[string]any{})
	h.reply(h.controlCh, irq)
	if c := content(h.reply(h.shellCh, id)); c["ename"] != "KeyboardInterrupt" {
		t.Errorf("interrupted input reply = %v", c)
	}
}

func TestBadMessagesAreDropped(t *testing.T) {
	h := startKernel(t, &fake{}, "tcp")
	good, hdr := h.message("kernel_info_request", map[string]any{})
	tampered := cloneFrames(good)
	tampered[len(tampered)-1] = []byte(`{"tampered":true}`)
	unsigned := cloneFrames(good)
	unsigned[1] = []byte{}
	// Replay: the good message once (answered), then again (dropped).
	h.sendFrames(h.shell, good)
	h.reply(h.shellCh, hdr.MsgID)

	badJSON, _ := h.message("kernel_info_request", map[string]any{})
	badJSON = resign(h.client, badJSON, 3, []byte(`{not json`))
	notObject, _ := h.message("execute_request", map[string]any{})
	notObject = resign(h.client, notObject, 3, []byte(`[1,2]`))
	unknown, unknownHdr := h.message("frobnicate_request", map[string]any{})

	cases := []struct {
		name   string
		frames [][]byte
		log    string
	}{
		{"tampered", tampered, "bad signature"},
		{"unsigned", unsigned, "missing signature"},
		{"replayed", good, "replayed signature"},
		{"no delimiter", [][]byte{[]byte("hello")}, "no <IDS|MSG> delimiter"},
		{"short", [][]byte{[]byte(delimiter), []byte("sig")}, "fewer than 5 frames"},
		{"bad json", badJSON, "content: not a JSON object"},
		{"content not object", notObject, "content: not a JSON object"},
		{"unknown type", unknown, `unknown type "frobnicate_request"`},
	}
	for _, c := range cases {
		h.sendFrames(h.shell, c.frames)
	}
	// The kernel is still serving, and answered none of the above.
	id := h.execute("value alive", nil)
	rep := h.reply(h.shellCh, id)
	if c := content(rep); c["status"] != "ok" {
		t.Errorf("after bad messages: %v", c)
	}
	select {
	case m := <-h.shellCh:
		t.Errorf("unexpected reply %s", m.Header.MsgType)
	default:
	}
	// The unknown type still gets busy/idle, as from ipykernel.
	if s := summary(h.iopubUntilIdle(unknownHdr.MsgID)); s != "status:busy status:idle" {
		t.Errorf("unknown type iopub = %s", s)
	}
	logged := h.log.String()
	for _, c := range cases {
		if !strings.Contains(logged, c.log) {
			t.Errorf("%s: log lacks %q:\n%s", c.name, c.log, logged)
		}
	}
	if n := strings.Count(logged, "\n"); n != len(cases) {
		t.Errorf("%d log lines for %d dropped messages:\n%s", n, len(cases), logged)
	}
}

func TestStreamBatching(t *testing.T) {
	h := startKernel(t, &fake{}, "ipc")
	const n = 10000
	id := h.execute(fmt.Sprintf("lines %d", n), nil)
	h.reply(h.shellCh, id)
	var b strings.Builder
	streams := 0
	for _, m := range h.iopubUntilIdle(id) {
		if m.Header.MsgType == "stream" {
			streams++
			b.WriteString(content(m)["text"].(string))
		}
	}
	var want strings.Builder
	for i := range n {
		fmt.Fprintf(&want, "line %d\n", i)
	}
	if b.String() != want.String() {
		t.Errorf("stream text differs (got %d bytes, want %d)", b.Len(), want.Len())
	}
	if streams < 1 || streams > 20 {
		t.Errorf("%d stream messages, want 1..20", streams)
	}
}

func TestStreamInterleavingAndRunes(t *testing.T) {
	h := startKernel(t, &fake{}, "ipc")
	id := h.execute("mixed", nil)
	h.reply(h.shellCh, id)
	var got []string
	for _, m := range h.iopubUntilIdle(id) {
		if m.Header.MsgType == "stream" {
			c := content(m)
			got = append(got, fmt.Sprintf("%s=%s", c["name"], c["text"]))
		}
	}
	if s := strings.Join(got, " "); s != "stdout=ab stderr=c stdout=d" {
		t.Errorf("streams = %s", s)
	}

	id = h.execute("split", nil)
	h.reply(h.shellCh, id)
	text := ""
	for _, m := range h.iopubUntilIdle(id) {
		if m.Header.MsgType == "stream" {
			text += content(m)["text"].(string)
		}
	}
	if text != "café\n" {
		t.Errorf("split rune: %q", text)
	}
}

func TestDisplayUpdateClear(t *testing.T) {
	h := startKernel(t, &fake{}, "ipc")
	for _, c := range []struct{ code, want string }{
		{"display d1", "display_data"},
		{"update d1", "update_display_data"},
		{"display ", "display_data"},
		{"clear", "clear_output"},
	} {
		id := h.execute(c.code, nil)
		h.reply(h.shellCh, id)
		var found bool
		for _, m := range h.iopubUntilIdle(id) {
			if m.Header.MsgType != c.want {
				continue
			}
			found = true
			mc := content(m)
			tr, hasTransient := mc["transient"].(map[string]any)
			switch c.code {
			case "display d1", "update d1":
				if !hasTransient || tr["display_id"] != "d1" {
					t.Errorf("%s: transient = %v", c.code, mc["transient"])
				}
			case "display ":
				if hasTransient {
					t.Errorf("anonymous display has transient %v", tr)
				}
			case "clear":
				if mc["wait"] != true {
					t.Errorf("clear_output = %v", mc)
				}
			}
			if c.want != "clear_output" {
				if _, ok := mc["metadata"].(map[string]any); !ok {
					t.Errorf("%s: metadata = %v", c.code, mc["metadata"])
				}
			}
		}
		if !found {
			t.Errorf("%s: no %s", c.code, c.want)
		}
	}
}

func TestNaNInBundle(t *testing.T) {
	h := startKernel(t, &fake{}, "ipc")
	id := h.execute("nan", nil)
	h.reply(h.shellCh, id)
	var data map[string]any
	for _, m := range h.iopubUntilIdle(id) {
		if m.Header.MsgType == "execute_result" {
			data = content(m)["data"].(map[string]any)
		}
	}
	if data == nil || fmt.Sprint(data["application/json"]) != "map[x:<nil>]" {
		t.Errorf("execute_result data = %v", data)
	}
}

func TestEvaluatorPanics(t *testing.T) {
	h := startKernel(t, &fake{}, "ipc")
	id := h.execute("panic", nil)
	if c := content(h.reply(h.shellCh, id)); c["status"] != "error" || c["ename"] != "panic" {
		t.Errorf("execute reply = %v", c)
	}
	id = h.request(h.shell, "complete_request", map[string]any{"code": "panic", "cursor_pos": 5})
	if c := content(h.reply(h.shellCh, id)); c["status"] != "error" {
		t.Errorf("complete reply = %v", c)
	}
	id = h.execute("value fine", nil)
	if c := content(h.reply(h.shellCh, id)); c["status"] != "ok" {
		t.Errorf("after panics = %v", c)
	}
}

func TestRequests(t *testing.T) {
	h := startKernel(t, &fake{}, "ipc")
	cases := []struct {
		msgType string
		content map[string]any
		want    string // fmt of the reply content
	}{
		{"complete_request", map[string]any{"code": "fmt.Pri", "cursor_pos": 7},
			"map[cursor_end:7 cursor_start:4 matches:[Println Printf] metadata:map[] status:ok]"},
		// cursor_pos counts code points, not bytes: "é" is one.
		{"complete_request", map[string]any{"code": "é.Pri", "cursor_pos": 5},
			"map[cursor_end:5 cursor_start:2 matches:[Println Printf] metadata:map[] status:ok]"},
		{"complete_request", map[string]any{"code": "zz"},
			"map[cursor_end:2 cursor_start:2 matches:[] metadata:map[] status:ok]"},
		{"inspect_request", map[string]any{"code": "fmt.Println", "cursor_pos": 5, "detail_level": 1},
			"map[data:map[text/plain:func Println(a ...any) (detail 1)] found:true metadata:map[] status:ok]"},
		{"inspect_request", map[string]any{"code": "nothing", "cursor_pos": 3},
			"map[data:map[] found:false metadata:map[] status:ok]"},
		{"is_complete_request", map[string]any{"code": "func f() {"}, "map[indent:\t status:incomplete]"},
		{"is_complete_request", map[string]any{"code": "x := 1"}, "map[status:complete]"},
		{"is_complete_request", map[string]any{"code": "x @ 1"}, "map[status:invalid]"},
		{"is_complete_request", map[string]any{"code": "weird"}, "map[status:unknown]"},
		{"comm_info_request", map[string]any{}, "map[comms:map[] status:ok]"},
		{"comm_info_request", map[string]any{"target_name": "jupyter.widget"}, "map[comms:map[] status:ok]"},
	}
	for _, c := range cases {
		id := h.request(h.shell, c.msgType, c.content)
		rep := h.reply(h.shellCh, id)
		if got := fmt.Sprint(content(rep)); got != c.want {
			t.Errorf("%s %v:\n got %s\nwant %s", c.msgType, c.content, got, c.want)
		}
		if want := strings.TrimSuffix(c.msgType, "_request") + "_reply"; rep.Header.MsgType != want {
			t.Errorf("reply type %s, want %s", rep.Header.MsgType, want)
		}
		if s := summary(h.iopubUntilIdle(id)); s != "status:busy status:idle" {
			t.Errorf("%s iopub = %s", c.msgType, s)
		}
	}
}

func TestKernelInfo(t *testing.T) {
	h := startKernel(t, &fake{}, "ipc")
	for _, sock := range []string{"shell", "control"} {
		s, ch := h.shell, h.shellCh
		if sock == "control" {
			s, ch = h.control, h.controlCh
		}
		id := h.request(s, "kernel_info_request", map[string]any{})
		c := content(h.reply(ch, id))
		li := c["language_info"].(map[string]any)
		got := fmt.Sprintln(c["status"], c["protocol_version"], c["implementation"], li["name"], li["mimetype"],
			li["file_extension"], li["pygments_lexer"], li["codemirror_mode"])
		if got != "ok 5.3 gonsim go text/x-go .go go go\n" {
			t.Errorf("%s kernel_info = %s", sock, got)
		}
		if li["version"] == "" || c["banner"] == nil {
			t.Errorf("%s kernel_info = %v", sock, c)
		}
		if s := summary(h.iopubUntilIdle(id)); s != "status:busy status:idle" {
			t.Errorf("%s kernel_info iopub = %s", sock, s)
		}
	}
}

// A frontend that sends kernel_info right after the kernel starts, before
// its iopub subscription has arrived (ZeroMQ's slow joiner), still gets
// the starting status and that request's busy and idle, and the reply does not
// wait for the subscription: jupyter_client's wait_for_ready resends
// kernel_info when no iopub message follows the reply within 0.2 s.
func TestFirstKernelInfoReachesLateSubscriber(t *testing.T) {
	ci := &ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", Key: "k", SignatureScheme: "hmac-sha256"}
	ports := freePorts(t, 5)
	ci.ShellPort, ci.IOPubPort, ci.StdinPort, ci.ControlPort, ci.HBPort = ports[0], ports[1], ports[2], ports[3], ports[4]
	k, err := New(ci, &fake{}, Config{Log: &logBuffer{}})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- k.Run(context.Background()) }()
	defer func() { k.Shutdown(); <-done }()
	c := dialLate(t, ci)
	defer c.close()
	id := c.request(c.shell, "kernel_info_request", map[string]any{})
	c.reply(c.shellCh, id) // the reply does not wait for a subscriber
	c.subscribe(ci)        // the SUB connects after the reply
	var got []string
	for len(got) < 3 {
		select {
		case m := <-c.iopubCh:
			if parentID(m) == id || parentID(m) == "" {
				got = append(got, summary([]*Message{m}))
			}
		case <-time.After(time.Second):
			t.Fatalf("iopub for the first kernel_info: %q, want starting, busy and idle", got)
		}
	}
	if s := strings.Join(got, " "); s != "status:starting status:busy status:idle" {
		t.Errorf("iopub = %s", s)
	}
}

func TestCommOpenIsClosed(t *testing.T) {
	h := startKernel(t, &fake{}, "ipc")
	id := h.request(h.shell, "comm_open", map[string]any{"comm_id": "c1", "target_name": "jupyter.widget", "data": map[string]any{}})
	got := h.iopubUntilIdle(id)
	if s := summary(got); s != "status:busy comm_close status:idle" {
		t.Fatalf("iopub = %s", s)
	}
	if c := content(got[1]); c["comm_id"] != "c1" {
		t.Errorf("comm_close = %v", c)
	}
}

func TestUserExpressionsAndPager(t *testing.T) {
	h := startKernel(t, &fake{}, "ipc")
	id := h.execute("out x", map[string]any{"user_expressions": map[string]any{"a": "x", "b": "bad"}})
	c := content(h.reply(h.shellCh, id))
	ue := fmt.Sprint(c["user_expressions"])
	want := "map[a:map[data:map[text/plain:value of x] metadata:map[] status:ok] b:map[ename:NameError evalue:undefined: bad status:error traceback:[]]]"
	if ue != want {
		t.Errorf("user_expressions = %s\nwant %s", ue, want)
	}

	id = h.execute("fmt.Println?", nil)
	c = content(h.reply(h.shellCh, id))
	if p := fmt.Sprint(c["payload"]); c["status"] != "ok" || p != "[map[data:map[text/plain:func Println(a ...any) (detail 0)] source:page start:0]]" {
		t.Errorf("pager reply = %v", c)
	}
	id = h.execute("nothing?", nil)
	if c := content(h.reply(h.shellCh, id)); c["status"] != "error" {
		t.Errorf("pager miss = %v", c)
	}
	if s := summary(h.iopubUntilIdle(id)); s != "status:busy execute_input error status:idle" {
		t.Errorf("pager miss iopub = %s", s)
	}
}

func TestHistoryRequest(t *testing.T) {
	h := startKernel(t, &fake{}, "ipc")
	for _, code := range []string{"value 1", "out 2", "value 1"} {
		h.reply(h.shellCh, h.execute(code, nil))
	}
	id := h.request(h.shell, "history_request", map[string]any{"hist_access_type": "tail", "n": 2, "output": true, "raw": true})
	if got := fmt.Sprint(content(h.reply(h.shellCh, id))["history"]); got != "[[1 2 [out 2 <nil>]] [1 3 [value 1 1]]]" {
		t.Errorf("tail history = %s", got)
	}
}

func TestShutdown(t *testing.T) {
	for _, restart := range []bool{false, true} {
		t.Run(fmt.Sprint("restart=", restart), func(t *testing.T) {
			h := startKernel(t, &fake{}, "ipc")
			running := h.execute("sleep", nil)
			time.Sleep(30 * time.Millisecond)
			id := h.request(h.control, "shutdown_request", map[string]any{"restart": restart})
			c := content(h.reply(h.controlCh, id))
			if c["status"] != "ok" || c["restart"] != restart {
				t.Errorf("shutdown_reply = %v", c)
			}
			got := h.iopubUntilIdle(id)
			if s := summary(got); s != "status:busy shutdown_reply status:idle" {
				t.Errorf("iopub = %s", s)
			}
			select {
			case err := <-h.runErr:
				if err != nil {
					t.Errorf("Run = %v", err)
				}
				h.runErr <- err // for Cleanup
			case <-time.After(3 * time.Second):
				t.Fatal("Run did not return after shutdown_request")
			}
			_ = running
		})
	}
}

// A request sent after the client saw the error reply is not "queued"
// and must run (a timestamp taken after the reply raced with it).
func TestRequestAfterErrorReplyRuns(t *testing.T) {
	h := startKernel(t, &fake{}, "ipc")
	for i := range 20 {
		h.reply(h.shellCh, h.execute("fail x", nil))
		if c := content(h.reply(h.shellCh, h.execute("value 1", nil))); c["status"] != "ok" {
			t.Fatalf("round %d: cell after the error reply = %v", i, c)
		}
	}
}

// Notebook's Run All against a fast kernel: the failing cell is answered
// before the next cell's request arrives, but that request was made
// before the error reply existed, so it is aborted. One made after the
// reply runs (TestRequestAfterErrorReplyRuns).
func TestRunAllAfterFastError(t *testing.T) {
	h := startKernel(t, &fake{}, "ipc")
	later, hdr := h.message("execute_request", map[string]any{"code": "value 1"})
	time.Sleep(2 * time.Millisecond) // the error reply is strictly later
	h.reply(h.shellCh, h.execute("fail x", nil))
	h.sendFrames(h.shell, later)
	c := content(h.reply(h.shellCh, hdr.MsgID))
	if c["status"] != "aborted" {
		t.Fatalf("cell of the same Run All = %v, want aborted", c)
	}
	if _, ok := c["execution_count"]; ok {
		t.Errorf("aborted reply has an execution_count: %v", c)
	}
	if c := content(h.reply(h.shellCh, h.execute("value 2", nil))); c["status"] != "ok" {
		t.Errorf("cell made after the abort = %v", c)
	}
}

// Notebook's Run All on a busy machine: the failing cell is answered so
// fast that the browser is still in the loop sending the later cells, so
// their requests are stamped after the error happened. The client has not
// seen the reply yet, and they are aborted.
func TestRunAllStillSending(t *testing.T) {
	h := startKernel(t, &fake{}, "ipc")
	failed := h.execute("fail x", nil)
	time.Sleep(30 * time.Millisecond) // the browser renders a cell
	later := h.execute("value 1", nil)
	if c := content(h.reply(h.shellCh, failed)); c["status"] != "error" {
		t.Fatalf("failing cell = %v", c)
	}
	if c := content(h.reply(h.shellCh, later)); c["status"] != "aborted" {
		t.Fatalf("cell sent while the error was settling = %v, want aborted", c)
	}
}

// The connection file's scheme is used for both directions, and an empty
// key means unsigned messages both ways.
func TestSignatureSchemes(t *testing.T) {
	for _, c := range []struct{ key, scheme string }{{"k", "hmac-sha512"}, {"k", "hmac-md5"}, {"", "hmac-sha256"}} {
		t.Run(c.scheme+"/"+c.key, func(t *testing.T) {
			h := startKernelKey(t, &fake{}, "ipc", c.key, c.scheme)
			frames, hdr := h.message("execute_request", map[string]any{"code": "value 7"})
			wantLen := map[string]int{"hmac-sha512": 128, "hmac-md5": 32, "hmac-sha256": 0}[c.scheme]
			if len(frames[1]) != wantLen {
				t.Fatalf("client signature %q, want %d hex digits", frames[1], wantLen)
			}
			h.sendFrames(h.shell, frames)
			rep := h.reply(h.shellCh, hdr.MsgID) // decoded by a Signer of the same scheme
			if st := content(rep)["status"]; st != "ok" {
				t.Errorf("reply status %v", st)
			}
			if c.key == "" {
				// Anything goes as a signature when there is no key.
				frames, hdr = h.message("kernel_info_request", map[string]any{})
				frames[1] = []byte("not-a-signature")
				h.sendFrames(h.shell, frames)
				h.reply(h.shellCh, hdr.MsgID)
			}
		})
	}
}

// A peer that connects and never speaks ZMTP must not keep later
// frontends from connecting (zmq4 handshakes on its accept goroutine).
func TestSilentPeerDoesNotBlockAccept(t *testing.T) {
	old := handshakeTimeout
	handshakeTimeout = 300 * time.Millisecond
	defer func() { handshakeTimeout = old }()
	for _, transport := range []string{"tcp", "ipc"} {
		t.Run(transport, func(t *testing.T) {
			h := startKernel(t, &fake{}, transport)
			network, addr := "tcp", fmt.Sprintf("%s:%d", h.ci.IP, h.ci.ShellPort)
			if transport == "ipc" {
				network, addr = "unix", fmt.Sprintf("%s-%d", h.ci.IP, h.ci.ShellPort)
			}
			silent, err := net.Dial(network, addr)
			if err != nil {
				t.Fatal(err)
			}
			defer silent.Close()
			// Half a greeting, then nothing.
			silent.Write([]byte{0xff, 0, 0, 0, 0, 0, 0, 0, 1, 0x7f})
			time.Sleep(50 * time.Millisecond)
			c := dial(t, h.ci)
			defer c.close()
			id := c.request(c.shell, "kernel_info_request", map[string]any{})
			if rep := c.reply(c.shellCh, id); content(rep)["status"] != "ok" {
				t.Errorf("reply = %v", content(rep))
			}
			// The handshake deadline is gone: an idle frontend stays.
			time.Sleep(2 * handshakeTimeout)
			id = c.request(c.shell, "kernel_info_request", map[string]any{})
			if rep := c.reply(c.shellCh, id); content(rep)["status"] != "ok" {
				t.Errorf("reply after idling = %v", content(rep))
			}
		})
	}
}

func TestPortInUse(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	p := freePorts(t, 4)
	ci := &ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", ShellPort: p[0], IOPubPort: p[1], StdinPort: p[2],
		ControlPort: l.Addr().(*net.TCPAddr).Port, HBPort: p[3], Key: "k"}
	_, err = New(ci, &fake{}, Config{Log: &logBuffer{}})
	want := fmt.Sprintf("control socket: cannot listen on tcp://127.0.0.1:%d: listen tcp 127.0.0.1:%d: bind: address already in use", ci.ControlPort, ci.ControlPort)
	if err == nil || err.Error() != want {
		t.Errorf("New = %v\nwant %s", err, want)
	}
	// The sockets bound before the failure were released.
	for _, port := range []int{ci.ShellPort, ci.IOPubPort, ci.StdinPort} {
		l2, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
		if err != nil {
			t.Errorf("port %d still taken: %v", port, err)
			continue
		}
		l2.Close()
	}
}
