"""The folder being served: its profiles, each assessed once per version of the file.

Assessing takes about 5 ms a profile, so a portfolio of 500 would take seconds on every visit.
Each result is cached under the file's (size, mtime) and the date (a verdict can change
overnight, when a timeframe passes): a visit re-reads only the files that changed, and a save
(or an edit in another editor) is seen on the next visit.

One lock guards the rule engine: durable-rules' Rete network is not thread-safe, and Starlette
runs page handlers in a thread pool.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from engine.assessment.assessment import Assessment, Assessor
from engine.errors import InputError, Problem
from engine.i18n.text import _
from engine.profile.models import Profile
from engine.profile.positions import Node
from engine.profile.validation import load_profile
from engine.render.html import render_html
from engine.render.json_report import render_json
from engine.render.markdown import render_markdown
from engine.rules.rule_loader import load_ruleset
from engine.rules.ruleset import RuleSet
from engine.web.paths import Folder
from engine.workflows.discovery import expand

FIRST_PROBLEMS = 3  # shown per invalid file on the portfolio; the profile page shows them all


@dataclass(frozen=True)
class Entry:
    """One file of the portfolio: assessed, or its problems."""

    name: str  # relative to the folder, `/`-separated: the URL and what is shown
    modified: dt.datetime
    assessment: Assessment | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def blockers(self) -> int:
        return self._open("blocker")

    @property
    def conditions(self) -> int:
        return self._open("major")

    def _open(self, severity: str) -> int:
        if self.assessment is None:
            return 0
        return sum(f.severity == severity for f in self.assessment.open_findings())


Key = tuple[int, int, dt.date]


class Workspace:
    """Profiles of one folder, the rule set, and a cache of assessments by file version."""

    def __init__(
        self,
        folder: str | Path,
        rules: Path | None = None,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        self.folder = Folder.at(folder)
        self.ruleset: RuleSet = load_ruleset(rules)
        self._today = today
        self._assessors: dict[dt.date, Assessor] = {}
        self._cache: dict[str, tuple[Key, Entry]] = {}
        self._lock = threading.Lock()

    def today(self) -> dt.date:
        """The date the workspace assesses (and records survey imports) as of."""
        return self._today()

    @property
    def area_titles(self) -> dict[str, str]:
        return {key: area.title for key, area in self.ruleset.areas.items()}

    def names(self) -> list[str]:
        """Every profile below the folder, as `discovery` finds them for `readiness assess`."""
        targets, _problems = expand([str(self.folder.root)])
        return [self.folder.relative(t.display) for t in targets]

    def portfolio(self) -> list[Entry]:
        """Every profile, assessed (from the cache where the file has not changed)."""
        entries = [self.entry(name) for name in self.names()]
        live = {entry.name for entry in entries}
        with self._lock:
            for stale in set(self._cache) - live:
                del self._cache[stale]
        return entries

    def entry(self, name: str) -> Entry:
        """One profile, by its checked name; cached by file version and date."""
        path = self.folder.resolve(name)
        today = self._today()
        try:
            status = os.stat(path)
        except OSError as error:
            said = _("cannot read the file: %(reason)s") % {"reason": error.strerror}
            problem = Problem(name, 0, 0, said)
            return Entry(name, dt.datetime.now(), problems=[problem])
        key = (status.st_size, status.st_mtime_ns, today)
        with self._lock:
            cached = self._cache.get(name)
            if cached is not None and cached[0] == key:
                return cached[1]
            entry = self._assess(name, path, status.st_mtime, today)
            self._cache[name] = (key, entry)
            return entry

    def _assess(self, name: str, path: Path, mtime: float, today: dt.date) -> Entry:
        modified = dt.datetime.fromtimestamp(mtime)
        try:
            profile, tree = load_profile(path, name)
        except InputError as error:
            return Entry(name, modified, problems=error.problems)
        assessor = self._assessor(today)
        problems = assessor.waiver_problems(profile, tree, name)
        if problems:
            return Entry(name, modified, problems=problems)
        return Entry(name, modified, assessor.assess(profile, tree, name))

    def _assessor(self, today: dt.date) -> Assessor:
        if today not in self._assessors:
            self._assessors.clear()  # yesterday's is never asked for again
            self._assessors[today] = Assessor.build(self.ruleset, today)
        return self._assessors[today]

    def extra_check(self, profile: Profile, tree: Node, shown: str) -> list[Problem]:
        """What `assess` refuses beyond the schema (waivers of unknown rules), for saving."""
        with self._lock:
            return self._assessor(self._today()).waiver_problems(profile, tree, shown)

    def report(self, assessment: Assessment, form: str) -> str:
        """The report in one of the formats `readiness assess` writes: html, markdown, json."""
        if form == "html":
            return render_html(assessment, self.area_titles)
        if form == "markdown":
            return render_markdown(assessment, self.area_titles)
        return render_json(assessment)
