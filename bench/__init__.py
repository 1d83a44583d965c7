"""Benchmarks: synthetic sites (synth) and the build timing driver (run)."""
