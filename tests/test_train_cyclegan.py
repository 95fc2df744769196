"""CycleGAN training on two tiny unpaired folders at 64 px: falling losses on a fixed batch, exact resume
(image pools and optimizer state included), both directions written as zoo models."""
import models  # noqa: F401,I001  (first: sets Paddle's thread count before paddle is imported)
import math
import shutil
from functools import partial
from pathlib import Path

import numpy as np
import pytest
from safetensors.numpy import load_file

from app.pipeline import transfer, zoo
from app.pipeline.errors import UserError
from app.pipeline.imageio import read_image
from app.pipeline.training.cyclegan import DEFAULTS, CycleGANTrainer, ImagePool, linear_decay
from app.pipeline.training.runner import resolve
from tests.training import run_job

TINY = {"size": 64, "load_size": 72, "steps": 2, "decay_steps": 2, "pool": 2, "preview_every": 0}


@pytest.fixture(scope="module")
def domains(kit, tmp_path_factory):
    a, b = tmp_path_factory.mktemp("photos"), tmp_path_factory.mktemp("paintings")
    for path in sorted((kit / "content").glob("train_*.jpg"))[:3]:
        shutil.copy(path, a)
    for path in sorted((kit / "style").glob("monet_*.jpg"))[:3]:
        shutil.copy(path, b)
    return {"domain_a": str(a), "domain_b": str(b)}


@pytest.fixture(autouse=True)
def weights_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("HUAFENG_WEIGHTS", str(tmp_path / "weights"))
    return tmp_path / "weights"


run = partial(run_job, "cyclegan")  # run(options, run_dir, stop_at=None, resume=False) -> events


def test_schedule_and_pool():
    assert [linear_decay(2e-4, 2, 3, s) for s in range(5)] == pytest.approx([2e-4, 2e-4, 2e-4, 1.5e-4, 1e-4])
    pool, rng = ImagePool(2), np.random.default_rng(0)
    first = np.zeros((2, 3, 4, 4), np.float32)
    assert np.array_equal(pool.query(first, rng), first) and len(pool.images) == 2
    answers = [pool.query(np.ones((1, 3, 4, 4), np.float32), rng) for _ in range(20)]
    assert any(a.max() == 0 for a in answers) and any(a.min() == 1 for a in answers)  # old fakes, new fakes


def test_losses_are_finite_and_fall_on_a_fixed_batch(domains, tmp_path):
    trainer = CycleGANTrainer(resolve(DEFAULTS, {**domains, **TINY, "steps": 10}), tmp_path)
    history = [trainer.train_step(0) for _ in range(10)]  # G's loss first rises (steps 1-3), then falls
    assert all(math.isfinite(v) for losses in history for v in losses.values())
    assert history[-1]["G"] < 0.8 * history[0]["G"]
    assert history[-1]["cycle_A"] < history[0]["cycle_A"]


def test_resume_is_exact_and_both_directions_are_models(domains, tmp_path, weights_folder, kit):
    straight = run({**domains, **TINY, "name": "a"}, tmp_path / "straight")
    stopped = run({**domains, **TINY, "name": "b"}, tmp_path / "resumed", stop_at=3)
    assert stopped[-1].step == 3 and stopped[-1].checkpoint
    resumed = run({}, tmp_path / "resumed", resume=True)
    assert [e.step for e in resumed] == [4, 4]
    for direction in ("", "-reverse"):
        a = load_file(str(weights_folder / f"cyclegan-a{direction}.safetensors"))
        b = load_file(str(weights_folder / f"cyclegan-b{direction}.safetensors"))
        for key in a:
            np.testing.assert_array_equal(a[key], b[key], err_msg=key)
    assert straight[-1].model_path == weights_folder / "cyclegan-a.safetensors"
    a_name, b_name = (Path(domains[key]).name for key in ("domain_a", "domain_b"))  # paintings0, photos0 or so
    assert zoo.get("cyclegan-a-reverse").title == f"CycleGAN: {b_name} to {a_name}"
    photo = read_image(sorted((kit / "content").glob("test_*.jpg"))[0]).rgb[:50, :70]
    assert transfer.translate(photo, "cyclegan-a").shape == photo.shape


def test_missing_domain_is_a_clear_error(domains, tmp_path):
    with pytest.raises(UserError, match="domain B folder .* does not exist"):
        run({**domains, **TINY, "domain_b": str(tmp_path / "nothing")}, tmp_path / "r")
    assert not (tmp_path / "r").exists()
