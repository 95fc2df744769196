"""CycleGAN training on two unpaired folders (Zhu et al. 2017, as pytorch-CycleGAN-and-pix2pix and
PaddleGAN train it): LSGAN loss, cycle weight 10, identity 0.5 (of the cycle weight), image pools of 50
earlier fakes for the discriminators, Adam 2e-4 with beta1 0.5, the rate constant for ``steps`` and then
decaying linearly to zero over ``decay_steps``.

``G_A`` maps domain A to B and ``G_B`` B to A; ``D_A`` judges B images, ``D_B`` A images. The finished
run writes two zoo models: ``cyclegan-NAME`` (A to B) and ``cyclegan-NAME-reverse`` (B to A).
"""
from pathlib import Path

import numpy as np

from . import checkpoint
from .base import Trainer, write_model
from .data import Folder, center_crop, random_crop, step_rng, to_batch
from .distributed import mine, wrap
from .runner import COMMON, slug

DEFAULTS = {
    "domain_a": "", "domain_b": "", "name": "",
    "size": 256, "load_size": 286, "batch": 1,
    "steps": 100000, "decay_steps": 100000,
    "lr": 2e-4, "beta1": 0.5, "cycle": 10.0, "identity": 0.5, "pool": 50,
    **COMMON,
}
LOSS_NAMES = ["G", "G_A", "G_B", "cycle_A", "cycle_B", "idt_A", "idt_B", "D_A", "D_B"]


class ImagePool:
    """The last ``size`` generated images; a discriminator sees a fake from the pool half of the time
    once it is full (Shrivastava et al. 2017). Its contents are part of the checkpoint."""

    def __init__(self, size: int):
        self.size, self.images = size, []

    def query(self, batch: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        if self.size == 0:
            return batch
        out = []
        for image in batch:
            if len(self.images) < self.size:
                self.images.append(image.copy())
                out.append(image)
            elif rng.random() > 0.5:
                index = int(rng.integers(0, self.size))
                out.append(self.images[index])
                self.images[index] = image.copy()
            else:
                out.append(image)
        return np.stack(out)

    def arrays(self, prefix: str) -> dict:
        return {f"{prefix}.{i:03d}": image for i, image in enumerate(self.images)}

    def restore(self, prefix: str, arrays: dict) -> None:
        self.images = [arrays[key] for key in sorted(k for k in arrays if k.startswith(prefix + "."))]


def linear_decay(lr: float, steps: int, decay_steps: int, step: int) -> float:
    """``lr`` for ``steps`` steps, then linearly down towards 0 over ``decay_steps``."""
    if step < steps:
        return lr
    return lr * (1.0 - (step - steps) / float(decay_steps + 1))


class CycleGANTrainer(Trainer):
    kind = "cyclegan"
    loss_names = LOSS_NAMES

    def __init__(self, settings: dict, run_dir: Path):
        from models import paddle
        from models.cyclegan import NLayerDiscriminator, ResnetGenerator

        self.domain_a = Folder(settings["domain_a"], "domain A")
        self.domain_b = Folder(settings["domain_b"], "domain B")
        super().__init__(settings, [("cyclegan", settings["steps"] + settings["decay_steps"])])
        self.model_id = f"cyclegan-{slug(settings['name'] or Path(run_dir).name)}"
        paddle.seed(settings["seed"])
        self.nets = {"G_A": ResnetGenerator(), "G_B": ResnetGenerator(),
                     "D_A": NLayerDiscriminator(), "D_B": NLayerDiscriminator()}
        for net in self.nets.values():
            for param in net.parameters():  # pytorch-CycleGAN's init: N(0, 0.02) weights, zero biases
                if param.stop_gradient:
                    continue
                param.set_value(paddle.normal(0.0, 0.02, param.shape) if len(param.shape) > 1
                                else paddle.zeros_like(param))
        self.run = {name: wrap(net) for name, net in self.nets.items()}
        adam = dict(learning_rate=settings["lr"], beta1=settings["beta1"], beta2=0.999)
        self.opt_g = paddle.optimizer.Adam(parameters=self.nets["G_A"].parameters() + self.nets["G_B"].parameters(),
                                           **adam)
        self.opt_d = paddle.optimizer.Adam(parameters=self.nets["D_A"].parameters() + self.nets["D_B"].parameters(),
                                           **adam)
        self.pools = {"A": ImagePool(settings["pool"]), "B": ImagePool(settings["pool"])}
        side = settings["size"]
        self.preview_a = center_crop(self.domain_a.load(settings["seed"], 0, 1)[0], side)
        self.preview_b = center_crop(self.domain_b.load(settings["seed"], 0, 1)[0], side)

    def _crops(self, folder, step, rng):
        s = self.settings
        images = [random_crop(rgb, s["size"], rng, s["load_size"], flip=True)
                  for rgb in folder.load(s["seed"], step * s["batch"], s["batch"])]
        return to_batch(mine(images)) * 2.0 - 1.0

    def _set_trainable(self, names, flag):
        for name in names:
            for param in self.nets[name].parameters():
                if param.trainable:
                    param.stop_gradient = not flag

    def train_step(self, step: int) -> dict:
        from models import paddle
        from models.losses import gan_loss

        s = self.settings
        l1 = paddle.nn.functional.l1_loss
        rng = step_rng(s["seed"], step)
        real_a, real_b = self._crops(self.domain_a, step, rng), self._crops(self.domain_b, step, rng)
        rate = linear_decay(s["lr"], s["steps"], s["decay_steps"], step)
        G_A, G_B, D_A, D_B = (self.run[n] for n in ("G_A", "G_B", "D_A", "D_B"))

        fake_b, fake_a = G_A(real_a), G_B(real_b)
        rec_a, rec_b = G_B(fake_b), G_A(fake_a)
        self._set_trainable(["D_A", "D_B"], False)
        terms = {"G_A": gan_loss(D_A(fake_b), True, "lsgan"), "G_B": gan_loss(D_B(fake_a), True, "lsgan"),
                 "cycle_A": l1(rec_a, real_a) * s["cycle"], "cycle_B": l1(rec_b, real_b) * s["cycle"]}
        if s["identity"] > 0:
            terms["idt_A"] = l1(G_A(real_b), real_b) * s["cycle"] * s["identity"]
            terms["idt_B"] = l1(G_B(real_a), real_a) * s["cycle"] * s["identity"]
        loss_g = sum(terms.values())
        self.opt_g.set_lr(rate)
        self.opt_g.clear_grad()
        loss_g.backward()
        self.opt_g.step()
        self._set_trainable(["D_A", "D_B"], True)

        pooled_b = paddle.to_tensor(self.pools["B"].query(fake_b.numpy(), rng))
        pooled_a = paddle.to_tensor(self.pools["A"].query(fake_a.numpy(), rng))
        loss_da = 0.5 * (gan_loss(D_A(real_b), True, "lsgan") + gan_loss(D_A(pooled_b), False, "lsgan"))
        loss_db = 0.5 * (gan_loss(D_B(real_a), True, "lsgan") + gan_loss(D_B(pooled_a), False, "lsgan"))
        self.opt_d.set_lr(rate)
        self.opt_d.clear_grad()
        (loss_da + loss_db).backward()
        self.opt_d.step()
        report = {name: float(value) for name, value in terms.items()}
        report.update(G=float(loss_g), D_A=float(loss_da), D_B=float(loss_db))
        return report

    def arrays(self) -> dict:
        out = {}
        for name, net in self.nets.items():
            out.update(checkpoint.network_arrays(name, net))
        out.update(checkpoint.optimizer_arrays("opt_g", self.opt_g, _Pair(self.nets["G_A"], self.nets["G_B"])))
        out.update(checkpoint.optimizer_arrays("opt_d", self.opt_d, _Pair(self.nets["D_A"], self.nets["D_B"])))
        for domain, pool in self.pools.items():
            out.update(pool.arrays(f"pool_{domain}"))
        return out

    def restore(self, arrays: dict, step: int) -> None:
        for name, net in self.nets.items():
            checkpoint.load_network(name, net, arrays)
        checkpoint.load_optimizer("opt_g", self.opt_g, _Pair(self.nets["G_A"], self.nets["G_B"]), arrays)
        checkpoint.load_optimizer("opt_d", self.opt_d, _Pair(self.nets["D_A"], self.nets["D_B"]), arrays)
        for domain, pool in self.pools.items():
            pool.restore(f"pool_{domain}", arrays)

    def preview(self) -> np.ndarray:
        """[A | A->B | B | B->A] on fixed crops."""
        from models import paddle
        from models.cyclegan import translate

        from ..tensors import to_rgb, to_tensor

        with paddle.no_grad():
            a_to_b = to_rgb(translate(self.nets["G_A"], to_tensor(self.preview_a)))
            b_to_a = to_rgb(translate(self.nets["G_B"], to_tensor(self.preview_b)))
        return np.concatenate([self.preview_a, a_to_b, self.preview_b, b_to_a], axis=1)

    def export(self, folder: Path) -> list:
        s = self.settings
        names = (Path(s["domain_a"]).name, Path(s["domain_b"]).name)
        files = []
        for net, model_id, (src, dst) in [("G_A", self.model_id, names),
                                          ("G_B", f"{self.model_id}-reverse", names[::-1])]:
            state = {k: v.numpy() for k, v in self.nets[net].state_dict().items()}
            weights = write_model(folder, model_id, "cyclegan", f"CycleGAN: {src} to {dst}", state)
            files += [weights, weights.with_suffix(".json")]
        return files


class _Pair:
    """Two networks seen as one for the optimizer-state naming (keys prefixed by their names)."""

    def __init__(self, first, second):
        self.first, self.second = first, second

    def named_parameters(self):
        yield from ((f"0.{k}", p) for k, p in self.first.named_parameters())
        yield from ((f"1.{k}", p) for k, p in self.second.named_parameters())
