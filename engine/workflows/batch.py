"""A batch assessment: every profile checked, assessed and rendered, then all reports written.

- Nothing is written unless every profile is valid: reports are first written to a staging folder
  inside the output folder and moved into place (each by an atomic rename) only at the end.
- Memory stays flat however many profiles there are: each profile is loaded, assessed, rendered,
  written to the staging folder and dropped; the parent keeps one summary line per profile.
- Big batches use every core: each worker process builds its own rule engine once (the Rete
  engine is not thread-safe, and processes are what the durable-rules brief recommends).

Formats come in two kinds: per profile (markdown, json: one file each, named after the profile)
and per batch (sarif, junit: one document for all profiles; github: workflow commands, always on
standard output, where GitHub Actions reads them). Batch documents are assembled at the end from
per-profile fragments, in the order the profiles were given.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import click
from click.termui import progressbar

from engine.assessment.assessment import Assessment, Assessor
from engine.errors import InputError, Problem
from engine.profile.loader import Limits
from engine.profile.validation import load_profile
from engine.render import github, junit, sarif
from engine.render.json_report import render_json
from engine.render.markdown import render_markdown
from engine.rules.rule_loader import load_ruleset
from engine.workflows.discovery import Target, expand
from engine.workflows.workers import Workers

PER_PROFILE = {"markdown": ".readiness.md", "json": ".readiness.json"}
PER_BATCH = {"sarif": "readiness.sarif", "junit": "readiness.junit.xml"}
STREAMED = ("github",)
PARALLEL_FROM = 48  # below this, starting worker processes costs more than it saves


@dataclass(frozen=True)
class Job:
    """What every worker needs to assess any profile (sent to worker processes)."""

    formats: tuple[str, ...]
    rules: Path | None
    today: dt.date
    use_waivers: bool
    max_bytes: int
    staging: Path


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
        _ASSESSOR[job] = Assessor.build(load_ruleset(job.rules), job.today, job.use_waivers)
    return _ASSESSOR[job]


def staged_name(index: int, form: str) -> str:
    """The staging file of one profile's report or fragment in one format."""
    return f"{index:07d}.{form}"


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
        text = _render(form, result, assessor)
        (job.staging / staged_name(index, form)).write_text(text, encoding="utf-8", newline="\n")
    outcome.verdict = result.verdict
    outcome.summary = summary(result)
    outcome.junit = junit.counts(result, assessor.ruleset)
    return outcome


def _render(form: str, result: Assessment, assessor: Assessor) -> str:
    ruleset = assessor.ruleset
    if form == "markdown":
        return render_markdown(result, {key: area.title for key, area in ruleset.areas.items()})
    if form == "json":
        return render_json(result)
    if form == "sarif":
        return sarif.fragment(result, ruleset)
    if form == "junit":
        return junit.fragment(result, ruleset)
    return github.fragment(result)


def summary(result: Assessment) -> str:
    """One line for stderr: verdict, open findings by severity, completeness."""
    names = (
        ("blocker", "blocking"),
        ("major", "conditions"),
        ("minor", "minor"),
        ("advisory", "advisory"),
    )
    open_findings = result.open_findings()
    counts = [f"{sum(f.severity == s for f in open_findings)} {name}" for s, name in names]
    waived = sum(f.status == "waived" for f in result.findings)
    extra = f"; {waived} waived" if waived else ""
    answered = f"{result.completeness.answered}/{result.completeness.total} answered"
    return f"{result.profile}: {result.label} ({', '.join(counts)}; {answered}{extra})"


def _work(args: tuple[Job, int, Target]) -> Outcome:
    return assess_one(*args)


@dataclass
class Batch:
    """One run of `readiness assess`."""

    formats: list[str]
    output: Path | None
    use_waivers: bool = True
    max_bytes: int = 1 << 20
    jobs: int = 0  # 0: one per core for big batches, else 1
    problems: list[Problem] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    folders: list[Path] = field(default_factory=list)
    verdicts: dict[str, str] = field(default_factory=dict)
    summaries: list[str] = field(default_factory=list)

    def prepare(self, arguments: Iterable[str], rules: Path | None) -> bool:
        """Find the profiles and check where reports will go; False (with problems) if wrong."""
        arguments = list(arguments)
        self.targets, self.problems = expand(arguments)
        # Reports mirror the layout below each folder argument, so same-named profiles in
        # different subfolders get different reports.
        self.folders = [Path(a) for a in arguments if Path(a).is_dir()]
        self._check_destination()
        try:
            load_ruleset(rules)  # loaded once here, so forked workers inherit it
        except InputError as error:
            self.problems.extend(error.problems)
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

    def written(self) -> str | None:
        """Where the reports went, the last line a person reads (None when nothing was written)."""
        files = self._documents()
        if self.output is None or not files:
            return None
        if files > 1:
            return f"wrote {files} files to {self.output}"
        [form] = [f for f in self.formats if f in PER_PROFILE or f in PER_BATCH]
        if form in PER_BATCH:
            return f"wrote {self.batch_destination(form)}"
        return f"wrote {self.destination(self.targets[0], form)}"

    def _check_destination(self) -> None:
        on_stdout = self._documents() + sum(f in STREAMED for f in self.formats)
        if self.output is None and on_stdout > 1:
            what = "several profiles" if len(self.targets) > 1 else "several formats"
            message = f"{what} need an output folder: add -o FOLDER"
            self.problems.append(Problem("readiness", 0, 0, message))

    def _plan_files(self) -> None:
        """Each report's path: never over an input, never two reports on one path.

        Cheap on big batches: reports of one profile differ only by extension, so two profiles
        collide exactly when their report stems do (kept as hashes, rechecked on a match); and a
        report can only land on an input that lies inside the output folder.
        """
        if self.output is None:
            return
        root = os.path.abspath(self.output)
        forms = [f for f in self.formats if f in PER_PROFILE]
        stems: dict[int, list[int]] = {}
        for index, target in enumerate(self.targets):
            if forms:
                stem = self._stem(target, forms[0])
                same = [
                    i
                    for i in stems.get(hash(stem), [])
                    if self._stem(self.targets[i], forms[0]) == stem
                ]
                if same:
                    other = self.targets[same[0]].display
                    message = f"{target.display} and {other} would both write these reports"
                    self.problems.append(Problem(f"{stem}.*", 0, 0, message))
                stems.setdefault(hash(stem), []).append(index)
            if os.path.abspath(target.path).startswith(root):
                self._refuse_overwrite(target, target.path.resolve())

    def _stem(self, target: Target, form: str) -> str:
        return str(self.destination(target, form)).removesuffix(PER_PROFILE[form])

    def _refuse_overwrite(self, target: Target, resolved: Path) -> None:
        destinations = [self.destination(target, f) for f in self.formats if f in PER_PROFILE]
        destinations += [self.batch_destination(f) for f in self.formats if f in PER_BATCH]
        for path in destinations:
            if path.resolve() == resolved:
                self.problems.append(
                    Problem(str(path), 0, 0, "refusing to overwrite an input file")
                )

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

    def run(self, rules: Path | None, today: dt.date, progress: bool = False) -> bool:
        """Assess every profile and write its reports; False (with problems) if any is invalid."""
        with _Staging(self.output) as staging:
            job = Job(
                tuple(self.formats), rules, today, self.use_waivers, self.max_bytes, staging.folder
            )
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
            if self.problems:
                return False
            try:
                self._commit(staging, rules, totals)
            except OSError as error:
                self.problems.append(
                    Problem(str(self.output), 0, 0, f"cannot write the reports: {error}")
                )
                return False
        return True

    def _commit(self, staging: _Staging, rules: Path | None, totals: tuple[int, int, int]) -> None:
        """Move per-profile reports into place, then assemble and write the batch documents."""
        ruleset = load_ruleset(rules)
        count = len(self.targets)
        for form in self.formats:
            if form in PER_PROFILE:
                for index, target in enumerate(self.targets):
                    where = self.destination(target, form) if self.output else None
                    staging.place(staged_name(index, form), where)
                continue
            pieces = staging.read_all(staged_name(i, form) for i in range(count))
            if form == "sarif":
                chunks: Iterable[str] = sarif.assemble(pieces, self.verdicts, ruleset)
            elif form == "junit":
                chunks = junit.assemble(pieces, totals)
            else:
                chunks = pieces
            where = self.batch_destination(form) if self.output and form in PER_BATCH else None
            staging.place_chunks(f"batch.{form}", chunks, where)

    def _outcomes(self, job: Job, progress: bool) -> Iterator[Outcome]:
        count = len(self.targets)
        work = ((job, index, target) for index, target in enumerate(self.targets))
        workers = self.jobs or ((os.cpu_count() or 1) if count >= PARALLEL_FROM else 1)
        workers = max(1, min(workers, count))
        if workers == 1:
            yield from self._progress(map(_work, work), count, progress)
            return
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


class _Staging:
    """A staging folder inside the output folder (same file system, so a move is a rename).

    Removed on exit whatever happens; the output folder itself too, if this run created it and
    wrote nothing there.
    """

    def __init__(self, output: Path | None) -> None:
        self.output = output
        self.created: Path | None = None
        self.folder = Path()

    def __enter__(self) -> _Staging:
        base = (
            self.output.parent
            if self.output and self.output.suffix and not self.output.is_dir()
            else self.output
        )
        if base is not None and not base.exists():
            missing = base
            while not missing.parent.exists():
                missing = missing.parent
            base.mkdir(parents=True)
            self.created = missing
        self.folder = Path(tempfile.mkdtemp(prefix=".readiness-staging-", dir=base))
        return self

    def __exit__(self, *exc: object) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
        if self.created is not None and not any(self.created.rglob("*")):
            shutil.rmtree(self.created, ignore_errors=True)
        self.created = None

    def place(self, name: str, where: Path | None) -> None:
        """Move a staged file to its destination (or print it when there is none)."""
        staged = self.folder / name
        if where is None:
            click.echo(staged.read_text(encoding="utf-8"), nl=False)
            return
        where.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staged, where)
        self.created = None  # the output folder now holds reports: keep it

    def read_all(self, names: Iterable[str]) -> Iterator[str]:
        for name in names:
            path = self.folder / name
            if path.exists():
                yield path.read_text(encoding="utf-8")

    def place_chunks(self, name: str, chunks: Iterable[str], where: Path | None) -> None:
        """Write a document piece by piece to the staging folder, then place it."""
        with (self.folder / name).open("w", encoding="utf-8", newline="\n") as stream:
            for chunk in chunks:
                stream.write(chunk)
        self.place(name, where)
