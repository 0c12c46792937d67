"""The content of one stakeholder's survey: our questions beside the organisation's practices.

Activity 6 asks the organisation to show the stakeholder what it does before asking whether that
earns trust, so each element carries the worksheet's Columns B and C (`trust.practices`) next to
its questions, or says plainly that nothing is written down yet.
"""

from __future__ import annotations

import re
import unicodedata

from engine.profile.models import Profile
from engine.profile.models.trust import Practice
from engine.profile.models.vocab import ELEMENT_TITLES, ELEMENTS
from engine.render.view.survey import Choice, ElementBlock, Question, SurveyPage
from engine.survey import questions as q
from engine.survey.stakeholders import Stakeholder, at_risk

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(name: str) -> str:
    """A file-name-safe form of a stakeholder's name: `Westbay Tenant Network` → `westbay-...`."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    found = _NOT_SLUG.sub("-", ascii_name.lower()).strip("-")[:60].strip("-")
    return found or "stakeholder"


def _choices(labels: dict[str, str]) -> tuple[Choice, ...]:
    return tuple(Choice(value, label) for value, label in labels.items())


def _block(number: int, element: str, practice: Practice | None) -> ElementBlock:
    return ElementBlock(
        key=element,
        number=number,
        title=ELEMENT_TITLES[element],
        meaning=q.ELEMENT_MEANINGS[element],
        steps=practice.steps if practice else None,
        evidence=practice.evidence if practice else None,
        rank=Question(q.column("rank", element), q.RANK, help=q.RANK_HELP),
        places=tuple(range(1, q.PLACES + 1)),
        trust=Question(q.column("trust", element), q.TRUST, _choices(q.TRUST_LABELS)),
        expectations=Question(
            q.column("expectations", element), q.EXPECTATIONS, _choices(q.MET_LABELS)
        ),
        concerns=Question(q.column("concerns", element), q.CONCERNS),
    )


def survey_page(profile: Profile, stakeholder: Stakeholder, ask_name: bool = False) -> SurveyPage:
    """The survey for `stakeholder`; with `ask_name`, it asks for an (optional) name too, except
    for a group that could be harmed if its members were identified, whose page asks none and
    says first what is kept."""
    if at_risk(profile, stakeholder.name):
        ask_name = False
    about = profile.profile
    organisation = (about.ids or about.name if about else None) or "our organisation"
    practices = profile.trust.practices if profile.trust else None
    blocks = tuple(
        _block(number, element, getattr(practices, element) if practices else None)
        for number, element in enumerate(ELEMENTS, start=1)
    )
    return SurveyPage(
        title=f"Can you trust us with data? A short survey for {stakeholder.name}",
        organisation=organisation,
        stakeholder=stakeholder.name,
        use_case=about.use_case if about else None,
        elements=blocks,
        improved=Question(q.IMPROVED_COLUMN, q.IMPROVED, _choices(q.IMPROVED_LABELS)),
        comment=Question(q.COMMENT_COLUMN, q.COMMENT),
        name=Question(q.RESPONDENT, q.NAME) if ask_name else None,
        columns=tuple(q.columns()),
        file_stem=f"answers-{slug(stakeholder.name)}",
        citation=q.CITATION,
        protected=at_risk(profile, stakeholder.name),
    )
