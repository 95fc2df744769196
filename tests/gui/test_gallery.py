"""The style gallery's tiles say what a model paints in a width of 84 px: the painting's name, on two lines."""
from pathlib import Path

from app.gui import i18n
from app.gui.controls import ModelControls
from app.gui.gallery import ICON, StyleGallery
from app.pipeline import zoo
from app.pipeline.zoo import short_title
from app.pipeline.paths import RESOURCES


def test_short_title_keeps_the_name():
    assert short_title("LapStyle: The Scream (Edvard Munch)") == "The Scream"
    assert short_title("LapStyle: my_style (trained 300 steps)") == "my_style"
    assert short_title("LapStyle: general, 25 paintings") == "general, 25 paintings"
    assert short_title("Vintage photo (CycleGAN)") == "Vintage photo"


def _lines_fit(button, text, most=2):
    lines = button.text().split("\n")
    assert 1 <= len(lines) <= most and all(button.fontMetrics().horizontalAdvance(line) <= ICON + 8 for line in lines)
    shown = "".join(lines).rstrip("…")
    assert text.replace(" ", "").startswith(shown.replace(" ", "")) and len(shown) > len(text) // 3
    return lines


def shipped_presets():
    models = [zoo.trained_model(path) for path in sorted((RESOURCES / "weights").glob("lapstyle-*.safetensors"))]
    return [m for m in models if m.own_style]


def test_model_and_file_tiles_show_readable_names(qtbot):
    gallery = StyleGallery()
    qtbot.addWidget(gallery)
    presets = shipped_presets()
    assert {"lapstyle-starry-night", "lapstyle-great-wave"} <= {m.id for m in presets}
    gallery.set_models(presets, [])
    for model in presets:
        button = gallery.tiles[("model", model.id)]
        _lines_fit(button, short_title(model.title), 3)  # a painting's name takes up to three lines
        assert model.title in button.toolTip()
    wave = gallery.tiles[("model", "lapstyle-great-wave")]
    assert wave.text().split("\n")[0].startswith("The Great")  # broken at a space, not elided mid-word
    assert "…" not in wave.text()  # in full
    long_name = Path("van_gogh_the_starry_night_over_the_rhone_1888.jpg")
    gallery.set_recent_styles([long_name])
    assert len(_lines_fit(gallery.tiles[("file", long_name)], long_name.stem)) == 2  # a file name is broken too
    gallery.stop()


def test_preset_tiles_follow_the_language(qtbot):
    gallery = StyleGallery()
    qtbot.addWidget(gallery)
    presets = shipped_presets()
    assert all("zh_CN" in m.titles for m in presets)  # every shipped card names its painting in Chinese
    gallery.set_models(presets, [])
    controls = ModelControls(["cpu"])  # the model selector names them the same way
    qtbot.addWidget(controls)
    controls.set_models(presets, keep="lapstyle-starry-night")
    tile = gallery.tiles[("model", "lapstyle-starry-night")]
    assert tile.text().replace("\n", " ") == "The Starry Night"
    i18n.install_language("zh_CN")
    try:
        qtbot.waitUntil(lambda: tile.text() == "星月夜", timeout=2000)  # LanguageChange is posted
        assert controls.model_combo.currentText().strip() == "星月夜"  # short under its header; whole in the tip
        assert controls.model_combo.toolTip() == "LapStyle: 星月夜 (梵高)"
        assert tile.toolTip().startswith("LapStyle: 星月夜 (梵高)\nLapStyle: The Starry Night (Vincent van Gogh)")
        assert gallery.tiles[("model", "lapstyle-great-wave")].text().replace("\n", "") == "神奈川冲浪里"
    finally:
        i18n.install_language("en")
    qtbot.waitUntil(lambda: tile.text().replace("\n", " ") == "The Starry Night", timeout=2000)
    assert controls.model_combo.currentText().strip() == "The Starry Night"
    assert controls.model_combo.toolTip() == "LapStyle: The Starry Night (Vincent van Gogh)"
