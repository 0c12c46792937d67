"""Pydantic validators and serializers kept beside the package, so a cold run need not build them.

Pydantic turns a model's type hints into a core schema and builds a validator from it on first
use: for the Profile's 31 models that was a sixth of a cold `validate` and most of what separated
it from yamllint. The core schema is fixed by the models' code and by pydantic's, so it is kept
between runs (as pickling pydantic-core's validator gives it, less the notes only JSON Schema
reads), and a validator and a serializer are built from it anew, which takes a millisecond.

Pickle is code, so an entry is read only from the cache beside the installed package
(`engine.runtime.cache`), which only whoever can change the package's own code can write, under
a frame that rejects a truncated or corrupt file. The key holds pydantic's and pydantic-core's
versions and, through `cache.key`, Python's and the engine's own code, so a hit is what building
would give.

A model whose validator came from here keeps pydantic's "not yet complete" state: anything that
needs its schema itself (the JSON Schema, a model that embeds it) has pydantic build it then, as
it would have anyway, and nothing cached is ever needed for correctness. A pydantic plugin wraps
validators as pydantic builds them, so it sees none that come from here; with one installed,
nothing new is stored. With the cache off (`--no-cache`), every validator is pydantic's own.
"""

from __future__ import annotations

import contextlib
import pickle
import threading
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


def prepare(name: str, models: Sequence[type[BaseModel]]) -> None:
    """Give each model its validator and serializer, from the cache entry `name` when it holds
    them, else built by pydantic (and stored for the next run). Idempotent and thread-safe."""
    if _ready.issuperset(models):
        return
    with _lock:
        slot, key = f"validators-{name}.pickle", _key(name, models)
        payload = cache.load(slot, key)
        schemas = _loads(payload, len(models)) if payload else None
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


def _loads(payload: bytes, count: int) -> list[Built] | None:
    """The stored schemas, or None for an entry that is not what `_store` writes."""
    try:
        schemas = pickle.loads(payload)  # written beside the package's own code: trusted as it
    except Exception:  # whatever an entry of another version raises, it is a miss
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
