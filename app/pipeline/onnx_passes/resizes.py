"""Nearest-neighbour upsampling as one Resize node."""
import numpy as np

from .graph import Graph, attribute


def stacked_copies_as_resize(model):
    """flatten(stack([x] * k, axis + 1), axis, axis + 1), each element of x repeated k times along ``axis``
    (how models.pyramid writes nearest upsampling), becomes one Resize of x: no k copies, no Concat."""
    g = Graph(model)
    for node in list(g.nodes):
        found = _stacked_copies(g, node)
        if found is not None:
            g.replace(node, _resize(g, *found))
    return g.model()


def _stacked_copies(g, reshape):
    """``(x, scales)`` when ``reshape`` is flatten(stack([x] * k, axis + 1), axis, axis + 1), else None."""
    flattened = _flattened_axes(g, reshape)
    concat = None if flattened is None else g.producer(reshape.input[0], "Concat")
    if concat is None:
        return None
    start, stop, rank = flattened
    unsqueezes = [g.producer(name, "Unsqueeze") for name in concat.input]
    if (stop != start + 1 or attribute(concat, "axis") != stop or None in unsqueezes
            or any(g.values(u.input[1]) != [stop] for u in unsqueezes) or len({u.input[0] for u in unsqueezes}) != 1):
        return None
    scales = np.ones(rank - 1, np.float32)
    scales[start] = len(unsqueezes)
    return unsqueezes[0].input[0], scales


def merged_resizes(model):
    """A nearest repeat of a nearest repeat (e.g. x2 along the width, then along the height) becomes one
    Resize by the product of their scales: one pass over the largest tensor instead of two."""
    g = Graph(model)
    for node in list(g.nodes):
        outer = repeat_scales(g, node)
        inner = None if outer is None else g.producer(node.input[0], "Resize")
        scales = repeat_scales(g, inner)
        if scales is not None and len(scales) == len(outer):
            g.replace(node, _resize(g, inner.input[0], scales * outer))
    return g.model()


def repeat_scales(g, node):
    """The scales of ``node`` if it is a Resize that repeats each element a whole number of times along each
    axis (nearest, asymmetric, floor, constant scales), else None."""
    if (node is None or node.op_type != "Resize" or len(node.input) != 3 or node.input[1]
            or attribute(node, "mode") != b"nearest" or attribute(node, "nearest_mode") != b"floor"
            or attribute(node, "coordinate_transformation_mode") != b"asymmetric"):
        return None
    scales = g.constant(node.input[2])
    return scales if scales is not None and np.all(scales == np.round(scales)) else None


def _resize(g, x, scales) -> list:
    new = g.new_nodes()
    new.add("Resize", [x, "", g.add_constant(scales.astype(np.float32))], mode="nearest",
            coordinate_transformation_mode="asymmetric", nearest_mode="floor")
    return new


def _flattened_axes(g, reshape):
    """``(start, stop, rank)`` when ``reshape`` is the translation of flatten(x, start, stop) for an x of rank
    ``rank``: x reshaped to Concat(Shape(x)[0:start], [-1], Shape(x)[stop + 1:rank]); else None."""
    concat = None if reshape.op_type != "Reshape" else g.producer(reshape.input[1], "Concat")
    if concat is None or len(concat.input) != 3 or g.values(concat.input[1]) != [-1]:
        return None
    head, tail = g.producer(concat.input[0], "Slice"), g.producer(concat.input[2], "Slice")
    shape = None if head is None or tail is None else g.producer(head.input[0], "Shape")
    if shape is None or tail.input[0] != head.input[0] or shape.input[0] != reshape.input[0]:
        return None
    bounds = [g.values(name) for name in (*head.input[1:], *tail.input[1:])]  # 0, start, stop + 1, rank
    if [len(b or []) for b in bounds] != [1, 1, 1, 1] or bounds[0] != [0]:
        return None
    return bounds[1][0], bounds[2][0] - 1, bounds[3][0]
