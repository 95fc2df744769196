"""Help ▸ About Huafeng: the version, the models with their licenses and sources, and where the app keeps its
settings, the user's data and its caches."""
from html import escape

from PyQt5.QtCore import Qt
from PyQt5.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from app.pipeline import paths, zoo

from .i18n import Retranslating
from .settings import data_dir


class AboutDialog(Retranslating, QDialog):
    def __init__(self, settings, parent=None):
        super().__init__(parent, objectName="aboutDialog")
        self.setAttribute(Qt.WA_DeleteOnClose)
        self.settings = settings
        self.text = QTextBrowser(openExternalLinks=True, objectName="aboutText")
        buttons = QDialogButtonBox(QDialogButtonBox.Close, rejected=self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(760, 560)
        self.retranslate()

    def places(self) -> list:
        """(what, where) for the settings file, the user's data and the caches."""
        return [(self.tr("Settings"), self.settings.store.fileName()),
                (self.tr("Your data (fine-tuned models and runs)"), str(data_dir())),
                (self.tr("Caches (downloaded and converted weights)"), str(paths.cache_dir()))]

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("About Huafeng"))
        rows = "".join(f"<tr><td>{escape(m.id)}</td><td>{escape(m.title)}</td><td>{escape(m.license)}</td>"
                       f"<td>{escape(m.source)}</td></tr>" for m in zoo.models())
        places = "".join(f"<li>{escape(what)}: <code>{escape(where)}</code></li>" for what, where in self.places())
        self.text.setHtml(
            f"<h2>Huafeng 画风 {escape(paths.version())}</h2>"
            f"<p>{escape(self.tr('Style transfer on your own computer, with PaddlePaddle and PyQt5.'))}</p>"
            f"<h3>{escape(self.tr('Where things are kept'))}</h3><ul>{places}</ul>"
            f"<h3>{escape(self.tr('Models and their licenses'))}</h3>"
            f"<table cellspacing='0' cellpadding='3' border='1'><tr><th>{escape(self.tr('Model'))}</th>"
            f"<th>{escape(self.tr('Title'))}</th><th>{escape(self.tr('License'))}</th>"
            f"<th>{escape(self.tr('Source'))}</th></tr>{rows}</table>")
