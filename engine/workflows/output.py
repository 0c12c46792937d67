"""Where a command may write: one guard for every destination, and creating a new file.

Every writer (`assess -o`, its batch documents, `init`) asks the same `Guard` about each
destination before anything is written, and writes through the commit protocol of `commit`.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Mapping

from engine.errors import Problem
from engine.workflows.commit import Interrupts, Staging

INPUT_REFUSAL = "refusing to overwrite an input file"
NOT_A_FOLDER = "exists and is not a folder"


class OutputError(Exception):
    """A file could not be written; `problem` says which and why, and nothing was written."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def reason(error: OSError) -> str:
    """The system's words for an OSError, without the errno and repr noise of str(error)."""
    return error.strerror or str(error)


class Guard:
    """Refuses a destination that is an input of the run, or that is not a regular file.

    A destination is compared as the real path of its folder plus its name: that is the file a
    rename replaces, whatever symlinks the path goes through (a symlink named as a destination is
    itself replaced, never followed). Inputs are held both as their real path (the content read)
    and the same way as destinations (the name given), in one set: checks stay linear in the run.
    """

    def __init__(self, inputs: Iterable[str]) -> None:
        self._folders: dict[str, str] = {}
        self.inputs: set[str] = set()
        for name in inputs:
            self.inputs.add(self.identity(name))
            if os.path.islink(name):  # else its real path is its identity: spare the lstats
                self.inputs.add(os.path.realpath(name))

    def identity(self, path: str) -> str:
        """The real path of `path`'s folder joined with its name (folders resolved once each)."""
        folder, name = os.path.split(path)
        real = self._folders.get(folder)
        if real is None:
            real = self._folders[folder] = os.path.realpath(folder or os.curdir)
        return os.path.join(real, name)

    def refusal(self, path: str) -> str | None:
        """Why `path` must not be written, or None when a new file may replace whatever is there."""
        if self.identity(path) in self.inputs:
            return INPUT_REFUSAL
        try:
            mode = os.lstat(path).st_mode
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError as error:
            return f"cannot be checked: {reason(error)}"
        if stat.S_ISREG(mode) or stat.S_ISLNK(mode):
            return None
        if stat.S_ISDIR(mode):
            return "is a folder; refusing to replace it with a file"
        return "is not a regular file (a device, pipe or socket); refusing to write to it"


def not_a_folder(folder: str) -> Problem | None:
    """A problem when `folder`, or the nearest of its ancestors that exists, is not a folder
    (creating folders below a file fails with errors that do not say which path is wrong)."""
    existing = folder
    while existing and not os.path.lexists(existing):
        existing = os.path.dirname(existing.rstrip(os.sep)) if existing != os.sep else ""
    if not existing or os.path.isdir(existing):
        return None
    return Problem(existing, 0, 0, NOT_A_FOLDER)


def write_new(path: str, text: str) -> None:
    """Create a file that must not exist yet, whole or not at all; raises OutputError.

    Staged and committed like reports, so a full disk or an interrupt leaves no partial file.
    """
    exists = "already exists; refusing to overwrite it"
    refusal = Guard(()).refusal(path) or (exists if os.path.lexists(path) else None)
    if refusal is not None:
        raise OutputError(Problem(path, 0, 0, refusal))
    folder = os.path.dirname(path) or os.curdir
    problem = not_a_folder(folder)
    if problem is not None:
        raise OutputError(problem)
    try:
        with Interrupts() as interrupts, Staging(folder, interrupts) as staging:
            with open(staging.path("new"), "x", encoding="utf-8", newline="\n") as stream:
                stream.write(text)
            staging.commit(lambda: [("new", path)], replace=False)
    except OSError as error:
        message = exists if error.filename == path else f"cannot write: {reason(error)}"
        raise OutputError(Problem(path, 0, 0, message)) from None


def write_documents(
    folder: str, documents: Mapping[str, str | bytes], inputs: Iterable[str]
) -> None:
    """Write each document (file name: text, or bytes for a binary file such as a workbook)
    into `folder`, all or none; raises OutputError.

    Existing files are replaced, except the inputs of the run, which are refused before anything
    is written; the folder is made if it is missing.
    """
    guard = Guard(inputs)
    targets = {os.path.join(folder, name): text for name, text in documents.items()}
    for path in targets:
        refusal = guard.refusal(path)
        if refusal is not None:
            raise OutputError(Problem(path, 0, 0, refusal))
    problem = not_a_folder(folder)
    if problem is not None:
        raise OutputError(problem)
    moves = [(f"document.{number}", path) for number, path in enumerate(targets)]
    try:
        with Interrupts() as interrupts, Staging(folder, interrupts) as staging:
            for (staged, _), content in zip(moves, targets.values(), strict=True):
                _write_new(staging.path(staged), content)
            staging.commit(lambda: moves)
    except OSError as error:
        where = error.filename if isinstance(error.filename, str) else folder
        raise OutputError(Problem(where, 0, 0, f"cannot write: {reason(error)}")) from None


def _write_new(path: str, content: str | bytes) -> None:
    if isinstance(content, bytes):
        with open(path, "xb") as binary:
            binary.write(content)
        return
    with open(path, "x", encoding="utf-8", newline="\n") as stream:
        stream.write(content)
