"""Pydantic validators and serializers from the user's cache, so a cold run does not build them.

Pydantic turns a model's type hints into a core schema and builds a validator from it on first
use: for the Profile's 31 models that was a sixth of a cold `validate` and most of what separated
it from yamllint. The core schema is fixed by the models' code and by pydantic's, so it is kept
between runs (as pickling pydantic-core's validator gives it, less the notes only JSON Schema
reads), and a validator and a serializer are built from it anew, which takes a millisecond.

Pickle is code, so an entry is read only from the cache folder only the user can write
(`engine.runtime.cache`), under a frame that rejects a truncated or corrupt file, and through an
unpickler that knows a short list of names: `list`, `functools.partial`, a `getattr` that only
finds a model's own methods, pydantic's value checks (`*_validator`), and the models and
functions defined in the packages of the models the entry was stored for, looked up in modules
already imported (it imports nothing). Calling any of them builds a value or checks one; an
entry holding any other name is a miss. The key holds pydantic's and pydantic-core's versions
and, through `cache.key`, Python's and the engine's own code, so a hit is what building would
give.

A model whose validator came from here keeps pydantic's "not yet complete" state: anything that
needs its schema itself (the JSON Schema, a model that embeds it) has pydantic build it then, as
it would have anyway, and nothing cached is ever needed for correctness. A pydantic plugin wraps
validators as pydantic builds them, so it sees none that come from here; with one installed,
nothing new is stored. With the cache off (`--no-cache`), every validator is pydantic's own.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import os
import pickle
import sys
import threading
import types
from collections.abc import Sequence
from typing import Any, cast

import pydantic
import pydantic_core
from pydantic import BaseModel
from pydantic_core import CoreConfig, CoreSchema, SchemaSerializer, SchemaValidator

from engine.runtime import cache

Built = tuple[CoreSchema, CoreConfig | None]  # a core schema and its settings
_ready: set[type[BaseModel]] = set()
_lock = threading.Lock()
# Entries are per installed copy of the engine, as the rule set's and the templates' are: a
# checkout and a pre-commit hook's copy would otherwise overwrite each other's at every run.
_INSTALL = hashlib.sha256(os.path.dirname(os.path.dirname(__file__)).encode()).hexdigest()[:16]


def prepare(name: str, models: Sequence[type[BaseModel]]) -> None:
    """Give each model its validator and serializer, from the cache entry `name` when it holds
    them, else built by pydantic (and stored for the next run). Idempotent and thread-safe."""
    if _ready.issuperset(models):
        return
    with _lock:
        slot, key = f"validators-{name}-{_INSTALL}.pickle", _key(name, models)
        payload = cache.load(slot, key)
        schemas = _loads(payload, len(models), _packages(models)) if payload else None
        if schemas is None:  # a miss: pydantic's own, and stored if the cache can take it
            for model in models:
                model.model_rebuild()  # deferred models build here; complete ones are kept
            _store(slot, key, models)
        else:
            for model, (schema, config) in zip(models, schemas, strict=True):
                model.__pydantic_validator__ = SchemaValidator(schema, config)
                model.__pydantic_serializer__ = SchemaSerializer(schema, config)
        _ready.update(models)


def prepare_one(model: type[BaseModel]) -> None:
    """`prepare` for one model, in an entry of its own: for a model met only now and then (a
    profile section quoted whole as evidence), whose validator and serializer would otherwise
    be built, at a cold run's first use, with pydantic's lazily imported schema machinery."""
    if model not in _ready:
        prepare(f"{model.__module__}.{model.__qualname__}", (model,))


def _key(name: str, models: Sequence[type[BaseModel]]) -> str:
    names = [f"{model.__module__}:{model.__qualname__}" for model in models]
    return cache.key("validators", pydantic.VERSION, pydantic_core.__version__, name, *names)


def _packages(models: Sequence[type[BaseModel]]) -> set[str]:
    return {model.__module__.rpartition(".")[0] for model in models}


def _built(model: type[BaseModel]) -> Built:
    """The schema and settings pydantic built the model's validator from, as pickling the
    validator gives them, in the form `portable` stores."""
    _, (schema, config, *_) = cast(
        tuple[Any, tuple[Any, ...]], model.__pydantic_validator__.__reduce__()
    )
    return portable(schema), config


DATA_KEYS = frozenset({"default", "expected"})  # what a schema node holds as data, not schema
REF_KEYS = frozenset({"ref", "schema_ref"})


def portable(schema: CoreSchema) -> CoreSchema:
    """The schema as stored: without `metadata` (notes for JSON Schema that validation and
    serialization never read, some of them functions that cannot be stored), and with its
    references numbered in order instead of by the ids of the classes in one process, so that
    building again stores the same bytes."""
    names: dict[str, str] = {}

    def rename(ref: str) -> str:
        return names.setdefault(ref, f"{ref.rpartition(':')[0]}:{len(names)}")

    def walk(node: Any) -> Any:
        if isinstance(node, list):
            return [walk(item) for item in node]
        if not isinstance(node, dict):
            return node
        if not isinstance(node.get("type"), str):  # fields by name, and the like
            return {key: walk(value) for key, value in node.items()}
        return {
            key: value if key in DATA_KEYS else rename(value) if key in REF_KEYS else walk(value)
            for key, value in node.items()
            if key != "metadata"
        }

    return cast(CoreSchema, walk(schema))


def _store(slot: str, key: str, models: Sequence[type[BaseModel]]) -> None:
    """Stored only as pydantic-core built them: a plugin's wrapped validator is not kept."""
    if cache.folder() is None:
        return
    if any(type(model.__pydantic_validator__) is not SchemaValidator for model in models):
        return
    with contextlib.suppress(pickle.PicklingError, TypeError, AttributeError):
        schemas = [_built(model) for model in models]
        cache.save(slot, key, pickle.dumps(schemas, protocol=pickle.HIGHEST_PROTOCOL))


def _loads(payload: bytes, count: int, packages: set[str]) -> list[Built] | None:
    """The stored schemas, or None for an entry that is not what `_store` writes."""
    try:
        schemas = _Unpickler(io.BytesIO(payload), packages).load()
    except Exception:  # whatever a damaged entry raises, it is a miss
        return None
    if not (isinstance(schemas, list) and len(schemas) == count):
        return None
    return schemas if all(_is_built(item) for item in schemas) else None


def _is_built(item: object) -> bool:
    return (
        isinstance(item, tuple)
        and len(item) == 2
        and isinstance(item[0], dict)
        and isinstance(item[1], (dict, type(None)))
    )


def _method(owner: object, name: str) -> Any:
    """`getattr` as pickle uses it for a model's validator methods, and for nothing else."""
    if not (isinstance(owner, type) and issubclass(owner, BaseModel)) or name.startswith("__"):
        raise pickle.UnpicklingError(f"no method {name!r} to look up on {owner!r}")
    found = getattr(owner, name)
    if not isinstance(found, (types.MethodType, types.FunctionType)):
        raise pickle.UnpicklingError(f"{name!r} is not a method")
    return found


_LIBRARY: dict[tuple[str, str], Any] = {
    ("functools", "partial"): functools.partial,
    ("builtins", "list"): list,
    ("builtins", "getattr"): _method,
}
_CHECKS = "pydantic._internal._validators"


class _Unpickler(pickle.Unpickler):
    """Resolves only the names listed in the module's docstring; anything else is refused."""

    def __init__(self, stream: io.BytesIO, packages: set[str]) -> None:
        super().__init__(stream)
        self.packages = packages

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _LIBRARY:
            return _LIBRARY[(module, name)]
        found = None
        if module.rpartition(".")[0] in self.packages:
            found = _ours(module, name)
        elif module == _CHECKS and name.endswith("_validator") and "." not in name:
            found = _ours(module, name, models=False)
        if found is None:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a validator entry")
        return found


def _ours(module: str, name: str, *, models: bool = True) -> Any:
    """A model, a function, or a model's function (`Model.check`) defined in `module`, which
    must already be imported; None for anything else."""
    owner: Any = sys.modules.get(module)
    *path, last = name.split(".")
    for part in path:
        owner = getattr(owner, part, None)
        if not _defined_in(owner, module, models=models) or isinstance(owner, types.FunctionType):
            return None
    found = None if last.startswith("__") else getattr(owner, last, None)
    return found if owner is not None and _defined_in(found, module, models=models) else None


def _defined_in(found: object, module: str, *, models: bool) -> bool:
    is_model = models and isinstance(found, type) and issubclass(found, BaseModel)
    is_function = isinstance(found, types.FunctionType)
    return (is_model or is_function) and getattr(found, "__module__", None) == module
