"""The collector policy: paused only inside, its state restored whatever happens, and what setup
built frozen only in the program itself (never in a process that goes on, like the tests)."""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

import pytest

from engine.errors import InputError
from engine.profile.loader import parse_text
from engine.runtime import collector


@pytest.fixture
def restored() -> Iterator[None]:
    was_enabled, program = gc.isenabled(), dict(collector._program)
    yield
    collector._program.update(program)
    gc.unfreeze()
    if was_enabled:
        gc.enable()
    else:
        gc.disable()


@pytest.mark.parametrize("enabled", [True, False])
def test_paused_restores_the_state_it_found(restored: None, enabled: bool) -> None:
    if enabled:
        gc.enable()
    else:
        gc.disable()
    with pytest.raises(RuntimeError), collector.paused():
        assert not gc.isenabled()
        raise RuntimeError("a failure inside")
    assert gc.isenabled() is enabled


def test_setup_freezes_nothing_outside_the_program(restored: None) -> None:
    gc.unfreeze()
    gc.enable()
    with collector.setup():
        assert not gc.isenabled()
        kept = [object() for _ in range(10)]
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
    assert kept


def test_setup_freezes_what_it_built_in_the_program(restored: None) -> None:
    gc.unfreeze()
    gc.enable()
    collector.run_as_program()
    with collector.setup():
        kept = [[index] for index in range(10)]
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0
    assert kept


def test_one_file_is_set_up_whole_and_more_are_not(restored: None) -> None:
    gc.enable()
    with collector.for_files(1):
        assert not gc.isenabled()
    with collector.for_files(2):
        assert gc.isenabled()
    assert gc.isenabled()


@pytest.mark.parametrize("enabled", [True, False])
@pytest.mark.parametrize("text", ["a: [1, 2]\nb: {c: d}\n", "a: [1, 2\n", "a: 1\na: 2\n"])
def test_reading_a_file_leaves_the_collector_as_it_was(
    restored: None, enabled: bool, text: str
) -> None:
    """The tree is built with the collector paused, valid YAML or not."""
    if enabled:
        gc.enable()
    else:
        gc.disable()
    seen: list[bool] = []
    original = collector.paused

    @contextlib.contextmanager
    def watched() -> Iterator[None]:
        with original():
            seen.append(gc.isenabled())
            yield

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(collector, "paused", watched)
        with contextlib.suppress(InputError):
            parse_text(text, "f.yaml")
    assert seen == [False]
    assert gc.isenabled() is enabled


def test_overlapping_pauses_in_threads_leave_the_collector_on(restored: None) -> None:
    """The workspace reads files in several threads; pauses that overlap in any order must end
    with the collector on, as it was before the first."""
    gc.enable()
    first, second = collector.paused(), collector.paused()
    first.__enter__()
    second.__enter__()  # begins while the first holds the collector off
    first.__exit__(None, None, None)
    assert not gc.isenabled()  # the second is still reading
    second.__exit__(None, None, None)
    assert gc.isenabled()
    barrier = threading.Barrier(8)

    def read() -> None:
        barrier.wait()
        for _ in range(200):
            with collector.paused():
                pass

    threads = [threading.Thread(target=read) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert gc.isenabled()
