"""Which files a command works on: the files named, and every YAML file below the folders named."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from engine.errors import Problem

SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Target:
    """A file to process, and the path to show for it (as the user typed it, or below it)."""

    path: Path
    display: str


def expand(arguments: Iterable[str]) -> tuple[list[Target], list[Problem]]:
    """Files in a stable order (the order given, folders sorted), and problems for bad paths."""
    targets: list[Target] = []
    problems: list[Problem] = []
    seen: set[Path] = set()
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            found = [
                Target(child, str(child))
                for child in sorted(path.rglob("*"))
                if child.suffix in SUFFIXES and child.is_file() and not _hidden(child, path)
            ]
            if not found:
                problems.append(Problem(argument, 0, 0, "no *.yaml or *.yml files in this folder"))
        elif path.exists():
            found = [Target(path, argument)]
        else:
            problems.append(Problem(argument, 0, 0, "no such file or folder"))
            found = []
        for target in found:
            key = target.path.resolve()
            if key not in seen:
                seen.add(key)
                targets.append(target)
    return targets, problems


def _hidden(path: Path, root: Path) -> bool:
    """Skip dot-files and dot-folders below a folder argument (.git, .github, .pre-commit...)."""
    return any(part.startswith(".") for part in path.relative_to(root).parts)
