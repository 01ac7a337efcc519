"""kakanai.ui (see docs/DEVELOPING.md for the layer rules)."""
