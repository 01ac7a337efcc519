"""kakanai.card (see docs/DEVELOPING.md for the layer rules)."""
