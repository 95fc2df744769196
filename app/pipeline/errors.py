"""The one exception the pipeline raises for anything a user can fix."""


class UserError(Exception):
    """A problem with the user's input, files or set-up, worded for the user (one line, no traceback)."""


class Cancelled(Exception):
    """Raised inside a job when its cancel flag is set; the job stops and keeps what it has written."""


def check_cancel(cancel) -> None:
    """Raise Cancelled if ``cancel`` (a threading.Event or None) is set."""
    if cancel is not None and cancel.is_set():
        raise Cancelled()
