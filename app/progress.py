"""A terminal progress bar for the command line (one line per file when stderr is not a terminal)."""
import sys


class ProgressBar:
    def __init__(self, total: int, stream=None, width: int = 28):
        self.total, self.stream, self.width = total, stream or sys.stderr, width  # stderr as it is now
        self.tty = self.stream.isatty()

    def update(self, done: int, label: str) -> None:
        if self.total < 2:
            return
        filled = round(self.width * done / self.total)
        bar = "#" * filled + "-" * (self.width - filled)
        if self.tty:
            self.stream.write(f"\r[{bar}] {done}/{self.total} {label[:40]:<40}")
            if done == self.total:
                self.stream.write("\n")
        else:
            self.stream.write(f"[{bar}] {done}/{self.total} {label}\n")
        self.stream.flush()

    def message(self, text: str) -> None:
        """A line that must not be overwritten by the bar (an error, say)."""
        self.stream.write(("\r\033[K" if self.tty else "") + text + "\n")
        self.stream.flush()
