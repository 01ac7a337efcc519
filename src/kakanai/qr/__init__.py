"""kakanai.qr (see docs/DEVELOPING.md for the layer rules)."""
