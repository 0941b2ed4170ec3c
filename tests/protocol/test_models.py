"""Large and deep model text (issue 11, part 2): nesting past the bound is
a positioned error, not a dead kernel; preparing a large model at Run is
quick and an interrupt stops it without ending the session."""

import time
import unittest

import gonsim_client as gc

# A cell that builds a model of N terms, dv/dt = (-v + 1e-06*v + ...)/(10*ms).
TERMS = '''var b strings.Builder
b.WriteString("dv/dt = (-v")
for k := 1; k < {n}; k++ {{
	fmt.Fprintf(&b, " + %g*v", 1e-6*float64(k%7))
}}
b.WriteString(") / (10*ms) : 1")
StartScope()
G := NeuronGroup(1, b.String(), Method("euler"))'''


class Models(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = gc.start()
        reply, _ = gc.run(cls.kc, 'import "strings"')
        assert reply["status"] == "ok", gc.describe(reply)

    @classmethod
    def tearDownClass(cls):
        gc.stop(cls.km, cls.kc)

    def test_million_deep_parentheses(self):
        code = 'StartScope()\nG := NeuronGroup(1, "dv/dt = " + strings.Repeat("(", 1000000) + "-v" + strings.Repeat(")", 1000000) + "/(10*ms) : 1")'
        t = time.monotonic()
        reply, msgs = gc.run(self.kc, code, timeout=60)
        took = time.monotonic() - t
        self.assertEqual(reply["status"], "error")
        self.assertNotEqual(reply["ename"], "FatalError", gc.describe(reply))
        self.assertIn("neurongroup, model: 1:209: model: syntax error: expression nested more than 200 deep", reply["evalue"])
        tb = "\n".join(reply["traceback"])
        self.assertLess(len(tb), 2000, "the caret line is cut around the culprit")
        self.assertLess(took, 10)
        reply, msgs = gc.run(self.kc, "z := 5\nz * 2")
        self.assertEqual(gc.result_of(msgs)["text/plain"], "10")
        print(f"\n  a million parentheses: refused in {took:.2f}s")

    def test_large_model_runs(self):
        reply, _ = gc.run(self.kc, TERMS.format(n=8000), timeout=60)
        self.assertEqual(reply["status"], "ok", gc.describe(reply))
        t = time.monotonic()
        reply, msgs = gc.run(self.kc, "Run(1 * ms)\nG.Get(\"v\").Len()", timeout=60)
        took = time.monotonic() - t
        self.assertEqual(reply["status"], "ok", gc.describe(reply))
        self.assertEqual(gc.result_of(msgs)["text/plain"], "1")
        self.assertLess(took, 20, "8,000 terms took 68 s at Run before")
        print(f"\n  8,000 terms: Run in {took:.2f}s")

    def test_interrupt_during_preparation(self):
        reply, _ = gc.run(self.kc, TERMS.format(n=32000) + "\nmark := 7", timeout=60)
        self.assertEqual(reply["status"], "ok", gc.describe(reply))
        msg_id = self.kc.execute("Run(1 * ms)")
        time.sleep(0.5)
        t = time.monotonic()
        self.km.interrupt_kernel()
        reply = gc.shell_reply(self.kc, msg_id, timeout=20)["content"]
        took = time.monotonic() - t
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "KeyboardInterrupt", gc.describe(reply))
        self.assertLess(took, 2, "the worker honoured the interrupt (not ended after 2 s)")
        # The same session: variables are kept.
        reply, msgs = gc.run(self.kc, "mark")
        self.assertEqual(gc.result_of(msgs)["text/plain"], "7")
        print(f"\n  32,000 terms: interrupted in {took:.2f}s")


if __name__ == "__main__":
    unittest.main()
