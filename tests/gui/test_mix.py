"""Two styles mixed with a slider: built-in styles with built-in styles, style images with style images."""
import numpy as np

from guitools import wait_loaded, wait_render


def render(qtbot, window):
    window.render()
    wait_render(qtbot, window)
    return window.current.rgb.astype(int)


def test_two_built_in_styles_mix_from_the_gallery(qtbot, window, photo):
    window.open_content(photo)
    wait_loaded(qtbot, window)
    window.choose_preset("style-20")
    only_second = render(qtbot, window)
    window.choose_preset("style-07")
    only_first = render(qtbot, window)
    assert not window.controls.mix.isVisible()
    mix = window.gallery.tiles[("preset", "style-20")].actions()[0]
    assert mix.text() == "Mix with the current style"
    mix.trigger()  # the tile's right-click menu
    assert window.controls.mix.isVisible() and window.controls.mix_label.text() == "Mixed with Starry blue strokes"
    window.controls.mix.setValue(100)
    assert np.abs(render(qtbot, window) - only_second).max() <= 1
    window.controls.mix.setValue(50)
    half = render(qtbot, window)
    assert np.abs(half - only_first).mean() > 3 and np.abs(half - only_second).mean() > 3
    assert "Mixed with Starry blue strokes: 50 %" in window.history.item(0).toolTip()
    window.controls.mix_clear.click()
    assert not window.controls.mix.isVisible()
    assert np.abs(render(qtbot, window) - only_first).max() <= 1


def test_a_style_image_mixes_only_with_a_style_image(qtbot, window, photo, painting):
    window.open_content(photo)
    window.open_style(painting)
    wait_loaded(qtbot, window)
    wait_loaded(qtbot, window, "style")
    window.gallery.tiles[("preset", "style-20")].actions()[0].trigger()  # a built-in style with a style image
    assert not window.controls.mix.isVisible() and "two style images" in window.message.text()
