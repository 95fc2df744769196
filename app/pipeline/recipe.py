"""What to run for a model, as a plain value: a :class:`Recipe` (model, style, strength, size, noise), and
:func:`run_model`, the one place that picks the entry point for it.

The window's preview and render, the batch dialog and the noise panel all run a :class:`Recipe`, so what the
user previews is what gets rendered and saved; the command line and the benchmark run theirs the same way.
"""
import math
from dataclasses import dataclass, replace

import cv2
import numpy as np

from . import lapstyle_schedule, restoration, transfer
from .degrade import degrade
from .errors import UserError, check_cancel
from .tensors import fit_long_side, fit_max_side, fit_size
from .zoo import Model


@dataclass(frozen=True)
class Noise:
    """The original demo.py damage: salt-and-pepper probability, mean-blur kernel, random seed."""
    prob: float = 0.05
    kernel: int = 3
    seed: int = 0

    def apply(self, rgb: np.ndarray) -> np.ndarray:
        return degrade(rgb, self.prob, self.kernel, self.seed)

    @property
    def damage(self) -> restoration.Damage:
        return restoration.Damage(self.prob, self.kernel)


@dataclass(frozen=True, eq=False)
class Recipe:
    """One way to turn a photo into a result.

    ``style`` is a preset name (26-style net), an HxWx3 style image (arbitrary, LapStyle) or None (a LapStyle
    preset, which carries its style; CycleGAN, restoration); ``max_side`` is the longer side of the result (None
    keeps the original; a smaller photo is enlarged to it for the models that paint or translate, see
    ``enlarges``); ``noise`` is applied to the working image first when set."""
    model: Model
    style: object = None
    style_name: str = ""
    alpha: float = 1.0
    preserve_color: bool = False
    max_side: int = None
    noise: Noise = None
    device: str = "auto"
    levels: int = None  # LapStyle's revision levels; None: by size
    mix: tuple = None  # (a second style of the same kind, its name, how much of it 0..1) blended into ``style``

    @property
    def damage(self):
        """The damage a restoration undoes: the recipe's noise, or None (unknown) without one."""
        return self.noise.damage if self.noise else None

    @property
    def restoration_steps(self) -> tuple:
        """What a restoration model runs for the recipe's damage (``restoration.steps``)."""
        return restoration.steps(self.model, self.damage)

    @property
    def ref(self) -> str:
        """What the pipeline calls the model: its id, or the path of a fine-tuned model file."""
        if self.model.file is not None and self.model.converter == "safetensors":
            return str(self.model.file)
        return self.model.id

    @property
    def label(self) -> str:
        """A short name for file names and the history: the style's name, or the model's id."""
        if self.model.task == "stylize" and self.style_name:
            return self.style_name
        return self.model.id

    @property
    def enlarges(self) -> bool:
        """Whether a photo smaller than ``max_side`` is enlarged to it (painting and translating models: the
        network paints the detail at the larger size; a restoration model enlarges by itself)."""
        return self.model.task in ("stylize", "translate")

    def working_size(self, size) -> tuple:
        """(width, height) of the image the model is given for a content of ``size`` = (width, height)."""
        return fit_size(size, self.max_side, self.enlarges)

    def output_size(self, size) -> tuple:
        """(width, height) of the result for a content of ``size`` = (width, height)."""
        w, h = self.working_size(size)
        return w * self.model.scale, h * self.model.scale


def working_image(content: np.ndarray, recipe: Recipe) -> np.ndarray:
    """The content as the model will see it: brought to the output size, then damaged when noise is on."""
    rgb = fit_long_side(content, recipe.max_side, recipe.enlarges)
    return recipe.noise.apply(rgb) if recipe.noise else rgb


def run_model(rgb: np.ndarray, recipe: Recipe, cancel=None, progress=None, *, backend=None) -> np.ndarray:
    """Run the recipe's model on an already prepared image; ``cancel``, ``progress`` and ``backend`` as for
    :func:`transfer.stylize`."""
    check_cancel(cancel)
    task = recipe.model.task
    options = dict(backend=backend, cancel=cancel, progress=progress)
    if task == "stylize":
        if recipe.style is None and not recipe.model.own_style:
            raise UserError("choose a style first: a built-in style or a style image")
        options.update(alpha=recipe.alpha, preserve_color=recipe.preserve_color,
                       levels=recipe.levels if recipe.model.kind == "lapstyle" else None,
                       mix=(recipe.mix[0], recipe.mix[2]) if recipe.mix else None)
        if isinstance(recipe.style, np.ndarray):
            return transfer.stylize(rgb, recipe.ref, recipe.style, **options)
        return transfer.stylize_preset(rgb, recipe.ref, recipe.style, **options)
    if task == "translate":
        return transfer.translate(rgb, recipe.ref, **options)
    if task == "restore":  # the steps the recipe's own damage calls for
        return restoration.restore(rgb, recipe.ref, recipe.damage, **options).image
    raise UserError(f"model '{recipe.model.id}' cannot be run on its own")


def render_preview(content: np.ndarray, recipe: Recipe, side: int, cancel=None) -> tuple:
    """(the photo, the result) as the render would look shrunk to at most ``side`` px on the long side.

    A LapStyle drafted by the arbitrary network paints its look in the draft, whose size the render's size sets
    (and the look changes with it): the preview drafts at that same size, adds the levels that fit under the
    preview's size, and is resized to it. Other models run on the photo at ``side``."""
    image = working_image(content, recipe) if recipe.noise else content
    small = fit_max_side(image, side)
    if not (recipe.model.task == "stylize" and transfer.drafted_by_arbitrary(recipe.model)):
        return small, run_model(small, recipe, cancel)
    w, h = recipe.working_size((content.shape[1], content.shape[0]))
    draft = max(w, h) / 2 ** lapstyle_schedule.revision_levels(h, w, recipe.levels, drafted_by="arbitrary")
    levels = max(0, math.floor(math.log2(max(small.shape[:2]) / draft)))
    painted = run_model(fit_long_side(image, round(draft * 2 ** levels), True), replace(recipe, levels=levels),
                        cancel)
    return small, cv2.resize(painted, small.shape[1::-1], interpolation=cv2.INTER_AREA)
