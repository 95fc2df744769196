"""Languages (Qt's tr() with .ts/.qm files in assets/translations) and the light/dark theme.

Switching the language installs new translators; Qt then sends every widget a LanguageChange event and
each widget sets its texts again in its ``retranslate()``.
"""

from PyQt5.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator
from PyQt5.QtGui import QPalette
from PyQt5.QtWidgets import QApplication, QStyleFactory

from app.pipeline.paths import ASSETS

TRANSLATIONS = ASSETS / "translations"
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
THEMES = ("dark", "light")
_installed = []


def tr(text: str) -> str:
    """Translate a message written outside a widget class (pylupdate5 files these under "@default")."""
    return QCoreApplication.translate("@default", text)


class Retranslating:
    """Mixin (listed before the Qt class) for a widget that sets its texts in ``retranslate()``: it sets them
    again whenever the language changes."""

    def changeEvent(self, event):
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class LabelTexts:
    """Labels whose words a function makes (a count, the time left): said again after a language switch, and
    in full in the tooltip (a label may cut them short)."""

    def __init__(self):
        self._texts = {}  # label -> the function that words its text

    def show(self, label, text) -> None:
        """Show ``text()`` in ``label`` now and again after a language switch."""
        self._texts[label] = text
        self._put(label)

    def clear(self, label) -> None:
        self._texts.pop(label, None)
        label.clear()
        label.setToolTip("")

    def retranslate(self) -> None:
        for label in self._texts:
            self._put(label)

    def _put(self, label) -> None:
        label.setText(self._texts[label]())
        label.setToolTip(label.text())


def system_language() -> str:
    """The system's language if we have it (any Chinese locale gets Simplified Chinese), else English."""
    return "zh_CN" if QLocale.system().name().startswith("zh") else "en"


def current_language() -> str:
    """The language in effect, as a Qt code ('zh_CN', 'en_US')."""
    return QLocale().name()


def install_language(language: str) -> str:
    """Translate the whole app into ``language`` ('en', 'zh_CN' or 'system'); returns the one in effect."""
    app = QApplication.instance()
    language = system_language() if language not in LANGUAGES else language
    while _installed:
        app.removeTranslator(_installed.pop())
    if language != "en":
        for folder, name in ((TRANSLATIONS, f"huafeng_{language}"),
                             (QLibraryInfo.location(QLibraryInfo.TranslationsPath), f"qtbase_{language}")):
            translator = QTranslator(app)
            if translator.load(name, str(folder)):
                app.installTranslator(translator)
                _installed.append(translator)
    QLocale.setDefault(QLocale(language))
    return language


def apply_theme(theme: str) -> str:
    """Dark (qdarkstyle) or light (Qt's Fusion style with its own palette); returns the theme in effect."""
    import qdarkstyle

    app = QApplication.instance()
    theme = theme if theme in THEMES else "dark"
    app.setStyle(QStyleFactory.create("Fusion"))
    if theme == "dark":
        app.setStyleSheet(qdarkstyle.load_stylesheet(qt_api="pyqt5"))
    else:
        app.setStyleSheet("")
        app.setPalette(QPalette(app.style().standardPalette()))
    return theme
