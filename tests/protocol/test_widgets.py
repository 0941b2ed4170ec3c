"""Widgets over the comm protocol, as a widget manager drives them: the
kernel opens a model per widget (protocol 2.0.0, @jupyter-widgets/controls
1.5.0), the frontend sends state updates, and Go callbacks run in the
session with their output captured by Output areas (msg_id). Bad comm
messages are dropped; a looping callback is interrupted; Go code setting
a value thousands of times is coalesced. Also measures the slider-to-figure
latency of notebook 10's live re-simulation."""

import statistics
import time
import unittest

from gonsim_client import (TIMEOUT, describe, iopub_until_idle, result_of, run,
                           shell_reply, start, stdout_of, stop)

VIEW = "application/vnd.jupyter.widget-view+json"

LIF = """StartScope()
box := Interact(func(tau Time, I Current) {
	StartScope()
	G := NeuronGroup(1, "dv/dt = (I/nA - v)/tau : 1", Threshold("v>1"), Reset("v=0"), Method("euler"))
	times := make([]Time, 4)
	for k := range times {
		times[k] = Time(1+k) * 10 * ms
	}
	G_in := SpikeGeneratorGroup(1, make([]int, 4), times)
	S := Synapses(G_in, G, OnPre("v += 0.6"))
	S.Connect(P(1))
	M := StateMonitor(G, "v", RecordAll())
	spikes := SpikeMonitor(G)
	Run(50 * ms)
	fmt.Println("tau", tau, "I", I, "spikes:", spikes.T())
	Figure(6, 2.5)
	Plot(M.T().In(ms), M.Of("v", 0))
	Xlabel("Time (ms)")
	Ylabel("v")
}, Between(1*ms, 50*ms, 1*ms).From(15*ms), Between(0*nA, 2*nA, 0.1*nA).From(0*nA))
box"""


def opened(msgs):
    """model id → state of the widget comms opened in msgs."""
    out = {}
    for m in msgs:
        if m["msg_type"] == "comm_open":
            c = m["content"]
            assert c["target_name"] == "jupyter.widget", c
            assert m["metadata"].get("version") == "2.0.0", m["metadata"]
            out[c["comm_id"]] = c["data"]["state"]
    return out


def find(states, **kv):
    for cid, s in states.items():
        if all(s.get(k) == v for k, v in kv.items()):
            return cid
    raise AssertionError(f"no widget with {kv} among {[s.get('_model_name') for s in states.values()]}")


class Widgets(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start()

    @classmethod
    def tearDownClass(cls):
        stop(cls.km, cls.kc)

    def comm(self, msg_type, content, timeout=TIMEOUT):
        """Send a comm message on shell; the iopub messages it caused."""
        msg = self.kc.session.msg(msg_type, content)
        self.kc.shell_channel.send(msg)
        return iopub_until_idle(self.kc, msg["header"]["msg_id"], timeout)

    def update(self, cid, **state):
        return self.comm("comm_msg", {"comm_id": cid, "data": {"method": "update", "state": state, "buffer_paths": []}})

    def cell(self, code):
        content, msgs = run(self.kc, code)
        self.assertEqual(content["status"], "ok", describe(content))
        return msgs

    def test_slider_round_trip(self):
        msgs = self.cell('n := IntSlider("n", 3, 0, 10)\n'
                         'n.Observe(func(c Change) { fmt.Println("n is now", c.New) })\nn')
        states = opened(msgs)
        cid = find(states, _model_name="IntSliderModel", description="n")
        s = states[cid]
        self.assertEqual((s["_model_module"], s["_model_module_version"], s["value"], s["max"]),
                         ("@jupyter-widgets/controls", "1.5.0", 3, 10))
        self.assertIn(s["layout"][len("IPY_MODEL_"):], states)  # its layout model was opened first
        data = result_of(msgs)
        self.assertEqual(data[VIEW], {"version_major": 2, "version_minor": 0, "model_id": cid})
        self.assertIn('IntSlider(description="n", value=3', data["text/plain"])

        self.assertEqual(stdout_of(self.update(cid, value=7)), "n is now 7\n")
        self.assertEqual(result_of(self.cell("n.Value()"))["text/plain"], "7")
        # Out of range: clamped, and the frontend is told.
        back = [m for m in self.update(cid, value=99) if m["msg_type"] == "comm_msg"]
        self.assertEqual([m["content"]["data"]["state"] for m in back], [{"value": 10}])
        # request_state answers with the whole state.
        full = [m for m in self.comm("comm_msg", {"comm_id": cid, "data": {"method": "request_state"}})
                if m["msg_type"] == "comm_msg"]
        self.assertEqual(full[0]["content"]["data"]["state"]["value"], 10)

        reply = self.kc.comm_info(target_name="jupyter.widget", reply=True)
        self.assertEqual(reply["content"]["comms"][cid], {"target_name": "jupyter.widget"})
        reply = self.kc.comm_info(target_name="no.such.target", reply=True)
        self.assertEqual(reply["content"]["comms"], {})

    def test_bad_comm_messages_are_dropped(self):
        msgs = self.cell('b := Button("go")\nb.OnClick(func() { fmt.Println("clicked") })\nb')
        cid = find(opened(msgs), _model_name="ButtonModel")
        for content in [{"comm_id": "no-such-comm", "data": {"method": "update", "state": {"value": 1}}},
                        {"comm_id": cid, "data": "not an object"},
                        {"comm_id": cid, "data": {"method": "update", "state": "x"}},
                        {"comm_id": cid, "data": {"method": "bogus"}},
                        {"data": {}}]:
            got = [m["msg_type"] for m in self.comm("comm_msg", content)]
            self.assertEqual(got, ["status", "status"], content)
        closed = self.comm("comm_open", {"comm_id": "c-x", "target_name": "no.such.target", "data": {}})
        self.assertEqual([m["msg_type"] for m in closed], ["status", "comm_close", "status"])
        # The widget still works.
        got = self.comm("comm_msg", {"comm_id": cid, "data": {"method": "custom", "content": {"event": "click"}}})
        self.assertEqual(stdout_of(got), "clicked\n")

    def test_interact_redraws_in_its_output_area(self):
        msgs = self.cell(LIF)
        self.assertIn("tau 15. ms I 0. A spikes: [30.1] ms", stdout_of(msgs))
        states = opened(msgs)
        tau = find(states, description="tau (ms)")
        self.assertEqual((states[tau]["value"], states[tau]["min"], states[tau]["max"]), (15, 1, 50))
        find(states, description="I (nA)")
        out = find(states, _model_name="OutputModel")
        got = self.update(tau, value=30)
        parent = got[0]["parent_header"]["msg_id"]
        seq = []
        for m in got:
            t, c = m["msg_type"], m["content"]
            if t == "comm_msg" and c["comm_id"] == out:
                seq.append("msg_id=" + c["data"]["state"]["msg_id"])
            elif t in ("stream", "display_data", "clear_output"):
                seq.append(t)
        self.assertEqual(seq, ["msg_id=" + parent, "clear_output", "stream", "display_data", "msg_id="])
        self.assertIn("tau 30. ms I 0. A spikes: [20.1 40.1] ms", stdout_of(got))
        fig = [m for m in got if m["msg_type"] == "display_data"][0]
        self.assertIn("image/png", fig["content"]["data"])

    def test_slider_to_figure_latency(self):
        """Send-to-figure time of notebook 10's slider (target 100 ms)."""
        states = opened(self.cell(LIF))
        tau = find(states, description="tau (ms)")
        times = []
        for v in [10, 20, 30, 40, 12, 22, 32, 42, 14, 24, 34, 44, 16, 26, 36, 46, 18, 28, 38, 48]:
            msg = self.kc.session.msg("comm_msg", {"comm_id": tau, "data": {"method": "update", "state": {"value": v}}})
            t0 = time.perf_counter()
            self.kc.shell_channel.send(msg)
            while True:
                m = self.kc.get_iopub_msg(timeout=TIMEOUT)
                if m["parent_header"].get("msg_id") == msg["header"]["msg_id"] and m["msg_type"] == "display_data":
                    times.append(time.perf_counter() - t0)
                    break
            iopub_until_idle(self.kc, msg["header"]["msg_id"])
        times.sort()
        med, p90 = statistics.median(times), times[int(0.9 * len(times)) - 1]
        print(f"\nslider-to-figure latency over {len(times)} updates: median {1e3 * med:.1f} ms, "
              f"p90 {1e3 * p90:.1f} ms, min {1e3 * times[0]:.1f} ms, max {1e3 * times[-1]:.1f} ms")
        # 100 ms is the target on an idle machine; the bound leaves room
        # for a loaded CI machine but catches a protocol stall.
        self.assertLess(med, 0.3)

    def test_looping_callback_is_interrupted(self):
        msgs = self.cell('k := IntSlider("k", 0, 0, 10)\nout := Output()\n'
                         'k.Observe(func(c Change) { out.Capture(true, func() { for k.Value() == 2 {}; fmt.Println("k =", k.Value()) }) })\n'
                         'VBox(k, out)')
        cid = find(opened(msgs), description="k")
        msg = self.kc.session.msg("comm_msg", {"comm_id": cid, "data": {"method": "update", "state": {"value": 2}}})
        self.kc.shell_channel.send(msg)
        time.sleep(0.5)
        self.km.interrupt_kernel()
        got = iopub_until_idle(self.kc, msg["header"]["msg_id"], timeout=10)
        self.assertIn("KeyboardInterrupt", stdout_of(got, "stderr"))
        self.assertEqual(stdout_of(self.update(cid, value=3)), "k = 3\n")
        self.assertEqual(result_of(self.cell("1+1"))["text/plain"], "2")

    def test_many_updates_are_coalesced(self):
        msgs = self.cell('c := IntSlider("c", 0, 0, 1000000)\nc')
        cid = find(opened(msgs), description="c")
        t0 = time.perf_counter()
        msgs = self.cell("for i := 1; i <= 200000; i++ {\n\tc.SetValue(i)\n}")
        took = time.perf_counter() - t0
        ups = [m["content"]["data"]["state"]["value"] for m in msgs
               if m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == cid]
        self.assertEqual(ups[-1], 200000)
        # at most one update per 20 ms of the loop, and the last
        self.assertLessEqual(len(ups), took / 0.020 + 2, f"{len(ups)} updates in {took:.2f}s")


if __name__ == "__main__":
    unittest.main()
