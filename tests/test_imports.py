"""The direction of imports: app.gui -> app.pipeline -> models. Qt only in app/gui; models never imports app."""
import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
QT = ("PyQt5", "PyQt6", "PySide2", "PySide6", "qtpy", "qdarkstyle", "pytestqt")


def imports_in(text: str, package: tuple):
    """Every module the code imports, and for ``from X import y`` also ``X.y`` (y may be a module)."""
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module
            if node.level:  # relative import: resolve against the file's package
                base = ".".join(package[: len(package) - node.level + 1] + ((node.module,) if node.module else ()))
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)


def imported_modules(path: Path):
    return imports_in(path.read_text(encoding="utf-8"), path.relative_to(REPO).parent.parts)


def sources(folder):
    return sorted((REPO / folder).rglob("*.py"))


@pytest.mark.parametrize("path", sources("models") + [p for p in sources("app") if "gui" not in p.parts], ids=str)
def test_no_qt_outside_gui(path):
    bad = [m for m in imported_modules(path) if m.split(".")[0] in QT]
    assert not bad, f"{path} imports Qt: {bad}"


@pytest.mark.parametrize("path", sources("models"), ids=str)
def test_models_do_not_import_app(path):
    bad = [m for m in imported_modules(path) if m.split(".")[0] == "app"]
    assert not bad, f"{path} imports {bad}"


@pytest.mark.parametrize("path", sources("app/pipeline"), ids=str)
def test_pipeline_does_not_import_gui(path):
    bad = [m for m in imported_modules(path) if m.startswith("app.gui")]
    assert not bad, f"{path} imports {bad}"


def test_the_checker_sees_imports():
    """The walker must catch every import form (nested, relative), or the tests above could never fail."""
    assert {"PyQt5.QtWidgets", "app.gui.main_window"} <= set(imported_modules(REPO / "app" / "gui" / "launch.py"))
    found = set(imported_modules(REPO / "app" / "gui" / "main_window.py"))
    assert "PyQt5.QtCore" in found and "app.pipeline.errors" in found
    assert "app.gui" in set(imports_in("from .. import gui", ("app", "pipeline")))
    assert "app.gui.recipe" in set(imports_in("def f():\n    from ..gui import recipe", ("app", "pipeline")))
