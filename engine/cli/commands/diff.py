"""`readiness diff OLD NEW`: what a change to a profile did to its readiness."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from engine.cli.commands.common import format_option, report_problems, rules_option
from engine.errors import EXIT_BAD_INPUT, EXIT_OK


@click.command("diff")
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@format_option("markdown", "json")
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Assess profiles as of this date.",
)
@click.option("--no-waivers", is_flag=True, help="Assess profiles as if no waiver existed.")
@rules_option
def command(
    old: Path, new: Path, form: str, today: dt.datetime | None, no_waivers: bool, rules: Path | None
) -> int:
    """Compare two versions of a profile (YAML profiles, or JSON from `assess --format json`).

    Prints the verdict change and the findings resolved, new and changed, as Markdown for a pull
    request comment or as JSON.
    """
    from engine.assessment.diff import compare
    from engine.errors import InputError
    from engine.profile.loader import Limits
    from engine.render.environment import environment
    from engine.workflows.sides import read_side

    date = today.date() if today else dt.date.today()
    try:
        before = read_side(old, rules, date, not no_waivers, Limits())
        after = read_side(new, rules, date, not no_waivers, Limits())
    except InputError as error:
        report_problems(error.problems)
        return EXIT_BAD_INPUT
    result = compare(before, after)
    if form == "json":
        click.echo(json.dumps(result.model_dump(mode="json"), indent=2, ensure_ascii=False))
    else:
        click.echo(environment().get_template("diff.md.j2").render(d=result), nl=False)
    return EXIT_OK
