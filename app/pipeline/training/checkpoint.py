"""Checkpoints: networks, optimizer state and counters in one safetensors file, written atomically.

Paddle's optimizer state is keyed by generated parameter names (``conv2d_7.w_0_moment1_0``) that differ
from one process to the next, so it is stored under the parameters' structural names
(``net_dec.final_conv.1.weight/moment1_0``) and mapped back on loading. Nothing is pickled.
"""
import json
from pathlib import Path

import numpy as np

from ..atomic import atomic_path
from ..errors import UserError

FORMAT = "huafeng-train-1"


def network_arrays(prefix: str, net) -> dict:
    """``{prefix.key: array}`` of a network's state dict (parameters and buffers such as BN statistics)."""
    return {f"{prefix}.{key}": value.numpy() for key, value in net.state_dict().items()}


def load_network(prefix: str, net, arrays: dict) -> None:
    """Set a network's state from ``arrays`` written by :func:`network_arrays`; every key must fit."""
    from models import paddle

    state = {key[len(prefix) + 1:]: value for key, value in arrays.items() if key.startswith(prefix + ".")}
    expected = net.state_dict()
    if set(state) != set(expected):
        raise UserError(f"checkpoint does not fit network '{prefix}' "
                        f"({len(set(expected) - set(state))} keys missing, {len(set(state) - set(expected))} extra)")
    for key, tensor in expected.items():
        tensor.set_value(paddle.to_tensor(state[key], dtype=tensor.dtype))


def _structural_names(net) -> dict:
    return {param.name: key for key, param in net.named_parameters()}


def optimizer_arrays(prefix: str, optimizer, net) -> dict:
    """Optimizer accumulators under ``prefix.<parameter key>/<accumulator>``."""
    names = _structural_names(net)
    out = {}
    for key, value in optimizer.state_dict().items():
        if not hasattr(value, "numpy"):
            continue  # e.g. a learning-rate scheduler's dict; our rates are a function of the step
        owner = max((name for name in names if key.startswith(name + "_")), key=len, default=None)
        if owner is None:
            raise ValueError(f"optimizer state {key!r} belongs to no parameter of the network")
        out[f"{prefix}.{names[owner]}/{key[len(owner) + 1:]}"] = value.numpy()
    return out


def load_optimizer(prefix: str, optimizer, net, arrays: dict) -> None:
    """Restore accumulators written by :func:`optimizer_arrays` into ``optimizer`` (before its next step)."""
    from models import paddle

    params = {key: param.name for key, param in net.named_parameters()}
    state = {}
    for key, value in arrays.items():
        if key.startswith(prefix + "."):
            param_key, accumulator = key[len(prefix) + 1:].rsplit("/", 1)
            state[f"{params[param_key]}_{accumulator}"] = paddle.to_tensor(value)
    if state:
        optimizer.set_state_dict(state)


def save(path: Path, arrays: dict, info: dict) -> Path:
    """Write arrays + a JSON-able ``info`` dict (step, stage, ...) atomically to ``path``."""
    from safetensors.numpy import save_file

    with atomic_path(path) as tmp:
        save_file({k: np.ascontiguousarray(v) for k, v in arrays.items()}, str(tmp),
                  metadata={"format": FORMAT, "info": json.dumps(info)})
    return path


def load(path: Path):
    """(arrays, info) of a checkpoint; a damaged or foreign file is a UserError."""
    from safetensors import SafetensorError, safe_open

    try:
        with safe_open(str(path), framework="numpy") as f:
            meta = f.metadata() or {}
            if meta.get("format") != FORMAT:
                raise UserError(f"{path} is not a Huafeng training checkpoint")
            return {key: f.get_tensor(key) for key in f.keys()}, json.loads(meta["info"])
    except (OSError, ValueError, KeyError, SafetensorError) as exc:
        raise UserError(f"{path}: checkpoint is unreadable ({exc})") from None
