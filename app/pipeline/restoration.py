"""Restoring a photo: the steps its damage calls for, run in order, and an account of them.

The damage is the noise panel's (the original demo.py's): salt-and-pepper dots, then a ``blur`` x ``blur``
mean blur. A restoration model is for one of three things (``zoo.Model.purpose``): 'clean' (same size:
the panel's dots and blur), 'upscale' (a clean photo, larger) or 'both' (waifu2x's light denoising + 2x).
The rules below are measured by bench/restore_noise.py:

- dots without a blur are found exactly (pure black or white pixels): ``despeckle`` replaces just them,
  which no network beats;
- blurred dots and a blur: the cleaning model on the photo as it is (it was trained on exactly that);
- a model made for other damage gets the dots removed first;
- a photo without damage is not cleaned: there is nothing to undo.
"""
from dataclasses import dataclass

import numpy as np

from . import transfer, zoo
from .degrade import despeckle

DESPECKLE = "despeckle"


@dataclass(frozen=True)
class Damage:
    """What the noise panel did: salt-and-pepper dots (``noise`` > 0) and a ``blur``-pixel mean blur."""
    noise: float = 0.0
    blur: int = 0

    @property
    def dots(self) -> bool:
        return self.noise > 0

    @property
    def blurred(self) -> bool:
        return self.blur > 1


@dataclass(frozen=True)
class Restored:
    image: np.ndarray
    steps: tuple  # what ran, in order: DESPECKLE and/or the model's id; () when nothing needed doing


def steps(model: zoo.Model, damage: Damage = None) -> tuple:
    """The steps restoring a photo with ``damage`` (None: unknown) takes with ``model``."""
    if damage is None:
        return (model.id,)
    if model.purpose == "clean":
        if damage.dots and not damage.blurred:
            return (DESPECKLE,)
        return (model.id,) if damage.dots or damage.blurred else ()
    return ((DESPECKLE,) if damage.dots else ()) + (model.id,)


def restore(rgb: np.ndarray, model_id: str, damage: Damage = None, *, backend=None, tile=None, cancel=None,
            progress=None) -> Restored:
    """Run the steps of :func:`steps` on ``rgb``; ``progress(fraction)`` follows the model's run."""
    model = zoo.get(model_id)
    planned = steps(model, damage)
    for step in planned:
        if step == DESPECKLE:
            rgb = despeckle(rgb, damage.blur)
        else:
            rgb = transfer.restore(rgb, model_id, backend=backend, tile=tile, cancel=cancel, progress=progress)
    return Restored(rgb, planned)
