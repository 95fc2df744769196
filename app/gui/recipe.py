"""What the main window asks the pipeline to do, as a plain value: model, style, strength, size, noise.

The preview, the full render, the batch dialog and the noise panel all run a :class:`Recipe`, so what the
user previews is what gets rendered and saved.
"""
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from app.pipeline import memory, restoration, transfer
from app.pipeline.degrade import degrade
from app.pipeline.errors import UserError, check_cancel
from app.pipeline.tensors import fit_long_side, fit_size
from app.pipeline.zoo import Model, short_title

from .i18n import current_language, tr
from .messages import translated


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
    def title(self) -> str:
        """A short name for people (the history strip): the style image's or preset's name, else the model's (a
        LapStyle preset's is its painting's) in the language in effect."""
        if self.model.task == "stylize" and self.style_name and not self.model.own_style:
            return self.style_name
        return short_title(model_title(self.model))

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


def recipe_settings(recipe: Recipe, size) -> dict:
    """What made a result of ``size`` = (width, height), as plain values (the history, the saved file's text):
    model, style, strength (%), keep colours, size, levels, noise; the style only for a model that takes one."""
    settings = {"model": recipe.model.id}
    if recipe.model.task == "stylize":
        settings.update(style=recipe.style_name or recipe.model.id, strength=round(recipe.alpha * 100),
                        keep_colours=bool(recipe.preserve_color))
    if recipe.mix:
        settings["mix"] = {"with": recipe.mix[1], "amount": round(recipe.mix[2] * 100)}
    settings["size"] = [int(size[0]), int(size[1])]
    settings["max_side"] = recipe.max_side or "original"
    if recipe.model.kind == "lapstyle" and recipe.levels:
        settings["levels"] = recipe.levels
    if recipe.noise:
        settings["noise"] = {"prob": recipe.noise.prob, "blur": recipe.noise.kernel, "seed": recipe.noise.seed}
    if recipe.model.task == "restore":
        settings["steps"] = list(restoration.steps(recipe.model, recipe.noise.damage if recipe.noise else None))
    return settings


def settings_text(settings: dict, model: Model = None, style_title: str = "") -> str:
    """``recipe_settings`` as lines for people (a tooltip), in the language in effect; ``style_title`` names a
    built-in style ("Golden ink drawing (style-07)")."""
    lines = [tr("Model: {model}").format(model=model_title(model) if model is not None else settings["model"])]
    if "style" in settings:
        style = settings["style"]
        lines.append(tr("Style: {style}").format(
            style=f"{style_title} ({style})" if style_title and style_title != style else style))
        if "mix" in settings:
            lines.append(tr("Mixed with {name}: {n} %").format(name=settings["mix"]["with"],
                                                               n=settings["mix"]["amount"]))
        lines.append(tr("Strength: {n} %").format(n=settings["strength"]))
        lines.append(tr("Keep the photo's colours: {answer}").format(
            answer=tr("yes") if settings["keep_colours"] else tr("no")))
    w, h = settings["size"]
    lines.append(tr("Size: {w} × {h} px").format(w=w, h=h))
    if "levels" in settings:
        lines.append(tr("LapStyle levels: {n}").format(n=settings["levels"]))
    noise = settings.get("noise")
    if noise:
        lines.append(tr("Noise {p}, blur {k}, seed {s}").format(p=noise["prob"], k=noise["blur"], s=noise["seed"]))
    if "steps" in settings:
        lines.append(tr("Steps: {steps}").format(steps=steps_text(settings["steps"], model)))
    return "\n".join(lines)


def steps_text(steps, model: Model = None) -> str:
    """A restoration's steps for people: 'remove the dots (median filter), then Upscale 2x'."""
    names = [tr("remove the dots (median filter)") if step == restoration.DESPECKLE
             else model_title(model) if model is not None and step == model.id else step for step in steps]
    return tr(", then ").join(names) if names else tr("none: the photo has no damage to undo")


def model_title(model: Model) -> str:
    """The model's name in the model selector, the history and messages, in the language in effect."""
    titles = {"arbitrary": tr("Any style image"), "multistyle26": tr("26 built-in styles"),
              "vintage": tr("Vintage photo (CycleGAN)")}
    if model.id in titles:
        return titles[model.id]
    if model.kind == "waifu2x":
        level = model.id.rsplit("-", 1)[-1]
        return tr("Upscale 2x") if level == "x2" else tr("Denoise {level} + upscale 2x").format(level=level[1:])
    return model.title_in(current_language())


def working_image(content: np.ndarray, recipe: Recipe) -> np.ndarray:
    """The content as the model will see it: brought to the output size, then damaged when noise is on."""
    rgb = fit_long_side(content, recipe.max_side, recipe.enlarges)
    return recipe.noise.apply(rgb) if recipe.noise else rgb


def run_model(rgb: np.ndarray, recipe: Recipe, cancel=None, progress=None) -> np.ndarray:
    """Run the recipe's model on an already prepared image; ``progress(fraction)`` as for transfer.stylize."""
    check_cancel(cancel)
    task = recipe.model.task
    if task == "stylize":
        if recipe.style is None and not recipe.model.own_style:
            raise UserError(tr("Choose a style first: a built-in style in the gallery, or a style image."))
        levels = recipe.levels if recipe.model.kind == "lapstyle" else None
        options = dict(alpha=recipe.alpha, preserve_color=recipe.preserve_color, levels=levels,
                       mix=(recipe.mix[0], recipe.mix[2]) if recipe.mix else None, cancel=cancel, progress=progress)
        if isinstance(recipe.style, np.ndarray):
            return transfer.stylize(rgb, recipe.ref, recipe.style, **options)
        return transfer.stylize_preset(rgb, recipe.ref, recipe.style, **options)
    if task == "translate":
        return transfer.translate(rgb, recipe.ref, cancel=cancel, progress=progress)
    if task == "restore":  # the steps the recipe's own damage calls for
        damage = recipe.noise.damage if recipe.noise else None
        return restoration.restore(rgb, recipe.ref, damage, cancel, progress=progress).image
    raise UserError(tr("The model {model} cannot be run on its own.").format(model=recipe.model.id))


def check_memory(size, recipe: Recipe, available=None) -> None:
    """The pipeline's memory check for rendering a content of ``size`` = (width, height), its refusal in the
    user's language."""
    try:
        memory.check(recipe.model.kind, recipe.working_size(size), recipe.model.id, available)
    except UserError as exc:
        raise UserError(translated(str(exc))) from None


def safe_stem(text: str) -> str:
    """``text`` made safe as part of a file name on every system (letters of any script are kept)."""
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", text).strip(" .")
    return cleaned or "image"


def unique_path(folder: Path, stem: str, suffix: str) -> Path:
    """``folder/stem.suffix``, or ``stem (2).suffix``, ... : a name that does not exist yet."""
    path, n = Path(folder) / f"{stem}{suffix}", 2
    while path.exists():
        path, n = Path(folder) / f"{stem} ({n}){suffix}", n + 1
    return path
