"""Integration tests use the `workers` fixture of tests/conftest.py (tests/workers.py)."""
