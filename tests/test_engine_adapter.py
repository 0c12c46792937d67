"""The durable-rules adapter: the one module that imports the engine, on every supported Python."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

from engine.errors import EngineUnavailableError
from engine.profile.models.profile import Profile
from engine.rules import evaluator
from tests.engine_support import durable_fired

ENGINE_DIR = Path(evaluator.__file__).parents[1]  # engine/, the adapter is in engine/rules/
ADAPTER = Path(evaluator.__file__)
ROOT = ENGINE_DIR.parent


def _imported_modules(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            names.add(node.value)  # importlib.import_module("...") and the like
    return names


def test_durable_is_imported_by_the_adapter_alone() -> None:
    importers = sorted(
        str(path.relative_to(ROOT))
        for path in ENGINE_DIR.rglob("*.py")
        if any(
            name.split(".")[0] in {"durable", "durable_rules_engine"}
            for name in _imported_modules(ast.parse(path.read_text(encoding="utf-8")))
        )
    )
    assert importers == [str(ADAPTER.relative_to(ROOT))]


def test_the_adapter_calls_only_the_engine_functions_that_load_on_3_13() -> None:
    """The store and queue callbacks are what need the symbol Python 3.13 removed."""
    tree = ast.parse(ADAPTER.read_text(encoding="utf-8"))
    used = {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "_engine"
    }
    assert used <= evaluator.ENGINE_CALLS
    assert not {name for name in used if "callback" in name}


def _fake_import(seen: list[int]) -> object:
    def import_module(name: str) -> ModuleType:
        seen.append(sys.getdlopenflags())
        return ModuleType(name)

    return import_module


@pytest.mark.skipif(not hasattr(sys, "setdlopenflags"), reason="no dlopen on this platform")
@pytest.mark.parametrize(("version", "lazy"), [((3, 12, 7), False), ((3, 13, 0), True)])
def test_symbols_bind_lazily_from_3_13_and_flags_are_restored(
    monkeypatch: pytest.MonkeyPatch, version: tuple[int, int, int], lazy: bool
) -> None:
    before = sys.getdlopenflags()
    seen: list[int] = []
    monkeypatch.setattr(sys, "version_info", version)
    monkeypatch.setattr("importlib.import_module", _fake_import(seen))
    evaluator._load_engine()
    [during] = seen
    assert bool(during & os.RTLD_LAZY) is lazy
    assert bool(during & os.RTLD_NOW) is not lazy
    assert sys.getdlopenflags() == before


def test_an_engine_that_does_not_load_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "durable_rules_engine", None)  # import now fails
    with pytest.raises(EngineUnavailableError) as caught:
        evaluator._load_engine()
    message = str(caught.value)
    assert message.startswith("the rule engine (durable-rules 2.0.28) does not load on Python")
    assert "Use Python 3.10 to 3.13" in message


def test_the_cli_reports_a_missing_engine_in_one_line_with_exit_3() -> None:
    code = (
        "import sys; sys.modules['durable_rules_engine'] = None\n"
        "from engine.cli.main import main\n"
        "sys.exit(main(['assess', 'profiles/county-ready.yaml']))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 3
    assert done.stdout == ""
    [line] = done.stderr.splitlines()
    assert line.startswith("readiness: error: the rule engine (durable-rules 2.0.28) does not load")
    assert "Traceback" not in done.stderr


@pytest.mark.skipif(sys.version_info < (3, 13), reason="the stock build links eagerly before 3.13")
def test_a_stock_build_of_the_engine_runs_with_lazy_binding(tmp_path: Path) -> None:
    """Built without our CPPFLAGS (as pre-commit or a plain pip would), the extension names a
    function 3.13 removed: a plain import fails, and the adapter's import works and fires rules."""
    env = {k: v for k, v in os.environ.items() if k not in {"CPPFLAGS", "CFLAGS"}}
    env["PIP_CONSTRAINT"] = str(ROOT / "constraints.txt")
    build = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-cache-dir", "-q"]
    built = subprocess.run(
        [*build, "-w", str(tmp_path), "durable-rules==2.0.28"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if built.returncode != 0 and "PyEval_CallObject" in built.stderr:
        pytest.skip("this compiler refuses undeclared functions: no stock build can be made")
    assert built.returncode == 0, built.stderr[-2000:]
    [wheel] = tmp_path.glob("durable_rules-*.whl")
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env["PYTHONPATH"] = os.pathsep.join([str(site), str(ROOT)])
    plain = subprocess.run(
        [sys.executable, "-c", "import durable_rules_engine"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert plain.returncode != 0
    assert "PyEval_CallObject" in plain.stderr
    code = (
        "from engine.rules import evaluator\n"
        f"assert evaluator._engine.__file__.startswith({str(site)!r})\n"
        "from engine.profile.models.profile import Profile\n"
        "from tests.engine_support import durable_fired\n"
        "assert durable_fired(Profile(schema_version=1))\n"
    )
    adapted = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert adapted.returncode == 0, adapted.stderr[-2000:]


def test_rules_fire_on_this_python() -> None:
    """On 3.13 this is the check that lazy binding really gives a working engine."""
    fired = durable_fired(Profile(schema_version=1))
    assert fired, "a blank profile leaves every critical question open, so rules must fire"
