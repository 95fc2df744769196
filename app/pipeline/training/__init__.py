"""Training jobs: LapStyle (per style, with in-app fine-tuning), CycleGAN and restoration.

Every job is a generator of :class:`TrainEvent` that stops at a cancel flag, checkpoints atomically and
resumes exactly (see ``runner``). ``finetune`` is what the GUI's fine-tune dialog runs.
"""
from .events import TrainEvent
from .finetune import PRESETS, finetune, finetune_options
from .job import defaults, train

__all__ = ["PRESETS", "TrainEvent", "defaults", "finetune", "finetune_options", "train"]
