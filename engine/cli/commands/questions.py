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
    from engine.rules.applicability import wordings
    from engine.rules.critical import core_critical

    table = questions()
    applies = wordings()  # follow-up questions: when they apply, in words
    critical = core_critical()  # a blank always decides the verdict
    if form == "json":
        rows = [
            {
                "id": q.id,
                "question": q.text,
                "source": q.source,
                "section": q.section,
                "critical": q.id in critical,
                "answered_by": list(q.primary),
                "fields": list(q.fields),
                "applies_when": q.applies_when,
                "applies_if": applies.get(q.id),
            }
            for q in table
        ]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    elif form == "markdown":
        click.echo("| id | question | answered by | critical | applies |")
        click.echo("| --- | --- | --- | --- | --- |")
        for q in table:
            fields = "<br>".join(f"`{p}`" for p in q.primary)
            only = f"only if {applies[q.id]}" if q.id in applies else ""
            mark = "yes" if q.id in critical else ""
            click.echo(f"| {q.id} | {q.text} | {fields} | {mark} | {only} |")
    else:
        for q in table:
            mark = " [critical]" if q.id in critical else ""
            mark += f" (only if {applies[q.id]})" if q.id in applies else ""
            click.echo(f"{q.id:8} {', '.join(q.primary)}{mark}")
        click.echo(f"{len(table)} questions", err=True)
    return EXIT_OK
