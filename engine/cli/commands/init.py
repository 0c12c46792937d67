"""`readiness init PATH`: start a profile from a template that asks every question."""

from __future__ import annotations

import os

import click

from engine.cli.commands.common import report_problems, say
from engine.errors import EXIT_BAD_INPUT, EXIT_OK


@click.command("init")
@click.argument("path", type=click.Path(dir_okay=False))
def command(path: str) -> int:
    """Write a profile template with every worksheet question as a comment.

    Refuses to overwrite an existing file.
    """
    from engine.profile.template import Notes, render_template
    from engine.rules.applicability import wordings
    from engine.rules.critical import core_critical
    from engine.workflows.output import OutputError, write_new

    try:
        write_new(path, render_template(Notes(wordings(), core_critical())))
    except OutputError as error:
        report_problems([error.problem])
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        say(f"readiness: interrupted; {path} was not written")
        return EXIT_BAD_INPUT
    say(f"readiness: wrote {path}; fill it in, then run `readiness validate {path}`")
    schema = os.path.join(os.path.dirname(path), "profile.schema.json")
    if not os.path.exists(schema):
        say(f"readiness: for completion in your editor, run `readiness schema > {schema}`")
    return EXIT_OK
