"""A traced Paddle program as an ONNX model, translated op by op.

Each op becomes the ONNX nodes that compute it, whatever is around it; onnx_passes then rewrites patterns
for speed. Only the ops our networks produce are translated (convolutions, reflection padding, pooling,
instance norm, elementwise and shape ops); any other op is a clear error naming it.
"""
import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

from .onnx_passes.graph import needed

OPSET = 18
_DTYPES = {"float32": (np.float32, TensorProto.FLOAT), "float64": (np.float64, TensorProto.DOUBLE),
           "int32": (np.int32, TensorProto.INT32), "int64": (np.int64, TensorProto.INT64),
           "bool": (np.bool_, TensorProto.BOOL)}


def _dtype_name(dtype) -> str:
    """'float32', 'int64', ... of a paddle dtype or DataType."""
    text = str(dtype).lower().split(".")[-1].split(":")[0].strip(" <>")
    return {"float": "float32", "double": "float64", "int": "int32", "long": "int64"}.get(text, text)


class _Graph:
    """The ONNX graph under construction: PIR value ids map to ONNX tensor names."""

    def __init__(self, traced, norms: str):
        self.traced, self.norms, self.stats = traced, norms, []
        self.nodes, self.inits, self.inputs = [], [], []
        self.names, self.consts, self.lists = {}, {}, {}
        self.count = 0

    def fresh(self, hint="t") -> str:
        self.count += 1
        return f"{hint}_{self.count}"

    def node(self, op_type, inputs, **attrs) -> str:
        out = self.fresh(op_type.lower())
        self.nodes.append(helper.make_node(op_type, inputs, [out], **attrs))
        return out

    def constant(self, array, hint="c") -> str:
        name = self.fresh(hint)
        self.inits.append(numpy_helper.from_array(np.asarray(array), name))
        return name

    def name(self, value) -> str:
        """The ONNX name of a value; compile-time constants become initializers on first use."""
        if value.id not in self.names:
            self.names[value.id] = self.constant(self.consts[value.id])
        return self.names[value.id]

    def const(self, value):
        return self.consts[value.id]

    def cast_to(self, name, have, want) -> str:
        return name if have == want else self.node("Cast", [name], to=_DTYPES[want][1])


def _elementwise(onnx_op):
    def convert(g, op, ins):
        want = _dtype_name(op.results()[0].dtype)
        args = [g.cast_to(g.name(v), _dtype_name(v.dtype), want) for v in ins]
        return [g.node(onnx_op, args)]
    return convert


def _unary(onnx_op, **attrs):
    return lambda g, op, ins: [g.node(onnx_op, [g.name(ins[0])], **attrs)]


def _parameter(g, op, ins):
    value = op.results()[0]
    name = op.attrs()["parameter_name"]
    g.inits.append(numpy_helper.from_array(np.asarray(g.traced.params[value.id]), name))
    return [name]


def _data(g, op, ins):
    attrs = op.attrs()
    dims = [d if d >= 0 else f"{attrs['name']}_d{i}" for i, d in enumerate(attrs["shape"])]
    g.inputs.append(helper.make_tensor_value_info(attrs["name"], _DTYPES[_dtype_name(attrs["dtype"])][1], dims))
    return [attrs["name"]]


def _full_int_array(g, op, ins):
    attrs = op.attrs()
    g.consts[op.results()[0].id] = np.asarray(attrs["value"], dtype=_DTYPES[_dtype_name(attrs["dtype"])][0])
    return [None]


def _full(g, op, ins):
    attrs = op.attrs()
    dtype = _DTYPES[_dtype_name(attrs["dtype"])][0]
    g.consts[op.results()[0].id] = np.full(attrs["shape"], attrs["value"], dtype=dtype)
    return [None]


def _combine(g, op, ins):
    g.lists[op.results()[0].id] = ins
    return [None]


def _concat(g, op, ins):
    axis = int(g.const(ins[1]).reshape(-1)[0])
    return [g.node("Concat", [g.name(v) for v in g.lists[ins[0].id]], axis=axis)]


def _stack(g, op, ins):
    axis = op.attrs()["axis"]
    items = [g.name(v) for v in g.lists[ins[0].id]]
    return [g.node("Concat", [g.node("Unsqueeze", [n, g.constant(np.array([axis], np.int64))]) for n in items],
                   axis=axis)]


def _flatten(g, op, ins):
    attrs = op.attrs()
    start, stop = attrs["start_axis"], attrs["stop_axis"]
    source = g.name(ins[0])
    rank = len(ins[0].shape)
    start, stop = start % rank, stop % rank
    shape = g.node("Shape", [source])
    parts = [g.node("Slice", [shape, g.constant(np.array([0], np.int64)), g.constant(np.array([start], np.int64))]),
             g.constant(np.array([-1], np.int64)),
             g.node("Slice", [shape, g.constant(np.array([stop + 1], np.int64)),
                              g.constant(np.array([rank], np.int64))])]
    return [g.node("Reshape", [source, g.node("Concat", parts, axis=0)])]


def _scale(g, op, ins):
    attrs = op.attrs()
    x = g.name(ins[0])
    scale = g.const(ins[1]).reshape(-1)[0] if ins[1].id in g.consts else None
    dtype = _DTYPES[_dtype_name(ins[0].dtype)][0]
    bias = dtype(attrs["bias"])
    if attrs["bias_after_scale"]:
        if scale is None or scale != 1:
            x = g.node("Mul", [x, g.name(ins[1]) if scale is None else g.constant(dtype(scale))])
        return [g.node("Add", [x, g.constant(bias)]) if bias != 0 else x]
    x = g.node("Add", [x, g.constant(bias)]) if bias != 0 else x
    if scale is None or scale != 1:
        x = g.node("Mul", [x, g.name(ins[1]) if scale is None else g.constant(dtype(scale))])
    return [x]


def _pow(g, op, ins):
    x, y = g.name(ins[0]), op.attrs()["y"]
    if y == 2:
        return [g.node("Mul", [x, x])]
    return [g.node("Pow", [x, g.constant(np.float32(y))])]


def _clip(g, op, ins):
    low, high = (g.constant(np.float32(g.const(v).reshape(-1)[0])) for v in ins[1:3])
    return [g.node("Clip", [g.name(ins[0]), low, high])]


def _reduce(onnx_op):
    def convert(g, op, ins):
        axes = g.const(ins[1]).astype(np.int64).reshape(-1)
        inputs = [g.name(ins[0])] + ([g.constant(axes)] if axes.size else [])
        out = g.node(onnx_op, inputs, keepdims=int(op.attrs()["keepdim"]))
        return [g.cast_to(out, _dtype_name(ins[0].dtype), _dtype_name(op.results()[0].dtype))]
    return convert


def _full_like(g, op, ins):
    dtype = _dtype_name(op.attrs()["dtype"])
    fill = numpy_helper.from_array(g.const(ins[1]).astype(_DTYPES[dtype][0]).reshape(1))
    return [g.node("ConstantOfShape", [g.node("Shape", [g.name(ins[0])])], value=fill)]


def _conv_pads(attrs):
    p = list(attrs["paddings"])
    top, bottom, left, right = (p[0], p[0], p[1], p[1]) if len(p) == 2 else p
    common = {"strides": list(attrs["strides"]), "dilations": list(attrs["dilations"]),
              "group": int(attrs["groups"])}
    if attrs["padding_algorithm"] == "SAME":
        return {**common, "auto_pad": "SAME_UPPER"}
    if attrs["padding_algorithm"] == "VALID":
        return {**common, "pads": [0, 0, 0, 0]}
    return {**common, "pads": [top, left, bottom, right]}


def _conv(g, op, ins):
    attrs = op.attrs()
    if attrs["data_format"] != "NCHW":
        raise NotImplementedError(f"conv2d with data_format {attrs['data_format']}")
    return [g.node("Conv", [g.name(ins[0]), g.name(ins[1])], **_conv_pads(attrs))]


def _conv_transpose(g, op, ins):
    attrs = op.attrs()
    if len(ins) > 2 and ins[2].id in g.consts and g.const(ins[2]).size:
        raise NotImplementedError("conv2d_transpose with an explicit output size")
    extra = {"output_padding": list(attrs["output_padding"])} if attrs["output_padding"] else {}
    return [g.node("ConvTranspose", [g.name(ins[0]), g.name(ins[1])], **extra, **_conv_pads(attrs))]


def _pool(g, op, ins):
    attrs = op.attrs()
    if attrs["global_pooling"] or attrs["adaptive"] or attrs["padding_algorithm"] != "EXPLICIT":
        raise NotImplementedError("only explicit, non-adaptive pool2d is exported")
    kernel = [int(k) for k in g.const(ins[1]).reshape(-1)]
    p = list(attrs["paddings"])
    pads = [p[0], p[1], p[0], p[1]] if len(p) == 2 else [p[0], p[2], p[1], p[3]]
    common = {"kernel_shape": kernel, "strides": list(attrs["strides"]), "pads": pads,
              "ceil_mode": int(attrs["ceil_mode"])}
    if attrs["pooling_type"] == "max":
        return [g.node("MaxPool", [g.name(ins[0])], **common)]
    return [g.node("AveragePool", [g.name(ins[0])], count_include_pad=int(not attrs["exclusive"]), **common)]


def _axes(g, value):
    return g.constant(g.const(value).astype(np.int64).reshape(-1))


def _unsqueeze(g, op, ins):
    return [g.node("Unsqueeze", [g.name(ins[0]), _axes(g, ins[1])])]


def _squeeze(g, op, ins):
    return [g.node("Squeeze", [g.name(ins[0]), _axes(g, ins[1])])]


def _pad3d(g, op, ins):
    attrs = op.attrs()
    if attrs["data_format"] != "NCDHW":
        raise NotImplementedError(f"pad3d with data_format {attrs['data_format']}")
    left, right, top, bottom, front, back = (int(v) for v in g.const(ins[1]).reshape(-1))
    mode = {"reflect": "reflect", "replicate": "edge", "constant": "constant"}[attrs["mode"]]
    pads = [0, 0, front, top, left, 0, 0, back, bottom, right]
    inputs = [g.name(ins[0]), g.constant(np.array(pads, np.int64))]
    if mode == "constant":
        inputs.append(g.constant(np.float32(attrs["pad_value"])))
    return [g.node("Pad", inputs, mode=mode)]


def _slice(g, op, ins):
    attrs = op.attrs()
    starts, ends = (g.const(v).astype(np.int64).reshape(-1) for v in ins[1:3])
    out = g.node("Slice", [g.name(ins[0]), g.constant(starts), g.constant(ends),
                           g.constant(np.array(attrs["axes"], np.int64))])
    if attrs["decrease_axis"]:
        out = g.node("Squeeze", [out, g.constant(np.array(attrs["decrease_axis"], np.int64))])
    return [out]


def _reshape(g, op, ins):
    return [g.node("Reshape", [g.name(ins[0]), _axes(g, ins[1])])] + [None] * (op.num_results() - 1)


def _expand(g, op, ins):
    shape = g.const(ins[1]).astype(np.int64).reshape(-1)
    return [g.node("Expand", [g.name(ins[0]), g.constant(np.where(shape < 0, 1, shape))])]


def _matmul(g, op, ins):
    attrs = op.attrs()
    a, b = g.name(ins[0]), g.name(ins[1])
    if attrs["transpose_x"]:
        a = g.node("Transpose", [a], perm=_swap_last(len(ins[0].shape)))
    if attrs["transpose_y"]:
        b = g.node("Transpose", [b], perm=_swap_last(len(ins[1].shape)))
    return [g.node("MatMul", [a, b])]


def _swap_last(rank):
    return list(range(rank - 2)) + [rank - 1, rank - 2]


def _instance_norm(g, op, ins):
    channels, x = ins[0].shape[1], g.name(ins[0])
    scale = g.name(ins[1]) if ins[1].initialized() else g.constant(np.ones(channels, np.float32))
    bias = g.name(ins[2]) if ins[2].initialized() else g.constant(np.zeros(channels, np.float32))
    eps = float(op.attrs()["epsilon"])
    index = len(g.stats)
    if g.norms == "fixed":  # (x - mean) / sqrt(var + eps) * scale + bias with the given statistics
        mean, var = f"mean{index}", f"var{index}"
        g.inputs += [helper.make_tensor_value_info(n, TensorProto.FLOAT, [1, channels, 1, 1]) for n in (mean, var)]
        g.stats.append((mean, var))
        per_channel = g.constant(np.array([1, -1, 1, 1], np.int64))
        inverse_std = g.node("Reciprocal", [g.node("Sqrt", [g.node("Add", [var, g.constant(np.float32(eps))])])])
        gain = g.node("Mul", [g.node("Reshape", [scale, per_channel]), inverse_std])
        shift = g.node("Sub", [g.node("Reshape", [bias, per_channel]), g.node("Mul", [mean, gain])])
        out = g.node("Add", [g.node("Mul", [x, gain]), shift])
    else:
        out = g.node("InstanceNormalization", [x, scale, bias], epsilon=eps)
        if g.norms == "record":
            axes = g.constant(np.array([2, 3], np.int64))
            mean = g.node("ReduceMean", [x, axes], keepdims=1)
            centred = g.node("Sub", [x, mean])
            g.stats.append((mean, g.node("ReduceMean", [g.node("Mul", [centred, centred]), axes], keepdims=1)))
    return [out] + [None] * (op.num_results() - 1)


def _batch_norm(g, op, ins):
    x, mean, var, scale, bias = ins[:5]
    out = g.node("BatchNormalization", [g.name(x), g.name(scale), g.name(bias), g.name(mean), g.name(var)],
                 epsilon=float(op.attrs()["epsilon"]))
    return [out] + [None] * (op.num_results() - 1)


def _prelu(g, op, ins):
    slope = g.name(ins[1])
    if op.attrs().get("mode") == "channel":
        slope = g.node("Reshape", [slope, g.constant(np.array([-1, 1, 1], np.int64))])
    return [g.node("PRelu", [g.name(ins[0]), slope])]


def _relu6(g, op, ins):
    return [g.node("Clip", [g.name(ins[0]), g.constant(np.float32(0)), g.constant(np.float32(6))])]


def _leaky_relu(g, op, ins):
    return [g.node("LeakyRelu", [g.name(ins[0])], alpha=float(op.attrs()["negative_slope"]))]


def _pixel_shuffle(g, op, ins):
    attrs = op.attrs()
    if attrs.get("data_format", "NCHW") != "NCHW":
        raise NotImplementedError("pixel_shuffle in NHWC")
    return [g.node("DepthToSpace", [g.name(ins[0])], blocksize=int(attrs["upscale_factor"]), mode="CRD")]


def _bicubic_interp(g, op, ins):
    """Bicubic resizing by scale factors (Paddle's: a = -0.75, half-pixel centres, edge pixels repeated)."""
    attrs = op.attrs()
    if attrs["data_format"] != "NCHW" or attrs["align_corners"] or len(attrs["scale"]) != 2:
        raise NotImplementedError("bicubic_interp other than NCHW by two scale factors without aligned corners")
    scales = g.constant(np.array([1.0, 1.0, *attrs["scale"]], np.float32))
    return [g.node("Resize", [g.name(ins[0]), "", scales], mode="cubic", cubic_coeff_a=-0.75,
                   coordinate_transformation_mode="half_pixel", exclude_outside=0)]


def _cast(g, op, ins):
    return [g.node("Cast", [g.name(ins[0])], to=_DTYPES[_dtype_name(op.attrs()["dtype"])][1])]


CONVERTERS = {
    "builtin.parameter": _parameter, "pd_op.data": _data, "pd_op.full_int_array": _full_int_array,
    "pd_op.full": _full, "builtin.combine": _combine, "pd_op.concat": _concat, "pd_op.stack": _stack,
    "pd_op.flatten": _flatten, "pd_op.scale": _scale, "pd_op.add": _elementwise("Add"),
    "pd_op.subtract": _elementwise("Sub"), "pd_op.multiply": _elementwise("Mul"),
    "pd_op.divide": _elementwise("Div"), "pd_op.maximum": _elementwise("Max"), "pd_op.pow": _pow,
    "pd_op.sqrt": _unary("Sqrt"), "pd_op.relu": _unary("Relu"), "pd_op.sigmoid": _unary("Sigmoid"),
    "pd_op.tanh": _unary("Tanh"), "pd_op.relu6": _relu6, "pd_op.leaky_relu": _leaky_relu,
    "pd_op.clip": _clip, "pd_op.mean": _reduce("ReduceMean"), "pd_op.sum": _reduce("ReduceSum"),
    "pd_op.numel": _unary("Size"), "pd_op.cast": _cast, "pd_op.full_like": _full_like,
    "pd_op.conv2d": _conv, "pd_op.depthwise_conv2d": _conv, "pd_op.conv2d_transpose": _conv_transpose,
    "pd_op.pool2d": _pool, "pd_op.unsqueeze": _unsqueeze, "pd_op.squeeze": _squeeze, "pd_op.pad3d": _pad3d,
    "pd_op.slice": _slice, "pd_op.reshape": _reshape, "pd_op.expand": _expand, "pd_op.matmul": _matmul,
    "pd_op.instance_norm": _instance_norm, "pd_op.batch_norm": _batch_norm, "pd_op.batch_norm_": _batch_norm,
    "pd_op.prelu": _prelu, "pd_op.pixel_shuffle": _pixel_shuffle, "pd_op.bicubic_interp": _bicubic_interp,
}


def translate(traced, norms: str) -> onnx.ModelProto:
    """The program of a :class:`~.export.Traced` as an ONNX model (opset 18) with outputs out0, out1, ...
    (``norms`` as for :func:`~.export.to_onnx`)."""
    g = _Graph(traced, norms)
    for op in traced.program.global_block().ops:
        convert = CONVERTERS.get(op.name())
        if convert is None:
            raise NotImplementedError(f"no ONNX translation for the paddle op {op.name()}")
        ins = list(op.operands_source())
        for value, name in zip(op.results(), convert(g, op, ins)):
            if name is not None:
                g.names[value.id] = name
    if norms == "record":
        results = [(name, stat, TensorProto.FLOAT) for i, pair in enumerate(g.stats)
                   for name, stat in zip((f"mean{i}", f"var{i}"), pair)]
    else:
        results = [(f"out{i}", g.name(v), _DTYPES[_dtype_name(v.dtype)][1]) for i, v in enumerate(traced.outputs)]
    g.nodes += [helper.make_node("Identity", [source], [name]) for name, source, _ in results]
    nodes = needed(g.nodes, [name for name, _, _ in results])
    used = {i for node in nodes for i in node.input}
    outputs = [helper.make_tensor_value_info(name, dtype, None) for name, _, dtype in results]
    graph = helper.make_graph(nodes, "huafeng", g.inputs, outputs,
                              [init for init in g.inits if init.name in used])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="huafeng")
    model.ir_version = 8
    return model
