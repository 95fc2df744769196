"""In-app fine-tuning: teach LapStyle one painting (what the GUI's fine-tune dialog runs).

The arbitrary network drafts the picture (frozen) from the painting's style vector, and every preset fits that
vector itself to the painting's patches (the draft carries the picture seen whole, and the vector steers every
level's repainting). "quick" (40 steps of one photo) takes about a minute on a 2-core CPU; "standard" (120 steps of
two, about 6 minutes) paints held-out paintings closer seen whole and at 512 px; "high" (120 steps of four) measured
within 0.004 of "standard" (docs/TRAINING.md). A run starts from the general model when the zoo has one drafted by the
arbitrary network (``lapstyle-general``), else from fresh revision nets.
"""
import copy
from pathlib import Path

from .. import zoo
from ..errors import UserError
from ..transfer import drafted_by_arbitrary
from .job import train
from .lapstyle import ARBITRARY_REVISION_WEIGHTS, GENERAL_MODEL

# The first revision level's recipe (``size`` x 2 = 192 px crops, batch 2) for a run that adds a revision stage to
# a preset (``--set steps.net_rev=N``); no preset trains one.
RECIPE = {"size": 96, "batch": {"net_rev": 2}, "lr": 2e-4,
          "revision_weights": ARBITRARY_REVISION_WEIGHTS, "preview_first": 1}


def _vector_fit(steps: int, photos: int, preview_every: int) -> dict:
    """A preset that fits the painting's style vector alone, ``steps`` Adam steps of ``photos`` photos each, and keeps
    half of the fit (``blend``). On paintings the general model never saw, a revision stage on top of the fit gained
    nothing at any share, and a longer fit over more photos gained more (docs/TRAINING.md measures each)."""
    return {**RECIPE, "steps": {"draft": 0, "vector": steps, "net_rev": 0, "net_rev_2": 0},
            "batch": {**RECIPE["batch"], "vector": photos}, "blend": 0.5, "checkpoint_minutes": 2.0,
            "preview_every": preview_every}


PRESETS = {"quick": _vector_fit(40, 1, 10), "standard": _vector_fit(120, 2, 20), "high": _vector_fit(120, 4, 20)}
# Without a general model: one fresh revision net, as wide as the general model's.
FRESH = {"levels": 1, "channels": 24}


def general_model():
    """The id of the general LapStyle model to start from (one drafted by the arbitrary network), or None."""
    model = next((m for m in zoo.models() if m.id == GENERAL_MODEL), None)
    return GENERAL_MODEL if model is not None and drafted_by_arbitrary(model) else None


def finetune(style_image: Path, content_dir: Path, run_dir: Path, preset: str = "quick", device="auto",
             cancel=None, resume=False):
    """Fine-tune LapStyle on ``style_image`` with photos from ``content_dir``; a generator of TrainEvent.
    The last event's ``model_path`` is the finished model, listed by the zoo."""
    options = finetune_options(preset)
    options.update(style=str(style_image), content=str(content_dir))
    yield from train("lapstyle", options, run_dir, device, cancel, resume)


def finetune_options(preset: str) -> dict:
    """A fine-tune preset's training options: the general model's revision nets when the zoo has it drafted by the
    arbitrary network, else fresh ones on the arbitrary network's draft."""
    if preset not in PRESETS:
        raise UserError(f"unknown preset '{preset}'; use one of {', '.join(PRESETS)}")
    init = general_model()
    return {"init": init, "draft": "arbitrary", **({} if init else FRESH), **copy.deepcopy(PRESETS[preset])}
