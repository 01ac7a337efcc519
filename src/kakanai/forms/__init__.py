"""kakanai.forms (see docs/DEVELOPING.md for the layer rules)."""
