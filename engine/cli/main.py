"""The program's entry: the collector set up for a short-lived process, then the command line.

Everything the command line imports (click, and through it much of the standard library) is
imported with the cyclic collector paused, and frozen afterwards in the program, since it lives
as long as the process (see `engine.runtime.collector`): collections during those imports were
a few milliseconds of every cold start. The command group itself is in `engine.cli.group`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from engine.runtime import collector


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code (never raise), as tests and `__main__` expect.

    With no `argv` this is the program itself (the console script, `python -m engine`), which
    exits next: what setup builds is frozen (`collector.setup`), and the collector is spared its
    pass over everything loaded at exit (`spare_exit`).
    """
    if argv is None:
        collector.run_as_program()
    with collector.setup():
        from engine.cli.group import run  # noqa: PLC0415 - imported paused, see the docstring

    code = run(list(sys.argv[1:] if argv is None else argv))
    if argv is None:
        collector.spare_exit()
    return code
