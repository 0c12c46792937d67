"""`readiness survey make --format xlsform`: a form ODK and KoboToolbox accept, in every language.

pyxform, the converter ODK Central and KoboToolbox run on an uploaded XLSForm, converts each
form made here, so a form those tools would refuse fails this suite. The form asks what the
HTML page asks, labelled in every shipped language, and its ranking can only give places
1, 2, ... k, which the ranking's own calculations are run here to show.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]
from pyxform.xls2xform import convert  # type: ignore[import-untyped]

from engine.i18n.catalogue import shipped
from engine.i18n.text import _, language
from engine.profile.models.vocab import ELEMENTS
from engine.survey import form_fields as ff
from engine.survey.questions import PLACES, columns
from engine.survey.xlsform import SAFETY
from engine.survey.xlsx import workbook
from tests.conftest import PROFILES, Run
from tests.survey_support import MAINTENANCE, WESTBAY

Cli = Callable[..., Run]
Sheets = dict[str, list[list[str]]]
EXAMPLE = PROFILES / "trust-misalignment.yaml"
LANGUAGES = ("English (en)", "Español (es)", "Français (fr)")
SEATS = "Two tenant seats on the board."


def _make(cli: Cli, out: Path, who: str, *more: str, profile: Path = EXAMPLE) -> Run:
    args = ("survey", "make", str(profile), "--stakeholder", who, "-o", str(out))
    return cli(*args, "--format", "xlsform", *more)


def _file(out: Path, who: str) -> Path:
    slug = re.sub(r"[^a-z0-9]+", "-", who.lower()).strip("-")
    return out / f"survey-{slug}.xlsx"


def _sheets(path: Path) -> Sheets:
    book = load_workbook(io.BytesIO(path.read_bytes()), read_only=True)
    found = {
        sheet.title: [["" if v is None else str(v) for v in row] for row in sheet.values]
        for sheet in book.worksheets
    }
    book.close()
    return found


def _column(sheet: list[list[str]], name: str) -> list[str]:
    index = sheet[0].index(name)
    return [row[index] if index < len(row) else "" for row in sheet[1:]]


def _settings(sheets: Sheets) -> dict[str, str]:
    return dict(zip(*sheets["settings"], strict=True))


def _names(sheets: Sheets) -> list[str]:
    return [name for name in _column(sheets["survey"], "name") if name]


@pytest.mark.parametrize(
    ("who", "more"),
    [(MAINTENANCE, ()), (WESTBAY, ()), (MAINTENANCE, ("--ask-name",))],
    ids=["group", "at-risk-group", "ask-name"],
)
def test_pyxform_converts_the_form(
    cli: Cli, tmp_path: Path, who: str, more: tuple[str, ...]
) -> None:
    run = _make(cli, tmp_path, who, *more)
    assert run.code == 0, run.err
    warnings: list[str] = []
    result = convert(_file(tmp_path, who).read_bytes(), warnings=warnings, file_type=".xlsx")
    assert warnings == []
    for name in LANGUAGES:
        assert f'<translation lang="{name}"' in result.xform
    form_id = "ids_readiness_" + _file(tmp_path, who).stem.removeprefix("survey-").replace("-", "_")
    assert f'id="{form_id}"' in result.xform
    assert ('ref="/data/overall/respondent"' in result.xform) == (more == ("--ask-name",))


def test_every_label_hint_and_message_is_filled_in_every_language(cli: Cli, tmp_path: Path) -> None:
    _make(cli, tmp_path, MAINTENANCE, "--ask-name")
    sheets = _sheets(_file(tmp_path, MAINTENANCE))
    for sheet, kind in [("survey", "label"), ("survey", "hint"), ("survey", "constraint_message"),
                        ("choices", "label")]:  # fmt: skip
        texts = zip(*(_column(sheets[sheet], f"{kind}::{n}") for n in LANGUAGES), strict=True)
        for same in texts:
            assert all(same) or not any(same), (sheet, kind, same)
    survey = sheets["survey"]
    unlabelled = {"calculate", "end_group"}
    labels = zip(_column(survey, "type"), _column(survey, f"label::{LANGUAGES[0]}"), strict=True)
    assert all(label for kind, label in labels if kind not in unlabelled)
    assert _column(survey, f"hint::{LANGUAGES[1]}")[_column(survey, "name").index(ff.place(1))]


def test_the_form_asks_what_the_page_asks_under_our_column_names(cli: Cli, tmp_path: Path) -> None:
    _make(cli, tmp_path, MAINTENANCE, "--ask-name")
    sheets = _sheets(_file(tmp_path, MAINTENANCE))
    names = _names(sheets)
    assert set(columns()) <= set(names)
    kinds = dict(
        zip(_column(sheets["survey"], "name"), _column(sheets["survey"], "type"), strict=True)
    )
    assert kinds["trust_privacy_security"] == "select_one trust"
    assert kinds["expectations_privacy_security"] == "select_one expectations"
    assert kinds["concerns_privacy_security"] == "text"
    assert kinds["rank_privacy_security"] == kinds[ff.FORM_FIELD] == "calculate"
    choices = {(row[0], row[1]) for row in sheets["choices"][1:]}
    assert {("trust", w) for w in ("none", "low", "medium", "high", "unsure")} <= choices
    assert {("improved", w) for w in ("yes", "somewhat", "no", "unsure")} <= choices
    assert {("elements", e) for e in ELEMENTS} <= choices
    required = _column(sheets["survey"], "required") if "required" in sheets["survey"][0] else []
    assert not any(required)  # every question may be left blank


def test_a_group_at_risk_is_asked_no_name_and_told_first_what_is_kept(
    cli: Cli, tmp_path: Path
) -> None:
    refused = _make(cli, tmp_path / "no", WESTBAY, "--ask-name")
    assert refused.code == 2 and not (tmp_path / "no").exists()
    _make(cli, tmp_path, WESTBAY)
    sheets = _sheets(_file(tmp_path, WESTBAY))
    assert "respondent" not in _names(sheets)
    first = next(row for row in sheets["survey"][1:] if row[0] == "note")
    assert first[1] == "safety"
    for code, name in zip(shipped(), LANGUAGES, strict=True):
        said = first[sheets["survey"][0].index(f"label::{name}")]
        with language(code):
            assert all(_(sentence) in said for sentence in SAFETY)


def test_the_default_language_is_lang_else_the_groups_else_english(
    cli: Cli, tmp_path: Path
) -> None:
    _make(cli, tmp_path / "en", MAINTENANCE)
    assert (
        _settings(_sheets(_file(tmp_path / "en", MAINTENANCE)))["default_language"]
        == "English (en)"
    )
    _make(cli, tmp_path / "fr", MAINTENANCE, "--lang", "fr")
    assert (
        _settings(_sheets(_file(tmp_path / "fr", MAINTENANCE)))["default_language"]
        == "Français (fr)"
    )
    profile = tmp_path / "reads.yaml"
    text = EXAMPLE.read_text("utf-8")
    text = text.replace(
        "      at_risk_if_identified: yes\n",
        "      at_risk_if_identified: yes\n      languages: [vi, es]\n",
        1,
    )
    profile.write_text(text, "utf-8")
    run = _make(cli, tmp_path / "es", WESTBAY, profile=profile)
    assert run.code == 0 and "no page in 'vi'" in run.err
    assert _settings(_sheets(_file(tmp_path / "es", WESTBAY)))["default_language"] == "Español (es)"


def test_the_same_profile_gives_the_same_bytes(cli: Cli, tmp_path: Path) -> None:
    _make(cli, tmp_path / "one", WESTBAY)
    _make(cli, tmp_path / "two", WESTBAY)
    assert (
        _file(tmp_path / "one", WESTBAY).read_bytes()
        == _file(tmp_path / "two", WESTBAY).read_bytes()
    )


def test_the_version_changes_with_what_the_form_shows_and_only_then(
    cli: Cli, tmp_path: Path
) -> None:
    def made(profile_text: str, name: str) -> dict[str, str]:
        profile = tmp_path / f"{name}.yaml"
        profile.write_text(profile_text, "utf-8")
        _make(cli, tmp_path / name, WESTBAY, profile=profile)
        return _settings(_sheets(_file(tmp_path / name, WESTBAY)))

    text = EXAMPLE.read_text("utf-8")
    before = made(text, "before")
    elsewhere = made(
        text.replace("Linked data are used only", "Linked data is used only"), "elsewhere"
    )
    practice = made(text.replace(SEATS, "Three tenant seats on the board."), "practice")
    assert (
        before["form_id"]
        == elsewhere["form_id"]
        == practice["form_id"]
        == "ids_readiness_westbay_tenant_network"
    )
    assert before["version"] == elsewhere["version"] != practice["version"]
    assert re.fullmatch(r"[0-9a-f]{10}", before["version"])


# --- the ranking can only give places 1, 2, ... k ----------------------------------------


def _evaluate(expression: str, answers: dict[str, str]) -> str:
    """The form's ranking expressions, evaluated as XPath would: `if(c, a, b)`, `and`, `=`,
    `>=`, `${name}`, numbers and '' are all they use."""
    expression = expression.strip()
    if expression.startswith("if(") and expression.endswith(")"):
        condition, then, otherwise = _arguments(expression[3:-1])
        return _evaluate(then if _holds(condition, answers) else otherwise, answers)
    return "" if expression == "''" else str(int(expression))


def _arguments(inner: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for index, char in enumerate(inner):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(inner[start:index])
            start = index + 1
    return [*parts, inner[start:]]


def _holds(condition: str, answers: dict[str, str]) -> bool:
    for term in condition.split(" and "):
        name, op, value = re.fullmatch(r"\s*\$\{(\w+)\} (>=|=|!=) (.+?)\s*", term).groups()  # type: ignore[union-attr]
        given = answers.get(name, "")
        if op == ">=" and not (given and int(given) >= int(value)):
            return False
        if op in ("=", "!=") and (given == value.strip("'")) != (op == "="):
            return False
    return True


@pytest.mark.parametrize(
    ("places", "wanted"),
    [
        ([], {}),
        (["privacy_security"], {"privacy_security": "1"}),
        (["legal_compliance", "privacy_security", "skills_knowledge"],
         {"legal_compliance": "1", "privacy_security": "2", "skills_knowledge": "3"}),
        (["legal_compliance", "", "skills_knowledge"], {"legal_compliance": "1"}),
        (list(ELEMENTS), {e: str(n) for n, e in enumerate(ELEMENTS, 1)}),
    ],
    ids=["none", "one", "top-three", "a-gap-counts-only-before-it", "all"],
)  # fmt: skip
def test_the_ranking_gives_places_from_one_without_gaps(
    cli: Cli, tmp_path: Path, places: list[str], wanted: dict[str, str]
) -> None:
    _make(cli, tmp_path, MAINTENANCE)
    sheets = _sheets(_file(tmp_path, MAINTENANCE))
    calculations = dict(
        zip(
            _names(sheets),
            [
                c
                for n, c in zip(
                    _column(sheets["survey"], "name"),
                    _column(sheets["survey"], "calculation"),
                    strict=True,
                )
                if n
            ],
            strict=True,
        )
    )
    answers = {ff.place(n): element for n, element in enumerate(places, 1)}
    answers[ff.RANKED] = _evaluate(calculations[ff.RANKED], answers)
    found = {e: _evaluate(calculations[f"rank_{e}"], answers) for e in ELEMENTS}
    assert {e: place for e, place in found.items() if place} == wanted


def test_each_place_offers_only_elements_not_placed_yet(cli: Cli, tmp_path: Path) -> None:
    _make(cli, tmp_path, MAINTENANCE)
    sheets = _sheets(_file(tmp_path, MAINTENANCE))
    rows = {
        row[1]: dict(zip(sheets["survey"][0], row, strict=False))
        for row in sheets["survey"][1:]
        if len(row) > 1
    }
    for number in range(2, PLACES + 1):
        place = rows[ff.place(number)]
        earlier = [f"${{{ff.place(n)}}}" for n in range(1, number)]
        assert place["relevant"] == f"{earlier[-1]} != ''"
        assert all(f"name != {ref}" in place["choice_filter"] for ref in earlier)
        assert all(f". != {ref}" in place["constraint"] for ref in earlier)


def test_profile_text_is_shown_as_typed_and_runs_nothing(cli: Cli, tmp_path: Path) -> None:
    hostile = (
        "\"*bold* [link](http://x.test) <span style='color:red'>red</span> ${place_1} \\e[31m\""
    )
    profile = tmp_path / "hostile.yaml"
    profile.write_text(EXAMPLE.read_text("utf-8").replace(SEATS, hostile), "utf-8")
    run = _make(cli, tmp_path / "out", MAINTENANCE, profile=profile)
    assert run.code == 0, run.err
    data = _file(tmp_path / "out", MAINTENANCE).read_bytes()
    warnings: list[str] = []
    result = convert(data, warnings=warnings, file_type=".xlsx")
    assert "<output" not in result.xform and "\x1b" not in result.xform
    sheets = _sheets(_file(tmp_path / "out", MAINTENANCE))
    [note] = [row for row in sheets["survey"] if row[1] == "practice_engagement_accountability"]
    assert "\\*bold\\*" in note[2] and "]\u200b(" in note[2] and "<\u200bspan" in note[2]
    assert "$\u200b{place\\_1}" in note[2] and "\\\\x1b" in note[2]


def test_the_spanish_labels_are_spanish(cli: Cli, tmp_path: Path) -> None:
    """Passes once the Spanish catalogue translates every message the form uses."""
    _make(cli, tmp_path, MAINTENANCE, "--ask-name")
    sheets = _sheets(_file(tmp_path, MAINTENANCE))
    for sheet in ("survey", "choices"):
        english = _column(sheets[sheet], f"label::{LANGUAGES[0]}")
        spanish = _column(sheets[sheet], f"label::{LANGUAGES[1]}")
        same = [en for en, es in zip(english, spanish, strict=True) if en and en == es]
        assert same in ([], ["No", "No"]), same  # "No" is Spanish too


def test_text_that_looks_like_a_formula_is_written_as_text() -> None:
    data = workbook({"survey": [["type", "name"], ["=1+1", "@SUM(A1)"]]})
    book = load_workbook(io.BytesIO(data))
    [cells] = list(book["survey"].iter_rows(min_row=2))
    assert [(c.value, c.data_type) for c in cells] == [("=1+1", "s"), ("@SUM(A1)", "s")]
    assert book.properties.created == book.properties.modified
