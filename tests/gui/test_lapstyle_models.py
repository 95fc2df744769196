"""LapStyle models in the window: a preset (trained on one painting) is a gallery tile that paints with the
style it carries, no style image needed; a general model (many paintings) is a model to use with any style
image, listed in the selector but not among the styles."""
import numpy as np
import pytest

from app.pipeline import training

from guitools import wait_loaded, wait_render

TINY = {"size": 32, "levels": 2, "preview_side": 64, "preview_every": 0, "batch": {"draft": 1, "net_rev": 1},
        "steps": {"draft": 1, "net_rev": 1, "net_rev_2": 1}, "weights": {"identity1": 0.0, "identity2": 0.0}}


@pytest.fixture
def lapstyle_models(tmp_path, kit):
    """lapstyle-wave (a preset) and lapstyle-any (a general model), installed into the weights folder."""
    photos = tmp_path / "photos"
    photos.mkdir()
    for path in sorted((kit / "content").glob("train_*.jpg"))[:2]:
        (photos / path.name).write_bytes(path.read_bytes())
    paintings = kit / "style"
    for name, style in (("wave", paintings / "hokusai_the_great_wave_off_kanagawa_c1831.jpg"), ("any", paintings)):
        list(training.train("lapstyle", {**TINY, "name": name, "style": str(style), "content": str(photos)},
                            tmp_path / "runs" / name, "cpu"))


def test_a_preset_paints_with_its_own_style_and_a_general_model_is_only_a_model(qtbot, window, photo,
                                                                                 lapstyle_models):
    window.refresh_models()
    assert ("model", "lapstyle-wave") in window.gallery.tiles
    assert ("model", "lapstyle-any") not in window.gallery.tiles
    assert window.controls._row("lapstyle-any") >= 0  # in the model selector
    window.open_content(photo)
    wait_loaded(qtbot, window)
    assert window.style_image is None
    window.gallery.tiles[("model", "lapstyle-wave")].click()
    assert window.controls.model_id() == "lapstyle-wave"
    assert window.style_pane.isEnabled()
    assert window.controls.levels.isVisible() and window.controls.levels.text() == "By size"
    window.render()
    wait_render(qtbot, window)
    result = window.current
    assert result.size == (320, 213) and result.label == "lapstyle-wave" and np.std(result.rgb) > 1
    label = window.history.item(0).text()  # its number and title (the middle elided), then strength and size
    assert label.startswith("1. hok") and label.endswith("\n100 % · 320 px")

    assert window.controls.levels_note.text() == "Painted at 160 px, then refined once for detail"
    window.controls.levels.setValue(2)  # the pyramid can be chosen: two levels draft at half the size
    assert window.controls.levels_note.text() == "Painted at 80 px, then refined 2 times for detail"
    assert window.controls.state()["levels"] == 2
    window.render()
    qtbot.waitUntil(lambda: window.current is not result and window.current is not None, timeout=60000)
    assert np.abs(window.current.rgb.astype(int) - result.rgb).mean() > 1
    window.controls.select_model("arbitrary")
    assert not window.controls.levels.isVisible()
