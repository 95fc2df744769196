"""Stylize, translate and restore: arrays in, array out, no side effects.

Every function keeps the content's aspect ratio and size (restoration scales it by the model's factor):
the input is reflect-padded to the network's size multiple and the result cropped back.
"""
import functools

import cv2
import numpy as np

from . import zoo
from .errors import UserError, check_cancel
from .tensors import center_square, pad_to_multiple, resize_long_side, to_rgb, to_tensor

STYLE_SIDE = 256  # the arbitrary network's style predictor sees the style at 256x256 (as Magenta does)
PRESET_PREFIX = "style-"


def presets() -> list:
    """Names of the built-in styles: the 26-style network's styles, style-00 ... style-25."""
    from models.multistyle import NUM_STYLES

    return [f"{PRESET_PREFIX}{i:02d}" for i in range(NUM_STYLES)]


def preset_index(name: str):
    """The 26-style index of a preset name, or None when ``name`` is not a preset."""
    return presets().index(name) if name in presets() else None


@functools.lru_cache(maxsize=4)
def network(model_id: str):
    """The loaded network of a model (kept for reuse)."""
    return zoo.load(zoo.get(model_id))


def _run(rgb: np.ndarray, multiple: int, forward, min_side: int = 1, cancel=None) -> np.ndarray:
    """Pad, run ``forward`` on the tensor, crop back (scaled by the network's own scale factor).

    ``cancel`` (a threading.Event) is checked before and after the network runs."""
    from models import paddle

    check_cancel(cancel)
    h, w = rgb.shape[:2]
    padded = pad_to_multiple(rgb, multiple, min_side)
    with paddle.no_grad():
        out = to_rgb(forward(to_tensor(padded)))
    check_cancel(cancel)
    scale = out.shape[0] // padded.shape[0]
    return out[:h * scale, :w * scale]


def keep_colors(stylized: np.ndarray, content: np.ndarray) -> np.ndarray:
    """The stylized luminance with the content's colours (YCrCb chroma)."""
    y = cv2.cvtColor(stylized, cv2.COLOR_RGB2YCrCb)[..., :1]
    crcb = cv2.cvtColor(content, cv2.COLOR_RGB2YCrCb)[..., 1:]
    return cv2.cvtColor(np.concatenate([y, crcb], axis=2), cv2.COLOR_YCrCb2RGB)


def blend(result: np.ndarray, content: np.ndarray, alpha: float) -> np.ndarray:
    """Mix ``alpha`` of the result with ``1 - alpha`` of the content."""
    if alpha >= 1.0:
        return result
    return cv2.addWeighted(result, alpha, content, 1.0 - alpha, 0.0)


def stylize(content: np.ndarray, style, model_id: str, alpha: float = 1.0, preserve_color: bool = False,
            cancel=None):
    """Stylize ``content`` (HxWx3 uint8) with ``style`` (an HxWx3 image, or a preset name for the 26-style net)."""
    from models import paddle

    if not 0.0 <= alpha <= 1.0:
        raise UserError(f"style strength must be between 0 and 1, got {alpha}")
    kind = zoo.get(model_id).kind
    net = network(model_id)
    if kind == "multistyle":
        index = preset_index(style) if isinstance(style, str) else None
        if index is None:
            raise UserError(f"model '{model_id}' takes a preset style ({presets()[0]} ... {presets()[-1]}), "
                            "not an image")
        weights = paddle.nn.functional.one_hot(paddle.to_tensor([index]), len(presets())).astype("float32")
        out = blend(_run(content, net.size_multiple, lambda x: net(x, weights), cancel=cancel), content, alpha)
    elif isinstance(style, str):
        raise UserError(f"preset '{style}' belongs to model 'multistyle26'; model '{model_id}' needs a style image")
    elif kind == "arbitrary":
        with paddle.no_grad():
            vector = net.style_vector(to_tensor(center_square(style, STYLE_SIDE)))
            if alpha < 1.0:  # move from the photo's own style towards the painting's, as Magenta does
                own = net.style_vector(to_tensor(center_square(content, STYLE_SIDE)))
                vector = alpha * vector + (1.0 - alpha) * own
        out = _run(content, net.size_multiple, lambda x: net(x, vector), cancel=cancel)
    elif kind == "lapstyle":
        # the style at the content's scale (as PaddleGAN trains and predicts), never below the net's minimum
        style_t = to_tensor(pad_to_multiple(resize_long_side(style, max(content.shape[:2])), 1, net.min_size))
        out = _run(content, net.size_multiple, lambda x: net.stylize(x, style_t, alpha=alpha), net.min_size, cancel)
    else:
        raise UserError(f"model '{model_id}' is a {kind} model, not a style model; use --model with a style model")
    return keep_colors(out, content) if preserve_color else out


def translate(image: np.ndarray, model_id: str, cancel=None) -> np.ndarray:
    """Unpaired translation with a CycleGAN generator."""
    from models.cyclegan import translate as run_generator

    if zoo.get(model_id).task != "translate":
        raise UserError(f"model '{model_id}' is not a CycleGAN model")
    net = network(model_id)
    return _run(image, 1, lambda x: run_generator(net, x), cancel=cancel)


def restore(image: np.ndarray, model_id: str, cancel=None) -> np.ndarray:
    """Denoise and/or upscale with a restoration model; the output is the model's scale times the input."""
    from models.waifu2x import upscale2x

    model = zoo.get(model_id)
    if model.task != "restore":
        raise UserError(f"model '{model_id}' is not a restoration model")
    net = network(model_id)
    forward = (lambda x: upscale2x(net, x)) if model.kind == "waifu2x" else net
    return _run(image, net.size_multiple, forward, cancel=cancel)
