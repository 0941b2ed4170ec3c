#!/usr/bin/python3
"""Check notebooks that nbconvert executed: what a user would see is there.

Usage: check_notebook.py [--language go] [--summary FILE] EXECUTED.ipynb...
       check_notebook.py --source [--kernel gonsim] NOTEBOOK.ipynb...

For every notebook it checks that
  * every non-empty code cell has an execution count (it ran);
  * no output is an error;
  * every image/png output decodes as a PNG (signature, chunk CRCs, IHDR,
    zlib-compressed IDAT of the size the header promises);
  * language_info.name is the given language (the notebook ran on our kernel);
  * the expectations the notebook declares in its metadata hold.

Expectations ("gonsim" metadata, notebook or cell level):

  cell.metadata.gonsim.expect = [CHECK, ...]       checks on that cell's output
  metadata.gonsim.expect      = [CHECK, ...]       checks on the cell whose
        metadata.gonsim.name is CHECK["cell"], or, without "cell", on the
        whole notebook's output

  CHECK keys (all optional, at least one of contains/regex/images):
    "contains": "text" or ["text", ...]   the output text includes each
    "regex":   "pattern"                  Python re (MULTILINE) that must match
    "value":   30.1                       group 1 (or the match) is this number
    "values":  [70.7, 100.0]              the numbers in group 1 are these, in order
    "min", "max"                          group 1's number lies within these bounds
    "abs", "rel"                          tolerance: |got - want| <= abs + rel*|want|
    "images":  3                          exactly this many image/png outputs
    "note":    "why this matters"         printed with a failure

The output text of a cell is its stream text plus the text/plain of its
execute_result and display_data outputs, in order.

With --source it checks notebooks as committed instead: no outputs, no
execution counts, and the kernelspec named by --kernel (default gonsim).

With --summary FILE it writes, per notebook, the number of images and the
"contains" strings, which the browser test then expects to see on screen.
Exit status 1 when any check fails; every failure is printed.
"""

import argparse
import base64
import json
import os
import re
import struct
import sys
import zlib

NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}  # PNG colour type -> samples per pixel


def png_problem(data):
    """Returns why data is not a decodable PNG, or None when it is one."""
    if not data.startswith(PNG_SIGNATURE):
        return "no PNG signature"
    pos, ihdr, idat, seen_end = len(PNG_SIGNATURE), None, [], False
    while pos < len(data):
        if pos + 8 > len(data):
            return f"truncated chunk header at byte {pos}"
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        crc_bytes = data[pos + 8 + length:pos + 12 + length]
        if len(body) != length or len(crc_bytes) != 4:
            return f"truncated {kind!r} chunk at byte {pos}"
        if zlib.crc32(kind + body) != struct.unpack(">I", crc_bytes)[0]:
            return f"bad CRC in {kind!r} chunk at byte {pos}"
        if kind == b"IHDR":
            ihdr = body
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            seen_end = True
            break
        pos += 12 + length
    if ihdr is None or len(ihdr) != 13:
        return "no IHDR chunk"
    if not seen_end:
        return "no IEND chunk"
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", ihdr)
    if width == 0 or height == 0:
        return f"empty image {width}x{height}"
    if colour not in CHANNELS:
        return f"unknown colour type {colour}"
    try:
        raw = zlib.decompress(b"".join(idat))
    except zlib.error as e:
        return f"image data does not decompress: {e}"
    if interlace == 0:
        row = (width * CHANNELS[colour] * depth + 7) // 8
        if len(raw) != height * (row + 1):
            return f"image data has {len(raw)} bytes, a {width}x{height} image needs {height * (row + 1)}"
    return None


def cell_text(cell):
    parts = []
    for out in cell.get("outputs", []):
        kind = out.get("output_type")
        if kind == "stream":
            parts.append(joined(out.get("text", "")))
        elif kind in ("execute_result", "display_data"):
            parts.append(joined(out.get("data", {}).get("text/plain", "")))
    return "\n".join(parts)


def joined(text):
    return "".join(text) if isinstance(text, list) else text


def cell_images(cell):
    return [out["data"]["image/png"] for out in cell.get("outputs", [])
            if out.get("output_type") in ("execute_result", "display_data")
            and "image/png" in out.get("data", {})]


def close(got, want, check):
    tol = check.get("abs", 0.0) + check.get("rel", 0.0) * abs(want)
    return abs(got - want) <= tol


def run_check(check, text, images, where):
    """Returns the list of failures of one CHECK against text and images."""
    note = f" ({check['note']})" if "note" in check else ""
    fails = []
    known = {"contains", "regex", "value", "values", "min", "max", "abs", "rel", "images", "note", "cell"}
    unknown = set(check) - known
    if unknown:
        return [f"{where}: unknown expect key(s) {sorted(unknown)}"]
    if not ({"contains", "regex", "images"} & set(check)):
        return [f"{where}: expect entry {check!r} checks nothing (needs contains, regex or images)"]
    if {"value", "values", "min", "max"} & set(check) and "regex" not in check:
        return [f"{where}: value/values/min/max need a regex that captures the number"]
    contains = check.get("contains", [])
    for want in [contains] if isinstance(contains, str) else contains:
        if want not in text:
            fails.append(f"{where}: output does not contain {want!r}{note}; output was:\n{indent(text)}")
    if "regex" in check:
        try:
            m = re.search(check["regex"], text, re.MULTILINE)
        except (re.error, TypeError) as e:
            return fails + [f"{where}: regex {check['regex']!r} is not a valid pattern: {e}"]
        if not m:
            fails.append(f"{where}: no match for /{check['regex']}/{note}; output was:\n{indent(text)}")
        else:
            captured = m.group(1) if m.groups() else m.group(0)
            numbers = [float(x) for x in NUMBER.findall(captured)]
            if "value" in check or "min" in check or "max" in check:
                if not numbers:
                    fails.append(f"{where}: /{check['regex']}/ captured {captured!r}, which holds no number{note}")
                else:
                    got = numbers[0]
                    if "value" in check and not close(got, check["value"], check):
                        fails.append(f"{where}: got {got!r}, want {check['value']!r} "
                                     f"(abs {check.get('abs', 0)}, rel {check.get('rel', 0)}){note}")
                    if "min" in check and not got >= check["min"]:
                        fails.append(f"{where}: got {got!r}, below the minimum {check['min']!r}{note}")
                    if "max" in check and not got <= check["max"]:
                        fails.append(f"{where}: got {got!r}, above the maximum {check['max']!r}{note}")
            if "values" in check:
                want = check["values"]
                if len(numbers) != len(want):
                    fails.append(f"{where}: got {len(numbers)} numbers {numbers}, want {len(want)} {want}{note}")
                else:
                    for k, (g, w) in enumerate(zip(numbers, want)):
                        if not close(g, w, check):
                            fails.append(f"{where}: number {k}: got {g!r}, want {w!r} "
                                         f"(abs {check.get('abs', 0)}, rel {check.get('rel', 0)}){note}")
    if "images" in check and len(images) != check["images"]:
        fails.append(f"{where}: {len(images)} image/png outputs, want {check['images']}{note}")
    return fails


def indent(text, limit=2000):
    if len(text) > limit:
        text = text[:limit] + f"\n... ({len(text) - limit} more characters)"
    return "\n".join("    | " + line for line in text.splitlines()) or "    | (no output)"


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def widget_outputs(data, state, seen=None):
    """The outputs captured by the Output areas of the widget a
    widget-view bundle shows (and of its children), from the notebook's
    saved widget state: what that cell shows in a frontend with widgets,
    and directly in one without (the kernel then publishes them as usual)."""
    seen = set() if seen is None else seen
    mid = data.get("model_id") if isinstance(data, dict) else None
    model = state.get(mid) if mid else None
    if not isinstance(model, dict) or mid in seen:
        return []
    seen.add(mid)
    st = model.get("state", {})
    outs = list(st.get("outputs", [])) if model.get("model_name") == "OutputModel" else []
    for child in st.get("children", []):
        if isinstance(child, str) and child.startswith("IPY_MODEL_"):
            outs += widget_outputs({"model_id": child[len("IPY_MODEL_"):]}, state, seen)
    return outs


def inline_widget_outputs(nb):
    """A copy of nb whose cells also hold their widgets' captured outputs."""
    state = nb.get("metadata", {}).get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    if not state:
        return nb
    cells = []
    for cell in nb.get("cells", []):
        extra = []
        for out in cell.get("outputs", []):
            if out.get("output_type") in ("execute_result", "display_data"):
                extra += widget_outputs(out.get("data", {}).get(WIDGET_VIEW), state)
        cells.append(dict(cell, outputs=cell.get("outputs", []) + extra) if extra else cell)
    return dict(nb, cells=cells)


def check_notebook(nb, name, language=None):
    """Returns (failures, summary) for one executed notebook (a dict)."""
    fails = []
    nb = inline_widget_outputs(nb)
    cells = nb.get("cells", [])
    named = {}
    total_images = 0
    all_text = []
    contains = []
    if language is not None:
        got = nb.get("metadata", {}).get("language_info", {}).get("name")
        if got != language:
            fails.append(f"{name}: language_info.name is {got!r}, want {language!r} (wrong kernel?)")
    for k, cell in enumerate(cells):
        if cell.get("cell_type") != "code":
            continue
        where = f"{name} cell {k + 1}"
        meta = cell.get("metadata", {}).get("gonsim", {})
        if not isinstance(meta, dict):
            fails.append(f"{where}: metadata.gonsim must be an object, got {kind_of(meta)}")
            meta = {}
        if meta.get("name"):
            named[meta["name"]] = cell
            where += f" ({meta['name']})"
        if joined(cell.get("source", "")).strip() and not isinstance(cell.get("execution_count"), int):
            fails.append(f"{where}: no execution count (the cell did not run)")
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                tb = "\n".join(out.get("traceback", []))
                fails.append(f"{where}: error {out.get('ename')}: {out.get('evalue')}\n{indent(tb)}")
        images = cell_images(cell)
        for j, payload in enumerate(images):
            try:
                data = base64.b64decode(joined(payload), validate=False)
            except (ValueError, TypeError) as e:
                fails.append(f"{where}: image {j + 1} is not base64: {e}")
                continue
            problem = png_problem(data)
            if problem:
                fails.append(f"{where}: image {j + 1} is not a valid PNG: {problem}")
        total_images += len(images)
        text = cell_text(cell)
        all_text.append(text)
        checks, bad = expect_list(meta, where, "cell metadata.gonsim.expect")
        fails += bad
        for check in checks:
            fails += run_check(check, text, images, where)
            contains += as_list(check.get("contains", []))
    nb_meta = nb.get("metadata", {}).get("gonsim", {})
    if not isinstance(nb_meta, dict):
        fails.append(f"{name}: notebook metadata.gonsim must be an object, got {kind_of(nb_meta)}")
        nb_meta = {}
    checks, bad = expect_list(nb_meta, name, "notebook metadata.gonsim.expect")
    fails += bad
    for check in checks:
        if "cell" in check:
            cell = named.get(check["cell"])
            if cell is None:
                fails.append(f"{name}: expect names cell {check['cell']!r}, but no cell has "
                             f"metadata.gonsim.name {check['cell']!r}")
                continue
            fails += run_check(check, cell_text(cell), cell_images(cell), f"{name} cell {check['cell']!r}")
        else:
            all_images = [i for c in cells for i in cell_images(c)]
            fails += run_check(check, "\n".join(all_text), all_images, f"{name} (whole notebook)")
        contains += as_list(check.get("contains", []))
    return fails, {"images": total_images, "contains": contains}


def expect_list(meta, where, what):
    """Returns (the CHECK objects of meta["expect"], failures for malformed ones).

    expect must be a list of objects; anything else is named as an error at
    where instead of crashing the checker (an object instead of a list, a
    string entry, ...)."""
    expect = meta.get("expect", [])
    if not isinstance(expect, list):
        return [], [f"{where}: {what} must be a list of checks ([{{...}}, ...]), got {kind_of(expect)}: "
                    f"{short(expect)}"]
    checks, fails = [], []
    for j, check in enumerate(expect):
        if isinstance(check, dict):
            checks.append(check)
        else:
            fails.append(f"{where}: {what}[{j}] must be an object, got {kind_of(check)}: {short(check)}")
    return checks, fails


def kind_of(value):
    """The JSON name of value's type, for error messages."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    return "null" if value is None else type(value).__name__


def short(value, limit=120):
    text = json.dumps(value)
    return text if len(text) <= limit else text[:limit] + "..."


def check_source(nb, name, kernel="gonsim"):
    """Returns the failures of a notebook as it should be committed."""
    fails = []
    got = nb.get("metadata", {}).get("kernelspec", {}).get("name")
    if got != kernel:
        fails.append(f"{name}: metadata.kernelspec.name is {got!r}, want {kernel!r}")
    for k, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") != "code":
            continue
        if cell.get("outputs"):
            fails.append(f"{name} cell {k + 1}: committed with outputs (clear them before committing)")
        if cell.get("execution_count") is not None:
            fails.append(f"{name} cell {k + 1}: committed with an execution count")
    return fails


def as_list(x):
    return [x] if isinstance(x, str) else list(x)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--language", help="required language_info.name, e.g. go")
    ap.add_argument("--summary", help="write per-notebook image counts and expected texts here (JSON)")
    ap.add_argument("--source", action="store_true", help="check notebooks as committed (no outputs)")
    ap.add_argument("--kernel", default="gonsim", help="with --source: the kernelspec name they must use")
    ap.add_argument("notebooks", nargs="+")
    args = ap.parse_args(argv)
    failures, summary = 0, {}
    if args.source:
        for path in args.notebooks:
            with open(path) as f:
                fails = check_source(json.load(f), os.path.basename(path), args.kernel)
            for f in fails:
                print("FAIL " + f)
            failures += bool(fails)
        return 1 if failures else 0
    for path in args.notebooks:
        name = os.path.basename(path)
        try:
            with open(path) as f:
                nb = json.load(f)
        except (OSError, ValueError) as e:
            print(f"FAIL {name}: cannot read {path}: {e}")
            failures += 1
            continue
        fails, summary[name] = check_notebook(nb, name, args.language)
        code = sum(1 for c in nb.get("cells", []) if c.get("cell_type") == "code")
        if fails:
            failures += 1
            print(f"FAIL {name}: {len(fails)} problem(s)")
            for f in fails:
                print("  " + f)
        else:
            print(f"ok   {name}: {code} code cells ran, {summary[name]['images']} PNG figures decode, "
                  f"{count_expect(nb)} declared expectations hold")
    if args.summary:
        with open(args.summary, "w") as f:
            json.dump(summary, f, indent=2)
    return 1 if failures else 0


def count_expect(nb):
    metas = [nb.get("metadata", {}).get("gonsim", {})]
    metas += [c.get("metadata", {}).get("gonsim", {}) for c in nb.get("cells", [])]
    return sum(len(m["expect"]) for m in metas if isinstance(m, dict) and isinstance(m.get("expect"), list))


if __name__ == "__main__":
    sys.exit(main())
