"""The rule set cache: a hit is the rule set loading gives; a changed file, a damaged entry or a
rule set that does not load is never answered from it."""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from engine.errors import InputError
from engine.rules import conditions as c
from engine.rules.rule_loader import load_ruleset
from engine.rules.ruleset import RuleSet
from engine.rules.ruleset_cache import cached_ruleset
from engine.rules.ruleset_json import CorruptEntryError, dumps, loads
from tests.test_rule_loader import GOOD, make

TYPED = """\
- id: custom-late-start
  title: The engagement starts late and small
  area: resources.timeline
  severity: minor
  when:
    all:
      - {fact: profile.engagement_starts, op: gt, value: 2027-01-31}
      - {fact: resources.budget.translation.amount, op: lt, value: 2.5}
      - {fact: environment.mistrust.level, op: in, value: [medium, high]}
      - not: {fact: derived.stakeholders.any_first_time, op: eq, value: true}
  tip: Start sooner.
  cite: {source: nothing-to-hide, section: "C.1 §3"}
"""


@pytest.fixture
def home(cache_home: Path) -> Iterator[Path]:
    """An empty cache of this test's own; every lookup reads it afresh."""
    cached_ruleset.cache_clear()
    load_ruleset.cache_clear()
    yield cache_home
    cached_ruleset.cache_clear()
    load_ruleset.cache_clear()


def _fresh(directory: Path | None = None) -> RuleSet:
    """As a new process would get it: no rule set in memory, the cache as it is on disk."""
    cached_ruleset.cache_clear()
    load_ruleset.cache_clear()
    return cached_ruleset(directory)


def test_the_shipped_rule_set_comes_back_equal(home: Path) -> None:
    built = _fresh()
    assert [p.name.split("-")[0] for p in home.iterdir()] == ["ruleset"]
    hit = _fresh()
    assert hit == built
    assert all(rule.examples == () for rule in hit.rules)  # left out on purpose
    assert [rule.cite.model_fields_set for rule in hit.rules] == [
        rule.cite.model_fields_set for rule in built.rules
    ]
    assert {k: s.model_fields_set for k, s in hit.sources.items()} == {
        k: s.model_fields_set for k, s in built.sources.items()
    }


def test_typed_values_keep_their_types(home: Path, tmp_path: Path) -> None:
    folder = make(tmp_path, TYPED, "name: ours\nversion: '1'\nextends: core\n")
    built = _fresh(folder)
    hit = _fresh(folder)
    assert hit == built
    rule = next(r for r in hit.rules if r.id == "custom-late-start")
    values = [(type(t.value), t.value) for t in c.tests(rule.condition)]
    assert (dt.date, dt.date(2027, 1, 31)) in values
    assert (float, 2.5) in values
    assert (tuple, ("medium", "high")) in values
    assert (bool, True) in values


def test_a_changed_rule_file_is_loaded_again(home: Path, tmp_path: Path) -> None:
    folder = make(tmp_path, GOOD)
    assert "custom-mistrust" in {r.id for r in _fresh(folder).rules}
    (folder / "custom.yaml").write_text(GOOD.replace("custom-mistrust", "custom-distrust"))
    ids = {r.id for r in _fresh(folder).rules}
    assert "custom-distrust" in ids and "custom-mistrust" not in ids
    assert _fresh(folder) == load_ruleset(folder)


def test_a_new_rule_file_is_loaded_too(home: Path, tmp_path: Path) -> None:
    folder = make(tmp_path, GOOD)
    _fresh(folder)
    (folder / "more.yaml").write_text(TYPED, encoding="utf-8")
    assert "custom-late-start" in {r.id for r in _fresh(folder).rules}


def test_origins_follow_the_working_folder(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = make(tmp_path, GOOD)
    monkeypatch.chdir(tmp_path)
    here = _fresh(folder)
    monkeypatch.chdir(folder)
    there = _fresh(folder)
    assert there == load_ruleset(folder)
    assert {r.origin for r in here.rules} != {r.origin for r in there.rules}


def test_a_rule_set_that_does_not_load_is_never_cached(home: Path, tmp_path: Path) -> None:
    folder = make(tmp_path, GOOD.replace("environment.mistrust.level", "environment.nope"))
    for _ in range(2):
        with pytest.raises(InputError):
            _fresh(folder)
    assert not home.exists() or [p.name.split("-")[0] for p in home.iterdir()] == []


def test_a_damaged_entry_is_rebuilt(home: Path) -> None:
    built = _fresh()
    (entry,) = home.iterdir()
    good = entry.read_bytes()
    entry.write_bytes(good[:-10])
    assert _fresh() == built
    assert entry.read_bytes() == good


def _payload() -> dict[str, object]:
    loaded = json.loads(dumps(load_ruleset()))
    assert isinstance(loaded, dict)
    return loaded


def _mutations() -> Iterator[object]:
    """JSON shaped like an entry but wrong in one place each."""
    yield []
    yield {**_payload(), "extra": 1}
    yield {**_payload(), "name": 3}
    rules = _payload()["rules"]
    assert isinstance(rules, list)
    first = rules[0]
    for field, value in [
        ("condition", {"test": ["a", "eq"]}),
        ("condition", {"all": [], "any": []}),
        ("condition", {"maybe": []}),
        ("condition", {"test": ["a", "eq", {"date": "2027-02-30"}]}),
        ("condition", {"test": ["a", "eq", {"set": [1]}]}),
        ("cite", {"source": "x"}),
        ("completeness", 0),
        ("surfaces", "tip"),
    ]:
        yield {**_payload(), "rules": [{**first, field: value}]}
    yield {**_payload(), "sources": {"x": {"title": "t"}}}
    yield {
        **_payload(),
        "sources": {"x": {"title": "t", "publisher": "p", "year": True, "licence": "l"}},
    }
    yield {**_payload(), "areas": {"x": {"title": "t", "colour": "red"}}}


@pytest.mark.parametrize("data", list(_mutations()))
def test_a_wrong_entry_is_refused(data: object) -> None:
    with pytest.raises(CorruptEntryError):
        loads(json.dumps(data).encode())


@pytest.mark.parametrize("depth", [100, 100_000])
def test_nesting_deeper_than_any_rule_is_refused(depth: int) -> None:
    """Deeper than a rule file may nest, or deep enough to stop the JSON decoder: a miss."""
    rules = _payload()["rules"]
    assert isinstance(rules, list)
    text = json.dumps({**_payload(), "rules": [{**rules[0], "condition": "HOLE"}]})
    nested = '{"not": ' * depth + '{"test": ["a", "eq", 1]}' + "}" * depth
    with pytest.raises(CorruptEntryError):
        loads(text.replace('"HOLE"', nested).encode())


def test_damaged_bytes_never_raise_anything_else() -> None:
    good = dumps(load_ruleset())
    chooser = random.Random(16)
    for _ in range(300):
        damaged = bytearray(good)
        for _ in range(chooser.randint(1, 4)):
            damaged[chooser.randrange(len(damaged))] = chooser.randrange(256)
        try:
            loads(bytes(damaged))
        except CorruptEntryError:
            continue
