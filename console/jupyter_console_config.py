# gonsim: Ctrl-C in `jupyter console` interrupts the running cell.
#
# jupyter_console relays Ctrl-C to the kernel with a SIGINT handler that
# calls interrupt_kernel() while a cell runs, but since prompt_toolkit 3
# that handler is gone after the first prompt: prompt_toolkit installs its
# own SIGINT handler for each prompt and, removing it, leaves Python's
# default one. Ctrl-C then raises KeyboardInterrupt in the console itself
# ("KeyboardInterrupt escaped interact()"), the kernel is never told and
# the cell runs on; this happens with every kernel, ipykernel included
# (jupyter/jupyter_console#296). The kernel cannot help: jupyter_client
# starts it in a session of its own, away from the terminal's Ctrl-C.
#
# This file, installed as jupyter_console_config.py in Jupyter's config
# directory by gonsim's install.sh, puts the relay back around each cell.
import signal

from jupyter_console.ptshell import ZMQTerminalInteractiveShell

_run_cell = ZMQTerminalInteractiveShell.run_cell


def _interrupt_kernel(shell):
    if shell.manager is not None:
        shell.manager.interrupt_kernel()
    else:
        print("ERROR: Cannot interrupt kernels we didn't start.")


def run_cell(self, cell, store_history=True):
    previous = signal.signal(signal.SIGINT, lambda *_: _interrupt_kernel(self))
    try:
        return _run_cell(self, cell, store_history)
    finally:
        signal.signal(signal.SIGINT, previous)


if not getattr(_run_cell, "gonsim_relay", False):
    run_cell.gonsim_relay = True
    ZMQTerminalInteractiveShell.run_cell = run_cell
