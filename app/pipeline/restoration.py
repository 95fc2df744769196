"""Restoring a photo: the steps its damage calls for, run in order, and an account of them.

The damage is the noise panel's (the original demo.py's): salt-and-pepper dots, then a ``blur`` x ``blur``
mean blur. A restoration model is for one of three things (``zoo.Model.purpose``): 'clean' (same size:
the panel's dots and blur), 'upscale' (a clean photo, larger) or 'both' (waifu2x's light denoising + 2x).
The rules below are measured by bench/restore_noise.py:

- dots without a blur are found exactly (pure black or white pixels): ``despeckle`` replaces just them,
  which no network beats;
- blurred dots and a blur: the cleaning model on the photo as it is; a dot finder (:func:`undo_damage`) says where
  the dots fell and ``unblur`` undoes the damage's own arithmetic;
- a model made for other damage gets the dots removed first;
- a photo without damage is not cleaned: there is nothing to undo.
"""
from dataclasses import dataclass

import numpy as np

from . import transfer, unblur, zoo
from .degrade import despeckle
from .errors import UserError

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
    options = dict(backend=backend, tile=tile, cancel=cancel, progress=progress)
    for step in planned:
        if step == DESPECKLE:
            rgb = despeckle(rgb, damage.blur)
        elif model.kind == "dotfinder":
            rgb = undo_damage(rgb, model_id, damage, **options)
        else:
            rgb = transfer.restore(rgb, model_id, **options)
    return Restored(rgb, planned)


def undo_damage(rgb: np.ndarray, model_id: str, damage: Damage, **options) -> np.ndarray:
    """The noise panel's blurred dots and blur undone (``unblur``): the dot finder ``model_id`` says where the dots
    fell, their share is taken out of the blur, then the blur is inverted. ``options`` as for :func:`restore`."""
    if damage is None:
        raise UserError(f"{model_id} undoes the noise panel's damage and needs to know it: restore from the noise "
                        "panel, or give --sp-prob and --blur")
    found = transfer.dot_probabilities(rgb, model_id, damage.blur, **options) if damage.dots else None
    return undone(rgb, found, damage)


def undone(rgb: np.ndarray, found, damage: Damage) -> np.ndarray:
    """``rgb`` with ``damage`` undone, given the dot probabilities ``found`` ([H, W, 3]: black, white, none; None
    when there are no dots): their share out of the blur, then the blur inverted."""
    image = rgb if found is None else unblur.without_dots(rgb, found[..., 0], found[..., 1], damage.blur)
    return unblur.deblur(image, damage.blur, deblur_weight(damage))


def deblur_weight(damage: Damage) -> float:
    """The Tikhonov weight that undoes ``damage``'s blur best on the BSDS train photos (bench/deblur_weight.py): a
    blur alone wants a light touch, more as the box widens and its spectrum has more zeros; the dots the finder
    misses are noise that a weak penalty would amplify, and they grow with the dots' probability (about its
    cube)."""
    alone = 0.001 if damage.blur <= 5 else 0.01 if damage.blur <= 9 else 0.1
    return max(alone, 300.0 * damage.noise ** 3)
