"""The worker's memory (issue 11, parts 2 and 4): a hard limit ends a cell
that outgrows it in a FatalError instead of swapping, nsim refuses what
would not fit first, and the memory a cell dropped goes back to the
operating system."""

import os
import time
import unittest

import gonsim_client as gc


def rss_mib(pid):
    """VmRSS of a process, in MiB."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise AssertionError(f"no VmRSS for {pid}")


def worker_pid(kc):
    reply, msgs = gc.run(kc, 'import "os"\nos.Getpid()')
    assert reply["status"] == "ok", gc.describe(reply)
    return int(gc.result_of(msgs)["text/plain"])


class HardLimit(unittest.TestCase):
    """A kernel whose worker may use 1 GiB (GONSIM_MEMORY_LIMIT)."""

    @classmethod
    def setUpClass(cls):
        env = dict(os.environ, GONSIM_MEMORY_LIMIT="1GiB")
        cls.km, cls.kc = gc.start(env=env)

    @classmethod
    def tearDownClass(cls):
        gc.stop(cls.km, cls.kc)

    def test_growth_past_the_limit(self):
        reply, _ = gc.run(self.kc, "x := 41")
        count = reply["execution_count"]
        code = "var keep [][]byte\nfor i := 0; i < 64; i++ {\n\tkeep = append(keep, bytes.Repeat([]byte{1}, 64<<20))\n}"
        t = time.monotonic()
        reply, msgs = gc.run(self.kc, 'import "bytes"\n' + code, timeout=60)
        took = time.monotonic() - t
        self.assertEqual(reply["status"], "error", gc.describe(reply))
        self.assertEqual(reply["ename"], "FatalError")
        # The runtime says "out of memory" with what it was allocating.
        self.assertRegex(reply["evalue"], r"^fatal error: out of memory.* \(cell line 3\); the Go session was restarted, re-run your cells$")
        self.assertEqual(reply["execution_count"], count + 1)
        t = time.monotonic()
        reply, msgs = gc.run(self.kc, "x := 1\nx + 1")
        recovered = time.monotonic() - t
        self.assertEqual(gc.result_of(msgs)["text/plain"], "2")
        self.assertEqual(reply["execution_count"], count + 2)
        print(f"\n  past the hard limit: answered in {took:.2f}s, next cell in {recovered:.2f}s")

    def test_budget_follows_the_limit(self):
        # nsim's default budget is 3/4 of the hard limit: a group too big
        # for the process is refused with its bytes, the session lives on.
        reply, _ = gc.run(self.kc, 'StartScope()\nG := NeuronGroup(100000000, "dv/dt = -v/(10*ms) : 1")')
        self.assertEqual(reply["status"], "error")
        self.assertIn("100000000 neurons × 2 variables would need 1.5 GiB, more than the memory budget of 768.0 MiB allows", reply["evalue"])
        reply, msgs = gc.run(self.kc, "y := 3\ny")
        self.assertEqual(gc.result_of(msgs)["text/plain"], "3")

    def test_monitor_refused_before_the_run(self):
        code = ('StartScope()\nG := NeuronGroup(10000, "dv/dt = -v/(10*ms) : 1\\ndw/dt = -w/(10*ms) : 1")\n'
                'M := StateMonitor(G, []string{"v", "w"})\nRun(600 * ms)')
        t = time.monotonic()
        reply, _ = gc.run(self.kc, code)
        took = time.monotonic() - t
        self.assertEqual(reply["status"], "error")
        # 915.6 MiB fits the run's recording limit (1 GiB), not the budget.
        self.assertIn("statemonitor: recording 2 variable(s) × 10000 neuron(s) × 6000 steps would need 915.6 MiB, "
                      "more than the memory budget of 768.0 MiB allows", reply["evalue"])
        self.assertLess(took, 10)
        reply, msgs = gc.run(self.kc, "Run(1 * ms)\nlen(M.T().Floats())")
        self.assertEqual(reply["status"], "ok", gc.describe(reply))
        self.assertEqual(gc.result_of(msgs)["text/plain"], "10")


class MemoryGoesBack(unittest.TestCase):
    def test_rss_after_a_big_cell(self):
        km, kc = gc.start()
        try:
            pid = worker_pid(kc)
            time.sleep(2)  # the startup's garbage is released too
            base = rss_mib(pid)
            # Three 20 MB slices, live until the cell ends: 60 MB of
            # garbage then, less than a collection would start on.
            code = ('import "bytes"\nfunc grab() int {\n\tvar keep [][]byte\n\tfor i := 0; i < 3; i++ {\n'
                    '\t\tkeep = append(keep, bytes.Repeat([]byte{1}, 20<<20))\n\t}\n\treturn len(keep) * len(keep[0])\n}\ngrab()')
            reply, msgs = gc.run(kc, code, timeout=60)
            self.assertEqual(gc.result_of(msgs)["text/plain"], str(3 * 20 << 20), gc.describe(reply))
            peak = rss_mib(pid)
            t = time.monotonic()
            while rss_mib(pid) > base + 50 and time.monotonic() - t < 10:
                time.sleep(0.2)
            back = time.monotonic() - t
            now = rss_mib(pid)
            self.assertLessEqual(now, base + 50, f"RSS {now:.0f} MiB 10 s after the cell (baseline {base:.0f}, at its end {peak:.0f})")
            self.assertEqual(worker_pid(kc), pid)  # the same worker: released, not restarted
            print(f"\n  RSS: baseline {base:.0f} MiB, {peak:.0f} at the cell's end, {now:.0f} after {back:.1f}s")
        finally:
            gc.stop(km, kc)


if __name__ == "__main__":
    unittest.main()
