"""Paddle functions as ONNX graphs: trace with ``jit.to_static``, translate the program op by op, then rewrite
the graph for speed.

``trace(fn, specs)`` runs ``fn`` once symbolically (dynamic height and width allowed) and returns the
program; ``to_onnx(traced)`` returns it as an ONNX model that onnxruntime runs: the literal translation
(:mod:`.paddle_to_onnx`) through the passes of :mod:`.onnx_passes`, which keep its numbers.
"""
import warnings
from dataclasses import dataclass

import onnx

from . import onnx_passes as passes
from .paddle_to_onnx import translate


@dataclass
class Traced:
    """A traced function: its program, output values and parameter values by PIR value id."""
    program: object
    outputs: list
    params: dict


def trace(layer, specs) -> Traced:
    """Trace ``layer.forward(*inputs)`` for ``specs`` (paddle.static.InputSpec; ``None`` for a dynamic side).
    Tracing reads the source of the code it runs and converts ``layer`` in place: pass a fresh one."""
    from models import paddle

    static = paddle.jit.to_static(layer, input_spec=specs, full_graph=True)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Tensor do not have 'place'")
        program = static.forward.concrete_program
    tensors, values = program.parameters
    params = {value.id: tensor.numpy() for tensor, value in zip(tensors, values)}
    outputs = program.outputs if isinstance(program.outputs, (list, tuple)) else [program.outputs]
    return Traced(program.main_program, list(outputs), params)


def to_onnx(traced: Traced, norms: str = "plain", even: bool = False) -> onnx.ModelProto:
    """The traced program as an ONNX model (opset 18) with outputs out0, out1, ...

    ``norms``: 'plain' keeps instance norms as they are; 'record' makes the model's outputs each instance
    norm's input mean and variance instead (mean0, var0, mean1, ...); 'fixed' takes those as extra inputs
    after the traced ones and normalizes with them, so tiles of an image share one set of statistics.
    ``even``: every full-resolution conv sees even sides (inputs are multiples of 4), which lets large
    few-output convs run as phase convs."""
    rewrites = [  # in this order: later passes look for the 4-D pads, Resizes and phases that earlier ones write
        passes.pads_in_4d,
        passes.stacked_copies_as_resize,
        passes.merged_resizes,
        passes.transposed_convs_by_phases,
        *([passes.large_convs_by_phases] if even else []),
        passes.upsampled_convs_by_phases,
        passes.strided_convs_on_phases,
    ]
    model = translate(traced, norms)
    for rewrite in rewrites:
        model = rewrite(model)
    return model
