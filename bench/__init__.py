"""Benchmarks of policybot; each runs from the repository root as ``python -m bench.NAME`` (bench/README.md)."""
