"""Training the answer model (indexer/picker/): data, twins, vocabulary, fine-tuning, export, calibration.

Not product code: it may import torch; the product never imports it. ``python -m train.answer``
rebuilds everything (docs/answering.md).
"""
