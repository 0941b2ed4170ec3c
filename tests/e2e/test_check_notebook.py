#!/usr/bin/python3
"""Tests of check_notebook.py: each check fails on the notebook it should reject."""

import base64
import struct
import unittest
import zlib

import check_notebook as cn


def png(width=3, height=2):
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    raw = b"".join(b"\x00" + b"\x80\x40\x20" * width for _ in range(height))
    return (cn.PNG_SIGNATURE + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


GOOD_PNG = base64.b64encode(png()).decode()


def code(source, outputs, count=1, meta=None):
    return {"cell_type": "code", "source": source, "execution_count": count,
            "metadata": {"gonsim": meta} if meta else {}, "outputs": outputs}


def stream(text):
    return {"output_type": "stream", "name": "stdout", "text": text}


def result(text, png_b64=None):
    data = {"text/plain": text}
    if png_b64:
        data["image/png"] = png_b64
    return {"output_type": "execute_result", "data": data, "metadata": {}, "execution_count": 1}


def notebook(cells, expect=None, language="go"):
    meta = {"language_info": {"name": language}}
    if expect is not None:
        meta["gonsim"] = {"expect": expect}
    return {"cells": cells, "metadata": meta, "nbformat": 4, "nbformat_minor": 5}


class WidgetOutputsTest(unittest.TestCase):
    def test_output_area_counts_for_its_cell(self):
        view = {"output_type": "execute_result", "execution_count": 1, "metadata": {},
                "data": {"text/plain": "VBox(...)", cn.WIDGET_VIEW: {"model_id": "box"}}}
        state = {"box": {"model_name": "VBoxModel", "state": {"children": ["IPY_MODEL_s", "IPY_MODEL_out"]}},
                 "s": {"model_name": "IntSliderModel", "state": {}},
                 "out": {"model_name": "OutputModel", "state": {"outputs": [
                     stream("spikes: 3\n"), {"output_type": "display_data", "metadata": {},
                                              "data": {"image/png": GOOD_PNG, "text/plain": "fig"}}]}}}
        nb = notebook([code("box", [view], meta={"expect": [{"contains": "spikes: 3"}, {"images": 1}]})])
        fails, summary = cn.check_notebook(nb, "w")
        # Without the saved widget state neither is seen.
        self.assertEqual(len(fails), 2, fails)
        self.assertIn("does not contain 'spikes: 3'", fails[0])
        self.assertIn("0 image/png outputs, want 1", fails[1])
        nb["metadata"]["widgets"] = {cn.WIDGET_STATE: {"state": state}}
        fails, summary = cn.check_notebook(nb, "w")
        self.assertEqual(fails, [])
        self.assertEqual(summary["images"], 1)


class PNGTest(unittest.TestCase):
    def test_png(self):
        good = png()
        cases = [
            ("valid", good, None),
            ("not a png", b"GIF89a....", "no PNG signature"),
            ("truncated", good[:40], "truncated"),
            ("bad crc", good[:20] + bytes([good[20] ^ 1]) + good[21:], "bad CRC"),
            ("zero width", png(width=0), "empty image"),
        ]
        for name, data, want in cases:
            with self.subTest(name):
                got = cn.png_problem(data)
                if want is None:
                    self.assertIsNone(got)
                else:
                    self.assertIsNotNone(got)
                    self.assertIn(want, got)


class NotebookTest(unittest.TestCase):
    def test_notebooks(self):
        spikes = stream("spike times: [70.7 100 122.5 141.5] ms\nrate = 15.4 Hz\n")
        cases = [
            ("clean", notebook([code("x := 1", []), code("x", [result("1")])]), []),
            ("did not run", notebook([code("x := 1", [], count=None)]), ["no execution count"]),
            ("empty cell need not run", notebook([code("  \n", [], count=None)]), []),
            ("error output", notebook([code("panic(1)", [{"output_type": "error", "ename": "panic",
                                                          "evalue": "1", "traceback": ["boom"]}])]),
             ["error panic: 1"]),
            ("wrong kernel", notebook([code("1", [])], language="python"), ["language_info.name is 'python'"]),
            ("bad png", notebook([code("f", [result("fig", base64.b64encode(b"nope").decode())])]),
             ["not a valid PNG"]),
            ("good png", notebook([code("f", [result("fig", GOOD_PNG)], meta={"expect": [{"images": 1}]})]), []),
            ("image count", notebook([code("f", [result("fig", GOOD_PNG)], meta={"expect": [{"images": 2}]})]),
             ["1 image/png outputs, want 2"]),
            ("contains ok", notebook([code("p", [spikes], meta={"expect": [{"contains": ["rate", "ms"]}]})]), []),
            ("contains missing", notebook([code("p", [spikes], meta={"expect": [{"contains": "42"}]})]),
             ["does not contain '42'"]),
            ("values ok", notebook([code("p", [spikes], meta={"expect": [
                {"regex": r"spike times: \[(.*)\]", "values": [70.7, 100.0, 122.5, 141.5], "abs": 1e-9}]})]), []),
            ("values differ", notebook([code("p", [spikes], meta={"expect": [
                {"regex": r"spike times: \[(.*)\]", "values": [70.7, 100.1, 122.5, 141.5], "abs": 1e-9}]})]),
             ["number 1: got 100.0, want 100.1"]),
            ("values count", notebook([code("p", [spikes], meta={"expect": [
                {"regex": r"spike times: \[(.*)\]", "values": [70.7]}]})]), ["got 4 numbers"]),
            ("value rel ok", notebook([code("p", [spikes], meta={"expect": [
                {"regex": r"rate = (\S+)", "value": 15.36, "rel": 0.01}]})]), []),
            ("value off", notebook([code("p", [spikes], meta={"expect": [
                {"regex": r"rate = (\S+)", "value": 15.36, "abs": 0.01}]})]), ["got 15.4, want 15.36"]),
            ("bounds", notebook([code("p", [spikes], meta={"expect": [
                {"regex": r"rate = (\S+)", "min": 15.5, "max": 20}]})]), ["below the minimum 15.5"]),
            ("no match", notebook([code("p", [spikes], meta={"expect": [{"regex": "R1 = (\\S+)", "value": 1}]})]),
             ["no match for"]),
            ("empty check", notebook([code("p", [spikes], meta={"expect": [{"note": "x"}]})]), ["checks nothing"]),
            ("typo key", notebook([code("p", [spikes], meta={"expect": [{"contain": "x"}]})]), ["unknown expect key"]),
            ("notebook-level named cell", notebook(
                [code("p", [spikes], meta={"name": "s3"})],
                expect=[{"cell": "s3", "regex": r"rate = (\S+)", "value": 15.4}]), []),
            ("notebook-level unknown cell", notebook(
                [code("p", [spikes])], expect=[{"cell": "s3", "contains": "x"}]), ["no cell has"]),
            ("notebook-level whole", notebook(
                [code("a", [stream("one\n")]), code("b", [result("two")])], expect=[{"contains": ["one", "two"]}]),
             []),
            ("bad regex", notebook([code("p", [spikes], meta={"expect": [{"regex": "rate = ((", "value": 1}]})]),
             ["nb cell 1: regex 'rate = ((' is not a valid pattern"]),
        ]
        for name, nb, wants in cases:
            with self.subTest(name):
                fails, _ = cn.check_notebook(nb, "nb", "go")
                if not wants:
                    self.assertEqual(fails, [])
                for want in wants:
                    self.assertTrue(any(want in f for f in fails), f"want a failure with {want!r}, got {fails}")

    def test_malformed_expect(self):
        # A malformed declaration is a failure naming the notebook and the
        # cell, not a crash of the checker (an object where a list belongs
        # once raised AttributeError).
        check = {"contains": "one"}
        cases = [
            ("cell expect is an object", notebook([code("a", [stream("one\n")]),
                                                   code("b", [stream("two\n")], meta={"name": "s2", "expect": check})]),
             ["04.ipynb cell 2 (s2): cell metadata.gonsim.expect must be a list of checks", "got an object"]),
            ("cell expect entry is a string", notebook([code("a", [stream("one\n")], meta={"expect": ["one"]})]),
             ["04.ipynb cell 1: cell metadata.gonsim.expect[0] must be an object, got a string"]),
            ("cell gonsim is a list", notebook([code("a", [stream("one\n")], meta=[check])]),
             ["04.ipynb cell 1: metadata.gonsim must be an object, got a list"]),
            ("notebook expect is an object", notebook([code("a", [stream("one\n")])], expect=check),
             ["04.ipynb: notebook metadata.gonsim.expect must be a list of checks", "got an object"]),
            ("notebook expect entry is a number", notebook([code("a", [stream("one\n")])], expect=[check, 3]),
             ["04.ipynb: notebook metadata.gonsim.expect[1] must be an object, got a number"]),
        ]
        for name, nb, wants in cases:
            with self.subTest(name):
                fails, _ = cn.check_notebook(nb, "04.ipynb", "go")
                for want in wants:
                    self.assertTrue(any(want in f for f in fails), f"want a failure with {want!r}, got {fails}")

    def test_malformed_expect_main(self):
        # Through the command line, as run-notebooks calls it: exit status 1
        # and the culprit printed, no traceback.
        import contextlib, io, json, os, tempfile
        nb = notebook([code("a", [stream("one\n")], meta={"expect": {"contains": "one"}})])
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "bad.ipynb")
            with open(path, "w") as f:
                json.dump(nb, f)
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                rc = cn.main(["--language", "go", "--summary", os.path.join(d, "s.json"), path])
        self.assertEqual(rc, 1)
        self.assertIn("FAIL bad.ipynb: 1 problem(s)", out.getvalue())
        self.assertIn("bad.ipynb cell 1: cell metadata.gonsim.expect must be a list of checks", out.getvalue())

    def test_source(self):
        clean = {"cells": [code("x", [], count=None)], "metadata": {"kernelspec": {"name": "gonsim"}}}
        cases = [
            ("clean", clean, []),
            ("outputs", {"cells": [code("x", [result("1")], count=None)],
                         "metadata": {"kernelspec": {"name": "gonsim"}}}, ["committed with outputs"]),
            ("count", {"cells": [code("x", [], count=3)],
                       "metadata": {"kernelspec": {"name": "gonsim"}}}, ["execution count"]),
            ("kernel", {"cells": [], "metadata": {"kernelspec": {"name": "python3"}}}, ["kernelspec.name is 'python3'"]),
        ]
        for name, nb, wants in cases:
            with self.subTest(name):
                fails = cn.check_source(nb, "nb")
                if not wants:
                    self.assertEqual(fails, [])
                for want in wants:
                    self.assertTrue(any(want in f for f in fails), f"want a failure with {want!r}, got {fails}")

    def test_summary(self):
        nb = notebook([code("f", [result("fig", GOOD_PNG)], meta={"expect": [{"contains": "fig"}]}),
                       code("x", [result("42")])], expect=[{"contains": "42"}])
        fails, summary = cn.check_notebook(nb, "nb", "go")
        self.assertEqual(fails, [])
        self.assertEqual(summary, {"images": 1, "contains": ["fig", "42"]})


if __name__ == "__main__":
    unittest.main()
