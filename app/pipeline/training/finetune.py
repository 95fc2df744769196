"""In-app fine-tuning: adapt LapStyle to one style image (what the GUI's fine-tune dialog runs).

Starts from the general LapStyle model when the zoo has it (``lapstyle-general``), else trains the
draft from scratch on the ImageNet encoder. The presets trade time for quality; the step counts of
"quick" fit about 15 minutes on a 2-core CPU (docs/TRAINING.md has the measurements).
"""
import copy
from pathlib import Path

from .. import zoo
from ..errors import UserError
from .job import train
from .lapstyle import GENERAL_MODEL

PRESETS = {
    "quick": {"steps": {"draft": 250, "net_rev": 0, "net_rev_2": 0}, "batch": {"draft": 4}, "lr": 5e-4,
              "checkpoint_minutes": 2.0, "preview_every": 25, "preview_first": 1},
    "standard": {"steps": {"draft": 1500, "net_rev": 400, "net_rev_2": 0}, "batch": {"draft": 4, "net_rev": 2},
                 "lr": 2e-4, "preview_every": 50, "preview_first": 1},
    "high": {"steps": {"draft": 4000, "net_rev": 1500, "net_rev_2": 1000},
             "batch": {"draft": 4, "net_rev": 2, "net_rev_2": 1}, "preview_every": 100,
             "preview_first": 1},
}


# Adapting the general model to one painting: the style terms weighted up, the identity terms off (they keep a
# general decoder invertible, which it already is; without them a step costs a third less). Measured
# (docs/TRAINING.md): "quick" on The Starry Night, 9 minutes, style fidelity 0.959 -> 0.975 on held-out photos.
FROM_GENERAL = {"style": 10.0, "relt": 8.0, "identity1": 0.0, "identity2": 0.0}
# From scratch at these presets' learning rates (up to 5e-4) the swag term throws the fresh decoder's colours
# around in the first steps (its losses oscillate on a fixed batch; at 1e-4 they fall): PaddleGAN's losses only.
FROM_SCRATCH = {"swag": 0.0}


def general_model():
    """The id of the general LapStyle model to start from, or None when the zoo has none."""
    return GENERAL_MODEL if any(m.id == GENERAL_MODEL for m in zoo.models()) else None


def finetune(style_image: Path, content_dir: Path, run_dir: Path, preset: str = "quick", device="auto",
             cancel=None, resume=False):
    """Fine-tune LapStyle on ``style_image`` with photos from ``content_dir``; a generator of TrainEvent.
    The last event's ``model_path`` is the finished model, listed by the zoo."""
    options = finetune_options(preset)
    options.update(style=str(style_image), content=str(content_dir))
    yield from train("lapstyle", options, run_dir, device, cancel, resume)


def finetune_options(preset: str) -> dict:
    """A fine-tune preset's training options: from the general model (style terms up) when the zoo has it,
    else from scratch."""
    if preset not in PRESETS:
        raise UserError(f"unknown preset '{preset}'; use one of {', '.join(PRESETS)}")
    init = general_model()
    options = {"init": init, **copy.deepcopy(PRESETS[preset])}
    options["weights"] = {**(FROM_GENERAL if init else FROM_SCRATCH), **PRESETS[preset].get("weights", {})}
    return options
