"""Text fitted into a few lines of a given width, for labels that must keep their size."""
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
