"""The columns of an ODK Central, ODK Briefcase or KoboToolbox export, read as ours.

A survey tool writes a form's answers under the form's field names, with the groups they sit in
before them (`el_privacy_security-trust_privacy_security` from ODK Central and Briefcase,
`el_privacy_security/trust_privacy_security` from KoboToolbox, or the bare name when exported
without groups), or, in KoboToolbox's label exports, under the questions' labels in the
language chosen. It adds columns of its own: when and by whom a submission came, its instance
id, its review state. A header is ours when it, or what follows one of its `-` or `/`, is one of
our columns or one of our form's labels in any shipped language; the tools' own columns are
known and left out without a word. tests/data/exports/README.md cites the formats.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Literal

from engine.i18n.catalogue import shipped
from engine.i18n.text import language
from engine.survey import form_fields as ff
from engine.survey.questions import PLACES, columns

OURS = frozenset(columns())
INSTANCE = ("instanceid", "key", "_uuid")  # a submission's id, as each tool names it
FORM_VERSION = "formversion"  # ODK Central: the version of the form a submission answered
KEPT = frozenset([*INSTANCE, FORM_VERSION, ff.FORM_FIELD, ff.VERSION_FIELD])
CENTRAL = (
    "submissiondate submitterid submittername attachmentspresent attachmentsexpected status "
    "reviewstate deviceid edits"
)
KOBO = (
    "start end today username phonenumber simserial subscriberid audit _id _submission_time "
    "_validation_status _notes _status _submitted_by __version__ _version_ _tags _index "
    "_attachments _geolocation _xform_id_string _parent_table_name _parent_index rootuuid "
    "deprecatedid instancename uuid"
)
METADATA = frozenset((CENTRAL + " " + KOBO).split())
Kind = Literal["answer", "kept", "quiet", "other"]
_SEPARATOR = re.compile(r"[/-]")


@dataclass(frozen=True)
class Header:
    """A column's header as the import reads it: our column, a column whose value we check
    (instance id, form, version), a column the tool or our form adds, or someone else's."""

    name: str  # our column's name, or the header as typed (folded) when it is not ours
    kind: Kind
    last: str  # what follows the header's last `-` or `/`: a misspelt column of ours, maybe


def folded(text: str) -> str:
    """A header or label as a person would compare it: case, spacing and apostrophes aside."""
    text = unicodedata.normalize("NFC", text).replace("\u2019", "'").casefold()
    return " ".join(text.split())


def header(raw: str) -> Header:
    """What the column headed `raw` holds (see the module's docstring for the rule)."""
    name = folded(raw)
    for candidate in _candidates(name):
        found = _known(candidate)
        if found is not None:
            return Header(found[0], found[1], candidate)
    return Header(name, "other", _SEPARATOR.split(name)[-1])


def _candidates(name: str) -> Iterator[str]:
    """The header, then what follows each `-` or `/` in it, longest first."""
    yield name
    for match in _SEPARATOR.finditer(name):
        yield name[match.end() :]


def _known(name: str) -> tuple[str, Kind] | None:
    if name in OURS:
        return name, "answer"
    if name in KEPT:
        return name, "kept"
    if name in METADATA or name in _form_only():
        return name, "quiet"
    column = _labels().get(name)
    if column is None:
        return None
    return (column, "answer") if column else (name, "quiet")


@cache
def _form_only() -> frozenset[str]:
    return frozenset(folded(name) for name in ff.form_only())


@cache
def _labels() -> dict[str, str]:
    """Every label of our form's answer fields, in every shipped language, folded: its column
    ("" for a field of the form's own, such as a place of the ranking)."""
    found: dict[str, str] = {}
    for code in shipped():
        with language(code):
            for column in columns():
                label = ff.question_label(column)
                if label:
                    found[folded(label)] = column
            found.update({folded(ff.place_label(n)): "" for n in range(1, PLACES + 1)})
    return found
