"""Helpers shared by the protocol tests: start the installed gonsim kernel
with jupyter_client and collect what a frontend would see."""

import os
import queue
import time

from jupyter_client.manager import start_new_kernel

KERNEL = os.environ.get("GONSIM_KERNEL", "gonsim")
TIMEOUT = 30


def start(stderr=None, env=None):
    """Start the kernel and a ready client (wait_for_ready done); env
    replaces the kernel's environment."""
    kw = {}
    if stderr is not None:
        kw["stderr"] = stderr
    if env is not None:
        kw["env"] = env
    km, kc = start_new_kernel(kernel_name=KERNEL, startup_timeout=60, **kw)
    return km, kc


def stop(km, kc):
    kc.stop_channels()
    km.shutdown_kernel(now=False)


def iopub_until_idle(kc, msg_id, timeout=TIMEOUT):
    """The iopub messages whose parent is msg_id, through its idle."""
    out = []
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise AssertionError(f"no idle for {msg_id} within {timeout}s; got {[m['msg_type'] for m in out]}")
        try:
            msg = kc.get_iopub_msg(timeout=left)
        except queue.Empty:
            continue
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        out.append(msg)
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return out


def shell_reply(kc, msg_id, timeout=TIMEOUT):
    """The shell reply to msg_id (skipping replies to other requests)."""
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise AssertionError(f"no reply to {msg_id} within {timeout}s")
        try:
            msg = kc.get_shell_msg(timeout=left)
        except queue.Empty:
            continue
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def run(kc, code, timeout=TIMEOUT, **kw):
    """Execute code; returns (reply content, iopub messages through idle)."""
    msg_id = kc.execute(code, **kw)
    reply = shell_reply(kc, msg_id, timeout)
    return reply["content"], iopub_until_idle(kc, msg_id, timeout)


def stdout_of(msgs, name="stdout"):
    return "".join(m["content"]["text"] for m in msgs
                   if m["msg_type"] == "stream" and m["content"]["name"] == name)


def result_of(msgs):
    for m in msgs:
        if m["msg_type"] == "execute_result":
            return m["content"]["data"]
    return None


def describe(content):
    """A failed reply as a readable line, for assertion messages."""
    if content.get("status") == "error":
        return f"{content.get('ename')}: {content.get('evalue')}\n" + "\n".join(content.get("traceback", []))
    return str(content)
