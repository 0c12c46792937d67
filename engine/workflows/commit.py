"""Writing files all or nothing: the one commit protocol of every command that writes.

1. Stage: every document is written completely inside a staging folder that sits in the folder
   of its destinations (the same file system, so each move below is a rename).
2. Commit: for each document, an existing destination is moved aside into the staging folder
   and the new file moved in; each step is recorded as it completes.
3. Roll back, on any error or interrupt during the commit: the recorded steps are undone in
   reverse (new files out, old files back, folders made for the run removed).
4. Clean up: the staging folder (with the old files, after a commit) is removed whatever
   happened, and so is a folder the run created and left empty.

Interrupts: while a run holds `Interrupts`, SIGTERM (what CI sends on cancel) is handled like
SIGINT, by raising KeyboardInterrupt; inside `held()` either signal waits for the end of the
step, so that a step and its record are never split, and inside `shielded()` (roll back, clean
up) it is dropped, so that putting things back is never itself interrupted.
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from types import FrameType
from typing import Any

SIGNALS = (signal.SIGINT, signal.SIGTERM)
Moves = Callable[[], Iterable[tuple[str, str]]]
STAGING_PREFIX = ".readiness-staging-"


class Interrupts:
    """SIGINT and SIGTERM raise KeyboardInterrupt, except while a step is held or shielded."""

    def __init__(self) -> None:
        self.previous: dict[int, Any] = {}
        self.holding = 0
        self.pending = False
        self.dropping = 0

    def __enter__(self) -> Interrupts:
        # Python lets only the main thread install handlers; elsewhere the caller's stay.
        if threading.current_thread() is threading.main_thread():
            for number in SIGNALS:
                self.previous[number] = signal.signal(number, self._arrived)
        return self

    def __exit__(self, *exc: object) -> None:
        for number, handler in self.previous.items():
            signal.signal(number, handler)
        self.previous.clear()

    def _arrived(self, number: int, frame: FrameType | None) -> None:
        if self.dropping:
            return
        if self.holding:
            self.pending = True
            return
        raise KeyboardInterrupt

    @contextmanager
    def held(self) -> Iterator[None]:
        """Run one step whole: a signal arriving meanwhile is raised when the step is done."""
        self.holding += 1
        try:
            yield
        finally:
            self.holding -= 1
        if self.pending and not self.holding and not self.dropping:
            self.pending = False
            raise KeyboardInterrupt

    @contextmanager
    def shielded(self) -> Iterator[None]:
        """Run a block that puts things back: a signal arriving meanwhile is dropped."""
        self.dropping += 1
        try:
            yield
        finally:
            self.dropping -= 1
            self.pending = False


ASIDE, NEW = 1, 2  # what the commit has done to one destination: bits of its journal byte


@dataclass
class Staging:
    """A staging folder in `parent` (created with its missing ancestors), and the commit.

    The journal is one byte per document (ASIDE and NEW bits) plus the folders made: a batch
    of ten thousand documents records its commit in ten kilobytes, and a roll back finds the
    paths again by listing the same moves a second time.
    """

    parent: str | None
    interrupts: Interrupts
    unrestored: list[str] = field(default_factory=list)
    folder: str = ""
    created: str | None = None
    journal: bytearray = field(default_factory=bytearray)
    made: list[str] = field(default_factory=list)
    known_folders: set[str] = field(default_factory=set)

    def __enter__(self) -> Staging:
        try:
            with self.interrupts.held():
                if self.parent is not None and not os.path.isdir(self.parent):
                    self.created = _topmost_missing(self.parent)
                    os.makedirs(self.parent)
                self.folder = tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=self.parent)
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        with self.interrupts.shielded():
            if self.folder:
                shutil.rmtree(self.folder, ignore_errors=True)
            if self.created is not None and _empty_tree(self.created):
                shutil.rmtree(self.created, ignore_errors=True)

    def path(self, name: str) -> str:
        return os.path.join(self.folder, name)

    def commit(self, moves: Moves, replace: bool = True) -> None:
        """Move each staged file to its destination; on any failure undo every step, re-raise.

        `moves` lists (staged name, destination) pairs, the same each time it is called. With
        replace=False an existing destination is an error (FileExistsError), not replaced.
        """
        try:
            for number, (staged, destination) in enumerate(moves()):
                self.journal.append(0)
                self._make_folders(os.path.dirname(destination))
                self._move_in(number, self.path(staged), destination, replace)
        except BaseException:
            self.roll_back(moves)
            raise
        self.created = None  # the destinations now hold the new files: keep their folders

    def _move_in(self, number: int, staged: str, destination: str, replace: bool) -> None:
        if os.path.lexists(destination):
            if not replace:
                raise FileExistsError(17, "already exists; refusing to overwrite it", destination)
            with self.interrupts.held():
                os.replace(destination, self.path(f"old.{number}"))
                self.journal[number] |= ASIDE
        with self.interrupts.held():
            os.replace(staged, destination)
            self.journal[number] |= NEW

    def _make_folders(self, folder: str) -> None:
        """Create a destination's missing folders, recording each (cached: linear in a batch)."""
        if not folder or folder in self.known_folders:
            return
        if not os.path.isdir(folder):
            self._make_folders(os.path.dirname(folder))
            with self.interrupts.held():
                os.mkdir(folder)
                self.made.append(folder)
        self.known_folders.add(folder)

    def roll_back(self, moves: Moves) -> None:
        """Undo the recorded steps in reverse: files first, then the folders made for them;
        what cannot be undone is listed in `unrestored`."""
        with self.interrupts.shielded():
            done = [
                (number, staged, destination)
                for number, (staged, destination) in enumerate(islice(moves(), len(self.journal)))
                if self.journal[number]
            ]
            for number, staged, destination in reversed(done):
                self._undo(f"old.{number}", staged, destination, self.journal[number])
            for folder in reversed(self.made):
                self._undo("", "", folder, 0)
            self.journal.clear()
            self.made.clear()

    def _undo(self, saved: str, staged: str, destination: str, done: int) -> None:
        """Put the old file back (one rename, which also takes the new one away), or move the
        new file back to the staging folder, or remove a folder made for the run."""
        try:
            if done & ASIDE:
                os.replace(self.path(saved), destination)
            elif done & NEW:
                os.replace(destination, self.path(staged))
            else:
                os.rmdir(destination)
        except OSError as error:
            self.unrestored.append(f"{destination} ({error.strerror or error})")


def _topmost_missing(folder: str) -> str:
    missing = os.path.abspath(folder)
    while not os.path.lexists(os.path.dirname(missing)):
        missing = os.path.dirname(missing)
    return missing


def _empty_tree(folder: str) -> bool:
    """True when `folder` holds nothing but (possibly nested) empty folders."""
    return all(not files for _, _, files in os.walk(folder))
