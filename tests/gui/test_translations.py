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
        assert win.controls.model_combo.currentText().strip() == "任意风格图片"
        batch = win.open_batch()                    # a dialog made after the switch starts in Chinese
        assert batch.windowTitle() == "批量处理"
        assert settings.get("ui/language") == "zh_CN"
        win.language_actions["en"].trigger()
        qtbot.waitUntil(lambda: batch.start_button.text() == "Start", timeout=2000)
        assert win.render_button.text() == "Render"
        assert win.controls.model_combo.currentText().strip() == "Any style image"
    finally:
        i18n.install_language("en")
        win.close()


def test_the_system_language_is_the_default(monkeypatch):
    from PyQt5.QtCore import QLocale

    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("zh_TW")))
    assert i18n.system_language() == "zh_CN"
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("de_DE")))
    assert i18n.system_language() == "en"
