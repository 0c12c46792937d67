"""`readiness rules list|show|check`: browse and lint rule sets."""

from __future__ import annotations

import json
from pathlib import Path

import click

from engine.cli.commands.common import format_option, plural, report_problems, rules_option
from engine.errors import EXIT_BAD_INPUT, EXIT_OK


@click.group("rules")
def command() -> None:
    """Browse and check rule sets (the shipped one, or your own with --rules DIR)."""


@command.command("list")
@rules_option
@format_option("text", "json", "markdown", help="markdown is the rule catalogue, rules/README.md.")
def list_rules(rules: Path | None, form: str) -> int:
    """List every rule with its severity, area and title."""
    from engine.cli.commands.common import load_rules
    from engine.workflows.catalogue import render_catalogue, rule_lines, rule_rows

    ruleset = load_rules(rules)
    if ruleset is None:
        return EXIT_BAD_INPUT
    if form == "json":
        click.echo(json.dumps(rule_rows(ruleset), indent=2, ensure_ascii=False))
    elif form == "markdown":
        click.echo(render_catalogue(ruleset), nl=False)
    else:
        for line in rule_lines(ruleset):
            click.echo(line)
    return EXIT_OK


@command.command("show")
@click.argument("rule_id")
@rules_option
def show_rule(rule_id: str, rules: Path | None) -> int:
    """Show one rule: its condition in words, tip, citation and origin."""
    from engine.cli.commands.common import load_rules
    from engine.printable import one_line
    from engine.profile.suggestions import hint
    from engine.workflows.catalogue import describe_rule

    ruleset = load_rules(rules)
    if ruleset is None:
        return EXIT_BAD_INPUT
    found = ruleset.by_id().get(rule_id)
    if found is None:
        message = f"readiness: no rule '{rule_id}'{hint(rule_id, ruleset.by_id())}"
        click.echo(one_line(message), err=True)
        return EXIT_BAD_INPUT
    click.echo(describe_rule(found, ruleset))
    return EXIT_OK


@command.command("check")
@click.argument("directory", required=False, type=click.Path(path_type=Path))
def check_rules(directory: Path | None) -> int:
    """Load a rule set and run every rule's examples (default: the shipped rules)."""
    import datetime as dt

    from engine.cli.commands.common import load_rules
    from engine.printable import one_line
    from engine.workflows.catalogue import check_examples

    ruleset = load_rules(directory)
    if ruleset is None:
        return EXIT_BAD_INPUT
    problems, checked, missing = check_examples(ruleset, dt.date.today())
    report_problems(problems)
    summary = f"{plural(len(ruleset.rules), 'rule')}, {plural(checked, 'example')} checked"
    if missing:
        summary += f"; {plural(len(missing), 'rule')} without examples: {', '.join(missing)}"
    verdict = "ok" if not problems else f"{plural(len(problems), 'problem')}"
    click.echo(one_line(f"readiness: {ruleset.label}: {summary}: {verdict}"), err=True)
    return EXIT_BAD_INPUT if problems else EXIT_OK
