"""Time from kernel start to the first kernel_info_reply, for a raw client.

For each kernel command and each trial: write a fresh connection file,
start the kernel and a jupyter_client BlockingKernelClient at the same
moment, send kernel_info as soon as the client's channels are up, and
record the time to the reply, the time to the request's idle status and
the iopub status messages seen (the kernel's "starting", then "busy" and
"idle" of the request), then shut the kernel down.

The orders of "the same moment":
  kernel-first  Popen, then the client's channels at once: the client
                connects about 2 ms after Popen; a kernel not listening
                by then costs libzmq's reconnect (100 ms + up to 100 ms
                of jitter) whatever it does afterwards;
  kernel-first+Nms  the same with N ms between Popen and the client;
  client-first  the client's channels, then Popen: the client always
                connects before the kernel exists;
  manager       KernelManager.start_kernel(), client(), start_channels():
                what a Jupyter frontend does.
With --probe, the time from Popen to the client's shell socket connecting
(with a process that does nothing): the window a kernel has to listen.
With --listen NAME=COMMAND, the time from Popen to the shell port
listening, for each kernel and for COMMAND (the run script passes
bindonly.c, a static C program that only binds): when that floor is
later than the client's connect, no kernel can avoid libzmq's reconnect
in the kernel-first and client-first orders.

usage: kernelstart.py [-n TRIALS] [--orders ...] [--probe] [--listen NAME=COMMAND] NAME=COMMAND...
(COMMAND's words split on spaces; {connection_file} becomes the file)
"""

import argparse
import json
import os
import socket
import statistics
import subprocess
import tempfile
import time

from jupyter_client import BlockingKernelClient, KernelManager
from jupyter_client.connect import write_connection_file
from jupyter_client.kernelspec import KernelSpecManager


def start_raw(argv, order, tmp):
    """Starts the kernel and the client in the given order; returns the
    client, a stop function and t0."""
    cf, _ = write_connection_file(fname=os.path.join(tmp, "kernel-%d.json" % time.monotonic_ns()))
    cmd = [a.replace("{connection_file}", cf) for a in argv]
    kc = BlockingKernelClient(connection_file=cf)
    kc.load_connection_file()
    delay = float(order.partition("+")[2].removesuffix("ms") or 0) / 1000
    t0 = time.perf_counter()
    if order == "client-first":
        kc.start_channels()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    else:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if delay:
            time.sleep(delay)
        kc.start_channels()

    def stop():
        try:
            kc.shutdown()
            proc.wait(timeout=5)
        except Exception:
            proc.kill()
            proc.wait()
        kc.stop_channels()
        kc.context.destroy(linger=0)  # its own (a client keeps sockets open until then)
        os.unlink(cf)

    return kc, stop, t0


def start_manager(name, tmp):
    km = KernelManager(kernel_name=name, kernel_spec_manager=KernelSpecManager(kernel_dirs=[tmp]))
    t0 = time.perf_counter()
    km.start_kernel(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    kc = km.client()
    kc.start_channels()

    def stop():
        kc.stop_channels()
        km.shutdown_kernel()
        km.context.destroy(linger=0)

    return kc, stop, t0


def trial(name, argv, order, tmp):
    if order == "manager":
        kc, stop, t0 = start_manager(name, tmp)
    else:
        kc, stop, t0 = start_raw(argv, order, tmp)
    try:
        msg_id = kc.kernel_info()
        reply = kc.get_shell_msg(timeout=10)
        t_reply = time.perf_counter() - t0
        if reply["parent_header"].get("msg_id") != msg_id:
            raise RuntimeError("reply to another request")
        # The statuses: "starting" (no parent), then busy and idle of the
        # request, in that order; wait for the idle at most 2 s.
        seen, t_idle = [], None
        deadline = time.perf_counter() + 2
        while time.perf_counter() < deadline:
            try:
                m = kc.get_iopub_msg(timeout=max(0.001, deadline - time.perf_counter()))
            except Exception:
                break
            if m["msg_type"] != "status":
                continue
            parent = m["parent_header"].get("msg_id")
            state = m["content"]["execution_state"]
            seen.append(state if parent is None or parent == msg_id else state + "(other)")
            if parent == msg_id and state == "idle":
                t_idle = time.perf_counter() - t0
                break
        return t_reply, t_idle, seen
    finally:
        stop()


def connect_time(tmp):
    """Seconds from Popen to the client's shell socket connecting (its
    channel's creation connects it), with a kernel that does nothing."""
    cf, _ = write_connection_file(fname=os.path.join(tmp, "conn-%d.json" % time.monotonic_ns()))
    kc = BlockingKernelClient(connection_file=cf)
    kc.load_connection_file()
    t0 = time.perf_counter()
    proc = subprocess.Popen(["sleep", "1"])
    kc.shell_channel
    t = time.perf_counter() - t0
    kc.stop_channels()
    proc.kill()
    proc.wait()
    os.unlink(cf)
    return t


def listen_time(argv, tmp):
    """Seconds from Popen to the shell port accepting a tcp connection,
    polled every 0.2 ms (so the poller leaves the second core alone)."""
    cf, _ = write_connection_file(fname=os.path.join(tmp, "listen-%d.json" % time.monotonic_ns()))
    with open(cf) as f:
        port = json.load(f)["shell_port"]
    cmd = [a.replace("{connection_file}", cf) for a in argv]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while time.perf_counter() - t0 < 5:
            with socket.socket() as s:
                try:
                    s.connect(("127.0.0.1", port))
                    return time.perf_counter() - t0
                except OSError:
                    pass
            time.sleep(0.0002)
        return float("nan")
    finally:
        proc.kill()
        proc.wait()
        os.unlink(cf)


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def loadavg():
    return " ".join(open("/proc/loadavg").read().split()[:3])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=20)
    ap.add_argument("--orders", default="kernel-first,client-first,manager")
    ap.add_argument("--probe", action="store_true")
    ap.add_argument("--listen", action="append", default=[], metavar="NAME=COMMAND")
    ap.add_argument("kernels", nargs="+")
    a = ap.parse_args()
    kernels = [spec.split("=", 1) for spec in a.kernels]
    print("load average %s; %d trials each, interleaved" % (loadavg(), a.n))
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, cmd in kernels:
            os.makedirs(os.path.join(tmp, name))
            with open(os.path.join(tmp, name, "kernel.json"), "w") as f:
                json.dump({"argv": cmd.split(), "display_name": name, "language": "x"}, f)
        for _ in range(a.n):
            for order in a.orders.split(","):
                for name, cmd in kernels:
                    results.setdefault((order, name), []).append(trial(name, cmd.split(), order, tmp))
    print("time from starting the kernel to kernel_info_reply, and to the request's idle status")
    print("%-17s %-10s %8s %8s %8s %9s %6s  %s" % ("order", "kernel", "median", "p90", "max", "idle med", "≤50ms", "statuses"))
    for (order, name), rs in results.items():
        reply = [r[0] * 1000 for r in rs]
        idle = [r[1] * 1000 for r in rs if r[1] is not None]
        kinds = {}
        for r in rs:
            k = " ".join(r[2]) or "(none)"
            kinds[k] = kinds.get(k, 0) + 1
        st = "; ".join("%d× %s" % (n, k) for k, n in sorted(kinds.items(), key=lambda kv: -kv[1]))
        print("%-17s %-10s %6.1fms %6.1fms %6.1fms %7.1fms %3d/%-2d  %s" % (
            order, name, statistics.median(reply), pct(reply, 90), max(reply),
            statistics.median(idle) if idle else float("nan"),
            sum(t <= 50 for t in reply), len(reply), st))
    if a.probe:
        with tempfile.TemporaryDirectory() as tmp:
            ts = [connect_time(tmp) * 1000 for _ in range(a.n)]
            print("%-10s client's shell socket connects %.2f ms after Popen (median; p10 %.2f, p90 %.2f)" % (
                "client", statistics.median(ts), pct(ts, 10), pct(ts, 90)))
    if a.listen:
        with tempfile.TemporaryDirectory() as tmp:
            for name, cmd in kernels + [spec.split("=", 1) for spec in a.listen]:
                ts = [listen_time(cmd.split(), tmp) * 1000 for _ in range(a.n)]
                print("%-10s listens %.2f ms after Popen (median; p10 %.2f, p90 %.2f)" % (
                    name, statistics.median(ts), pct(ts, 10), pct(ts, 90)))
    print("load average %s at the end" % loadavg())


if __name__ == "__main__":
    main()
