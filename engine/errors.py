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


# Problems listed per file. Past this a planner fixes and reruns anyway, and a hostile file could
# otherwise turn 1 MiB into 100,000 messages (tens of MB on stderr, hundreds of MB of memory).
MAX_PROBLEMS = 50


class InputError(Exception):
    """Raised with every problem found in an input, so that the user can fix them all at once.

    At most `MAX_PROBLEMS` per file are kept, in file order, after a first line that says how many
    there are in all. `unlisted` counts problems a producer found but did not spell out, since
    writing a message (with its suggestions) is the costly part.
    """

    def __init__(self, problems: list[Problem], unlisted: int = 0) -> None:
        self.problems = capped(problems, unlisted)
        super().__init__("; ".join(str(p) for p in self.problems))


def capped(problems: list[Problem], unlisted: int = 0) -> list[Problem]:
    """Problems in file order, at most MAX_PROBLEMS per file after a line giving the total."""
    problems = sorted(problems)
    if not problems:
        return []
    by_path: dict[str, list[Problem]] = {}
    for problem in problems:
        by_path.setdefault(problem.path, []).append(problem)
    kept: list[Problem] = []
    for path, found in by_path.items():
        total = len(found) + (unlisted if path == problems[-1].path else 0)
        if total > MAX_PROBLEMS:
            note = f"{total} problems in all; the first {MAX_PROBLEMS} follow, fix them and rerun"
            kept.append(Problem(path, 0, 0, note))
        kept.extend(found[:MAX_PROBLEMS])
    return kept


class EngineUnavailableError(Exception):
    """The rule engine cannot be loaded here: an installation problem, not bad input or a bug."""
