"""`survey make`: the two files a planner sends a stakeholder, the HTML survey and the CSV one.

Both are made from the profile alone and are byte-identical for the same profile, so a survey
can be made again after a practice changes and the diff shows only that change.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import NamedTuple

from engine.i18n import SOURCE
from engine.i18n.catalogue import known, shipped
from engine.i18n.own import primary
from engine.profile.models import Profile
from engine.render.survey_page import render_survey
from engine.survey import questions
from engine.survey.page import slug, survey_page
from engine.survey.stakeholders import Stakeholder
from engine.survey.stakeholders import languages as group_languages

BOM = "\ufeff"  # spreadsheets read the file as UTF-8 only with it


def template_csv() -> str:
    """The CSV template: the header row, one column per answer, ready for one row per respondent."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(questions.columns())
    return BOM + out.getvalue()


class Languages(NamedTuple):
    """The languages a stakeholder's survey is made in, and those asked for but not shipped."""

    made: list[str]
    unshipped: list[str]


def languages(profile: Profile, stakeholder: Stakeholder, lang: str | None) -> Languages:
    """`--lang` when given; else each shipped language the group reads (2.8), English when
    it lists none we ship. A code listed twice (`es`, `es-MX`) makes one page."""
    if lang is not None:
        return Languages([known(lang)], [])
    listed = group_languages(profile, stakeholder.name)
    readable = [code for code in listed if primary(code) in shipped()]
    made = list(dict.fromkeys(known(code) for code in readable)) or [SOURCE]
    return Languages(made, [code for code in listed if code not in readable])


def page_name(stakeholder: Stakeholder, lang: str) -> str:
    """`survey-NAME.html` in English, `survey-NAME.es.html` in Spanish."""
    suffix = "" if lang == SOURCE else f".{lang}"
    return f"survey-{slug(stakeholder.name)}{suffix}.html"


def survey_files(
    profile: Profile, stakeholder: Stakeholder, ask_name: bool, langs: Sequence[str] = (SOURCE,)
) -> dict[str, str]:
    """File name: text, for the stakeholder's survey in each language and its CSV template,
    which is the same in every language (its columns and answers are codes)."""
    files = {
        page_name(stakeholder, lang): render_survey(
            survey_page(profile, stakeholder, ask_name, lang)
        )
        for lang in langs
    }
    files[f"survey-{slug(stakeholder.name)}.csv"] = template_csv()
    return files


def form_name(stakeholder: Stakeholder) -> str:
    """`survey-NAME.xlsx`: one XLSForm, in every shipped language."""
    return f"survey-{slug(stakeholder.name)}.xlsx"


def xlsform_files(
    profile: Profile, stakeholder: Stakeholder, ask_name: bool, default: str
) -> dict[str, bytes]:
    """File name: bytes, for the stakeholder's XLSForm, opening in the language `default`."""
    from engine.survey.xlsform import xlsform  # noqa: PLC0415 - only for this format
    from engine.survey.xlsx import workbook  # noqa: PLC0415 - openpyxl loads only here

    return {form_name(stakeholder): workbook(xlsform(profile, stakeholder, ask_name, default))}
