"""A batch assessment: every profile checked, assessed and rendered, then all reports written.

- All or nothing: every document (reports and batch documents) is staged complete, then
  committed by renames that are rolled back on any error or interrupt (see `commit`); nothing
  is written unless every profile is valid, and a failed or interrupted run leaves -o as it was.
- Memory stays flat however many profiles there are: each profile is loaded, assessed, rendered,
  written to the staging folder and dropped; the parent keeps one summary line per profile.
- Big batches use every core: each worker process builds its own rule engine once (the Rete
  engine is not thread-safe, and processes are what the durable-rules brief recommends).

Formats come in two kinds: per profile (markdown, json, html: one file each, named after the
profile) and per batch (sarif, junit: one document for all profiles; github: workflow commands,
always on standard output, where GitHub Actions reads them). Batch documents are assembled at the
end from per-profile fragments, in the order the profiles were given.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import click
from click.termui import progressbar

from engine.assessment import vocabulary
from engine.assessment.assessment import Assessment, Assessor
from engine.assessment.verdict import SEVERITY_ORDER
from engine.errors import InputError, Problem
from engine.profile.loader import Limits
from engine.profile.validation import load_profile
from engine.rules.ruleset_cache import cached_ruleset
from engine.workflows.commit import Interrupts, Staging
from engine.workflows.discovery import Target, expand
from engine.workflows.output import reason
from engine.workflows.plan import PER_PROFILE, Plan, batch_name, staged_name
from engine.workflows.renderers import assemble, junit_counts, render

PARALLEL_FROM = 48  # below this, starting worker processes costs more than it saves


@dataclass(frozen=True)
class Job:
    """What every worker needs to assess any profile (sent to worker processes)."""

    formats: tuple[str, ...]
    rules: Path | None
    today: dt.date
    use_waivers: bool
    max_bytes: int
    staging: str
    link_base: str | None = None  # quoted answers link to base + profile path + #L<line>
    lang: str = "en"  # the language of the Markdown and HTML reports


@dataclass
class Outcome:
    """One profile's result as the parent needs it: small, and picklable."""

    index: int
    display: str
    problems: list[Problem] = field(default_factory=list)
    verdict: str = ""
    summary: str = ""
    junit: tuple[int, int, int] = (0, 0, 0)


_ASSESSOR: dict[Job, Assessor] = {}  # one per process and job: built once, reused per profile


def _assessor(job: Job) -> Assessor:
    if job not in _ASSESSOR:
        _ASSESSOR[job] = Assessor.build(cached_ruleset(job.rules), job.today, job.use_waivers)
    return _ASSESSOR[job]


def assess_one(job: Job, index: int, target: Target) -> Outcome:
    """Load, validate, assess, render and stage one profile (runs in a worker process)."""
    outcome = Outcome(index, target.display)
    try:
        profile, tree = load_profile(target.path, target.display, Limits(max_bytes=job.max_bytes))
    except InputError as error:
        outcome.problems = error.problems
        return outcome
    assessor = _assessor(job)
    outcome.problems = assessor.waiver_problems(profile, tree, target.display)
    if outcome.problems:
        return outcome
    result = assessor.assess(profile, tree, target.display)
    for form in job.formats:
        text = render(form, result, assessor.ruleset, job.link_base, job.lang)
        path = os.path.join(job.staging, staged_name(index, form))
        with open(path, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
    outcome.verdict = result.verdict
    outcome.summary = summary(result)
    if "junit" in job.formats:
        outcome.junit = junit_counts(result, assessor.ruleset)
    return outcome


def summary(result: Assessment) -> str:
    """One line for stderr: verdict, open findings by severity, completeness."""
    open_findings = [f for f in result.open_findings() if not f.completeness]
    counts = [
        vocabulary.counted(severity, sum(f.severity == severity for f in open_findings))
        for severity in SEVERITY_ORDER
    ]
    waived = sum(f.status == "waived" for f in result.findings)
    blank = sum(f.completeness for f in result.open_findings())
    extra = (f"; {blank} decisive blank{'s' if blank > 1 else ''}" if blank else "") + (
        f"; {waived} waived" if waived else ""
    )
    answered = f"{result.completeness.answered}/{result.completeness.total} answered"
    return f"{result.profile}: {result.label} ({', '.join(counts)}; {answered}{extra})"


def _work(args: tuple[Job, int, Target]) -> Outcome:
    return assess_one(*args)


@dataclass
class Batch:
    """One run of `readiness assess`."""

    formats: list[str]
    output: str | None
    use_waivers: bool = True
    max_bytes: int = 1 << 20
    jobs: int = 0  # 0: one per core for big batches, else 1
    link_base: str | None = None
    lang: str = "en"
    problems: list[Problem] = field(default_factory=list)
    verdicts: dict[str, str] = field(default_factory=dict)
    summaries: list[str] = field(default_factory=list)
    interrupted: bool = False
    committed: bool = False
    unrestored: list[str] = field(default_factory=list)
    plan: Plan = field(init=False)

    def __post_init__(self) -> None:
        self.plan = Plan(self.formats, self.output)

    @property
    def targets(self) -> list[Target]:
        return self.plan.targets

    def prepare(self, arguments: Iterable[str], rules: Path | None) -> bool:
        """Find the profiles and check where reports will go; False (with problems) if wrong."""
        arguments = list(arguments)
        self.plan.targets, self.problems = expand(arguments)
        # Reports mirror the layout below each folder argument, so same-named profiles in
        # different subfolders get different reports.
        self.plan.folders = [Path(a) for a in arguments if os.path.isdir(a)]
        undecided = self.plan.decide()
        self.problems += undecided or self.plan.check()
        try:
            cached_ruleset(rules)  # loaded once here, so forked workers inherit it
        except InputError as error:
            self.problems.extend(error.problems)
        return not self.problems

    def written(self) -> str | None:
        """Where the reports went, the last line a person reads (None when nothing was written)."""
        return self.plan.written()

    def left_as_it_was(self) -> str:
        """What a failed or interrupted run says about its output: untouched or rolled back, as
        a rule; written, when the interrupt came after the commit; and, should putting old
        files back fail, which ones."""
        if self.committed:
            return f"the reports were written to {self.output}"
        if self.unrestored:
            shown = ", ".join(self.unrestored[:3]) + (", ..." if len(self.unrestored) > 3 else "")
            return f"{self.output} could not be restored in full: {shown}"
        return "nothing was written" if self.output is None else f"{self.output} left as it was"

    def run(self, rules: Path | None, today: dt.date, progress: bool = False) -> bool:
        """Assess every profile, stage every document, commit them all; False (with problems or
        `interrupted`) when anything went wrong, in which case -o holds what it held before."""
        try:
            with Interrupts() as interrupts:
                parent = self.plan.staging_parent()
                with Staging(parent, interrupts, unrestored=self.unrestored) as staging:
                    return self._stage_and_commit(staging, rules, today, progress)
        except KeyboardInterrupt:
            self.interrupted = True
        except OSError as error:
            where = self.output or "readiness"
            message = f"cannot write the reports: {reason(error)}; {self.left_as_it_was()}"
            self.problems.append(Problem(where, 0, 0, message))
        return False

    def _stage_and_commit(
        self, staging: Staging, rules: Path | None, today: dt.date, progress: bool
    ) -> bool:
        job = Job(
            tuple(self.formats),
            rules,
            today,
            self.use_waivers,
            self.max_bytes,
            staging.folder,
            self.link_base,
            self.lang,
        )
        totals = self._collect(job, progress)
        if self.problems:
            return False
        self._stage_batch_documents(staging, rules, totals)
        staging.commit(self.plan.moves)
        self.committed = self.plan.mode != "stdout"
        for name in self.plan.printed():
            with open(staging.path(name), encoding="utf-8") as stream:
                click.echo(stream.read(), nl=False)
        return True

    def _collect(self, job: Job, progress: bool) -> tuple[int, int, int]:
        """Run every profile; keep its problems or its verdict and summary; sum JUnit counts."""
        totals = (0, 0, 0)
        for outcome in self._outcomes(job, progress):
            if outcome.problems:
                self.problems.extend(outcome.problems)
                continue
            totals = (
                totals[0] + outcome.junit[0],
                totals[1] + outcome.junit[1],
                totals[2] + outcome.junit[2],
            )
            self.verdicts[outcome.display] = outcome.verdict
            self.summaries.append(outcome.summary)
        return totals

    def _stage_batch_documents(
        self, staging: Staging, rules: Path | None, totals: tuple[int, int, int]
    ) -> None:
        """Assemble each batch document from its per-profile fragments, in the staging folder."""
        ruleset = cached_ruleset(rules)
        for form in self.formats:
            if form in PER_PROFILE:
                continue
            pieces = _read_all(staging, (staged_name(i, form) for i in range(len(self.targets))))
            chunks = assemble(form, pieces, self.verdicts, ruleset, totals)
            with open(staging.path(batch_name(form)), "w", encoding="utf-8", newline="\n") as out:
                for chunk in chunks:
                    out.write(chunk)

    def _outcomes(self, job: Job, progress: bool) -> Iterator[Outcome]:
        count = len(self.targets)
        work = ((job, index, target) for index, target in enumerate(self.targets))
        workers = self.jobs or ((os.cpu_count() or 1) if count >= PARALLEL_FROM else 1)
        workers = max(1, min(workers, count))
        if workers == 1:
            yield from self._progress(map(_work, work), count, progress)
            return
        from engine.workflows.workers import Workers  # noqa: PLC0415 - only big batches fork

        with Workers(workers, _work) as pool:
            chunk = max(1, min(16, count // (workers * 8)))
            yield from self._progress(pool.map(work, chunk), count, progress)

    @staticmethod
    def _progress(results: Iterable[Outcome], count: int, progress: bool) -> Iterator[Outcome]:
        if not progress:
            yield from results
            return
        with progressbar(results, length=count, label="assessing", file=sys.stderr) as bar:
            yield from bar


def _read_all(staging: Staging, names: Iterable[str]) -> Iterator[str]:
    for name in names:
        path = staging.path(name)
        if os.path.exists(path):
            with open(path, encoding="utf-8") as stream:
                yield stream.read()
