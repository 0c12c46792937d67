"""One side of a diff: a profile to assess, or an assessment already saved as JSON.

A saved assessment is read by the bounded JSON reader and checked only for what a diff needs
(`Summary`): the file is anyone's, and may be a flood built to exhaust whoever reads it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import ValidationError

from engine.assessment.assessment import Assessor
from engine.assessment.diff import Summary
from engine.errors import InputError, Problem
from engine.profile.loader import Limits
from engine.profile.validation import load_profile
from engine.rules.ruleset_cache import cached_ruleset
from engine.workflows.bounded_json import MAX_SHOWN, read_json


def read_side(
    path: Path, rules: Path | None, today: dt.date, use_waivers: bool, limits: Limits
) -> Summary:
    """What a diff needs of `path`; raises InputError for anything unreadable or invalid."""
    if path.suffix == ".json":
        return _saved(path, limits)
    profile, tree = load_profile(path, str(path), limits)
    assessor = Assessor.build(cached_ruleset(rules), today, use_waivers)
    problems = assessor.waiver_problems(profile, tree, str(path))
    if problems:
        raise InputError(problems)
    return Summary.model_validate(assessor.assess(profile, tree, str(path)))


def _saved(path: Path, limits: Limits) -> Summary:
    """A saved assessment may be four times a profile's size limit: evidence quotes answers."""
    shown = str(path)
    data = read_json(path, shown, limits.max_bytes * 4)
    try:
        return Summary.model_validate(data)
    except ValidationError as error:
        raise InputError(_structure_problems(shown, error)) from None


def _structure_problems(shown: str, error: ValidationError) -> list[Problem]:
    problems = []
    for item in error.errors(include_url=False, include_input=False)[:MAX_SHOWN]:
        where = ".".join(map(str, item["loc"]))
        reason = item.get("ctx", {}).get("error") if item["type"] == "value_error" else None
        detail = f"{where}: {reason or item['msg']}" if where else str(reason or item["msg"])
        problems.append(Problem(shown, 0, 0, f"not an ids-readiness assessment: {detail}"))
    if error.error_count() > MAX_SHOWN:
        count = f"{error.error_count()} problems; the first {MAX_SHOWN} follow"
        problems.append(Problem(shown, 0, 0, f"not an ids-readiness assessment: {count}"))
    return problems
