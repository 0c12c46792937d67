"""A stakeholder's survey as an XLSForm, for ODK (Collect, Central, Enketo) and KoboToolbox.

The same survey as the HTML page, built from the same `SurveyPage` in each shipped language, so
every label, hint and note is worded once, in the catalogues: the introduction (and, for a group
at risk if identified, the safety notice first), then per element a page with what it means,
the organisation's practices and evidence, and the trust, expectations and concerns questions;
the ranking; the overall questions. Each answer field is named as our CSV column, so an export
maps straight back; `stakeholder`, `survey_form` and `survey_version` are computed into every
submission, so the import can tell whose form an answer came from, and which version of it.

The ranking is ten optional questions, "which element comes first, which next...": each place
can be given only after the one before it, and offers only the elements not placed yet. So a
respondent ranks as few elements as they like, and a submitted ranking is always 1, 2, ... k
with no gap or repeat, which the import requires (docs/survey.md says why not ODK's `rank`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields

from engine.i18n import N_
from engine.i18n.catalogue import names, shipped
from engine.i18n.text import _, language
from engine.printable import one_line
from engine.profile.models import Profile
from engine.profile.models.vocab import ELEMENT_TITLES, ELEMENTS
from engine.render.view.survey import ElementBlock, SurveyPage
from engine.survey import form_fields as ff
from engine.survey import questions as q
from engine.survey.form_text import literal, shown, unreferenced
from engine.survey.page import survey_page
from engine.survey.stakeholders import Stakeholder

Sheet = list[list[str]]

SAFETY = (
    N_("We do not ask your name. Your answers are saved in a small file without it."),
    N_(
        "We keep only how many people gave each answer. We read what you write in the boxes, "
        "and we do not keep it with anything that could point to you."
    ),
    N_(
        "Please do not write your name, or details that could identify you or others, in the boxes."
    ),
    N_("You can stop at any time, and you can leave any question blank."),
)
_LEAD = N_(
    "%(organisation)s has written down, element by element, what it does to look after data "
    "well and the evidence it can show for it. We would like to know what you make of it."
)
_TIME = N_(
    "It takes about ten minutes. Answer what you can: you may leave any question blank, and a "
    'blank is never read as a "no".'
)
_TOGETHER = N_(
    "Answers from your group are counted together; nobody's own answers appear in what we report."
)
_NOTHING = N_("Nothing written down yet.")
LISTS = {"trust": q.TRUST_LABELS, "expectations": q.MET_LABELS, "improved": q.IMPROVED_LABELS}


@dataclass(frozen=True)
class Field:
    """One row of the survey sheet in one language (label, hint and message are that language's)."""

    type: str
    name: str = ""
    label: str = ""
    hint: str = ""
    relevant: str = ""
    constraint: str = ""
    constraint_message: str = ""
    choice_filter: str = ""
    calculation: str = ""
    appearance: str = ""


TRANSLATED = ("label", "hint", "constraint_message")
COLUMNS = tuple(f.name for f in fields(Field))


def column_language(code: str) -> str:
    """XLSForm's name for a language: `Español (es)`, as in `label::Español (es)`."""
    return f"{names()[code]} ({code})"


def _note(name: str, text: str) -> Field:
    return Field("note", name, text)


def _intro(page: SurveyPage) -> Iterator[Field]:
    if page.protected:
        safety = [f"**{_('Your safety comes first')}**", *(_(s) for s in SAFETY)]
        yield _note("safety", "\n\n".join(safety))
    lead = _(_LEAD) % {"organisation": shown(page.organisation)}
    if page.use_case:
        lead += " " + _("It is about: %(use_case)s") % {"use_case": shown(page.use_case)}
        lead += f" ({page.use_case_note})" if page.use_case_note else ""
    yield _note("intro", lead)
    name = _("You may give your name at the end, if you wish.") if page.name else None
    said = name or _("We do not ask for your name.")
    yield _note("about", f"{_(_TIME)}\n\n{said} {_(_TOGETHER)}")


def _computed(page: SurveyPage, form_id: str, version: str) -> Iterator[Field]:
    yield Field("calculate", q.STAKEHOLDER, calculation=literal(page.stakeholder))
    yield Field("calculate", ff.FORM_FIELD, calculation=literal(form_id))
    yield Field("calculate", ff.VERSION_FIELD, calculation=literal(version))


def _practice(block: ElementBlock) -> str:
    parts = [f"**{_('What we do')}**"]
    if block.original_note and (block.steps or block.evidence):
        parts.append(f"({block.original_note})")
    parts.append(shown(block.steps) if block.steps else _(_NOTHING))
    parts.append(f"**{_('How we show it')}**")
    parts.append(shown(block.evidence) if block.evidence else _(_NOTHING))
    return "\n\n".join(parts)


def _element(block: ElementBlock) -> Iterator[Field]:
    key = block.key
    title = f"{block.number}. {block.title}"
    yield Field("begin_group", ff.group(key), title, appearance="field-list")
    yield _note(ff.note("meaning", key), block.meaning)
    yield _note(ff.note("practice", key), _practice(block))
    for kind in ("trust", "expectations", "concerns"):
        column = q.column(kind, key)
        kind_type = "text" if kind == "concerns" else f"select_one {kind}"
        yield Field(kind_type, column, ff.question_label(column) or "")
    yield Field("end_group")


def _place(number: int) -> Field:
    earlier = [f"${{{ff.place(n)}}}" for n in range(1, number)]
    return Field(
        "select_one elements",
        ff.place(number),
        ff.place_label(number),
        hint=_(ff.RANKING_HELP) if number == 1 else "",
        relevant=f"{earlier[-1]} != ''" if earlier else "",
        constraint=" and ".join(f". != {ref}" for ref in earlier),
        constraint_message=_(ff.TAKEN) if earlier else "",
        choice_filter=" and ".join(f"name != {ref}" for ref in earlier),
    )


def _ranking() -> Iterator[Field]:
    yield Field("begin_group", "ranking", _(ff.RANKING), appearance="field-list")
    yield from (_place(n) for n in range(1, q.PLACES + 1))
    yield Field("end_group")
    yield Field("calculate", ff.RANKED, calculation=_ranked())
    yield from (Field("calculate", q.column("rank", e), calculation=_rank(e)) for e in ELEMENTS)


def _ranked() -> str:
    """How many places were given in order from the first: places after a blank never count."""
    expression = str(q.PLACES)
    for number in range(q.PLACES, 0, -1):
        expression = f"if(${{{ff.place(number)}}} = '', {number - 1}, {expression})"
    return expression


def _rank(element: str) -> str:
    """The element's place, or blank: the answer our `rank_<element>` column holds."""
    expression = "''"
    for number in range(q.PLACES, 0, -1):
        given = f"${{{ff.RANKED}}} >= {number} and ${{{ff.place(number)}}} = '{element}'"
        expression = f"if({given}, {number}, {expression})"
    return expression


def _overall(page: SurveyPage) -> Iterator[Field]:
    yield Field("begin_group", "overall", _("Overall"), appearance="field-list")
    yield Field("select_one improved", q.IMPROVED_COLUMN, page.improved.text)
    yield Field("text", q.COMMENT_COLUMN, page.comment.text)
    if page.name is not None:
        yield Field("text", q.RESPONDENT, page.name.text)
    yield Field("end_group")


def _fields(page: SurveyPage, form_id: str, version: str) -> list[Field]:
    """Every row of the survey sheet in the page's language."""
    with language(page.lang):
        found = [*_intro(page), *_computed(page, form_id, version)]
        for block in page.elements:
            found += _element(block)
        found += [*_ranking(), *_overall(page), _note("closing", page.citation)]
    return found


def survey_sheet(per_language: dict[str, list[Field]]) -> Sheet:
    """The survey sheet: one row per field, each text column once per language."""
    codes = list(per_language)
    header = [
        f"{name}::{column_language(code)}" if name in TRANSLATED else name
        for name in COLUMNS
        for code in (codes if name in TRANSLATED else codes[:1])
    ]
    rows = [header]
    for same in zip(*per_language.values(), strict=True):
        rows.append(_merged(same))
    return rows


def _merged(same: tuple[Field, ...]) -> list[str]:
    """One field's row: its structure (the same in every language), then each text by language."""
    assert len({_structure(f) for f in same}) == 1, "a field differs between languages"
    cells: list[str] = []
    for name in COLUMNS:
        values = [str(getattr(f, name)) for f in same]
        cells += values if name in TRANSLATED else values[:1]
    return cells


def _structure(field: Field) -> tuple[str, ...]:
    return tuple(getattr(field, name) for name in COLUMNS if name not in TRANSLATED)


def choices_sheet(codes: list[str]) -> Sheet:
    """The answer lists: our codes as choice names, labelled in every language."""
    rows = [["list_name", "name", *(f"label::{column_language(c)}" for c in codes)]]
    lists = {**LISTS, "elements": ELEMENT_TITLES}
    for list_name, labels in lists.items():
        for value, label in labels.items():
            rows.append([list_name, value, *(_in(code, label) for code in codes)])
    return rows


def _in(code: str, message: str) -> str:
    with language(code):
        return _(message)


def xlsform(
    profile: Profile, stakeholder: Stakeholder, ask_name: bool, default: str
) -> dict[str, Sheet]:
    """The three sheets of the stakeholder's XLSForm, labelled in every shipped language, the
    form opening in `default`."""
    form_id, version = ff.form_id(stakeholder), ff.form_version(profile, stakeholder)
    codes = list(shipped())
    pages = {code: survey_page(profile, stakeholder, ask_name, code) for code in codes}
    per_language = {code: _fields(page, form_id, version) for code, page in pages.items()}
    settings = [
        ["form_title", "form_id", "version", "default_language", "style"],
        [_title(pages[default]), form_id, version, column_language(default), "pages"],
    ]
    return {
        "survey": survey_sheet(per_language),
        "choices": choices_sheet(codes),
        "settings": settings,
    }


def _title(page: SurveyPage) -> str:
    return unreferenced(one_line(page.title))
