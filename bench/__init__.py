"""Benchmarks for the quality bars of PRODUCT.md §8; run them all with `python -m bench` (`make bench`)."""
