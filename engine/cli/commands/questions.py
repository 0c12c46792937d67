"""`readiness questions`: the traceability table from worksheet questions to profile fields."""

from __future__ import annotations

import json

import click

from engine.cli.commands.common import format_option
from engine.errors import EXIT_OK


@click.command("questions")
@format_option("text", "json", "markdown")
def command(form: str) -> int:
    """List every worksheet question with the profile fields that answer it."""
    from engine.profile.questions import questions

    table = questions()
    if form == "json":
        rows = [
            {
                "id": q.id,
                "question": q.text,
                "source": q.source,
                "section": q.section,
                "critical": q.critical,
                "answered_by": list(q.primary),
                "fields": list(q.fields),
            }
            for q in table
        ]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    elif form == "markdown":
        click.echo("| id | question | answered by | critical |")
        click.echo("| --- | --- | --- | --- |")
        for q in table:
            fields = "<br>".join(f"`{p}`" for p in q.primary)
            click.echo(f"| {q.id} | {q.text} | {fields} | {'yes' if q.critical else ''} |")
    else:
        for q in table:
            mark = " [critical]" if q.critical else ""
            click.echo(f"{q.id:8} {', '.join(q.primary)}{mark}")
        click.echo(f"{len(table)} questions", err=True)
    return EXIT_OK
