"""The package layout stays one subpackage per pipeline stage, each importing only stages below it.

A reader names the owner of a behaviour from the folder names; these checks keep that true as the
code grows (an import upwards, a module grown past 400 lines, a stray top-level module, a slow
`--version`).
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import click

from engine.cli.group import readiness
from tests.conftest import ROOT, Run

ENGINE = ROOT / "engine"
# Lowest first. `engine` itself is the package root (`__version__`); `__main__` sits on top.
# `runtime` (the cache beside the package, the collector policy) serves every stage, so it sits
# below them.
LAYERS = [
    "engine",
    "printable",
    "errors",
    "i18n",
    "runtime",
    "profile",
    "rules",
    "assessment",
    "render",
    "workflows",
    "survey",
    "web",
    "cli",
]
MAX_MODULE_LINES = 400


def _stage(module: str) -> str:
    """The stage a dotted engine module belongs to."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "engine"


def _module_name(path: Path) -> str:
    relative = path.relative_to(ROOT).with_suffix("")
    parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
    return ".".join(parts)


def _engine_imports(path: Path) -> set[str]:
    """Every engine module imported, at the top, inside functions or for type checking."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "engine")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "engine":
            module = node.module or ""
            found.update(f"{module}.{a.name}" if module == "engine" else module for a in node.names)
    return found


def test_stages_import_only_stages_below_them() -> None:
    upward = []
    for path in sorted(ENGINE.rglob("*.py")):
        source = _module_name(path)
        if source == "engine.__main__":
            continue
        rank = LAYERS.index(_stage(source))
        for target in sorted(_engine_imports(path)):
            if target == "engine.__version__":
                continue
            if LAYERS.index(_stage(target)) > rank:
                upward.append(f"{source} imports {target}")
    assert upward == []


def test_every_stage_is_a_known_layer() -> None:
    stages = {_stage(_module_name(p)) for p in ENGINE.rglob("*.py")} - {"__main__"}
    assert stages <= set(LAYERS)


def test_the_top_level_holds_only_the_stages() -> None:
    """Nothing lands at the top by accident: each entry is a declared layer (a new stage is a
    deliberate change to LAYERS), besides the package's own files."""
    entries = {p.name for p in ENGINE.iterdir() if p.name != "__pycache__"}
    stems = {name.removesuffix(".py") for name in entries - {"__init__.py", "__main__.py"}}
    assert stems == set(LAYERS) - {"engine"}


def test_templates_sit_with_the_stage_that_renders_them() -> None:
    """One rule for every template: it sits in the `templates/` folder of the stage whose
    environment loads it (the reports and the survey page in `render`, the workspace's pages in
    `web`), so a reader finds a page's template beside the code that fills it."""
    homes = {ENGINE / "render" / "templates", ENGINE / "web" / "templates"}
    kinds = ("*.j2", "*.css", "*.js")
    assets = [path for kind in kinds for path in ENGINE.rglob(kind)]
    astray = [str(p.relative_to(ROOT)) for p in assets if not any(h in p.parents for h in homes)]
    assert assets and astray == []


def test_no_module_outgrows_one_job() -> None:
    long = {
        str(p.relative_to(ROOT)): n
        for p in ENGINE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def _last_line(code: str) -> str:
    """The last line a fresh Python process running `code` prints, once it has exited 0."""
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()[-1]


def test_version_loads_none_of_the_heavy_libraries() -> None:
    code = (
        "import sys\n"
        "from engine.cli.main import main\n"
        "code = main(['--version'])\n"
        "heavy = {'pydantic', 'jinja2', 'yaml', 'durable_rules_engine'} & set(sys.modules)\n"
        "print(sorted(heavy)); sys.exit(code)\n"
    )
    assert _last_line(code) == "[]"


def test_a_command_imports_its_own_module_only() -> None:
    """`readiness validate` loads no other command's module (each brings its own imports)."""
    code = (
        "import sys\n"
        "from engine.cli.main import main\n"
        "code = main(['validate', 'profiles/county-ready.yaml'])\n"
        "print(sorted(m for m in sys.modules if m.startswith('engine.cli.commands.')))\n"
        "sys.exit(code)\n"
    )
    loaded = "['engine.cli.commands.common', 'engine.cli.commands.validate']"
    assert _last_line(code) == loaded


def test_every_command_is_listed_and_found_by_its_name() -> None:
    group = readiness
    context = click.Context(group)
    modules = sorted(p.stem for p in (ENGINE / "cli" / "commands").glob("*.py"))
    assert group.list_commands(context) == [m for m in modules if m not in ("__init__", "common")]
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        assert command is not None and command.name == name
    assert group.get_command(context, "no-such-command") is None


def test_a_misspelt_command_gets_a_suggestion(cli: Callable[..., Run]) -> None:
    """The commands load lazily, so the suggestion cannot come from click's loaded ones."""
    done = cli("validat", "profile.yaml")
    assert done.code == 2
    assert "No such command 'validat'. Did you mean 'validate'?" in done.err
    assert "No such command 'zzz'.\n" in cli("zzz").err


TEXT_SUFFIXES = (".py", ".md", ".yaml", ".yml", ".toml", ".j2", ".css", ".js", ".json", ".in")


def _generated(folder: str) -> bool:
    tooling = folder in {".git", ".hypothesis", "__pycache__", "node_modules"}
    return tooling or folder.startswith(".venv") or folder.endswith("_cache")


def _our_text_files() -> list[Path]:
    """The repository's text files, not those of virtual environments, caches or git."""
    found = []
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = [d for d in subfolders if not _generated(d)]
        found += [Path(folder, name) for name in files if name.endswith(TEXT_SUFFIXES)]
    return sorted(found)


def test_no_file_holds_a_merge_conflict_marker() -> None:
    """A merge left `<<<<<<< HEAD` in the README once; nothing we ship or run may hold one."""
    marked = [
        str(path.relative_to(ROOT))
        for path in _our_text_files()
        if any(
            line.startswith(("<<<<<<< ", ">>>>>>> "))
            for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
        )
    ]
    assert marked == []
