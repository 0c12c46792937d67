"""`readiness assess PATH...`: the full assessment, one report per profile."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from urllib.parse import urlsplit

import click

from engine.cli.commands.common import (
    lang_option,
    max_bytes_option,
    report_problems,
    rules_option,
    say,
)
from engine.errors import EXIT_BAD_INPUT, EXIT_FAIL_ON, EXIT_OK
from engine.render import FORMATS
from engine.runtime import collector


def link_base(value: str | None) -> str | None:
    """A base URL for links to profile lines: http(s), a host, and nothing a link could trip on.

    Checked here rather than escaped later, so that a typo is a usage error (exit 2) instead of
    a report full of broken links; the report still percent-encodes what it writes.
    """
    if value is None:
        return None
    parts = urlsplit(value) if value.isprintable() and value.isascii() else None
    bad = set(' "<>\\^`{|}') & set(value)
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc or bad:
        raise click.BadParameter(
            "use an http:// or https:// URL without spaces, quotes or control characters, "
            "e.g. https://github.com/org/repo/blob/main/"
        )
    return value


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
    type=click.Path(),  # kept as typed: a trailing slash names a folder
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
    type=click.Choice(["no-go", "incomplete", "conditional", "never"]),
    default="no-go",
    show_default=True,
    help=(
        "Exit 1 when any profile's verdict is this bad or worse "
        "(GO < GO WITH CONDITIONS < INCOMPLETE < NO-GO)."
    ),
)
@click.option("--no-waivers", is_flag=True, help="Assess as if no waiver existed (an audit view).")
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Assess as of this date (YYYY-MM-DD) instead of today, for reproducible reports.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    default=0,
    help="Worker processes for big batches (default 0: one per core from 48 profiles up).",
)
@click.option(
    "--link-base",
    metavar="URL",
    default=None,
    callback=lambda ctx, param, value: link_base(value),
    help="Link each quoted answer in Markdown and HTML reports to its line online: URL + profile "
    "path + #L<line>, e.g. https://github.com/org/repo/blob/main/",
)
@lang_option("the Markdown and HTML reports")
@rules_option
@max_bytes_option
def command(
    paths: tuple[str, ...],
    output: str | None,
    form: str,
    fail_on: str,
    no_waivers: bool,
    today: dt.datetime | None,
    jobs: int,
    rules: Path | None,
    max_bytes: int,
    link_base: str | None,
    lang: str,
) -> int:
    """Assess profiles and write a readiness report for each.

    PATHS are files or folders (all *.yaml and *.yml below). Nothing is written unless every
    profile is valid, and a failed or interrupted run leaves OUT as it was.
    """
    formats = _formats(form)
    with collector.setup():  # imports and the rule set: built once, kept to the end
        from engine.assessment.verdict import at_least
        from engine.workflows.batch import Batch

        batch = Batch(
            formats=formats,
            output=output,
            use_waivers=not no_waivers,
            max_bytes=max_bytes,
            jobs=jobs,
            link_base=link_base,
            lang=lang,
        )
        prepared = batch.prepare(paths, rules)
    date = today.date() if today else dt.date.today()
    progress = sys.stderr.isatty() and len(paths) > 0
    with collector.for_files(len(batch.targets)):
        done = prepared and batch.run(rules, date, progress and len(batch.targets) > 1)
    if not done:
        report_problems(batch.problems)
        if batch.interrupted:
            say(f"readiness: interrupted; {batch.left_as_it_was()}")
        return EXIT_BAD_INPUT
    for line in batch.summaries:
        say(line)
    written = batch.written()
    if written:
        say(f"readiness: {written}")
    failed = fail_on != "never" and any(at_least(v, fail_on) for v in batch.verdicts.values())
    return EXIT_FAIL_ON if failed else EXIT_OK
