"""Nearest-neighbour upsampling as one Resize node."""
import numpy as np

from .graph import Graph, attribute

_NEAREST = {"mode": "nearest", "coordinate_transformation_mode": "asymmetric", "nearest_mode": "floor"}


def merged_resizes(model):
    """A nearest repeat of a nearest repeat (e.g. x2 along the width, then along the height) becomes one
    Resize by the product of their scales: one pass over the largest tensor instead of two."""
    g = Graph(model)
    for node in list(g.nodes):
        outer = repeats(g, node)
        inner = None if outer is None else g.producer(node.input[0], "Resize")
        scales = repeats(g, inner)
        if scales is not None and len(scales) == len(outer):
            new = g.new_nodes()
            new.add("Resize", [inner.input[0], "", g.add_constant((scales * outer).astype(np.float32))],
                    **_NEAREST)
            g.replace(node, new)
    return g.model()


def repeats(g, node):
    """The scales of ``node`` if it is a Resize that repeats each element a whole number of times along each
    axis (nearest, asymmetric, floor, constant scales), else None."""
    if (node is None or node.op_type != "Resize" or len(node.input) != 3 or node.input[1]
            or attribute(node, "mode") != b"nearest" or attribute(node, "nearest_mode") != b"floor"
            or attribute(node, "coordinate_transformation_mode") != b"asymmetric"):
        return None
    scales = g.constant(node.input[2])
    return scales if scales is not None and np.all(scales == np.round(scales)) else None
