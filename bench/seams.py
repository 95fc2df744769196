"""How much the tile borders of a tiled result stand out: the seam measure of bench/large_images.py and the
tiling tests."""
import numpy as np

from app.pipeline.tiling import spans


def seam_ratio(image: np.ndarray, size: tuple, core: int, align: int, scale: int = 1, band: int = 2,
               near: int = 16) -> float:
    """How much tile borders stand out: the mean absolute step between neighbouring rows (columns) within
    ``band`` pixels of the inner core borders that :func:`app.pipeline.tiling.run_tiled` used for this ``size``,
    ``core`` and ``align``, over the mean step of the ``near`` rows (columns) beyond that band on both sides,
    pooled over all borders. About 1 when seams are invisible, above when they show. Pass a ``band`` of at least
    the blend width times ``scale`` to cover the cross-faded zone."""
    gray = image.mean(axis=2, dtype=np.float32) if image.ndim == 3 else image.astype(np.float32)
    step_y = np.abs(np.diff(gray, axis=0)).mean(axis=1)  # step_y[i]: between rows i and i + 1
    step_x = np.abs(np.diff(gray, axis=1)).mean(axis=0)
    border, nearby = [], []
    for steps, cuts in ((step_y, spans(size[0], core, align)), (step_x, spans(size[1], core, align))):
        for _, stop in cuts[:-1]:
            edge = stop * scale - 1  # the step between the last row of one core and the first of the next
            border.append(steps[max(0, edge - band):edge + band + 1])
            nearby += [steps[max(0, edge - band - near):max(0, edge - band)],
                       steps[edge + band + 1:edge + band + near + 1]]
    if not border:
        raise ValueError("the image was not tiled: there are no seams to measure")
    return float(np.concatenate(border).mean() / max(np.concatenate(nearby).mean(), 1e-12))
