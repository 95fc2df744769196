"""Rewrites of an exported ONNX model that onnxruntime runs faster, with the same numbers.

Each pass is a function ``ModelProto -> ModelProto`` that replaces one pattern wherever it occurs and
leaves the rest as it is; :func:`app.pipeline.export.to_onnx` lists the ones it applies, in order.
"""
from .pads import pads_in_4d
from .phase_convs import (large_convs_by_phases, strided_convs_on_phases, transposed_convs_by_phases,
                          upsampled_convs_by_phases)
from .resizes import merged_resizes, stacked_copies_as_resize

__all__ = ["pads_in_4d", "stacked_copies_as_resize", "merged_resizes",
           "transposed_convs_by_phases", "large_convs_by_phases", "upsampled_convs_by_phases",
           "strided_convs_on_phases"]
