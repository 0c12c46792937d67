"""The loader refuses every kind of bad YAML with one clear, positioned message per problem."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from engine.errors import InputError
from engine.profile.loader import Limits, load_file
from engine.profile.positions import Mapping, Scalar, Seq, to_data


def problems(path: Path, limits: Limits | None = None) -> list[tuple[int, int, str]]:
    with pytest.raises(InputError) as caught:
        load_file(path, limits=limits)
    return [(p.line, p.column, p.message) for p in caught.value.problems]


def test_scalars_stay_text_and_keep_positions(write: Callable[..., Path]) -> None:
    path = write("country: NO\nid: 0123\nversion: 1.10\nanswer: yes\nblank:\ntilde: ~\n")
    root = load_file(path)
    assert isinstance(root, Mapping)
    assert to_data(root) == {
        "country": "NO",
        "id": "0123",
        "version": "1.10",
        "answer": "yes",
        "blank": None,
        "tilde": None,
    }
    assert root.key_marks["id"].line == 2
    value = root.entries["id"]
    assert isinstance(value, Scalar)
    assert (value.mark.line, value.mark.column) == (2, 5)


def test_quoted_null_is_text(write: Callable[..., Path]) -> None:
    root = load_file(write("a: 'null'\nb: \"~\"\n"))
    assert to_data(root) == {"a": "null", "b": "~"}


def test_sequences_keep_item_positions(write: Callable[..., Path]) -> None:
    root = load_file(write("items:\n  - a\n  - b\n"))
    assert isinstance(root, Mapping)
    items = root.entries["items"]
    assert isinstance(items, Seq)
    assert [item.mark.line for item in items.items] == [2, 3]


def test_empty_file(write: Callable[..., Path]) -> None:
    assert problems(write("")) == [(1, 1, "the file is empty; start from `readiness init`")]


def test_comment_only_file_is_empty(write: Callable[..., Path]) -> None:
    assert problems(write("# nothing yet\n"))[0][2].startswith("the file is empty")


def test_malformed_yaml(write: Callable[..., Path]) -> None:
    [(line, column, message)] = problems(write("schema_version: 1\nobjectives: {a: [\n"))
    assert (line, column) == (3, 1)
    assert message.startswith("not valid YAML: ")


def test_tab_indentation(write: Callable[..., Path]) -> None:
    assert problems(write("a: 1\nb:\n\t- x\n")) == [
        (
            3,
            1,
            "this line is indented with a tab, but YAML needs spaces; indent it 2 spaces instead",
        )
    ]


def test_duplicate_keys_all_reported(write: Callable[..., Path]) -> None:
    path = write("a: 1\nb: 2\na: 3\nc:\n  d: 1\n  d: 2\n")
    assert problems(path) == [
        (3, 1, "duplicate key 'a' (first given on line 1)"),
        (6, 3, "duplicate key 'd' (first given on line 5)"),
    ]


def test_several_documents(write: Callable[..., Path]) -> None:
    assert problems(write("a: 1\n---\nb: 2\n")) == [
        (2, 1, "the file holds more than one YAML document; keep one profile per file")
    ]


@pytest.mark.parametrize(
    "tag",
    ["!!python/object/apply:os.system", "!!python/name:os.system", "!!binary", "!!set", "!custom"],
)
def test_unsafe_and_unknown_tags(write: Callable[..., Path], tag: str) -> None:
    [(line, column, message)] = problems(write(f"a: 1\nb: {tag} ['x']\n"))
    assert (line, column) == (2, 4)
    assert message.startswith("the tag ") and "is not allowed" in message


def test_plain_core_tags_are_fine(write: Callable[..., Path]) -> None:
    assert to_data(load_file(write("a: !!str 0123\nb: !!int 5\nc: !!null ''\n"))) == {
        "a": "0123",
        "b": "5",
        "c": None,
    }


def test_billion_laughs(write: Callable[..., Path]) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    [(line, _, message)] = problems(write("\n".join(lines) + "\n"))
    assert message.startswith("the document expands to more than 100000 values")
    assert line <= 10


def test_too_many_aliases(write: Callable[..., Path]) -> None:
    text = "a: &x 1\nb: [" + ", ".join(["*x"] * 300) + "]\n"
    [(_, _, message)] = problems(write(text))
    assert message == "more than 200 aliases (*name); refusing to expand them"


def test_recursive_alias_refused(write: Callable[..., Path]) -> None:
    [(line, column, message)] = problems(write("a: &x\n  b: *x\n"))
    assert (line, column) == (2, 6)
    assert message == "alias *x refers to no finished anchor &x above it"


def test_merge_keys_refused(write: Callable[..., Path]) -> None:
    [(line, _, message)] = problems(write("base: &b {x: 1}\nc:\n  <<: *b\n"))
    assert line == 3
    assert message.startswith("merge keys (<<) are not supported")


def test_deep_nesting(write: Callable[..., Path]) -> None:
    [(line, column, message)] = problems(write("[" * 20_000 + "]" * 20_000))
    assert (line, column) == (1, 65)
    assert message == "nesting is deeper than 64 levels; no profile needs that"


def test_block_nesting_within_limit_is_fine(write: Callable[..., Path]) -> None:
    text = "".join(f"{'  ' * i}k{i}:\n" for i in range(40)) + "  " * 40 + "v: 1\n"
    assert isinstance(load_file(write(text)), Mapping)


def test_file_over_size_limit_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as handle:  # sparse: 60 MB on paper, nothing on disk
        handle.truncate(60 * 1024 * 1024)
    assert problems(path) == [
        (
            1,
            1,
            "the file is 60.0 MiB, over the 1.0 MiB limit for a profile "
            "(raise it with --max-bytes if this is really a profile)",
        )
    ]


def test_size_limit_is_configurable(write: Callable[..., Path]) -> None:
    path = write("a: " + "x" * 2000 + "\n")
    assert problems(path, Limits(max_bytes=1000))[0][2].startswith("the file is 0.0 MiB")
    assert isinstance(load_file(path, limits=Limits(max_bytes=5000)), Mapping)


def test_random_binary(write: Callable[..., Path]) -> None:
    data = bytes([0xFF, 0xFE, 0x00]) + os.urandom(64)
    [(_, _, message)] = problems(write(b"a: 1\n" + data[1:]))
    assert "not valid UTF-8" in message or "NUL byte" in message


def test_invalid_utf8_position(write: Callable[..., Path]) -> None:
    assert problems(write(b"a: 1\nb: caf\xe9\n")) == [
        (2, 7, "byte 0xe9 is not valid UTF-8; save the file as UTF-8 text")
    ]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_utf16_and_utf32(write: Callable[..., Path], encoding: str) -> None:
    name = encoding.upper().replace("-", "-")
    assert problems(write("a: 1\n".encode(encoding))) == [
        (1, 1, f"the file is encoded as {name}; save it as UTF-8")
    ]


def test_utf16_without_bom(write: Callable[..., Path]) -> None:
    [(_, _, message)] = problems(write("a: 1\n".encode("utf-16-le")))
    assert "NUL byte" in message


def test_utf8_bom_is_accepted(write: Callable[..., Path]) -> None:
    assert to_data(load_file(write(b"\xef\xbb\xbfa: 1\n"))) == {"a": "1"}


def test_missing_file(tmp_path: Path) -> None:
    assert problems(tmp_path / "nope.yaml") == [(1, 1, "no such file")]


def test_non_text_keys(write: Callable[..., Path]) -> None:
    [(line, _, message)] = problems(write("? [a, b]\n: 1\n"))
    assert (line, message) == (1, "a key must be plain text")
