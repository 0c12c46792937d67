"""When the cyclic garbage collector runs: not while we build what holds no cycles.

A profile's tree, pydantic's model classes and a rule set are many objects made at once and kept
(or dropped whole, by reference counting). The collector, triggered by allocations, walks them
again and again for nothing, and its passes grow with what is alive: in a cold `assess` they took
a fifth of the time, and reading a 900 KB profile cost a third more per KB than a 100 KB one.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_lock = threading.Lock()
_pauses = {"open": 0, "resume": False}


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """No collection inside; the collector's state before is restored whatever happens.

    For bounded work only (reading one file, the imports and setup of one command): garbage
    cycles made inside wait for the next collection after it, so a loop over many profiles
    pauses around each profile, never around the loop. Counted under a lock, because the
    workspace reads files in several threads at once: with each pause saving and restoring the
    state on its own, overlapping pauses could leave the collector off for good.
    """
    with _lock:
        if _pauses["open"] == 0:
            _pauses["resume"] = gc.isenabled()
            gc.disable()
        _pauses["open"] += 1
    try:
        yield
    finally:
        with _lock:
            _pauses["open"] -= 1
            if _pauses["open"] == 0 and _pauses["resume"]:
                gc.enable()


_program = {"running": False}


def run_as_program() -> None:
    """This process is the tool itself (not a test calling `main`), and ends with the command."""
    _program["running"] = True


@contextlib.contextmanager
def setup() -> Iterator[None]:
    """A command's imports and one-time setup (models, rule set), with the collector paused.

    Resuming alone would only defer the cost: the first collection after it walks everything
    the setup made. In the program, what setup made is kept to the end anyway, so it is frozen
    (moved where no collection looks) as the setup ends. Not in a test process, where frozen
    garbage would never be collected.
    """
    with paused():
        yield
        if _program["running"]:
            gc.freeze()


def for_files(count: int) -> contextlib.AbstractContextManager[None]:
    """A run over `count` files: one file is bounded work (a planner's or a pre-commit hook's
    usual run), set up like the command itself (`setup`); for more, each file's reading pauses
    around itself and the garbage between files is collected as usual."""
    return setup() if count <= 1 else contextlib.nullcontext()


def spare_exit() -> None:
    """Spare the process's last moments a full collection over everything it ever loaded.

    Python collects once more as it exits; what is alive then goes away with the process, and
    walking it (pydantic's schemas above all) took 20 to 40 ms. Frozen objects are skipped.
    Only for a process that is about to exit: frozen cycles are never collected.
    """
    gc.freeze()
