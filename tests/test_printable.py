"""One rule makes every printed text inert; these tests hold it to the Unicode database."""

from __future__ import annotations

import sys
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from engine.printable import inert_lines, is_inert, one_line, visible

ACTING = {"Cc", "Cf", "Zl", "Zp", "Cs"}


def test_every_control_format_separator_and_surrogate_is_escaped() -> None:
    missed = [
        f"U+{code:04X}"
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) in ACTING and is_inert(chr(code))
    ]
    assert missed == []


def test_letters_marks_and_spaces_are_left_alone() -> None:
    text = "Bayside café, 東京, ñandú, naïve — 50% «ok» 😀 a\u0301"
    assert one_line(text) == text


def test_escapes_are_visible_and_on_one_line() -> None:
    assert one_line("a\nb\x1b[31mc\u202ed\u2028e\x85f\U000e0041") == (
        "a\\x0ab\\x1b[31mc\\u202ed\\u2028e\\x85f\\U000e0041"
    )


def test_a_line_cannot_become_a_workflow_command() -> None:
    assert one_line("::add-mask::secret") == "\\::add-mask::secret"
    assert one_line("  ::error file=x::boom") == "\\  ::error file=x::boom"
    assert one_line("x\n::error::boom").count("\n") == 0


def test_inert_lines_keeps_newlines_and_guards_each_line() -> None:
    assert inert_lines("one\n::warning::two\n\x1b]8;;http://x\x07") == (
        "one\n\\::warning::two\n\\x1b]8;;http://x\\x07"
    )
    assert inert_lines("plain\ntext\n") == "plain\ntext\n"


def test_visible_names_compare_as_a_reader_sees_them() -> None:
    assert visible("Parents\u200b  Council") == visible("Parents Council")
    assert visible("\uff30arents") == "Parents"
    assert visible("\u200b\u2060 \ufeff") == ""


@given(st.text())
def test_one_line_output_is_always_inert_and_single_line(text: str) -> None:
    shown = one_line(text)
    assert is_inert(shown)
    assert "\n" not in shown
    assert not shown.lstrip().startswith("::")
    shown.encode("utf-8")  # no lone surrogate survives, so printing cannot fail
