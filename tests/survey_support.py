"""Survey answers as the tests write them: rows of the template's columns, as CSV bytes, and
generated respondents (hypothesis) with the expected aggregate worked out independently."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from typing import Any

from hypothesis import strategies as st

from engine.profile.models.vocab import ELEMENTS
from engine.survey.questions import columns

TRUST = ("none", "low", "medium", "high", "unsure")
MET = ("yes", "partly", "no", "unsure")
IMPROVED = ("yes", "somewhat", "no", "unsure")
MAINTENANCE = "Bayside Housing Authority maintenance staff"
# Anything a person can type: a CSV file cannot hold NUL or lone surrogates (UTF-8 has no form).
TEXT = st.text(
    st.characters(exclude_categories=["Cs"], exclude_characters="\x00"),
    min_size=1,
    max_size=30,
)
WESTBAY = "Westbay Tenant Network"


def row(stakeholder: str, **cells: object) -> dict[str, str]:
    """One respondent's row: `rank_privacy_security=1`, `trust_legal_compliance="high"`..."""
    return {"stakeholder": stakeholder, **{name: str(value) for name, value in cells.items()}}


def as_csv(
    rows: Sequence[Mapping[str, str]],
    *,
    header: Sequence[str] | None = None,
    separator: str = ",",
    bom: bool = False,
    quote_all: bool = False,
    encoding: str = "utf-8",
) -> bytes:
    """The rows as a CSV file would hold them (every template column unless `header` says)."""
    names = list(header or columns())
    out = io.StringIO()
    writer = csv.writer(
        out,
        delimiter=separator,
        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL,
        lineterminator="\r\n",
    )
    writer.writerow(names)
    for item in rows:
        writer.writerow([item.get(name, "") for name in names])
    return (("\ufeff" if bom else "") + out.getvalue()).encode(encoding)


@st.composite
def respondent(draw: st.DrawFn, stakeholder: str = MAINTENANCE) -> dict[str, str]:
    """A respondent's answers, any of them blank: a partial or full ranking (1..k, no gaps),
    trust and expectations per element, better_able_to_trust, and some free text."""
    ranked = draw(st.permutations(ELEMENTS))[: draw(st.integers(0, len(ELEMENTS)))]
    answers: dict[str, Any] = {f"rank_{e}": place for place, e in enumerate(ranked, start=1)}
    for element in ELEMENTS:
        for kind, words in (("trust", TRUST), ("expectations", MET)):
            word = draw(st.one_of(st.none(), st.sampled_from(words)))
            if word is not None:
                answers[f"{kind}_{element}"] = word
    improved = draw(st.one_of(st.none(), st.sampled_from(IMPROVED)))
    if improved is not None:
        answers["better_able_to_trust"] = improved
    if draw(st.booleans()):
        answers[f"concerns_{draw(st.sampled_from(ELEMENTS))}"] = draw(TEXT)
    return row(stakeholder, **answers)


def expected_median(answers: list[str], order: Sequence[str]) -> str | None:
    """The lower median, written out again here as the README words it."""
    ordered = [word for word in order for answer in answers if answer == word]
    if ordered:
        return ordered[(len(ordered) - 1) // 2]
    return "unsure" if "unsure" in answers else None


def expected_points(rankings: list[list[str]]) -> dict[str, float]:
    """Borda points as the README words them: 10 - place; the unranked share what is left."""
    points = dict.fromkeys(ELEMENTS, 0.0)
    for ranking in rankings:
        left = [place for place in range(len(ranking) + 1, len(ELEMENTS) + 1)]
        for place, element in enumerate(ranking, start=1):
            points[element] += 10 - place
        for element in ELEMENTS:
            if element not in ranking:
                points[element] += sum(10 - place for place in left) / len(left)
    return points
