"""A recipe in the app's words: its title, its settings as plain values and as lines for people, the models'
names, the memory check in the user's language, and safe file names for its results.
"""
import re
from pathlib import Path

from app.pipeline import memory, restoration, transfer
from app.pipeline import recipe as pipeline
from app.pipeline.errors import UserError
from app.pipeline.zoo import Model, short_title

from .i18n import current_language, tr
from .messages import translated


class Recipe(pipeline.Recipe):
    """The pipeline's :class:`app.pipeline.recipe.Recipe`, with a title for people."""

    @property
    def title(self) -> str:
        """A short name for people (the history strip): the style image's or preset's name, else the model's (a
        LapStyle preset's is its painting's) in the language in effect."""
        if self.model.task == "stylize" and self.style_name and not self.model.own_style:
            return self.style_name
        return short_title(model_title(self.model))


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
        settings["steps"] = list(recipe.restoration_steps)
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
    def name(step):
        if step == restoration.DESPECKLE:
            return tr("remove the dots (median filter)")
        if model is None or step != model.id:
            return step
        if model.kind == "dotfinder":
            return tr("undo the blur and the blurred dots ({model})").format(model=model_title(model))
        return model_title(model)
    names = [name(step) for step in steps]
    return tr(", then ").join(names) if names else tr("none: the photo has no damage to undo")


def model_title(model: Model) -> str:
    """The model's name in the model selector, the history and messages, in the language in effect."""
    if model.id == transfer.GENERAL_LAPSTYLE and transfer.drafted_by_arbitrary(model):
        return tr("Any style image")  # LapStyle on the arbitrary network's draft: what paints a style image
    titles = {"arbitrary": tr("Quick arbitrary style"), "multistyle26": tr("26 built-in styles"),
              "vintage": tr("Vintage photo (CycleGAN)")}
    if model.id in titles:
        return titles[model.id]
    if model.kind == "waifu2x":
        level = model.id.rsplit("-", 1)[-1]
        return tr("Upscale 2x") if level == "x2" else tr("Denoise {level} + upscale 2x").format(level=level[1:])
    return model.title_in(current_language())


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
