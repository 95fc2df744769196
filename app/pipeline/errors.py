"""The one exception the pipeline raises for anything a user can fix."""


class UserError(Exception):
    """A problem with the user's input, files or set-up, worded for the user (one line, no traceback)."""
