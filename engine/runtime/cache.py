"""The user's cache folder: what one run built that the next can reuse, and nothing it must trust.

Each entry is one file, named for what it holds (its slot), framed with the key it was built for
and a SHA-256 of its bytes. A reader gets the bytes only when the frame is whole, the key is the
one it asks for and the bytes are those written; anything else (another version, a changed
input, a truncated or corrupt file, a folder that cannot be read or written) is a miss, never an
error: the caller builds again and, where it can, writes the entry anew. Writes go to a temporary
file that is renamed into place, so a reader never sees half an entry, and an interrupted write
is removed. Callers put everything their result depends on into the key (inputs by content, and
the code that builds them), so a hit gives exactly what building would.

Where: `$XDG_CACHE_HOME/ids-readiness` when XDG_CACHE_HOME is set (an absolute path), else the
platform's cache folder (~/.cache, ~/Library/Caches, %LOCALAPPDATA%). The folder is used only if
it belongs to the user and nobody else can write to it, since some entries are compiled code.
Off for a run with `readiness --no-cache`, or with READINESS_NO_CACHE=1 in the environment.
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

FRAME = b"ids-readiness cache 1\n"
MAX_ENTRY = 64 << 20  # far above any entry; a larger file is not ours to read whole
NO_CACHE = "READINESS_NO_CACHE"
_switch = {"on": True}


def set_enabled(enabled: bool) -> None:
    """The `--no-cache` option: off for this run whatever the environment says."""
    _switch["on"] = enabled


def enabled() -> bool:
    return _switch["on"] and os.environ.get(NO_CACHE, "") in ("", "0")


def home() -> Path | None:
    """The platform's folder for caches, or None when the user's home cannot be found."""
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):
        return Path(xdg)
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA", "")
        return Path(local) if os.path.isabs(local) else None
    try:
        user = Path.home()
    except (RuntimeError, KeyError):  # no HOME and no password entry
        return None
    return user / "Library" / "Caches" if sys.platform == "darwin" else user / ".cache"


def folder() -> Path | None:
    """The cache folder, created if need be; None when caching is off or no safe folder exists."""
    base = home() if enabled() else None
    if base is None:
        return None
    path = base / "ids-readiness"
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = path.stat()
    except OSError:
        return None
    if hasattr(os, "getuid") and (info.st_uid != os.getuid() or info.st_mode & 0o022):
        return None  # shared or someone else's: its entries could be anybody's
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
    with open(descriptor, "rb") as stream:
        try:  # only a regular file: a FIFO in its place would never answer
            data = stream.read(MAX_ENTRY + 1) if stat.S_ISREG(os.fstat(descriptor).st_mode) else b""
        except OSError:
            return None
    return unframe(data, key)


def save(slot: str, key: str, payload: bytes) -> None:
    """Store `payload` in `slot` for `key`, atomically; a folder that refuses it is left alone."""
    where = folder()
    if where is None or len(payload) > MAX_ENTRY:
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
    return stamp(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


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
