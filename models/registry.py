"""Which network each kind of model builds, and which converter turns source files into its weights.

``size_multiple`` on a built network is the multiple of height and width it needs; callers pad the
input with reflection and crop the result back.
"""
import numpy as np


def _pdparams(paths):
    from .safe_pickle import read_pdparams

    return read_pdparams(paths[0])


def _flatten(nested: dict, prefix="") -> dict:
    flat = {}
    for key, value in nested.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = np.asarray(value)
    return flat


def convert(name: str, paths: list, **options) -> dict:
    """Run converter ``name`` on source files; returns a flat state dict of numpy arrays."""
    if name == "arbitrary":
        from .arbitrary import convert_arbitrary
        return convert_arbitrary(paths)
    if name == "multistyle26":
        from .multistyle import convert_multistyle26
        return convert_multistyle26(paths)
    if name == "vintagify":
        from .cyclegan import convert_vintagify
        return convert_vintagify(paths)
    if name == "paddlegan_cyclegan":
        from .cyclegan import convert_paddlegan_cyclegan
        return convert_paddlegan_cyclegan(_pdparams(paths), **options)
    if name == "efficientnet_lite0":
        from .efficientnet import convert_efficientnet_lite0
        return convert_efficientnet_lite0(paths)
    if name == "waifu2x":
        from .waifu2x import convert_waifu2x
        return convert_waifu2x(paths)
    if name == "paddlegan_lapstyle":
        return _flatten(_pdparams(paths))
    if name == "paddlegan_vgg":
        from .encoders import convert_vgg_normalised
        return convert_vgg_normalised(paths)
    if name == "safetensors":
        from safetensors.numpy import load_file
        return load_file(paths[0])
    raise ValueError(f"unknown converter {name!r}")


def build(kind: str, state: dict):
    """A fresh network for ``kind``, shaped after ``state`` where the shape varies (e.g. pyramid depth)."""
    if kind == "arbitrary":
        from .arbitrary import ArbitraryStylizer
        net, multiple = ArbitraryStylizer(), 4
    elif kind == "multistyle":
        from .multistyle import MultiStyle26
        net, multiple = MultiStyle26(), 4
    elif kind == "cyclegan":
        from .cyclegan import ResnetGenerator
        net, multiple = ResnetGenerator(), 4
    elif kind == "waifu2x":
        from .waifu2x import UpConv7
        net, multiple = UpConv7(), 1
    elif kind == "srresnet":
        from .srresnet import SRResNet
        steps = sum(1 for k in state if k.startswith("upsample.") and k.endswith(".bias"))  # one per doubling
        blocks = len({k.split(".")[1] for k in state if k.startswith("blocks.")})
        outputs, channels, kernel, _ = np.shape(state["tail.weight"])
        fold = round((outputs // 3) ** 0.5)
        net, multiple = SRResNet(blocks, channels, 2 ** steps, kernel, fold), fold
    elif kind == "dotfinder":
        from .srresnet import DotFinder
        blocks = len({k.split(".")[1] for k in state if k.startswith("blocks.")})
        outputs, channels, kernel, _ = np.shape(state["tail.weight"])
        fold = round((outputs // 2) ** 0.5)
        net, multiple = DotFinder(blocks, channels, kernel, fold), fold
    elif kind == "lapstyle" and any(k.startswith("net_draft.") for k in state):
        from .lapstyle import ArbitraryLapStyle
        levels = len({k.split(".")[0] for k in state if k.startswith("net_rev")})
        net, multiple = ArbitraryLapStyle(levels, np.shape(state["net_rev.DownBlock.1.weight"])[0]), 4
    elif kind == "lapstyle":
        from .lapstyle import LapStyle
        levels = len({k.split(".")[0] for k in state if k.startswith("net_rev")})
        encoder = "efficientnet" if any(k.startswith("net_enc.blocks") for k in state) else "vgg"
        net = LapStyle(encoder=encoder, revision_levels=levels)
        multiple = net.size_multiple
    elif kind == "encoder":
        from .efficientnet import EfficientNetLite0
        net, multiple = EfficientNetLite0(), 32
    else:
        raise ValueError(f"unknown model kind {kind!r}")
    net.size_multiple = multiple
    return net


def mismatches(net, state: dict) -> str:
    """'' when ``state`` fits ``net`` exactly, else a short account of missing, unexpected and misshapen keys."""
    expected = {k: tuple(v.shape) for k, v in net.state_dict().items()}
    missing = [k for k in expected if k not in state]
    unexpected = [k for k in state if k not in expected]
    misshapen = [k for k in expected if k in state and tuple(np.shape(state[k])) != expected[k]]
    parts = [f"{len(keys)} {what} (e.g. {keys[0]})" for what, keys in
             (("missing keys", missing), ("unexpected keys", unexpected), ("keys of the wrong shape", misshapen))
             if keys]
    return "; ".join(parts)
