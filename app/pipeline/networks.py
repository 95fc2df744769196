"""The loaded networks (the last few used are kept) and the graphs of their functions for the backends."""
import threading
import weakref
from collections import OrderedDict

from . import backends, zoo

_NETWORKS = OrderedDict()  # model id -> loaded network, the one used last at the end
NETWORKS = 4
_networks_lock = threading.Lock()


def network(model_id: str):
    """The loaded network of a model (the last ``NETWORKS`` used are kept for reuse)."""
    with _networks_lock:
        net = _NETWORKS.pop(model_id, None)
    if net is None:
        net = zoo.load(zoo.get(model_id))
    with _networks_lock:
        _NETWORKS[model_id] = net
        while len(_NETWORKS) > NETWORKS:
            _NETWORKS.popitem(last=False)
    return net


def forget_networks(keep=None) -> None:
    """Let go of the loaded networks, all but ``keep``'s."""
    with _networks_lock:
        for model_id in [m for m in _NETWORKS if m != keep]:
            del _NETWORKS[model_id]


_DIGESTS = weakref.WeakKeyDictionary()  # network -> weights digest (follows network()'s cache, cleared or not)


def digest(model_id: str) -> str:
    """The digest of a model's weights (see :func:`backends.weights_digest`), computed once per loaded network."""
    net = network(model_id)
    if net not in _DIGESTS:
        _DIGESTS[net] = backends.weights_digest(net)
    return _DIGESTS[net]


def graph(model_id: str, variant: str, make, specs, norms: str = "plain", even: bool = True) -> backends.Graph:
    """The :class:`backends.Graph` of ``make()`` for ``model_id``'s current weights; ``variant`` names the function
    (and its size class) in the cache. ``norms`` and ``even`` as for :class:`backends.Graph`."""
    suffix = "" if norms == "plain" else f"-{norms}"
    key = backends.graph_key(model_id, digest(model_id), variant + suffix)
    return backends.Graph(key, make, tuple(specs), norms, even)
