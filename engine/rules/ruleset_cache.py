"""The rule set from the cache beside the package while its files are unchanged, for `assess`.

Loading the shipped rule set reads its YAML files, validates its rules against the fact
catalogue and its example profiles: a tenth of a cold `assess`. An entry is keyed by every rule
file's bytes, by the folders as reports name them (a rule's origin is a path from here) and,
through `cache.key`, by the engine's version and code, which decide what loading makes of the
files; so a hit is the rule set that loading would give, less the examples (only `rules check`
and `rules show` use them, and they load the files). The entry is pickled: it lives where only
whoever can change the engine's code can write (`engine.runtime.cache`). Its digest is not kept:
it is computed from the files read in this run, the same bytes the key is made of. A rule set
that does not load is never cached: its problems come from loading it, every time.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import pickle
from functools import cache
from pathlib import Path

import pydantic

from engine.rules.digest import FileDigests, combined, file_digests
from engine.rules.rule_loader import default_rules_dir, load_ruleset
from engine.rules.ruleset import RuleSet
from engine.rules.ruleset_info import display
from engine.runtime import cache as store


@cache
def cached_ruleset(directory: Path | None = None) -> RuleSet:
    """What `load_ruleset(directory)` gives, from the cache when the files are unchanged."""
    folders = _folders(directory)
    try:
        files = [file_digests(folder) for folder in folders]
    except (OSError, ValueError):  # unreadable or unsuitable: loading says what is wrong
        return load_ruleset(directory)
    slot, key = _slot_and_key(folders, files)
    found = _stored(store.load(slot, key))
    if found is not None:
        return dataclasses.replace(found, digest=combined(files))
    ruleset = load_ruleset(directory)
    if ruleset.digest == combined(files):  # the files did not change while loading
        store.save(slot, key, pickle.dumps(_without_examples(ruleset), pickle.HIGHEST_PROTOCOL))
    return ruleset


def _folders(directory: Path | None) -> list[Path]:
    core = default_rules_dir()
    if directory is None or directory.resolve() == core.resolve():
        return [core]
    return [core, directory]


def _slot_and_key(folders: list[Path], files: list[FileDigests]) -> tuple[str, str]:
    """The entry's slot (one per set of folders) and key (their files' contents)."""
    places = [f"{folder.resolve()}\0{display(folder)}" for folder in folders]
    contents = [f"{i} {line}" for i, lines in enumerate(files) for line in lines]
    slot = hashlib.sha256("\0".join(places).encode()).hexdigest()[:32]
    return f"ruleset-{slot}.pickle", store.key("ruleset", pydantic.VERSION, *places, *contents)


def _stored(payload: bytes | None) -> RuleSet | None:
    if payload is None:
        return None
    with contextlib.suppress(Exception):  # an entry another build wrote: a miss
        found = pickle.loads(payload)  # written beside the package's own code: trusted as it
        return found if isinstance(found, RuleSet) else None
    return None


def _without_examples(ruleset: RuleSet) -> RuleSet:
    rules = tuple(dataclasses.replace(rule, examples=()) for rule in ruleset.rules)
    return dataclasses.replace(ruleset, rules=rules)
