"""Hypothesis strategies that build valid profiles from the models themselves.

Built by walking the model fields, so a new field is generated the moment it exists. Every answer
is left blank some of the time, because blank is the most common answer in a real profile.
Cross-field rules (pairs naming listed groups, shortest <= longest) are honoured by construction.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st
from pydantic import BaseModel

from engine.profile.models import Profile
from engine.profile.models.environment import IDS, Environment, StakeholderGroup
from engine.profile.models.fields import FieldSpec, model_fields

# Printable text without surrogates and without the YAML-hostile C0/C1 controls; the point is
# to exercise quoting, Markdown and HTML characters, not to prove PyYAML's escaping.
_ALPHABET = st.characters(
    blacklist_categories=("Cs", "Cc"),
    blacklist_characters="\u2028\u2029\ufeff",
)
TEXT = st.text(_ALPHABET, min_size=1, max_size=40).filter(lambda s: s.strip() != "")
NAMES = st.text(
    st.characters(whitelist_categories=("Lu", "Ll", "Nd"), max_codepoint=0x24F),
    min_size=1,
    max_size=12,
)
DATES = st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31))


_SIMPLE: dict[str, st.SearchStrategy[Any]] = {
    "texts": st.lists(TEXT, max_size=3),
    "integer": st.integers(0, 400),
    "number": st.integers(0, 100_000).map(float),
    "date": DATES,
    "text": TEXT,
}


LANGUAGE_CODES = st.sampled_from(["en", "es", "fr", "es-MX", "vi"])
_LANGUAGES: dict[str, st.SearchStrategy[Any]] = {  # fields holding BCP 47 codes, by name
    "lang": LANGUAGE_CODES,
    "language": LANGUAGE_CODES,
    "languages": st.lists(LANGUAGE_CODES, max_size=3),
}


def _leaf(spec: FieldSpec) -> st.SearchStrategy[Any]:
    if spec.path[-1] in _LANGUAGES:
        return _LANGUAGES[spec.path[-1]]
    if spec.kind == "choice":
        return st.sampled_from(spec.vocabulary)
    if spec.kind == "choices":
        return st.lists(st.sampled_from(spec.vocabulary), unique=True, max_size=4)
    return _SIMPLE[spec.kind]


def section(model: type[BaseModel], blank: bool = True) -> st.SearchStrategy[dict[str, Any]]:
    """A dict for `model` with each field either blank (absent) or a generated answer."""
    parts: dict[str, st.SearchStrategy[Any]] = {}
    for spec in model_fields(model):
        name = spec.path[0]
        value: st.SearchStrategy[Any]
        if spec.kind == "section" and spec.model is not None:
            value = section(spec.model, blank)
        elif spec.kind == "items" and spec.model is not None:
            value = st.lists(section(spec.model, blank), max_size=3)
        else:
            value = _leaf(spec)
        required = model.model_fields[name].is_required()  # a translation's `lang`, say
        parts[name] = st.one_of(st.none(), value) if blank and not required else value
    return st.fixed_dictionaries(parts).map(lambda d: {k: v for k, v in d.items() if v is not None})


@st.composite
def _environment(draw: st.DrawFn) -> dict[str, Any]:
    data = draw(section(Environment))
    data.pop("antagonisms", None)
    data.pop("alignments", None)
    names = draw(st.lists(NAMES, unique=True, max_size=4))
    groups: list[dict[str, Any]] = []
    for name in names:
        group = draw(section(StakeholderGroup))
        group["name"] = name
        groups.append(group)
    keep_empty: bool = draw(st.booleans())
    if groups or keep_empty:
        data["stakeholders"] = groups
    else:
        data.pop("stakeholders", None)
    sides = st.sampled_from([*names, IDS])
    pairs = st.lists(st.fixed_dictionaries({"between": st.lists(sides, min_size=2, max_size=2)}))
    for field in ("antagonisms", "alignments"):
        if draw(st.booleans()):
            data[field] = draw(pairs.map(lambda ps: ps[:3]))
    return data


def _counted_respondents(data: dict[str, Any]) -> dict[str, Any]:
    """A survey record counts people, so no count may exceed `responses` (raised to fit)."""
    for relationship in data.get("trust", {}).get("relationships", []):
        record = relationship.get("survey")
        if not record or "responses" not in record:
            continue
        counts = [record.get("ranked_by", 0), sum(record.get("better_able_to_trust", {}).values())]
        for tally in record.get("elements", {}).values():
            for prefix in ("trust_", "expectations_"):
                counts.append(sum(n for key, n in tally.items() if key.startswith(prefix)))
            counts.append(tally.get("concerns", 0))
        record["responses"] = max(record["responses"], *counts)
    return data


def _order_durations(data: dict[str, Any]) -> dict[str, Any]:
    timeline = data.get("resources", {}).get("timeline", {})
    low, high = timeline.get("min_duration_days"), timeline.get("max_duration_days")
    if low is not None and high is not None and low > high:
        timeline["min_duration_days"], timeline["max_duration_days"] = high, low
    return data


@st.composite
def profile_data(draw: st.DrawFn, waiver_rules: tuple[str, ...] = ()) -> dict[str, Any]:
    """Plain data for a valid profile (what a YAML file would hold)."""
    data = draw(section(Profile))
    data["schema_version"] = 1
    if "environment" in data:
        data["environment"] = draw(_environment())
    data.pop("waivers", None)
    if waiver_rules:
        rules = draw(st.lists(st.sampled_from(waiver_rules), unique=True, max_size=3))
        data["waivers"] = [
            {
                "rule": rule,
                "reason": draw(TEXT),
                **({"approved_by": draw(NAMES)} if draw(st.booleans()) else {}),
                **({"expires": draw(DATES)} if draw(st.booleans()) else {}),
            }
            for rule in rules
        ]
    return _counted_respondents(_order_durations(data))


def profiles(waiver_rules: tuple[str, ...] = ()) -> st.SearchStrategy[Profile]:
    """Validated Profile objects."""
    return profile_data(waiver_rules).map(Profile.model_validate)
