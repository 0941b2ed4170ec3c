"""Behaviour jupyter_kernel_test does not cover, driven with jupyter_client
as a frontend would: interrupts, stop_on_error, streaming, stdin, bad
signatures, heartbeat, shutdown and restart."""

import os
import queue
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest

import zmq
from jupyter_client.session import Session

from jupyter_client import KernelManager

from gonsim_client import (KERNEL, TIMEOUT, describe, iopub_until_idle, result_of, run,
                           shell_reply, start, stdout_of, stop)

def alive(pid):
    """Whether pid runs (a zombie waiting to be reaped has exited)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


LOOP_FOREVER = "n := 0\nfor {\n\tn++\n}"


class Cells(unittest.TestCase):
    """One kernel for the tests that leave it in a usable state."""

    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start()

    @classmethod
    def tearDownClass(cls):
        stop(cls.km, cls.kc)

    def setUp(self):
        # Each test starts from a kernel that answers.
        content, _ = run(self.kc, "1+1")
        self.assertEqual(content["status"], "ok", describe(content))

    def test_value_persists_between_cells(self):
        content, _ = run(self.kc, "x := 6*7")
        self.assertEqual(content["status"], "ok", describe(content))
        content, msgs = run(self.kc, "x")
        self.assertEqual(content["status"], "ok", describe(content))
        self.assertEqual(result_of(msgs), {"text/plain": "42"})

    def test_kernel_info_language(self):
        # language_info.version is the Go cells are (what yaegi v0.16.1
        # interprets), not the toolchain that built the kernel.
        msg_id = self.kc.kernel_info()
        c = shell_reply(self.kc, msg_id)["content"]
        li = c["language_info"]
        self.assertEqual((li["name"], li["version"], li["file_extension"]), ("go", "1.21", ".go"), li)
        self.assertIn("Go 1.21 cells", c["banner"])

    def test_execution_count(self):
        first, msgs = run(self.kc, "1")
        inputs = [m["content"]["execution_count"] for m in msgs if m["msg_type"] == "execute_input"]
        self.assertEqual(inputs, [first["execution_count"]])
        second, _ = run(self.kc, "undefinedThing")  # errors consume a number too
        self.assertEqual(second["execution_count"], first["execution_count"] + 1)
        silent, msgs = run(self.kc, "2", silent=True)
        self.assertEqual(silent["execution_count"], second["execution_count"])
        self.assertEqual([m["msg_type"] for m in msgs], ["status", "status"])
        unstored, _ = run(self.kc, "3", store_history=False)
        self.assertEqual(unstored["execution_count"], second["execution_count"])
        third, _ = run(self.kc, "4")
        self.assertEqual(third["execution_count"], second["execution_count"] + 1)

    def test_message_order(self):
        content, msgs = run(self.kc, 'fmt.Println("out")\n6*7')
        self.assertEqual(content["status"], "ok", describe(content))
        self.assertEqual([m["msg_type"] for m in msgs],
                         ["status", "execute_input", "stream", "execute_result", "status"])
        self.assertEqual(msgs[0]["content"]["execution_state"], "busy")

    def test_streaming_10000_lines(self):
        content, msgs = run(self.kc, "for i := 0; i < 10000; i++ {\n\tfmt.Println(i)\n}")
        self.assertEqual(content["status"], "ok", describe(content))
        streams = [m for m in msgs if m["msg_type"] == "stream"]
        self.assertEqual(stdout_of(msgs), "".join(f"{i}\n" for i in range(10000)))
        self.assertLessEqual(len(streams), 20, "10,000 lines should come in a few stream messages")

    def test_output_is_live(self):
        # The first line must arrive while the cell still sleeps.
        msg_id = self.kc.execute('fmt.Println("early")\ntime.Sleep(1500 * time.Millisecond)\nfmt.Println("late")')
        t0 = time.monotonic()
        first = None
        while first is None:
            msg = self.kc.get_iopub_msg(timeout=TIMEOUT)
            if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream":
                first = msg
        self.assertLess(time.monotonic() - t0, 1.2, "stdout held back until the cell ended")
        self.assertIn("early", first["content"]["text"])
        reply = shell_reply(self.kc, msg_id)
        self.assertEqual(reply["content"]["status"], "ok", describe(reply["content"]))
        iopub_until_idle(self.kc, msg_id)

    def test_stop_on_error(self):
        failing = self.kc.execute('time.Sleep(300 * time.Millisecond)\npanic("boom")')
        queued = [self.kc.execute('fmt.Println("must not run")'), self.kc.execute("1+1")]
        reply = shell_reply(self.kc, failing)
        self.assertEqual(reply["content"]["status"], "error")
        for msg_id in queued:
            reply = shell_reply(self.kc, msg_id)
            self.assertEqual(reply["content"]["status"], "aborted")
            msgs = iopub_until_idle(self.kc, msg_id)
            self.assertNotIn("must not run", stdout_of(msgs))
        content, msgs = run(self.kc, 'fmt.Println("runs again")')
        self.assertEqual(content["status"], "ok", describe(content))
        self.assertEqual(stdout_of(msgs), "runs again\n")

    def test_stop_on_error_false(self):
        failing = self.kc.execute('time.Sleep(200 * time.Millisecond)\npanic("boom")', stop_on_error=False)
        after = self.kc.execute('fmt.Println("still runs")')
        self.assertEqual(shell_reply(self.kc, failing)["content"]["status"], "error")
        self.assertEqual(shell_reply(self.kc, after)["content"]["status"], "ok")
        self.assertEqual(stdout_of(iopub_until_idle(self.kc, after)), "still runs\n")

    def test_interrupt_message(self):
        # kernel.json says interrupt_mode "message": interrupt_kernel sends
        # interrupt_request on control.
        self.assertEqual(self.km.kernel_spec.interrupt_mode, "message")
        msg_id = self.kc.execute(LOOP_FOREVER)
        time.sleep(0.5)
        self.km.interrupt_kernel()
        reply = shell_reply(self.kc, msg_id, timeout=10)
        self.assertEqual(reply["content"]["status"], "error")
        content, msgs = run(self.kc, "6*7")
        self.assertEqual(result_of(msgs), {"text/plain": "42"})

    def test_sigint_interrupts_not_kills(self):
        msg_id = self.kc.execute(LOOP_FOREVER)
        time.sleep(0.5)
        os.kill(self.km.provisioner.process.pid, signal.SIGINT)
        reply = shell_reply(self.kc, msg_id, timeout=10)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertTrue(self.km.is_alive())
        content, msgs = run(self.kc, "6*7")
        self.assertEqual(result_of(msgs), {"text/plain": "42"})

    def test_control_answers_while_busy(self):
        msg_id = self.kc.execute("time.Sleep(2 * time.Second)")
        time.sleep(0.3)
        t0 = time.monotonic()
        ctl = self.kc.session.msg("kernel_info_request")
        self.kc.control_channel.send(ctl)
        reply = self.kc.get_control_msg(timeout=5)
        self.assertLess(time.monotonic() - t0, 1.0)
        self.assertEqual(reply["msg_type"], "kernel_info_reply")
        self.assertTrue(self.kc.hb_channel.is_beating())
        shell_reply(self.kc, msg_id)
        iopub_until_idle(self.kc, msg_id)

    def test_stdin(self):
        code = 'var name string\nfmt.Scanln(&name)\nfmt.Println("hello", name)'
        msg_id = self.kc.execute(code, allow_stdin=True)
        req = self.kc.get_stdin_msg(timeout=TIMEOUT)
        self.assertEqual(req["msg_type"], "input_request")
        self.assertEqual(req["parent_header"]["msg_id"], msg_id)
        self.kc.input("Ada")
        reply = shell_reply(self.kc, msg_id)
        self.assertEqual(reply["content"]["status"], "ok", describe(reply["content"]))
        self.assertEqual(stdout_of(iopub_until_idle(self.kc, msg_id)), "hello Ada\n")

    def test_stdin_not_allowed_fails_at_once(self):
        code = 'var name string\n_, err := fmt.Scanln(&name)\nfmt.Println("err:", err)'
        t0 = time.monotonic()
        content, msgs = run(self.kc, code, allow_stdin=False, timeout=5)
        self.assertLess(time.monotonic() - t0, 3)
        with self.assertRaises(queue.Empty):
            self.kc.get_stdin_msg(timeout=0.2)
        self.assertEqual(content["status"], "ok", describe(content))
        self.assertIn("EOF", stdout_of(msgs))

    def test_interrupt_during_input(self):
        msg_id = self.kc.execute('var s string\nfmt.Scanln(&s)', allow_stdin=True)
        self.kc.get_stdin_msg(timeout=TIMEOUT)
        self.km.interrupt_kernel()
        reply = shell_reply(self.kc, msg_id, timeout=10)
        self.assertEqual(reply["content"]["status"], "error")

    def test_complete_qualified_and_own_names(self):
        run(self.kc, "myVariable := 1")
        for code, want in [("strings.ToUpp", "strings.ToUpper"), ("myVar", "myVariable"), ("fmt.Print", "fmt.Println")]:
            msg_id = self.kc.complete(code, len(code))
            c = shell_reply(self.kc, msg_id)["content"]
            self.assertEqual(c["status"], "ok")
            # Apply each match as a frontend does and look at the result.
            results = {code[:c["cursor_start"]] + m + code[c["cursor_end"]:] for m in c["matches"]}
            self.assertIn(want, results, f"completing {code!r}: {c}")

    def test_inspect_inside_call(self):
        # Shift-Tab after the comma of a call shows the function called
        # there and the options it accepts.
        code = 'G := NeuronGroup(10, '
        msg_id = self.kc.inspect(code, len(code))
        c = shell_reply(self.kc, msg_id)["content"]
        self.assertEqual(c["status"], "ok")
        self.assertTrue(c["found"], c)
        text = c["data"]["text/plain"]
        self.assertIn("func NeuronGroup(n int, eqs string, opts ...Option) *nsim.NeuronGroup", text)
        self.assertIn("Threshold(cond string)", text)

    def test_update_display(self):
        content, msgs = run(self.kc, 'h := display.Show(display.Markdown("*first*"))')
        self.assertEqual(content["status"], "ok", describe(content))
        shown = [m for m in msgs if m["msg_type"] == "display_data"]
        self.assertEqual(len(shown), 1)
        display_id = shown[0]["content"]["transient"]["display_id"]
        self.assertTrue(display_id)
        content, msgs = run(self.kc, 'h.Update(display.Markdown("*second*"))')
        self.assertEqual(content["status"], "ok", describe(content))
        updates = [m["content"] for m in msgs if m["msg_type"] == "update_display_data"]
        self.assertEqual(len(updates), 1)
        self.assertEqual(updates[0]["transient"], {"display_id": display_id})
        self.assertEqual(updates[0]["data"]["text/markdown"], "*second*")

    def test_display_handle_is_not_a_result(self):
        # display.Show returns a handle; like Python's display(), showing
        # something as the last line is a display_data and no execute_result.
        for code in ['display.Show(display.Markdown("*once*"))', 'h2 := display.Show(3*mV)\nh2']:
            content, msgs = run(self.kc, code)
            self.assertEqual(content["status"], "ok", describe(content))
            types = [m["msg_type"] for m in msgs]
            self.assertEqual(types.count("display_data"), 1, f"{code!r}: {types}")
            self.assertNotIn("execute_result", types, f"{code!r}: {types}")

    def test_user_expressions(self):
        msg_id = self.kc.execute("z := 5", user_expressions={"double": "z*2", "missing": "nope"})
        c = shell_reply(self.kc, msg_id)["content"]
        self.assertEqual(c["status"], "ok", describe(c))
        self.assertEqual(c["user_expressions"]["double"], {"status": "ok", "data": {"text/plain": "10"}, "metadata": {}})
        self.assertEqual(c["user_expressions"]["missing"]["status"], "error")
        self.assertIn("nope", c["user_expressions"]["missing"]["evalue"])

    def test_comms(self):
        msg_id = self.kc.comm_info()
        self.assertEqual(shell_reply(self.kc, msg_id)["content"], {"status": "ok", "comms": {}})
        msg = self.kc.session.msg("comm_open", {"comm_id": "c-1", "target_name": "jupyter.widget", "data": {}})
        self.kc.shell_channel.send(msg)
        msgs = iopub_until_idle(self.kc, msg["header"]["msg_id"])
        closes = [m for m in msgs if m["msg_type"] == "comm_close"]
        self.assertEqual(len(closes), 1)
        self.assertEqual(closes[0]["content"]["comm_id"], "c-1")


class BadMessages(unittest.TestCase):
    """Invalid messages are dropped with a log line; the kernel keeps serving."""

    def setUp(self):
        self.log = tempfile.NamedTemporaryFile(mode="w+", prefix="gonsim-stderr-", suffix=".log")
        self.km, self.kc = start(stderr=self.log)
        ci = self.km.get_connection_info()
        self.ctx = zmq.Context()
        self.sock = self.ctx.socket(zmq.DEALER)
        self.sock.linger = 0
        self.sock.connect(f"{ci['transport']}://{ci['ip']}:{ci['shell_port']}")
        self.good = Session(key=self.km.session.key, signature_scheme=self.km.session.signature_scheme)

    def tearDown(self):
        self.sock.close()
        self.ctx.term()
        stop(self.km, self.kc)
        self.log.close()

    def send(self, frames):
        self.sock.send_multipart(frames)

    def answered(self, timeout=1.0):
        return self.sock.poll(int(timeout * 1000)) != 0 and self.sock.recv_multipart() is not None

    def test_dropped_and_survives(self):
        msg = self.good.msg("kernel_info_request")
        frames = self.good.serialize(msg)
        self.send(frames)
        self.assertTrue(self.answered(5), "a well-signed request gets an answer")

        wrong = Session(key=b"not-the-key")
        tampered = self.good.serialize(self.good.msg("kernel_info_request"))
        tampered[-1] = b'{"tampered": true}'
        cases = {
            "bad signature": wrong.serialize(wrong.msg("kernel_info_request")),
            "replayed signature": frames,
            "tampered content": tampered,
            "missing signature": [b"<IDS|MSG>", b""] + tampered[2:],
            "no delimiter": [b"garbage"],
            "too few frames": [b"<IDS|MSG>", b"00"],
        }
        for name, f in cases.items():
            with self.subTest(name):
                self.send(f)
                self.assertFalse(self.answered(0.5), f"{name}: the kernel answered")

        # Well signed, but not JSON, and an unknown type: dropped too.
        bad_json = self.good.serialize(self.good.msg("kernel_info_request"))
        bad_json[-1] = b"{not json"
        bad_json[1] = self.good.sign(bad_json[2:6])
        self.send(bad_json)
        self.send(self.good.serialize(self.good.msg("frobnicate_request")))
        self.assertFalse(self.answered(0.5))

        # Still serving, on this socket and through the real client.
        self.send(self.good.serialize(self.good.msg("kernel_info_request")))
        self.assertTrue(self.answered(5))
        self.assertTrue(self.km.is_alive())
        content, msgs = run(self.kc, "6*7")
        self.assertEqual(result_of(msgs), {"text/plain": "42"}, describe(content))

        self.log.seek(0)
        lines = [l for l in self.log.read().splitlines() if "dropped" in l]
        self.assertEqual(len(lines), len(cases) + 2, "one log line per dropped message:\n" + "\n".join(lines))
        for reason in ("bad signature", "replayed signature", "missing signature", "no <IDS|MSG> delimiter",
                       "fewer than 5 frames", "content", "unknown type"):
            self.assertTrue(any(reason in l for l in lines), f"no log line mentions {reason!r}")


class SilentPeer(unittest.TestCase):
    def test_silent_connection_does_not_block_frontends(self):
        """A TCP peer that never speaks ZMTP (a port scanner) must not keep
        a frontend that comes after it from connecting."""
        km, kc = start()
        try:
            ci = km.get_connection_info()
            silent = [socket.create_connection((ci["ip"], ci[p])) for p in ("shell_port", "iopub_port", "control_port", "stdin_port", "hb_port")]
            time.sleep(0.2)
            late = km.client(session=Session(key=km.session.key, signature_scheme=km.session.signature_scheme))
            late.start_channels()
            late.wait_for_ready(timeout=30)
            content, msgs = run(late, "6*7")
            self.assertEqual(result_of(msgs), {"text/plain": "42"}, describe(content))
            late.stop_channels()
            for s in silent:
                s.close()
        finally:
            stop(km, kc)


class ClientChurn(unittest.TestCase):
    """Frontends come and go (zmq4 issue 151: PUB stopped delivering after
    subscribers connected and disconnected); later ones are still served."""

    def test_many_clients(self):
        km, kc = start()
        try:
            for i in range(8):
                # Each frontend has its own session (as separate programs
                # do); clients of one KernelManager would share its ids.
                c = km.client(session=Session(key=km.session.key, signature_scheme=km.session.signature_scheme))
                c.start_channels()
                c.wait_for_ready(timeout=30)
                content, msgs = run(c, f'fmt.Println("client {i}")')
                self.assertEqual(stdout_of(msgs), f"client {i}\n", describe(content))
                if i % 2:
                    # Vanish without a word: close the sockets abruptly.
                    for ch in (c.shell_channel, c.iopub_channel, c.stdin_channel):
                        ch.socket.close(linger=0)
                c.stop_channels()
            content, msgs = run(kc, "6*7")
            self.assertEqual(result_of(msgs), {"text/plain": "42"}, describe(content))
        finally:
            stop(km, kc)


class Lifecycle(unittest.TestCase):
    def test_exits_when_frontend_dies(self):
        """A frontend killed without a shutdown_request (JPY_PARENT_PID set
        by jupyter_client) must not leave the kernel running."""
        script = (
            "import sys, time\n"
            "from jupyter_client.manager import start_new_kernel\n"
            f"km, kc = start_new_kernel(kernel_name={KERNEL!r}, startup_timeout=60)\n"
            "print(km.provisioner.process.pid, flush=True)\n"
            "time.sleep(600)\n")
        frontend = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
        pid = None
        try:
            pid = int(frontend.stdout.readline())
            self.assertTrue(alive(pid))
            frontend.kill()
            frontend.wait()
            deadline = time.monotonic() + 10
            while alive(pid) and time.monotonic() < deadline:
                time.sleep(0.1)
            self.assertFalse(alive(pid), "the kernel outlived its frontend")
        finally:
            frontend.kill()
            if pid and alive(pid):
                os.kill(pid, signal.SIGKILL)  # ours, orphaned by the failure

    def test_ipc_transport(self):
        with tempfile.TemporaryDirectory() as d:
            km = KernelManager(kernel_name=KERNEL, transport="ipc", ip=os.path.join(d, "kernel"))
            km.start_kernel()
            kc = km.client()
            kc.start_channels()
            try:
                kc.wait_for_ready(timeout=60)
                self.assertTrue(os.path.exists(os.path.join(d, f"kernel-{km.shell_port}")))
                content, msgs = run(kc, "6*7")
                self.assertEqual(result_of(msgs), {"text/plain": "42"}, describe(content))
                self.assertTrue(kc.hb_channel.is_beating())
            finally:
                stop(km, kc)

    def test_shutdown_request_exits(self):
        km, kc = start()
        try:
            proc = km.provisioner.process
            msg_id = kc.shutdown()
            reply = kc.get_control_msg(timeout=TIMEOUT)
            self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
            self.assertEqual(reply["content"], {"status": "ok", "restart": False})
            self.assertEqual(proc.wait(timeout=5), 0)
        finally:
            kc.stop_channels()
            km.cleanup_resources()

    def test_shutdown_while_busy(self):
        km, kc = start()
        try:
            proc = km.provisioner.process
            kc.execute(LOOP_FOREVER)
            time.sleep(0.3)
            t0 = time.monotonic()
            kc.shutdown()
            reply = kc.get_control_msg(timeout=TIMEOUT)
            self.assertEqual(reply["content"]["status"], "ok")
            self.assertEqual(proc.wait(timeout=5), 0)
            self.assertLess(time.monotonic() - t0, 3)
        finally:
            kc.stop_channels()
            km.cleanup_resources()

    def test_restart(self):
        km, kc = start()
        try:
            content, _ = run(kc, "x := 6*7")
            self.assertEqual(content["status"], "ok", describe(content))
            old_pid = km.provisioner.process.pid
            msg_id = kc.kernel_info()
            old_session = shell_reply(kc, msg_id)["header"]["session"]
            km.restart_kernel(now=False)  # shutdown_request(restart=True), then a new process
            kc.wait_for_ready(timeout=60)
            self.assertNotEqual(km.provisioner.process.pid, old_pid)
            msg_id = kc.kernel_info()
            self.assertNotEqual(shell_reply(kc, msg_id)["header"]["session"], old_session)
            content, _ = run(kc, "x")
            self.assertEqual(content["status"], "error", "x survived the restart")
            self.assertEqual(content["execution_count"], 1)
        finally:
            stop(km, kc)


if __name__ == "__main__":
    unittest.main()
