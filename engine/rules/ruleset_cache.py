"""The rule set from the user's cache while its files are unchanged, for the commands that assess.

Loading the shipped rule set reads 13 YAML files, validates 70 rules against the fact catalogue
and 150 example profiles: a tenth of a cold `assess`. An entry is keyed by every rule file's
bytes, by the folders as reports name them (a rule's origin is a path from here) and, through
`cache.key`, by the engine's version and code, which decide what loading makes of the files; so a
hit is the rule set that loading would give, less the examples (only `rules check` and
`rules show` use them, and they load the files). A rule set that does not load is never cached:
its problems come from loading it, every time.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from functools import cache
from pathlib import Path

from engine.rules.rule_loader import default_rules_dir, load_ruleset
from engine.rules.ruleset import RuleSet
from engine.rules.ruleset_info import display
from engine.rules.ruleset_json import CorruptEntryError, dumps, loads
from engine.runtime import cache as store

MAX_FILE = 1 << 20  # what the loader reads of a rule file; a larger one is not cached


@cache
def cached_ruleset(directory: Path | None = None) -> RuleSet:
    """What `load_ruleset(directory)` gives, from the cache when the files are unchanged."""
    where = _slot_and_key(directory)
    if where is not None:
        payload = store.load(*where)
        if payload is not None:
            with contextlib.suppress(CorruptEntryError):
                return loads(payload)
    ruleset = load_ruleset(directory)
    if where is not None and _slot_and_key(directory) == where:  # unchanged while loading
        with contextlib.suppress(ValueError):  # a value JSON cannot carry: not cached
            store.save(*where, dumps(ruleset))
    return ruleset


def _slot_and_key(directory: Path | None) -> tuple[str, str] | None:
    """The entry's slot (one per folder) and key (its files' contents); None: do not cache."""
    core = default_rules_dir()
    folders = [core]
    if directory is not None and directory.resolve() != core.resolve():
        folders.append(directory)
    places = [f"{folder.resolve()}\0{display(folder)}" for folder in folders]
    try:
        contents = [f"{i} {d}" for i, folder in enumerate(folders) for d in _file_digests(folder)]
    except (OSError, ValueError):  # unreadable or unsuitable: loading says what is wrong
        return None
    slot = hashlib.sha256("\0".join(places).encode()).hexdigest()[:32]
    return f"ruleset-{slot}.json", store.key("ruleset", *places, *contents)


def _file_digests(folder: Path) -> list[str]:
    """`name sha256` of every YAML file the loader reads in the folder, in its order."""
    found = []
    for path in sorted(folder.glob("*.yaml")):
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE:
            raise ValueError(f"{path} is not a small regular file")
        found.append(f"{path.name} {hashlib.sha256(path.read_bytes()).hexdigest()}")
    return found
