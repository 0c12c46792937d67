"""A closed answer written as the survey page words it, in any shipped language, read as its code.

The page saves codes (`high`, `partly`), so its own files never need this. It is for answers
typed by hand into the CSV template, or exported by a survey tool that writes labels rather
than codes: `Fairly well`, `Bastante` and `Plutôt bien` all import as `medium`. Labels compare
as a person would type them (case, spacing and the kind of apostrophe do not matter).
"""

from __future__ import annotations

import unicodedata
from functools import cache

from engine.i18n.catalogue import shipped
from engine.i18n.text import _, language
from engine.survey import questions as q

_LABELS = {
    "trust": q.TRUST_LABELS,
    "expectations": q.MET_LABELS,
    q.IMPROVED_COLUMN: q.IMPROVED_LABELS,
}


def _key(text: str) -> str:
    folded = unicodedata.normalize("NFC", text).replace("\u2019", "'").casefold()
    return " ".join(folded.split())


@cache
def labels(kind: str) -> dict[str, str]:
    """Every shipped language's label for each answer of `kind`, as typed: code. A label that
    two answers share in different languages would be ambiguous, and is left out."""
    found: dict[str, set[str]] = {}
    for code in shipped():
        with language(code):
            for value, label in _LABELS[kind].items():
                found.setdefault(_key(_(label)), set()).add(value)
    return {label: values.pop() for label, values in found.items() if len(values) == 1}


def code_for(kind: str, text: str) -> str | None:
    """The answer code `text` is the label of, in any shipped language, or None."""
    return labels(kind).get(_key(text))
