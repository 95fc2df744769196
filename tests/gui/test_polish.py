"""First-time polish: the zoom shortcut as people type it, recent files that fit their menus, Help ▸ About, and the
first Save as beside the photo under a short name."""
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PyQt5.QtGui import QKeySequence
from PyQt5.QtWidgets import QFileDialog

from app.gui.image_pane import RECENT_WIDTH
from app.gui.settings import data_dir
from app.pipeline import paths, zoo

from guitools import small_copy, wait_loaded, wait_render


def test_zoom_in_reads_ctrl_equals_everywhere(window):
    action = window.zoom_in_action
    shown = action.shortcut().toString(QKeySequence.NativeText)
    assert shown == "Ctrl+=" and "Ctrl+=" in action.toolTip() and "Ctrl++" not in action.toolTip()
    assert "Ctrl++" in [s.toString() for s in action.shortcuts()]  # still works when typed with Shift
    assert action in window.view_menu.actions()


def test_recent_files_are_elided_in_the_middle_of_the_path(qtbot, window, kit, tmp_path):
    deep = tmp_path.joinpath("a rather long folder name", "holidays in the mountains 2023", "day three", "morning")
    deep.mkdir(parents=True)
    photo = small_copy(kit / "content/test_chelsea.jpg", deep / "the cat on the garden wall at dawn.jpg")
    window.settings.add_recent("content", photo)
    window.settings.add_recent("style", photo)
    window._update_recent()
    for menu in (window.recent_menu, window.content_pane.recent_menu, window.style_pane.recent_menu):
        action = menu.actions()[0]
        text = action.text()
        assert text.endswith(os.sep + photo.name) and "…" in text       # the name whole, folders left out
        assert menu.fontMetrics().horizontalAdvance(text) <= RECENT_WIDTH
        assert action.toolTip() == str(photo.resolve()) and menu.toolTipsVisible()


def test_help_about_names_version_licenses_and_places(qtbot, window):
    assert [a.text() for a in window.help_menu.actions()] == ["About Huafeng"]
    version = paths.version()
    assert version == "0.9.0" or version[0].isdigit()
    dialog = window.show_about()
    qtbot.waitExposed(dialog)
    text = dialog.text.toPlainText()
    assert f"Huafeng 画风 {version}" in text
    for model in zoo.models():
        assert model.id in text and model.license in text and model.source in text
    for where in (window.settings.store.fileName(), str(data_dir()), str(paths.cache_dir())):
        assert where in text
    dialog.close()


def test_version_comes_from_pyproject_in_a_checkout():
    import tomllib

    project = tomllib.loads((paths.RESOURCES / "pyproject.toml").read_text(encoding="utf-8"))
    try:
        from importlib.metadata import version
        expected = version("huafeng")
    except Exception:
        expected = project["project"]["version"]
    assert paths.version() == expected


def asked_folder(window, monkeypatch, result):
    """What the first Save as offers: the suggested path (the dialog is answered with Cancel)."""
    offered = []

    def dialog(parent, caption, directory, *args):
        offered.append(Path(directory))
        return "", ""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    window.save_as(result)
    return offered[0]


def test_the_first_save_as_opens_beside_the_photo_with_a_short_name(qtbot, window, kit, tmp_path, monkeypatch):
    folder = tmp_path / "trip"
    folder.mkdir()
    photo = small_copy(kit / "content/test_chelsea.jpg", folder / "IMG_20230514_181512_the_cat_in_the_garden.jpg")
    name = "van_gogh_the_starry_night_1889.jpg"
    style = small_copy(kit / "style" / name, tmp_path / name, 256)
    window.open_content(photo)
    window.open_style(style)
    wait_loaded(qtbot, window)
    wait_loaded(qtbot, window, "style")
    window.render()
    wait_render(qtbot, window)
    offered = asked_folder(window, monkeypatch, window.current)
    assert offered.parent == folder
    assert offered.name == "IMG_20230514_181512_van_gogh_the_starry_arbitrary.png"


@pytest.fixture
def photo_on_read_only_card(tmp_path, kit):
    folder = tmp_path / "card"
    folder.mkdir()
    photo = small_copy(kit / "content/test_chelsea.jpg", folder / "cat.jpg")
    folder.chmod(0o555)
    immutable = os.geteuid() == 0
    if immutable and (not shutil.which("chattr") or subprocess.run(["chattr", "+i", str(folder)]).returncode):
        folder.chmod(0o755)
        pytest.skip("running as root and this file system cannot make a folder immutable")
    yield photo
    if immutable:
        subprocess.run(["chattr", "-i", str(folder)])
    folder.chmod(0o755)


def test_a_photo_on_a_read_only_card_saves_into_pictures(qtbot, window, photo_on_read_only_card, tmp_path,
                                                        monkeypatch):
    from PyQt5.QtCore import QStandardPaths

    pictures = tmp_path / "Pictures"
    pictures.mkdir()
    real = QStandardPaths.writableLocation
    monkeypatch.setattr(QStandardPaths, "writableLocation",
                        lambda kind: str(pictures) if kind == QStandardPaths.PicturesLocation else real(kind))
    window.open_content(photo_on_read_only_card)
    wait_loaded(qtbot, window)
    window.choose_preset("style-07")
    window.render()
    wait_render(qtbot, window)
    offered = asked_folder(window, monkeypatch, window.current)
    assert offered == pictures / "cat_style-07_multistyle26.png"
