"""Writing one text file whole or not at all, keeping the file's permissions.

Used by every command that edits a planner's file in place (the workspace's saves, `readiness
survey import --write`): a reader (CI, an editor) sees the old file or the new one, never half of
one, and a failure leaves no temporary file behind.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _umask()  # read once, at import: setting it to read it is not thread-safe


def _link_new(temporary: str, path: Path) -> None:
    """Move the new file in only if the name is free, even when it is taken meanwhile."""
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: check, then rename (a narrow race)
        if os.path.lexists(path):
            raise FileExistsError(path) from None
        os.replace(temporary, path)
        return
    os.unlink(temporary)


def write_atomic(path: Path, text: str, *, new: bool = False) -> None:
    """Put `text` at `path` whole or not at all; with `new`, refuse a file that exists.

    The temporary file sits in the destination's folder (a rename never crosses file systems)
    and is named as a hidden file, which the portfolio does not list; it is removed on any
    failure. An existing file keeps its permission bits.
    """
    folder = path.parent
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        try:
            os.chmod(temporary, stat.S_IMODE(os.stat(path).st_mode))
        except FileNotFoundError:
            os.chmod(temporary, 0o666 & ~_UMASK)  # as `open` would have made it
        if new:
            _link_new(temporary, path)
        else:
            os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
