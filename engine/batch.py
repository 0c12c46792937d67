"""A batch assessment: find the profiles, check them all, then assess and write every report.

Two phases so that bad input never leaves half a batch written: every profile is loaded and
validated (and its waivers checked against the rule set) before the first report is written.

Formats come in two kinds: per profile (markdown, json: one file each, named after the profile)
and per batch (sarif, junit: one document for all profiles; github: workflow commands, always on
standard output, where GitHub Actions reads them).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import click
from click.termui import progressbar

from engine.assessment import Assessment, Assessor
from engine.discovery import Target, expand
from engine.errors import InputError, Problem
from engine.loader import Limits
from engine.models import Profile
from engine.output import OutputError, write_atomic
from engine.positions import Node
from engine.render.github import render_github
from engine.render.json_report import render_json
from engine.render.junit import render_junit
from engine.render.markdown import render_markdown
from engine.render.sarif import render_sarif
from engine.rule_loader import load_ruleset
from engine.validation import load_profile

PER_PROFILE = {"markdown": ".readiness.md", "json": ".readiness.json"}
PER_BATCH = {"sarif": "readiness.sarif", "junit": "readiness.junit.xml"}
STREAMED = ("github",)
FORMATS = (*PER_PROFILE, *PER_BATCH, *STREAMED)


@dataclass
class _Loaded:
    target: Target
    profile: Profile
    tree: Node


@dataclass
class Batch:
    """One run of `readiness assess`."""

    formats: list[str]
    output: Path | None
    use_waivers: bool = True
    max_bytes: int = 1 << 20
    problems: list[Problem] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    loaded: list[_Loaded] = field(default_factory=list)
    assessor: Assessor | None = None
    folders: list[Path] = field(default_factory=list)

    def prepare(self, arguments: Iterable[str], rules: Path | None, today: dt.date) -> bool:
        """Load the rules and every profile; False (with problems) if anything is wrong."""
        arguments = list(arguments)
        self.targets, self.problems = expand(arguments)
        # Reports mirror the layout below each folder argument, so same-named profiles in
        # different subfolders get different reports.
        self.folders = [Path(a) for a in arguments if Path(a).is_dir()]
        self._check_destination()
        try:
            ruleset = load_ruleset(rules)
        except InputError as error:
            self.problems.extend(error.problems)
            return False
        self.assessor = Assessor.build(ruleset, today, self.use_waivers)
        limits = Limits(max_bytes=self.max_bytes)
        for target in self.targets:
            try:
                profile, tree = load_profile(target.path, target.display, limits)
            except InputError as error:
                self.problems.extend(error.problems)
                continue
            self.problems.extend(self.assessor.waiver_problems(profile, tree, target.display))
            self.loaded.append(_Loaded(target, profile, tree))
        self._plan_files()
        return not self.problems

    def _documents(self) -> int:
        """How many documents this run produces, not counting the streamed github format."""
        per_profile = sum(f in PER_PROFILE for f in self.formats) * len(self.targets)
        return per_profile + sum(f in PER_BATCH for f in self.formats)

    def _single_file(self) -> bool:
        """-o names a file (not a folder) when exactly one document is written."""
        assert self.output is not None
        return self._documents() == 1 and bool(self.output.suffix) and not self.output.is_dir()

    def _check_destination(self) -> None:
        on_stdout = self._documents() + sum(f in STREAMED for f in self.formats)
        if self.output is None and on_stdout > 1:
            what = "several profiles" if len(self.targets) > 1 else "several formats"
            message = f"{what} need an output folder: add -o FOLDER"
            self.problems.append(Problem("readiness", 0, 0, message))

    def _plan_files(self) -> None:
        """Each report's path: never over an input, never two reports on one path."""
        if self.output is None:
            return
        inputs = {t.path.resolve() for t in self.targets}
        planned = [
            (self.destination(i.target, f), i.target.display)
            for i in self.loaded
            for f in self.formats
            if f in PER_PROFILE
        ]
        planned += [
            (self.batch_destination(f), "the batch") for f in self.formats if f in PER_BATCH
        ]
        seen: dict[Path, str] = {}
        for path, owner in planned:
            if path.resolve() in inputs:
                self.problems.append(
                    Problem(str(path), 0, 0, "refusing to overwrite an input file")
                )
            elif path in seen:
                message = f"{owner} and {seen[path]} would both write this report"
                self.problems.append(Problem(str(path), 0, 0, message))
            seen[path] = owner

    def destination(self, target: Target, form: str) -> Path:
        """OUT itself when it names one file, else OUT/<path below the folder argument>/<name>."""
        assert self.output is not None
        if self._single_file():
            return self.output
        relative = Path(target.path.name)
        for folder in self.folders:
            if target.path.is_relative_to(folder):
                relative = target.path.relative_to(folder)
                break
        name = relative.name.removesuffix(relative.suffix) + PER_PROFILE[form]
        return self.output / relative.parent / name

    def batch_destination(self, form: str) -> Path:
        assert self.output is not None
        return self.output if self._single_file() else self.output / PER_BATCH[form]

    def run(self, progress: bool = False) -> list[Assessment]:
        """Assess every loaded profile and write (or print) its reports."""
        assert self.assessor is not None
        ruleset = self.assessor.ruleset
        areas = {key: area.title for key, area in ruleset.areas.items()}
        per_profile: dict[str, Callable[[Assessment], str]] = {
            "markdown": lambda a: render_markdown(a, areas),
            "json": render_json,
        }
        results = []
        for item in self._iterate(progress):
            result = self.assessor.assess(item.profile, item.tree, item.target.display)
            results.append(result)
            for form in self.formats:
                if form in PER_PROFILE:
                    self._emit(
                        self.destination(item.target, form) if self.output else None,
                        per_profile[form](result),
                    )
        batch: dict[str, Callable[[list[Assessment]], str]] = {
            "sarif": lambda rs: render_sarif(rs, ruleset),
            "junit": lambda rs: render_junit(rs, ruleset),
        }
        for form in self.formats:
            if form in PER_BATCH:
                self._emit(
                    self.batch_destination(form) if self.output else None, batch[form](results)
                )
            elif form in STREAMED:
                self._emit(None, render_github(results))
        return results

    def _iterate(self, progress: bool) -> Iterator[_Loaded]:
        if not progress:
            yield from self.loaded
            return
        with progressbar(self.loaded, label="assessing", file=sys.stderr) as bar:
            yield from bar

    def _emit(self, path: Path | None, text: str) -> None:
        if path is None:
            click.echo(text, nl=False)
            return
        try:
            write_atomic(path, text, inputs=[t.path for t in self.targets])
        except (OutputError, OSError) as error:
            self.problems.append(Problem(str(path), 0, 0, f"cannot write the report: {error}"))

    @staticmethod
    def summaries(results: list[Assessment]) -> list[str]:
        """One line per profile for stderr: verdict, open findings by severity, completeness."""
        names = (
            ("blocker", "blocking"),
            ("major", "conditions"),
            ("minor", "minor"),
            ("advisory", "advisory"),
        )
        lines = []
        for result in results:
            open_findings = result.open_findings()
            counts = [f"{sum(f.severity == s for f in open_findings)} {name}" for s, name in names]
            waived = sum(f.status == "waived" for f in result.findings)
            extra = f"; {waived} waived" if waived else ""
            answered = f"{result.completeness.answered}/{result.completeness.total} answered"
            lines.append(
                f"{result.profile}: {result.label} ({', '.join(counts)}; {answered}{extra})"
            )
        return lines
