"""Text fitted into a few lines of a given width, for labels that must keep their size."""
from pathlib import Path

from PyQt5.QtCore import Qt


def wrapped(metrics, text: str, width: int, lines: int) -> str:
    """``text`` in at most ``lines`` lines of ``width`` pixels, broken at spaces (a word wider than a line, such
    as a file name or Chinese, within it); the last line is elided."""
    out, rest = [], text
    while rest and len(out) < lines - 1:
        words, line = rest.split(" "), ""
        while words and metrics.horizontalAdvance(f"{line} {words[0]}".strip()) <= width:
            line = f"{line} {words.pop(0)}".strip()
        if not line:  # a word wider than the tile (a file name): broken where it fills the line
            word = words.pop(0)
            cut = next((i for i in range(len(word), 1, -1) if metrics.horizontalAdvance(word[:i]) <= width), 1)
            half = (len(word) + 1) // 2  # a last word that fits in two lines is broken in the middle
            if not words and cut >= half and metrics.horizontalAdvance(word[half:]) <= width:
                cut = half
            line, words = word[:cut], [word[cut:], *words]
        out.append(line)
        rest = " ".join(words)
    if rest:
        out.append(metrics.elidedText(rest, Qt.ElideRight, width))
    return "\n".join(out)


def elided_path(metrics, path, width: int) -> str:
    """A file's path in ``width`` pixels, for menus of recent files: whole when it fits, else with folders left
    out in the middle ("/home/me/…/holiday/IMG_1.jpg"), else "…/name"; the name itself is elided in its middle
    only when it alone is too wide. Never broken in the middle of a word."""
    path = Path(path)
    if metrics.horizontalAdvance(str(path)) <= width:
        return str(path)
    folders, name = path.parts[:-1], path.name
    for keep in range(len(folders) - 1, 0, -1):
        head, tail = folders[:(keep + 1) // 2], folders[len(folders) - keep // 2:]
        text = str(Path(*head, "…", *tail, name))
        if metrics.horizontalAdvance(text) <= width:
            return text
    text = str(Path("…", name))
    if metrics.horizontalAdvance(text) <= width:
        return text
    return metrics.elidedText(name, Qt.ElideMiddle, width)
