"""Convs computed on the phases of an image (its pixels of even or odd row and column) instead of the image.

Each pass gives the same sums in a cheaper layout for onnxruntime; the kernels are rearranged once, here.
"""
import numpy as np

from .graph import Graph, attribute
from .resizes import repeat_scales

_PAD_ONE = [0, 0, 1, 1, 0, 0, 1, 1]  # one pixel on each side of H and W


def transposed_convs_by_phases(model):
    """A 3x3 stride-2 transposed conv (padding 1, output padding 1) becomes one 2x2 conv giving the four
    output phases, then depth-to-space: even output rows take input row m with tap 1; odd rows take row m
    with tap 2 and row m + 1 with tap 0 (likewise columns). onnxruntime runs this conv blocked, several times
    faster than its transposed conv."""
    g = Graph(model)
    for node in list(g.nodes):
        weight = _upsampling_transposed_conv(g, node)
        if weight is not None:
            g.replace(node, _transposed_conv(g, node.input[0], weight))
    return g.model()


def _upsampling_transposed_conv(g, node):
    """The weight of ``node`` if it is a 3x3 stride-2 ConvTranspose with padding 1 and output padding 1
    (no bias, groups or dilation), which doubles the size; else None."""
    if (node.op_type != "ConvTranspose" or len(node.input) != 2 or attribute(node, "group", 1) != 1
            or attribute(node, "strides") != [2, 2] or attribute(node, "dilations") != [1, 1]
            or attribute(node, "pads") != [1, 1, 1, 1] or attribute(node, "output_padding") != [1, 1]
            or attribute(node, "auto_pad", b"NOTSET") != b"NOTSET" or attribute(node, "output_shape")):
        return None
    weight = g.constant(node.input[1])
    return weight if weight is not None and weight.shape[2:] == (3, 3) else None


def _transposed_conv(g, x, weight) -> list:
    in_ch, out_ch = weight.shape[:2]
    taps = {0: {0: 1}, 1: {0: 2, 1: 0}}  # phase -> {offset: kernel tap}
    kernel = np.zeros((out_ch, 2, 2, in_ch, 2, 2), np.float32)  # o, a, b, c, r, s
    for a, rows in taps.items():
        for b, cols in taps.items():
            for r, u in rows.items():
                for s, v in cols.items():
                    kernel[:, a, b, :, r, s] = weight[:, :, u, v].T
    new = g.new_nodes()
    conv = new.add("Conv", [x, g.add_constant(kernel.reshape(out_ch * 4, in_ch, 2, 2), "phase_w")], pads=[0, 0, 1, 1])
    new.add("DepthToSpace", [conv], blocksize=2, mode="CRD")
    return new


def large_convs_by_phases(model):
    """A large-kernel, few-output conv (k x k, k odd >= 5, < 16 outputs) becomes a (k//2 + 1)-square conv of
    its input's space-to-depth(2) form giving the four output phases, then depth-to-space. onnxruntime's
    blocked convs round outputs up to 16 channels, so this does 2-5x less work for the 3-channel image convs
    at full resolution. Only for graphs whose inputs give every such conv even sides."""
    g = Graph(model)
    for conv in list(g.nodes):
        weight = _plain_conv(g, conv, stride=1)
        out_ch, _, k, k_across = (0, 0, 0, 0) if weight is None else weight.shape
        if 0 < out_ch < 16 and k == k_across >= 5 and k % 2:
            g.replace(conv, _large_conv(g, conv.input[0], weight))
    return g.model()


def _large_conv(g, x, weight) -> list:
    out_ch, in_ch, k, _ = weight.shape
    size = k // 2 + 1
    phased = np.zeros((out_ch, 2, 2, 2, 2, in_ch, size, size), np.float32)  # o, a, b, r, s, c, i, j
    for a in (0, 1):
        for u in range(k):
            i, r = divmod(a + u, 2)
            for b in (0, 1):
                for v in range(k):
                    j, t = divmod(b + v, 2)
                    phased[:, a, b, r, t, :, i, j] = weight[:, :, u, v]
    # input channels in SpaceToDepth's order ((r * 2 + s) * C + c), outputs in DepthToSpace CRD's (o * 4 + phase)
    kernel = g.add_constant(phased.reshape(out_ch * 4, 4 * in_ch, size, size), "phase_w")
    new = g.new_nodes()
    packed = new.add("Conv", [new.add("SpaceToDepth", [x], blocksize=2), kernel])
    new.add("DepthToSpace", [packed], blocksize=2, mode="CRD")
    return new


def upsampled_convs_by_phases(model):
    """A 3x3 conv of reflect-pad-1(nearest-x2(x)) becomes one 3x3 conv of edge-pad-1(x) giving the four
    output phases, then depth-to-space. Output row 2i reads rows i-1 (tap 0) and i (taps 1 and 2) of x, row
    2i+1 rows i (taps 0 and 1) and i+1 (tap 2), likewise columns; at the borders the edge-padded row is the
    reflected one. No full-resolution upsampling and padding: the arbitrary network's last upsampling conv
    at 1024x1024 takes half the time."""
    g = Graph(model)
    for conv in list(g.nodes):
        weight = _plain_conv(g, conv, stride=1)
        source = None if weight is None or weight.shape[2:] != (3, 3) else _upsampled_source(g, conv.input[0])
        if source is not None:
            g.replace(conv, _upsampled_conv(g, source, weight))
    return g.model()


def _upsampled_conv(g, x, weight) -> list:
    out_ch, in_ch = weight.shape[:2]
    windows = {0: {0: (0,), 1: (1, 2)}, 1: {1: (0, 1), 2: (2,)}}  # phase -> {row of the window: taps}
    kernel = np.zeros((out_ch, 2, 2, in_ch, 3, 3), np.float32)  # o, a, b, c, r, s
    for a, rows in windows.items():
        for b, cols in windows.items():
            for r, row_taps in rows.items():
                for s, col_taps in cols.items():
                    kernel[:, a, b, :, r, s] = sum(weight[:, :, u, v] for u in row_taps for v in col_taps)
    new = g.new_nodes()
    padded = new.add("Pad", [x, g.add_constant(np.array(_PAD_ONE, np.int64))], mode="edge")
    conv = new.add("Conv", [padded, g.add_constant(kernel.reshape(out_ch * 4, in_ch, 3, 3), "phase_w")])
    new.add("DepthToSpace", [conv], blocksize=2, mode="CRD")
    return new


def strided_convs_on_phases(model):
    """A 3x3 stride-2 conv of reflect-pad-1([relu]([bias +] depth-to-space-2(phases))), with a per-channel
    constant bias, becomes a 2x2 conv of the phases, top-left edge-padded by one: output row i reads image
    rows 2i-1 (odd phase, row i-1), 2i (even phase, row i) and 2i+1 (odd phase, row i); the reflected row -1
    is the odd phase's row 0, its edge. The full-resolution image is never assembled (no depth-to-space and
    no padding of it)."""
    g = Graph(model)
    for conv in list(g.nodes):
        weight = _plain_conv(g, conv, stride=2)
        if weight is not None and weight.shape[2:] == (3, 3):
            found = _phases_source(g, conv.input[0], channels=weight.shape[1])
            if found is not None:
                g.replace(conv, _strided_conv(g, *found, weight))
    return g.model()


def _strided_conv(g, phases, bias, relu, weight) -> list:
    out_ch, in_ch = weight.shape[:2]
    taps = {0: (0, 1), 1: (1, 0), 2: (1, 1)}  # tap -> (row of the 2x2 window, phase)
    kernel = np.zeros((out_ch, in_ch, 2, 2, 2, 2), np.float32)  # o, c, row phase, col phase, r, s
    for u, (r, a) in taps.items():
        for v, (s, b) in taps.items():
            kernel[:, :, a, b, r, s] = weight[:, :, u, v]
    new, x = g.new_nodes(), phases
    if bias is not None:  # channel c's bias on its four phases (channels c * 4 ... c * 4 + 3)
        x = new.add("Add", [x, g.add_constant(np.repeat(bias.astype(np.float32), 4).reshape(1, -1, 1, 1))])
    if relu:
        x = new.add("Relu", [x])
    padded = new.add("Pad", [x, g.add_constant(np.array([0, 0, 1, 1, 0, 0, 0, 0], np.int64))], mode="edge")
    new.add("Conv", [padded, g.add_constant(kernel.reshape(out_ch, in_ch * 4, 2, 2), "phase_w")])
    return new


def _plain_conv(g, node, stride: int):
    """The weight of ``node`` if it is a Conv with constant weights, no bias, no padding of its own
    (reflection is a Pad before it), no groups or dilation and ``stride``; else None."""
    if (node.op_type != "Conv" or len(node.input) != 2 or attribute(node, "group", 1) != 1
            or attribute(node, "strides") != [stride, stride] or attribute(node, "dilations") != [1, 1]
            or attribute(node, "auto_pad", b"NOTSET") != b"NOTSET" or any(attribute(node, "pads", []))):
        return None
    return g.constant(node.input[1])


def _reflected_source(g, x):
    """``source`` when ``x`` is reflect-pad-1(source), else None."""
    pad = g.producer(x, "Pad")
    if pad is None or attribute(pad, "mode") != b"reflect" or g.values(pad.input[1]) != _PAD_ONE:
        return None
    return pad.input[0]


def _upsampled_source(g, x):
    """``source`` when ``x`` is reflect-pad-1(nearest-x2(source)), else None."""
    padded = _reflected_source(g, x)
    resize = None if padded is None else g.producer(padded, "Resize")
    scales = repeat_scales(g, resize)
    return resize.input[0] if scales is not None and list(scales) == [1, 1, 2, 2] else None


def _channel_constant(g, name):
    """The values of a per-channel constant (an initializer, or a reshaped one), or None."""
    reshape = g.producer(name, "Reshape")
    value = g.constant(name if reshape is None else reshape.input[0])
    return None if value is None else value.reshape(-1)


def _phases_source(g, x, channels: int):
    """``(phases, bias, relu)`` when ``x`` is reflect-pad-1([relu]([bias +] depth-to-space-2(phases))) of
    ``channels`` channels, with a per-channel constant bias; else None."""
    padded = _reflected_source(g, x)
    if padded is None:
        return None
    relu = g.producer(padded, "Relu")
    x = padded if relu is None else relu.input[0]
    add, bias = g.producer(x, "Add"), None
    if add is not None:
        bias = _channel_constant(g, add.input[1])
        x = add.input[0]
    shuffle = g.producer(x, "DepthToSpace")
    if (shuffle is None or attribute(shuffle, "blocksize") != 2 or attribute(shuffle, "mode") != b"CRD"
            or (add is not None and (bias is None or bias.size != channels))):
        return None
    return shuffle.input[0], bias, relu is not None
