"""What a training job reports after each step."""
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np


@dataclass
class TrainEvent:
    """One step done (``step`` of ``total``, counting from 1) with its losses.

    ``preview`` is an RGB snapshot of what the model makes now (only on preview steps), ``checkpoint``
    the checkpoint file when one was just written, ``model_path`` the finished model (last event only).
    """
    step: int
    total: int
    losses: dict = field(default_factory=dict)
    preview: np.ndarray = None
    checkpoint: Path = None
    model_path: Path = None
