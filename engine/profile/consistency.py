"""Checks across answers that no single field's type can express.

Each check returns the location of the answer to fix, so that the planner is sent to the right
line rather than to the top of a section.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Collection, Iterable, Iterator

from engine.errors import MAX_PROBLEMS
from engine.printable import visible
from engine.profile.models import Profile
from engine.profile.models.environment import IDS
from engine.profile.models.survey import MET_COUNTS, TRUST_COUNTS, SurveyElements, SurveyRecord
from engine.profile.suggestions import hint

Loc = tuple[str | int, ...]
# A finding whose message is written only if it is listed: messages with suggestions are the
# costly part, and a hostile file can hold a hundred thousand findings.
Lazy = tuple[Loc, Callable[[], str]]
LISTED_NAMES = 10


def check(profile: Profile) -> tuple[list[tuple[Loc, str]], int]:
    """The first inconsistencies found, as (location, message), and how many more there are."""
    found: Iterable[Lazy] = itertools.chain(
        _pairs(profile),
        _durations(profile),
        _duplicate_names(profile),
        _duplicate_waivers(profile),
        _survey_counts(profile),
    )
    return written(found)


def written(found: Iterable[Lazy]) -> tuple[list[tuple[Loc, str]], int]:
    """Messages for the first MAX_PROBLEMS findings; the rest only counted."""
    iterator = iter(found)
    listed = [(loc, message()) for loc, message in itertools.islice(iterator, MAX_PROBLEMS)]
    return listed, sum(1 for _ in iterator)


def _pairs(profile: Profile) -> Iterator[Lazy]:
    environment = profile.environment
    if environment is None or not environment.stakeholders:
        return
    names = sorted({group.name for group in environment.stakeholders if group.name})
    known = {visible(name) for name in names}
    candidates = [*names, IDS]
    listing = ", ".join(f"'{k}'" for k in names[:LISTED_NAMES])
    if len(names) > LISTED_NAMES:
        listing += f" and {len(names) - LISTED_NAMES} more"
    for field in ("antagonisms", "alignments"):
        for index, pair in enumerate(getattr(environment, field) or []):
            for side, name in enumerate(pair.between):
                if name != IDS and visible(name) not in known:
                    yield (
                        ("environment", field, index, "between", side),
                        _unknown_group(name, listing, candidates),
                    )


def _said(message: str) -> Callable[[], str]:
    return lambda: message


def _unknown_group(name: str, listing: str, candidates: list[str]) -> Callable[[], str]:
    return lambda: (
        f"'{name}' is not a stakeholder group listed under environment.stakeholders "
        f"({listing}) nor `{IDS}`{hint(name, candidates)}"
    )


def _durations(profile: Profile) -> Iterator[Lazy]:
    timeline = profile.resources.timeline if profile.resources else None
    shortest = timeline.min_duration_days if timeline else None
    longest = timeline.max_duration_days if timeline else None
    if shortest is not None and longest is not None and shortest > longest:
        message = (
            f"the longest duration ({longest} days) is shorter than the shortest ({shortest} days)"
        )
        yield (("resources", "timeline", "max_duration_days"), _said(message))


def _duplicate_names(profile: Profile) -> Iterator[Lazy]:
    """Names compare as a reader sees them: 'Parents' and 'Parents' with a zero-width space
    are one group, not two."""
    groups = profile.environment.stakeholders if profile.environment else None
    seen: dict[str, int] = {}
    for index, group in enumerate(groups or []):
        if group.name is None:
            continue
        key = visible(group.name)
        if key in seen:
            message = (
                f"stakeholder group '{group.name}' is listed twice "
                f"(also item {seen[key] + 1}); give each group one entry"
            )
            yield (("environment", "stakeholders", index, "name"), _said(message))
        seen.setdefault(key, index)


def _duplicate_waivers(profile: Profile) -> Iterator[Lazy]:
    seen: set[str] = set()
    for index, waiver in enumerate(profile.waivers or []):
        if waiver.rule in seen:
            message = f"rule '{waiver.rule}' is waived twice; keep one waiver per rule"
            yield (("waivers", index, "rule"), _said(message))
        seen.add(waiver.rule)


def _survey_counts(profile: Profile) -> Iterator[Lazy]:
    """A survey record counts people: no answer can have been given by more than responded."""
    relationships = profile.trust.relationships if profile.trust else None
    for index, relationship in enumerate(relationships or []):
        record = relationship.survey
        if record is None or record.responses is None:
            continue
        where: Loc = ("trust", "relationships", index, "survey")
        for loc, what, count in _survey_tallies(record):
            if count > record.responses:
                message = (
                    f"{what} counts {count} respondents, more than the {record.responses} who "
                    "responded (survey.responses); import the survey again"
                )
                yield ((*where, *loc), _said(message))


def _survey_tallies(record: SurveyRecord) -> Iterator[tuple[Loc, str, int]]:
    """(location, what is counted, how many respondents) of each count in a survey record."""
    if record.ranked_by is not None:
        yield ("ranked_by",), "ranked_by", record.ranked_by
    if record.better_able_to_trust is not None:
        total = sum(count or 0 for _, count in record.better_able_to_trust)
        yield ("better_able_to_trust",), "better_able_to_trust", total
    for name, tally in record.elements or SurveyElements():
        if tally is None:
            continue
        for what, counts in (("trust", TRUST_COUNTS), ("expectations", MET_COUNTS)):
            found = [getattr(tally, key) for key in counts.values()]
            if any(count is not None for count in found):
                yield ("elements", name), what, sum(count or 0 for count in found)
        if tally.concerns is not None:
            yield ("elements", name, "concerns"), "concerns", tally.concerns


def unknown_waiver_rules(
    profile: Profile, known: Collection[str]
) -> tuple[list[tuple[Loc, str]], int]:
    """Waivers naming rules the rule set lacks: a typo would otherwise waive nothing."""
    candidates = sorted(known)
    return written(
        (("waivers", index, "rule"), _unknown_rule(waiver.rule, candidates))
        for index, waiver in enumerate(profile.waivers or [])
        if waiver.rule not in known
    )


def _unknown_rule(rule: str, candidates: list[str]) -> Callable[[], str]:
    return lambda: f"no rule '{rule}' in the rule set{hint(rule, candidates)}"
