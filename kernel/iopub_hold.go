package kernel

import (
	"time"

	"github.com/go-zeromq/zmq4"
)

// A PUB socket drops what it sends before a subscriber's SUBSCRIBE has
// arrived. A frontend that connects right after the kernel starts sends
// kernel_info on shell while its SUB is still connecting (ZeroMQ's slow
// joiner); the starting status and the busy and idle of that request
// would be lost, and jupyter_client's wait_for_ready, which wants an iopub
// message within 0.2 s of the reply, would ask again. So until the first
// subscription arrives, iopub messages are held, and sent to the first
// subscriber in order; replies on shell never wait for it.

// maxHeld bounds the messages held for a subscriber that never comes.
const maxHeld = 1000

// holdOrSend sends msg, or holds it while nobody has subscribed yet. The
// caller holds iopubMu.
func (k *Kernel) holdOrSend(msg zmq4.Msg) error {
	if !k.subscribed && !k.flushHeld() {
		if len(k.held) < maxHeld {
			k.held = append(k.held, msg)
		}
		return nil
	}
	return k.iopub.SendMulti(msg)
}

// flushHeld sends the held messages once a subscription has arrived and
// reports whether one has. The caller holds iopubMu.
func (k *Kernel) flushHeld() bool {
	if k.subscribed {
		return true
	}
	t, ok := k.iopub.(zmq4.Topics)
	if ok && len(t.Topics()) == 0 {
		return false
	}
	k.subscribed = true
	for _, m := range k.held {
		if err := k.iopub.SendMulti(m); err != nil && k.ctx.Err() == nil {
			k.logf("iopub: send held message: %v", err)
		}
	}
	k.held = nil
	return true
}

// awaitSubscriber flushes the held messages as soon as the first
// subscription arrives: every millisecond for the first 2 s, then every
// 50 ms, until the kernel stops.
func (k *Kernel) awaitSubscriber() {
	defer k.wg.Done()
	start := time.Now()
	for {
		k.iopubMu.Lock()
		done := k.flushHeld()
		k.iopubMu.Unlock()
		if done {
			return
		}
		every := time.Millisecond
		if time.Since(start) > 2*time.Second {
			every = 50 * time.Millisecond
		}
		select {
		case <-k.done:
			return
		case <-time.After(every):
		}
	}
}
