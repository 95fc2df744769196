"""What every trainer shares: stages in sequence, the learning-rate schedule, writing a finished model."""
import json
import math
from pathlib import Path

import numpy as np

from ..atomic import atomic_path
from ..errors import UserError
from .distributed import rank


class Trainer:
    """A trainer runs ``stages`` (name, steps) one after the other; the step counter spans them all."""

    kind = ""
    loss_names = []

    def __init__(self, settings: dict, stages: list):
        self.settings = settings
        self.stages = [(name, int(steps)) for name, steps in stages if int(steps) > 0]
        if not self.stages:
            raise UserError("nothing to train: every stage has 0 steps")
        self.total = sum(steps for _, steps in self.stages)
        self.is_main = rank() == 0

    def stage(self, step: int) -> str:
        """The stage that step number ``step`` (from 0) belongs to; the last stage past the end."""
        for name, steps in self.stages:
            if step < steps:
                return name
            step -= steps
        return self.stages[-1][0]

    def stage_start(self, name: str) -> int:
        """The step at which stage ``name`` begins."""
        start = 0
        for stage, steps in self.stages:
            if stage == name:
                return start
            start += steps
        raise KeyError(name)


def inverse_decay(lr: float, decay: float, step: int) -> float:
    """PaddleGAN's LapStyle schedule: lr / (1 + decay * step)."""
    return lr / (1.0 + decay * step)


def cosine(lr: float, lr_end: float, step: int, steps: int) -> float:
    """``lr`` at step 0 falling to ``lr_end`` at ``steps`` along a half cosine."""
    return lr_end + (lr - lr_end) * 0.5 * (1.0 + math.cos(math.pi * min(step, steps) / max(steps, 1)))


def write_model(folder: Path, model_id: str, kind: str, title: str, state: dict, options: dict = None) -> Path:
    """``folder/model_id.safetensors`` + its card ``model_id.json``, as the zoo lists trained models."""
    from safetensors.numpy import save_file

    folder = Path(folder)
    weights = folder / f"{model_id}.safetensors"
    with atomic_path(weights) as tmp:
        save_file({k: np.ascontiguousarray(v) for k, v in state.items()}, str(tmp))
    card = {"id": model_id, "kind": kind, "title": title, "license": "yours (trained with Huafeng)",
            "options": options or {}}
    with atomic_path(weights.with_suffix(".json")) as tmp:
        tmp.write_text(json.dumps(card, indent=1, ensure_ascii=False), encoding="utf-8")
    return weights
