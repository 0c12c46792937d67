"""`survey make`: the two files a planner sends a stakeholder, the HTML survey and the CSV one.

Both are made from the profile alone and are byte-identical for the same profile, so a survey
can be made again after a practice changes and the diff shows only that change.
"""

from __future__ import annotations

import csv
import io

from engine.profile.models import Profile
from engine.render.survey_page import render_survey
from engine.survey import questions
from engine.survey.page import slug, survey_page
from engine.survey.stakeholders import Stakeholder

BOM = "\ufeff"  # spreadsheets read the file as UTF-8 only with it


def template_csv() -> str:
    """The CSV template: the header row, one column per answer, ready for one row per respondent."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(questions.columns())
    return BOM + out.getvalue()


def survey_files(profile: Profile, stakeholder: Stakeholder, ask_name: bool) -> dict[str, str]:
    """File name: text, for the stakeholder's survey and its CSV template."""
    stem = f"survey-{slug(stakeholder.name)}"
    return {
        f"{stem}.html": render_survey(survey_page(profile, stakeholder, ask_name)),
        f"{stem}.csv": template_csv(),
    }
