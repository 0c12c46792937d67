"""What the XLSForm calls its fields, and how it words them, shared by the form and the import.

A survey tool exports each field under the name the form gives it, or (KoboToolbox's label
exports) under its label. The form names every answer as our CSV column and words each label so
that no two are alike, so an export maps straight back whichever way it was made. The form's
other fields (notes, the ranking's places, its id and version) are named here once, so the
import knows them as the form's own and leaves them out without a word.
"""

from __future__ import annotations

import hashlib
import json

from engine.i18n import N_
from engine.i18n.text import _
from engine.profile.models import Profile
from engine.profile.models.vocab import ELEMENT_TITLES, ELEMENTS
from engine.survey import questions as q
from engine.survey.page import slug
from engine.survey.stakeholders import Stakeholder, at_risk

FORM_FIELD = "survey_form"  # a calculate holding the form's id: which group's form this is
VERSION_FIELD = "survey_version"  # a calculate holding the form's version, for every tool
RANKED = "ranked"  # how many places were given in order, from the first
LAYOUT = 1  # raise when the form's questions or fields change shape, so old forms tell apart

RANKING = N_("Which elements matter most to you?")
RANKING_HELP = N_(
    "Choose the element that matters most to you first, then the next, as far as you wish. "
    "Leave the rest blank: each element takes one place at most."
)
PLACE = N_("Place %(place)s")
TAKEN = N_("This element already has a place. Choose another one.")

NOTES = ("safety", "intro", "about", "closing")
_PER_ELEMENT_NOTES = ("meaning", "practice")


def group(element: str) -> str:
    """The group of one element's questions: `el_privacy_security`."""
    return f"el_{element}"


def place(number: int) -> str:
    """The ranking's question for one place: `place_3` holds the element put third."""
    return f"place_{number}"


def note(kind: str, element: str) -> str:
    return f"{kind}_{element}"


def form_only() -> frozenset[str]:
    """The form's fields that carry no answer of ours: an export's columns to leave out."""
    names = [*NOTES, RANKED, *(place(n) for n in range(1, q.PLACES + 1))]
    names += [note(kind, element) for kind in _PER_ELEMENT_NOTES for element in ELEMENTS]
    return frozenset(names)


def question_label(column: str) -> str | None:
    """The label of the form's question that fills `column`, in the current language, or None
    for a column the form computes. A per-element question names its element, as the survey
    page does for a screen reader, so that no two labels are alike."""
    kind, _sep, element = column.partition("_")
    texts = {"trust": q.TRUST, "expectations": q.EXPECTATIONS, "concerns": q.CONCERNS}
    if kind in texts and element in ELEMENT_TITLES:
        return f"{_(texts[kind])} ({_(ELEMENT_TITLES[element])})"
    overall = {q.IMPROVED_COLUMN: q.IMPROVED, q.COMMENT_COLUMN: q.COMMENT, q.RESPONDENT: q.NAME}
    return _(overall[column]) if column in overall else None


def place_label(number: int) -> str:
    return _(PLACE) % {"place": number}


def form_id(stakeholder: Stakeholder) -> str:
    """The form's id, one per stakeholder group: `ids_readiness_westbay_tenant_network`."""
    return "ids_readiness_" + slug(stakeholder.name).replace("-", "_")


def form_version(profile: Profile, stakeholder: Stakeholder) -> str:
    """A short digest of what the form shows from the profile: the group, whether it is at
    risk, the organisation, the use case and the practices, with their translations. It
    changes when any of them does and only then, so answers given to an earlier form are told
    apart from answers to this one; ODK Central keeps the same form id across versions."""
    about = profile.profile
    practices = profile.trust.practices if profile.trust else None
    content = {
        "layout": LAYOUT,
        "stakeholder": stakeholder.name,
        "at_risk": at_risk(profile, stakeholder.name),
        "about": about.model_dump(mode="json", include=_ABOUT, exclude_none=True)
        if about
        else None,
        "practices": practices.model_dump(mode="json", exclude_none=True) if practices else None,
    }
    text = json.dumps(content, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


_ABOUT = {"ids", "name", "use_case", "use_case_translations", "language"}
