"""Which files a command works on: the files named, and every YAML file below the folders named."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from engine.errors import Problem

SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class Target:
    """A file to process, shown as the user typed it (or as found below a folder they typed).

    Only the text is kept: a batch can hold thousands of targets, and a Path costs several
    times the memory of its string.
    """

    display: str

    @property
    def path(self) -> Path:
        return Path(self.display)


def expand(arguments: Iterable[str]) -> tuple[list[Target], list[Problem]]:
    """Files in a stable order (the order given, folders sorted), and problems for bad paths.

    Written for batches of thousands: only matching files become Path objects.
    """
    targets: list[Target] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for argument in arguments:
        if os.path.isdir(argument):
            found = list(_yaml_below(argument))
            if not found:
                problems.append(Problem(argument, 0, 0, "no *.yaml or *.yml files in this folder"))
        elif os.path.exists(argument):
            found = [argument]
        else:
            problems.append(Problem(argument, 0, 0, "no such file or folder"))
            found = []
        for name in found:
            key = os.path.abspath(name)
            if key not in seen:
                seen.add(key)
                targets.append(Target(name))
    return targets, problems


def _yaml_below(folder: str) -> Iterator[str]:
    """YAML files below a folder, sorted, skipping dot-files and dot-folders (.git, .github)."""
    for parent, folders, files in os.walk(folder):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        for name in sorted(files):
            if name.endswith(SUFFIXES) and not name.startswith("."):
                yield os.path.join(parent, name)
