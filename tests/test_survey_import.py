"""`readiness survey import` on the files people actually send, and on broken ones.

Spreadsheets write a byte order mark, `;` where the comma is a decimal mark, quotes doubled and
line breaks inside cells, columns of their own; people mistype a column, a place, an answer, a
stakeholder. Every broken cell is one `file:row:column` line, all of them at once, exit 2, and
the profile is left byte for byte as it was.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from engine.survey.aggregate import borda, consensus, lower_median
from engine.survey.importing import ChangedMeanwhileError, write_profile
from engine.survey.questions import columns
from engine.survey.table import parse_table
from tests.conftest import PROFILES, Run
from tests.survey_support import MAINTENANCE, WESTBAY, as_csv, row

Cli = Callable[..., Run]
TODAY = ("--today", "2026-11-23")


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    target = tmp_path / "trust-misalignment.yaml"
    shutil.copy(PROFILES / "trust-misalignment.yaml", target)
    return target


def _file(tmp_path: Path, data: bytes, name: str = "answers.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _three() -> list[dict[str, str]]:
    return [
        row(WESTBAY, rank_privacy_security=1, trust_privacy_security="high"),
        row(
            WESTBAY, rank_privacy_security=2, rank_legal_compliance=1, trust_privacy_security="low"
        ),
        row(WESTBAY, trust_privacy_security="medium", expectations_privacy_security="no"),
    ]


def _lines(run: Run) -> list[str]:
    return [line for line in run.err.splitlines() if ": error: " in line]


# --- what spreadsheets write is read -------------------------------------------------------


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"bom": True},
        {"separator": ";"},
        {"separator": ";", "bom": True, "quote_all": True},
        {"separator": "\t", "encoding": "utf-16"},
    ],
    ids=["plain", "bom", "semicolon", "excel-europe", "utf16-tab"],
)
def test_what_spreadsheets_write_is_read(options: dict[str, object]) -> None:
    table = parse_table(as_csv(_three(), **options), "a.csv")  # type: ignore[arg-type]
    assert [r.cell("trust_privacy_security")[0] for r in table.rows] == ["high", "low", "medium"]
    assert [r.number for r in table.rows] == [2, 3, 4]


def test_excel_quoting_keeps_quotes_commas_and_line_breaks() -> None:
    said = 'The "secure enclave";, is it?\r\nSecond line'
    data = as_csv([row(WESTBAY, concerns_privacy_security=said, trust_privacy_security="low")])
    assert b'"The ""secure enclave"";, is it?' in data
    [parsed] = parse_table(data, "a.csv").rows
    assert parsed.cell("concerns_privacy_security")[0] == said


def test_foreign_columns_and_blank_rows_are_left_out_and_said(
    cli: Cli, profile: Path, tmp_path: Path
) -> None:
    header = ["Timestamp", "Email", *columns()]
    people = [{"Timestamp": "2026-11-20 10:00", "Email": "a@example.org", **_three()[0]}, {}]
    answers = _file(tmp_path, as_csv(people, header=header))
    run = cli("survey", "import", str(profile), str(answers), *TODAY)
    assert run.code == 0, run.err
    assert "columns not in the survey, left out: timestamp, email" in run.err
    assert "a@example.org" not in run.out


def test_optional_columns_may_be_missing(cli: Cli, profile: Path, tmp_path: Path) -> None:
    header = [c for c in columns() if not c.startswith(("concerns_", "comment", "respondent"))]
    answers = _file(tmp_path, as_csv(_three(), header=header))
    assert cli("survey", "import", str(profile), str(answers), *TODAY).code == 0


# --- broken files: every problem at once, nothing written ----------------------------------


def test_every_problem_of_every_file_at_once_and_nothing_written(
    cli: Cli, profile: Path, tmp_path: Path
) -> None:
    before = profile.read_bytes()
    first = _file(
        tmp_path,
        as_csv(
            [
                row(WESTBAY, rank_privacy_security=11, rank_legal_compliance=0),
                row(WESTBAY, rank_privacy_security=1, rank_legal_compliance=1),
                row(WESTBAY, rank_privacy_security=1, rank_legal_compliance=3),
                row(WESTBAY, rank_quality_accuracy="1.5", trust_privacy_security="hihg"),
                row("Westbay Tenants Network", better_able_to_trust="maybe"),
                row("", trust_privacy_security="low"),
            ]
        ),
        "first.csv",
    )
    header = [c if c != "trust_legal_compliance" else "trust_legal_complaince" for c in columns()]
    second = _file(tmp_path, as_csv(_three(), header=header[:-3], separator=";"), "second.csv")
    run = cli("survey", "import", str(profile), str(first), str(second), "--write", *TODAY)
    assert run.code == 2
    assert profile.read_bytes() == before
    found = _lines(run)
    wanted = [
        rf"first\.csv:2:{_col('rank_privacy_security')}: error: rank_privacy_security: '11' is "
        "not a place from 1 to 10",
        rf"first\.csv:2:{_col('rank_legal_compliance')}: .*'0' is not a place from 1 to 10",
        rf"first\.csv:3:{_col('rank_privacy_security')}: .*place 1 is also given to "
        "rank_legal_compliance; give each once",
        rf"first\.csv:4:{_col('rank_legal_compliance')}: .*the places given \(1, 3\) skip 2",
        rf"first\.csv:5:{_col('rank_quality_accuracy')}: .*'1\.5' is not a place",
        rf"first\.csv:5:{_col('trust_privacy_security')}: .*'hihg' is not an answer; use one of: "
        r"none, low, medium, high, unsure \(did you mean 'high'\?\)",
        rf"first\.csv:6:{_col('better_able_to_trust')}: .*'maybe' .*did you mean 'unsure'",
        r"first\.csv:6:1: error: stakeholder: no stakeholder 'Westbay Tenants Network' in the "
        r"profile .*\(did you mean 'Westbay Tenant Network'\?\)",
        r"first\.csv:7:1: error: stakeholder: blank; every row must name the stakeholder",
        rf"second\.csv:1:{_col('trust_legal_compliance')}: error: 'trust_legal_complaince' is not "
        r"a column of the survey \(did you mean 'trust_legal_compliance'\?\)",
        r"second\.csv:1:\d+: error: column 'trust_legal_compliance' is missing",
    ]
    for pattern in wanted:
        assert any(re.search(pattern, line) for line in found), (pattern, found)
    assert len(found) == len(wanted)
    assert "nothing imported" in run.err


def _col(name: str) -> int:
    return columns().index(name) + 1


def test_a_value_beyond_the_header(cli: Cli, profile: Path, tmp_path: Path) -> None:
    data = as_csv(_three()) + f"{WESTBAY}{',' * len(columns())}extra\r\n".encode()
    run = cli("survey", "import", str(profile), str(_file(tmp_path, data)), *TODAY)
    assert run.code == 2
    [line] = _lines(run)
    assert f"answers.csv:5:{len(columns()) + 1}: error: a value beyond the header's" in line


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xff\xfen", "answers.csv:1:1: error: not valid UTF-16 text"),
        (b"stakeholder,\xe9t\xe9\n", "answers.csv:1:13: error: byte 0xe9 is not valid UTF-8"),
        (as_csv([]) + b'"unclosed\n', "answers.csv:2:1: error: not readable as CSV"),
        (b"a\x00b\n", "answers.csv:1:1: error: the file holds NUL bytes"),
    ],
    ids=["bad-utf16", "latin1", "bad-quotes", "binary"],
)
def test_unreadable_files_are_one_line_each(data: bytes, message: str) -> None:
    [problem] = parse_table(data, "answers.csv").problems
    assert str(problem).startswith(message), problem


def test_a_header_only_file_has_no_answers(cli: Cli, profile: Path, tmp_path: Path) -> None:
    run = cli("survey", "import", str(profile), str(_file(tmp_path, as_csv([]))), *TODAY)
    assert run.code == 2
    assert "answers.csv: error: holds no answers, only a header" in run.err


def test_the_same_file_twice_counts_once_only_if_said(
    cli: Cli, profile: Path, tmp_path: Path
) -> None:
    answers = _file(tmp_path, as_csv(_three()))
    run = cli("survey", "import", str(profile), str(answers), str(answers), *TODAY)
    assert run.code == 2
    assert "given twice; each file counts once" in run.err


def test_a_huge_file_is_refused_before_it_is_read(cli: Cli, profile: Path, tmp_path: Path) -> None:
    answers = _file(tmp_path, as_csv(_three()) + b"x" * (1 << 20))
    run = cli("survey", "import", str(profile), str(answers), *TODAY)
    assert run.code == 2
    assert "over the 1.0 MiB limit for survey answers" in run.err


# --- the change, and writing it ------------------------------------------------------------


def test_the_change_is_a_diff_and_only_write_writes(
    cli: Cli, profile: Path, tmp_path: Path
) -> None:
    before = profile.read_text("utf-8")
    answers = _file(tmp_path, as_csv(_three()))
    shown = cli("survey", "import", str(profile), str(answers), *TODAY)
    assert shown.code == 0 and profile.read_text("utf-8") == before
    assert shown.out.startswith(f"--- {profile}\n+++ {profile} (with the survey's answers)\n")
    assert "+      survey:\n+        responses: 3\n" in shown.out
    assert "nothing written; add --write" in shown.err
    assert "Westbay Tenant Network: 3 responses, 2 ranked the elements" in shown.err
    written = cli("survey", "import", str(profile), str(answers), "--write", *TODAY)
    assert written.code == 0 and written.out == shown.out
    after = profile.read_text("utf-8")
    # The planner's comments and key order survive; only the surveyed answers change.
    kept = [line for line in before.splitlines() if line.lstrip().startswith("#")]
    assert [line for line in after.splitlines() if line.lstrip().startswith("#")] == kept
    again = cli("survey", "import", str(profile), str(answers), "--write", *TODAY)
    assert again.out == "" and "already holds these answers" in again.err
    assert cli("validate", str(profile)).code == 0


def test_a_profile_changed_meanwhile_is_not_overwritten(tmp_path: Path) -> None:
    target = tmp_path / "p.yaml"
    target.write_text("schema_version: 1\n", "utf-8")
    target.write_text("schema_version: 1\n# someone's edit\n", "utf-8")
    with pytest.raises(ChangedMeanwhileError):
        write_profile(target, "schema_version: 1\n", "schema_version: 1\ntrust:\n")
    assert target.read_text("utf-8") == "schema_version: 1\n# someone's edit\n"


def test_respondents_are_kept_only_when_asked(cli: Cli, profile: Path, tmp_path: Path) -> None:
    people = [
        dict(person, stakeholder=MAINTENANCE, respondent=f"Worker {n}")
        for n, person in enumerate(_three())
    ]
    answers = _file(tmp_path, as_csv(people))
    plain = cli("survey", "import", str(profile), str(answers), *TODAY)
    assert "Worker" not in plain.out
    kept = cli("survey", "import", str(profile), str(answers), "--keep-respondents", *TODAY)
    assert "respondents: [Worker 0, Worker 1, Worker 2]" in kept.out


def test_no_name_is_kept_for_a_group_at_risk_if_identified(
    cli: Cli, profile: Path, tmp_path: Path
) -> None:
    """Westbay's tenants could be harmed if identified (2.8b: yes): names are never kept."""
    people = [dict(person, respondent=f"Resident {n}") for n, person in enumerate(_three())]
    answers = _file(tmp_path, as_csv(people))
    before = profile.read_bytes()
    kept = cli("survey", "import", str(profile), str(answers), "--keep-respondents", "--write")
    assert kept.code == 2
    assert "--keep-respondents: 'Westbay Tenant Network' could be harmed if its members" in kept.err
    assert profile.read_bytes() == before
    plain = cli("survey", "import", str(profile), str(answers), "--write", *TODAY)
    assert plain.code == 0, plain.err
    assert "Resident" not in profile.read_text("utf-8") and "respondents" not in plain.out


def test_free_text_is_shown_on_request_and_never_written(
    cli: Cli, profile: Path, tmp_path: Path
) -> None:
    people = _three()
    people[0]["concerns_privacy_security"] = '\'=HYPERLINK("x")'  # as the page saves it
    people[1]["comment"] = "Ask the night shift too."
    answers = _file(tmp_path, as_csv(people))
    run = cli("survey", "import", str(profile), str(answers), "--comments", "--write", *TODAY)
    assert '- Westbay Tenant Network, Privacy and security: =HYPERLINK("x")' in run.out
    assert "- Westbay Tenant Network, Overall: Ask the night shift too." in run.out
    text = profile.read_text("utf-8")
    assert "HYPERLINK" not in text and "night shift" not in text
    assert "concerns: 1" in text


def test_a_stakeholder_without_a_relationship_gets_one(tmp_path: Path, cli: Cli) -> None:
    target = tmp_path / "p.yaml"
    target.write_text(
        "schema_version: 1\n# Groups we plan to engage.\nenvironment:\n  stakeholders:\n"
        "    - name: Parents\n",
        "utf-8",
    )
    answers = _file(tmp_path, as_csv([row("Parents", trust_legal_compliance="high")]))
    run = cli("survey", "import", str(target), str(answers), "--write", *TODAY)
    assert run.code == 0, run.err
    text = target.read_text("utf-8")
    assert "# Groups we plan to engage.\n" in text
    assert "trust:\n  relationships:\n    - stakeholder: Parents\n      channel: survey\n" in text


def test_an_unanswered_question_is_blank_never_no(cli: Cli, profile: Path, tmp_path: Path) -> None:
    """The maintenance staff answered expectations before; a survey that does not ask them
    leaves them blank (unanswered), and no rule reads a blank as 'no'."""
    answers = _file(tmp_path, as_csv([row(MAINTENANCE, trust_quality_accuracy="high")]))
    cli("survey", "import", str(profile), str(answers), "--write", *TODAY)
    text = profile.read_text("utf-8")
    assert "expectations_met: no" not in text.rsplit(MAINTENANCE, 1)[1]
    report = cli("assess", str(profile), *TODAY)
    assert "Survey: **1 response**" in report.out


def test_determinism_the_same_answers_give_the_same_bytes(
    cli: Cli, profile: Path, tmp_path: Path
) -> None:
    answers = _file(tmp_path, as_csv(_three()))
    first = cli("survey", "import", str(profile), str(answers), *TODAY)
    second = cli("survey", "import", str(profile), str(answers), *TODAY)
    assert first.out == second.out and first.err == second.err


# --- the aggregation rule, on hand-worked cases ---------------------------------------------


def test_lower_median_never_claims_more_trust_than_half_gave() -> None:
    order = ("none", "low", "medium", "high")
    assert lower_median(["high", "low"], order) == "low"
    assert lower_median(["high", "high", "low"], order) == "high"
    assert lower_median(["high", "medium", "low", "none"], order) == "low"
    assert lower_median(["unsure", "high"], order) == "high"
    assert lower_median(["unsure"], order) == "unsure"
    assert lower_median([], order) is None


def test_borda_gives_the_unranked_the_places_left_and_keeps_ties() -> None:
    points = borda([["privacy_security", "legal_compliance", "quality_accuracy"]])
    assert points["privacy_security"] == 9 and points["quality_accuracy"] == 7
    assert points["skills_knowledge"] == 3  # (10 - 3 - 1) / 2: the mean of places 4 to 10
    assert sum(points.values()) == 45
    tied = borda(
        [["privacy_security", "legal_compliance"], ["legal_compliance", "privacy_security"]]
    )
    assert tied["privacy_security"] == tied["legal_compliance"] == 17
    assert consensus(tied)[:2] == ["legal_compliance", "privacy_security"]  # schema order
