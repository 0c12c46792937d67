"""`readiness validate PATH...`: check profiles against the schema, and nothing more."""

from __future__ import annotations

import click

from engine.commands.common import max_bytes_option, plural, report_problems
from engine.errors import EXIT_BAD_INPUT, EXIT_OK


@click.command("validate")
@click.argument("paths", nargs=-1, required=True)
@max_bytes_option
@click.option("-q", "--quiet", is_flag=True, help="Print problems only, no summary line.")
def command(paths: tuple[str, ...], max_bytes: int, quiet: bool) -> int:
    """Check that each profile is well-formed and every answer is allowed.

    PATHS are files or folders; folders are searched for *.yaml and *.yml files.
    """
    from engine.discovery import expand
    from engine.errors import InputError
    from engine.loader import Limits
    from engine.validation import load_profile

    targets, problems = expand(paths)
    report_problems(problems)
    limits = Limits(max_bytes=max_bytes)
    invalid = 0
    for target in targets:
        try:
            load_profile(target.path, target.display, limits)
        except InputError as error:
            report_problems(error.problems)
            invalid += 1
    if not quiet:
        checked = plural(len(targets), "profile")
        verdict = "all valid" if not invalid else f"{invalid} invalid"
        click.echo(f"readiness: {checked} checked, {verdict}", err=True)
    return EXIT_BAD_INPUT if invalid or problems else EXIT_OK
