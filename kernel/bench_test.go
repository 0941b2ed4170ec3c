package kernel

import (
	"context"
	"testing"
	"time"
)

// BenchmarkExecuteRoundTrip is a trivial execute as a frontend sees it:
// from sending execute_request to having both the reply and the idle.
func BenchmarkExecuteRoundTrip(b *testing.B) {
	for _, transport := range []string{"tcp", "ipc"} {
		b.Run(transport, func(b *testing.B) {
			h := startKernel(b, &fake{}, transport)
			b.ResetTimer()
			for range b.N {
				id := h.execute("value 1", nil)
				h.reply(h.shellCh, id)
				h.iopubUntilIdle(id)
			}
		})
	}
}

// BenchmarkStream10kLines prints 10,000 lines in a cell and waits until
// all of them and the idle have arrived; streams/op is the number of
// stream messages they came in.
func BenchmarkStream10kLines(b *testing.B) {
	h := startKernel(b, &fake{}, "tcp")
	streams := 0
	b.ResetTimer()
	for range b.N {
		id := h.execute("lines 10000", nil)
		h.reply(h.shellCh, id)
		for _, m := range h.iopubUntilIdle(id) {
			if m.Header.MsgType == "stream" {
				streams++
			}
		}
	}
	b.ReportMetric(float64(streams)/float64(b.N), "streams/op")
}

// BenchmarkStartToKernelInfo binds a kernel's sockets, connects a client
// and gets the first kernel_info_reply (in process; tests/protocol/bench
// times the real binary against ipykernel).
func BenchmarkStartToKernelInfo(b *testing.B) {
	for range b.N {
		ci := &ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", Key: "k", SignatureScheme: "hmac-sha256"}
		p := freePorts(b, 5)
		ci.ShellPort, ci.IOPubPort, ci.StdinPort, ci.ControlPort, ci.HBPort = p[0], p[1], p[2], p[3], p[4]
		k, err := New(ci, &fake{}, Config{Log: &logBuffer{}})
		if err != nil {
			b.Fatal(err)
		}
		done := make(chan struct{})
		go func() { k.Run(context.Background()); close(done) }()
		c := dial(b, ci)
		id := c.request(c.shell, "kernel_info_request", map[string]any{})
		c.reply(c.shellCh, id)
		b.StopTimer()
		c.close()
		k.Shutdown()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			b.Fatal("kernel did not stop")
		}
		b.StartTimer()
	}
}
