"""LapStyle training for one style image: the draft (or vector) stage, then one revision stage per pyramid
level.

- Draft: the decoder learns to render content crops (``size`` px) in the style, with PaddleGAN's
  losses: content (mean/variance-normalised features), mean/std style, relaxed EMD style and
  self-similarity content at r31/r41, and the identity losses (decoding content with itself).
- Revision level i: content and style crops of ``size * 2**i`` px; the draft and the coarser revision
  nets are frozen; the level's revision net learns against LapStyle's patch discriminator (BCE
  adversarial loss) plus the style/content losses at that resolution; ``revision_weights`` (e.g.
  ``{"content": 8}``) overrides ``weights`` in these stages.

- Vector (drafted by the arbitrary network, one painting): the painting's style vector itself is fitted, Adam
  at ``vector_lr`` on its 100 numbers, so that the arbitrary network's drafts of whole photos take the
  painting's patch distribution (:func:`models.losses.patch_swd_loss`); the preset keeps the fitted vector
  (with ``blend``, moved back towards the predictor's as the nets are towards their initial weights).

With the EfficientNet-Lite0 encoder the mean/std style loss is taken relative to the style's own
statistics (its ReLU6 taps are far smaller than VGG's), and an RGB mean/std term
(``weights.color``) carries the palette over. A run starts from ``init`` (a LapStyle model id or
path: fine-tuning) or from scratch (ImageNet encoder, fresh decoder, revision nets that start as
identity: their last conv is zero).
"""
from pathlib import Path

import numpy as np

from .. import zoo
from ..errors import UserError
from ..imageio import write_image
from ..tensors import is_grey, pad_to_multiple, resize_long_side, to_grey, to_rgb, to_tensor
from . import checkpoint
from .base import Trainer, inverse_decay, write_model
from ..lapstyle_schedule import ARBITRARY_DRAFT
from .data import (Folder, center_crop, check_image, crop_to_multiple, random_crop, readable_images,
                   resize_short_side, step_rng, to_batch)
from .distributed import mine, wrap
from .runner import COMMON, slug

DEFAULTS = {
    "style": "", "content": "", "init": None, "name": "", "encoder": "efficientnet", "levels": 2,
    "draft": "own",  # 'own': a drafting decoder trained here; 'arbitrary': the arbitrary network drafts (frozen)
    "channels": 64,  # the revision nets' width (PaddleGAN's 64; 32 does a quarter of the work)
    "size": 128,  # the draft's crop side; revision level i trains at size * 2**i
    # "vector" fits a preset's style vector before its revision stages (drafted by the arbitrary network)
    "steps": {"draft": 3000, "vector": 0, "net_rev": 1000, "net_rev_2": 0},
    "batch": {"draft": 4, "vector": 1, "net_rev": 2, "net_rev_2": 1},
    "lr": 1e-4, "lr_decay": 5e-5,
    "vector_lr": 0.03,  # Adam's rate for the style vector (constant)
    "weights": {"content": 1.0, "style": 3.0, "remd": 10.0, "relt": 16.0, "identity1": 50.0, "identity2": 1.0,
                "color": 3.0, "tv": 0.0, "gan": 1.0, "swag": 30.0},
    "revision_weights": None,  # loss weights of the revision stages that differ from ``weights``
    # the revision stages' style and colour target: 'crops' (the discriminator's real crops) or 'whole' (the
    # painting whole, its short side twice the crop's: one painting's statistics, not a corner's)
    "style_target": "crops",
    "blend": 1.0,  # with ``init``: each trained net (and vector) ends this share of the way from its start (WiSE-FT)
    "preview_side": 256,
    **COMMON,
}
# The revision stages on the arbitrary network's draft: content terms halved and the adversarial term doubled (the
# revision adds painted detail, not the photo's), and the three costly terms left out (a step takes a third of the
# time without them).
ARBITRARY_REVISION_WEIGHTS = {"content": 0.5, "gan": 2.0, "remd": 0.0, "relt": 0.0, "swag": 0.0}
LOSS_NAMES = ["total", "content", "style", "remd", "relt", "identity1", "identity2", "color", "tv", "gan", "disc",
              "swag", "patch"]
VECTOR_SIDES = (288, 384, 512)  # the "vector" stage drafts photos and views the painting at these long sides
GENERAL_MODEL = "lapstyle-general"  # the general model fine-tuning starts from, when the zoo has it


def _load_init(init: str):
    """A LapStyle network from a zoo id or a file path, checked key by key."""
    model = zoo.get(init)
    if model.kind != "lapstyle":
        raise UserError(f"initial model '{init}' is a {model.kind} model, not LapStyle")
    return zoo.load(model)


THUMBNAIL_SIDE = 256


def _encoder_id(encoder: str) -> str:
    """The zoo model that provides the frozen encoder's weights."""
    if encoder == "efficientnet":
        return "efficientnet-lite0"
    vgg = [m for m in zoo.models() if m.converter == "paddlegan_vgg"]
    if not vgg:
        raise UserError("the VGG-19 encoder needs vgg_normalised.pdparams (PaddleGAN's file) in the weights "
                        "folder; or use the EfficientNet-Lite0 encoder")
    return vgg[0].id


def _identity_revisions(net) -> None:
    """Revision nets that start as identity: their last conv is zero."""
    from models import paddle

    for rev in net.revision_nets():
        last = rev.UpBlock[-1]
        last.weight.set_value(paddle.zeros_like(last.weight))
        last.bias.set_value(paddle.zeros_like(last.bias))


def fresh_arbitrary_model(levels: int, channels: int, seed: int):
    """LapStyle drafted by the zoo's arbitrary network (frozen), with fresh revision nets that start as identity."""
    from models import paddle
    from models.lapstyle import ArbitraryLapStyle

    weights = zoo.load_state(zoo.get("arbitrary"))
    paddle.seed(seed)
    net = ArbitraryLapStyle(levels, channels)
    net.net_draft.set_state_dict(weights)
    _identity_revisions(net)
    return net


def fresh_model(encoder: str, levels: int, seed: int):
    """LapStyle from scratch: ImageNet encoder; a decoder with He-initialised convolutions whose last
    one starts small around mid-grey (Paddle's default initialisation gives outputs of about +-10, and
    the first few hundred steps went into shrinking them); revision nets that start as identity."""
    from models import paddle
    from models.lapstyle import LapStyle

    if encoder not in ("efficientnet", "vgg"):
        raise UserError(f"unknown encoder '{encoder}': use efficientnet or vgg")
    weights = zoo.encoder_state(_encoder_id(encoder))  # before seeding: reading them builds an encoder
    paddle.seed(seed)
    net = LapStyle(encoder=encoder, revision_levels=levels)
    net.net_enc.set_state_dict(weights)
    convs = [layer for layer in net.net_dec.sublayers() if isinstance(layer, paddle.nn.Conv2D)]
    for conv in convs:
        fan_in = conv.weight.shape[1] * conv.weight.shape[2] * conv.weight.shape[3]
        conv.weight.set_value(paddle.randn(conv.weight.shape) * float(np.sqrt(2.0 / fan_in)))
        conv.bias.set_value(paddle.zeros_like(conv.bias))
    convs[-1].weight.set_value(convs[-1].weight * 0.1)
    convs[-1].bias.set_value(paddle.full_like(convs[-1].bias, 0.5))
    _identity_revisions(net)
    return net


MAX_POSITIONS = 1024  # the EMD and self-similarity losses build positions x positions matrices


def _limit(*feats):
    """Average-pool features by 2 until at most MAX_POSITIONS positions remain. At 128 px nothing changes;
    at 512 px r31 has 16384 positions, whose 16384^2 matrices made a revision step take a minute on CPU."""
    from models.pyramid import downsample

    while feats[0].shape[2] * feats[0].shape[3] > MAX_POSITIONS:
        feats = [downsample(f) for f in feats]
    return feats


def _loss_encoder(encoder: str):
    """The frozen ImageNet encoder whose features the style and content losses compare."""
    from models.encoders import build_encoder

    net = build_encoder(encoder)
    net.set_state_dict(zoo.encoder_state(_encoder_id(encoder)))
    for param in net.parameters():
        param.stop_gradient = True
    return net


MIN_CROP = 32  # the draft's crops: the encoder's deepest tap must keep a few pixels
MAX_STYLE_SIDE = 1024  # style crops are taken from the painting resized to at most this short side


def _style_images(style: str) -> list:
    """The style image, or every image of a style folder (a general model learns from many paintings)."""
    if not str(style or "").strip():
        raise UserError("no style image given")
    paths = readable_images(style, "style") if Path(style).is_dir() else [style]
    out = []
    for path in paths:
        rgb = check_image(path, "style", min_side=64)
        out.append(resize_short_side(rgb, MAX_STYLE_SIDE) if min(rgb.shape[:2]) > MAX_STYLE_SIDE else rgb)
    return out


def preset_options(options: dict, style: str, rgb: np.ndarray) -> dict:
    """The card options of a model of one painting (``style``, its path; ``rgb``, its pixels): its name, and
    ``monochrome`` for a black-and-white painting, whose preset draws in grey (its revision nets leave colour
    fringes along black lines)."""
    return {**options, "style": Path(style).stem, **({"monochrome": True} if is_grey(rgb) else {})}


class LapStyleTrainer(Trainer):
    kind = "lapstyle"
    loss_names = LOSS_NAMES

    def __init__(self, settings: dict, run_dir: Path):
        unknown = set(settings.get("revision_weights") or {}) - set(settings["weights"])
        if unknown:
            raise UserError(f"unknown keys for 'revision_weights': {', '.join(sorted(unknown))}; "
                            f"known: {', '.join(settings['weights'])}")
        if settings["size"] < MIN_CROP:
            raise UserError(f"training option 'size' must be at least {MIN_CROP} for LapStyle, not {settings['size']}")
        if settings["draft"] not in ("own", "arbitrary"):
            raise UserError(f"unknown draft '{settings['draft']}': use own or arbitrary")
        self.styles = _style_images(settings["style"])
        self.style_rgb = self.styles[0]
        self.content = Folder(settings["content"])
        if settings["style_target"] not in ("crops", "whole"):
            raise UserError(f"unknown style_target '{settings['style_target']}': use crops or whole")
        if settings["style_target"] == "whole" and len(self.styles) > 1:
            raise UserError("style_target 'whole' needs one style image, not a folder")
        if not 0.0 <= settings["blend"] <= 1.0:
            raise UserError(f"training option 'blend' must be between 0 and 1, not {settings['blend']}")
        if settings["init"]:
            self.model = _load_init(settings["init"])
        elif settings["draft"] == "arbitrary":
            self.model = fresh_arbitrary_model(settings["levels"], settings["channels"], settings["seed"])
        else:
            self.model = fresh_model(settings["encoder"], settings["levels"], settings["seed"])
        self.arbitrary = hasattr(self.model, "net_draft")  # drafted by the arbitrary network: revision stages only
        self.encoder = _loss_encoder(settings["encoder"]) if self.arbitrary else self.model.net_enc
        self.model.train()
        self.encoder.eval()  # frozen: its BatchNorms keep their ImageNet statistics, as at inference
        if settings["steps"].get("vector") and not (self.arbitrary and len(self.styles) == 1):
            raise UserError("the 'vector' stage fits one painting's style vector: it needs draft 'arbitrary' and one "
                            "style image")
        self.fitted = None
        if self.arbitrary:
            self.model.net_draft.eval()
            self.vectors = [self._style_vector(rgb) for rgb in self.styles]
            if len(self.styles) == 1:
                from models.arbitrary import FittedVector

                self.fitted = FittedVector(self.vectors[0].numpy())
                self.vectors = [self.fitted.vector]
        self.painting_patches = {}
        if settings["steps"].get("vector"):
            from models import losses, paddle

            with paddle.no_grad():
                for side in VECTOR_SIDES:
                    painting = to_tensor(resize_long_side(self.style_rgb, side))
                    self.painting_patches[side] = losses.patch_distribution(painting)
        names = (["vector"] if self.arbitrary else ["draft"]) + self.model.revision_names
        super().__init__(settings, [(n, settings["steps"].get(n, 0)) for n in names])
        # the weights each stage's net starts from, for ``blend``
        self.initial = {stage: {k: v.numpy() for k, v in self._trainable(stage).state_dict().items()}
                        for stage, _ in self.stages} if settings["init"] and settings["blend"] < 1.0 else None
        self.model_id = f"lapstyle-{slug(settings['name'] or Path(run_dir).name)}"
        self.relative = not hasattr(self.encoder, "enc_1")  # VGG keeps PaddleGAN's absolute style loss
        self.current = None
        self.whole = {}
        side = max(settings["preview_side"], self._min_side())
        side += -side % self._multiple()
        self.preview_content = center_crop(self.content.load(settings["seed"], 0, 1)[0], side)

    def _levels(self) -> int:
        return len(self.model.revision_names)

    def _multiple(self) -> int:
        """The multiple of the content's sides that the whole pyramid needs."""
        return 4 * 2 ** self._levels() if self.arbitrary else self.model.size_multiple

    def _min_side(self) -> int:
        return MIN_CROP * 2 ** self._levels() if self.arbitrary else self.model.min_size

    @staticmethod
    def _style_vector(rgb):
        """The arbitrary network's style vector of a painting, as the app computes it."""
        from models import paddle
        from ..transfer import style_vector

        return paddle.to_tensor(style_vector("arbitrary", rgb, "paddle"))

    # --- stages -------------------------------------------------------------------------------------
    def _trainable(self, stage):
        if stage == "vector":
            return self.fitted
        return self.model.net_dec if stage == "draft" else getattr(self.model, stage)

    def _enter(self, stage):
        """Fresh optimizers (and a fresh discriminator for a revision stage) for ``stage``."""
        from models import paddle
        from models.lapstyle import LapStyleDiscriminator

        s = self.settings
        self.current = stage
        net = self._trainable(stage)
        for name in ([] if self.arbitrary else ["net_dec"]) + self.model.revision_names:
            for param in getattr(self.model, name).parameters():
                param.stop_gradient = name != ("net_dec" if stage == "draft" else stage)
        if self.fitted is not None:
            self.fitted.vector.stop_gradient = stage != "vector"
        self.net = wrap(net)
        self.opt_g = paddle.optimizer.Adam(s["vector_lr"] if stage == "vector" else s["lr"],
                                           parameters=net.parameters())
        self.disc = self.opt_d = None
        if stage not in ("draft", "vector"):
            paddle.seed(s["seed"] + self.stage_start(stage))
            # on the arbitrary draft: five layers of 16 channels (it sees 11 px, a brush stroke's width), no BatchNorm
            self.disc_net = LapStyleDiscriminator(5, 16, norm=False) if self.arbitrary else LapStyleDiscriminator()
            self.disc = wrap(self.disc_net)
            self.opt_d = paddle.optimizer.Adam(s["lr"], parameters=self.disc_net.parameters())

    def _batch(self, step, stage):
        """Content and style crops for ``step`` at the stage's resolution (this process's share)."""
        s = self.settings
        level = 0 if stage == "draft" else self.model.revision_names.index(stage) + 1
        side = s["size"] * 2 ** level
        count = s["batch"][stage]
        rng = step_rng(s["seed"], step)
        load = side + side // 16
        contents = [random_crop(rgb, side, rng, load) for rgb in self.content.load(s["seed"], step * count, count)]
        picks = rng.integers(len(self.styles), size=count) if len(self.styles) > 1 else [0] * count
        styles = [random_crop(self.styles[i], side, rng, load) for i in picks]
        return to_batch(mine(contents)), to_batch(mine(styles)), level

    def _arbitrary_batch(self, step, stage):
        """A revision stage's batch when the arbitrary network drafts: the photos (at most ``2 * ARBITRARY_DRAFT``
        px long, as the app's first revision level sees them), a crop box in each at the stage's resolution
        (aligned to the draft's pixels), style crops, and which painting each sample takes (this process's share).

        The painting's crops come from it shrunk to at most twice the crop on its short side."""
        s = self.settings
        level = self.model.revision_names.index(stage) + 1
        side, align = s["size"] * 2 ** level, 4 * 2 ** level
        count = s["batch"][stage]
        rng = step_rng(s["seed"], step)
        photos, boxes = [], []
        for rgb in self.content.load(s["seed"], step * count, count):
            rgb = resize_long_side(rgb, min(max(rgb.shape[:2]), 2 * ARBITRARY_DRAFT))
            rgb = resize_short_side(rgb, side) if min(rgb.shape[:2]) < side else rgb
            rgb = crop_to_multiple(rgb, align)
            h, w = rgb.shape[:2]
            photos.append(rgb)
            boxes.append((int(rng.integers(0, (h - side) // align + 1)) * align,
                          int(rng.integers(0, (w - side) // align + 1)) * align))
        picks = rng.integers(len(self.styles), size=count) if len(self.styles) > 1 else [0] * count
        styles = []
        for i in picks:
            painting = self.styles[i]
            load = max(side + side // 16, min(min(painting.shape[:2]), 2 * side))
            styles.append(random_crop(painting, side, rng, load))
        return mine(photos), mine(boxes), to_batch(mine(styles)), mine(list(picks)), level, side

    def _coarse(self, content, style, level):
        """The image a revision stage refines: everything below ``level``, frozen (drafting net + coarser nets)."""
        from models import paddle
        from models.pyramid import downsample, laplacian_pyramid

        bands = laplacian_pyramid(content, level)
        with paddle.no_grad():
            low_style = style
            for _ in range(level):
                low_style = downsample(low_style)
            draft = self.model.draft(bands[-1], self.model.style_statistics(low_style))
            out = self._through_coarser_nets(bands, draft, level)
        return bands[0], out

    def _through_coarser_nets(self, bands, draft, level):
        """``draft`` revised by the frozen nets below ``level`` (``bands``: the content's pyramid, finest first)."""
        from models.lapstyle import pyramid_images

        return pyramid_images(bands[1:], draft, self.model.revision_nets()[:level - 1])[-1]

    def _arbitrary_coarse(self, photos, boxes, picks, level, side):
        """The content crops, the band their revision stage revises and the images it refines: each photo drafted
        whole by the arbitrary network at 1/2**level of its size (as the app drafts), cropped, then revised by the
        coarser nets, each level repainted as the app repaints it (``ArbitraryLapStyle.revise_draft``)."""
        from models import paddle
        from models.pyramid import low_passes

        scale, drafts, crops = 2 ** level, [], []
        with paddle.no_grad():
            for photo, (top, left), pick in zip(photos, boxes, picks):
                low = low_passes(to_tensor(photo), level)[-1]
                draft = self.model.net_draft(low, self.vectors[pick])
                t, l, n = top // scale, left // scale, side // scale
                drafts.append(draft[:, :, t:t + n, l:l + n])
                crops.append(photo[top:top + side, left:left + side])
            content = to_batch(crops)
            lows = low_passes(content, level)
            vectors = paddle.concat([self.vectors[pick] for pick in picks], axis=0)
            out = self.model.revise_draft(paddle.concat(drafts, axis=0), lows[1:], vectors)[-1]
            band = self.model.repainted_band(out, content, vectors)
        return content, band, out

    # --- losses -------------------------------------------------------------------------------------
    def _weights(self, stage) -> dict:
        weights = self.settings["weights"]
        if stage != "draft":
            weights = {**weights, **(self.settings.get("revision_weights") or {})}
        return weights

    def _style_content_losses(self, stylized, cF, sF, style, stage):
        """The style and content terms of one stylized batch that ``stage`` weighs (``cF``/``sF``: content and
        style features)."""
        from models import losses

        enc = self.encoder
        tF = enc(stylized)
        taps = enc.taps
        terms = {
            "content": lambda: sum(losses.content_loss(tF[t], cF[t], norm=True) for t in taps),
            "style": lambda: sum(losses.style_stats_loss(tF[t], sF[t], self.relative) for t in taps),
            "remd": lambda: sum(losses.style_remd_loss(*_limit(tF[t], sF[t])) for t in ("r31", "r41")),
            "swag": lambda: sum(losses.style_swag_loss(tF[t], sF[t]) for t in taps),
            "relt": lambda: sum(losses.content_relt_loss(*_limit(tF[t], cF[t])) for t in ("r31", "r41")),
            "color": lambda: losses.style_stats_loss(stylized, style),
            "tv": lambda: losses.total_variation(stylized),
        }
        weights = self._weights(stage)
        return {name: term() for name, term in terms.items() if weights.get(name)}

    def _weighted(self, terms, stage):
        weights = self._weights(stage)
        return sum(weights[name] * value for name, value in terms.items() if weights.get(name))

    def train_step(self, step: int) -> dict:
        from models import paddle
        from models import losses as L
        from models.lapstyle import adain_features, feature_statistics, revised

        stage = self.stage(step)
        if stage != self.current:
            self._enter(stage)
        s = self.settings
        rate = s["vector_lr"] if stage == "vector" else inverse_decay(s["lr"], s["lr_decay"],
                                                                        step - self.stage_start(stage))
        enc = self.encoder
        if stage == "draft":
            content, style, _ = self._batch(step, stage)
            cF, sF = enc(content), enc(style)
            stylized = self.net(adain_features(cF, feature_statistics(sF)))
            terms = self._style_content_losses(stylized, cF, sF, style, stage)
            if s["weights"]["identity1"] or s["weights"]["identity2"]:  # decoding the content with itself
                identity = self.net(adain_features(cF, feature_statistics(cF)))
                terms["identity1"] = paddle.nn.functional.mse_loss(identity, content)
                id_feats = enc(identity)
                terms["identity2"] = sum(paddle.nn.functional.mse_loss(id_feats[t], cF[t]) for t in enc.taps)
            disc_loss = None
        elif stage == "vector":
            terms, disc_loss = {"patch": self._vector_loss(step)}, None
        else:
            if self.arbitrary:
                photos, boxes, style, picks, level, side = self._arbitrary_batch(step, stage)
                content, band, out = self._arbitrary_coarse(photos, boxes, picks, level, side)
            else:
                content, style, level = self._batch(step, stage)
                band, out = self._coarse(content, style, level)
            stylized = revised(self.net, band, out, self.model.band_only)
            # discriminator: the style crops are real, the revised images fake
            self.opt_d.set_lr(rate)
            disc_loss = 0.5 * (L.gan_loss(self.disc(stylized.detach()), False) + L.gan_loss(self.disc(style), True))
            self.opt_d.clear_grad()
            disc_loss.backward()
            self.opt_d.step()
            for param in self.disc_net.parameters():
                param.stop_gradient = True
            target = self._whole_painting(style.shape[2]) if s["style_target"] == "whole" else style
            with paddle.no_grad():
                cF, sF = enc(content), enc(target)
            terms = self._style_content_losses(stylized, cF, sF, target, stage)
            terms["gan"] = L.gan_loss(self.disc(stylized), True)
            for param in self.disc_net.parameters():
                param.stop_gradient = False
        total = terms["patch"] if stage == "vector" else self._weighted(terms, stage)
        self.opt_g.set_lr(rate)
        self.opt_g.clear_grad()
        total.backward()
        self.opt_g.step()
        if self.initial is not None and step + 1 == self.stage_start(stage) + dict(self.stages)[stage]:
            self._blend_with_initial(stage)
        report = {name: float(value) for name, value in terms.items()}
        report["total"] = float(total)
        if disc_loss is not None:
            report["disc"] = float(disc_loss)
        return report

    def _vector_loss(self, step):
        """The "vector" stage's loss: the patch distributions (:func:`models.losses.patch_swd_loss`) of the
        arbitrary network's drafts of whole photos after the fitted vector, against the painting's, all at one of
        VECTOR_SIDES px on the long side (drawn each step: the app drafts at sizes in that range). The painting's
        own patches steer its vector, not the predictor's reading of it."""
        from models import losses

        s = self.settings
        count = s["batch"]["vector"]
        side = VECTOR_SIDES[step_rng(s["seed"], step).integers(len(VECTOR_SIDES))]
        photos = [crop_to_multiple(resize_long_side(rgb, side), 4)
                  for rgb in mine(self.content.load(s["seed"], step * count, count))]
        drafts = [self.model.net_draft(to_tensor(photo), self.fitted.vector) for photo in photos]
        return sum(losses.patch_swd_loss(draft, self.painting_patches[side]) for draft in drafts) / len(drafts)

    def _whole_painting(self, side):
        """The painting whole, its short side ``2 * side`` (kept for the run)."""
        if side not in self.whole:
            self.whole[side] = to_tensor(resize_short_side(self.style_rgb, 2 * side))
        return self.whole[side]

    def _blend_with_initial(self, stage):
        """The stage's net, trained, moved back to ``blend`` of the way from its initial weights: weight-space
        ensembling of the fine-tune with the model it started from (WiSE-FT, Wortsman et al. 2022)."""
        from models import paddle

        net, share, initial = self._trainable(stage), self.settings["blend"], self.initial[stage]
        blended = {}
        for key, value in net.state_dict().items():
            blended[key] = paddle.to_tensor(initial[key] + share * (value.numpy() - initial[key]))
        net.set_state_dict(blended)

    # --- checkpoint, preview, export ----------------------------------------------------------------
    def arrays(self) -> dict:
        out = checkpoint.network_arrays("model", self.model)
        if self.fitted is not None:
            out.update(checkpoint.network_arrays("vector", self.fitted))
        if self.current:
            out.update(checkpoint.optimizer_arrays("opt_g", self.opt_g, self._trainable(self.current)))
            if self.disc is not None:
                out.update(checkpoint.network_arrays("disc", self.disc_net))
                out.update(checkpoint.optimizer_arrays("opt_d", self.opt_d, self.disc_net))
        return out

    def restore(self, arrays: dict, step: int) -> None:
        checkpoint.load_network("model", self.model, arrays)
        if self.fitted is not None and any(key.startswith("vector.") for key in arrays):
            checkpoint.load_network("vector", self.fitted, arrays)
        stage = self.stage(step)
        if step > 0 and self.stage(step - 1) == stage and step < self.total:  # in the middle of a stage
            self._enter(stage)
            checkpoint.load_optimizer("opt_g", self.opt_g, self._trainable(stage), arrays)
            if self.disc is not None:
                checkpoint.load_network("disc", self.disc_net, arrays)
                checkpoint.load_optimizer("opt_d", self.opt_d, self.disc_net, arrays)

    def preview(self) -> np.ndarray:
        """The whole pyramid as it stands, on a fixed content crop."""
        from models import paddle

        content = self.preview_content
        with paddle.no_grad():
            if self.arbitrary:
                out = self.model.revise(to_tensor(content), self.vectors[0], self._levels())[-1]
                return to_rgb(out.clip(0.0, 1.0))
            style = pad_to_multiple(resize_long_side(self.style_rgb, max(content.shape[:2])), 1, self.model.min_size)
            return to_rgb(self.model.stylize(to_tensor(content), to_tensor(style)))

    def _style_stats(self) -> dict:
        """The painting's AdaIN statistics at the draft's training scale (short side ``size * 17/16``,
        as the draft's style crops were taken): what a preset keeps instead of the painting."""
        from models import paddle

        side = self.settings["size"] + self.settings["size"] // 16
        with paddle.no_grad():
            stats = self.model.style_statistics(to_tensor(resize_short_side(self.style_rgb, side)))
        return {tap: (mean.numpy().reshape(-1), std.numpy().reshape(-1)) for tap, (mean, std) in stats.items()}

    def export(self, folder: Path) -> list:
        """The model without its frozen encoder (named in the card), in half precision; a single-style run
        also keeps the painting's statistics (a preset: no style image needed, :func:`preset_options`) and a
        thumbnail (the last preview, a stylized photo; grey for a black-and-white painting)."""
        s = self.settings
        state = {k: v.numpy().astype(np.float16) for k, v in self.model.state_dict().items()
                 if not k.startswith(("net_enc.", "net_draft."))}
        if self.arbitrary:
            options = {"draft": "arbitrary", "trained_from": s["init"] or "scratch"}
        else:
            options = {"encoder": _encoder_id(s["encoder"]), "trained_from": s["init"] or "scratch"}
        monochrome = len(self.styles) == 1 and is_grey(self.style_rgb)
        if len(self.styles) > 1:  # a general model: any style image at run time
            title = f"LapStyle: general, {len(self.styles)} paintings (trained {self.total} steps)"
        else:
            if self.arbitrary:
                state[zoo.PRESET_VECTOR] = self.vectors[0].numpy().astype(np.float32)
            else:
                for tap, (mean, std) in self._style_stats().items():
                    state[f"{zoo.STYLE_PREFIX}{tap}.mean"], state[f"{zoo.STYLE_PREFIX}{tap}.std"] = mean, std
            options = preset_options(options, s["style"], self.style_rgb)
            title = f"LapStyle: {Path(s['style']).stem} (trained {self.total} steps)"
        weights = write_model(folder, self.model_id, "lapstyle", title, state, options)
        thumbnail, preview = weights.with_suffix(".jpg"), self.preview()
        preview = to_grey(preview) if monochrome else preview
        write_image(thumbnail, resize_long_side(preview, THUMBNAIL_SIDE), quality=90)
        return [weights, weights.with_suffix(".json"), thumbnail]
