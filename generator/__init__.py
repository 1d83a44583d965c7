"""authorsite: a static site generator for researchers' author pages."""

__version__ = "0.1.0"
