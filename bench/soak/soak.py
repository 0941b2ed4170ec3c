"""Soak test of the kernel's worker supervision (issue 11): KERNELS kernels
at once for SECONDS, each cycling through the course notebooks' code cells
and, between notebooks, a fault cell (recursion, out of memory, map race,
an ignored interrupt) and an output check (200 numbered lines).

Counts and fails (exit 1) on: a kernel lost (its process gone, or no
kernel_info reply), a reply missing (no execute_reply within 120 s), an
output line lost, a fault not answered with the restart message.

    /usr/bin/python3 bench/soak/soak.py [KERNELS [SECONDS]]

GONSIM_KERNEL names the kernelspec (bench/soak/run installs one)."""

import glob
import json
import os
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "tests", "protocol"))
import gonsim_client as gc  # noqa: E402

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
RESTART = "the Go session was restarted, re-run your cells"
FAULTS = [
    ("recursion", "func f(n int) int { return f(n+1) }\nf(1)", None),
    ("oom", "b := make([]byte, 1<<46)\nfmt.Println(len(b))", None),
    ("map race", "m := map[int]int{}\nfor g := 0; g < 4; g++ {\n\tgo func() {\n\t\tfor i := 0; ; i++ {\n\t\t\tm[i%100] = i\n\t\t}\n\t}()\n}\ntime.Sleep(10 * time.Second)", None),
    ("interrupt", 'import "sync"\nvar mu sync.Mutex\nmu.Lock()\nmu.Lock()', 0.5),
]
LINES = 'for i := 0; i < 200; i++ {\n\tfmt.Printf("line %d\\n", i)\n}'
WANT_LINES = "".join(f"line {i}\n" for i in range(200))


def notebooks():
    out = []
    for path in sorted(glob.glob(os.path.join(ROOT, "notebooks", "0*.ipynb"))):
        nb = json.load(open(path))
        cells = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
        out.append((os.path.basename(path), cells))
    return out


class Counts:
    def __init__(self):
        self.lock = threading.Lock()
        self.c = {"cells": 0, "faults": 0, "kernels lost": 0, "replies missing": 0,
                  "lines lost": 0, "faults unanswered": 0, "cell errors": 0}

    def add(self, key, n=1):
        with self.lock:
            self.c[key] += n


def soak(idx, until, counts, nbs):
    km, kc = gc.start()
    try:
        k = idx
        while time.monotonic() < until:
            name, cells = nbs[k % len(nbs)]
            for code in cells:
                if time.monotonic() >= until:
                    break
                try:
                    reply, _ = gc.run(kc, code, timeout=120)
                except AssertionError:
                    counts.add("replies missing")
                    continue
                counts.add("cells")
                if reply["status"] != "ok":
                    counts.add("cell errors")
            try:
                _, msgs = gc.run(kc, LINES, timeout=120)
                if gc.stdout_of(msgs) != WANT_LINES:
                    counts.add("lines lost")
            except AssertionError:
                counts.add("replies missing")
            fname, code, interrupt_after = FAULTS[k % len(FAULTS)]
            msg_id = kc.execute(code)
            if interrupt_after is not None:
                time.sleep(interrupt_after)
                km.interrupt_kernel()
            try:
                reply = gc.shell_reply(kc, msg_id, timeout=120)["content"]
                gc.iopub_until_idle(kc, msg_id, timeout=30)
                counts.add("faults")
                if RESTART not in reply.get("evalue", ""):
                    counts.add("faults unanswered")
                    print(f"kernel {idx}: {fname}: {gc.describe(reply)}", file=sys.stderr)
            except AssertionError:
                counts.add("replies missing")
            k += 1
        if not km.is_alive():
            counts.add("kernels lost")
        else:
            try:
                kc.kernel_info(reply=True, timeout=10)
            except Exception:
                counts.add("kernels lost")
    finally:
        gc.stop(km, kc)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    secs = float(sys.argv[2]) if len(sys.argv) > 2 else 300
    nbs = notebooks()
    counts = Counts()
    until = time.monotonic() + secs
    threads = [threading.Thread(target=soak, args=(i, until, counts, nbs)) for i in range(n)]
    t = time.monotonic()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    c = counts.c
    print(f"{n} kernels, {time.monotonic() - t:.0f} s: " + ", ".join(f"{k} {v}" for k, v in c.items()))
    bad = c["kernels lost"] + c["replies missing"] + c["lines lost"] + c["faults unanswered"]
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
