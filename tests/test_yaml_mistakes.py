"""A beginner's YAML mistake is told in plain words, at its line, with what to type instead.

`tests/yaml_mistakes/` holds example profiles with one mistake each (`NN-name.yaml`, a copy of
`profiles/county-ready.yaml` or `profiles/trust-misalignment.yaml`), and beside each the exact
lines `readiness validate` must print for it (`NN-name.expected`), written before the code that
prints them. A new case needs no registering: drop the pair in the folder.

A tab hides nothing: it is reported on its own line and the file is read as if it held spaces, so
every other problem (schema errors too) comes out in the same run.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

from engine.errors import InputError
from engine.profile import loader
from engine.profile.loader import PurePythonParser, load_file, load_tolerant
from engine.profile.positions import Mapping, Node, Scalar, Seq, to_data
from tests.conftest import PROFILES, Run

CASES_DIR = Path(__file__).parent / "yaml_mistakes"
CASES = sorted(CASES_DIR.glob("*.yaml"))


def _parsers() -> Iterator[object]:
    libyaml = getattr(getattr(yaml, "_yaml", None), "CParser", None)
    if libyaml is not None:
        yield pytest.param(libyaml, id="libyaml")
    yield pytest.param(PurePythonParser, id="pure-python")


@pytest.fixture(params=list(_parsers()))
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> object:
    """Each parser PyYAML may bring: the messages must not depend on which one is installed."""
    monkeypatch.setattr(loader, "_Parser", request.param)
    return request.param


def test_the_folder_holds_enough_cases_each_with_its_expected_lines() -> None:
    assert len(CASES) >= 30
    assert [c for c in CASES if not c.with_suffix(".expected").is_file()] == []


@pytest.mark.usefixtures("parser")
@pytest.mark.parametrize("case", CASES, ids=lambda path: path.stem)
def test_each_mistake_gets_its_message(
    case: Path, cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(CASES_DIR)  # messages name the file as given: its bare name
    run = cli("validate", "--quiet", case.name)
    assert run.err == case.with_suffix(".expected").read_text("utf-8")
    assert (run.code, run.out) == (2, "")


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))}


def test_every_case_exits_2_and_nothing_is_written(
    cli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cases"
    shutil.copytree(CASES_DIR, folder)
    before = _snapshot(folder)
    monkeypatch.chdir(tmp_path)
    run = cli("validate", "cases")
    assert run.code == 2
    assert run.err.endswith(f"readiness: {len(CASES)} profiles checked, {len(CASES)} invalid\n")
    assessed = cli("assess", "cases/30-two-tabs.yaml", "-o", "reports/")
    assert assessed.code == 2
    assert "30-two-tabs.yaml:139:1: error: this line is indented with tabs" in assessed.err
    assert _snapshot(folder) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cases"]


def test_a_tab_and_three_schema_errors_are_all_four_reported(
    cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(CASES_DIR)
    run = cli("validate", "--quiet", "33-tab-and-three-schema-errors.yaml")
    lines = run.err.splitlines()
    assert [line.split(":")[1] for line in lines] == ["21", "63", "148", "296"]
    assert "indented with a tab" in lines[0]


def _marks(node: Node) -> Iterator[tuple[int, int]]:
    """Every position in a tree, keys included, in document order."""
    yield node.mark.line, node.mark.column
    if isinstance(node, Mapping):
        for key, value in node.entries.items():
            yield node.key_marks[key].line, node.key_marks[key].column
            yield from _marks(value)
    elif isinstance(node, Seq):
        for item in node.items:
            yield from _marks(item)


@pytest.mark.usefixtures("parser")
@pytest.mark.parametrize(
    ("case", "original"),
    [
        ("27-tab-section-key", "county-ready"),
        ("28-tab-in-list-item", "county-ready"),
        ("29-tab-after-dash", "county-ready"),
        ("30-two-tabs", "county-ready"),
        ("31-tab-lines-up-with-line-above", "trust-misalignment"),
    ],
)
def test_a_tab_is_read_as_the_spaces_it_stands_for(case: str, original: str) -> None:
    """The tree is the one the planner meant, and its columns count the tab as one character
    (as editors do), so later messages on that line point where the planner looks."""
    read = load_tolerant(CASES_DIR / f"{case}.yaml")
    meant = load_file(PROFILES / f"{original}.yaml")
    assert to_data(read.root) == to_data(meant)
    lines = (CASES_DIR / f"{case}.yaml").read_text("utf-8").splitlines()
    tab_lines = {p.line for p in read.problems}
    for line, column in _marks(read.root):
        if line in tab_lines:
            assert lines[line - 1][column - 1] not in " \t"


def test_a_tab_outside_the_indentation_keeps_the_parsers_verdict(
    write: Callable[..., Path],
) -> None:
    """Only indentation is rewritten: a tab inside a block of text is the planner's text."""
    path = write("a: >-\n    text\n    \tmore\nb: 1\n")
    read = load_tolerant(path)
    assert read.problems == []
    assert to_data(read.root) == {"a": "text\n\tmore", "b": "1"}


def test_a_comment_after_an_answer_is_still_a_comment(write: Callable[..., Path]) -> None:
    """` # ` followed by a space is a comment, as YAML and every example profile mean it."""
    root = load_file(write("level: low  # to confirm with the board\nids: [a, b] #x\n"))
    assert to_data(root) == {"level": "low", "ids": ["a", "b"]}


def test_text_not_looking_like_a_key_is_not_taken_for_a_missing_space(
    write: Callable[..., Path],
) -> None:
    """A colon without a space inside ordinary text (a time, a web address) is valid YAML."""
    root = load_file(write("notes: meets at 18:30, see https://example.org\n"))
    assert isinstance(root, Mapping)
    value = root.entries["notes"]
    assert isinstance(value, Scalar)
    assert value.value == "meets at 18:30, see https://example.org"


def test_load_file_still_refuses_a_tab(write: Callable[..., Path]) -> None:
    """Callers that only read (the rule loader, the web form) keep getting every problem raised."""
    with pytest.raises(InputError) as caught:
        load_file(write("a: 1\nb:\n\t- x\n\t- y\n"))
    assert [(p.line, p.column) for p in caught.value.problems] == [(3, 1), (4, 1)]


def test_a_long_item_folded_by_a_yaml_writer_is_no_mistake(write: Callable[..., Path]) -> None:
    """PyYAML folds long answers onto lines that line up with their text, some starting `- `."""
    item = "w" * 79 + " - tail words here"
    text = yaml.safe_dump({"l": [item]})
    assert "\n  - tail" in text
    assert to_data(load_file(write(text))) == {"l": [item]}


def test_a_tab_and_more_problems_than_are_listed_are_all_counted(
    cli: Callable[..., Run], write: Callable[..., Path]
) -> None:
    unknown = "".join(f"unknown_{i}: 1\n" for i in range(60))
    path = write(f"schema_version: 1\nprofile:\n\tname: x\n{unknown}")
    run = cli("validate", "--quiet", str(path))
    lines = run.err.splitlines()
    assert lines[0] == f"{path}: error: 61 problems in all; the first 50 follow, fix them and rerun"
    assert lines[1].startswith(f"{path}:3:1: error: this line is indented with a tab")
    assert len(lines) == 51
