"""Where a batch's documents go: decided once, and checked, before any profile is assessed.

`-o OUT` is read one way for the whole run (`mode`):
- "folder" when OUT exists as a folder, when several documents are written (a dotted name such
  as `reports.v2` included), or when its name ends with a slash or has no suffix;
- "file" when exactly one document is written and OUT exists as a file or has a suffix;
- "stdout" without -o, or when no document is written (github annotations only).
Documents are staged in OUT itself in folder mode and beside OUT in file mode, so that every
move of the commit is a rename within one file system and one folder tree.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from engine.errors import Problem
from engine.workflows.discovery import Target
from engine.workflows.output import NOT_A_FOLDER, Guard, not_a_folder

PER_PROFILE = {"markdown": ".readiness.md", "json": ".readiness.json", "html": ".readiness.html"}
PER_BATCH = {"sarif": "readiness.sarif", "junit": "readiness.junit.xml"}
STREAMED = ("github",)

Mode = Literal["stdout", "file", "folder"]


def staged_name(index: int, form: str) -> str:
    """The staging file of one profile's report or fragment in one format."""
    return f"{index:07d}.{form}"


def batch_name(form: str) -> str:
    """The staging file of a batch document (or of the streamed annotations)."""
    return f"batch.{form}"


@dataclass
class Plan:
    """Every destination of one run, from the formats, the profiles and -o as typed."""

    formats: list[str]
    output: str | None
    targets: list[Target] = field(default_factory=list)
    folders: list[Path] = field(default_factory=list)  # folder arguments, mirrored below OUT
    mode: Mode = "stdout"

    @property
    def documents(self) -> int:
        """How many documents this run produces, not counting the streamed github format."""
        per_profile = sum(f in PER_PROFILE for f in self.formats) * len(self.targets)
        return per_profile + sum(f in PER_BATCH for f in self.formats)

    def decide(self) -> list[Problem]:
        """Choose the mode (see the module's docstring); problems when OUT cannot take it."""
        out, documents = self.output, self.documents
        if out is None or not documents:
            self.mode = "stdout"
            return self._stdout_problems()
        exists, is_folder = os.path.lexists(out), os.path.isdir(out)
        named_folder = out.endswith(("/", os.sep)) or not Path(out).suffix
        one_file = documents == 1 and not is_folder and (exists or not named_folder)
        self.mode = "file" if one_file else "folder"
        if self.mode == "folder" and exists and not is_folder:
            message = f"{NOT_A_FOLDER}; {documents} documents need an output folder"
            return [Problem(out, 0, 0, message)]
        problem = not_a_folder(self.staging_parent() or os.curdir)
        return [problem] if problem else []

    def _stdout_problems(self) -> list[Problem]:
        on_stdout = self.documents + sum(f in STREAMED for f in self.formats)
        if self.output is not None or on_stdout <= 1:
            return []
        what = "several profiles" if len(self.targets) > 1 else "several formats"
        return [Problem("readiness", 0, 0, f"{what} need an output folder: add -o FOLDER")]

    def staging_parent(self) -> str | None:
        """The folder the staging folder goes in: OUT, OUT's folder, or the system's temp."""
        if self.mode == "folder":
            return self.output
        if self.mode == "file":
            return os.path.dirname(self.output or "") or os.curdir
        return None

    def destination(self, target: Target, form: str) -> str:
        """OUT itself when it names one file, else OUT/<path below the folder argument>/<name>."""
        assert self.output is not None
        if self.mode == "file":
            return self.output
        relative = Path(target.path.name)
        for folder in self.folders:
            if target.path.is_relative_to(folder):
                relative = target.path.relative_to(folder)
                break
        name = relative.name.removesuffix(relative.suffix) + PER_PROFILE[form]
        return str(Path(self.output) / relative.parent / name)

    def batch_destination(self, form: str) -> str:
        assert self.output is not None
        return self.output if self.mode == "file" else str(Path(self.output) / PER_BATCH[form])

    def check(self) -> list[Problem]:
        """Every destination against every input of the run, and against each other.

        Linear: inputs and claimed destinations are sets keyed by resolved path. Reports of one
        profile differ only by extension, so two profiles collide exactly when their first
        reports do.
        """
        if self.mode == "stdout":
            return []
        guard = Guard(t.display for t in self.targets)
        first = self._first_form()
        problems: list[Problem] = []
        claimed: dict[str, int] = {}
        for index, (form, destination) in enumerate(self._destinations()):
            refusal = guard.refusal(destination)
            if refusal is not None:
                problems.append(Problem(destination, 0, 0, refusal))
            if form == first:
                other = claimed.setdefault(guard.identity(destination), index)
                if other != index:
                    problems.append(self._collision(destination, index, other))
        return problems

    def _destinations(self) -> Iterator[tuple[str, str]]:
        """(format, destination) of every document; per-profile ones with the profile's index
        first, so that positions map back to profiles."""
        forms = [f for f in self.formats if f in PER_PROFILE]
        for target in self.targets:
            for form in forms:
                yield form, self.destination(target, form)
        for form in self.formats:
            if form in PER_BATCH:
                yield form, self.batch_destination(form)

    def _first_form(self) -> str | None:
        return next((f for f in self.formats if f in PER_PROFILE), None)

    def _collision(self, destination: str, index: int, other: int) -> Problem:
        """Positions count every per-profile document: `forms` of them per profile."""
        forms = sum(f in PER_PROFILE for f in self.formats)
        first, second = self.targets[other // forms], self.targets[index // forms]
        stem = destination.removesuffix(PER_PROFILE[self._first_form() or "markdown"])
        message = f"{second.display} and {first.display} would both write these reports"
        return Problem(f"{stem}.*", 0, 0, message)

    def moves(self) -> Iterator[tuple[str, str]]:
        """(staged name, destination) of every document, in a fixed order, for the commit."""
        if self.mode == "stdout":
            return
        for form in self.formats:
            if form in PER_PROFILE:
                for index, target in enumerate(self.targets):
                    yield staged_name(index, form), self.destination(target, form)
            elif form in PER_BATCH:
                yield batch_name(form), self.batch_destination(form)

    def printed(self) -> Iterator[str]:
        """Staged names of what goes to standard output, in format order."""
        for form in self.formats:
            if form in STREAMED or (self.mode == "stdout" and form in PER_BATCH):
                yield batch_name(form)
            elif self.mode == "stdout" and form in PER_PROFILE:
                yield from (staged_name(i, form) for i in range(len(self.targets)))

    def written(self) -> str | None:
        """Where the reports went, the last line a person reads (None when nothing was written)."""
        if self.mode == "stdout" or self.output is None:
            return None
        if self.documents > 1:
            return f"wrote {self.documents} files to {self.output}"
        [(_, destination)] = list(self._destinations())
        return f"wrote {destination}"
