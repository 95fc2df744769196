"""Restoration training (SRResNet 4x) on pairs made by bicubic shrinking and our degrade tool: falling loss
on a fixed batch, exact resume, evaluation against bicubic written with the model."""
import models  # noqa: F401,I001  (first: sets Paddle's thread count before paddle is imported)
import csv
import math
import shutil
from functools import partial

import numpy as np
import pytest

from app.pipeline import transfer, zoo
from app.pipeline.imageio import read_image
from app.pipeline.training.metrics import psnr, ssim
from app.pipeline.training.restore import DEFAULTS, RestoreTrainer, make_pair
from app.pipeline.training.runner import resolve
from tests.training import assert_resume_is_exact, photos, run_job, weights_folder  # noqa: F401 (fixtures)


TINY = {"size": 32, "batch": 2, "steps": 4, "preview_every": 2, "eval_folders": []}


run = partial(run_job, "restore")  # run(options, run_dir, stop_at=None, resume=False) -> events


def test_pairs():
    rng = np.random.default_rng(0)
    hr = np.random.default_rng(1).integers(0, 256, (32, 32, 3), dtype=np.uint8)
    low, high = make_pair(hr, {**DEFAULTS, "degraded": 1.0, "max_noise": 0.2, "blur_kernels": [0]}, rng)
    assert low.shape == (8, 8, 3) and high is hr
    assert ((low == 0).all(axis=2) | (low == 255).all(axis=2)).any()  # salt and pepper


def test_loss_falls_on_a_fixed_batch(photos, tmp_path):
    trainer = RestoreTrainer(resolve(DEFAULTS, {"content": photos, **TINY, "degraded": 0.0}), tmp_path)
    history = [trainer.train_step(0)["l1"] for _ in range(12)]
    assert all(math.isfinite(v) for v in history) and max(history[-3:]) < 0.9 * history[0], history


def test_resume_is_exact_and_the_model_restores(photos, tmp_path, weights_folder, kit):
    set5 = tmp_path / "set5"
    set5.mkdir()
    shutil.copy(kit / "sr" / "chelsea.png", set5)
    assert_resume_is_exact("restore", {"content": photos, **TINY}, tmp_path, {"eval_folders": [str(set5)]})
    assert (weights_folder / "srresnet-straight.safetensors").is_file()
    with open(tmp_path / "straight" / "evaluation.csv") as f:
        rows = {r["method"]: r for r in csv.DictReader(f)}
    assert {"bicubic", "trained", "waifu2x"} <= set(rows) and rows["bicubic"]["images"] == "1"
    assert 20 < float(rows["bicubic"]["psnr"]) < 40
    small = np.zeros((10, 12, 3), np.uint8)
    assert transfer.restore(small, "srresnet-straight").shape == (40, 48, 3)


def test_a_2x_model_loads_and_says_its_scale(photos, tmp_path):
    """The card names the factor (the app's size note uses it); the network is shaped after the weights."""
    run({"content": photos, **TINY, "steps": 1, "scale": 2}, tmp_path / "twice")
    assert zoo.get("srresnet-twice").scale == 2 and zoo.get("waifu2x-photo-n1").scale == 2
    assert transfer.restore(np.zeros((10, 12, 3), np.uint8), "srresnet-twice").shape == (20, 24, 3)


def test_metrics_match_scikit_image(kit):
    from skimage.metrics import peak_signal_noise_ratio, structural_similarity

    image = read_image(kit / "sr" / "chelsea.png").rgb[..., 1].astype(np.float64)
    noisy = np.clip(image + np.random.default_rng(0).normal(0, 10, image.shape), 0, 255)
    assert psnr(noisy, image) == pytest.approx(peak_signal_noise_ratio(image, noisy, data_range=255), rel=1e-9)
    reference = structural_similarity(image, noisy, data_range=255, gaussian_weights=True, sigma=1.5,
                                      use_sample_covariance=False)
    assert ssim(noisy, image) == pytest.approx(reference, rel=1e-9)
    assert ssim(image, image) == pytest.approx(1.0) and psnr(image, image) == float("inf")
