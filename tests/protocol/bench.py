"""Performance of the gonsim kernel next to ipykernel, measured in the same
run on the same machine (run through `tests/protocol/run --bench`).

  start      kernel process start to the first kernel_info_reply
  ready      KernelManager.start_kernel to BlockingKernelClient.wait_for_ready
             returning, what every frontend pays per kernel (jupyter_client
             resends kernel_info when no iopub message arrives within 0.2 s
             of the reply)
  execute    a trivial execute: execute_request sent to reply and idle received
  stream     10,000 printed lines: request sent to idle, all lines in order

Raw pyzmq sockets and jupyter_client's Session are used instead of
BlockingKernelClient so the client's own threads add little to the numbers.
"""

import argparse
import json
import statistics
import sys
import time

import zmq
from jupyter_client import KernelManager
from jupyter_client.session import Session

from gonsim_client import KERNEL

CODE = {
    KERNEL: {"trivial": "1", "lines": "for i := 0; i < 10000; i++ {\n\tfmt.Println(i)\n}"},
    "python3": {"trivial": "1", "lines": "for i in range(10000):\n    print(i)"},
}


class Raw:
    """A minimal frontend: DEALER on shell, SUB on iopub."""

    def __init__(self, km):
        ci = km.get_connection_info()
        self.session = Session(key=km.session.key, signature_scheme=km.session.signature_scheme)
        self.ctx = zmq.Context()
        self.shell = self.ctx.socket(zmq.DEALER)
        self.iopub = self.ctx.socket(zmq.SUB)
        self.iopub.setsockopt(zmq.SUBSCRIBE, b"")
        for s in (self.shell, self.iopub):
            s.linger = 0
        url = f"{ci['transport']}://{ci['ip']}:"
        self.shell.connect(url + str(ci["shell_port"]))
        self.iopub.connect(url + str(ci["iopub_port"]))

    def request(self, msg_type, content=None):
        msg = self.session.msg(msg_type, content or {})
        self.session.send(self.shell, msg)
        return msg["header"]["msg_id"]

    def recv(self, sock, timeout=30):
        # Lighter than Session.deserialize (no signature check, no date
        # parsing), so the client adds as little as possible to what is
        # measured; both kernels are measured with it.
        if not sock.poll(int(timeout * 1000)):
            raise TimeoutError("kernel did not answer")
        frames = sock.recv_multipart()
        i = frames.index(b"<IDS|MSG>")
        header, parent, _, content = frames[i + 2:i + 6]
        return {"msg_type": json.loads(header)["msg_type"], "parent_header": json.loads(parent),
                "content": json.loads(content)}

    def reply(self, msg_id):
        while True:
            m = self.recv(self.shell)
            if m["parent_header"].get("msg_id") == msg_id:
                return m

    def until_idle(self, msg_id):
        out = []
        while True:
            m = self.recv(self.iopub)
            if m["parent_header"].get("msg_id") != msg_id:
                continue
            out.append(m)
            if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                return out

    def ready(self):
        # wait_for_ready's logic: kernel_info until iopub delivers.
        while True:
            msg_id = self.request("kernel_info_request")
            self.reply(msg_id)
            if self.iopub.poll(200):
                time.sleep(0.1)
                while self.iopub.poll(50):
                    self.iopub.recv_multipart()
                return

    def execute(self, code):
        msg_id = self.request("execute_request", {"code": code, "silent": False, "store_history": True,
                                                  "user_expressions": {}, "allow_stdin": False,
                                                  "stop_on_error": True})
        reply = self.reply(msg_id)
        return reply, self.until_idle(msg_id)

    def close(self):
        self.shell.close()
        self.iopub.close()
        self.ctx.term()


def bench_start(name, runs):
    times = []
    for _ in range(runs):
        km = KernelManager(kernel_name=name)
        t0 = time.perf_counter()
        km.start_kernel()
        raw = Raw(km)
        msg_id = raw.request("kernel_info_request")
        raw.reply(msg_id)
        times.append(time.perf_counter() - t0)
        raw.close()
        km.shutdown_kernel(now=True)
    return times


def bench_ready(name, runs):
    times = []
    for _ in range(runs):
        km = KernelManager(kernel_name=name)
        t0 = time.perf_counter()
        km.start_kernel()
        kc = km.client()
        kc.start_channels()
        kc.wait_for_ready(timeout=30)
        times.append(time.perf_counter() - t0)
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    return times


def bench_exec(name, runs, stream_runs):
    km = KernelManager(kernel_name=name)
    km.start_kernel()
    raw = Raw(km)
    try:
        raw.ready()
        for _ in range(10):  # warm up
            raw.execute(CODE[name]["trivial"])
        rtt = []
        for _ in range(runs):
            t0 = time.perf_counter()
            reply, _ = raw.execute(CODE[name]["trivial"])
            rtt.append(time.perf_counter() - t0)
            if reply["content"]["status"] != "ok":
                raise SystemExit(f"{name}: trivial cell failed: {reply['content']}")
        stream, counts = [], []
        want = "".join(f"{i}\n" for i in range(10000))
        for _ in range(stream_runs):
            t0 = time.perf_counter()
            reply, msgs = raw.execute(CODE[name]["lines"])
            stream.append(time.perf_counter() - t0)
            streams = [m for m in msgs if m["msg_type"] == "stream"]
            text = "".join(m["content"]["text"] for m in streams)
            if reply["content"]["status"] != "ok" or text != want:
                raise SystemExit(f"{name}: 10,000 lines not delivered in order ({reply['content']['status']}, {len(text)} chars)")
            counts.append(len(streams))
        return rtt, stream, counts
    finally:
        raw.close()
        km.shutdown_kernel(now=True)


def ms(xs):
    return statistics.median(xs) * 1e3


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=300, help="trivial executes per kernel")
    ap.add_argument("--starts", type=int, default=5, help="kernel starts per kernel")
    ap.add_argument("--streams", type=int, default=5, help="10,000-line cells per kernel")
    ap.add_argument("--readies", type=int, default=10, help="kernel starts to wait_for_ready per kernel")
    ap.add_argument("--only-ready", action="store_true", help="measure start→ready only")
    ap.add_argument("--kernels", default=f"{KERNEL},python3")
    args = ap.parse_args()

    if args.only_ready:
        for name in args.kernels.split(","):
            ready = bench_ready(name, args.readies)
            print(f"{name:10} start→ready median {ms(ready):7.1f}ms mean {statistics.mean(ready) * 1e3:7.1f}ms  "
                  f"runs {' '.join(f'{x * 1e3:.0f}' for x in ready)} ms")
        return 0

    rows = []
    for name in args.kernels.split(","):
        start = bench_start(name, args.starts)
        ready = bench_ready(name, args.readies)
        rtt, stream, counts = bench_exec(name, args.runs, args.streams)
        q = statistics.quantiles(rtt, n=10)
        rows.append((name, ms(start), ms(rtt), q[-1] * 1e3, ms(stream), max(counts), ms(ready)))
    print(f"{'kernel':10} {'start→info':>12} {'start→ready':>12} {'execute p50':>12} {'p90':>8} {'10k lines':>10} {'streams':>8}")
    for name, s, r, p90, st, n, rd in rows:
        print(f"{name:10} {s:10.1f}ms {rd:10.1f}ms {r:10.2f}ms {p90:6.2f}ms {st:8.1f}ms {n:8d}")
    g = rows[0]
    targets = [("start→kernel_info ≤ 150 ms", g[1] <= 150), ("execute median ≤ 0.7 ms", g[2] <= 0.7),
               ("10k lines ≤ 20 ms", g[4] <= 20), ("≤ 20 stream messages", g[5] <= 20)]
    for what, ok in targets:
        print(f"{'met ' if ok else 'MISSED'} {what}")
    if len(rows) > 1:
        b = rows[1]
        print(f"ratios {g[0]}/{b[0]}: start {g[1]/b[1]:.2f}, ready {g[6]/b[6]:.2f}, execute {g[2]/b[2]:.2f}, 10k lines {g[4]/b[4]:.2f}")
    return 0 if all(ok for _, ok in targets) else 1


if __name__ == "__main__":
    sys.exit(main())
