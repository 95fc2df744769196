"""Read weights out of ONNX files as float numpy arrays (no onnxruntime, no graph execution).

Quantized (QDQ) models store a weight as an int8/int32 initializer feeding a ``DequantizeLinear``
node; :func:`read_weights` returns it dequantized, ``(q - zero_point) * scale``, under the
initializer's own name. Float initializers come back unchanged.
"""
import numpy as np
import onnx
from onnx import numpy_helper


def dequantize(q, scale, zero_point=None, axis=1):
    """ONNX ``DequantizeLinear``: per-tensor, or per-channel along ``axis`` when ``scale`` is 1-D."""
    scale = np.asarray(scale, np.float32)
    zero_point = np.zeros_like(scale, np.int64) if zero_point is None else np.asarray(zero_point, np.int64)
    if scale.ndim == 1 and q.ndim > 0:
        shape = [1] * q.ndim
        shape[axis % q.ndim] = -1
        scale, zero_point = scale.reshape(shape), zero_point.reshape(shape)
    return ((q.astype(np.int64) - zero_point) * scale).astype(np.float32)


def read_weights(path):
    """Return ``{initializer name: float32 ndarray}``, with every DequantizeLinear'd constant dequantized.

    Quantization scales and zero points (of weights and activations) are left out; integer
    initializers that are not dequantized (shapes, pads) keep their dtype.
    """
    model = onnx.load(path)
    raw = {init.name: numpy_helper.to_array(init) for init in model.graph.initializer}
    weights, quant_params = {}, set()
    for node in model.graph.node:
        if node.op_type not in ("QuantizeLinear", "DequantizeLinear"):
            continue
        quant_params.update(node.input[1:])
        if node.op_type == "DequantizeLinear" and node.input[0] in raw:
            axis = next((a.i for a in node.attribute if a.name == "axis"), 1)
            zero_point = raw[node.input[2]] if len(node.input) > 2 and node.input[2] else None
            weights[node.input[0]] = dequantize(raw[node.input[0]], raw[node.input[1]], zero_point, axis)
    for name, value in raw.items():
        if name not in weights and name not in quant_params:
            weights[name] = value.astype(np.float32) if value.dtype.kind == "f" else value
    return weights


def conv_bias_names(path):
    """``{weight initializer name: bias initializer name}`` for every Conv with a bias, looking
    through DequantizeLinear nodes (exporters give all-zero biases generic names)."""
    model = onnx.load(path)
    nodes = model.graph.node
    source = {node.output[0]: node.input[0] for node in nodes if node.op_type == "DequantizeLinear"}
    return {source.get(node.input[1], node.input[1]): source.get(node.input[2], node.input[2])
            for node in nodes if node.op_type == "Conv" and len(node.input) > 2 and node.input[2]}
