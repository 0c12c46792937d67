"""Problems with user input, and the exit codes every command shares.

Bad input is never a crash: every stage turns what it cannot accept into `Problem`s, and the CLI
prints them as `path:line:col: error: message` and exits with `EXIT_BAD_INPUT`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
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

    def __init__(self, problems: list[Problem], unlisted: int | Mapping[str, int] = 0) -> None:
        self.problems = capped(problems, unlisted)
        self.given = (problems, unlisted)  # as raised, so that `reported_with` can add to them
        super().__init__("; ".join(str(p) for p in self.problems))


@contextmanager
def reported_with(earlier: list[Problem], unlisted: int = 0) -> Iterator[None]:
    """Problems of one file found before the block that did not stop the work (and `unlisted`
    more, counted), raised with whatever the block raises, or alone if it raises nothing: one
    list, in file order, capped once."""
    try:
        yield
    except InputError as error:
        problems, theirs = error.given
        counted = sum(theirs.values()) if isinstance(theirs, Mapping) else theirs
        raise InputError([*earlier, *problems], counted + unlisted) from None
    if earlier:
        raise InputError(earlier, unlisted)


def capped(problems: list[Problem], unlisted: int | Mapping[str, int] = 0) -> list[Problem]:
    """Problems in file order, at most MAX_PROBLEMS per file after a line giving the total.

    `unlisted` counts problems found but not written out: of the last file, or of each file by
    its path."""
    problems = sorted(problems)
    if not problems:
        return []
    by_path: dict[str, list[Problem]] = {}
    for problem in problems:
        by_path.setdefault(problem.path, []).append(problem)
    if not isinstance(unlisted, Mapping):
        unlisted = {problems[-1].path: unlisted}
    kept: list[Problem] = []
    for path, found in by_path.items():
        total = len(found) + unlisted.get(path, 0)
        if total > MAX_PROBLEMS:
            note = f"{total} problems in all; the first {MAX_PROBLEMS} follow, fix them and rerun"
            kept.append(Problem(path, 0, 0, note))
        kept.extend(found[:MAX_PROBLEMS])
    return kept


class Collector:
    """Problems as a reader finds them: the first MAX_PROBLEMS of each file written out, the rest
    only counted, since writing a message (with its suggestions) is the costly part and a hostile
    file can hold hundreds of thousands of problems."""

    def __init__(self) -> None:
        self.listed: list[Problem] = []
        self.unlisted: dict[str, int] = {}
        self._per_path: dict[str, int] = {}
        self.count = 0

    def add(self, path: str, line: int, column: int, message: Callable[[], str]) -> None:
        self.count += 1
        written = self._per_path.get(path, 0)
        if written < MAX_PROBLEMS:
            self._per_path[path] = written + 1
            self.listed.append(Problem(path, line, column, message()))
        else:
            self.unlisted[path] = self.unlisted.get(path, 0) + 1

    def extend(self, problems: list[Problem]) -> None:
        for problem in problems:
            self.add(problem.path, problem.line, problem.column, _said(problem.message))

    def error(self) -> InputError:
        return InputError(self.listed, self.unlisted)


def _said(message: str) -> Callable[[], str]:
    def said() -> str:
        return message

    return said


class EngineUnavailableError(Exception):
    """The rule engine cannot be loaded here: an installation problem, not bad input or a bug."""
