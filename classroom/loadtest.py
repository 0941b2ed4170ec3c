#!/usr/bin/python3
"""Load test of a classroom: N simulated students at once, each through the
Hub as a browser would (hubclient.py): log in, start a server, open the
course notebooks one after the other (a fresh gonsim kernel each), execute
them cell by cell with random think times, check what they print, stop.

    loadtest.py --url URL --password PW --students N
                [--duration SECONDS | --rounds R] [--notebooks A.ipynb,B.ipynb]
                [--think MIN:MAX] [--hub-pid PID] [--json FILE] [--seed S]
                [--prefix NAME]

--rounds R (default 1): every student runs the notebook list R times;
--duration S instead: students keep going until S seconds have passed (a
notebook cut short by the end is not checked against its expectations).
Student k (named PREFIX and k, student00 by default) starts at notebook k
of the list, so the class is spread over it. With --duration the counts so
far are printed to stderr every minute.

What is checked, per notebook: every cell's execute_reply arrives (else a
reply is lost) with status ok; the notebook's declared expectations hold
(tests/e2e/check_notebook.py: the Brian2 numbers, the figures); then a cell
printing 200 numbered lines must show them all, in order (else output is
lost). No kernel may restart (iopub "restarting", or the worker's restart
message in an error).

Measured: time to first kernel (login to the first kernel_info answered
on iopub too; the kernel_info repeated for a lost iopub answer, see
hubclient.Kernel.connect, are counted and printed, not failures),
cell latency (execute_request to its reply and idle status) percentiles,
and with --hub-pid the memory (proportional set size, from /proc) of every
process under the Hub, sampled about every second: peak per student (their
Notebook server, kernels and workers), peak per kernel (kernel + worker),
peak in total. Exit status 1 on any failure."""

import argparse
import asyncio
import json
import os
import random
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tests", "e2e"))
import check_notebook  # noqa: E402
import hubclient as hc  # noqa: E402

RESTART = "the Go session was restarted"
LINES = 'for i := 0; i < 200; i++ {\n\tfmt.Printf("line %d\\n", i)\n}'
WANT_LINES = "".join(f"line {i}\n" for i in range(200))


class Results:
    """What the students measured and what went wrong, with the first
    messages of each kind of failure."""

    def __init__(self):
        self.count = {"students": 0, "notebooks": 0, "notebooks checked": 0, "cells": 0, "iopub nudges": 0}
        self.fail = {k: 0 for k in ("students failed", "replies lost", "outputs lost", "cell errors",
                                    "kernels restarted")}
        self.latency = []
        self.slowest = (0.0, "")  # latency, which cell
        self.first_kernel = []
        self.messages = []

    def failed(self, kind, msg, n=1):
        self.fail[kind] += n
        if len(self.messages) < 20:
            self.messages.append(f"{kind}: {msg}")


async def student(k, args, notebooks, res, rng, until):
    s = hc.Student(args.url, f"{args.prefix}{k:02d}", args.password)
    t0 = time.monotonic()
    try:
        await s.login()
        await s.start_server()
        await s.open_server()
        order = notebooks[k % len(notebooks):] + notebooks[:k % len(notebooks)]
        rounds = 0
        while (until is None and rounds < args.rounds) or (until is not None and time.monotonic() < until):
            for name in order:
                if until is not None and time.monotonic() >= until:
                    break
                await run_notebook(s, name, args, res, rng, until, t0)
                t0 = None
            rounds += 1
        await s.stop_server()
        await s.logout()
        res.count["students"] += 1
    except Exception as e:  # noqa: BLE001 (any failure ends this student, counted, not the others)
        known = isinstance(e, (hc.HubError, hc.ReplyLost))  # their messages name the student
        res.failed("students failed", str(e) if known else f"{s.name}: {type(e).__name__}: {e}")


async def run_notebook(s, name, args, res, rng, until, t0):
    nb = await s.get_notebook(name)
    k = await s.start_kernel(name)
    res.count["iopub nudges"] += k.nudges
    if t0 is not None:
        res.first_kernel.append(time.monotonic() - t0)
    res.count["notebooks"] += 1
    complete = True
    try:
        for n, cell in enumerate(nb["cells"], 1):
            if cell["cell_type"] != "code":
                continue
            if until is not None and time.monotonic() >= until:
                complete = False
                break
            await asyncio.sleep(rng.uniform(*args.think))
            code = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            if not await run_cell(s, k, name, n, cell, code, args, res):
                complete = False
                break
        if complete:
            nb["metadata"]["language_info"] = k.language_info
            fails, _ = check_notebook.check_notebook(nb, f"{s.name} {name}", language="go")
            res.count["notebooks checked"] += 1
            if fails:
                res.failed("outputs lost", "; ".join(fails)[:500], len(fails))
            lines = {"cell_type": "code", "metadata": {}, "source": LINES}
            if await run_cell(s, k, name, "lines", lines, LINES, args, res):
                text = "".join(o.get("text", "") for o in lines["outputs"] if o["output_type"] == "stream")
                if text != WANT_LINES:
                    res.failed("outputs lost", f"{s.name} {name}: {len(text.splitlines())} of 200 numbered lines, "
                               f"not all in order")
    finally:
        if k.restarts:
            res.failed("kernels restarted", f"{s.name} {name}: {k.restarts} restart(s)", k.restarts)
        await k.close()


async def run_cell(s, k, name, n, cell, code, args, res):
    """Executes one cell, records its latency and outputs in cell; False
    when its reply was lost or it failed (the notebook stops there, as with
    stop_on_error)."""
    start = time.monotonic()
    try:
        reply, iopub = await k.execute(code, timeout=args.cell_timeout)
    except hc.ReplyLost as e:
        res.failed("replies lost", f"{name} cell {n}: {e}")
        return False
    took = time.monotonic() - start
    res.latency.append(took)
    res.slowest = max(res.slowest, (took, f"{name} cell {n}"))
    res.count["cells"] += 1
    cell["outputs"] = hc.outputs_of(iopub)
    cell["execution_count"] = reply["content"].get("execution_count")
    if reply["content"].get("status") != "ok":
        c = reply["content"]
        kind = "kernels restarted" if RESTART in str(c.get("evalue", "")) else "cell errors"
        res.failed(kind, f"{s.name} {name} cell {n}: {c.get('ename')}: {str(c.get('evalue'))[:200]}")
        return False
    return True


class Memory:
    """Peak proportional set sizes under the Hub's process, sampled."""

    def __init__(self, hub_pid):
        self.hub = hub_pid
        self.total = 0
        self.student = {}  # name -> peak
        self.kernel = 0
        self.samples = 0

    async def run(self, interval=1.0):
        while True:
            # In a thread: reading /proc must not hold up the students.
            await asyncio.to_thread(self.sample)
            await asyncio.sleep(interval)

    def sample(self):
        children = {}
        for pid in _pids():
            ppid = _ppid(pid)
            if ppid is not None:
                children.setdefault(ppid, []).append(pid)
        total = 0
        for pid in children.get(self.hub, []):
            tree = [pid] + _descendants(pid, children)
            pss = {p: _pss(p) for p in tree}
            total += sum(pss.values())
            user = _environ(pid).get("JUPYTERHUB_USER")
            if user is None:
                continue  # the proxy
            self.student[user] = max(self.student.get(user, 0), sum(pss.values()))
            for p in tree:
                argv = _cmdline(p)
                if argv and os.path.basename(argv[0]) == "gonsim" and argv[1:2] != ["worker"]:
                    kern = pss[p] + sum(pss.get(c, 0) for c in _descendants(p, children))
                    self.kernel = max(self.kernel, kern)
        total += _pss(self.hub)
        self.total = max(self.total, total)
        self.samples += 1


def _pids():
    return [int(d) for d in os.listdir("/proc") if d.isdigit()]


def _ppid(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return int(f.read().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None


def _descendants(pid, children):
    out = []
    for c in children.get(pid, []):
        out += [c] + _descendants(c, children)
    return out


def _pss(pid):
    """Proportional set size in bytes (0 for a process gone meanwhile)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _environ(pid):
    try:
        with open(f"/proc/{pid}/environ", "rb") as f:
            items = f.read().split(b"\0")
    except OSError:
        return {}
    return dict(i.decode("utf-8", "replace").split("=", 1) for i in items if b"=" in i)


def _cmdline(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return [a.decode("utf-8", "replace") for a in f.read().split(b"\0") if a]
    except OSError:
        return []


def percentile(xs, q):
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q / 100 * (len(xs) - 1))))]


def report(args, res, mem, took):
    mb = 1 << 20
    lat, ttfk = res.latency, res.first_kernel
    out = {
        "students": args.students, "seconds": round(took, 1), **res.count, **res.fail,
        "time to first kernel s": {"p50": percentile(ttfk, 50), "max": max(ttfk, default=float("nan"))},
        "cell latency s": {q: percentile(lat, int(q[1:])) for q in ("p50", "p95", "p99")} |
                          {"max": max(lat, default=float("nan")), "slowest": res.slowest[1]},
    }
    if mem is not None:
        peaks = list(mem.student.values())
        out["memory MB"] = {"peak per student": max(peaks, default=0) / mb,
                            "mean of students' peaks": sum(peaks) / len(peaks) / mb if peaks else 0,
                            "peak per kernel": mem.kernel / mb, "peak total": mem.total / mb,
                            "samples": mem.samples}
    print(f"{args.students} students, {took:.0f} s: {res.count['cells']} cells in "
          f"{res.count['notebooks']} notebooks ({res.count['notebooks checked']} checked)")
    print("failures: " + ", ".join(f"{k} {v}" for k, v in res.fail.items()))
    print(f"kernel_info repeated until iopub answered (Notebook's skipped nudge): {res.count['iopub nudges']} times")
    print(f"time to first kernel: p50 {out['time to first kernel s']['p50']:.2f} s, "
          f"max {out['time to first kernel s']['max']:.2f} s")
    c = out["cell latency s"]
    print(f"cell latency: p50 {c['p50']:.3f} s, p95 {c['p95']:.3f} s, p99 {c['p99']:.3f} s, max {c['max']:.3f} s "
          f"({c['slowest']})")
    if mem is not None:
        m = out["memory MB"]
        mean = m["mean of students' peaks"]
        print(f"memory (PSS): peak per student {m['peak per student']:.0f} MB (mean of peaks "
              f"{mean:.0f} MB), peak per kernel {m['peak per kernel']:.0f} MB, "
              f"peak total {m['peak total']:.0f} MB ({m['samples']} samples)")
    for msg in res.messages:
        print("  " + msg)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(out, f, indent=2)
            f.write("\n")


async def progress(res, start, every=60):
    while True:
        await asyncio.sleep(every)
        print(f"{time.monotonic() - start:4.0f} s: {res.count['cells']} cells, {res.count['notebooks']} notebooks, "
              f"{res.count['students']} students done, failures {sum(res.fail.values())}", file=sys.stderr, flush=True)


async def main_async(args):
    notebooks = args.notebooks.split(",") if args.notebooks else sorted(
        n for n in os.listdir(os.path.join(ROOT, "notebooks")) if n[0].isdigit() and n.endswith(".ipynb"))
    res = Results()
    mem = Memory(args.hub_pid) if args.hub_pid else None
    sampler = asyncio.ensure_future(mem.run()) if mem else None
    ticker = asyncio.ensure_future(progress(res, time.monotonic())) if args.duration else None
    start = time.monotonic()
    until = start + args.duration if args.duration else None
    rng = random.Random(args.seed)
    await asyncio.gather(*(student(k, args, notebooks, res, random.Random(rng.random()), until)
                           for k in range(args.students)))
    took = time.monotonic() - start
    for task in (sampler, ticker):
        if task:
            task.cancel()
    report(args, res, mem, took)
    return 0 if not any(res.fail.values()) and res.count["students"] == args.students else 1


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--url", required=True)
    p.add_argument("--password", required=True)
    p.add_argument("--students", type=int, default=3)
    p.add_argument("--duration", type=float, default=0)
    p.add_argument("--rounds", type=int, default=1)
    p.add_argument("--notebooks", default="")
    p.add_argument("--think", default="0:1", type=lambda s: tuple(float(x) for x in s.split(":")))
    p.add_argument("--cell-timeout", type=float, default=300)
    p.add_argument("--hub-pid", type=int, default=0)
    p.add_argument("--json", default="")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--prefix", default="student", help="students are named PREFIX00, PREFIX01, ...")
    args = p.parse_args(argv)
    return asyncio.run(main_async(args))


if __name__ == "__main__":
    sys.exit(main())
