"""The main window's status-bar message: what the window says, and whether an error it said is still unread."""
from PyQt5.QtWidgets import QLabel, QSizePolicy

ERROR_COLOR = "#e06c5a"


class StatusMessage(QLabel):
    """One line of words (the whole of it in the tooltip). An error stays unread until another message replaces
    it or the person moves on (``mark_read``); a hint waits behind an unread error."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self._error_unread = False

    @property
    def error_unread(self) -> bool:
        return self._error_unread

    def say(self, text: str) -> None:
        self._error_unread = False
        self._put(text, "")

    def say_error(self, text: str) -> None:
        self._error_unread = True
        self._put(text, f"color: {ERROR_COLOR};")

    def hint(self, text: str) -> None:
        """Say ``text`` unless it would hide an error the person has not moved on from."""
        if not self._error_unread:
            self.say(text)

    def mark_read(self) -> None:
        """The person has moved on (changed a control): a hint may speak over the error on show."""
        self._error_unread = False

    def _put(self, text: str, style: str) -> None:
        self.setStyleSheet(style)
        self.setText(text)
        self.setToolTip(text)
