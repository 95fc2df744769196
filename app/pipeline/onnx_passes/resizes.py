"""Nearest-neighbour upsampling as one Resize node."""
import numpy as np

from .graph import attribute


def repeats(g, node):
    """The scales of ``node`` if it is a Resize that repeats each element a whole number of times along each
    axis (nearest, asymmetric, floor, constant scales), else None."""
    if (node is None or node.op_type != "Resize" or len(node.input) != 3 or node.input[1]
            or attribute(node, "mode") != b"nearest" or attribute(node, "nearest_mode") != b"floor"
            or attribute(node, "coordinate_transformation_mode") != b"asymmetric"):
        return None
    scales = g.constant(node.input[2])
    return scales if scales is not None and np.all(scales == np.round(scales)) else None
