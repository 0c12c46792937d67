"""The durable-rules adapter: the only module that imports `durable`.

It drives the engine's C API directly rather than through `durable.lang` or `durable.engine.Host`,
because those keep process-global rulesets, start timer threads that race the caller for actions,
and raise `MessageNotHandledException` when no rule matches (normal for us). What it does instead:
- one engine ruleset per compiled shard, created once per process and reused for every profile;
- a profile is asserted as one fact, every pending action is collected (each names a rule that
  fired), and the fact is then retracted, so nothing carries over to the next profile;
- one lock around each evaluation, because a document's evaluation is a sequence of C calls on
  shared state (the engine never releases the GIL, so threads would gain nothing anyway);
- any engine error rebuilds the affected ruleset and is raised as `EngineError`, never as one of
  durable's own exceptions.

Python 3.13 removed `PyEval_CallObject`, which the extension of durable-rules 2.0.28 (the last
release) still names. Only its store and queue callbacks call it, and we never set those: we call
just the six functions in `ENGINE_CALLS`. So on 3.13 the extension is loaded with lazy symbol
binding, which resolves a function when it is first called rather than when the library is
opened; the missing symbol is then never needed. Later Pythons are refused by `requires-python`
until they have been tried; if the engine does not load all the same, `EngineUnavailableError`
says so in one line.
"""

from __future__ import annotations

import contextlib
import importlib
import itertools
import json
import os
import re
import sys
import threading
from collections.abc import Mapping
from types import ModuleType

from engine.errors import EngineUnavailableError
from engine.rules.facts import Fact
from engine.rules.rule_compiler import SENTINEL, Compiled, Shard, project

ENGINE_CALLS = frozenset(
    {
        "create_ruleset",
        "delete_ruleset",
        "assert_fact",
        "retract_fact",
        "start_action_for_state",
        "complete_and_start_action",
    }
)
_LAZY_FROM = (3, 13)  # the first Python whose C API lacks a symbol the extension names


def _load_engine() -> ModuleType:
    """Import durable-rules' C extension, binding its symbols lazily where 3.13+ needs that."""
    lazy = sys.version_info[:2] >= _LAZY_FROM and hasattr(sys, "setdlopenflags")
    flags = sys.getdlopenflags() if lazy else 0
    if lazy:
        sys.setdlopenflags((flags & ~os.RTLD_NOW) | os.RTLD_LAZY)
    try:
        return importlib.import_module("durable_rules_engine")
    except ImportError as error:
        raise EngineUnavailableError(_unavailable(error)) from None
    finally:
        if lazy:
            sys.setdlopenflags(flags)


def _unavailable(error: ImportError) -> str:
    version = ".".join(map(str, sys.version_info[:3]))
    return (
        f"the rule engine (durable-rules 2.0.28) does not load on Python {version}: {error}. "
        "Use Python 3.10 to 3.13; if it was built for another Python, reinstall it with "
        "`pip install --force-reinstall --no-cache-dir durable-rules==2.0.28`"
    )


_engine = _load_engine()
_SID = "readiness"
_RULE_NAME = re.compile(r'\{"([^"]+)"')
_FACT_ID = "profile"
_names = itertools.count()


class EngineError(Exception):
    """durable-rules failed; the message says which ruleset and how."""


class DurableEvaluator:
    """Evaluates profiles' facts against a compiled rule set with the Rete engine."""

    def __init__(self, compiled: Compiled) -> None:
        self.compiled = compiled
        self._lock = threading.Lock()
        self._handles: dict[str, int] = {}
        self._suffix = next(_names)
        for shard in compiled.shards:
            self._handles[shard.name] = self._create(shard)

    def _create(self, shard: Shard) -> int:
        # Engine ruleset names must be unique in the process; two evaluators may coexist.
        name = f"{shard.name}-{self._suffix}-{next(_names)}"
        try:
            handle: int = _engine.create_ruleset(name, json.dumps(shard.rules))
        except Exception as error:  # durable raises its own error type, or MemoryError
            raise EngineError(f"could not create engine ruleset {shard.name}: {error}") from None
        return handle

    def evaluate(self, facts: Mapping[str, Fact]) -> list[str]:
        """Ids of the rules whose condition holds, each once, in rule-set order."""
        fired: set[str] = set()
        with self._lock:
            for shard in self.compiled.shards:
                fired.update(self._run(shard, project(shard, facts)))
        fired.discard(SENTINEL)
        return sorted(fired, key=self.compiled.order.__getitem__)

    def _run(self, shard: Shard, document: dict[str, object]) -> set[str]:
        handle = self._handles[shard.name]
        fact = {"sid": _SID, "id": _FACT_ID, **document}
        text = json.dumps(fact, ensure_ascii=False, allow_nan=False)
        try:
            return self._assert_and_collect(handle, text)
        except Exception as error:
            self._rebuild(shard)
            raise EngineError(f"durable-rules failed on ruleset {shard.name}: {error}") from None

    def _assert_and_collect(self, handle: int, text: str) -> set[str]:
        fired: set[str] = set()
        result, state = _engine.assert_fact(handle, text)
        try:
            if result != 0:
                raise EngineError(f"fact not handled (engine code {result})")
            action = _engine.start_action_for_state(handle, state)
            messages = action[1] if action else None
            while messages:
                # Each action's message is `{"<rule id>": ...the matched fact...}`; reading the
                # id off the front saves parsing the whole fact once per fired rule.
                name = _RULE_NAME.match(messages)
                if name is None:  # pragma: no cover - the engine always names the action
                    raise EngineError(f"unexpected action message {messages[:80]!r}")
                fired.add(name.group(1))
                messages = _engine.complete_and_start_action(handle, state)
        finally:
            _engine.retract_fact(handle, json.dumps({"sid": _SID, "id": _FACT_ID}))
        return fired

    def _rebuild(self, shard: Shard) -> None:
        """Throw away a ruleset whose state may be inconsistent after an error."""
        old = self._handles.pop(shard.name)
        with contextlib.suppress(Exception):  # best effort: the handle may already be unusable
            _engine.delete_ruleset(old)
        self._handles[shard.name] = self._create(shard)

    def close(self) -> None:
        """Free the engine rulesets (they live in C memory, outside Python's collector)."""
        with self._lock:
            for handle in self._handles.values():
                _engine.delete_ruleset(handle)
            self._handles.clear()
