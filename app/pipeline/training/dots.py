"""Dot-finder training: the net that tells where the noise panel's salt-and-pepper dots fell in a photo blurred
after them (``models.srresnet.DotFinder``), for the restoration in ``unblur``.

Each example is a random ``size`` crop of a photo at its own scale, damaged by ``degrade``'s own rule
(``noise_from_draws`` with a probability uniform in [0, ``max_noise``], then a mean blur of one of
``blur_kernels``); the draws say where every dot fell. Loss: binary cross-entropy of "a dot is here" over all
pixels plus that of "the dot is white" over the dots. Adam with the learning rate falling from ``lr`` to
``lr_end`` along a half cosine.
"""
from pathlib import Path

import numpy as np

from ..degrade import dot_colours, mean_blur, noise_from_draws, uniform_draws
from . import checkpoint
from .base import Trainer, cosine, write_model
from .data import Folder, center_crop, random_crop, step_rng, to_batch
from .distributed import mine, wrap
from .runner import COMMON, slug

DEFAULTS = {
    "content": "", "name": "", "blocks": 6, "channels": 32, "kernel": 3, "fold": 2, "size": 64, "batch": 16,
    "steps": 4500, "lr": 1e-3, "lr_end": 1e-5, "max_noise": 0.12, "blur_kernels": [2, 3, 3, 4, 5],
    **COMMON,
}


def damaged(rgb: np.ndarray, prob: float, kernel: int, rng: np.random.Generator) -> tuple:
    """(``rgb`` with dots then a ``kernel`` box blur, its black dots, its white dots): the damage of
    ``degrade`` with the places of its dots."""
    draws = uniform_draws(rgb.shape[:2], rng)
    return (mean_blur(noise_from_draws(rgb, draws, prob), kernel),) + dot_colours(draws, prob)


def example(rgb: np.ndarray, settings: dict, rng: np.random.Generator) -> tuple:
    """(damaged crop, black dots, white dots) from a photo: the crop is cut from a larger damaged one, so its
    border was blurred as the inside of a photo is."""
    size, margin = settings["size"], max(settings["blur_kernels"])
    crop = random_crop(rgb, size + 2 * margin, rng, load_size=min(rgb.shape[:2]), flip=True)
    kernel = int(rng.choice(settings["blur_kernels"]))
    inside = slice(margin, margin + size)
    return tuple(a[inside, inside] for a in damaged(crop, float(rng.uniform(0.0, settings["max_noise"])), kernel,
                                                     rng))


class DotsTrainer(Trainer):
    kind = "dots"
    loss_names = ["dot", "white"]

    def __init__(self, settings: dict, run_dir: Path):
        from models import paddle
        from models.srresnet import DotFinder

        self.content = Folder(settings["content"])
        super().__init__(settings, [("dotfinder", settings["steps"])])
        self.model_id = f"dotfinder-{slug(settings['name'] or Path(run_dir).name)}"
        paddle.seed(settings["seed"])
        self.model = DotFinder(settings["blocks"], settings["channels"], settings["kernel"], settings["fold"])
        self.net = wrap(self.model)
        self.opt = paddle.optimizer.Adam(settings["lr"], parameters=self.model.parameters())
        self.preview_clean = center_crop(self.content.load(settings["seed"], 0, 1)[0], 4 * settings["size"])

    def train_step(self, step: int) -> dict:
        from models import paddle

        s = self.settings
        rng = step_rng(s["seed"], step)
        examples = mine([example(rgb, s, rng) for rgb in self.content.load(s["seed"], step * s["batch"], s["batch"])])
        bad = to_batch([e[0] for e in examples])
        black = paddle.to_tensor(np.stack([e[1] for e in examples])[:, None].astype(np.float32))
        white = paddle.to_tensor(np.stack([e[2] for e in examples])[:, None].astype(np.float32))
        self.model.train()
        self.opt.set_lr(cosine(s["lr"], s["lr_end"], step, self.total))
        scores = self.net(bad, True)
        dot = black + white
        bce = paddle.nn.functional.binary_cross_entropy_with_logits
        dot_loss = bce(scores[:, :1], dot)
        white_loss = (bce(scores[:, 1:], white, reduction="none") * dot).sum() / (dot.sum() + 1.0)
        loss = dot_loss + white_loss
        self.opt.clear_grad()
        loss.backward()
        self.opt.step()
        return {"dot": float(dot_loss), "white": float(white_loss)}

    def arrays(self) -> dict:
        return {**checkpoint.network_arrays("model", self.model),
                **checkpoint.optimizer_arrays("opt", self.opt, self.model)}

    def restore(self, arrays: dict, step: int) -> None:
        checkpoint.load_network("model", self.model, arrays)
        checkpoint.load_optimizer("opt", self.opt, self.model, arrays)

    def find(self, bad: np.ndarray) -> np.ndarray:
        """[H, W, 3] probabilities of a black dot, a white dot and none, for an image with even sides."""
        from models import paddle

        from ..tensors import to_tensor

        self.model.eval()
        with paddle.no_grad():
            return self.model(to_tensor(bad)).numpy()[0].transpose(1, 2, 0)

    def preview(self) -> np.ndarray:
        """[damaged | its dots taken out and the blur undone | the photo] on a fixed crop, damaged as a typical
        example is (half the most noise, the middle blur)."""
        from ..restoration import Damage, undone

        s = self.settings
        damage = Damage(s["max_noise"] / 2, int(np.median(s["blur_kernels"])))
        bad = damaged(self.preview_clean, damage.noise, damage.blur, np.random.default_rng(s["seed"]))[0]
        return np.concatenate([bad, undone(bad, self.find(bad), damage), self.preview_clean], axis=1)

    def export(self, folder: Path) -> list:
        state = {k: v.numpy() for k, v in self.model.state_dict().items()}
        weights = write_model(folder, self.model_id, "dotfinder",
                              f"Dot finder: clean noise and blur (trained {self.total} steps)", state,
                              {"purpose": "clean"})
        return [weights, weights.with_suffix(".json")]
