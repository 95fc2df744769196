"""Rewrites of an exported ONNX model that onnxruntime runs faster, with the same numbers.

Each pass is a function ``ModelProto -> ModelProto`` that replaces one pattern wherever it occurs and
leaves the rest as it is; :func:`app.pipeline.export.to_onnx` lists the ones it applies, in order.
"""
from .phase_convs import (large_convs_by_phases, strided_convs_on_phases, transposed_convs_by_phases,
                          upsampled_convs_by_phases)
from .resizes import expanded_copies_as_resize, merged_resizes, stacked_copies_as_resize

__all__ = ["expanded_copies_as_resize", "large_convs_by_phases", "merged_resizes", "stacked_copies_as_resize",
           "strided_convs_on_phases", "transposed_convs_by_phases", "upsampled_convs_by_phases"]
