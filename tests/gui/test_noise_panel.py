"""The noise panel: the original demo.py with a live crop, applied before stylizing, and undone by Restore."""
import os
import shutil
from pathlib import Path

import cv2
import numpy as np

from app.gui.images import from_qimage
from app.gui.noise_panel import CROP_H, CROP_W, center_crop
from app.pipeline import transfer
from app.pipeline.degrade import degrade, despeckle
from app.pipeline.tensors import fit_max_side
from app.pipeline.training.metrics import psnr

from guitools import pixels, wait_loaded, wait_preview, wait_render

REPO = Path(__file__).resolve().parents[2]


def crop_pixels(panel):
    return from_qimage(panel.crop.pixmap().toImage())


def test_the_live_crop_shows_the_exact_damage_and_follows_every_setting(qtbot, window, photo):
    panel = window.noise_panel
    window.tabs.setCurrentIndex(1)
    assert "Open a photo" in panel.crop.text()
    window.open_content(photo)
    wait_loaded(qtbot, window)
    panel.prob.setValue(0.2)
    panel.kernel.setValue(0)
    panel.seed.setValue(3)
    working = fit_max_side(pixels(photo), window.controls.max_side())
    expected = center_crop(degrade(working, 0.2, 0, 3), CROP_W, CROP_H)
    qtbot.waitUntil(lambda: panel.crop.pixmap() is not None and np.array_equal(crop_pixels(panel), expected),
                    timeout=10000)
    panel.kernel.setValue(5)       # the blur smooths the salt and pepper
    expected = center_crop(degrade(working, 0.2, 5, 3), CROP_W, CROP_H)
    qtbot.waitUntil(lambda: np.array_equal(crop_pixels(panel), expected), timeout=10000)
    assert panel.prob_slider.value() == 200
    panel.prob_slider.setValue(100)  # the slider and the number move together
    assert panel.prob.value() == 0.1
    for tiny in [(1, 1), (15, 200)]:  # under the 16 px minimum: said, not the old crop, whatever OpenCV does
        panel.set_content(np.zeros((*tiny, 3), np.uint8), None)
        qtbot.waitUntil(lambda: panel.crop.pixmap() is None and "too small" in panel.crop.text(), timeout=10000)
        panel.set_content(working, None)
        qtbot.waitUntil(lambda: panel.crop.pixmap() is not None, timeout=10000)


def test_noise_applies_before_stylizing_and_restore_undoes_it(qtbot, window, photo):
    panel = window.noise_panel
    window.open_content(photo)
    wait_loaded(qtbot, window)
    window.choose_preset("style-06")
    wait_preview(qtbot, window)
    clean = from_qimage(window.view.before.toImage())
    panel.prob.setValue(0.1)
    panel.kernel.setValue(0)
    with qtbot.waitSignal(window.renderer.previewReady, timeout=60000):  # the preview with noise
        panel.enabled_box.setChecked(True)
    wait_preview(qtbot, window)
    noisy = from_qimage(window.view.before.toImage())
    assert noisy.shape == clean.shape and np.abs(noisy.astype(int) - clean).mean() > 5
    window.render()
    wait_render(qtbot, window)
    assert "noise 0.1, blur 0" in window.current.summary

    panel.restore_model.setCurrentIndex(panel.restore_model.findData("waifu2x-photo-n3"))
    panel.restore_button.click()
    wait_render(qtbot, window)
    restored = window.current
    assert restored.label == "waifu2x-photo-n3" and restored.size == (640, 426)  # denoised and doubled
    assert "Steps: remove the dots (median filter), then Denoise 3 + upscale 2x" in restored.details
    damaged = degrade(pixels(photo), 0.1, 0, panel.seed.value())
    assert np.array_equal(restored.rgb, transfer.restore(despeckle(damaged), "waifu2x-photo-n3"))  # dots out first
    assert np.array_equal(from_qimage(restored.before), damaged)
    back = cv2.resize(restored.rgb, (320, 213), interpolation=cv2.INTER_AREA)
    assert psnr(back, pixels(photo)) > psnr(damaged, pixels(photo)) + 12  # the damage is undone, not kept
    assert window.history.count() == 2


def test_restoration_models_are_offered_under_what_they_are_for(window):
    combo = window.noise_panel.restore_model
    entries = [(combo.itemText(i).strip(), combo.itemData(i), combo.model().item(i).isEnabled())
               for i in range(combo.count())]
    headings = [text for text, data, enabled in entries if data is None]
    assert headings[-2:] == ["Upscale a clean photo", "Light denoising and 2x"]
    assert all(not enabled for text, data, enabled in entries if data is None)  # headings cannot be chosen
    upscale = entries.index(("Upscale a clean photo", None, False))
    assert entries[upscale + 1][1] == "waifu2x-photo-x2"
    assert [data for text, data, enabled in entries[-4:]] == [f"waifu2x-photo-n{n}" for n in range(4)]
    assert combo.currentData() is not None  # a model, never a heading, is chosen


def test_restore_with_the_dot_finder_undoes_blurred_dots_and_says_so(qtbot, window, photo):
    """The noise panel, which knows its damage, offers the dot finder; the model selector, which does not, leaves it
    out."""
    weights = Path(os.environ["HUAFENG_WEIGHTS"])  # the shipped model, in the test's own weights folder
    weights.mkdir(exist_ok=True)
    for path in (REPO / "weights").glob("dotfinder-clean.*"):
        shutil.copy(path, weights)
    window.refresh_models()
    panel = window.noise_panel
    assert panel.restore_model.findData("dotfinder-clean") > 0
    assert "dotfinder-clean" not in [m.id for m in window.controls._all]
    panel.restore_model.setCurrentIndex(panel.restore_model.findData("dotfinder-clean"))
    window.open_content(photo)
    wait_loaded(qtbot, window)
    window.tabs.setCurrentIndex(1)
    panel.prob.setValue(0.05)
    panel.kernel.setValue(3)
    panel.enabled_box.setChecked(True)
    panel.restore_button.click()
    wait_render(qtbot, window)
    restored = window.current
    assert restored.label == "dotfinder-clean"
    assert "Steps: undo the blur and the blurred dots (Dot finder: clean noise and blur)" in restored.details
    damaged = from_qimage(restored.before)
    assert np.array_equal(damaged, degrade(fit_max_side(pixels(photo), window.controls.max_side()), 0.05, 3,
                                           panel.seed.value()))
    assert psnr(restored.rgb, pixels(photo)) > psnr(damaged, pixels(photo)) + 3
