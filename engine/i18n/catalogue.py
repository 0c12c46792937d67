"""The shipped languages and their translations, each loaded once per process.

A language is shipped when its catalogue is in the package (`locale/<code>/LC_MESSAGES`), so a
translator adds one by adding a catalogue, and nothing else. The compiled catalogue (`.mo`) is
used where the wheel has one; else the translators' source (`.po`) is compiled in memory, as in
a checkout, where a `.mo` someone compiled by hand is used only while it is newer than its `.po`.
A catalogue is package data, trusted as the code is; nothing from outside the package is read.
"""

from __future__ import annotations

import gettext
import io
from functools import cache
from pathlib import Path

from engine.i18n import SOURCE

LOCALE = Path(__file__).resolve().parent / "locale"
DOMAIN = "messages"


@cache
def shipped() -> tuple[str, ...]:
    """English, then every language with a catalogue, by code."""
    found = {
        path.parent.parent.name
        for pattern in (f"*/LC_MESSAGES/{DOMAIN}.po", f"*/LC_MESSAGES/{DOMAIN}.mo")
        for path in LOCALE.glob(pattern)
    }
    return (SOURCE, *sorted(found - {SOURCE}))


@cache
def names() -> dict[str, str]:
    """Each shipped language named in itself (`Español`), as a chooser shows it."""
    from babel import Locale  # noqa: PLC0415 - only where languages are listed

    def name(code: str) -> str:
        found = Locale.parse(code).get_display_name(code) or code
        return found[:1].upper() + found[1:]

    return {code: name(code) for code in shipped()}


class UnknownLanguageError(ValueError):
    """A language code we ship no catalogue for; the message lists those we do."""

    def __init__(self, code: str) -> None:
        listed = ", ".join(f"{c} ({name})" for c, name in names().items())
        super().__init__(f"no language '{code}'; the languages are: {listed}")


def known(code: str) -> str:
    """The shipped language `code` names (BCP 47: `es`, `es-MX` and `ES` all name Spanish)."""
    base = code.strip().replace("_", "-").split("-")[0].lower()
    if base not in shipped():
        raise UnknownLanguageError(code)
    return base


@cache
def translations(code: str) -> gettext.NullTranslations:
    """The translations for a shipped language (English: the source strings themselves)."""
    language = known(code)
    if language == SOURCE:
        return gettext.NullTranslations()
    folder = LOCALE / language / "LC_MESSAGES"
    source, compiled = folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"
    if compiled.is_file() and not _newer(source, compiled):
        with compiled.open("rb") as stream:
            return gettext.GNUTranslations(stream)
    return gettext.GNUTranslations(io.BytesIO(compile_po(source)))


def _newer(path: Path, than: Path) -> bool:
    return path.is_file() and path.stat().st_mtime > than.stat().st_mtime


def compile_po(path: Path) -> bytes:
    """A `.po` file as the `.mo` bytes `pybabel compile` writes (fuzzy entries left out)."""
    from babel.messages.mofile import write_mo  # noqa: PLC0415 - only where nothing is compiled
    from babel.messages.pofile import read_po  # noqa: PLC0415

    with path.open("rb") as stream:
        catalogue = read_po(stream)
    out = io.BytesIO()
    write_mo(out, catalogue)
    return out.getvalue()
