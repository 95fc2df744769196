"""Stylize (after a style image, or with a built-in style), translate and restore: arrays in, array out (the only
side effect: exported graphs are cached).

Every function keeps the content's aspect ratio and size (restoration scales it by the model's factor):
the input is reflect-padded to the network's size multiple and the result cropped back.

Networks run on a backend (:mod:`.backends`): by default the fast exported graph, with the Paddle
dynamic graph (``backend='paddle'``) as the reference it agrees with. Images above a size run in
overlapped tiles (:mod:`.tiling`); what must be global is computed once for the whole image: the style
vector, the instance-norm statistics (from the image at ``STATS_SIDE``) and the LapStyle draft with its
coarse levels (:mod:`.lapstyle_schedule`).
"""
import hashlib
from collections import OrderedDict

import cv2
import numpy as np

from . import backends, lapstyle_schedule, networks, tiling, zoo
from .errors import UserError, check_cancel
from .imageio import MIN_SIDE
from .tensors import fit_max_side, pad_to_multiple, spanning_squares, to_grey, to_nchw, to_uint8
from .tiling import Tiles

STYLE_SIDE = 256  # the arbitrary network's style predictor sees the style at 256x256 (as Magenta does)
PRESET_PREFIX = "style-"
STATS_SIDE = 768  # a tiled image's instance-norm statistics come from the image at this long side


TILES = {
    "arbitrary": Tiles(core=1024, margin=64, blend=16, above=2048 * 2048, norms=True),
    "multistyle": Tiles(core=1024, margin=64, blend=16, above=2048 * 2048, norms=True),
    "cyclegan": Tiles(core=640, margin=96, blend=16, above=1536 * 1536, norms=True),
    "waifu2x": Tiles(core=512, margin=16, blend=4, above=1024 * 1024, norms=False),
    "srresnet": Tiles(core=256, margin=48, blend=8, above=512 * 512, norms=False),
    "dotfinder": Tiles(core=512, margin=48, blend=8, above=1024 * 1024, norms=False),
    "lapstyle": lapstyle_schedule.TILES,
}


NUM_PRESETS = 26  # models.multistyle.NUM_STYLES, written out so listing presets needs no paddle import


def presets() -> list:
    """Names of the built-in styles, numbered from one as people count: style-01 ... style-26."""
    return [f"{PRESET_PREFIX}{i:02d}" for i in range(1, NUM_PRESETS + 1)]


def preset_index(name: str):
    """The 26-style network's index (0-25) of a preset name, or None when ``name`` is not a preset."""
    return presets().index(name) if name in presets() else None


def _run(model_id: str, kind: str, make, rgb, conditions=(), *, scale=1, backend, tile=None, cancel=None,
         progress=None):
    """Pad ``rgb`` to the network's size multiple, run ``make(net)(image, *conditions)`` whole or in tiles (as
    ``TILES[kind]`` says), crop back; the result is ``scale`` times the input.

    ``conditions`` are extra inputs (style vector, style weights) given to every tile as they are."""
    from . import graphs

    check_cancel(cancel)
    net = networks.network(model_id)
    multiple = net.size_multiple
    h, w = rgb.shape[:2]
    padded = pad_to_multiple(rgb, multiple, MIN_SIDE)  # a sliver left by shrinking still runs
    specs = [graphs.image_spec("image")] + [graphs.vector_spec(f"condition{i}", c.shape[1])
                                            for i, c in enumerate(conditions)]

    def graph(norms="plain"):
        return networks.graph(model_id, kind, lambda: make(net), specs, norms, even=multiple % 4 == 0)

    tiles = TILES[kind].plan(padded.shape[:2], backend, tile)
    if tiles is None:
        out = backends.runner(graph(), backend, cancel)(to_nchw(padded), *conditions)[0][0].transpose(1, 2, 0)
    else:
        stats = []
        if tiles.norms:
            small = pad_to_multiple(fit_max_side(padded, STATS_SIDE), multiple)
            stats = backends.runner(graph("record"), backend, cancel, lean=True)(to_nchw(small), *conditions)
        run = backends.runner(graph("fixed" if stats else "plain"), backend, cancel, lean=True)
        out = tiling.run_tiled(lambda image: run(image, *conditions, *stats), [(tiling.window(padded), 1)],
                               padded.shape[:2], tiles, align=multiple, scale=scale, cancel=cancel,
                               progress=progress)
    check_cancel(cancel)
    return to_uint8(out[:h * scale, :w * scale])


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


_VECTORS = OrderedDict()  # (model, backend, image digest) -> style vector; the GUI's preview reuses them


def style_vector(model_id: str, rgb: np.ndarray, backend=None) -> np.ndarray:
    """The arbitrary network's style vector [1, 100] of a whole image (cached): the mean of its vectors of
    :func:`~.tensors.spanning_squares`. A wide painting's centre alone can miss what makes it (The Great Wave's
    wave); over the nine presets' paintings the mean measured better (docs/MODELS.md)."""
    from . import graphs

    backend = backends.check(backend)
    squares = spanning_squares(rgb, STYLE_SIDE)
    digest = hashlib.sha1(b"".join(square.tobytes() for square in squares)).hexdigest()
    key = (model_id, networks.digest(model_id), backend, digest)
    if key not in _VECTORS:
        net = networks.network(model_id)
        graph = networks.graph(model_id, "style-vector", lambda: graphs.StyleVector(net),
                               [graphs.image_spec("style", STYLE_SIDE)])
        run = backends.runner(graph, backend)
        _VECTORS[key] = np.mean([run(to_nchw(square))[0] for square in squares], axis=0)
        while len(_VECTORS) > 32:
            _VECTORS.popitem(last=False)
    return _VECTORS[key]


GENERAL_LAPSTYLE = "lapstyle-general"


def any_style_model() -> str:
    """The model that paints after any style image by default: our general LapStyle when the zoo has it drafted by
    the arbitrary network (the render keeps its preview's look at any size), else the arbitrary network."""
    general = [m for m in zoo.models() if m.id == GENERAL_LAPSTYLE]
    return GENERAL_LAPSTYLE if general and drafted_by_arbitrary(general[0]) else "arbitrary"


def mixes_like(model: zoo.Model) -> str:
    """The kind of model whose styles ``model`` mixes: 'arbitrary' for one drafted by the arbitrary network."""
    return "arbitrary" if drafted_by_arbitrary(model) else model.kind


def drafted_by_arbitrary(model: zoo.Model) -> bool:
    """True for a LapStyle model whose draft is the arbitrary network (it paints after a style vector)."""
    return model.kind == "lapstyle" and model.options.get("draft") == "arbitrary"


def _towards(vector: np.ndarray, model_id: str, content: np.ndarray, alpha: float, backend: str) -> np.ndarray:
    """The style vector at strength ``alpha``: moved from the photo's own style towards ``vector``, as Magenta
    does."""
    if alpha >= 1.0:
        return vector
    return alpha * vector + (1.0 - alpha) * style_vector(model_id, content, backend)


def _painter(vector: np.ndarray, options: dict):
    """``paint(rgb, progress)``: the arbitrary network painting an image after ``vector`` (a LapStyle drafted by
    it, whose draft is this network frozen, repaints each tiled level with it); None without a vector."""
    if vector is None:
        return None
    from . import graphs

    condition = [vector.astype(np.float32)]
    return lambda rgb, progress: _run("arbitrary", "arbitrary", graphs.Conditioned, rgb, condition,
                                      **{**options, "progress": progress})


def _style_model(model_id: str, style, alpha: float, mix, backend: str):
    """The model and backend of a stylize call, once its strength, backend and mix are valid."""
    if not 0.0 <= alpha <= 1.0:
        raise UserError(f"style strength must be between 0 and 1, got {alpha}")
    backend = backends.check(backend)
    model = zoo.get(model_id)
    if mix is not None:
        check_mix(mixes_like(model), style, *mix)
    return model, backend


def stylize(content: np.ndarray, model_id: str, style: np.ndarray, *, alpha: float = 1.0, preserve_color: bool = False,
            mix=None, levels=None, backend=None, tile=None, cancel=None, progress=None) -> np.ndarray:
    """Stylize ``content`` (HxWx3 uint8) after the style image ``style`` (HxWx3 uint8) with the arbitrary network
    or a LapStyle model (a LapStyle preset too, which then paints after the image instead of its own style).

    ``alpha``: the style's strength, 0..1; ``preserve_color``: keep the content's colours; ``mix``: (another style
    image, amount 0..1) blends the two styles' vectors (arbitrary network), 0 is ``style`` alone, 1 the other
    alone; ``levels``: LapStyle's revision levels (default: by size, :func:`.lapstyle_schedule.revision_levels`).

    ``backend``: 'onnx', 'inference' or 'paddle' (default: the fastest available); ``tile``: a tile core
    size in pixels to force tiling (default: tiles only above the model's size limit); ``cancel``: a
    threading.Event that stops the run (Cancelled); ``progress``: called with the fraction done (0..1) as the
    tiles of a tiled run finish (a run in one piece reports nothing)."""
    from . import graphs

    model, backend = _style_model(model_id, style, alpha, mix, backend)
    options = dict(backend=backend, tile=tile, cancel=cancel, progress=progress)
    if model.kind == "multistyle":
        raise UserError(f"model '{model.id}' takes a preset style ({presets()[0]} ... {presets()[-1]}), not an image")
    if model.kind == "arbitrary" or drafted_by_arbitrary(model):
        vector = style_vector(model_id, style, backend)
        if mix is not None:
            vector = (1.0 - mix[1]) * vector + mix[1] * style_vector(model_id, mix[0], backend)
        vector = _towards(vector, model_id, content, alpha, backend)
        if model.kind == "arbitrary":
            out = _run(model_id, model.kind, graphs.Conditioned, content, [vector.astype(np.float32)], **options)
        else:
            out = lapstyle_schedule.run(model_id, content, vector=vector, paint=_painter(vector, options), alpha=alpha,
                                        levels=levels, **options)
    elif model.kind == "lapstyle":
        out = lapstyle_schedule.run(model_id, content, style_image=style, alpha=alpha, levels=levels, **options)
    else:
        raise UserError(f"model '{model.id}' is a {model.kind} model, not a style model; use --model with a style "
                        "model")
    return keep_colors(out, content) if preserve_color else out


def stylize_preset(content: np.ndarray, model_id: str, preset: str = None, *, alpha: float = 1.0,
                   preserve_color: bool = False, mix=None, levels=None, backend=None, tile=None, cancel=None,
                   progress=None) -> np.ndarray:
    """Stylize ``content`` (HxWx3 uint8) with a built-in style: ``preset`` names one of the 26-style network's
    (style-01 ... style-26); a LapStyle preset model carries its one style and takes none.

    ``mix``: (another preset, amount 0..1) blends the two presets' style weights (26-style network), 0 is
    ``preset`` alone, 1 the other alone; the other options as for :func:`stylize`."""
    from . import graphs

    model, backend = _style_model(model_id, preset, alpha, mix, backend)
    options = dict(backend=backend, tile=tile, cancel=cancel, progress=progress)
    if model.kind == "multistyle":
        index = preset_index(preset)
        if index is None:
            raise UserError(f"model '{model.id}' takes a preset style ({presets()[0]} ... {presets()[-1]})")
        one_hot = np.eye(len(presets()), dtype=np.float32)
        weights = one_hot[[index]]
        if mix is not None:
            weights = (1.0 - mix[1]) * weights + mix[1] * one_hot[[preset_index(mix[0])]]
        out = blend(_run(model_id, model.kind, graphs.Conditioned, content, [weights], **options), content, alpha)
    elif preset is not None:
        raise UserError(f"preset '{preset}' belongs to model 'multistyle26'; model '{model.id}' needs a style image")
    elif not model.own_style:  # only a LapStyle preset carries its style
        raise UserError(f"model '{model.id}' needs a style image (only LapStyle presets carry their own style)")
    else:
        vector = getattr(networks.network(model_id), "preset_vector", None)
        styling = None if vector is None else _towards(vector, model_id, content, alpha, backend)
        out = lapstyle_schedule.run(model_id, content, vector=styling, paint=_painter(styling, options), alpha=alpha,
                                    levels=levels, **options)
        if model.options.get("monochrome"):
            out = to_grey(out)  # a black-and-white painting's preset draws in black and white
    return keep_colors(out, content) if preserve_color else out


def check_mix(kind: str, style, other, amount: float) -> None:
    """UserError unless ``other`` can be mixed into ``style`` on a ``kind`` model by ``amount``."""
    if not 0.0 <= amount <= 1.0:
        raise UserError(f"the mix must be between 0 and 1, got {amount}")
    if kind == "multistyle" and isinstance(other, str) and preset_index(other) is not None:
        return
    if kind == "arbitrary" and isinstance(other, np.ndarray) and isinstance(style, np.ndarray):
        return
    raise UserError("styles mix two style images (any style image) or two built-in styles (style-01 ... style-26)")


def translate(image: np.ndarray, model_id: str, *, backend=None, tile=None, cancel=None, progress=None) -> np.ndarray:
    """Unpaired translation with a CycleGAN generator (the options as for :func:`stylize`)."""
    from . import graphs

    if zoo.get(model_id).task != "translate":
        raise UserError(f"model '{model_id}' is not a CycleGAN model")
    return _run(model_id, "cyclegan", graphs.Generator, image, backend=backends.check(backend), tile=tile,
                cancel=cancel, progress=progress)


def restore(image: np.ndarray, model_id: str, *, backend=None, tile=None, cancel=None, progress=None) -> np.ndarray:
    """Denoise and/or upscale with a restoration model; the output is the model's scale times the input (the
    options as for :func:`stylize`)."""
    from . import graphs

    model = zoo.get(model_id)
    if model.task != "restore":
        raise UserError(f"model '{model_id}' is not a restoration model")
    if model.kind == "dotfinder":
        raise UserError(f"model '{model_id}' undoes the noise panel's damage and needs to know it "
                        "(restoration.restore with its Damage)")
    make = graphs.Upscale2x if model.kind == "waifu2x" else graphs.Plain
    backend = backends.check(backend)

    def run(rgb, progress, mirror=None):
        return _run(model_id, model.kind, make, rgb, scale=model.scale, backend=backend, tile=tile, cancel=cancel,
                    progress=progress)
    if not model.self_ensemble:
        return run(image, progress)
    return to_uint8(_mirrors_averaged(run, image, progress) / 255.0)


def dot_probabilities(image: np.ndarray, model_id: str, kernel: int, *, backend=None, tile=None, cancel=None,
                      progress=None) -> np.ndarray:
    """[H, W, 3] float32: each pixel's probabilities of a black dot, a white dot and none, as the dot finder
    ``model_id`` sees them in ``image``, which a ``kernel`` box blurred after the dots fell (the options as for
    :func:`stylize`). When its card asks for a self-ensemble, the mean over the picture and its three mirror
    images: an even box reaches one pixel further on one side than on the other, so in a mirror image the finder
    puts each dot one pixel back along the mirrored axis, and its answer is moved one pixel on before averaging."""
    from . import graphs

    backend = backends.check(backend)

    def run(rgb, progress, mirror=(1, 1)):
        found = _run(model_id, "dotfinder", graphs.Plain, rgb, backend=backend, tile=tile, cancel=cancel,
                     progress=progress)
        rows, cols = mirror
        if kernel % 2 == 0 and rows < 0:
            found = np.concatenate([found[:1], found[:-1]], axis=0)
        if kernel % 2 == 0 and cols < 0:
            found = np.concatenate([found[:, :1], found[:, :-1]], axis=1)
        return found
    if not zoo.get(model_id).self_ensemble:
        return run(image, progress).astype(np.float32) / 255.0
    return _mirrors_averaged(run, image, progress) / 255.0


MIRRORS = ((1, 1), (1, -1), (-1, 1), (-1, -1))  # the row and column steps of a picture and its three mirror images


def _mirrors_averaged(run, rgb: np.ndarray, progress=None) -> np.ndarray:
    """The mean (float32, 0..255) of ``run(view, progress, mirror)`` over the picture and its three mirror images
    (``mirror``: the view's row and column steps, of :data:`MIRRORS`), each result mirrored back: the geometric
    self-ensemble of EDSR+, a cleaner result for four times the work."""
    total = 0.0
    for i, (rows, cols) in enumerate(MIRRORS):
        part = progress and (lambda fraction, i=i: progress((i + fraction) / len(MIRRORS)))
        out = run(np.ascontiguousarray(rgb[::rows, ::cols]), part, (rows, cols))
        total = total + out[::rows, ::cols].astype(np.float32)
    return total / len(MIRRORS)
