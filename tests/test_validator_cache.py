"""Validators from the cache: the same answers as pydantic's own, never a way in, and all of them.

`engine.runtime.validators` keeps each model's core schema between runs and builds its validator
and serializer from it. These tests hold it to two things: a validator from the cache accepts,
refuses and serializes exactly as the one pydantic builds; and a second run of `validate` or
`assess` builds no schema at all (a model added without being prepared would show up here, not
only as lost speed). That the user's cache can plant nothing is test_cache_trust's.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic_core import SchemaSerializer, SchemaValidator

from engine.assessment.assessment import MODELS
from engine.profile.loader import parse_text
from engine.profile.models import Profile
from engine.profile.positions import to_data
from engine.runtime import cache, validators
from tests.conftest import EXAMPLES, install_copy
from tests.strategies import profile_data

TODAY = "2026-11-23"


def _stored(model: type[BaseModel]) -> tuple[SchemaValidator, SchemaSerializer]:
    """The model's validator and serializer as a cache entry gives them back: built, stored,
    read back."""
    model.model_rebuild()
    payload = pickle.dumps([validators._built(model)])
    loaded = validators._loads(payload, 1)
    assert loaded is not None, f"{model.__name__}'s entry does not load"
    (schema, config) = loaded[0]
    return SchemaValidator(schema, config), SchemaSerializer(schema, config)


def _fresh(model: type[BaseModel]) -> tuple[Any, Any]:
    model.model_rebuild(force=True)
    return model.__pydantic_validator__, model.__pydantic_serializer__


def _outcome(validator: Any, serializer: Any, data: object) -> object:
    """What validating `data` gives: the instance serialized, or the errors as pydantic lists
    them (types, places and messages)."""
    try:
        instance = validator.validate_python(data)
    except ValidationError as error:
        return [(e["type"], e["loc"], e["msg"]) for e in error.errors(include_url=False)]
    return serializer.to_python(instance, mode="json", exclude_none=True)


STORED, FRESH = _stored(Profile), _fresh(Profile)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_each_example_validates_and_serializes_the_same(path: Path) -> None:
    data = to_data(parse_text(path.read_text(encoding="utf-8"), str(path)))
    assert _outcome(*STORED, data) == _outcome(*FRESH, data)
    assert isinstance(STORED[0].validate_python(data), Profile)


@settings(max_examples=60, deadline=None)
@given(data=profile_data())
def test_generated_profiles_get_the_same_answers(data: dict[str, Any]) -> None:
    assert _outcome(*STORED, data) == _outcome(*FRESH, data)


_WRONG = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=12), inner),
    max_leaves=12,
)


@settings(max_examples=80, deadline=None)
@given(section=st.sampled_from(sorted(Profile.model_fields)), value=_WRONG)
def test_wrong_answers_get_the_same_errors(section: str, value: object) -> None:
    data = {"schema_version": 1, section: value}
    assert _outcome(*STORED, data) == _outcome(*FRESH, data)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_each_assessment_model_loads_from_its_entry(model: type[BaseModel]) -> None:
    """Every model an assessment is made of comes back from its entry as pydantic built it,
    less the JSON Schema notes (the reports, cold and warm, are compared byte for byte in
    test_cache_reports)."""
    stored = _reduced(_stored(model)[0])
    built = _reduced(model.__pydantic_validator__)
    assert stored == (validators.portable(built[0]), built[1])


def _reduced(validator: object) -> tuple[Any, ...]:
    """The schema and settings a validator was built from, as it pickles them."""
    reduced = validator.__reduce__()
    assert isinstance(reduced, tuple)
    return tuple(reduced[1][:2])


class Note(BaseModel):
    """Field names a core schema also uses for itself: only the schema's own notes go."""

    model_config = ConfigDict(defer_build=True)

    type: str
    metadata: dict[str, str]


def test_fields_named_like_schema_keys_survive(cache_home: Path) -> None:
    validators.prepare("test-note", (Note,))
    validators._ready.discard(Note)
    validators.prepare("test-note", (Note,))  # this time from the entry
    assert (cache_home / "validators-test-note.pickle").is_file()
    note = Note.model_validate({"type": "a", "metadata": {"k": "v"}})
    assert note.model_dump() == {"type": "a", "metadata": {"k": "v"}}
    with pytest.raises(ValidationError):
        Note.model_validate({"type": "a"})


def test_an_entry_of_another_shape_is_a_miss_and_rebuilt(cache_home: Path) -> None:
    key = validators._key("test-shape", (Note,))
    slot = "validators-test-shape.pickle"
    for wrong in (b"not a pickle", pickle.dumps({"schema": 1}), pickle.dumps([(1, None)])):
        cache.save(slot, key, wrong)
        validators._ready.discard(Note)
        validators.prepare("test-shape", (Note,))
        assert Note.model_validate({"type": "a", "metadata": {}}).type == "a"
        assert cache.load(slot, key) not in (None, wrong)  # rebuilt


BUILT = """
import contextlib, io, sys
from pydantic import BaseModel
from engine.cli.main import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    code = main(sys.argv[1:])
def below(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from below(sub)
built = sorted({f"{m.__module__}.{m.__qualname__}" for m in below(BaseModel)
                if m.__module__.startswith("engine.") and m.__pydantic_complete__})
print(code, *built)
"""


def _built_in_a_run(site: Path, *args: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(site)}
    env.pop(cache.NO_CACHE, None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    done = subprocess.run(
        [sys.executable, "-c", BUILT, *args],
        cwd=site,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.mark.parametrize(
    "args",
    [
        ("validate", "profiles/county-ready.yaml"),
        ("assess", "profiles/county-ready.yaml", "--format", "markdown,json,html"),
        ("assess", "profiles/trust-misalignment.yaml", "--format", "sarif,junit"),
    ],
    ids=["validate", "assess", "assess-ci"],
)
def test_a_second_run_builds_no_schema(args: tuple[str, ...], tmp_path: Path) -> None:
    site = install_copy(tmp_path / "site")
    args = (*args, "--today", TODAY, "--fail-on", "never") if args[0] == "assess" else args
    if "-o" not in args and args[0] == "assess":
        args = (*args, "-o", f"{tmp_path / 'out'}/")
    first = _built_in_a_run(site, *args)
    assert first.split()[0] == "0" and len(first.split()) > 1  # the cold run built them
    assert _built_in_a_run(site, *args) == "0"
    assert _built_in_a_run(site, "--no-cache", *args) == first
