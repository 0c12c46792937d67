"""The cache beside the package: an entry comes back only whole, for its key, from a safe folder.

Everything else (another key, a corrupt or truncated file, a folder others can write, one that
cannot be made or written, caching turned off) is a miss and never an error, and a failed or
interrupted write leaves nothing behind. The user's cache folder is never read.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from engine.runtime import cache

KEY = cache.key("test", "entry")


def test_an_entry_comes_back_for_its_key_only(cache_home: Path) -> None:
    cache.save("slot.bin", KEY, b"payload\n\x00bytes")
    assert cache.load("slot.bin", KEY) == b"payload\n\x00bytes"
    assert cache.load("slot.bin", cache.key("test", "other")) is None
    assert cache.load("other.bin", KEY) is None
    assert [p.name for p in cache_home.iterdir()] == ["slot.bin"]


def test_a_new_entry_replaces_the_old_one_in_its_slot(cache_home: Path) -> None:
    cache.save("slot.bin", KEY, b"old")
    newer = cache.key("test", "newer")
    cache.save("slot.bin", newer, b"new")
    assert cache.load("slot.bin", newer) == b"new"
    assert cache.load("slot.bin", KEY) is None


def test_the_folder_is_private(cache_home: Path) -> None:
    cache.save("slot.bin", KEY, b"payload")
    if os.name == "posix":
        assert cache_home.stat().st_mode & 0o777 == 0o700
        assert (cache_home / "slot.bin").stat().st_mode & 0o777 == 0o600


def _corruptions(good: bytes) -> list[bytes]:
    flipped = bytearray(good)
    flipped[-3] ^= 0x01
    return [
        b"",
        good[: len(good) // 2],
        good[:-1],
        bytes(flipped),
        good + b"tail",
        b"\x00" * len(good),
        good.replace(cache.FRAME, b"ids-readiness cache 0\n"),
        os.urandom(len(good)),
    ]


def test_a_damaged_entry_is_a_miss(cache_home: Path) -> None:
    cache.save("slot.bin", KEY, b"a payload long enough to cut in places")
    good = (cache_home / "slot.bin").read_bytes()
    for damaged in _corruptions(good):
        (cache_home / "slot.bin").write_bytes(damaged)
        assert cache.load("slot.bin", KEY) is None, damaged


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_fifo_in_a_slot_is_a_miss_not_a_wait(cache_home: Path) -> None:
    cache.save("slot.bin", KEY, b"payload")
    (cache_home / "slot.bin").unlink()
    os.mkfifo(cache_home / "slot.bin")
    assert cache.load("slot.bin", KEY) is None


def test_the_key_covers_the_version_and_the_engine_code(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "__version__", "99.0")
    assert cache.key("test", "entry") != KEY
    monkeypatch.undo()
    monkeypatch.setattr(cache, "source_stamp", lambda: "edited")
    assert cache.key("test", "entry") != KEY
    assert cache.key("test", "entry") == cache.key("test", "entry")


def test_the_stamp_follows_every_edit_but_byte_code(tmp_path: Path) -> None:
    package = tmp_path / "engine"
    (package / "sub").mkdir(parents=True)
    module = package / "sub" / "module.py"
    module.write_text("x = 1\n", encoding="utf-8")
    first = cache.stamp(str(package))
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "module.cpython-311.pyc").write_bytes(b"byte code")
    assert cache.stamp(str(package)) == first
    module.write_text("x = 2\n", encoding="utf-8")  # same size, later time
    info = module.stat()
    os.utime(module, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000))
    second = cache.stamp(str(package))
    assert second != first
    (package / "new.py").write_text("", encoding="utf-8")
    assert cache.stamp(str(package)) not in (first, second)


@pytest.mark.parametrize("how", ["option", "environment"])
def test_caching_turned_off_reads_and_writes_nothing(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    cache.save("slot.bin", KEY, b"payload")
    if how == "option":
        cache.set_enabled(False)
    else:
        monkeypatch.setenv(cache.NO_CACHE, "1")
    assert cache.folder() is None
    assert cache.load("slot.bin", KEY) is None
    cache.save("other.bin", KEY, b"payload")
    assert not (cache_home / "other.bin").exists()


def test_zero_in_the_environment_leaves_caching_on(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache.NO_CACHE, "0")
    assert cache.folder() == cache_home


def test_the_folder_is_in_the_package_byte_code_folder_one_per_python() -> None:
    where = cache.location()
    assert where.parent == Path(cache.__file__).resolve().parents[1] / "__pycache__"
    assert where.name == f"ids-readiness.{sys.implementation.cache_tag}"


def test_the_user_cache_folder_is_never_looked_at(
    cache_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An entry with the right key in every folder a user cache could be is not ours to read."""
    user = tmp_path / "user"
    for variable in ("XDG_CACHE_HOME", "HOME", "LOCALAPPDATA"):
        monkeypatch.setenv(variable, str(user))
    for folder in (user / "ids-readiness", user / ".cache" / "ids-readiness"):
        folder.mkdir(parents=True)
        (folder / "slot.bin").write_bytes(cache.frame(KEY, b"planted"))
    assert cache.load("slot.bin", KEY) is None
    cache.save("slot.bin", KEY, b"ours")
    assert cache.load("slot.bin", KEY) == b"ours"
    assert (user / "ids-readiness" / "slot.bin").read_bytes() == cache.frame(KEY, b"planted")


def test_a_folder_others_can_write_is_not_used(cache_home: Path) -> None:
    if not hasattr(os, "getuid"):
        pytest.skip("POSIX permissions")
    cache.save("slot.bin", KEY, b"payload")
    cache_home.chmod(0o777)
    assert cache.folder() is None
    assert cache.load("slot.bin", KEY) is None


def test_a_folder_owned_by_another_than_the_package_is_not_used(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache.save("slot.bin", KEY, b"payload")
    real_stat = Path.stat

    def stat(path: Path, **options: bool) -> os.stat_result:
        found = real_stat(path, **options)
        if path != cache_home:
            return found
        fields = list(found)
        fields[4] = found.st_uid + 1  # st_uid: as if another user had made the folder
        return os.stat_result(fields)

    monkeypatch.setattr(Path, "stat", stat)
    assert cache.folder() is None
    assert cache.load("slot.bin", KEY) is None


def test_a_slot_that_is_a_folder_is_a_miss(cache_home: Path) -> None:
    cache.save("slot.bin", KEY, b"payload")
    (cache_home / "slot.bin").unlink()
    (cache_home / "slot.bin").mkdir()
    assert cache.load("slot.bin", KEY) is None


def test_no_folder_can_be_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the package should be", encoding="utf-8")
    monkeypatch.setattr(cache, "PACKAGE", blocker)
    cache.set_enabled(True)
    assert cache.folder() is None
    cache.save("slot.bin", KEY, b"payload")  # nothing to do, and no error
    assert cache.load("slot.bin", KEY) is None


def test_no_byte_code_means_nothing_written_but_entries_still_read(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As Python treats its own byte code under `-B` or PYTHONDONTWRITEBYTECODE."""
    cache.save("slot.bin", KEY, b"payload")
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    cache.save("other.bin", KEY, b"payload")
    assert not (cache_home / "other.bin").exists()
    assert cache.load("slot.bin", KEY) == b"payload"


def test_no_byte_code_and_no_folder_yet_makes_no_folder(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    assert cache.folder() is None
    cache.save("slot.bin", KEY, b"payload")
    assert not cache_home.exists()


@pytest.mark.skipif(
    not hasattr(os, "getuid") or os.getuid() == 0, reason="root writes to read-only folders"
)
def test_a_read_only_folder_is_left_alone(cache_home: Path) -> None:
    cache.save("slot.bin", KEY, b"payload")
    cache_home.chmod(0o500)
    try:
        cache.save("other.bin", KEY, b"payload")
        assert sorted(p.name for p in cache_home.iterdir()) == ["slot.bin"]
    finally:
        cache_home.chmod(0o700)


def test_a_failed_write_leaves_no_trace(cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(source: object, target: object) -> None:
        raise PermissionError("read-only file system")

    cache.save("slot.bin", KEY, b"old")
    monkeypatch.setattr(os, "replace", refuse)
    cache.save("slot.bin", cache.key("test", "new"), b"new")
    assert sorted(p.name for p in cache_home.iterdir()) == ["slot.bin"]
    assert cache.load("slot.bin", KEY) == b"old"


def test_an_interrupted_write_leaves_no_trace(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupt(source: object, target: object) -> None:
        raise KeyboardInterrupt

    cache.save("slot.bin", KEY, b"old")
    monkeypatch.setattr(os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        cache.save("slot.bin", cache.key("test", "new"), b"new")
    assert sorted(p.name for p in cache_home.iterdir()) == ["slot.bin"]
    assert cache.load("slot.bin", KEY) == b"old"
