"""`readiness init PATH`: start a profile from a template that asks every question."""

from __future__ import annotations

from pathlib import Path

import click

from engine.errors import EXIT_BAD_INPUT, EXIT_OK


@click.command("init")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def command(path: Path) -> int:
    """Write a profile template with every worksheet question as a comment.

    Refuses to overwrite an existing file.
    """
    from engine.profile.template import render_template
    from engine.workflows.output import OutputError, write_new

    try:
        write_new(path, render_template())
    except OutputError as error:
        click.echo(f"{error}", err=True)
        return EXIT_BAD_INPUT
    click.echo(
        f"readiness: wrote {path}; fill it in, then run `readiness validate {path}`", err=True
    )
    if not (path.parent / "profile.schema.json").exists():
        click.echo(
            f"readiness: for completion in your editor, run "
            f"`readiness schema > {path.parent / 'profile.schema.json'}`",
            err=True,
        )
    return EXIT_OK
