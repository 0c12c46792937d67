"""Compiled templates from the cache: the code of the source as it is now, or none at all."""

from __future__ import annotations

import marshal
import types
from pathlib import Path

import jinja2
import pytest

from engine.render.template_cache import TemplateCache
from engine.runtime import cache


def _render(source: str, label: str = "test") -> str:
    """A fresh environment (as a new process has) rendering `source` through the cache."""
    env = jinja2.Environment(
        loader=jinja2.DictLoader({"page.j2": source}), bytecode_cache=TemplateCache(label)
    )
    return env.get_template("page.j2").render(name="Bayside")


def test_a_second_environment_runs_the_cached_code(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _render("Hello {{ name }}!") == "Hello Bayside!"
    (entry,) = cache_home.iterdir()

    def no_compiling(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled although the cache holds the code")

    monkeypatch.setattr(jinja2.Environment, "compile", no_compiling)
    assert _render("Hello {{ name }}!") == "Hello Bayside!"
    assert [p.name for p in cache_home.iterdir()] == [entry.name]


def test_an_edited_template_is_compiled_again(cache_home: Path) -> None:
    assert _render("Hello {{ name }}!") == "Hello Bayside!"
    assert _render("Goodbye {{ name }}.") == "Goodbye Bayside."
    assert _render("Hello {{ name }}!") == "Hello Bayside!"


def test_environments_keep_their_own_entries(cache_home: Path) -> None:
    _render("Hello {{ name }}!", label="markdown")
    _render("Hello {{ name }}!", label="html")
    assert len(list(cache_home.iterdir())) == 2


@pytest.mark.parametrize(
    "payload",
    [
        b"",
        b"not marshal data",
        marshal.dumps("a string, not code"),
        marshal.dumps(compile("x = 1", "cut", "exec"))[:20],
    ],
)
def test_an_entry_that_is_not_code_is_compiled_anew(cache_home: Path, payload: bytes) -> None:
    _render("Hello {{ name }}!")
    (entry,) = cache_home.iterdir()
    key = entry.read_bytes()[len(cache.FRAME) :].split(b"\n", 1)[0].decode()
    entry.write_bytes(cache.frame(key, payload))  # a whole frame around a wrong payload
    assert _render("Hello {{ name }}!") == "Hello Bayside!"
    rewritten = cache.unframe(entry.read_bytes(), key)
    assert rewritten is not None
    assert isinstance(marshal.loads(rewritten), types.CodeType)
