"""Dot-finder training: examples carry the places of degrade's dots, the loss falls, a run resumes exactly, and
its model cleans the noise panel's damage in Restore."""
import models  # noqa: F401,I001  (first: sets Paddle's thread count before paddle is imported)
import math

import numpy as np
import pytest

from app.pipeline import restoration, transfer, zoo
from app.pipeline.errors import UserError
from app.pipeline.imageio import read_image
from app.pipeline.restoration import Damage
from app.pipeline.training.dots import DEFAULTS, DotsTrainer, example
from app.pipeline.training.runner import resolve
from tests.training import assert_resume_is_exact, photos, weights_folder  # noqa: F401 (fixtures)


TINY = {"size": 32, "batch": 2, "steps": 4, "preview_every": 2, "blocks": 1, "channels": 8}


def test_examples_mark_where_degrade_put_its_dots():
    photo = np.random.default_rng(1).integers(1, 255, (80, 90, 3), dtype=np.uint8)
    bad, black, white = example(photo, {**DEFAULTS, "size": 48, "max_noise": 0.4, "blur_kernels": [0]},
                                np.random.default_rng(0))
    assert bad.shape == (48, 48, 3) and black.shape == white.shape == (48, 48)
    assert black.any() and white.any() and not (black & white).any()
    assert (bad[black] == 0).all() and (bad[white] == 255).all()
    assert not ((bad == 0).all(axis=2) | (bad == 255).all(axis=2))[~(black | white)].any()


def test_loss_falls_on_a_fixed_batch(photos, tmp_path):
    trainer = DotsTrainer(resolve(DEFAULTS, {"content": photos, **TINY}), tmp_path)
    history = [sum(trainer.train_step(0).values()) for _ in range(12)]
    assert all(math.isfinite(v) for v in history) and max(history[-3:]) < 0.9 * history[0], history


def test_a_run_resumes_exactly_and_its_model_cleans_in_restore(photos, tmp_path, weights_folder, kit):
    assert_resume_is_exact("dots", {"content": photos, **TINY}, tmp_path)
    assert (weights_folder / "dotfinder-straight.safetensors").is_file()
    assert zoo.get("dotfinder-straight").purpose == "clean"
    photo = read_image(kit / "content" / "test_chelsea.jpg").rgb[:60, :81]
    done = restoration.restore(photo, "dotfinder-straight", Damage(0.05, 3))
    assert done.steps == ("dotfinder-straight",) and done.image.shape == photo.shape
    with pytest.raises(UserError, match="needs to know"):
        restoration.restore(photo, "dotfinder-straight")
    with pytest.raises(UserError, match="needs to know"):
        transfer.restore(photo, "dotfinder-straight")
