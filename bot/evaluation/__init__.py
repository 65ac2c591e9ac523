"""Measuring answer and retrieval quality on question files, BEIR and SQuAD-format data sets."""
