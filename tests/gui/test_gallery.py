"""The style gallery's tiles say what a model paints in a width of 84 px: the painting's name, on two lines."""
from pathlib import Path

from app.gui.gallery import ICON, StyleGallery, tile_label
from app.pipeline import zoo
from app.pipeline.paths import REPO


def test_tile_label_keeps_the_name():
    assert tile_label("LapStyle: The Scream (Edvard Munch)") == "The Scream"
    assert tile_label("LapStyle: my_style (trained 300 steps)") == "my_style"
    assert tile_label("LapStyle: general, 25 paintings") == "general, 25 paintings"
    assert tile_label("Vintage photo (CycleGAN)") == "Vintage photo"


def _lines_fit(button, text):
    lines = button.text().split("\n")
    assert 1 <= len(lines) <= 2 and all(button.fontMetrics().horizontalAdvance(line) <= ICON + 8 for line in lines)
    shown = "".join(lines).rstrip("…")
    assert text.replace(" ", "").startswith(shown.replace(" ", "")) and len(shown) > len(text) // 3
    return lines


def test_model_and_file_tiles_show_readable_names(qtbot):
    gallery = StyleGallery()
    qtbot.addWidget(gallery)
    presets = [zoo.trained_model(path) for path in sorted((REPO / "weights").glob("lapstyle-*.safetensors"))]
    presets = [m for m in presets if m.own_style]  # the presets we ship
    assert {"lapstyle-starry-night", "lapstyle-great-wave"} <= {m.id for m in presets}
    gallery.set_models(presets, [])
    for model in presets:
        button = gallery.tiles[("model", model.id)]
        _lines_fit(button, tile_label(model.title))
        assert model.title in button.toolTip()
    wave = gallery.tiles[("model", "lapstyle-great-wave")]
    assert wave.text().split("\n")[0].startswith("The Great")  # broken at a space, not elided mid-word
    long_name = Path("van_gogh_the_starry_night_over_the_rhone_1888.jpg")
    gallery.set_recent_styles([long_name])
    assert len(_lines_fit(gallery.tiles[("file", long_name)], long_name.stem)) == 2  # a file name is broken too
    gallery.stop()
