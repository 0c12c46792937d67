"""Where each submission came from: the same one exported twice, or another form's answers.

A survey tool gives every submission an instance id (ODK's `meta/instanceID`, which Central
also writes as `KEY`; KoboToolbox's `_uuid`). Two rows with one id are one submission, exported
twice or in two downloads: it counts once, and the planner is told which rows were dropped.
Our XLSForm writes its id and version into each submission (`survey_form`, `survey_version`,
and ODK Central's own `FormVersion`): a row from another group's form, or from a form made
before the profile's survey texts changed, is refused, naming the row, since its answers were
given to something else than what the profile now shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from engine.profile.models import Profile
from engine.survey import form_fields as ff
from engine.survey.exports import FORM_VERSION, INSTANCE
from engine.survey.stakeholders import Stakeholder
from engine.survey.table import Row

Found = tuple[int, str]  # a column number, and the problem with its cell


def instance_id(row: Row) -> str | None:
    """The submission's id, as any tool wrote it (`uuid:` or not, any case), or None."""
    for name in INSTANCE:
        text = row.cell(name)[0].strip().casefold()
        if text:
            return text.removeprefix("uuid:")
    return None


@dataclass
class Provenance:
    """The submissions seen so far, and what each group's form is called now."""

    profile: Profile
    seen: dict[str, tuple[str, int]] = field(default_factory=dict)  # id -> (file, row)
    dropped: dict[str, list[int]] = field(default_factory=dict)  # file -> its rows dropped
    forms: dict[str, tuple[str, str]] = field(default_factory=dict)  # group -> (id, version)

    def duplicate(self, row: Row) -> bool:
        """Whether the row repeats a submission already read (it is then noted, not counted)."""
        found = instance_id(row)
        if found is None:
            return False
        if found not in self.seen:
            self.seen[found] = (row.path, row.number)
            return False
        self.dropped.setdefault(row.path, []).append(row.number)
        return True

    def notes(self) -> list[str]:
        """One line per file that had duplicates: how many, and which rows."""
        return [
            f"{path}: {_count(rows)} counted once (the same instance id as an earlier row): "
            f"row{'s' if len(rows) > 1 else ''} {', '.join(str(r) for r in rows)} left out"
            for path, rows in self.dropped.items()
        ]

    def problems(self, row: Row, stakeholder: Stakeholder) -> list[Found]:
        """Each cell saying the row answered another form, or another version of this one."""
        form_id, version = self._form(stakeholder)
        found: list[Found] = []
        given, column = row.cell(ff.FORM_FIELD)
        if given.strip() and given.strip() != form_id:
            found.append((column, _other_form(given.strip(), form_id, stakeholder.name)))
        for name in (ff.VERSION_FIELD, FORM_VERSION):
            given, column = row.cell(name)
            if given.strip() and given.strip() != version:
                found.append((column, _other_version(name, given.strip(), version, stakeholder)))
        return found

    def _form(self, stakeholder: Stakeholder) -> tuple[str, str]:
        if stakeholder.name not in self.forms:
            made = ff.form_id(stakeholder), ff.form_version(self.profile, stakeholder)
            self.forms[stakeholder.name] = made
        return self.forms[stakeholder.name]


def _count(rows: list[int]) -> str:
    return "1 duplicate submission" if len(rows) == 1 else f"{len(rows)} duplicate submissions"


def _other_form(given: str, form_id: str, name: str) -> str:
    return (
        f"{ff.FORM_FIELD}: this row answers the form '{given}', not '{form_id}', the form for "
        f"'{name}'; import each form's answers for its own group"
    )


def _other_version(column: str, given: str, version: str, stakeholder: Stakeholder) -> str:
    shown = "FormVersion" if column == FORM_VERSION else column
    return (
        f"{shown}: this row answers version '{given}' of the form, but the profile now makes "
        f"version '{version}' for '{stakeholder.name}' (its practices, use case or group "
        "changed since): import these answers with the profile as it was when the form was "
        "made, or send the new form"
    )
