"""A client that connects at the same moment as the kernel starts.

jupyter_client's BlockingKernelClient is started right beside the kernel
process, in both orders (before Popen, so its sockets connect before the
ports exist and reconnect; and right after, as KernelManager does). It
sends kernel_info at once. It must get the reply and, on iopub, every
status: the kernel's "starting", then "busy" and "idle" of the request,
in that order, although its SUB socket subscribed after the kernel
published the first of them (ZeroMQ's slow joiner). A cell right after
runs in the worker that started meanwhile. Each case runs the kernel
both as the installed kernelspec does, through gonsim-launch (which binds
the ports before the kernel starts, GONSIM_LAUNCH), and on its own. How
fast this is, is bench/kernelstart's business, not asserted here.
"""

import os
import subprocess
import tempfile
import unittest

from jupyter_client import BlockingKernelClient
from jupyter_client.connect import write_connection_file

from gonsim_client import TIMEOUT, iopub_until_idle, result_of, run, shell_reply

BIN = os.environ["GONSIM_BIN"]
LAUNCH = os.environ.get("GONSIM_LAUNCH")


class SameMoment(unittest.TestCase):
    def start(self, client_first, launched):
        tmp = tempfile.mkdtemp()
        cf, _ = write_connection_file(fname=os.path.join(tmp, "kernel.json"))
        kc = BlockingKernelClient(connection_file=cf)
        kc.load_connection_file()
        if client_first:
            kc.start_channels()
        proc = subprocess.Popen(([LAUNCH] if launched else []) + [BIN, cf], stdout=subprocess.DEVNULL)
        if not client_first:
            kc.start_channels()

        def stop():
            kc.shutdown()
            try:
                proc.wait(timeout=10)
            finally:
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()
                kc.stop_channels()
                os.unlink(cf)
                os.rmdir(tmp)

        self.addCleanup(stop)
        return kc

    def check(self, client_first):
        for launched in [True, False]:
            with self.subTest(launched=launched):
                if launched and not LAUNCH:
                    self.fail("no gonsim-launch beside GONSIM_BIN (tests/protocol/run exports GONSIM_LAUNCH)")
                self.check_start(client_first, launched)

    def check_start(self, client_first, launched):
        kc = self.start(client_first, launched)
        msg_id = kc.kernel_info()
        reply = shell_reply(kc, msg_id)
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual(reply["content"]["implementation"], "gonsim")
        statuses = []
        while True:
            m = kc.get_iopub_msg(timeout=TIMEOUT)
            parent = m["parent_header"].get("msg_id")
            self.assertEqual(m["msg_type"], "status", m)
            statuses.append((m["content"]["execution_state"], parent))
            if parent == msg_id and m["content"]["execution_state"] == "idle":
                break
        self.assertEqual(statuses, [("starting", None), ("busy", msg_id), ("idle", msg_id)])
        reply, msgs = run(kc, "1 + 1")
        self.assertEqual(reply["status"], "ok")
        self.assertEqual(result_of(msgs)["text/plain"], "2")

    def test_client_before_kernel(self):
        self.check(client_first=True)

    def test_client_right_after_kernel(self):
        self.check(client_first=False)

    def test_is_complete_while_the_worker_starts(self):
        # The worker answers is_complete; a request at once waits for it.
        kc = self.start(client_first=False, launched=bool(LAUNCH))
        msg_id = kc.is_complete("x := (")
        reply = shell_reply(kc, msg_id)["content"]
        self.assertEqual((reply["status"], reply["indent"]), ("incomplete", "    "))


if __name__ == "__main__":
    unittest.main()
