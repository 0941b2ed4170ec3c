#!/usr/bin/python3
"""Compare an exported program's stdout with what its notebook printed.

Usage: compare.py EXECUTED.ipynb PROGRAM_STDOUT

The notebook's text is its code cells' stdout streams and execute_result
text, in order, as nbconvert recorded them. Lines must match one for one:
the words exactly, the numbers to 1e-12 relative (spike times, traced
state), except the wall-clock times of VOLATILE lines. Prints each
difference; exit status 1 when there is one.
"""

import json
import re
import sys

NUM = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
# Lines with wall-clock timings: the numbers after the match are not compared.
VOLATILE = [re.compile(r"simulated in ")]
REL = 1e-12


def notebook_lines(path):
    with open(path) as f:
        nb = json.load(f)
    parts = []
    for cell in nb["cells"]:
        if cell.get("cell_type") != "code":
            continue
        for out in cell.get("outputs", []):
            kind = out.get("output_type")
            if kind == "stream" and out.get("name") == "stdout":
                parts.append(joined(out["text"]))
            elif kind == "execute_result":
                parts.append(joined(out["data"].get("text/plain", "")) + "\n")
    return "".join(parts).splitlines()


def joined(t):
    return "".join(t) if isinstance(t, list) else t


def same(a, b):
    """Whether two lines agree: words exactly, numbers within REL."""
    cut = len(a)
    for v in VOLATILE:
        m = v.search(a)
        if m:
            cut = m.end()
            if a[:cut] != b[:cut] or not v.search(b):
                return False
            return NUM.sub("#", a[cut:]) == NUM.sub("#", b[cut:])
    if NUM.sub("#", a) != NUM.sub("#", b):
        return False
    for x, y in zip(NUM.findall(a), NUM.findall(b)):
        fx, fy = float(x), float(y)
        if abs(fx - fy) > REL * max(abs(fx), abs(fy)):
            return False
    return True


def main():
    want = notebook_lines(sys.argv[1])
    with open(sys.argv[2]) as f:
        got = f.read().splitlines()
    bad = 0
    for i in range(max(len(want), len(got))):
        w = want[i] if i < len(want) else "(missing)"
        g = got[i] if i < len(got) else "(missing)"
        if not same(w, g):
            bad += 1
            print(f"line {i + 1}:\n  notebook: {w[:300]}\n  program:  {g[:300]}")
    print(f"{sys.argv[1]}: {len(want)} lines, {bad} differ")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
