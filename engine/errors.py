"""Problems with user input, and the exit codes every command shares.

Bad input is never a crash: every stage turns what it cannot accept into `Problem`s, and the CLI
prints them as `path:line:col: error: message` and exits with `EXIT_BAD_INPUT`.
"""

from __future__ import annotations

from dataclasses import dataclass

from engine.printable import one_line

EXIT_OK = 0
EXIT_FAIL_ON = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one input file, at a 1-based line and column (0 when unknown)."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        """One inert line: paths and messages may hold anything a file or file name holds."""
        if self.line:
            return one_line(f"{self.path}:{self.line}:{self.column}: error: {self.message}")
        return one_line(f"{self.path}: error: {self.message}")


class InputError(Exception):
    """Raised with every problem found in an input, so that the user can fix them all at once."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = sorted(problems)


class EngineUnavailableError(Exception):
    """The rule engine cannot be loaded here: an installation problem, not bad input or a bug."""
