"""The layering rule: the core (domain, storage, interchange, render, workflow, cli) never
imports Qt, the window reaches storage only through the workflow layer, and starting the
program's entry points imports neither Qt nor weasyprint."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import report_desktop

PACKAGE_DIR = Path(report_desktop.__file__).resolve().parent
CORE_PACKAGES = ("domain", "storage", "interchange", "render", "workflow")
QT_BINDINGS = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "qtpy")


def core_files() -> list[Path]:
    files: list[Path] = []
    for name in (*CORE_PACKAGES, "cli"):
        folder = PACKAGE_DIR / name
        if folder.is_dir():
            files.extend(sorted(folder.rglob("*.py")))
    cli_module = PACKAGE_DIR / "cli.py"
    if cli_module.is_file():
        files.append(cli_module)
    return files


def is_qt(module: str) -> bool:
    return module.split(".", maxsplit=1)[0] in QT_BINDINGS


def imported_modules(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """Every absolute module named by an import statement, importlib.import_module or __import__."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module
        elif isinstance(node, ast.Call) and _is_dynamic_import(node.func) and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                yield node.lineno, first.value


def _is_dynamic_import(func: ast.expr) -> bool:
    if isinstance(func, ast.Name):
        return func.id in {"__import__", "import_module"}
    return isinstance(func, ast.Attribute) and func.attr == "import_module"


def test_core_sources_never_import_qt() -> None:
    files = core_files()
    assert files, f"no core sources found under {PACKAGE_DIR}"
    offenders = [
        f"{path.relative_to(PACKAGE_DIR.parent)}:{line}: {module}"
        for path in files
        for line, module in imported_modules(ast.parse(path.read_bytes(), str(path)))
        if is_qt(module)
    ]
    assert not offenders, "core modules import Qt:\n" + "\n".join(offenders)


def test_static_check_sees_every_import_form() -> None:
    source = (
        "import PySide6\n"
        "import os, PySide6.QtCore as qc\n"
        "from PySide6.QtWidgets import QWidget\n"
        "from . import PySide6_lookalike\n"
        "importlib.import_module('PySide6.QtGui')\n"
        "__import__('shiboken6')\n"
    )
    found = [module for _, module in imported_modules(ast.parse(source)) if is_qt(module)]
    assert found == ["PySide6", "PySide6.QtCore", "PySide6.QtWidgets", "PySide6.QtGui", "shiboken6"]


_PROBE = """
import importlib, json, pkgutil, sys
walk = sys.argv[1] == "walk"
imported = []
for name in sys.argv[2:]:
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name == name:
            continue  # this layer does not exist yet
        raise
    imported.append(name)
    for info in pkgutil.walk_packages(getattr(module, "__path__", []) if walk else [], name + "."):
        importlib.import_module(info.name)
        imported.append(info.name)
print(json.dumps({
    "imported": imported,
    "loaded": sorted({m.split(".")[0] for m in sys.modules}),
}))
"""


def import_in_fresh_interpreter(*modules: str, walk: bool) -> tuple[list[str], set[str]]:
    """Imports the modules (with walk, every submodule too) in a new Python, skipping those that
    do not exist; returns what was imported and the top-level names of every module then loaded.
    """
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(PACKAGE_DIR.parent), env.get("PYTHONPATH")])
    )
    env.pop("QT_QPA_PLATFORM", None)
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, "walk" if walk else "import", *modules],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    return report["imported"], set(report["loaded"])


def test_importing_the_core_loads_no_qt() -> None:
    imported, loaded = import_in_fresh_interpreter(
        *(f"report_desktop.{name}" for name in CORE_PACKAGES), walk=True
    )
    assert "report_desktop.domain" in imported
    assert not loaded & set(QT_BINDINGS), f"Qt loaded by importing {imported}"


def test_importing_domain_storage_interchange_loads_no_weasyprint() -> None:
    imported, loaded = import_in_fresh_interpreter(
        *(f"report_desktop.{name}" for name in CORE_PACKAGES if name != "render"), walk=True
    )
    assert "weasyprint" not in loaded, f"weasyprint loaded by importing {imported}"


@pytest.mark.parametrize("entry", ["report_desktop.app", "report_desktop.cli"])
def test_entry_points_import_neither_qt_nor_weasyprint(entry: str) -> None:
    """`report-desktop check …` must start fast: Qt and weasyprint are imported when needed."""
    imported, loaded = import_in_fresh_interpreter(entry, walk=False)
    if entry not in imported:
        pytest.skip(f"{entry} does not exist yet")
    heavy = loaded & {*QT_BINDINGS, "weasyprint"}
    assert not heavy, f"importing {entry} loads {sorted(heavy)}"


def storage_imports(tree: ast.AST, depth: int) -> Iterator[tuple[int, str]]:
    """Every import of ``report_desktop.storage`` in a module ``depth`` packages below
    ``report_desktop`` (``ui/x.py``: 1, ``ui/pages/x.py``: 2), relative or absolute."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level == 0:
                named = node.module or ""
            elif node.level == depth + 1:  # relative to the package root
                named = ".".join(["report_desktop", *filter(None, [node.module])])
            else:
                continue
            imported = [named, *(f"{named}.{alias.name}" for alias in node.names)]
            if any(n.split(".")[:2] == ["report_desktop", "storage"] for n in imported):
                yield node.lineno, named
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("report_desktop.storage"):
                    yield node.lineno, alias.name


def test_the_window_reaches_files_only_through_the_workflow_layer() -> None:
    files = sorted((PACKAGE_DIR / "ui").rglob("*.py"))
    assert files
    offenders = [
        f"{path.relative_to(PACKAGE_DIR.parent)}:{line}: {module}"
        for path in files
        for line, module in storage_imports(
            ast.parse(path.read_bytes(), str(path)), len(path.relative_to(PACKAGE_DIR).parts) - 1
        )
    ]
    assert not offenders, "ui imports storage (use report_desktop.workflow):\n" + "\n".join(
        offenders
    )


def test_the_storage_import_check_sees_relative_and_absolute_forms() -> None:
    source = (
        "from ...storage.draft import load_draft\n"
        "from ... import storage\n"
        "import report_desktop.storage.lock\n"
        "from ..fields import TextField\n"
        "from ...workflow.files import read_draft\n"
        "from .storage import nothing_of_ours\n"
    )
    found = list(storage_imports(ast.parse(source), depth=2))
    assert [line for line, _ in found] == [1, 2, 3]
