"""Worker processes for big batches, each fed through a pipe of its own.

Not multiprocessing.Pool: its workers share one lock on the task queue, and a worker killed
while holding it (CI cancels a job by signalling the whole process group) leaves
Pool.terminate() waiting for that lock forever. Here nothing is shared: workers ignore SIGINT
and SIGTERM (the parent alone decides), the parent ends them with SIGKILL when it stops early,
and a worker that dies anyway is noticed at once instead of being waited for.
"""

from __future__ import annotations

import errno
import itertools
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from multiprocessing import get_context
from multiprocessing.connection import Connection, wait
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from multiprocessing.context import ForkProcess, SpawnProcess

T = TypeVar("T")
R = TypeVar("R")

IN_FLIGHT = 2  # chunks per worker: one being worked on, one waiting, so no worker idles
SIGNALS = {signal.SIGINT, signal.SIGTERM}


def _serve(connection: Connection, function: Callable[[Any], Any]) -> None:
    """A worker's loop: a chunk of tasks in, their results (or the exception) out."""
    for number in SIGNALS:
        signal.signal(number, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, SIGNALS)
    try:
        while (chunk := connection.recv()) is not None:
            try:
                reply: tuple[bool, Any] = (True, [function(task) for task in chunk])
            except Exception as error:  # the parent raises it, as a serial run would
                reply = (False, error)
            try:
                connection.send(reply)
            except Exception:  # an exception that does not pickle
                connection.send((False, RuntimeError(f"{type(reply[1]).__name__}: {reply[1]}")))
    except (EOFError, OSError):  # the parent has gone or closed the pipe: nothing left to do
        return


@contextmanager
def _signals_blocked() -> Iterator[None]:
    """Hold SIGINT and SIGTERM while forking: a forked worker inherits the parent's handlers,
    and one arriving before `_serve` ignores them would print a traceback there."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, SIGNALS)


def _chunks(tasks: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(tasks)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


class Workers(Generic[T, R]):
    """`function` mapped over tasks by several processes, results in the order of the tasks."""

    def __init__(self, count: int, function: Callable[[T], R]) -> None:
        # fork where it is safe and fast (Linux); elsewhere spawn, the platform's default
        context = get_context("fork") if sys.platform == "linux" else get_context("spawn")
        self.processes: list[ForkProcess | SpawnProcess] = []
        self.pipes: list[Connection] = []
        try:
            with _signals_blocked():
                for _ in range(count):
                    mine, theirs = context.Pipe()
                    process = context.Process(target=_serve, args=(theirs, function), daemon=True)
                    process.start()
                    theirs.close()
                    self.processes.append(process)
                    self.pipes.append(mine)
        except BaseException as error:  # an interrupt held back above arrives here
            self.__exit__(type(error))
            raise

    def __enter__(self) -> Workers[T, R]:
        return self

    def __exit__(self, kind: object, *exc: object) -> None:
        """Tell each worker to stop (closing a pipe is not enough: later workers inherited the
        parent's end of earlier workers' pipes), or kill them all when the run failed."""
        for pipe, process in zip(self.pipes, self.processes, strict=True):
            if kind is None:
                pipe.send(None)
            else:
                process.kill()
            pipe.close()
        for process in self.processes:
            process.join()

    def map(self, tasks: Iterable[T], chunk: int) -> Iterator[R]:
        chunks = _chunks(tasks, chunk)
        sent = itertools.count()
        waiting: dict[Connection, deque[int]] = {pipe: deque() for pipe in self.pipes}
        done: dict[int, list[R]] = {}
        for pipe in self.pipes * IN_FLIGHT:
            self._send(pipe, chunks, sent, waiting)
        for number in itertools.count():
            while number not in done:
                if not any(waiting.values()):
                    return
                self._receive(chunks, sent, waiting, done)
            yield from done.pop(number)

    def _send(
        self,
        pipe: Connection,
        chunks: Iterator[list[T]],
        sent: Iterator[int],
        waiting: dict[Connection, deque[int]],
    ) -> None:
        chunk = next(chunks, None)
        if chunk is not None:
            waiting[pipe].append(next(sent))
            pipe.send(chunk)

    def _receive(
        self,
        chunks: Iterator[list[T]],
        sent: Iterator[int],
        waiting: dict[Connection, deque[int]],
        done: dict[int, list[R]],
    ) -> None:
        """Wait for any worker's results (or its death) and give that worker its next chunk."""
        busy = [pipe for pipe, numbers in waiting.items() if numbers]
        sentinels = {p.sentinel: p for p in self.processes}
        for ready in wait([*busy, *sentinels]):
            if not isinstance(ready, Connection):
                message = "a worker process ended unexpectedly (out of memory?)"
                raise ChildProcessError(errno.ECHILD, message)
            ok, payload = ready.recv()
            if not ok:
                raise payload
            done[waiting[ready].popleft()] = payload
            self._send(ready, chunks, sent, waiting)
