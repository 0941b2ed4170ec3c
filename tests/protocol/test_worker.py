"""The kernel outlives every cell: fatal errors of a cell end its worker
process, and the notebook gets the runtime's reason, a prompt idle, a
fresh session and an unchanged execution count (issue 11)."""

import threading
import time
import unittest

import zmq

import gonsim_client as gc

# (name, cell, the error text the notebook shows)
FAULTS = [
    ("stack overflow", "func f(n int) int { return f(n+1) }\nf(1)",
     "fatal error: stack overflow in f (cell line 1); the Go session was restarted, re-run your cells"),
    ("map race", "m := map[int]int{}\nfor g := 0; g < 4; g++ {\n\tgo func() {\n\t\tfor i := 0; ; i++ {\n\t\t\tm[i%100] = i\n\t\t}\n\t}()\n}\ntime.Sleep(10 * time.Second)",
     "fatal error: concurrent map writes"),
    ("out of memory", "b := make([]byte, 1<<46)\nfmt.Println(len(b))",
     "fatal error: out of memory allocating heap arena metadata (cell line 1); the Go session was restarted, re-run your cells"),
]


def heartbeat_worst(kc, stop, worst):
    """Ping the heartbeat until stop is set; the slowest echo goes in worst[0]."""
    ctx = zmq.Context.instance()
    s = ctx.socket(zmq.REQ)
    s.linger = 0
    s.connect(f"{kc.transport}://{kc.ip}:{kc.hb_port}")
    try:
        while not stop.is_set():
            t = time.monotonic()
            s.send(b"ping")
            if not s.poll(5000):
                worst[0] = 5.0
                return
            s.recv()
            worst[0] = max(worst[0], time.monotonic() - t)
            time.sleep(0.02)
    finally:
        s.close()


class WorkerCrashes(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = gc.start()

    @classmethod
    def tearDownClass(cls):
        gc.stop(cls.km, cls.kc)

    def test_faults(self):
        for name, code, want in FAULTS:
            with self.subTest(name):
                reply, _ = gc.run(self.kc, "x := 41")
                self.assertEqual(reply["status"], "ok", gc.describe(reply))
                count = reply["execution_count"]
                stop, worst = threading.Event(), [0.0]
                hb = threading.Thread(target=heartbeat_worst, args=(self.kc, stop, worst))
                hb.start()
                t = time.monotonic()
                reply, msgs = gc.run(self.kc, code, timeout=60)
                took = time.monotonic() - t
                stop.set()
                hb.join()
                self.assertEqual(reply["status"], "error")
                self.assertIn(want, reply["evalue"])
                self.assertEqual(reply["execution_count"], count + 1)
                errors = [m for m in msgs if m["msg_type"] == "error"]
                self.assertTrue(errors and want in "\n".join(errors[0]["content"]["traceback"]))
                self.assertLess(worst[0], 0.5, f"heartbeat took {worst[0]:.3f}s during the crash")
                # The session was restarted: x is gone, cells run again.
                t = time.monotonic()
                reply, msgs = gc.run(self.kc, "x := 1\nx + 1")
                recovered = time.monotonic() - t
                self.assertEqual(reply["status"], "ok", gc.describe(reply))
                self.assertEqual(gc.result_of(msgs)["text/plain"], "2")
                self.assertEqual(reply["execution_count"], count + 2)
                print(f"\n  {name}: answered in {took:.2f}s, next cell in {recovered:.2f}s, worst heartbeat {worst[0]*1000:.0f} ms")

    def test_killed_from_outside(self):
        gc.run(self.kc, "y := 2")
        reply, _ = gc.run(self.kc, 'import "os"\nfmt.Println(os.Getpid())')
        msg_id = self.kc.execute("for {\n\ttime.Sleep(time.Millisecond)\n}")
        time.sleep(0.5)
        import psutil  # noqa: PLC0415 (Debian's python3-psutil)
        kernel = psutil.Process(self.km.provisioner.process.pid)
        for child in kernel.children():
            child.kill()
        reply = gc.shell_reply(self.kc, msg_id, timeout=20)["content"]
        self.assertEqual(reply["status"], "error")
        self.assertIn("killed (SIGKILL", reply["evalue"])
        self.assertIn("the Go session was restarted, re-run your cells", reply["evalue"])
        reply, msgs = gc.run(self.kc, "1 + 1")
        self.assertEqual(gc.result_of(msgs)["text/plain"], "2")

    def test_ignored_interrupt_ends_the_worker(self):
        # A compiled call that never polls the interrupt: the worker is
        # ended 2 s after the interrupt, with the same kind of message.
        msg_id = self.kc.execute('import "sync"\nvar mu sync.Mutex\nmu.Lock()\nmu.Lock()')
        time.sleep(0.5)
        t = time.monotonic()
        self.km.interrupt_kernel()
        reply = gc.shell_reply(self.kc, msg_id, timeout=20)["content"]
        took = time.monotonic() - t
        self.assertEqual(reply["status"], "error")
        self.assertIn("did not stop within 2s of the interrupt (cell line 4)", reply["evalue"])
        self.assertLess(took, 5)
        reply, msgs = gc.run(self.kc, "1 + 2")
        self.assertEqual(gc.result_of(msgs)["text/plain"], "3")

    def test_goroutine_sleep_outlives_its_cell(self):
        reply, _ = gc.run(self.kc, "done := make(chan time.Duration, 1)\ngo func() {\n\tt := time.Now()\n\ttime.Sleep(time.Second)\n\tdone <- time.Since(t)\n}()")
        self.assertEqual(reply["status"], "ok", gc.describe(reply))
        reply, msgs = gc.run(self.kc, "(<-done).Round(100 * time.Millisecond).String()")
        self.assertEqual(reply["status"], "ok", gc.describe(reply))
        self.assertEqual(gc.result_of(msgs)["text/plain"], "1s")

    def test_is_complete_invalid(self):
        for code, want in [("x := )(", "invalid"), ("x := (", "incomplete"), ("x := 1", "complete")]:
            msg_id = self.kc.is_complete(code)
            reply = gc.shell_reply(self.kc, msg_id)["content"]
            self.assertEqual(reply["status"], want, code)


class SmallPoints(unittest.TestCase):
    def test_execute_without_code(self):
        km, kc = gc.start()
        try:
            reply, _ = gc.run(kc, "1")
            count = reply["execution_count"]
            msg = kc.session.msg("execute_request", {})
            kc.shell_channel.send(msg)
            reply = gc.shell_reply(kc, msg["header"]["msg_id"])["content"]
            self.assertEqual(reply["status"], "error")
            self.assertEqual(reply["ename"], "BadRequest")
            self.assertIn('without "code"', reply["evalue"])
            reply, _ = gc.run(kc, "2")
            self.assertEqual(reply["execution_count"], count + 1)
        finally:
            gc.stop(km, kc)


if __name__ == "__main__":
    unittest.main()
