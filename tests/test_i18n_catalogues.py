"""The catalogues are complete and current: every English message has a translation in every
shipped language, no translation drops a placeholder, and the template (`messages.pot`) is what
extraction gives today, by the command docs/translating.md tells the next translator to run.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from engine.i18n.catalogue import LOCALE, compile_po, names, shipped
from engine.i18n.text import _, language
from tests.conftest import ROOT

POT = ROOT / "engine" / "i18n" / "messages.pot"
GUIDE = ROOT / "docs" / "translating.md"
TRANSLATED = [code for code in shipped() if code != "en"]
# What a translation must keep as written: placeholders (Python's and the survey script's) and
# code spans, which are words the planner types in a profile.
_KEPT = re.compile(r"%\([a-z_]+\)[sd]|\{[a-z_]+\}|`[^`]+`")


def _read(path: Path) -> Catalog:
    with path.open("rb") as stream:
        return read_po(stream)


def _keys(catalogue: Catalog) -> set[tuple[str, str | None]]:
    return {(_ids(m)[0], m.context) for m in catalogue if m.id}


def _ids(message: Message) -> tuple[str, ...]:
    found = message.id if isinstance(message.id, (tuple, list)) else (message.id,)
    return tuple(str(one) for one in found)


def _strings(message: Message) -> tuple[str, ...]:
    found = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
    return tuple(one or "" for one in found)


def _catalogue(code: str) -> Catalog:
    return _read(LOCALE / code / "LC_MESSAGES" / "messages.po")


def _command(prefix: str) -> list[str]:
    """The guide's `pybabel PREFIX ...` command, run from the repository's top folder."""
    text = GUIDE.read_text("utf-8").replace("\\\n", " ")
    line = next(ln.strip() for ln in text.splitlines() if ln.strip().startswith(prefix))
    return shlex.split(line)


def test_spanish_and_french_ship() -> None:
    assert {"en", "es", "fr"} <= set(shipped())
    assert names()["es"] == "Español" and names()["fr"] == "Français"


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_message_is_translated(code: str) -> None:
    catalogue = _catalogue(code)
    missing = [
        _ids(m)[0]
        for m in catalogue
        if m.id and (m.fuzzy or not all(s.strip() for s in _strings(m)))
    ]
    assert missing == [], f"{len(missing)} untranslated in {code}, first: {missing[:5]}"
    assert _keys(catalogue) == _keys(_read(POT)), "run `pybabel update` (docs/translating.md)"


@pytest.mark.parametrize("code", TRANSLATED)
def test_translations_keep_every_placeholder(code: str) -> None:
    dropped = []
    for message in _catalogue(code):
        if not message.id:
            continue
        wanted = sorted(_KEPT.findall(_ids(message)[-1]))
        for string in _strings(message):
            if sorted(_KEPT.findall(string)) != wanted and not _singular_count(message, string):
                dropped.append((_ids(message)[0], string))
    assert dropped == []


def _singular_count(message: Message, string: str) -> bool:
    """A plural's singular may spell "one" out instead of writing `%(n)d`: "un bloqueo"."""
    singular = sorted(_KEPT.findall(_ids(message)[0]))
    return isinstance(message.id, tuple) and sorted(_KEPT.findall(string)) in (singular, [])


@pytest.mark.parametrize("code", TRANSLATED)
def test_a_catalogue_compiles_and_is_used(code: str) -> None:
    assert compile_po(LOCALE / code / "LC_MESSAGES" / "messages.po")
    with language(code):
        assert _("Save my answers") != "Save my answers"


def test_the_template_is_what_extraction_gives_today(tmp_path: Path) -> None:
    """A message added to the code but not extracted fails here, so it cannot ship untranslated."""
    command = _command("pybabel extract")
    out = command.index("-o") + 1
    command[out] = str(tmp_path / "messages.pot")
    run = [sys.executable, "-m", "babel.messages.frontend", *command[1:]]
    done = subprocess.run(run, cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    fresh = _read(tmp_path / "messages.pot")
    assert _keys(fresh) == _keys(_read(POT)), "run the guide's `pybabel extract` and `update`"


def test_the_guide_names_the_whole_round_trip() -> None:
    text = GUIDE.read_text("utf-8")
    for step in ("pybabel extract", "pybabel update", "pybabel init", "pybabel compile"):
        assert step in text
