"""Embedding models behind one contract (``base.Encoder``), one module per backend, one factory."""
