"""`readiness schema`: print the profile JSON Schema."""

from __future__ import annotations

import click

from engine.errors import EXIT_OK


@click.command("schema")
@click.option("--report", is_flag=True, help="Print the schema of the JSON assessment instead.")
def command(report: bool) -> int:
    """Print the JSON Schema of a profile (for editors and other validators), or of a report."""
    from engine.profile.schema import dumps, profile_schema
    from engine.render.json_report import report_schema

    click.echo(dumps(report_schema() if report else profile_schema()), nl=False)
    return EXIT_OK
