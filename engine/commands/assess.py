"""`readiness assess PATH...`: the full assessment, one report per profile."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from engine.commands.common import max_bytes_option, report_problems, rules_option
from engine.errors import EXIT_BAD_INPUT, EXIT_FAIL_ON, EXIT_OK

FORMATS = ("markdown", "json", "sarif", "github", "junit")


def _formats(value: str) -> list[str]:
    chosen = [part.strip() for part in value.split(",") if part.strip()]
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise click.BadParameter(f"use one or more of {', '.join(FORMATS)}, separated by commas")
    return list(dict.fromkeys(chosen))


@click.command("assess")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Folder to write reports to (or a file, for one profile in one format). "
    "Default: standard output.",
)
@click.option(
    "--format",
    "form",
    default="markdown",
    show_default=True,
    help=f"Comma-separated: {', '.join(FORMATS)}.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["no-go", "conditional", "never"]),
    default="no-go",
    show_default=True,
    help="Exit 1 when any profile's verdict is this bad or worse.",
)
@click.option("--no-waivers", is_flag=True, help="Assess as if no waiver existed (an audit view).")
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Assess as of this date (YYYY-MM-DD) instead of today, for reproducible reports.",
)
@rules_option
@max_bytes_option
def command(
    paths: tuple[str, ...],
    output: Path | None,
    form: str,
    fail_on: str,
    no_waivers: bool,
    today: dt.datetime | None,
    rules: Path | None,
    max_bytes: int,
) -> int:
    """Assess profiles and write a readiness report for each.

    PATHS are files or folders (all *.yaml and *.yml below). Nothing is written unless every
    profile is valid.
    """
    from engine.batch import Batch

    formats = _formats(form)
    batch = Batch(formats=formats, output=output, use_waivers=not no_waivers, max_bytes=max_bytes)
    ready = batch.prepare(paths, rules, today.date() if today else dt.date.today())
    if not ready:
        report_problems(batch.problems)
        return EXIT_BAD_INPUT
    results = batch.run(progress=sys.stderr.isatty() and len(batch.targets) > 1)
    if batch.problems:
        report_problems(batch.problems)
        return EXIT_BAD_INPUT
    for line in batch.summaries(results):
        click.echo(line, err=True)
    from engine.verdict import at_least

    failed = fail_on != "never" and any(at_least(r.verdict, fail_on) for r in results)
    return EXIT_FAIL_ON if failed else EXIT_OK
