"""The batch dialog: broken files reported and skipped, resume after cancel, originals never touched."""
import hashlib

import numpy as np
import pytest

from app.gui import batch_plan
from app.pipeline.degrade import degrade
from app.pipeline.errors import UserError

from guitools import pixels, wait_loaded


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def photos(album):
    """Four good photos (one in a subfolder), a truncated JPEG and a text file named .jpg."""
    folder, good = album
    broken = folder / "broken.jpg"
    broken.write_bytes(good[0].read_bytes()[:1500])
    (folder / "notes.jpg").write_text("not a picture", encoding="utf-8")
    return folder, good


@pytest.fixture
def dialog(qtbot, window):
    window.choose_preset("style-09")
    window.controls.size_combo.setCurrentIndex(window.controls.size_combo.findData(0))
    window.controls.format_combo.setCurrentIndex(1)  # JPEG: the batch writes the main window's type
    return window.open_batch()


def run(qtbot, dialog, timeout=60000):
    dialog.start()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=timeout)
    return dialog.report.toPlainText()


def test_a_broken_file_among_good_ones_is_reported_and_the_rest_written(qtbot, dialog, photos, tmp_path):
    folder, good = photos
    before = {p: digest(p) for p in folder.rglob("*") if p.is_file()}
    out = tmp_path / "out"
    dialog.set_folder(folder)
    dialog.recursive.setChecked(True)
    dialog.out_edit.setText(str(out))
    report = run(qtbot, dialog)
    assert "4 written, 0 skipped (already there), 2 failed." in report
    assert "broken.jpg: damaged or truncated" in report and "notes.jpg: not an image" in report
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.jpg"))
    assert written == ["p0_style-09.jpg", "p1_style-09.jpg", "p2_style-09.jpg", "sub/deep_style-09.jpg"]
    assert pixels(out / "p0_style-09.jpg").shape == pixels(good[0]).shape
    assert {p: digest(p) for p in folder.rglob("*") if p.is_file()} == before  # originals untouched
    assert not [p for p in out.rglob(".*")], "no temporary files left behind"


def test_cancel_then_resume_skips_what_is_done(qtbot, dialog, photos, tmp_path):
    folder, good = photos
    out = tmp_path / "out"
    dialog.set_files(good)
    dialog.out_edit.setText(str(out))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.overall_bar.value() >= 1, timeout=60000)
    dialog.cancel()
    assert dialog.task is None and dialog.start_button.isEnabled()
    assert "Cancelled" in dialog.report.toPlainText()
    qtbot.wait(300)  # the detached worker stops at its next check
    done = {p.name: p.stat().st_mtime_ns for p in out.glob("*.jpg")}
    assert 1 <= len(done) < 4
    report = run(qtbot, dialog)
    assert f"{4 - len(done)} written, {len(done)} skipped (already there), 0 failed." in report
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.jpg") if p.name in done} == done
    assert len(list(out.glob("*.jpg"))) == 4


def test_noise_only_writes_exactly_the_seeds_damage(qtbot, window, photos, tmp_path):
    folder, good = photos
    window.noise_panel.prob.setValue(0.08)
    window.noise_panel.kernel.setValue(4)
    window.noise_panel.seed.setValue(7)
    window.noise_panel.folder_button.click()  # "Apply to a folder…" opens the batch dialog for noise only
    dialog = window._batch
    assert dialog.noise_radio.isChecked() and dialog.isVisible()
    dialog.set_folder(folder)
    dialog.out_edit.setText(str(tmp_path / "noisy"))
    dialog.suffix.setCurrentIndex(dialog.suffix.findData(".png"))
    run(qtbot, dialog)
    out = pixels(tmp_path / "noisy" / "p1_noise.png")
    assert np.array_equal(out, degrade(pixels(good[1]), 0.08, 4, 7))


def test_the_input_folder_is_refused_unless_allowed_and_originals_are_never_overwritten(qtbot, dialog, photos):
    folder, good = photos
    dialog.set_folder(folder)
    dialog.out_edit.setText(str(folder))
    dialog.noise_radio.setChecked(True)
    assert "output folder is the input folder" in run(qtbot, dialog)
    dialog.allow_input.setChecked(True)
    dialog.pattern.setText("{name}")  # every target would be its own original
    before = {p: digest(p) for p in folder.rglob("*") if p.is_file()}
    report = run(qtbot, dialog)
    assert "0 written" in report and report.count("is one of the input images") == 5  # all five in the folder
    assert {p: digest(p) for p in folder.rglob("*") if p.is_file()} == before


def test_plain_messages_for_an_empty_folder_a_read_only_folder_and_a_bad_pattern(qtbot, dialog, tmp_path, photos,
                                                                                  read_only_dir):
    empty = tmp_path / "empty"
    empty.mkdir()
    dialog.set_folder(empty)
    dialog.out_edit.setText(str(tmp_path / "out"))
    assert "no images here" in run(qtbot, dialog)
    dialog.set_folder(photos[0])
    dialog.out_edit.setText(str(read_only_dir))
    assert "cannot write into this folder" in run(qtbot, dialog)
    dialog.out_edit.setText(str(tmp_path / "out"))
    dialog.pattern.setText("{style}")
    assert "needs {name} or {n}" in run(qtbot, dialog)
    dialog.pattern.setText("{name}_{colour}")
    assert "Unknown field {colour}" in run(qtbot, dialog)
    assert "Unknown field {colour}" in dialog.example.text()  # said before Start, too


def test_plan_keeps_subfolders_and_never_collides(tmp_path):
    a, b = tmp_path / "a.jpg", tmp_path / "x" / "a.png"
    pairs = batch_plan.plan([a, b], tmp_path / "out", "{name}", ".jpg", root=tmp_path)
    assert pairs == [(a, tmp_path / "out" / "a.jpg"), (b, tmp_path / "out" / "x" / "a.jpg")]
    flat = batch_plan.plan([a, b], tmp_path / "out", "{name}_{style}", None, style="星空/夜")
    assert [t.name for _, t in flat] == ["a_星空_夜.jpg", "a_星空_夜.png"]
    same = batch_plan.plan([a, tmp_path / "y" / "a.jpg"], tmp_path / "out", "{name}")
    assert [t.name for _, t in same] == ["a.jpg", "a (2).jpg"]
    with pytest.raises(UserError, match="must not contain"):
        batch_plan.plan([a], tmp_path, "../{name}")


def test_dropping_several_files_on_the_window_opens_the_batch(qtbot, window, photos):
    from guitools import drop_files

    folder, good = photos
    drop_files(window, good[:3])
    dialog = window._batch
    assert dialog.isVisible() and dialog.files_radio.isChecked() and dialog.files_list.count() == 3
    window.open_content(good[0])
    wait_loaded(qtbot, window)


def test_the_summary_follows_the_main_windows_settings_while_open(window, dialog):
    assert dialog.style_summary.text().startswith("style-09 · 26 built-in styles")
    window.controls.select_model("vintage")
    assert dialog.style_summary.text().startswith("Vintage photo")
    assert dialog.example.text() == "e.g. photo_vintage.jpg"


def test_the_report_follows_a_language_switch(qtbot, dialog, photos, tmp_path):
    """A refused start's report survives a switch to Chinese; failed files are then explained in Chinese."""
    from app.gui import i18n

    folder, _ = photos
    dialog.set_folder(tmp_path / "nowhere")
    dialog.out_edit.setText(str(tmp_path / "out"))
    dialog.start()
    assert "no such folder" in dialog.report.toPlainText() and dialog.task is None
    i18n.install_language("zh_CN")
    try:
        qtbot.waitUntil(lambda: dialog.start_button.text() == "开始", timeout=2000)
        assert "no such folder" in dialog.report.toPlainText()  # said once, in the language of the moment
        dialog.set_folder(folder)
        report = run(qtbot, dialog)
        assert "notes.jpg: 不是画风能读取的图片（JPEG、PNG、BMP、TIFF、WebP）" in report
        assert "broken.jpg: 图片已损坏或不完整（" in report
    finally:
        i18n.install_language("en")
