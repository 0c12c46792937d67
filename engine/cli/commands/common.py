"""Options and output helpers shared by several commands."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar

import click

from engine.errors import Problem
from engine.printable import one_line

F = TypeVar("F", bound=Callable[..., Any])

if TYPE_CHECKING:
    from engine.rules.ruleset import RuleSet

MAX_BYTES_LIMIT = 1 << 30  # reading allocates the limit up front: far above it, memory runs out


class _MaxBytesError(click.ClickException):
    """An impossible --max-bytes is the user's mistake: one line in the tool's error format,
    rather than click's usage block or, for a huge number, an internal error."""

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(one_line(f"readiness: error: --max-bytes: {self.message}"), err=True)


def _max_bytes(ctx: click.Context, param: click.Parameter, value: str | int) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if not 1 <= number <= MAX_BYTES_LIMIT:
        shown = str(value) if len(str(value)) <= 40 else f"{str(value)[:40]}..."
        raise _MaxBytesError(f"use a whole number from 1 to {MAX_BYTES_LIMIT} (1 GiB), not {shown}")
    return number


def max_bytes(files: str = "profiles") -> Callable[[F], F]:
    """`--max-bytes`, the size limit of the input files a command reads."""
    return click.option(
        "--max-bytes",
        type=str,
        metavar="BYTES",
        default=str(1 << 20),
        show_default=True,
        callback=_max_bytes,
        help=f"Refuse {files} larger than this many bytes (1 to {MAX_BYTES_LIMIT}).",
    )


max_bytes_option = max_bytes()


class _LanguageError(click.ClickException):
    """An unknown --lang: one line in the tool's error format, naming the languages there are."""

    exit_code = 2

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(one_line(f"readiness: error: --lang: {self.message}"), err=True)


def _lang(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from engine.i18n.catalogue import UnknownLanguageError, known

    try:
        return known(value)
    except UnknownLanguageError as error:
        raise _LanguageError(str(error)) from None


def _shipped() -> str:
    from engine.i18n.catalogue import shipped

    *others, last = shipped()
    return f"{', '.join(others)} or {last}" if others else last


def lang_option(what: str, default: str | None = "en") -> Callable[[F], F]:
    """`--lang CODE`: the language of the pages a command writes for people (BCP 47)."""
    return click.option(
        "--lang",
        metavar="CODE",
        default=default,
        callback=_lang,
        help=f"The language of {what}: {_shipped()} (BCP 47; es-MX is Spanish too).",
    )


def report_problems(problems: Iterable[Problem]) -> int:
    """Print problems to stderr, one line each; returns how many there were."""
    count = 0
    for problem in problems:
        click.echo(str(problem), err=True)
        count += 1
    return count


def say(message: str) -> None:
    """One inert line to stderr: messages carry file names and answers, which may hold anything."""
    click.echo(one_line(message), err=True)


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


rules_option = click.option(
    "--rules",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Use the rule set in this folder (a ruleset.yaml with `extends: core` adds to ours).",
)


def load_rules(directory: Path | None, *, examples: bool = True) -> RuleSet | None:
    """The rule set, or None after printing why it cannot be loaded. Without `examples` it may
    come from the cache (`ruleset_cache`), and its rules have none."""
    from engine.errors import InputError
    from engine.rules.rule_loader import load_ruleset
    from engine.rules.ruleset_cache import cached_ruleset

    try:
        return load_ruleset(directory) if examples else cached_ruleset(directory)
    except InputError as error:
        report_problems(error.problems)
        say("readiness: the rule set is invalid; fix it first (nothing was checked)")
        return None


def format_option(*choices: str, help: str | None = None) -> Callable[[F], F]:
    """`--format` with a closed list of choices, the first being the default."""
    return click.option(
        "--format",
        "form",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help=help,
    )
