"""Jupyter's own conformance suite (jupyter_kernel_test) for gonsim."""

import unittest

import jupyter_kernel_test

from gonsim_client import KERNEL


class GoKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = KERNEL
    language_name = "go"
    file_extension = ".go"

    code_hello_world = 'fmt.Println("hello, world")'
    code_stderr = 'fmt.Fprintln(os.Stderr, "to stderr")'

    # Keywords and a cell's own names need no package qualifier, so the
    # match sets do not depend on how qualified names are spelled.
    completion_samples = [
        {"text": "fallthr", "matches": {"fallthrough"}},
        {"text": "strings.ToUpp"},
    ]

    complete_code_samples = ["x := 1", 'fmt.Println("hi")', "func f() int { return 1 }", "import \"math\""]
    incomplete_code_samples = ["func f() {", "for i := 0; i < 3; i++ {", "x := []int{1,\n2,"]
    invalid_code_samples = ["x := )", "}"]

    code_page_something = "fmt.Println?"
    # A compile error: exactly one output message, the error.
    code_generate_error = "undefinedName + 1"

    code_execute_result = [
        {"code": "6*7", "result": "42"},
        {"code": "1 << 10", "result": "1024"},
        {"code": "y := 3\ny * 2", "result": "6"},
    ]
    code_history_pattern = "6*7"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "fmt.Println"

    # The display package is preloaded; its API also has prelude names.
    code_display_data = [
        {"code": 'Show(HTML("<b>bold</b>"))', "mime": "text/html"},
        {"code": 'display.Show(display.Markdown("*emphasis*"))', "mime": "text/markdown"},
    ]
    code_clear_output = 'fmt.Println("gone")\nClear(true)'


if __name__ == "__main__":
    unittest.main()
