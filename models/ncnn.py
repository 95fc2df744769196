"""Read an ncnn model (text ``.param`` + ``.bin``) into numpy, without ncnn.

The ``.param`` file lists layers: ``type name n_bottoms n_tops bottoms... tops... key=value...``;
a key below -23300 holds an array (``-23300 - key`` is its id, the value ``count,v1,v2,...``).
The ``.bin`` file holds each layer's weights in ``.param`` order. A conv weight blob starts with a
4-byte tag (as ncnn's ``ModelBinFromDataReader::load(w, 0)``): 0 = float32, 0x01306B47 = float16,
0x0002C056 = float32, any other non-zero tag = a 256-entry float table followed by uint8 indices.
Biases and the other per-channel blobs are raw float32 with no tag.
"""
from dataclasses import dataclass, field

import numpy as np

NCNN_MAGIC = 7767517

_TAG_FLOAT16 = 0x01306B47
_TAG_INT8 = 0x000D4B38
_TAG_FLOAT32_SCALED = 0x0002C056

_CONVOLUTIONS = {"Convolution", "ConvolutionDepthWise", "Deconvolution", "DeconvolutionDepthWise"}
_WEIGHTLESS = {"Input", "ReLU", "Sigmoid", "TanH", "Clip", "Split", "Eltwise", "BinaryOp", "UnaryOp",
               "Concat", "Crop", "Interp", "Pooling", "PixelShuffle", "Padding", "Dropout", "Reshape",
               "Flatten", "Permute", "Softmax", "Noop"}


@dataclass
class NcnnLayer:
    """One ncnn layer: its params by id and its weights as numpy arrays.

    Convolution weights are shaped ``[out, in / groups, kh, kw]``; Deconvolution weights use the same
    ``[out, in, kh, kw]`` order (Paddle's Conv2DTranspose wants ``[in, out, kh, kw]``).
    """

    type: str
    name: str
    bottoms: list
    tops: list
    params: dict
    weights: dict = field(default_factory=dict)


def _parse_value(text):
    return float(text) if any(c in text for c in ".eE") else int(text)


def _parse_params(tokens):
    params = {}
    for token in tokens:
        key, value = token.split("=", 1)
        key = int(key)
        if key <= -23300:
            count, *values = value.split(",")
            params[-23300 - key] = [_parse_value(v) for v in values[: int(count)]]
        else:
            params[key] = _parse_value(value)
    return params


def read_param(path):
    """Parse a text ``.param`` file into layers without weights."""
    with open(path, encoding="utf-8") as f:
        lines = [line.split() for line in f if line.strip()]
    if int(lines[0][0]) != NCNN_MAGIC:
        raise ValueError(f"{path} is not a text ncnn .param file (magic {lines[0][0]})")
    layer_count = int(lines[1][0])
    layers = []
    for tokens in lines[2:2 + layer_count]:
        kind, name, n_bottoms, n_tops = tokens[0], tokens[1], int(tokens[2]), int(tokens[3])
        bottoms = tokens[4:4 + n_bottoms]
        tops = tokens[4 + n_bottoms:4 + n_bottoms + n_tops]
        params = _parse_params(tokens[4 + n_bottoms + n_tops:])
        layers.append(NcnnLayer(kind, name, bottoms, tops, params))
    return layers


class _BlobReader:
    """Reads blobs from a ``.bin`` buffer the way ncnn's ModelBin does."""

    def __init__(self, data, source):
        self.data, self.offset, self.source = data, 0, source

    def _take(self, nbytes):
        if self.offset + nbytes > len(self.data):
            raise ValueError(f"{self.source} ends early: the .bin does not match its .param")
        chunk = self.data[self.offset:self.offset + nbytes]
        self.offset += nbytes
        return chunk

    def raw(self, count):
        return np.frombuffer(self._take(4 * count), "<f4").astype(np.float32)

    def tagged(self, count):
        tag = int.from_bytes(self._take(4), "little")
        if tag == _TAG_FLOAT16:
            nbytes = (2 * count + 3) // 4 * 4
            return np.frombuffer(self._take(nbytes), "<f2")[:count].astype(np.float32)
        if tag == _TAG_INT8:
            raise ValueError(f"{self.source}: int8-quantized ncnn models are not supported")
        if tag == _TAG_FLOAT32_SCALED or tag == 0:
            return self.raw(count)
        table = self.raw(256)
        indices = np.frombuffer(self._take((count + 3) // 4 * 4), np.uint8)[:count]
        return table[indices]


def _load_weights(layer, blobs):
    p = layer.params
    if layer.type in _CONVOLUTIONS:
        if p.get(8, 0):
            raise ValueError(f"layer {layer.name}: int8 convolutions are not supported")
        out_channels, kernel_w = p[0], p.get(1, 0)
        kernel_h = p.get(11, kernel_w)
        weight = blobs.tagged(p[6])
        layer.weights["weight"] = weight.reshape(out_channels, -1, kernel_h, kernel_w)
        if p.get(5, 0):
            layer.weights["bias"] = blobs.raw(out_channels)
    elif layer.type == "InnerProduct":
        layer.weights["weight"] = blobs.tagged(p[6]).reshape(p[0], -1)
        if p.get(5, 0):
            layer.weights["bias"] = blobs.raw(p[0])
    elif layer.type == "PReLU":
        layer.weights["slope"] = blobs.raw(p.get(0, 0))
    elif layer.type not in _WEIGHTLESS:
        raise ValueError(f"layer {layer.name}: don't know the weights of ncnn layer type {layer.type}")


def read_ncnn(param_path, bin_path):
    """Read an ncnn model: the layers of ``param_path`` with their weights from ``bin_path``."""
    layers = read_param(param_path)
    with open(bin_path, "rb") as f:
        blobs = _BlobReader(f.read(), bin_path)
    for layer in layers:
        _load_weights(layer, blobs)
    if blobs.offset != len(blobs.data):
        raise ValueError(f"{bin_path} has {len(blobs.data) - blobs.offset} bytes more than {param_path} needs")
    return layers
