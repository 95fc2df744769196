"""Padding of an image as a 4-D Pad."""
from .graph import Graph, attribute


def pads_in_4d(model):
    """squeeze(pad(unsqueeze(x, 2)), 2) with no padding along the added axis (how Paddle pads an NCHW image:
    pad3d with a depth of 1) becomes one 4-D Pad of x: two nodes fewer at every padded conv, and the
    reflection padding the phase-conv passes look for."""
    g = Graph(model)
    for pad in list(g.nodes):
        found = _unsqueezed_pad(g, pad)
        if found is not None:
            x, pads = found
            new = g.new_nodes()
            new.add("Pad", [x, g.add_constant(pads), *pad.input[2:]], mode=attribute(pad, "mode", b"constant"))
            g.replace(pad, new)
            for squeeze in g.readers(pad.output[0]):
                g.bypass(squeeze)
    return g.model()


def _unsqueezed_pad(g, pad):
    """``(x, 4-D pads)`` when ``pad`` pads unsqueeze(x, 2) along H and W only and each of its readers
    squeezes axis 2 away again, else None."""
    if pad.op_type != "Pad" or len(pad.input) > 3 or pad.output[0] in g.outputs:
        return None
    unsqueeze = g.producer(pad.input[0], "Unsqueeze")
    pads = None if unsqueeze is None else g.constant(pad.input[1])
    if pads is None or len(pads) != 10 or any(pads[[0, 1, 2, 5, 6, 7]]) or g.values(unsqueeze.input[1]) != [2]:
        return None
    readers = g.readers(pad.output[0])
    if not readers or any(r.op_type != "Squeeze" or g.values(r.input[1]) != [2] for r in readers):
        return None
    return unsqueeze.input[0], pads[[0, 1, 3, 4, 5, 6, 8, 9]]
