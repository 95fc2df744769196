"""English and Simplified Chinese: every tr() string is translated, the .qm matches the .ts, the app switches."""
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PyQt5.QtCore import QCoreApplication, QTranslator

from app.gui import i18n
from app.gui.main_window import MainWindow

REPO = Path(__file__).resolve().parents[2]
TS = REPO / "assets" / "translations" / "huafeng_zh_CN.ts"


def messages(ts_path):
    """{(context, source): translation or None when unfinished}."""
    found = {}
    for context in ET.parse(ts_path).getroot().iter("context"):
        name = context.find("name").text
        for message in context.iter("message"):
            translation = message.find("translation")
            done = translation.get("type") not in ("unfinished", "obsolete", "vanished")
            found[(name, message.find("source").text)] = translation.text if done else None
    return found


@pytest.fixture(scope="module")
def committed():
    return messages(TS)


def test_every_string_in_the_code_is_in_the_ts_file_and_translated(tmp_path, committed):
    pylupdate = shutil.which("pylupdate5", path=str(Path(sys.executable).parent)) or shutil.which("pylupdate5")
    assert pylupdate, "pylupdate5 comes with PyQt5"
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (REPO / "app" / "gui").glob("*.py"))
    subprocess.run([pylupdate, *sources, "-ts", str(fresh)], check=True, capture_output=True)
    in_code = set(messages(fresh))
    assert in_code - set(committed) == set(), "run pylupdate5 (see assets/translations/README.md)"
    assert set(committed) - in_code == set(), "the .ts file has strings the code no longer uses"
    assert [key for key, text in committed.items() if not text] == []


def test_placeholders_survive_translation(committed):
    import string

    def fields(text):
        return sorted(f for _, f, _, _ in string.Formatter().parse(text) if f)
    bad = [(source, text) for (_, source), text in committed.items() if fields(source) != fields(text)]
    assert bad == []


def test_the_compiled_qm_matches_the_ts(committed, qapp):
    translator = QTranslator()
    assert translator.load(str(TS.with_suffix(".qm")))
    qapp.installTranslator(translator)  # QCoreApplication.translate takes UTF-8 sources (QTranslator's: ASCII)
    try:
        wrong = [(ctx, src) for (ctx, src), text in committed.items()
                 if QCoreApplication.translate(ctx, src) != text]
    finally:
        qapp.removeTranslator(translator)
    assert wrong == [], "run lrelease (see assets/translations/README.md)"


def test_switching_language_in_the_running_app(qtbot, settings):
    win = MainWindow(settings=settings)
    qtbot.addWidget(win)
    try:
        win.language_actions["zh_CN"].trigger()
        qtbot.waitUntil(lambda: win.render_button.text() == "渲染", timeout=2000)  # LanguageChange is posted
        assert win.file_menu.title() == "文件(&F)"
        assert win.content_pane.title.text() == "照片" and win.controls.model_box.title() == "模型"
        assert win.tabs.tabText(1) == "噪声和模糊" and win.gallery._sections["builtin"][0].text() == "内置风格"
        assert win.controls.model_combo.currentText().strip() == "快速任意风格"  # no general LapStyle here
        batch = win.open_batch()                    # a dialog made after the switch starts in Chinese
        assert batch.windowTitle() == "批量处理"
        assert settings.get("ui/language") == "zh_CN"
        win.language_actions["en"].trigger()
        qtbot.waitUntil(lambda: batch.start_button.text() == "Start", timeout=2000)
        assert win.render_button.text() == "Render"
        assert win.controls.model_combo.currentText().strip() == "Quick arbitrary style"
    finally:
        i18n.install_language("en")
        win.close()


def test_the_preview_on_screen_is_captioned_anew(qtbot, window, photo):
    from guitools import wait_loaded, wait_preview

    window.open_content(photo)
    wait_loaded(qtbot, window)
    window.choose_preset("style-02")
    wait_preview(qtbot, window)
    assert window.view.caption.startswith("Preview (")
    try:
        window.language_actions["zh_CN"].trigger()
        qtbot.waitUntil(lambda: window.view.caption.startswith("预览"), timeout=10000)
        qtbot.waitUntil(lambda: window.message.text().startswith("预览已更新"), timeout=10000)
    finally:
        i18n.install_language("en")


def test_labels_worded_by_a_function_are_worded_again_after_a_switch(qtbot):
    from PyQt5.QtWidgets import QLabel

    texts, status, eta = i18n.LabelTexts(), QLabel(), QLabel()
    texts.show(status, lambda: i18n.tr("Cancelled."))
    texts.show(eta, lambda: i18n.tr("Cancelled."))
    texts.clear(eta)  # a cleared label stays empty
    assert status.text() == status.toolTip() == "Cancelled."
    i18n.install_language("zh_CN")
    try:
        texts.retranslate()
        assert status.text() == status.toolTip() == "已取消。"
        assert eta.text() == eta.toolTip() == ""
    finally:
        i18n.install_language("en")


def test_the_system_language_is_the_default(monkeypatch):
    from PyQt5.QtCore import QLocale

    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("zh_TW")))
    assert i18n.system_language() == "zh_CN"
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("de_DE")))
    assert i18n.system_language() == "en"


def held_twice(run_dir):
    from app.pipeline.training.lock import run_lock

    run_dir.mkdir()
    with run_lock(run_dir), run_lock(run_dir):
        pass


def pipeline_errors(tmp_path):
    """Real UserError texts from the pipeline: reading, writing, memory, a model that is not there, a recipe that
    cannot run."""
    import numpy as np

    from app.pipeline import imageio, memory, zoo
    from app.pipeline.errors import UserError
    from app.pipeline.recipe import Recipe, run_model

    text, cut = tmp_path / "notes.txt", tmp_path / "cut.jpg"
    text.write_text("hello", encoding="utf-8")
    imageio.write_image(tmp_path / "ok.jpg", np.zeros((64, 64, 3), np.uint8))
    cut.write_bytes((tmp_path / "ok.jpg").read_bytes()[:300])
    imageio.write_image(tmp_path / "dot.png", np.zeros((1, 1, 3), np.uint8))
    (tmp_path / "cut.pdparams").write_bytes(b"not a pickle")
    attempts = [lambda: imageio.read_image(tmp_path / "gone.png"), lambda: imageio.read_image(tmp_path),
                lambda: imageio.read_image(text), lambda: imageio.read_image(cut),
                lambda: imageio.write_image(tmp_path / "out.gif", np.zeros((4, 4, 3), np.uint8)),
                lambda: memory.check("cyclegan", (6000, 4000), "vintage", available=2**30),
                lambda: zoo.load_state(zoo.Model("gone", "lapstyle", "gone", "", "paddlegan_lapstyle",
                                                 file=tmp_path / "gone.pdparams")),
                lambda: held_twice(tmp_path / "run"), lambda: imageio.read_image(tmp_path / "dot.png"),
                lambda: zoo.load_state(zoo.Model("cut", "lapstyle", "cut", "", "paddlegan_lapstyle",
                                                 file=tmp_path / "cut.pdparams")),
                lambda: run_model(np.zeros((64, 64, 3), np.uint8), Recipe(zoo.get("arbitrary"))),
                lambda: run_model(np.zeros((64, 64, 3), np.uint8), Recipe(zoo.get("efficientnet-lite0")))]
    found = []
    for attempt in attempts:
        with pytest.raises(UserError) as error:
            attempt()
        found.append(str(error.value))
    return found


def test_common_pipeline_errors_have_chinese_words(qapp, tmp_path):
    from app.gui.messages import translated

    errors = pipeline_errors(tmp_path)
    assert translated(errors[2]) == errors[2]  # English: the pipeline's own words where the app has no better
    assert "Choose an output size of" in translated(errors[5])
    i18n.install_language("zh_CN")
    try:
        chinese = [translated(e) for e in errors]
    finally:
        i18n.install_language("en")
    untranslated = [(e, c) for e, c in zip(errors, chinese)
                    if not any("\u4e00" <= ch <= "\u9fff" for ch in c.replace(str(tmp_path), ""))]
    assert untranslated == []
    assert chinese[0] == f"{tmp_path / 'gone.png'}：找不到文件"            # the path is kept as it is
    assert "6000 × 4000" in chinese[5] and "vintage" in chinese[5]       # and so are the variable parts


def test_a_bad_file_in_the_chinese_app_is_explained_in_chinese(qtbot, window, tmp_path):
    from guitools import drop_files, wait_loaded

    text = tmp_path / "notes.txt"
    text.write_text("hello", encoding="utf-8")
    i18n.install_language("zh_CN")
    try:
        drop_files(window.content_pane, [text])
        wait_loaded(qtbot, window)
        assert window.message.text() == f"无法打开：{text}：不是画风能读取的图片（JPEG、PNG、BMP、TIFF、WebP）"
        assert "notes.txt：不是画风能读取的图片" in window.content_pane.info.text().replace("\n", "")
    finally:
        i18n.install_language("en")


def test_every_widget_with_texts_follows_a_language_switch():
    """Each class with retranslate() is a Retranslating widget, which calls it on every LanguageChange."""
    import importlib
    import inspect

    from PyQt5.QtWidgets import QWidget

    widgets = {}
    for path in sorted((REPO / "app" / "gui").glob("*.py")):
        module = importlib.import_module(f"app.gui.{path.stem}")
        widgets.update({name: cls for name, cls in inspect.getmembers(module, inspect.isclass)
                        if cls.__module__ == module.__name__ and issubclass(cls, QWidget)})
    texts = {name for name, cls in widgets.items() if hasattr(cls, "retranslate")}
    assert {"MainWindow", "BatchDialog", "FinetuneDialog"} <= texts
    assert [name for name in texts if not issubclass(widgets[name], i18n.Retranslating)] == []
    assert [name for name, cls in widgets.items() if "changeEvent" in vars(cls)] == []  # no copies of it
