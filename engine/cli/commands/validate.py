"""`readiness validate PATH...`: check profiles against the schema, and nothing more."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from engine.cli.commands.common import (
    load_rules,
    max_bytes_option,
    plural,
    report_problems,
    rules_option,
)
from engine.errors import EXIT_BAD_INPUT, EXIT_OK, Problem
from engine.profile.positions import Node
from engine.runtime import collector

if TYPE_CHECKING:
    from engine.profile.loader import Limits
    from engine.profile.models import Profile
    from engine.workflows.discovery import Target


@click.command("validate")
@click.argument("paths", nargs=-1, required=True)
@max_bytes_option
@rules_option
@click.option("-q", "--quiet", is_flag=True, help="Print problems only, no summary line.")
def command(paths: tuple[str, ...], max_bytes: int, rules: Path | None, quiet: bool) -> int:
    """Check that each profile is well-formed and every answer is allowed.

    PATHS are files or folders; folders are searched for *.yaml and *.yml files. Waivers must
    name rules of the rule set (the shipped one, or --rules DIR).
    """
    with collector.setup():  # the imports build pydantic's models: nothing to collect yet
        import engine.profile.validation  # noqa: F401 - imported here to be set up paused
        from engine.profile.loader import Limits
        from engine.workflows.discovery import expand

    waivers = _WaiverCheck(rules)
    if rules is not None and not waivers.load():  # asked for by name: a broken one is an error
        return EXIT_BAD_INPUT
    targets, problems = expand(paths)
    report_problems(problems)
    with collector.for_files(len(targets)):
        invalid = _check(targets, Limits(max_bytes=max_bytes), waivers)
    if invalid is None:
        return EXIT_BAD_INPUT
    if not quiet:
        checked = plural(len(targets), "profile")
        verdict = "all valid" if not invalid else f"{invalid} invalid"
        click.echo(f"readiness: {checked} checked, {verdict}", err=True)
    return EXIT_BAD_INPUT if invalid or problems else EXIT_OK


def _check(targets: list[Target], limits: Limits, waivers: _WaiverCheck) -> int | None:
    """How many profiles are invalid, each one's problems printed; None if the rule set is."""
    from engine.errors import InputError
    from engine.profile.validation import load_profile

    invalid = 0
    for target in targets:
        try:
            profile, tree = load_profile(target.path, target.display, limits)
        except InputError as error:
            report_problems(error.problems)
            invalid += 1
            continue
        waiver_problems = waivers.check(profile, tree, target.display)
        if waiver_problems is None:
            return None
        if waiver_problems:
            report_problems(waiver_problems)
            invalid += 1
    return invalid


class _WaiverCheck:
    """Loads the rule set only if some profile has waivers: plain validation stays fast."""

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory
        self.known: set[str] | None = None

    def load(self) -> bool:
        """Load the rule set's ids; False (after printing why) if the rule set is invalid."""
        ruleset = load_rules(self.directory, examples=False)
        if ruleset is not None:
            self.known = {rule.id for rule in ruleset.rules}
        return ruleset is not None

    def check(self, profile: Profile, tree: Node, shown: str) -> list[Problem] | None:
        """Problems for waivers of unknown rules; None if the rule set itself is invalid."""
        from engine.errors import capped
        from engine.profile.consistency import unknown_waiver_rules
        from engine.profile.validation import positioned

        if not profile.waivers:
            return []
        if self.known is None and not self.load():
            return None
        assert self.known is not None
        found, unlisted = unknown_waiver_rules(profile, self.known)
        return capped(positioned(found, tree, shown), unlisted)
