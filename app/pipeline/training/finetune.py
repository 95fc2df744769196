"""In-app fine-tuning: teach LapStyle one painting (what the GUI's fine-tune dialog runs).

The arbitrary network drafts the picture (frozen) from the painting's style vector. "quick" fits that vector itself
to the painting's patches (the draft carries the picture seen whole); "standard" and "high" train the painting's
revision nets, which add each finer Laplacian band, on top of the draft. A run starts from the general model when
the zoo has one drafted by the arbitrary network (``lapstyle-general``), else from fresh revision nets.
The presets trade time for quality; "quick" takes about a minute on a 2-core CPU (docs/TRAINING.md).
"""
import copy
from pathlib import Path

from .. import zoo
from ..errors import UserError
from ..transfer import drafted_by_arbitrary
from .job import train
from .lapstyle import ARBITRARY_REVISION_WEIGHTS, GENERAL_MODEL

# Every preset: the first revision level (``size`` x 2 = 192 px crops, batch 2) on the arbitrary network's draft.
RECIPE = {"size": 96, "batch": {"net_rev": 2}, "lr": 2e-4,
          "revision_weights": ARBITRARY_REVISION_WEIGHTS, "preview_first": 1}
# "quick" fits the painting's style vector alone and keeps half of the fit (``blend``): on paintings the general
# model never saw, a revision stage on top of it gained nothing at any share (docs/TRAINING.md measures each).
PRESETS = {
    "quick": {**RECIPE, "steps": {"draft": 0, "vector": 40, "net_rev": 0, "net_rev_2": 0}, "blend": 0.5,
              "checkpoint_minutes": 2.0, "preview_every": 10},
    "standard": {**RECIPE, "steps": {"draft": 0, "net_rev": 400, "net_rev_2": 0}, "preview_every": 40},
    "high": {**RECIPE, "steps": {"draft": 0, "net_rev": 1200, "net_rev_2": 0}, "preview_every": 100},
}
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
