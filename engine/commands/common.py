"""Options and output helpers shared by several commands."""

from __future__ import annotations

from collections.abc import Iterable

import click

from engine.errors import Problem

max_bytes_option = click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=1 << 20,
    show_default=True,
    help="Refuse profiles larger than this many bytes.",
)


def report_problems(problems: Iterable[Problem]) -> int:
    """Print problems to stderr, one line each; returns how many there were."""
    count = 0
    for problem in problems:
        click.echo(str(problem), err=True)
        count += 1
    return count


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
