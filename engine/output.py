"""Writing files safely: whole or not at all, and never over an input."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


class OutputError(Exception):
    """A file could not be written; the message says which and why."""


def write_atomic(path: Path, text: str, inputs: Iterable[Path] = ()) -> None:
    """Write through a temporary file in the same folder, then rename it into place.

    A reader (or a CI job that uploads the report) never sees half a file, and a crash leaves the
    previous report intact.
    """
    target = path.resolve()
    if any(target == source.resolve() for source in inputs):
        raise OutputError(f"{path}: refusing to overwrite an input file")
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_new(path: Path, text: str) -> None:
    """Create a file that must not exist yet; raises OutputError if it does."""
    try:
        with path.open("x", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
    except FileExistsError:
        raise OutputError(f"{path}: already exists; refusing to overwrite it") from None
    except OSError as error:
        raise OutputError(f"{path}: cannot write: {error.strerror}") from None
