"""One side of a diff: a profile to assess, or an assessment already saved as JSON."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from pydantic import ValidationError

from engine.assessment.assessment import Assessment, Assessor
from engine.errors import InputError, Problem
from engine.profile.loader import Limits
from engine.profile.validation import load_profile
from engine.rules.rule_loader import load_ruleset


def read_side(
    path: Path, rules: Path | None, today: dt.date, use_waivers: bool, limits: Limits
) -> Assessment:
    """An Assessment for `path`; raises InputError for anything unreadable or invalid."""
    if path.suffix == ".json":
        return _saved(path, limits)
    profile, tree = load_profile(path, str(path), limits)
    assessor = Assessor.build(load_ruleset(rules), today, use_waivers)
    problems = assessor.waiver_problems(profile, tree, str(path))
    if problems:
        raise InputError(problems)
    return assessor.assess(profile, tree, str(path))


def _saved(path: Path, limits: Limits) -> Assessment:
    shown = str(path)
    try:
        text = path.read_bytes()[: limits.max_bytes * 4].decode("utf-8")
        data = json.loads(text)
    except FileNotFoundError:
        raise InputError([Problem(shown, 0, 0, "no such file")]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError([Problem(shown, 0, 0, f"cannot read the file: {error}")]) from None
    except json.JSONDecodeError as error:
        raise InputError(
            [Problem(shown, error.lineno, error.colno, f"not valid JSON: {error.msg}")]
        ) from None
    try:
        return Assessment.model_validate(data)
    except ValidationError as error:
        problems = [
            Problem(
                shown,
                0,
                0,
                f"not an ids-readiness assessment: {'.'.join(map(str, e['loc']))}: {e['msg']}",
            )
            for e in error.errors()
        ]
        raise InputError(problems) from None
