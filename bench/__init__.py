"""Benchmarks: ``make bench`` (``python -m bench [name ...]``). See bench/README.md."""
