"""`readiness survey import` on what ODK Central, ODK Briefcase and KoboToolbox export.

The exports are written here as those tools write them for the form `survey make --format
xlsform` makes (tests/data/exports/README.md cites each layout): ODK Central's CSV (`,`, group
paths joined with `-`, its metadata columns around the form's), KoboToolbox's CSV (`;`, every
cell quoted, `/` between groups, `_uuid` and the rest after), with XML names or, in a labels
export, labels in Spanish for headers and answers, and their .xlsx exports. The Spanish words
come from the catalogue, so the test stays true to what the form shows.
"""

from __future__ import annotations

import csv
import io
import shutil
import time
import zipfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pytest
from openpyxl import Workbook  # type: ignore[import-untyped]
from pyxform.xls2xform import convert  # type: ignore[import-untyped]

from engine.i18n.text import _, language
from engine.profile.loader import parse_text
from engine.profile.models.vocab import ELEMENT_TITLES
from engine.profile.validation import validate_tree
from engine.survey import form_fields as ff
from engine.survey import questions as q
from engine.survey.stakeholders import find
from engine.survey.xlsform import column_language, xlsform
from tests.conftest import PROFILES, ROOT, Run
from tests.survey_support import MAINTENANCE, WESTBAY, as_csv, row

Cli = Callable[..., Run]
Answers = Mapping[str, str]
TODAY = ("--today", "2026-12-01")
DATA = ROOT / "tests" / "data" / "exports"
CENTRAL_META = [
    "KEY", "SubmitterID", "SubmitterName", "AttachmentsPresent", "AttachmentsExpected", "Status",
    "ReviewState", "DeviceID", "Edits", "FormVersion",
]  # fmt: skip
KOBO_META = [
    "_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status",
    "_submitted_by", "__version__", "_tags", "_index",
]  # fmt: skip
PROFILE = PROFILES / "trust-misalignment.yaml"


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    target = tmp_path / "trust-misalignment.yaml"
    shutil.copy(PROFILE, target)
    return target


def _form(path: Path, name: str) -> dict[str, list[list[str]]]:
    model = validate_tree(parse_text(path.read_text("utf-8"), str(path)), str(path))
    stakeholder = find(model, name)
    assert stakeholder is not None
    return xlsform(model, stakeholder, False, "en")


def _fields(form: dict[str, list[list[str]]], lang: str | None = None) -> list[tuple[str, str]]:
    """(header, field name) of every field of the form, as the tools flatten groups: the group
    path before the name (`a/b` here; each tool joins with its own separator), or with `lang`
    the labels (Kobo's label exports: a field without a label is headed by its name)."""
    header = form["survey"][0]
    label = header.index(f"label::{column_language(lang)}") if lang else None
    found, groups = [], []
    for cells in form["survey"][1:]:
        kind, name = cells[0], cells[1]
        title = cells[label] if label is not None and cells[label] else name
        if kind == "begin_group":
            groups.append(title)
        elif kind == "end_group":
            groups.pop()
        else:
            found.append(("/".join([*groups, title]), name))
    return found


def _computed(form: dict[str, list[list[str]]], person: Answers) -> dict[str, str]:
    """What the form computes into a submission: its id and version, and the ranking's places
    (`place_1` holds the element put first) as the respondent chose them."""
    settings = dict(zip(*form["settings"], strict=True))
    ranks = {k.removeprefix("rank_"): int(v) for k, v in person.items() if k.startswith("rank_")}
    places = {ff.place(n): element for element, n in ranks.items()}
    return {
        ff.FORM_FIELD: settings["form_id"],
        ff.VERSION_FIELD: settings["version"],
        ff.RANKED: str(len(ranks)),
        **places,
    }


def central(form: dict[str, list[list[str]]], people: Sequence[Answers], name: str) -> bytes:
    """ODK Central's CSV export (`submissions.csv`): newest first, `,`, minimal quoting, `\\n`."""
    fields = [(path.replace("/", "-"), field) for path, field in _fields(form)]
    header = ["SubmissionDate", *(path for path, _ in fields), "meta-instanceID", *CENTRAL_META]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    version = _computed(form, {})[ff.VERSION_FIELD]
    for number, person in reversed(list(enumerate(people, start=1))):
        answers = {q.STAKEHOLDER: name, **_computed(form, person), **person}
        uuid = f"uuid:0b3c{number:04d}-1f2e-4d5c-9a8b-7c6d5e4f3a2b"
        values = [answers.get(field, "") for _, field in fields]
        meta = [uuid, "5", "Ana Collector", "0", "0", "", "", "", "0", version]
        writer.writerow([f"2026-11-2{number}T10:1{number}:00.000Z", *values, uuid, *meta])
    return out.getvalue().encode("utf-8")


def kobo(
    form: dict[str, list[list[str]]],
    people: Sequence[Answers],
    name: str,
    lang: str | None,
    *,
    groups: bool = True,
    separator: str = ";",
) -> bytes:
    """KoboToolbox's CSV export: every cell quoted; `/` between groups, or bare names without
    them; with `lang`, the "labels" export in that language, headers and closed answers alike."""
    lines = _kobo_rows(form, people, name, lang, groups)
    out = io.StringIO()
    csv.writer(out, delimiter=separator, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(
        lines
    )
    return out.getvalue().encode("utf-8")


def _kobo_rows(
    form: dict[str, list[list[str]]],
    people: Sequence[Answers],
    name: str,
    lang: str | None,
    groups: bool = True,
) -> list[list[object]]:
    fields = [(p if groups else p.rpartition("/")[2], f) for p, f in _fields(form, lang)]
    lines: list[list[object]] = [[*(path for path, _ in fields), *KOBO_META]]
    for number, person in enumerate(people, start=1):
        computed = {**_computed(form, person), **person}
        answers = {q.STAKEHOLDER: name, **_labelled(computed, lang)}
        uuid = person.get("_uuid", f"7d2a{number:04d}-5b6c-4e8f-9a0b-1c2d3e4f5a6b")
        meta: list[object] = [4120 + number, uuid, f"2026-11-2{number}T11:00:00", "", "[]"]
        meta += ["submitted_via_web", "", "vKq3xR7mT9", "[]", number]
        lines.append([answers.get(field, "") for _, field in fields] + meta)
    return lines


def kobo_xlsx(form: dict[str, list[list[str]]], people: Sequence[Answers], name: str) -> bytes:
    """KoboToolbox's XLSX export (XML values and headers, groups in headers)."""
    book = Workbook()
    for line in _kobo_rows(form, people, name, None):
        book.active.append(line)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _labelled(person: Answers, lang: str | None) -> dict[str, str]:
    """Closed answers as a labels export words them: `with language("es"): _(label)`."""
    lists = {"trust": q.TRUST_LABELS, "expectations": q.MET_LABELS, "place": ELEMENT_TITLES}
    lists[q.IMPROVED_COLUMN] = q.IMPROVED_LABELS
    found = {k: v for k, v in person.items() if not k.startswith("_")}
    if lang is None:
        return found
    with language(lang):
        for column, answer in found.items():
            kind = column if column in lists else column.partition("_")[0]
            if kind in lists:
                found[column] = _(lists[kind][answer])
    return found


def _import(cli: Cli, profile: Path, *args: Path | str, write: bool = True) -> Run:
    """`survey import PROFILE ARGS... --today ... [--write]`: files, and options if any."""
    more = ["--write"] if write else []
    return cli("survey", "import", str(profile), *(str(a) for a in args), *TODAY, *more)


def _save(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _errors(run: Run) -> list[str]:
    return [line for line in run.err.splitlines() if ": error: " in line]


WESTBAY_PEOPLE: list[dict[str, str]] = [
    {"rank_active_positive_impact": "1", "rank_privacy_security": "2",
     "trust_privacy_security": "low"},
    {"trust_privacy_security": "medium", "expectations_privacy_security": "partly"},
    {"rank_privacy_security": "1", "better_able_to_trust": "somewhat", "comment": "=1+1"},
]  # fmt: skip
KOBO_PEOPLE: list[dict[str, str]] = [
    {"rank_engagement_accountability": "1", "trust_privacy_security": "high",
     "expectations_privacy_security": "no", "better_able_to_trust": "no"},
    {"trust_ethics_transparency": "unsure", "concerns_ethics_transparency": "+cmd @SUM(A1)"},
]  # fmt: skip


def test_central_and_kobo_exports_import_into_one_profile(
    cli: Cli, tmp_path: Path, profile: Path
) -> None:
    """Done when: 3 respondents from ODK Central, 2 from KoboToolbox in Spanish, 5 in the report."""
    form = _form(profile, WESTBAY)
    odk = _save(tmp_path, "submissions.csv", central(form, WESTBAY_PEOPLE, WESTBAY))
    kb = _save(tmp_path, "kobo-es.csv", kobo(form, KOBO_PEOPLE, WESTBAY, "es"))
    run = _import(cli, profile, odk, kb)
    assert run.code == 0, run.err
    assert f"{WESTBAY}: 5 responses, 3 ranked the elements" in run.err
    assert "left out" not in run.err  # every column of both exports is known
    report = cli("assess", str(profile), *TODAY)
    assert run.code == 0 and "**5 responses** (3 ranked the elements)" in report.out
    text = profile.read_text("utf-8")
    assert "Bayside Community Health Alliance" in text and "trust_high: 1" in text


# --- the layouts each tool writes ------------------------------------------------------------


@pytest.mark.parametrize(
    "how",
    [(None, True, ";"), (None, False, ","), ("fr", False, ";"), ("en", True, ",")],
    ids=["xml-groups", "xml-names-comma", "labels-fr-no-groups", "labels-en-groups"],
)
def test_kobo_csv_exports_import_however_made(
    cli: Cli, tmp_path: Path, profile: Path, how: tuple[str | None, bool, str]
) -> None:
    """Kobo's export settings: XML values or labels (here in French and in English), groups in
    headers or not, `;` or `,`."""
    lang, groups, separator = how
    form = _form(profile, MAINTENANCE)
    data = kobo(form, KOBO_PEOPLE, MAINTENANCE, lang, groups=groups, separator=separator)
    run = _import(cli, profile, _save(tmp_path, "kobo.csv", data), write=False)
    assert run.code == 0, run.err
    assert f"{MAINTENANCE}: 2 responses, 1 ranked the elements" in run.err
    assert "+      trust_improved: no" in run.out


def test_central_export_without_group_paths_imports(
    cli: Cli, tmp_path: Path, profile: Path
) -> None:
    """ODK Central's "split select multiples / group paths" off: bare names, `instanceID`."""
    form = _form(profile, MAINTENANCE)
    data = central(form, WESTBAY_PEOPLE, MAINTENANCE).decode("utf-8")
    header, rest = data.split("\n", 1)
    bare = ",".join(name.rpartition("-")[2] for name in header.split(","))
    run = _import(cli, profile, _save(tmp_path, "s.csv", f"{bare}\n{rest}".encode()), write=False)
    assert run.code == 0, run.err
    assert f"{MAINTENANCE}: 3 responses, 2 ranked the elements" in run.err


def test_kobo_xlsx_export_imports(cli: Cli, tmp_path: Path, profile: Path) -> None:
    form = _form(profile, MAINTENANCE)
    path = _save(tmp_path, "kobo.xlsx", kobo_xlsx(form, KOBO_PEOPLE, MAINTENANCE))
    run = _import(cli, profile, path)
    assert run.code == 0, run.err
    assert f"{MAINTENANCE}: 2 responses" in run.err and "trust_high: 1" in profile.read_text()


def test_excel_resaved_central_export_with_a_bom_imports(
    cli: Cli, tmp_path: Path, profile: Path
) -> None:
    form = _form(profile, MAINTENANCE)
    data = central(form, WESTBAY_PEOPLE, MAINTENANCE).decode().replace("\n", "\r\n")
    path = _save(tmp_path, "s.csv", ("\ufeff" + data.replace(",", ";")).encode("utf-8"))
    run = _import(cli, profile, path, write=False)
    assert run.code == 0, run.err
    assert f"{MAINTENANCE}: 3 responses" in run.err


# --- duplicates, other forms, other versions -------------------------------------------------


def test_a_submission_exported_twice_counts_once_and_is_said(
    cli: Cli, tmp_path: Path, profile: Path
) -> None:
    form = _form(profile, MAINTENANCE)
    first = _save(tmp_path, "first.csv", central(form, WESTBAY_PEOPLE, MAINTENANCE))
    again = _save(tmp_path, "again.csv", central(form, WESTBAY_PEOPLE[:2], MAINTENANCE))
    twice = [dict(KOBO_PEOPLE[0], _uuid="same-1"), dict(KOBO_PEOPLE[1], _uuid="same-1")]
    kb = _save(tmp_path, "kobo.csv", kobo(form, twice, MAINTENANCE, None))
    run = _import(cli, profile, first, again, kb, write=False)
    assert run.code == 0, run.err
    assert f"{MAINTENANCE}: 4 responses" in run.err
    assert f"{again}: 2 duplicate submissions counted once" in run.err
    assert "rows 2, 3 left out" in run.err
    assert f"{kb}: 1 duplicate submission counted once" in run.err and "row 3 left out" in run.err


def test_a_row_from_another_groups_form_is_refused_naming_it(
    cli: Cli, tmp_path: Path, profile: Path
) -> None:
    before = profile.read_bytes()
    form = _form(profile, MAINTENANCE)
    data = central(form, WESTBAY_PEOPLE, MAINTENANCE).decode().replace(MAINTENANCE, WESTBAY)
    path = _save(tmp_path, "s.csv", data.encode())
    run = _import(cli, profile, path)
    assert run.code == 2 and profile.read_bytes() == before
    errors = _errors(run)
    assert len([e for e in errors if "survey_form: this row answers the form" in e]) == 3
    assert f"{path}:2:" in errors[0] and "'ids_readiness_westbay_tenant_network'" in errors[0]


def test_answers_to_an_earlier_version_of_the_form_are_refused(
    cli: Cli, tmp_path: Path, profile: Path
) -> None:
    form = _form(profile, MAINTENANCE)
    path = _save(tmp_path, "s.csv", central(form, WESTBAY_PEOPLE[:1], MAINTENANCE))
    text = profile.read_text("utf-8").replace("Two tenant seats", "Three tenant seats")
    profile.write_text(text, "utf-8")
    run = _import(cli, profile, path)
    assert run.code == 2 and profile.read_text("utf-8") == text
    errors = _errors(run)
    assert [e.split(": error: ")[1].split(":")[0] for e in errors] == [
        "survey_version",
        "FormVersion",
    ]
    assert all(f"{path}:2:" in e and "now makes version" in e for e in errors)


# --- hostile exports ---------------------------------------------------------------------------


def test_formula_looking_cells_are_refused_or_read_as_text(
    cli: Cli, tmp_path: Path, profile: Path
) -> None:
    before = profile.read_bytes()
    run = _import(cli, profile, DATA / "formulas.csv", "--comments")
    assert run.code == 2 and profile.read_bytes() == before
    errors = _errors(run)
    assert len(errors) == 3
    assert "formulas.csv:2:19: error: trust_privacy_security: '=1+1' is not an answer" in errors[0]
    assert (
        "formulas.csv:3:8: error: rank_legal_compliance: '+cmd|' /C calc'!A0' is not a place"
        in errors[1]
    )
    assert "formulas.csv:4:28: error: expectations_legal_compliance: '@SUM(A1:A9)'" in errors[2]


def test_mixed_delimiters_are_refused_one_line_per_row(
    cli: Cli, tmp_path: Path, profile: Path
) -> None:
    before = profile.read_bytes()
    run = _import(cli, profile, DATA / "mixed-delimiters.csv")
    assert run.code == 2 and profile.read_bytes() == before
    errors = _errors(run)
    assert len(errors) == 2 and all("stakeholder: no stakeholder" in e for e in errors)


def test_100000_rows_are_refused_quickly(cli: Cli, tmp_path: Path, profile: Path) -> None:
    rows = [row(MAINTENANCE, trust_privacy_security="high")] * 100_000
    path = _save(tmp_path, "big.csv", as_csv(rows, header=columns_needed()))
    started = time.process_time()  # CPU time: other work on the machine does not count
    by_size = _import(cli, profile, path)
    assert by_size.code == 2 and len(_errors(by_size)) == 1 and "MiB limit" in by_size.err
    by_rows = _import(cli, profile, path, "--max-bytes", str(64 << 20))
    assert by_rows.code == 2 and _errors(by_rows) == [
        f"{path}:10002:1: error: more than 10,000 rows: far more than one group's answers; "
        "import them in files of fewer rows"
    ]
    assert time.process_time() - started < 10


def test_a_100000_row_workbook_is_refused(cli: Cli, tmp_path: Path, profile: Path) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(columns_needed())
    for _number in range(100_000):
        sheet.append([MAINTENANCE])
    out = io.BytesIO()
    book.save(out)
    path = _save(tmp_path, "big.xlsx", out.getvalue())
    started = time.process_time()  # CPU time: other work on the machine does not count
    run = _import(cli, profile, path, "--max-bytes", str(64 << 20))
    assert run.code == 2 and [e.split(": error: ")[0] for e in _errors(run)] == [f"{path}:10002:1"]
    assert time.process_time() - started < 20


def test_a_workbook_with_formulas_is_refused_cell_by_cell(
    cli: Cli, tmp_path: Path, profile: Path
) -> None:
    form = _form(profile, MAINTENANCE)
    book = Workbook()
    lines = _kobo_rows(form, KOBO_PEOPLE, MAINTENANCE, None)
    for line in lines:
        book.active.append(line)
    header = [str(name) for name in lines[0]]
    trust = header.index("el_privacy_security/trust_privacy_security") + 1
    book.active.cell(row=2, column=trust, value='=IF(1,"high","low")')
    book.active.cell(row=3, column=1, value="=1/0")
    out = io.BytesIO()
    book.save(out)
    before = profile.read_bytes()
    run = _import(cli, profile, _save(tmp_path, "edited.xlsx", out.getvalue()))
    assert run.code == 2 and profile.read_bytes() == before
    errors = _errors(run)
    assert [e.split(": error: ")[0].rsplit(":", 2)[1:] for e in errors] == [
        ["2", str(trust)],
        ["3", "1"],
    ]
    assert all("a formula, not an answer" in e for e in errors)


def test_what_is_not_a_workbook_or_a_csv_is_refused_with_what_to_do(
    cli: Cli, tmp_path: Path, profile: Path
) -> None:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("ids_readiness_x.csv", "SubmissionDate\n")
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("xl/workbook.xml", "")
        zipped.writestr("xl/sharedStrings.xml", " " * (65 << 20))
    files = {
        "central.csv.zip": (archive.getvalue(), "unzip it and import the CSV file inside"),
        "bomb.xlsx": (bomb.getvalue(), "unpacks to 65 MiB, over the 64 MiB limit"),
        "old.xls": (b"\xd0\xcf\x11\xe0" + bytes(60), "an old Excel .xls workbook"),
        "broken.xlsx": (b"PK\x03\x04" + bytes(60), "not a readable .xlsx file"),
    }
    for name, (data, said) in files.items():
        run = _import(cli, profile, _save(tmp_path, name, data))
        assert run.code == 2 and len(_errors(run)) == 1, run.err
        assert said in run.err, name


def test_what_an_export_holds_is_printed_inert(cli: Cli, tmp_path: Path, profile: Path) -> None:
    form = _form(profile, MAINTENANCE)
    hostile = "\x1b]8;;http://x.test\x07Bayside\u202e"
    run = _import(cli, profile, _save(tmp_path, "x.csv", kobo(form, KOBO_PEOPLE, hostile, None)))
    assert run.code == 2 and len(_errors(run)) == 2
    assert "\x1b" not in run.err and "\u202e" not in run.err
    assert "\\x1b]8;;http://x.test\\x07Bayside\\u202e" in run.err


def columns_needed() -> list[str]:
    """The columns a file must have (the template's, less the optional ones)."""
    return [c for c in q.columns() if c not in q.OPTIONAL]


def test_a_group_named_with_quotes_and_a_reference_keeps_its_name(
    cli: Cli, tmp_path: Path, profile: Path
) -> None:
    """The form computes the group's name into each answer: an XPath literal no name can end,
    and no `${` pyxform would read as a reference."""
    name = 'O\'Brien "Tenants" ${place_1}'
    quoted = "'O''Brien \"Tenants\" ${place_1}'"
    profile.write_text(profile.read_text("utf-8").replace(MAINTENANCE, quoted), "utf-8")
    made = cli("survey", "make", str(profile), "--stakeholder", name, "--format", "xlsform",
               "-o", str(tmp_path / "form"))  # fmt: skip
    assert made.code == 0, made.err
    [workbook] = (tmp_path / "form").iterdir()
    xform = convert(workbook.read_bytes(), warnings=[], file_type=".xlsx").xform
    said = "concat('O', &quot;'&quot;, 'Brien &quot;Tenants&quot; ', '$', '{place_1}')"
    assert f'calculate="{said}"' in xform
    form = _form(profile, name)
    run = _import(cli, profile, _save(tmp_path, "s.csv", central(form, KOBO_PEOPLE, name)))
    assert run.code == 0, run.err
    assert f"{name}: 2 responses" in run.err
