"""The direction of imports: app.gui -> app.pipeline -> models. Qt only in app/gui; models never imports app."""
import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
QT = ("PyQt5", "PyQt6", "PySide2", "PySide6", "qtpy", "qdarkstyle", "pytestqt")


def imported_modules(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative import: resolve against the file's package
                package = path.relative_to(REPO).parent.parts
                base = ".".join(package[: len(package) - node.level + 1])
                yield f"{base}.{node.module}" if node.module else base
            else:
                yield node.module


def sources(folder):
    return sorted((REPO / folder).rglob("*.py"))


@pytest.mark.parametrize("path", sources("models") + sources("app/pipeline"), ids=str)
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
