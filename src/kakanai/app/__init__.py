"""kakanai.app (see docs/DEVELOPING.md for the layer rules)."""
