"""Speed and memory benchmark for article2md (issue 6); run `python benchmarks/run.py`."""
