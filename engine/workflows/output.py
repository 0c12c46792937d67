"""Creating a file that must not exist yet (reports are staged and moved: see `batch`)."""

from __future__ import annotations

from pathlib import Path


class OutputError(Exception):
    """A file could not be written; the message says which and why."""


def write_new(path: Path, text: str) -> None:
    """Create a file that must not exist yet; raises OutputError if it does."""
    try:
        with path.open("x", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
    except FileExistsError:
        raise OutputError(f"{path}: already exists; refusing to overwrite it") from None
    except OSError as error:
        raise OutputError(f"{path}: cannot write: {error.strerror}") from None
