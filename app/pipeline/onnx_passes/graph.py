"""An ONNX model's graph opened for a rewrite: look nodes up by the tensors they make, put new nodes in their place."""
import numpy as np
import onnx
from onnx import helper, numpy_helper


class Graph:
    """An editable copy of a model's graph. A pass looks at nodes (:meth:`producer`, :meth:`readers`,
    :meth:`constant`), swaps one for new nodes making the same tensor (:meth:`new_nodes`, :meth:`replace`)
    or drops a no-op (:meth:`bypass`); :meth:`model` is the result, without what no output depends on any
    more."""

    def __init__(self, model: onnx.ModelProto):
        self.source = model
        self.nodes = [_copy(node) for node in model.graph.node]  # the rewrite leaves ``model`` as it is
        self.initializers = {init.name: init for init in model.graph.initializer}
        self.made = {out: node for node in self.nodes for out in node.output}
        self.outputs = {o.name for o in model.graph.output}
        self.taken = set(self.made) | set(self.initializers) | {i.name for i in model.graph.input}

    def producer(self, name: str, op_type: str):
        """The node of ``op_type`` that makes ``name``, or None."""
        node = self.made.get(name)
        return node if node is not None and node.op_type == op_type else None

    def readers(self, name: str) -> list:
        """The nodes that read ``name``."""
        return [node for node in self.nodes if name in node.input]

    def constant(self, name: str):
        """The value of the initializer ``name``, or None when ``name`` is computed."""
        init = self.initializers.get(name)
        return None if init is None else numpy_helper.to_array(init)

    def values(self, name: str):
        """The values of the initializer ``name`` as a flat list, or None when ``name`` is computed."""
        value = self.constant(name)
        return None if value is None else value.reshape(-1).tolist()

    def fresh(self, hint: str) -> str:
        """A tensor name not used yet."""
        count = len(self.taken)
        while f"{hint}_{count}" in self.taken:
            count += 1
        self.taken.add(f"{hint}_{count}")
        return f"{hint}_{count}"

    def add_constant(self, array, hint="c") -> str:
        """A new initializer holding ``array``; its name."""
        name = self.fresh(hint)
        self.initializers[name] = numpy_helper.from_array(np.asarray(array), name)
        return name

    def new_nodes(self) -> "NewNodes":
        """An empty list of new nodes to build a :meth:`replace` with."""
        return NewNodes(self)

    def replace(self, old, new: list) -> None:
        """Put the nodes ``new`` where ``old`` is; the last of them makes ``old``'s output instead."""
        new[-1].output[0] = old.output[0]
        index = next(i for i, node in enumerate(self.nodes) if node is old)
        self.nodes[index:index + 1] = new
        self.made.update({out: node for node in new for out in node.output})

    def bypass(self, node) -> None:
        """Drop ``node``, which passes its first input through: its readers read that input instead."""
        source, result = node.input[0], node.output[0]
        if result in self.outputs:
            self.replace(node, [helper.make_node("Identity", [source], [result])])
            return
        self.nodes.remove(node)
        del self.made[result]
        for reader in self.nodes:
            reader.input[:] = [source if name == result else name for name in reader.input]

    def model(self) -> onnx.ModelProto:
        """The rewritten model, keeping only the nodes and initializers its outputs depend on."""
        nodes = needed(self.nodes, list(self.outputs))
        read = {name for node in nodes for name in node.input}
        model = onnx.ModelProto()
        model.CopyFrom(self.source)
        model.graph.ClearField("node")
        model.graph.ClearField("initializer")
        model.graph.node.extend(nodes)
        model.graph.initializer.extend(init for name, init in self.initializers.items() if name in read)
        return model


class NewNodes(list):
    """Nodes made for a :meth:`Graph.replace`, in the order they run."""

    def __init__(self, graph: Graph):
        super().__init__()
        self.graph = graph

    def add(self, op_type: str, inputs: list, **attrs) -> str:
        """Append a node; the name of the tensor it makes."""
        out = self.graph.fresh(op_type.lower())
        self.append(helper.make_node(op_type, inputs, [out], **attrs))
        return out


def needed(nodes: list, outputs: list) -> list:
    """The ``nodes`` (in their order) that the tensors ``outputs`` depend on."""
    producer = {out: node for node in nodes for out in node.output}
    kept, stack = set(), list(outputs)
    while stack:
        node = producer.get(stack.pop())
        if node is not None and id(node) not in kept:
            kept.add(id(node))
            stack.extend(name for name in node.input if name)
    return [node for node in nodes if id(node) in kept]


def _copy(node):
    copy = onnx.NodeProto()
    copy.CopyFrom(node)
    return copy


def attribute(node, name: str, default=None):
    """The value of ``node``'s attribute ``name`` (strings as bytes), or ``default``."""
    found = next((a for a in node.attribute if a.name == name), None)
    return default if found is None else helper.get_attribute_value(found)
