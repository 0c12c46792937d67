"""The rule set cache: a hit is the rule set loading gives; a changed file, a damaged entry or a
rule set that does not load is never answered from it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest

from engine.errors import InputError
from engine.rules import conditions as c
from engine.rules.digest import combined, file_digests
from engine.rules.rule_loader import default_rules_dir, load_ruleset
from engine.rules.ruleset import RuleSet
from engine.rules.ruleset_cache import cached_ruleset
from engine.runtime.cache import FRAME, frame
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


def _entries(home: Path) -> list[Path]:
    """The rule set entries (loading validates profiles, which caches validators too)."""
    return sorted(home.glob("ruleset-*")) if home.is_dir() else []


def test_the_shipped_rule_set_comes_back_equal(home: Path) -> None:
    built = _fresh()
    assert len(_entries(home)) == 1
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
    assert _entries(home) == []


def test_a_damaged_entry_is_rebuilt(home: Path) -> None:
    built = _fresh()
    (entry,) = _entries(home)
    entry.write_bytes(entry.read_bytes()[:-10])
    assert _fresh() == built
    assert entry.read_bytes().startswith(FRAME) and _fresh() == built


def test_the_digest_is_the_files_read_now_not_the_entry(home: Path) -> None:
    """A report's rule digest names the rules evaluated in this run, whatever an entry says."""
    built = _fresh()
    (entry,) = _entries(home)
    key = _key_of(entry)
    forged = dataclasses.replace(pickle.loads(_payload_of(entry)), digest="0" * 64)
    entry.write_bytes(frame(key, pickle.dumps(forged)))
    hit = _fresh()
    assert hit.digest == built.digest == combined([file_digests(default_rules_dir())])
    assert hit.digest != "0" * 64


def test_the_digest_covers_a_custom_folder_and_the_core(home: Path, tmp_path: Path) -> None:
    folder = make(tmp_path, GOOD)
    first = _fresh(folder).digest
    assert first != _fresh().digest
    (folder / "custom.yaml").write_text(GOOD.replace("custom-mistrust", "custom-distrust"))
    assert _fresh(folder).digest not in (first, load_ruleset.__wrapped__(None).digest)


def test_a_folder_that_cannot_be_hashed_is_loaded_and_not_cached(
    home: Path, tmp_path: Path
) -> None:
    folder = make(tmp_path, GOOD)
    (folder / "huge.yaml").write_text("#" * (2 << 20), encoding="utf-8")
    with pytest.raises(InputError):
        _fresh(folder)
    assert _entries(home) == []


def _key_of(entry: Path) -> str:
    return entry.read_bytes()[len(FRAME) :].split(b"\n", 1)[0].decode("ascii")


def _payload_of(entry: Path) -> bytes:
    return entry.read_bytes()[len(FRAME) :].split(b"\n", 2)[2]


def test_an_entry_that_is_not_a_rule_set_is_a_miss(home: Path) -> None:
    built = _fresh()
    (entry,) = _entries(home)
    key = _key_of(entry)
    for wrong in (b"not a pickle", pickle.dumps({"rules": []}), pickle.dumps(built)[:-3]):
        entry.write_bytes(frame(key, wrong))
        assert _fresh() == built
