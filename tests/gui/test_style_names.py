"""A first-time user can tell the styles apart: the 26 built-in styles have names (English and Chinese, from
weights/manifest.toml) and thumbnails that show their strokes; the named paintings come first and the gallery
can show one kind; the selector's names are not cut off; a preset shows the painting it learnt; no jargon."""
import numpy as np
from PIL import Image

from app.gui import i18n
from app.gui.controls import ModelControls
from app.gui.gallery import THUMBNAILS, StyleGallery, preset_title
from app.gui.loss_plot import LossPlot
from app.pipeline import transfer, zoo
from app.pipeline.paths import RESOURCES

from test_gallery import shipped_presets


def test_every_built_in_style_has_a_name_in_both_languages():
    titles = zoo.style_titles()
    assert sorted(titles) == transfer.presets()
    english = [zoo.style_title(n, "en", titles) for n in transfer.presets()]
    chinese = [zoo.style_title(n, "zh_CN", titles) for n in transfer.presets()]
    assert len(set(english)) == 26 and len(set(chinese)) == 26  # no two alike
    assert not any(t.startswith("style") or t[-1].isdigit() for t in english)
    assert all(any("\u4e00" <= c <= "\u9fff" for c in t) for t in chinese)
    assert zoo.style_title("style-07", "en_US", titles) == "Indigo pebbles"  # another English locale: English
    assert zoo.style_title("style-99", "zh_CN", titles) == "style-99"  # unknown: its id


def test_thumbnails_are_small_distinct_crops():
    pictures = []
    for name in transfer.presets():
        path = THUMBNAILS / f"{name}.jpg"
        assert path.stat().st_size <= 16_000
        with Image.open(path) as img:
            assert img.format == "JPEG" and img.size == (160, 160)
            pictures.append(np.asarray(img.convert("L").resize((32, 32)), dtype=float))
    differences = [np.abs(a - b).mean() for i, a in enumerate(pictures) for b in pictures[i + 1:]]
    assert min(differences) > 4  # no two thumbnails alike


def test_built_in_tiles_are_named_and_follow_the_language(qtbot):
    gallery = StyleGallery()
    qtbot.addWidget(gallery)
    gallery.set_presets(transfer.presets())
    tile = gallery.tiles[("preset", "style-07")]
    assert tile.text().replace("\n", " ") == "Indigo pebbles"
    assert tile.toolTip() == "Indigo pebbles\nstyle-07"
    for name in transfer.presets():  # every name fits its tile in two lines, not elided to nothing
        lines = gallery.tiles[("preset", name)].text().split("\n")
        assert len(lines) <= 2 and len("".join(lines).rstrip("…")) > len(preset_title(name)) // 2
    i18n.install_language("zh_CN")
    try:
        qtbot.waitUntil(lambda: tile.text().replace("\n", "") == "靛蓝卵石", timeout=2000)
        assert tile.toolTip() == "靛蓝卵石\nIndigo pebbles\nstyle-07"
    finally:
        i18n.install_language("en")
    qtbot.waitUntil(lambda: tile.text().replace("\n", " ") == "Indigo pebbles", timeout=2000)


def test_paintings_come_first_and_the_gallery_shows_one_kind(qtbot):
    gallery = StyleGallery()
    qtbot.addWidget(gallery)
    gallery.resize(260, 600)
    gallery.show()
    general = zoo.trained_model(RESOURCES / "weights" / "lapstyle-general.safetensors")
    gallery.set_models([general, *shipped_presets()], [])
    gallery.set_presets(transfer.presets())
    qtbot.waitExposed(gallery)
    painting = gallery.tiles[("model", "lapstyle-great-wave")]
    qtbot.waitUntil(painting.isVisible, timeout=2000)  # tiles added to a shown gallery are shown from the loop
    first_builtin = gallery.tiles[("preset", "style-01")]
    assert painting.mapTo(gallery.widget(), painting.rect().topLeft()).y() < \
        first_builtin.mapTo(gallery.widget(), first_builtin.rect().topLeft()).y()
    assert not painting.visibleRegion().isEmpty()  # seen without scrolling
    lapstyle = gallery._sections["lapstyle"][2]
    assert lapstyle.itemAt(lapstyle.count() - 1).widget() is gallery.tiles[("model", "lapstyle-general")]
    combo = gallery.filter_combo
    assert [combo.itemText(i) for i in range(combo.count())] == \
        ["All styles", "Paintings", "Built-in 26", "Mine (fine-tuned)", "Recent style images"]
    gallery.show_kind("builtin")
    assert first_builtin.isVisible() and not painting.isVisible()
    gallery.show_kind("lapstyle")
    assert painting.isVisible() and not first_builtin.isVisible()
    top = gallery.filter_bar.geometry().top()
    gallery.show_kind("mine")  # nothing of its own yet: the hint says how to get some
    assert gallery._sections["mine"][1].isVisible() and not painting.isVisible()
    gallery.verticalScrollBar().setValue(gallery.verticalScrollBar().maximum())
    assert gallery.filter_bar.isVisible() and gallery.filter_bar.geometry().top() == top <= 4  # stays at the top
    gallery.show_kind(None)
    assert painting.isVisible() and first_builtin.isVisible()


def test_the_selector_names_paintings_in_full(qtbot):
    controls = ModelControls(["cpu"])
    qtbot.addWidget(controls)
    general = zoo.trained_model(RESOURCES / "weights" / "lapstyle-general.safetensors")
    models = [m for m in zoo.models() if m.task == "stylize"] + [general, *shipped_presets()]
    controls.set_models(models, keep="lapstyle-great-wave")
    assert controls.model_combo.currentText().strip() == "The Great Wave off Kanagawa"
    assert controls.model_combo.toolTip() == "LapStyle: The Great Wave off Kanagawa (Katsushika Hokusai)"
    view, items = controls.model_combo.view(), controls.model_items
    texts = [items.item(row).text() for row in range(items.rowCount())]
    assert "   Mosaic" in texts and "   Woodcut" in texts and "   Any style image" in texts  # the general model
    assert not any("Herringbone" in t or "Camille" in t for t in texts)
    widest = max(view.fontMetrics().horizontalAdvance(t) for t in texts)
    assert view.minimumWidth() >= widest  # the open list cuts no name off
    row = controls._row("lapstyle-woodcut")
    assert items.item(row).toolTip().startswith("LapStyle: Woodcut (Felix Vallotton)")


def test_the_pyramid_and_the_losses_in_plain_words(qtbot):
    controls = ModelControls(["cpu"])
    qtbot.addWidget(controls)
    controls.set_models(shipped_presets(), keep="lapstyle-scream")
    controls.show_output_size((1000, 750))
    note = controls.levels_note.text()
    assert note.startswith("Painted at ") and "refined" in note
    assert not any(word in note for word in ("Pyramid", "draft", "revision"))
    plot = LossPlot()
    qtbot.addWidget(plot)
    assert [plot.legend(n) for n in ("content", "remd", "relt", "swag", "tv")] == \
        ["content", "style match", "layout", "strokes", "smoothness"]
    assert plot.legend("new_term") == "new_term"


def test_a_preset_shows_the_painting_it_learnt(qtbot, settings, monkeypatch):
    from app.gui.main_window import MainWindow

    monkeypatch.setenv("HUAFENG_WEIGHTS", str(RESOURCES / "weights"))  # the shipped presets
    win = MainWindow(settings=settings)
    qtbot.addWidget(win)
    win.show()
    try:
        win.gallery.tiles[("model", "lapstyle-great-wave")].click()
        assert win.controls.model_id() == "lapstyle-great-wave"
        assert win.style_pane.info.text() == "The Great Wave off Kanagawa"
        shown = win.style_pane.thumb.pixmap()
        with Image.open(RESOURCES / "weights" / "lapstyle-great-wave.painting.jpg") as img:
            wide = img.width / img.height
        assert abs(shown.width() / shown.height() - wide) < 0.05  # the painting, not the square thumbnail
        win.gallery.tiles[("preset", "style-20")].click()
        assert win.style_pane.info.text() == "Built-in style: Starry blue strokes"
    finally:
        win.close()
    for model in shipped_presets():  # every preset we ship carries its painting
        assert (RESOURCES / "weights" / f"{model.id}.painting.jpg").is_file()
