"""Restoration training: the original demo's SRResNet-style network (models/srresnet.py) on (low, high) pairs
made from a folder of photos.

A high-resolution pair member is a random ``size`` crop of a photo at its own scale; its low-resolution
partner is the crop shrunk by ``scale`` with bicubic resampling and, for a ``degraded`` share of the pairs,
then damaged by our ``degrade`` tool (salt-and-pepper up to ``max_noise`` and a mean blur of one of
``blur_kernels``). L1 loss, Adam with the learning rate falling from ``lr`` to ``lr_end`` along a half cosine.
At the end the run measures PSNR/SSIM (Y channel, ``scale`` border pixels shaved, as SR papers do) on
``eval_folders`` (e.g. Set5 and Set14; none by default) for the trained net, bicubic upscaling and, when
fetched, waifu2x (two 2x passes for 4x), and writes ``evaluation.csv``.
"""
import csv
from pathlib import Path

import cv2
import numpy as np

from .. import zoo
from ..atomic import atomic_path
from ..degrade import degrade
from . import checkpoint
from .base import Trainer, cosine, write_model
from .data import Folder, center_crop, random_crop, step_rng, to_batch
from .distributed import mine, wrap
from .metrics import luma, psnr, ssim
from .runner import COMMON, slug

DEFAULTS = {
    "content": "", "name": "", "scale": 4, "blocks": 16, "channels": 32, "kernel": 3, "fold": 1, "size": 96,
    "batch": 16, "steps": 2600, "lr": 5e-4, "lr_end": 1e-5, "degraded": 0.0, "max_noise": 0.12, "blur_kernels": [0, 2, 3, 3, 4, 5],
    "eval_folders": [],
    **COMMON,
}


def shrink(rgb: np.ndarray, scale: int) -> np.ndarray:
    """Bicubic downscaling by ``scale`` (sides must be multiples of it)."""
    h, w = rgb.shape[:2]
    return cv2.resize(rgb, (w // scale, h // scale), interpolation=cv2.INTER_CUBIC)


def make_pair(hr: np.ndarray, settings: dict, rng: np.random.Generator):
    """(low, high) training pair from a high-resolution crop."""
    low = shrink(hr, settings["scale"])
    if rng.random() < settings["degraded"]:
        kernel = int(rng.choice(settings["blur_kernels"]))
        low = degrade(low, float(rng.uniform(0.0, settings["max_noise"])), kernel, int(rng.integers(1 << 31)))
    return low, hr


class RestoreTrainer(Trainer):
    kind = "restore"
    loss_names = ["l1"]

    def __init__(self, settings: dict, run_dir: Path):
        from models import paddle
        from models.srresnet import SRResNet

        self.content = Folder(settings["content"])
        super().__init__(settings, [("srresnet", settings["steps"])])
        self.model_id = f"srresnet-{slug(settings['name'] or Path(run_dir).name)}"
        paddle.seed(settings["seed"])
        self.model = SRResNet(settings["blocks"], settings["channels"], settings["scale"], settings["kernel"],
                              settings["fold"])
        self.net = wrap(self.model)
        self.opt = paddle.optimizer.Adam(settings["lr"], parameters=self.model.parameters())
        self.preview_hr = center_crop(self.content.load(settings["seed"], 0, 1)[0], settings["size"] * 2)

    def train_step(self, step: int) -> dict:
        from models import paddle

        s = self.settings
        rng = step_rng(s["seed"], step)
        pairs = mine([make_pair(random_crop(rgb, s["size"], rng, load_size=min(rgb.shape[:2]), flip=True), s, rng)
                      for rgb in self.content.load(s["seed"], step * s["batch"], s["batch"])])
        low, high = to_batch([p[0] for p in pairs]), to_batch([p[1] for p in pairs])
        self.model.train()
        self.opt.set_lr(cosine(s["lr"], s["lr_end"], step, self.total))
        loss = paddle.nn.functional.l1_loss(self.net(low), high)
        self.opt.clear_grad()
        loss.backward()
        self.opt.step()
        return {"l1": float(loss)}

    def arrays(self) -> dict:
        return {**checkpoint.network_arrays("model", self.model),
                **checkpoint.optimizer_arrays("opt", self.opt, self.model)}

    def restore(self, arrays: dict, step: int) -> None:
        checkpoint.load_network("model", self.model, arrays)
        checkpoint.load_optimizer("opt", self.opt, self.model, arrays)

    def upscale(self, low: np.ndarray) -> np.ndarray:
        from models import paddle

        from ..tensors import to_rgb, to_tensor

        self.model.eval()
        with paddle.no_grad():
            return to_rgb(self.model(to_tensor(low)))

    def preview(self) -> np.ndarray:
        """[bicubic | trained net | original] on a fixed crop, damaged as a typical pair is when the run damages
        its pairs (half the most noise, the middle blur)."""
        s = self.settings
        low = shrink(self.preview_hr, s["scale"])
        if s["degraded"] > 0:
            low = degrade(low, s["max_noise"] / 2, int(np.median(s["blur_kernels"])), s["seed"])
        side = self.preview_hr.shape[1::-1]
        return np.concatenate([cv2.resize(low, side, interpolation=cv2.INTER_CUBIC), self.upscale(low),
                               self.preview_hr], axis=1)

    def export(self, folder: Path) -> list:
        s = self.settings
        state = {k: v.numpy() for k, v in self.model.state_dict().items()}
        weights = write_model(folder, self.model_id, "srresnet",
                              f"SRResNet {s['scale']}x restoration (trained {self.total} steps)", state,
                              {"scale": s["scale"]})
        evaluation = self.evaluate(folder / "evaluation.csv")
        return [weights, weights.with_suffix(".json")] + ([evaluation] if evaluation else [])

    def evaluate(self, target: Path):
        """PSNR/SSIM of this net, bicubic and waifu2x on the evaluation folders; the CSV written, or None."""
        rows = []
        for folder in map(Path, self.settings["eval_folders"]):
            if folder.is_dir():
                rows += evaluate_folder(folder, self.settings["scale"], {"trained": self.upscale})
        if not rows:
            return None
        with atomic_path(target) as tmp, tmp.open("w", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
        return target


def _waifu2x(scale: int):
    """waifu2x photo 2x applied log2(scale) times, when its weights are fetched; else None."""
    from ..transfer import restore

    model = zoo.get("waifu2x-photo-x2")
    if not zoo.is_ready(model) or scale & (scale - 1):
        return None

    def run(low):
        for _ in range(scale.bit_length() - 1):
            low = restore(low, model.id)
        return low
    return run


def evaluate_folder(folder: Path, scale: int, methods: dict) -> list:
    """Mean PSNR/SSIM per method (plus bicubic and waifu2x) on the images of ``folder``."""
    from ..imageio import image_files, read_image

    methods = {"bicubic": lambda low: cv2.resize(low, (low.shape[1] * scale, low.shape[0] * scale),
                                                 interpolation=cv2.INTER_CUBIC), **methods}
    waifu = _waifu2x(scale)
    if waifu:
        methods["waifu2x"] = waifu
    scores = {name: [] for name in methods}
    for path in image_files(folder):
        hr = read_image(path).rgb
        hr = hr[: hr.shape[0] // scale * scale, : hr.shape[1] // scale * scale]
        low = shrink(hr, scale)
        for name, method in methods.items():
            out = method(low)
            a, b = luma(out)[scale:-scale, scale:-scale], luma(hr)[scale:-scale, scale:-scale]
            scores[name].append((psnr(a, b), ssim(a, b)))
    return [{"folder": folder.name, "method": name, "images": len(values),
             "psnr": round(float(np.mean([v[0] for v in values])), 3),
             "ssim": round(float(np.mean([v[1] for v in values])), 4)} for name, values in scores.items()]
