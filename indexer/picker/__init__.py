"""The answer model: a sentence picker trained here (train/), served by onnxruntime, and its calibration."""
