"""What a run built that the next can reuse, kept beside the installed code and trusted as it is.

Some entries are code (compiled templates, pickled validator schemas) and one decides a verdict
(the parsed rule set), so an entry may only live where it is exactly as trustworthy as the `.py`
files that would build it: inside the installed package, in its `__pycache__` folder, where
Python keeps its own byte code for the same reason. Whoever can write there can already change the
code; nobody else can change an entry. The user's cache folder (`~/.cache`, `$XDG_CACHE_HOME`) is
never read: a CI job may restore it from a cache an earlier, less trusted job saved, or a home
folder may be synced between machines, and neither may run code or change a verdict.

Like Python's byte code, entries are written only where the package's folder can be written (a
checkout, a user's virtual environment) and not when Python is told to write no byte code
(`-B`, PYTHONDONTWRITEBYTECODE); a read-only install runs without them, only slower. The folder
must belong to the package's owner and be writable by nobody else. Each Python version has a
folder of its own, as its byte code has a file of its own.

Each entry is one file, named for what it holds (its slot), framed with the key it was built for
and a SHA-256 of its bytes. A reader gets the bytes only when the frame is whole, the key is the
one it asks for and the bytes are those written; anything else (another version, a changed input,
a truncated file) is a miss, never an error: the caller builds again and, where it can, writes the
entry anew. Writes go to a temporary file that is renamed into place, so a reader never sees half
an entry. Off for a run with `readiness --no-cache`, or with READINESS_NO_CACHE=1.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import stat
import sys
from pathlib import Path

from engine import __version__

FRAME = b"ids-readiness cache 2\n"
MAX_ENTRY = 64 << 20  # far above any entry; a larger file is not ours to read whole
NO_CACHE = "READINESS_NO_CACHE"
PACKAGE = Path(__file__).resolve().parents[1]
_switch = {"on": True}


def set_enabled(enabled: bool) -> None:
    """The `--no-cache` option: off for this run whatever the environment says."""
    _switch["on"] = enabled


def enabled() -> bool:
    return _switch["on"] and os.environ.get(NO_CACHE, "") in ("", "0")


def location() -> Path:
    """Where the entries of this installed copy live, for this Python."""
    tag = sys.implementation.cache_tag or "python"
    return PACKAGE / "__pycache__" / f"ids-readiness.{tag}"


def folder() -> Path | None:
    """The cache folder when caching is on and the folder is as safe as the package's code."""
    if not enabled():
        return None
    path = location()
    try:
        if not sys.dont_write_bytecode:
            path.mkdir(mode=0o700, parents=True, exist_ok=True)
        info, owner = path.stat(), path.parents[1].stat()
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_mode & 0o022 or info.st_uid != owner.st_uid:
        return None  # writable by someone who cannot write the code: its entries are not ours
    return path


def load(slot: str, key: str) -> bytes | None:
    """The bytes stored in `slot` for `key`, or None (a miss) for anything else."""
    where = folder()
    if where is None:
        return None
    try:
        descriptor = os.open(where / slot, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:  # only a regular file: a FIFO in its place would never answer, a folder cannot be read
        regular = stat.S_ISREG(os.fstat(descriptor).st_mode)
        with open(descriptor, "rb", closefd=False) as stream:
            data = stream.read(MAX_ENTRY + 1) if regular else b""
    except OSError:
        return None
    finally:
        os.close(descriptor)
    return unframe(data, key)


def save(slot: str, key: str, payload: bytes) -> None:
    """Store `payload` in `slot` for `key`, atomically; a folder that refuses it is left alone."""
    where = folder()
    if where is None or sys.dont_write_bytecode or len(payload) > MAX_ENTRY:
        return
    temporary = where / f".{slot}.{os.getpid()}.{os.urandom(6).hex()}.tmp"
    created = placed = False
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        created = True
        with open(descriptor, "wb") as stream:
            stream.write(frame(key, payload))
        os.replace(temporary, where / slot)
        placed = True
    except OSError:
        pass
    finally:
        if created and not placed:  # failed or interrupted: leave no trace
            with contextlib.suppress(OSError):
                temporary.unlink()


def key(*parts: str) -> str:
    """The key of an entry built from `parts`, for this version of the tool and of Python.

    A version's code is fixed once installed, but a checkout's is not: the engine's own files
    are part of every key too (by size and modification time, as Python's own byte-code cache
    checks its sources), so an edited module is never answered with what the old one built.
    """
    digest = hashlib.sha256()
    for part in (__version__, sys.implementation.cache_tag or "", source_stamp(), *parts):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


@functools.cache
def source_stamp() -> str:
    """The engine package's own files, as `stamp` sees them, once per process."""
    return stamp(str(PACKAGE))


def stamp(root: str) -> str:
    """Every file below `root` by path, size and modification time, digested (byte code aside)."""
    digest = hashlib.sha256()
    pending = [root]
    while pending:
        with os.scandir(pending.pop()) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.name == "__pycache__":
                    continue
                if entry.is_dir():
                    pending.append(entry.path)
                    continue
                info = entry.stat()
                digest.update(f"{entry.path}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def frame(key: str, payload: bytes) -> bytes:
    """An entry as stored: the frame line, the key, the payload's SHA-256, then the payload."""
    digest = hashlib.sha256(payload).hexdigest()
    return b"".join((FRAME, key.encode("ascii"), b"\n", digest.encode("ascii"), b"\n", payload))


def unframe(data: bytes, key: str) -> bytes | None:
    """The payload of a stored entry, if it is whole, for `key`, and unaltered; else None."""
    if not data.startswith(FRAME):
        return None
    parts = data[len(FRAME) :].split(b"\n", 2)
    if len(parts) != 3 or parts[0] != key.encode("ascii", "replace"):
        return None
    payload = parts[2]
    if hashlib.sha256(payload).hexdigest().encode("ascii") != parts[1]:
        return None
    return payload
