package kernel

import (
	"context"
	"encoding/json"
	"io"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// cellOutput is the Output of one execute_request. Stream text is
// coalesced: consecutive writes to the same stream are held for at most
// Config.StreamInterval (or until StreamMax bytes) and published as one
// stream message, and anything else this cell publishes first flushes the
// pending text, so the frontend sees output in the order it was written.
type cellOutput struct {
	k          *Kernel
	req        *request
	ctx        context.Context
	silent     bool
	allowStdin bool

	mu    sync.Mutex
	name  string // stream the pending text belongs to
	buf   []byte
	timer *time.Timer
}

func newCellOutput(ctx context.Context, r *request, silent, allowStdin bool) *cellOutput {
	return &cellOutput{k: r.k, req: r, ctx: ctx, silent: silent, allowStdin: allowStdin}
}

// Stream implements Output.
func (o *cellOutput) Stream(name, text string) {
	if o.silent || text == "" {
		return
	}
	if name != "stderr" {
		name = "stdout"
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if name != o.name && len(o.buf) > 0 {
		o.flushLocked(true)
	}
	o.name = name
	o.buf = append(o.buf, text...)
	if len(o.buf) >= o.k.cfg.StreamMax {
		o.flushLocked(false)
		return
	}
	if o.timer == nil {
		o.timer = time.AfterFunc(o.k.cfg.StreamInterval, o.tick)
	}
}

// flush publishes all pending stream text.
func (o *cellOutput) flush() {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.flushLocked(true)
}

// tick is the timer's flush: it may keep back half a rune, which the next
// write or the end of the cell completes.
func (o *cellOutput) tick() {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.flushLocked(false)
}

// flushLocked publishes the pending text. Unless all is set, an incomplete
// UTF-8 sequence at the end is kept for the next write, so a rune split
// across two writes is not mangled into U+FFFD.
func (o *cellOutput) flushLocked(all bool) {
	if o.timer != nil {
		o.timer.Stop()
		o.timer = nil
	}
	if len(o.buf) == 0 {
		return
	}
	n := len(o.buf)
	if !all {
		n = completeUTF8(o.buf)
		if n == 0 {
			return
		}
	}
	text := string(o.buf[:n])
	o.buf = append(o.buf[:0], o.buf[n:]...)
	o.req.publish("stream", map[string]any{"name": o.name, "text": text})
}

// completeUTF8 returns the length of b without a trailing incomplete
// UTF-8 sequence.
func completeUTF8(b []byte) int {
	for i := 1; i <= utf8.UTFMax && i <= len(b); i++ {
		c := b[len(b)-i]
		if utf8.RuneStart(c) {
			if !utf8.FullRune(b[len(b)-i:]) {
				return len(b) - i
			}
			break
		}
	}
	return len(b)
}

// Display implements Output.
func (o *cellOutput) Display(data, metadata Bundle, id string, update bool) {
	if o.silent {
		return
	}
	if metadata == nil {
		metadata = Bundle{}
	}
	if data == nil {
		data = Bundle{}
	}
	content := map[string]any{"data": data, "metadata": metadata}
	typ := "display_data"
	if id != "" {
		content["transient"] = map[string]any{"display_id": id}
		if update {
			typ = "update_display_data"
		}
	} else if update {
		o.k.logf("evaluator: display update without a display id; shown as a new display")
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	o.flushLocked(true)
	o.req.publish(typ, content)
}

// Clear implements Output.
func (o *cellOutput) Clear(wait bool) {
	if o.silent {
		return
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	o.flushLocked(true)
	o.req.publish("clear_output", map[string]any{"wait": wait})
}

// publish sends a kernel-made message for this cell (execute_result,
// error) after the pending stream text.
func (o *cellOutput) publish(typ string, content any) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.flushLocked(true)
	if !o.silent {
		o.req.publish(typ, content)
	}
}

// Input implements Output: it sends input_request on stdin, addressed to
// the client that sent the execute_request, and waits for its input_reply.
func (o *cellOutput) Input(prompt string, password bool) (string, error) {
	if !o.allowStdin {
		return "", io.EOF
	}
	if err := o.ctx.Err(); err != nil {
		return "", err
	}
	o.flush() // the prompt's context must be on screen first
	k := o.k
	// Replies to earlier, abandoned requests must not answer this one.
	for drained := false; !drained; {
		select {
		case <-k.inputCh:
		default:
			drained = true
		}
	}
	h := k.header("input_request")
	content := map[string]any{"prompt": prompt, "password": password}
	// The client's stdin DEALER shares its identity with its shell DEALER,
	// so the shell request's identities address the right frontend.
	if err := k.send(k.stdin, o.req.msg.Identities, o.req.msg.RawHeader, h, content); err != nil {
		return "", err
	}
	for {
		select {
		case <-o.ctx.Done():
			return "", o.ctx.Err()
		case m := <-k.inputCh:
			var parent struct {
				MsgID string `json:"msg_id"`
			}
			if json.Unmarshal(m.Parent, &parent) == nil && parent.MsgID != "" && parent.MsgID != h.MsgID {
				k.logf("stdin: dropped input_reply to another request")
				continue
			}
			var c struct {
				Value string `json:"value"`
			}
			if err := json.Unmarshal(m.Content, &c); err != nil {
				k.logf("stdin: dropped input_reply: content: %v", err)
				continue
			}
			if c.Value == "\x04" { // ^D, ipykernel's EOF convention
				return "", io.EOF
			}
			return strings.TrimSuffix(c.Value, "\n"), nil
		}
	}
}
