"""The nesting limit is ours, whatever parser PyYAML brings.

PyYAML 6.0.4's libyaml stops at 1,000 nesting levels while it scans ahead, before our composer
sees the collections; older builds and the pure-Python parser have no limit at all. These tests
run the loader on each kind of parser, including simulated ones with a limit of their own, and
assert our message at the position of the first level past ours.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
import yaml
from yaml.scanner import ScannerError

from engine.errors import InputError
from engine.profile import loader
from engine.profile.loader import Limits, PurePythonParser, parse_text
from engine.profile.positions import Mapping

TOO_DEEP = "nesting is deeper than 64 levels; no profile needs that"


def limited_parser(levels: int) -> type[PurePythonParser]:
    """A parser that refuses nesting past `levels` while scanning, as libyaml 0.2.5 builds do."""

    class Limited(PurePythonParser):
        def fetch_flow_collection_start(self, token_class: type) -> None:
            if self.flow_level >= levels:
                self._refuse("flow")
            super().fetch_flow_collection_start(token_class)

        def add_indent(self, column: int) -> bool:
            if len(self.indents) >= levels:
                self._refuse("block")
            return bool(super().add_indent(column))

        def _refuse(self, kind: str) -> None:
            mark = self.get_mark()
            context = f"while increasing {kind} level"
            raise ScannerError(context, mark, "exceeded maximum nesting depth", mark)

    return Limited


def _parsers() -> Iterator[object]:
    libyaml = getattr(getattr(yaml, "_yaml", None), "CParser", None)
    if libyaml is not None:
        yield pytest.param(libyaml, id="installed-libyaml")
    yield pytest.param(PurePythonParser, id="pure-python")
    yield pytest.param(limited_parser(1000), id="lookahead-limit-1000")
    yield pytest.param(limited_parser(100), id="lookahead-limit-100")


@pytest.fixture(params=list(_parsers()))
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> object:
    monkeypatch.setattr(loader, "_Parser", request.param)
    return request.param


def refusal(text: str) -> tuple[int, int, str]:
    with pytest.raises(InputError) as caught:
        parse_text(text, "p.yaml")
    [problem] = caught.value.problems
    return problem.line, problem.column, problem.message


CASES: list[tuple[str, str, tuple[int, int]]] = [
    ("flow-sequences", "[" * 20_000 + "]" * 20_000, (1, 65)),
    ("flow-mappings", "{a: " * 2_000 + "1" + "}" * 2_000, (1, 4 * 64 + 1)),
    ("flow-under-block-key", "a:\n  b: " + "[" * 5_000, (2, 6 + 62)),
    ("flow-after-items", "k: [x, 'y]]', \"z[\", # [\n " + "[" * 3_000, (2, 64)),
    ("after-wide-characters", "t: 'é😀é'\nu: [x, " + "[" * 3_000, (2, 8 + 62)),
    ("block-sequences", "- " * 3_000 + "x", (1, 2 * 64 + 1)),
    ("block-mappings", "".join(f"{' ' * i}k{i}:\n" for i in range(3_000)), (65, 65)),
]


@pytest.mark.usefixtures("parser")
@pytest.mark.parametrize(("text", "where"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_nesting_past_our_limit_gets_our_message_and_position(
    text: str, where: tuple[int, int]
) -> None:
    assert refusal(text) == (*where, TOO_DEEP)


@pytest.mark.usefixtures("parser")
@pytest.mark.parametrize("opener", ["[", "{a: "])
def test_nesting_at_our_limit_loads(opener: str) -> None:
    closer = "]" if opener == "[" else "}"
    assert parse_text(f"top: {opener * 63}x{closer * 63}\n", "p.yaml") is not None


@pytest.mark.usefixtures("parser")
def test_one_level_past_our_limit_is_refused_at_that_level() -> None:
    assert refusal("top: " + "[" * 64 + "x" + "]" * 64) == (1, 6 + 63, TOO_DEEP)


def test_a_parser_limit_below_ours_is_reported_as_the_parser_said(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """We never claim our limit was passed when it was not."""
    monkeypatch.setattr(loader, "_Parser", limited_parser(30))
    line, column, message = refusal("[" * 40 + "]" * 40)
    assert (line, column) == (1, 31)
    assert message.startswith("not valid YAML: exceeded maximum nesting depth")


@pytest.mark.usefixtures("parser")
def test_a_lower_limit_of_our_own_is_honoured() -> None:
    with pytest.raises(InputError) as caught:
        parse_text("a: " + "[" * 50, "p.yaml", Limits(max_depth=8))
    [problem] = caught.value.problems
    assert (problem.line, problem.column) == (1, 4 + 7)
    assert problem.message == "nesting is deeper than 8 levels; no profile needs that"


@pytest.mark.usefixtures("parser")
def test_ordinary_syntax_errors_are_not_mistaken_for_nesting() -> None:
    line, _, message = refusal("a: [b, c\nd: e\n")
    assert "nesting" not in message
    assert (line, message.startswith("this list opens with `[` but is never closed")) == (1, True)
    line, _, message = refusal("a: [b,\n  c\nd: e\n")  # goes on below: the parser's words
    assert "nesting" not in message and message.startswith("not valid YAML")


def test_the_installed_parser_is_one_of_those_tested() -> None:
    parsers: Callable[..., object] = loader._Parser
    assert parsers in {p.values[0] for p in _parsers()}  # type: ignore[attr-defined]
    assert isinstance(parse_text("a: [1]\n", "p.yaml"), Mapping)
    assert issubclass(yaml.MarkedYAMLError, yaml.YAMLError)
