"""kakanai.store (see docs/DEVELOPING.md for the layer rules)."""
