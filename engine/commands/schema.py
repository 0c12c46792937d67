"""`readiness schema`: print the profile JSON Schema."""

from __future__ import annotations

import click

from engine.errors import EXIT_OK


@click.command("schema")
def command() -> int:
    """Print the JSON Schema of a profile, for editors and other validators."""
    from engine.schema import dumps, profile_schema

    click.echo(dumps(profile_schema()), nl=False)
    return EXIT_OK
