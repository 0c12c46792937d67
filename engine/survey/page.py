"""The content of one stakeholder's survey: our questions beside the organisation's practices.

Activity 6 asks the organisation to show the stakeholder what it does before asking whether that
earns trust, so each element carries the worksheet's Columns B and C (`trust.practices`) next to
its questions, or says plainly that nothing is written down yet.
"""

from __future__ import annotations

import re
import unicodedata

from engine.i18n import SOURCE
from engine.i18n.own import language_name, native, pick
from engine.i18n.text import _, current, language
from engine.profile.models import Profile
from engine.profile.models.trust import Practice, PracticeTranslation
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


class _Wording:
    """Where the planner's own texts come from on a page in the current language."""

    def __init__(self, profile: Profile) -> None:
        about = profile.profile
        self.written_in = (about.language if about else None) or SOURCE
        self.native = native(self.written_in)
        self.note = (
            None
            if self.native
            else _("Written only in %(language)s.") % {"language": language_name(self.written_in)}
        )


def _choices(labels: dict[str, str]) -> tuple[Choice, ...]:
    return tuple(Choice(value, _(label)) for value, label in labels.items())


def _practice(
    practice: Practice | None, wording: _Wording
) -> tuple[str | None, str | None, str | None]:
    """Columns B and C as the page shows them, and the note when they are not in its language."""
    if practice is None or (practice.steps is None and practice.evidence is None):
        return None, None, None
    translated = {t.lang: t for t in practice.translations or []}
    found: PracticeTranslation | None = None if wording.native else pick(translated, current())
    if found is not None:
        return found.steps or practice.steps, found.evidence or practice.evidence, None
    return practice.steps, practice.evidence, wording.note


def _block(number: int, element: str, practice: Practice | None, wording: _Wording) -> ElementBlock:
    steps, evidence, note = _practice(practice, wording)
    return ElementBlock(
        key=element,
        number=number,
        title=_(ELEMENT_TITLES[element]),
        meaning=_(q.ELEMENT_MEANINGS[element]),
        steps=steps,
        evidence=evidence,
        original_note=note,
        rank=Question(q.column("rank", element), _(q.RANK), help=_(q.RANK_HELP)),
        places=tuple(range(1, q.PLACES + 1)),
        trust=Question(q.column("trust", element), _(q.TRUST), _choices(q.TRUST_LABELS)),
        expectations=Question(
            q.column("expectations", element), _(q.EXPECTATIONS), _choices(q.MET_LABELS)
        ),
        concerns=Question(q.column("concerns", element), _(q.CONCERNS)),
    )


def _use_case(profile: Profile, wording: _Wording) -> tuple[str | None, str | None]:
    about = profile.profile
    if about is None or about.use_case is None:
        return None, None
    translated = {t.lang: t.text for t in about.use_case_translations or []}
    found = None if wording.native else pick(translated, current())
    return (found, None) if found else (about.use_case, wording.note)


def survey_page(
    profile: Profile, stakeholder: Stakeholder, ask_name: bool = False, lang: str = SOURCE
) -> SurveyPage:
    """The survey for `stakeholder` in the shipped language `lang`; with `ask_name`, it asks
    for an (optional) name too, except for a group that could be harmed if its members were
    identified, whose page asks none and says first what is kept."""
    with language(lang):
        return _page(profile, stakeholder, ask_name and not at_risk(profile, stakeholder.name))


def _page(profile: Profile, stakeholder: Stakeholder, ask_name: bool) -> SurveyPage:
    about = profile.profile
    wording = _Wording(profile)
    practices = profile.trust.practices if profile.trust else None
    blocks = tuple(
        _block(number, element, getattr(practices, element) if practices else None, wording)
        for number, element in enumerate(ELEMENTS, start=1)
    )
    use_case, use_case_note = _use_case(profile, wording)
    return SurveyPage(
        lang=current(),
        written_in=wording.written_in,
        title=_("Can you trust us with data? A short survey for %(name)s")
        % {"name": stakeholder.name},
        organisation=(about.ids or about.name if about else None) or _("our organisation"),
        stakeholder=stakeholder.name,
        use_case=use_case,
        use_case_note=use_case_note,
        elements=blocks,
        improved=Question(q.IMPROVED_COLUMN, _(q.IMPROVED), _choices(q.IMPROVED_LABELS)),
        comment=Question(q.COMMENT_COLUMN, _(q.COMMENT)),
        name=Question(q.RESPONDENT, _(q.NAME)) if ask_name else None,
        columns=tuple(q.columns()),
        file_stem=f"answers-{slug(stakeholder.name)}",
        citation=_(q.CITATION),
        protected=at_risk(profile, stakeholder.name),
    )
