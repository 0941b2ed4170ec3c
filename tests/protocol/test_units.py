"""Cells of each kind of the unit pass through the kernel (issue 10): typed
results, rates, half exponents, arrays with Go's operators, masks, and the
errors a notebook shows for mismatched units, with their cell positions.
The values are what Brian2 2.5.1 prints (10. V/s where it writes base
units)."""

import unittest

import gonsim_client as gc

SETUP = "tau := 10*ms\nv := 10*mV\nR := 2*Mohm\nt := Arange(0*ms, 0.5*ms, 0.1*ms)"

# (cell, text/plain of its result)
VALUES = [
    ("1/tau", "100. Hz"),
    ("tau*tau", "100. ms^2"),
    ("10*mV/ms", "10. V/s"),
    ("v/R", "5. nA"),
    ('fmt.Sprintf("%T", v/R)', "units.Current"),
    ("sqrt(4*ms)", "0.06324555 s^0.5"),
    ("exp(-t[2]/tau)", "0.9801986733067553"),
    ("1 - exp(-t/tau)", "array([0.        , 0.00995017, 0.01980133, 0.02955447, 0.03921056])"),
    ("t[t > 0.25*ms]", "array([0.3, 0.4]) * msecond"),
    ("!(t > 0.25*ms)", "array([ True,  True,  True, False, False])"),
    ("Mean(t)", "200. us"),
]

# (cell, ename, the start of the error's text)
ERRORS = [
    ("x := 1\ny := 5*mV + 3*ms", "DimensionMismatchError",
     "2:11: cannot calculate 5*mV + 3*ms, units do not match (mV and ms)"),
    ("exp(v)", "DimensionMismatchError", "1:5: exp expects a dimensionless argument but got v (unit is V)"),
    ("t + 3*mV", "ArrayDimensionError",
     "cannot calculate [  0. 100. 200. 300. 400.] us + 3. mV, units do not match (units are s and V)"),
    ("var c Current = v/tau", "CompileError", "1:17: cannot use type units.Quantity as type units.Current"),
]


class UnitCells(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = gc.start()
        reply, _ = gc.run(cls.kc, SETUP)
        assert reply["status"] == "ok", gc.describe(reply)

    @classmethod
    def tearDownClass(cls):
        gc.stop(cls.km, cls.kc)

    def test_values(self):
        for code, want in VALUES:
            with self.subTest(code):
                reply, msgs = gc.run(self.kc, code)
                self.assertEqual(reply["status"], "ok", gc.describe(reply))
                self.assertEqual(gc.result_of(msgs)["text/plain"], want)

    def test_errors_keep_the_session(self):
        for code, ename, text in ERRORS:
            with self.subTest(code):
                reply, msgs = gc.run(self.kc, code)
                self.assertEqual(reply["status"], "error")
                self.assertEqual(reply["ename"], ename, gc.describe(reply))
                self.assertTrue(reply["evalue"].startswith(text), reply["evalue"])
                shown = [m for m in msgs if m["msg_type"] == "error"]
                self.assertTrue(shown, "the notebook shows the error")
        # the variables of the setup are intact
        reply, msgs = gc.run(self.kc, "v/R")
        self.assertEqual(gc.result_of(msgs)["text/plain"], "5. nA")


if __name__ == "__main__":
    unittest.main()
